import { createRequire } from 'node:module';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, type ExpectStatic, it } from 'vitest';
import { demoAndChromium } from './browser.js';
import { LOGIN_CODE, outboxMessages, waitForCode } from './dev-outbox.js';
import { focused, tabTo } from './keyboard.js';

/**
 * The login's less-travelled steps on the built widgets (dist/, with <care-login>'s internal
 * property names renamed by the build): resend with its countdown, "Deze computer vertrouwen",
 * "Wachtwoord vergeten" and "Mijn inloggegevens". Each test has its own demo account, so they
 * run at once: the resend countdown's 30 seconds pass while the others run.
 */

// otplib is the BFF's dependency; here it is the client's authenticator app.
const { authenticator } = createRequire(new URL('../packages/bff/package.json', import.meta.url))('otplib') as {
  authenticator: { clone(options: { epoch?: number }): { generate(secret: string): string } };
};
/** The app's code for `secret`, `ahead` 30-second steps from now (a step once used is refused, so the next login takes the next one). */
const appCode = (secret: string, ahead = 0) => authenticator.clone({ epoch: Date.now() + ahead * 30_000 }).generate(secret);

const demo = demoAndChromium();

const DE_LINDE = () => `${demo.server.url}/`;
const HET_BAKEN = () => `${demo.server.url}/examples/het-baken.html`;

/** The newest message to `recipient` in the dev outbox, or null. */
const newestId = async (recipient: string) => (await outboxMessages(demo.server.url, recipient, 1))[0]?.id ?? null;

interface Opened {
  context: BrowserContext;
  page: Page;
  errors: string[];
}

/** A fresh browser (own cookies) on `url`, with the login's first screen shown. */
async function open(url: string): Promise<Opened> {
  const context = await demo.browser.newContext({ viewport: { width: 390, height: 844 } });
  // A step that does not come fails in seconds, not at the test's timeout.
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(url);
  await page.waitForSelector('care-login form[data-step="login"]', { timeout: 15_000 });
  return { context, page, errors };
}

/** Username and password with the keyboard, sent with Enter. */
async function signIn(page: Page, expect: ExpectStatic, username: string, password: string) {
  await tabTo(page, 'input:Gebruikersnaam');
  await page.keyboard.press('Control+A');
  await page.keyboard.type(username);
  await page.keyboard.press('Tab');
  expect(await focused(page)).toBe('input:Wachtwoord');
  await page.keyboard.type(password);
  await page.keyboard.press('Enter');
}

/** On the code step: the 6 digits after the prefix, then Enter. */
async function typeCode(page: Page, code: string) {
  await tabTo(page, /^input:(Inlogcode|Verificatiecode)$/, 10);
  await page.keyboard.type(code.split('-').at(-1)!);
  await page.keyboard.press('Enter');
}

const text = (page: Page, selector: string) => page.textContent(`care-login ${selector}`).then((t) => t?.replace(/\s+/g, ' ').trim());

/** "U kunt over 29 seconden een nieuwe code aanvragen.": the seconds it says. */
async function countdownSeconds(page: Page, expect: ExpectStatic) {
  const shown = await text(page, '.care-login__countdown');
  const seconds = Number(/^U kunt over (\d+) seconden een nieuwe code aanvragen\.$/.exec(shown ?? '')?.[1]);
  expect(seconds, shown).toBeGreaterThan(20);
  expect(seconds, shown).toBeLessThanOrEqual(30);
  return shown;
}

async function logOut(page: Page, expect: ExpectStatic) {
  await tabTo(page, 'button:Uitloggen');
  await page.keyboard.press('Enter');
  await page.waitForSelector('care-login form[data-step="login"]');
  expect(await text(page, '[part="notice"]')).toBe('U bent uitgelogd.');
}

