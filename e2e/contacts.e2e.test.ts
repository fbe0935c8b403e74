import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { demoAndChromium } from './browser.js';
import { LOGIN_CODE, outboxMessages, waitForCode } from './dev-outbox.js';
import { focused, tabTo } from './keyboard.js';

const demo = demoAndChromium();

// Demo seed (README): Johanna de Vries and her daughter Marieke, also mantelzorger of Hendrik van der Meer.
const johanna = { username: 'j.de.vries', password: 'DeLinde-demo1!', mobile: '+31612345678' };
const marieke = { username: 'm.de.vries', password: 'DeLinde-naaste1!', mobile: '+31687654321' };
/** The person Johanna invites in this test; her account exists only after the activation. */
const anna = { username: 'a.bakker', password: 'Mantelzorg-Anna-7!', mobile: '+31611223344' };
const CONFIRMATION_CODE = /Uw bevestigingscode is \d{4}-(\d{6})/;

/** A person of their own: a browser context with its own cookies, on De Linde's example page. */
async function signIn(person: typeof johanna): Promise<Page> {
  const context = await demo.browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await page.goto(`${demo.server.url}/`);
  await page.waitForSelector('care-login form[data-step="login"]', { timeout: 15_000 });
  const before = (await outboxMessages(demo.server.url, person.mobile, 1))[0]?.id ?? null;
  await page.fill('care-login input[name="username"]', person.username);
  await page.fill('care-login input[name="password"]', person.password);
  await page.keyboard.press('Enter');
  await page.waitForSelector('care-login form[data-step="code"]');
  const code = (await waitForCode(demo.server.url, person.mobile, LOGIN_CODE, before)).code;
  await page.fill('care-login input[autocomplete="one-time-code"]', code.split('-')[1]!);
  await page.keyboard.press('Enter');
  return page;
}

