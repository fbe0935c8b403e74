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

/** The newest SMS of the dev outbox for `phone` that matches `pattern` and is not `afterId`. */
async function sms(phone: string, pattern: RegExp, afterId: string | null = null): Promise<{ id: string; code: string }> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const response = await fetch(`${server.url}/dev/outbox?recipient=${encodeURIComponent(phone)}&limit=1`);
    const [message] = (await response.json()) as Array<{ id: string; body: string }>;
    const match = message && message.id !== afterId ? pattern.exec(message.body) : null;
    if (match) return { id: message!.id, code: match[1]! };
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`No SMS matching ${pattern} for ${phone} in the dev outbox`);
}

/** What has the keyboard focus, inside shadow roots too, as a screen reader user would hear it. */
const focused = (page: Page) =>
  page.evaluate(() => {
    let el = document.activeElement as HTMLElement | null;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement as HTMLElement;
    if (!el) return '';
    const label = el instanceof HTMLInputElement ? (el.labels?.[0]?.textContent ?? el.name) : el.textContent;
    return `${el.localName}:${(label ?? '').replace(/\s+/g, ' ').trim()}`;
  });

/** Presses Tab until the focus is on what `target` describes (at most `max` times). */
async function tabTo(page: Page, target: string | RegExp, max = 80) {
  for (let i = 0; i < max; i += 1) {
    const now = await focused(page);
    if (typeof target === 'string' ? now === target : target.test(now)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${target}; the focus is on ${await focused(page)}`);
}

describe('the client plan on the example page of Zorggroep De Linde, with the keyboard only', () => {
  it('signs in with the SMS code, signs the undecided plan with a fresh SMS code and shows "Ondertekend door … op …"', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${server.url}/`);
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
    expect(await page.locator('care-plan [part~="item"]').first().locator('[part~="status-badge"]').textContent()).toBe('Nog niet ondertekend');

    await tabTo(page, 'button:Ondertekenen');
    await page.keyboard.press('Enter');
    // The code step takes the focus; the SMS says "Uw bevestigingscode is 1234-567890".
    await expect.poll(() => focused(page), { timeout: 10_000 }).toBe('input:Bevestigingscode');
    const confirmation = await sms('+31612345678', /Uw bevestigingscode is \d{4}-(\d{6})/, login.id);
    await page.keyboard.type(confirmation.code);
    await page.keyboard.press('Enter');

    const decision = page.locator('care-plan [part~="item"]').first().locator('[part~="decision"]');
    await decision.waitFor({ timeout: 10_000 });
    expect((await decision.textContent())!.replace(/\s+/g, ' ').trim()).toMatch(/^Ondertekend door J\.M\. de Vries op \w+ \d{1,2} \w+\.? \d{4}, \d{2}:\d{2}$/);
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
