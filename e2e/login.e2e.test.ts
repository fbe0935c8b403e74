import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './browser.js';
import { startDemoServer, type DemoServer } from './demo-server.js';

let server: DemoServer;
let browser: Browser;

beforeAll(async () => {
  server = await startDemoServer();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** The newest login code the dev outbox holds for a phone number, as the client reads it in the SMS. */
async function smsCode(phone: string): Promise<string> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const response = await fetch(`${server.url}/dev/outbox?recipient=${encodeURIComponent(phone)}&limit=1`);
    const [message] = (await response.json()) as Array<{ body: string }>;
    const match = message && /Uw inlogcode is (\d{4}-\d{6})/.exec(message.body);
    if (match) return match[1]!;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`No login code for ${phone} in the dev outbox`);
}

/** What has the keyboard focus, described the way a screen reader user would hear it. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el) return '';
    const label = el instanceof HTMLInputElement ? (el.labels?.[0]?.textContent ?? el.name) : el.textContent;
    return `${el.localName}:${(label ?? '').trim()}`;
  });

/** Presses Tab until the focus is on what `target` describes (at most `max` times). */
async function tabTo(page: Page, target: string, max = 40) {
  for (let i = 0; i < max; i += 1) {
    if ((await focused(page)) === target) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${target}; the focus is on ${await focused(page)}`);
}

describe('first login on the example page of Zorggroep De Linde, with the keyboard only', () => {
  it('goes from username and password through the SMS code, a new password and the terms to signed in, and out again', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${server.url}/`);
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
    const session = await page.evaluate(() => (document.querySelector('care-portal') as unknown as { portalState: { session: { displayName: string } | null } }).portalState.session);
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
