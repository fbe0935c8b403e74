import { describe, expect, it } from 'vitest';
import { demoAndChromium } from './browser.js';
import { waitForCode } from './dev-outbox.js';
import { focused, tabTo } from './keyboard.js';

const demo = demoAndChromium();

const sms = (phone: string, pattern: RegExp, afterId: string | null = null) => waitForCode(demo.server.url, phone, pattern, afterId);

describe('the client plan on the example page of Zorggroep De Linde, with the keyboard only', () => {
  it('signs in with the SMS code, signs the undecided plan with a fresh SMS code and shows "Ondertekend door … op …"', async () => {
    const page = await demo.browser.newPage({ viewport: { width: 390, height: 844 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${demo.server.url}/`);
    await page.waitForSelector('care-login form[data-step="login"]', { timeout: 15_000 });

    // Before login the plan widget says the client is not signed in.
    await page.locator('care-plan p', { hasText: 'U bent niet ingelogd' }).waitFor({ timeout: 15_000 });

    await tabTo(page, 'input:Gebruikersnaam');
    await page.keyboard.type('j.de.vries');
    await page.keyboard.press('Tab');
    await page.keyboard.type('DeLinde-demo1!');
    await page.keyboard.press('Enter');
    await page.waitForSelector('care-login form[data-step="code"]');
    const login = await sms('+31612345678', /Uw inlogcode is \d{4}-(\d{6})/);
    await tabTo(page, 'input:Inlogcode', 5);
    await page.keyboard.type(login.code);
    await page.keyboard.press('Enter');
    await page.waitForSelector('care-login form[data-step="done"]');

    // The plan list loads with the session: the newest plan is undecided.
    const sign = page.locator('care-plan [part~="sign"]');
    await sign.waitFor({ timeout: 15_000 });
    expect(await page.locator('care-plan [part~="item"]').count()).toBe(2);
    expect(await page.locator('care-plan [part~="item"]').first().locator('[part~="status-badge"]').textContent()).toBe(
      'Nog niet ondertekend',
    );

    await tabTo(page, 'button:Ondertekenen');
    await page.keyboard.press('Enter');
    // The code step takes the focus; the SMS says "Uw bevestigingscode is 1234-567890".
    await expect.poll(() => focused(page), { timeout: 10_000 }).toBe('input:Bevestigingscode');
    const confirmation = await sms('+31612345678', /Uw bevestigingscode is \d{4}-(\d{6})/, login.id);
    await page.keyboard.type(confirmation.code);
    await page.keyboard.press('Enter');

    const decision = page.locator('care-plan [part~="item"]').first().locator('[part~="decision"]');
    await decision.waitFor({ timeout: 10_000 });
    expect((await decision.textContent())!.replace(/\s+/g, ' ').trim()).toMatch(
      /^Ondertekend door J\.M\. de Vries op \w+ \d{1,2} \w+\.? \d{4}, \d{2}:\d{2}$/,
    );
    expect(await focused(page)).toMatch(/^p:Ondertekend door J\.M\. de Vries op /);
    expect(await page.locator('care-plan [part~="sign"]').count()).toBe(0);

    // Decided for good: after a reload the plan still shows who signed, and no buttons.
    await page.reload();
    await page.locator('care-plan [part~="decision"]').first().waitFor({ timeout: 15_000 });
    expect(await page.locator('care-plan [part~="item"]').first().textContent()).toContain('Ondertekend door J.M. de Vries');
    expect(await page.locator('care-plan [part~="sign"]').count()).toBe(0);

    expect(errors).toEqual([]);
    await page.close();
  });
});
