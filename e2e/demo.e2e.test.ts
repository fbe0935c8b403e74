import { describe, expect, it } from 'vitest';
import { demoAndChromium } from './browser.js';

const demo = demoAndChromium();

describe('the demo, as a care organisation’s web team first sees it', () => {
  it('prints the demo credentials and reports its database ready', async () => {
    expect(demo.server.output()).toMatch(/zorggroep-de-linde/);
    const ready = await fetch(`${demo.server.url}/readyz`);
    expect(await ready.json()).toMatchObject({ status: 'ready', database: { kind: 'pglite', reachable: true } });
  });

  it('serves the example host page, whose <care-portal> loads its tenant', async () => {
    const page = await demo.browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('response', (response) => {
      if (response.status() >= 400) errors.push(`${response.status()} ${response.url()}`);
    });
    await page.goto(`${demo.server.url}/`);
    await expect.poll(() => page.evaluate(() => Boolean(customElements.get('care-portal')))).toBe(true);
    await page.waitForSelector('care-portal[state="ready"]', { timeout: 15_000 });
    expect(await page.title()).toMatch(/De Linde/);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('gives the bundle page a working <care-access-log> from its own module, beside the bundle', async () => {
    const page = await demo.browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${demo.server.url}/examples/het-baken.html`);
    await page.waitForSelector('care-portal[state="ready"]', { timeout: 15_000 });
    // Signed out, the widget follows the bundle's portal and says so, like every other widget.
    const signedOut = await page.waitForFunction(
      () =>
        document.querySelector('care-access-log')?.shadowRoot?.querySelector('.results[aria-busy="false"] [role="status"]')?.textContent,
      null,
      { timeout: 15_000 },
    );
    expect(await signedOut.jsonValue()).toBe('U bent niet ingelogd. Log in om uw gegevens te zien.');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('gives a page with only the loader working widgets, fetching the modules of the tags in it and no others', async () => {
    const page = await demo.browser.newPage();
    const problems: string[] = [];
    const scripts: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    page.on('response', (response) => {
      if (response.status() >= 400) problems.push(`${response.status()} ${response.url()}`);
      if (response.url().includes('/widgets/')) scripts.push(new URL(response.url()).pathname);
    });
    // The strict-CSP page loads the loader alone and holds only <care-portal> and <care-login>.
    await page.goto(`${demo.server.url}/examples/strict-csp.html`);
    await page.waitForSelector('care-portal[state="ready"]', { timeout: 15_000 });
    await page.getByLabel('Gebruikersnaam').waitFor({ timeout: 15_000 });
    expect(scripts).toContain('/widgets/care-widgets.loader.js');
    expect(scripts).toContain('/widgets/care-login.js');
    expect(scripts).not.toContain('/widgets/care-widgets.bundle.js');
    expect(scripts.filter((path) => /\/care-(reports|agenda|measurements|messages|plan|profile)\.js$/.test(path))).toEqual([]);
    expect(problems).toEqual([]);
    // The modules arrive compressed (Brotli or gzip, whichever the browser asks for): the login's
    // first screen is some 12 KB over the wire for some 40 KB of code.
    const transfers = await page.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .filter((entry) => new URL(entry.name).pathname.startsWith('/widgets/'))
        .map((entry) => {
          const { encodedBodySize, decodedBodySize } = entry as PerformanceResourceTiming;
          return { path: new URL(entry.name).pathname, encodedBodySize, decodedBodySize };
        }),
    );
    const login = transfers.find((entry) => entry.path === '/widgets/care-login.js');
    expect(login?.decodedBodySize).toBeGreaterThan(8_000);
    for (const entry of transfers.filter((transfer) => transfer.decodedBodySize > 1_000))
      expect(entry.encodedBodySize, entry.path).toBeLessThan(entry.decodedBodySize * 0.7);
    await page.close();
  });

  it('keeps the dev outbox open in demo mode', async () => {
    const response = await fetch(`${demo.server.url}/dev/outbox`);
    expect(response.status).toBe(200);
    expect(Array.isArray(await response.json())).toBe(true);
  });
});