describe.concurrent('the login steps few clients see, on the built widgets, with the keyboard only', () => {
  it('"Opnieuw versturen" waits out its countdown, then sends a new SMS code that signs in', async ({ expect }) => {
    const phone = '+31612345678'; // j.de.vries, Zorggroep De Linde
    const { context, page, errors } = await open(DE_LINDE());
    await signIn(page, expect, 'j.de.vries', 'DeLinde-demo1!');
    await page.waitForSelector('care-login form[data-step="code"]');
    const first = await waitForCode(demo.server.url, phone, LOGIN_CODE);

    // Right after the SMS: the button waits, says why, and the keyboard passes it by.
    const countdown = await countdownSeconds(page, expect);
    expect(await page.isDisabled('care-login button[part~="resend"]')).toBe(true);
    // De Linde trusts no computer: the choice is not offered.
    expect(await text(page, 'form')).not.toContain('Deze computer vertrouwen');
    await page.waitForFunction(
      (before) => document.querySelector('care-login .care-login__countdown')?.textContent?.trim() !== before,
      countdown,
      {
        timeout: 3000,
      },
    );
    await tabTo(page, 'input:Inlogcode', 5);
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('button:Inloggen');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('button:Terug naar inloggen');

    // After 30 seconds the countdown is gone and the button works.
    await page.waitForSelector('care-login .care-login__countdown', { state: 'detached', timeout: 35_000 });
    expect(await page.isDisabled('care-login button[part~="resend"]')).toBe(false);
    await page.keyboard.press('Shift+Tab');
    expect(await focused(page)).toBe('button:Opnieuw versturen');
    await page.keyboard.press('Enter');

    const second = await waitForCode(demo.server.url, phone, LOGIN_CODE, first.id);
    await page.waitForFunction(
      () => document.querySelector('care-login [part="notice"]')?.textContent === 'Er is een nieuwe inlogcode verstuurd.',
    );
    expect(await focused(page)).toBe('input:Inlogcode');
    expect(await text(page, '.care-code__prefix')).toBe(`${second.code.split('-')[0]}-`);
    await countdownSeconds(page, expect);
    expect(await page.isDisabled('care-login button[part~="resend"]')).toBe(true);

    await page.keyboard.type(second.code.split('-')[1]!);
    await page.keyboard.press('Enter');
    await page.waitForSelector('care-login form[data-step="done"]');
    expect(await text(page, 'form')).toContain('U bent ingelogd als J.M. de Vries.');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('"Deze computer vertrouwen" lets the next login on this computer skip the code, and no other', async ({ expect }) => {
    const email = 's.kodde@example.nl'; // Thuiszorg Het Baken: the code by e-mail, 7 days of trust
    const { context, page, errors } = await open(HET_BAKEN());
    await signIn(page, expect, email, 'HetBaken-Mentor-1');
    await page.waitForSelector('care-login form[data-step="code"]');
    expect(await text(page, 'form p')).toMatch(/^Wij hebben een e-mail met uw inlogcode gestuurd naar \S+@example\.nl\./);
    const code = await waitForCode(demo.server.url, email, LOGIN_CODE);
    await tabTo(page, 'input:Inlogcode', 5);
    await page.keyboard.type(code.code.split('-')[1]!);
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('input:Deze computer vertrouwen voor 7 dagen');
    expect(await text(page, '.care-login__check .care-login__hint')).toBe(
      'Doe dit alleen op uw eigen computer. U hoeft dan 7 dagen geen inlogcode in te vullen.',
    );
    await page.keyboard.press('Space');
    expect(await page.isChecked('care-login input[name="trustDevice"]')).toBe(true);
    await page.keyboard.press('Enter');
    await page.waitForSelector('care-login form[data-step="done"]');
    await logOut(page, expect);

    // The same computer: straight from the password to signed in, and no e-mail.
    const before = await newestId(email);
    await signIn(page, expect, email, 'HetBaken-Mentor-1');
    await page.waitForSelector('care-login form[data-step="done"]');
    expect(await text(page, 'form')).toContain('U bent ingelogd als Sanne Kodde.');
    expect(await newestId(email)).toBe(before);
    await logOut(page, expect);

    // Another computer (no cookie of this one) still gets the code.
    const other = await open(HET_BAKEN());
    await signIn(other.page, expect, email, 'HetBaken-Mentor-1');
    await other.page.waitForSelector('care-login form[data-step="code"]');
    expect(await newestId(email)).not.toBe(before);

    expect([...errors, ...other.errors]).toEqual([]);
    await other.context.close();
    await context.close();
  });

  it('"Wachtwoord vergeten?" mails a link whose page sets a new password, which then signs in', async ({ expect }) => {
    const email = 'marieke.devries@example.nl'; // m.de.vries, contact person at Zorggroep De Linde
    const { context, page, errors } = await open(DE_LINDE());
    await tabTo(page, 'button:Wachtwoord vergeten?');
    await page.keyboard.press('Enter');
    await page.waitForSelector('care-login form[data-step="forgot"]');
    expect(await focused(page)).toBe('h2:Wachtwoord vergeten');
    await tabTo(page, 'input:Gebruikersnaam', 5);
    await page.keyboard.type('m.de.vries');
    await page.keyboard.press('Enter');
    await page.waitForSelector('care-login form[data-step="forgot-sent"]');
    expect(await text(page, 'form p')).toBe('Als dit account bestaat, ontvangt u een e-mail met een link.');

    const mail = await waitForCode(demo.server.url, email, /^(http\S+\?reset=\S+)$/m);
    const [message] = await outboxMessages(demo.server.url, email, 1);
    expect(message!.subject).toBe('Nieuw wachtwoord voor het cliëntportaal');
    const link = new URL(mail.code);
    expect(`${link.origin}${link.pathname}`).toBe(DE_LINDE());

    await page.goto(link.href);
    await page.waitForSelector('care-login form[data-step="reset"] input[name="newPassword"]', { timeout: 15_000 });
    expect(await focused(page)).toBe('h2:Nieuw wachtwoord instellen');
    await tabTo(page, 'input:Nieuw wachtwoord', 5);
    await page.keyboard.type('Vergeten-Linde-42');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('input:Nieuw wachtwoord (herhaal)');
    await page.keyboard.type('Vergeten-Linde-42');
    expect(await page.locator('care-login .checklist li.no').count()).toBe(0);
    await page.keyboard.press('Enter');

    await page.waitForSelector('care-login form[data-step="login"]');
    expect(await text(page, '[part="notice"]')).toBe('Uw wachtwoord is gewijzigd. U kunt nu inloggen met uw nieuwe wachtwoord.');
    expect(new URL(page.url()).searchParams.has('reset')).toBe(false);

    // The old password no longer works; the new one does.
    await signIn(page, expect, 'm.de.vries', 'DeLinde-naaste1!');
    await page.waitForFunction(() => document.querySelector('care-login [role="alert"]')?.textContent?.includes('niet juist'));
    await page.keyboard.press('Control+A');
    await page.keyboard.type('Vergeten-Linde-42');
    await page.keyboard.press('Enter');
    await page.waitForSelector('care-login form[data-step="code"]');
    await typeCode(page, (await waitForCode(demo.server.url, '+31687654321', LOGIN_CODE)).code);
    await page.waitForSelector('care-login form[data-step="done"]', { state: 'attached' });
    expect(await text(page, 'form')).toContain('U bent ingelogd als Marieke de Vries.');
    // She is a contact person of two clients: the portal asks whose file to show, in place of its content.
    await page
      .locator('care-portal [part~="client-picker"] h2', { hasText: 'Van wie wilt u het dossier bekijken?' })
      .waitFor({ timeout: 15_000 });

    // The link worked once.
    await page.goto(link.href);
    await page.waitForFunction(() => document.querySelector('care-login h2')?.textContent === 'Deze link werkt niet meer', undefined, {
      timeout: 15_000,
    });
    expect(await text(page, 'form')).toContain('Deze link is al gebruikt. Een link werkt maar één keer.');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('"Mijn inloggegevens" changes the password and enrols an authenticator app, which the next login asks for', async ({ expect }) => {
    const email = 'w.dejonge@example.nl'; // Thuiszorg Het Baken: e-mail or an authenticator app
    const { context, page, errors } = await open(HET_BAKEN());
    await signIn(page, expect, email, 'HetBaken-demo-2024!');
    await page.waitForSelector('care-login form[data-step="code"]');
    await typeCode(page, (await waitForCode(demo.server.url, email, LOGIN_CODE)).code);
    await page.waitForSelector('care-login form[data-step="done"]');

    await tabTo(page, 'button:Mijn inloggegevens');
    await page.keyboard.press('Enter');
    await page.waitForSelector('care-login form[data-step="account-factor"]');
    expect(await focused(page)).toBe('h2:Mijn inloggegevens');

    // The password: current, new twice, Enter.
    await tabTo(page, 'input:Huidig wachtwoord', 5);
    await page.keyboard.type('HetBaken-demo-2024!');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('input:Nieuw wachtwoord');
    await page.keyboard.type('Baken-Najaar-2026!');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Baken-Najaar-2026!');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('care-login form[data-step="account"] [part="notice"]')?.textContent?.trim());
    expect(await text(page, 'form[data-step="account"] [part="notice"]')).toBe(
      'Uw wachtwoord is gewijzigd. U blijft ingelogd op dit apparaat; elders bent u uitgelogd.',
    );

    // The second factor: the e-mail now, the app offered; choosing it shows the QR code and the key.
    const factor = 'form[data-step="account-factor"]';
    expect(await text(page, `${factor} legend`)).toBe('Inlogcode ontvangen');
    await tabTo(page, /^input:Per e-mail naar \S+@example\.nl \(huidige instelling\)$/);
    await page.keyboard.press('ArrowDown');
    expect(await focused(page)).toBe('input:Met een authenticator-app');
    await page.waitForSelector(`care-login ${factor} img.care-account__qr`);
    expect(await page.getAttribute(`care-login ${factor} img`, 'alt')).toMatch(/^QR-code voor de authenticator-app \(.+\)$/);
    expect(await text(page, `${factor} .care-account__key-label`)).toBe('Sleutel om met de hand in te vullen');
    const key = (await text(page, `${factor} .care-account__key`))!.replace(/\s/g, '');
    expect(key).toMatch(/^[A-Z2-7]{16,}$/);

    // A wrong code first, then the app's.
    await tabTo(page, 'input:Code uit de app', 5);
    await page.keyboard.type(String((Number(appCode(key)) + 1) % 1_000_000).padStart(6, '0'));
    await page.keyboard.press('Enter');
    await page.waitForFunction((f) => document.querySelector(`care-login ${f} [role="alert"]`)?.textContent?.trim(), factor);
    expect(await focused(page)).toBe('input:Code uit de app');
    await page.keyboard.press('Control+A');
    await page.keyboard.type(appCode(key));
    await page.keyboard.press('Enter');
    await page.waitForFunction((f) => document.querySelector(`care-login ${f} [part="notice"]`)?.textContent?.trim(), factor);
    expect(await text(page, `${factor} [part="notice"]`)).toBe(
      'De authenticator-app is ingesteld. U logt voortaan in met een code uit de app.',
    );
    expect(await text(page, `${factor} label[for$="factor-totp"]`)).toBe('Met een authenticator-app (huidige instelling)');

    await tabTo(page, 'button:Terug');
    await page.keyboard.press('Enter');
    await page.waitForSelector('care-login form[data-step="done"]');
    await logOut(page, expect);

    // The next login: the new password, then the app's code; no e-mail.
    const before = await newestId(email);
    await signIn(page, expect, email, 'Baken-Najaar-2026!');
    await page.waitForSelector('care-login form[data-step="code"]');
    expect(await text(page, 'form p')).toBe('Open de authenticator-app op uw telefoon en vul de code van 6 cijfers in.');
    expect(await page.locator('care-login button[part~="resend"]').count()).toBe(0);
    await typeCode(page, appCode(key, 1));
    await page.waitForSelector('care-login form[data-step="done"]');
    expect(await text(page, 'form')).toContain('U bent ingelogd als W. de Jonge.');
    expect(await newestId(email)).toBe(before);
    expect(errors).toEqual([]);
    await context.close();
  });
});
