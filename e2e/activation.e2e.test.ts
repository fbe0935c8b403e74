import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { demoAndChromium } from './browser.js';
import { LOGIN_CODE, outboxMessages, waitForCode } from './dev-outbox.js';
import { focused, tabTo } from './keyboard.js';

const demo = demoAndChromium();

// The invited client of Zorggroep De Linde in the demo seed (README: date of birth 12-03-1947).
const invited = { email: 'g.bakker@example.nl', mobilePhone: '+31656789012', displayName: 'G. Bakker' };

const outbox = (recipient: string) => outboxMessages(demo.server.url, recipient);
const smsCode = async (phone: string) => (await waitForCode(demo.server.url, phone, LOGIN_CODE)).code;

async function typeDate(page: Page, isoDate: string) {
  await page.fill('care-login input[name="dateOfBirth"]', isoDate);
  expect(await focused(page)).toBe('input:Geboortedatum');
}

describe('activating the invited demo account of Zorggroep De Linde from its e-mail', () => {
  it('opens the link, proves the date of birth, chooses username and password, and then logs in up to the SMS code', async () => {
    const [mail, ...more] = (await outbox(invited.email)).filter((m) => m.channel === 'email');
    expect(more).toEqual([]);
    expect(mail!.subject).toBe('Uw account voor het cliëntportaal van Zorggroep De Linde');
    const link = /^(http\S+\?activate=\S+)$/m.exec(mail!.body)?.[1];
    expect(link).toBeDefined();
    // The link opens De Linde's example page, on the port this demo runs on.
    const url = new URL(link!);
    expect(`${url.origin}${url.pathname}`).toBe(`${demo.server.url}/`);

    const page = await demo.browser.newPage({ viewport: { width: 390, height: 844 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(link!);
    await page.waitForSelector('care-login form[data-step="activate"]', { timeout: 15_000 });
    // A wrong date of birth first: the link stays open, the Dutch error is announced.
    await tabTo(page, 'input:Geboortedatum');
    await typeDate(page, '1947-03-13');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() =>
      document.querySelector('care-login [role="alert"]')?.textContent?.includes('De geboortedatum is niet juist'),
    );
    expect(await page.isVisible('care-login form[data-step="activate"]')).toBe(true);

    await tabTo(page, 'input:Geboortedatum');
    await typeDate(page, '1947-03-12');
    await page.keyboard.press('Enter');

    // Username (the e-mail address by default) and password with its checklist.
    await page.waitForSelector('care-login form[data-step="activate-choose"]');
    await tabTo(page, 'input:Gebruikersnaam');
    expect(await page.inputValue('care-login input[name="username"]')).toBe(invited.email);
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('input:Wachtwoord');
    await page.keyboard.type('Linde-Zomer-2025!');
    expect(await page.isDisabled('care-login button[type="submit"]')).toBe(true);
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('input:Wachtwoord (herhaal)');
    await page.keyboard.type('Linde-Zomer-2025');
    expect(await page.isDisabled('care-login button[type="submit"]')).toBe(true);
    await page.keyboard.type('!');
    expect(await page.isDisabled('care-login button[type="submit"]')).toBe(false);
    expect(await page.locator('care-login .checklist li.no').count()).toBe(0);
    await page.keyboard.press('Enter');

    // Activated: back at the login with the chosen username filled in.
    await page.waitForSelector('care-login form[data-step="login"]');
    expect(await page.textContent('care-login [role="status"]')).toContain('Het account is geactiveerd.');
    expect(await page.inputValue('care-login input[name="username"]')).toBe(invited.email);
    // The used token leaves the address bar, so a reload does not start the activation again.
    expect(new URL(page.url()).searchParams.has('activate')).toBe(false);
    await tabTo(page, 'input:Wachtwoord');
    await page.keyboard.type('Linde-Zomer-2025!');
    await page.keyboard.press('Enter');

    await page.waitForSelector('care-login form[data-step="code"]');
    expect(await smsCode(invited.mobilePhone)).toMatch(/^\d{4}-\d{6}$/);

    // The link worked once: opening it again says at once that the account is active, with the
    // focus on that (on a phone the login scrolls into view), and leads to the login.
    await page.goto(link!);
    await page.waitForFunction(() => document.querySelector('care-login h2')?.textContent === 'Uw account is al actief', undefined, {
      timeout: 15_000,
    });
    expect(await page.textContent('care-login form')).toContain(
      'Uw account is al geactiveerd. U kunt inloggen met uw gebruikersnaam en wachtwoord.',
    );
    expect(await page.isVisible('care-login input[name="dateOfBirth"]')).toBe(false);
    expect(await focused(page)).toBe('h2:Uw account is al actief');
    await tabTo(page, 'button:Naar inloggen');
    await page.keyboard.press('Enter');
    await page.waitForSelector('care-login form[data-step="login"]');
    expect(new URL(page.url()).searchParams.has('activate')).toBe(false);

    expect(errors).toEqual([]);
    await page.close();
  });
});
