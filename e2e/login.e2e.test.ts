import { describe, expect, it } from 'vitest';
import { demoAndChromium } from './browser.js';
import { LOGIN_CODE, waitForCode } from './dev-outbox.js';
import { focused, tabTo } from './keyboard.js';

const demo = demoAndChromium();

const smsCode = async (phone: string) => (await waitForCode(demo.server.url, phone, LOGIN_CODE)).code;

describe('first login on the example page of Zorggroep De Linde, with the keyboard only', () => {
  it('goes from username and password through the SMS code, a new password and the terms to signed in, and out again', async () => {
    const page = await demo.browser.newPage({ viewport: { width: 390, height: 844 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${demo.server.url}/`);
    await page.waitForSelector('care-login form[data-step="login"]', { timeout: 15_000 });

    await tabTo(page, 'input:Gebruikersnaam');
    await page.keyboard.type('h.van.der.meer');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('input:Wachtwoord');
    await page.keyboard.type('Start-Linde-27');
    await page.keyboard.press('Enter');

    // The code step: its heading has the focus, the prefix is filled in, the 6 digits follow it.
    await page.waitForSelector('care-login form[data-step="code"]');
    expect(await focused(page)).toBe('h2:Inlogcode invullen');
    const code = await smsCode('+31623456789');
    const [prefix, digits] = code.split('-') as [string, string];
    expect(await page.textContent('care-login .care-code__prefix')).toBe(`${prefix}-`);
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('input:Inlogcode');
    await page.keyboard.type(digits);
    await page.keyboard.press('Enter');

    // First login: a new password, which the checklist approves before the button works.
    await page.waitForSelector('care-login form[data-step="password"]');
    expect(await focused(page)).toBe('h2:Nieuw wachtwoord kiezen');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('input:Nieuw wachtwoord');
    await page.keyboard.type('Linde-Lente-2025!');
    expect(await page.isDisabled('care-login button[type="submit"]')).toBe(true);
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('input:Nieuw wachtwoord (herhaal)');
    await page.keyboard.type('Linde-Lente-2025!');
    expect(await page.isDisabled('care-login button[type="submit"]')).toBe(false);
    expect(await page.locator('care-login .checklist li.no').count()).toBe(0);
    await page.keyboard.press('Enter');

    // The terms of use: read, tick, continue.
    await page.waitForSelector('care-login form[data-step="terms"]');
    expect(await focused(page)).toBe('h2:Gebruiksvoorwaarden');
    await tabTo(page, 'input:Ik ga akkoord met de gebruiksvoorwaarden', 5);
    await page.keyboard.press('Space');
    await tabTo(page, 'button:Doorgaan', 3);
    await page.keyboard.press('Enter');

    await page.waitForSelector('care-login form[data-step="done"]');
    expect(await page.textContent('care-login')).toContain('U bent ingelogd als H.J. van der Meer.');
    const session = await page.evaluate(
      () =>
        (document.querySelector('care-portal') as unknown as { portalState: { session: { displayName: string } | null } }).portalState
          .session,
    );
    expect(session?.displayName).toBe('H.J. van der Meer');

    // A reload keeps the session; "Uitloggen" ends it.
    await page.reload();
    await page.waitForSelector('care-login form[data-step="done"]', { timeout: 15_000 });
    await tabTo(page, 'button:Uitloggen');
    await page.keyboard.press('Enter');
    await page.waitForSelector('care-login form[data-step="login"]');
    expect(await page.textContent('care-login [role="status"]')).toBe('U bent uitgelogd.');

    // The old password no longer works; the new one does (up to the code step).
    await tabTo(page, 'input:Gebruikersnaam');
    await page.keyboard.type('h.van.der.meer');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Start-Linde-27');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('care-login [role="alert"]')?.textContent?.includes('niet juist'));
    expect(await focused(page)).toBe('input:Wachtwoord');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('Linde-Lente-2025!');
    await page.keyboard.press('Enter');
    await page.waitForSelector('care-login form[data-step="code"]');

    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('the end of a session is visible in every tab', () => {
  it('logs out in one tab and shows the login, with the reason, in the other at once', async () => {
    const context = await demo.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const here = await context.newPage();
    const errors: string[] = [];
    here.on('pageerror', (error) => errors.push(error.message));
    await here.goto(`${demo.server.url}/`);
    await here.waitForSelector('care-login form[data-step="login"]', { timeout: 15_000 });
    await tabTo(here, 'input:Gebruikersnaam');
    await here.keyboard.type('j.de.vries');
    await here.keyboard.press('Tab');
    await here.keyboard.type('DeLinde-demo1!');
    await here.keyboard.press('Enter');
    await here.waitForSelector('care-login form[data-step="code"]');
    const [, digits] = (await smsCode('+31612345678')).split('-') as [string, string];
    await here.keyboard.press('Tab');
    await here.keyboard.type(digits);
    await here.keyboard.press('Enter');
    await here.waitForSelector('care-login form[data-step="done"]');

    // The same portal in a second tab: signed in there too, with the client's reports.
    const otherTab = await context.newPage();
    otherTab.on('pageerror', (error) => errors.push(error.message));
    await otherTab.goto(`${demo.server.url}/`);
    await otherTab.waitForSelector('care-login form[data-step="done"]', { timeout: 15_000 });
    await otherTab.waitForFunction(() => document.querySelector('care-reports')?.shadowRoot?.querySelector('[part="item"]'), undefined, {
      timeout: 15_000,
    });

    await tabTo(here, 'button:Uitloggen');
    await here.keyboard.press('Enter');
    await here.waitForSelector('care-login form[data-step="login"]');

    await otherTab.waitForSelector('care-login form[data-step="login"]', { timeout: 5000 });
    expect(await otherTab.textContent('care-login [part="notice"]')).toBe('U bent in een ander venster uitgelogd.');
    expect(await otherTab.textContent('care-login')).not.toContain('U bent ingelogd als');
    await otherTab.waitForFunction(
      () => document.querySelector('care-reports')?.shadowRoot?.textContent?.includes('U bent niet ingelogd.'),
      undefined,
      { timeout: 5000 },
    );
    expect(await otherTab.evaluate(() => document.querySelector('care-reports')!.shadowRoot!.querySelector('[part="item"]'))).toBeNull();
    expect(errors).toEqual([]);
    await context.close();
  });
});
