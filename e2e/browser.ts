import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { startDemoServer, type DemoServer } from './demo-server.js';

/** The system Chromium, headless, without any network traffic of its own. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] || '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/**
 * The file's demo BFF (its own database, so no other file's codes or limits are spent) and Chromium:
 * started before the file's tests and stopped after them. `server` and `browser` are there once
 * the tests run.
 */
export function demoAndChromium(): { readonly server: DemoServer; readonly browser: Browser } {
  let server: DemoServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    server = await startDemoServer();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
  const started = <T>(what: T | undefined, name: string): T => {
    if (what === undefined) throw new Error(`the ${name} is not started yet: use it inside a test`);
    return what;
  };
  return {
    get server() {
      return started(server, 'demo server');
    },
    get browser() {
      return started(browser, 'browser');
    },
  };
}