const shadowText = (page: Page, selector: string) =>
  page.evaluate((s) => {
    const [host, inner] = s.split(' >> ');
    const el = document.querySelector(host!)?.shadowRoot?.querySelector(inner!);
    return (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
  }, selector);

describe('a contact person ("naaste") of Johanna de Vries on the example page of Zorggroep De Linde', () => {
  it('is added by the client with an SMS code, reads what her rights allow, and is signed out when removed', async () => {
    const client = await signIn(johanna);
    await client.waitForSelector('care-login form[data-step="done"]', { timeout: 15_000 });

    // The client adds a person in <care-contacts>; the fresh SMS code confirms it.
    const contacts = client.locator('care-contacts');
    await contacts.getByRole('button', { name: 'Contactpersoon toevoegen' }).click();
    await contacts.getByLabel('Naam', { exact: true }).fill('Anna Bakker');
    await contacts.getByLabel('E-mailadres').fill('anna.bakker@example.nl');
    await contacts.getByLabel('Mobiel nummer').fill('06 11223344');
    await contacts.getByLabel('Wat is deze persoon van u?').selectOption('informal-carer');
    await contacts.getByRole('checkbox', { name: /^Rapportages/ }).check();
    const before = (await outboxMessages(demo.server.url, johanna.mobile, 1))[0]?.id ?? null;
    await contacts.getByRole('button', { name: 'Verder' }).click();
    const { code } = await waitForCode(demo.server.url, johanna.mobile, CONFIRMATION_CODE, before);
    await contacts.locator('input[autocomplete="one-time-code"]').fill(code);
    await contacts.getByRole('button', { name: 'Bevestigen' }).click();
    await contacts.getByText('Anna Bakker is toegevoegd. Er is een uitnodiging gestuurd naar anna.bakker@example.nl.').waitFor();
    const [invitation] = (await outboxMessages(demo.server.url, 'anna.bakker@example.nl')).filter((m) => m.channel === 'email');
    const token = new URL(/https?:\/\/\S*[?&]activate=\S+/.exec(invitation!.body)![0]).searchParams.get('activate')!;

    // Anna opens the link, confirms her own mobile number (not a date of birth) and chooses her login.
    const activation = await demo.browser.newContext({ viewport: { width: 390, height: 844 } });
    const opened = await activation.newPage();
    await opened.goto(`${demo.server.url}/?activate=${encodeURIComponent(token)}`);
    await opened.waitForSelector('care-login input[name="mobile"]', { timeout: 15_000 });
    expect(await opened.locator('care-login input[name="dateOfBirth"]').count()).toBe(0);
    await opened.fill('care-login input[name="mobile"]', '06 11223344');
    await opened.keyboard.press('Enter');
    await opened.waitForSelector('care-login form[data-step="activate-choose"]', { timeout: 15_000 });
    await opened.fill('care-login input[name="username"]', anna.username);
    await opened.fill('care-login input[name="password"]', anna.password);
    await opened.fill('care-login input[name="repeatPassword"]', anna.password);
    await opened.keyboard.press('Enter');
    await opened.waitForSelector('care-login form[data-step="login"]', { timeout: 15_000 });
    await activation.close();

    // She signs in with her own SMS code: her one client's file, reports yes, measurements no.
    const annaPage = await signIn(anna);
    // A new account accepts the terms of use first, as every client does.
    await annaPage.waitForSelector('care-login form[data-step="terms"]', { timeout: 15_000 });
    await tabTo(annaPage, 'input:Ik ga akkoord met de gebruiksvoorwaarden', 5);
    await annaPage.keyboard.press('Space');
    await tabTo(annaPage, 'button:Doorgaan', 3);
    await annaPage.keyboard.press('Enter');
    await annaPage.waitForSelector('care-login form[data-step="done"]', { timeout: 15_000 });
    await annaPage.waitForFunction(
      () => (document.querySelector('care-reports')?.shadowRoot?.querySelectorAll('[part~="item"]').length ?? 0) > 0,
      undefined,
      { timeout: 15_000 },
    );
    await annaPage.waitForFunction(() => document.querySelector('care-measurements')?.shadowRoot?.querySelector('[part~="no-access"]'));
    expect(await shadowText(annaPage, 'care-measurements >> [part~="no-access"]')).toBe(
      'U heeft geen toegang tot de metingen van Johanna de Vries.',
    );

    // Marieke signs in, chooses her mother's file with the keyboard, reads the reports and is refused the measurements.
    const contact = await signIn(marieke);
    await contact.waitForFunction(
      () =>
        document.querySelector('care-portal')?.shadowRoot?.querySelector('[part~="client-picker"] h2')?.textContent ===
        'Van wie wilt u het dossier bekijken?',
      undefined,
      { timeout: 15_000 },
    );
    expect(await focused(contact)).toBe('h2:Van wie wilt u het dossier bekijken?');
    await tabTo(contact, /^button:Johanna de Vries/);
    await contact.keyboard.press('Enter');
    await contact.waitForFunction(
      () => (document.querySelector('care-reports')?.shadowRoot?.querySelectorAll('[part~="item"]').length ?? 0) > 0,
      undefined,
      {
        timeout: 15_000,
      },
    );
    await contact.waitForFunction(() => document.querySelector('care-measurements')?.shadowRoot?.querySelector('[part~="no-access"]'));
    expect(await shadowText(contact, 'care-measurements >> [part~="no-access"]')).toBe(
      'U heeft geen toegang tot de metingen van Johanna de Vries.',
    );
    expect(await shadowText(contact, 'care-measurements >> [role="alert"]')).toBe('');
    expect(await shadowText(contact, 'care-portal >> [part~="client-bar"] p')).toBe('U bekijkt het dossier van Johanna de Vries.');
    // Without the profile right, her mother's personal data says so; her own number and address ("Uw eigen gegevens") are hers.
    await contact.waitForFunction(() => document.querySelector('care-profile')?.shadowRoot?.querySelector('[part~="own"] dl'), undefined, {
      timeout: 15_000,
    });
    expect(await shadowText(contact, 'care-profile >> [part~="no-access"]')).toBe(
      'U heeft geen toegang tot de persoonlijke gegevens van Johanna de Vries.',
    );
    expect(await shadowText(contact, 'care-profile >> [part~="own"] dl')).toContain(marieke.mobile);

    // The client removes Anna while she is signed in: her next view shows she is signed out.
    const annaItem = contacts.locator('li', { hasText: 'Anna Bakker' });
    await annaItem.getByRole('button', { name: /^Verwijderen/ }).click();
    await contacts.locator('dialog').getByRole('button', { name: 'Verwijderen' }).click();
    await contacts.getByText('Anna Bakker heeft geen toegang meer tot uw cliëntportaal.').waitFor();

    await annaPage.reload();
    await annaPage.waitForSelector('care-login form[data-step="login"]', { timeout: 15_000 });
    expect(await annaPage.locator('care-reports [part~="item"]').count()).toBe(0);
    await client.context().close();
    await contact.context().close();
    await annaPage.context().close();
  });
});
