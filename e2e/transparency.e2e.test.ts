import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { demoAndChromium } from './browser.js';
import { waitForCode } from './dev-outbox.js';
import { tabTo } from './keyboard.js';

// jose is the BFF's dependency; the ECD (here: this test) signs its integration tokens with it.
const jose = (await import(
  pathToFileURL(createRequire(new URL('../packages/bff/package.json', import.meta.url)).resolve('jose')).href
)) as typeof import('../packages/bff/node_modules/jose/dist/types/index.js');

const TENANT = 'zorggroep-de-linde';
const CLIENT_ECD_ID = 'DL-104233'; // Johanna de Vries (j.de.vries) in the demo seed
const MOBILE = '+31612345678';

const demo = demoAndChromium();
let ecdKey: { kid: string; alg: string; key: CryptoKey | Uint8Array };

beforeAll(async () => {
  // A demo BFF registers an ECD key for the asking (demo mode only), as examples/ecd-simulator.mjs uses it.
  const answer = (await (
    await fetch(`${demo.server.url}/dev/integration-keys`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ tenant: TENANT }),
    })
  ).json()) as { kid: string; privateJwk: { kid: string; alg: string } };
  ecdKey = { kid: answer.privateJwk.kid, alg: answer.privateJwk.alg, key: await jose.importJWK(answer.privateJwk, answer.privateJwk.alg) };
});

/** One call of the integration API as the ECD: a fresh short-lived token per request. */
async function push(path: string, items: unknown[]) {
  const token = await new jose.SignJWT({})
    .setProtectedHeader({ alg: ecdKey.alg, kid: ecdKey.kid, typ: 'JWT' })
    .setIssuer(TENANT)
    .setAudience('care-widgets:integration')
    .setIssuedAt()
    .setExpirationTime('2m')
    .setJti(randomUUID())
    .sign(ecdKey.key);
  const response = await fetch(`${demo.server.url}/integration/v1/tenants/${TENANT}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ items }),
  });
  expect(response.status, await response.clone().text()).toBe(200);
  return response.json() as Promise<{ results: Array<{ status: string }> }>;
}

/** Signs in as Johanna de Vries with the keyboard; returns the id of the SMS used. */
async function signIn(page: Page, afterSms: string | null) {
  await page.goto(`${demo.server.url}/`);
  await page.waitForSelector('care-login form[data-step="login"]', { timeout: 15_000 });
  await tabTo(page, 'input:Gebruikersnaam');
  await page.keyboard.type('j.de.vries');
  await page.keyboard.press('Tab');
  await page.keyboard.type('DeLinde-demo1!');
  await page.keyboard.press('Enter');
  await page.waitForSelector('care-login form[data-step="code"]');
  const login = await waitForCode(demo.server.url, MOBILE, /Uw inlogcode is \d{4}-(\d{6})/, afterSms);
  await tabTo(page, 'input:Inlogcode', 5);
  await page.keyboard.type(login.code);
  await page.keyboard.press('Enter');
  await page.waitForSelector('care-login form[data-step="done"]', { timeout: 15_000 });
  return login.id;
}

describe('transparency: who looked at my file, and what is new since my last visit', () => {
  it('shows the client her own reads and download beside a staff access, and counts a staff reply since her last visit', async () => {
    const page = await demo.browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));

    const firstSms = await signIn(page, null);
    // The reports load with the session (an audited read); under "Alle rapportages" she downloads the PDF.
    const all = page.locator('care-reports button[part~="all"]');
    await all.waitFor({ timeout: 20_000 });
    await all.focus();
    await page.keyboard.press('Enter');
    const download = page.locator('care-reports a[part~="download"]');
    await download.waitFor({ timeout: 20_000 });
    const saved = page.waitForEvent('download');
    await download.focus();
    await page.keyboard.press('Enter');
    const file = await saved;
    expect(file.suggestedFilename()).toMatch(/\.pdf$/);
    const stream = await file.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).subarray(0, 5).toString()).toBe('%PDF-');

    // The ECD reports that a nurse read her reports a minute ago.
    const staffAccess = {
      ecdId: `LOG-E2E-${randomUUID()}`,
      clientEcdId: CLIENT_ECD_ID,
      occurredAt: new Date(Date.now() - 60_000).toISOString(),
      staffUserId: 'u-e2e',
      staffName: 'Sanne Visser',
      staffRole: 'Wijkverpleegkundige',
      organisationUnit: 'Wijkteam Proefstad',
      dataCategory: 'reports',
      action: 'view',
      breakTheGlass: false,
    };
    expect((await push('/access-events', [staffAccess])).results[0]!.status).toBe('created');
    // Pushed twice (an ECD retry), it is one line.
    expect((await push('/access-events', [staffAccess])).results[0]!.status).toBe('unchanged');

    // The access log, read again: her own view and download of the reports, and the nurse's read.
    await page.reload();
    const log = page.locator('care-access-log');
    const lineWith = (text: string) => log.locator('[part~="item"]', { hasText: text });
    await lineWith('Wijkverpleegkundige, Wijkteam Proefstad').first().waitFor({ timeout: 20_000 });
    expect(await lineWith('Wijkverpleegkundige, Wijkteam Proefstad').count()).toBe(1);
    expect(await lineWith('Wijkverpleegkundige, Wijkteam Proefstad').textContent()).toMatch(/Rapportages\s*bekeken/);
    // Reads that follow each other show as one group ("2× Rapportages bekeken"), so a count may stand between.
    expect(await log.locator('[part~="item"]', { hasText: /U zelf\s*(\d+×\s*)?Rapportages gedownload/ }).count()).toBeGreaterThan(0);
    expect(await log.locator('[part~="item"]', { hasText: /U zelf\s*(\d+×\s*)?Rapportages bekeken/ }).count()).toBeGreaterThan(0);

    // She signs out; the care team answers meanwhile; at her next visit the overview counts it.
    await tabTo(page, 'button:Uitloggen');
    await page.keyboard.press('Enter');
    await page.waitForSelector('care-login form[data-step="login"]', { timeout: 15_000 });
    await push('/messages', [
      { ecdId: `MSG-E2E-${randomUUID()}`, clientEcdId: CLIENT_ECD_ID, senderName: 'Zr. Jansen', body: 'Ik kom donderdag om tien uur.' },
    ]);
    await signIn(page, firstSms);
    const activity = page.locator('care-activity');
    await activity.locator('text=Welkom terug').waitFor({ timeout: 20_000 });
    expect(await activity.locator('button', { hasText: /^1 nieuw bericht$/ }).count()).toBe(1);
    expect(errors).toEqual([]);
  });
});
