import type { Browser } from 'playwright-core';
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

describe('the demo, as a care organisation’s web team first sees it', () => {
  it('prints the demo credentials and reports its database ready', async () => {
    expect(server.output()).toMatch(/zorggroep-de-linde/);
    const ready = await fetch(`${server.url}/readyz`);
    expect(await ready.json()).toMatchObject({ status: 'ready', database: { kind: 'pglite', reachable: true } });
  });

  it('serves the example host page, whose <care-portal> from the bundle loads its tenant', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('response', (response) => {
      if (response.status() >= 400) errors.push(`${response.status()} ${response.url()}`);
    });
    await page.goto(`${server.url}/`);
    await expect.poll(() => page.evaluate(() => Boolean(customElements.get('care-portal')))).toBe(true);
    await page.waitForSelector('care-portal[state="ready"]', { timeout: 15_000 });
    expect(await page.title()).toMatch(/De Linde/);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('keeps the dev outbox open in demo mode', async () => {
    const response = await fetch(`${server.url}/dev/outbox`);
    expect(response.status).toBe(200);
    expect(Array.isArray(await response.json())).toBe(true);
  });
});
