import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { demoAndChromium } from './browser.js';
import { waitForCode } from './dev-outbox.js';
import { focused, tabTo } from './keyboard.js';

// sharp is the BFF's image library: it makes the photo a phone would send, a real JPEG.
const sharp = createRequire(new URL('../packages/bff/package.json', import.meta.url))(
  'sharp',
) as typeof import('../packages/bff/node_modules/sharp/lib/index.js');

const demo = demoAndChromium();

/** Signs in on De Linde's example page with the keyboard: password, then the SMS code sent to `mobile`. */
async function signIn(page: Page, username: string, password: string, mobile: string) {
  await page.goto(`${demo.server.url}/`);
  await page.waitForSelector('care-login form[data-step="login"]', { timeout: 15_000 });
  await tabTo(page, 'input:Gebruikersnaam');
  await page.keyboard.type(username);
  await page.keyboard.press('Tab');
  await page.keyboard.type(password);
  await page.keyboard.press('Enter');
  await page.waitForSelector('care-login form[data-step="code"]');
  const login = await waitForCode(demo.server.url, mobile, /Uw inlogcode is \d{4}-(\d{6})/);
  await tabTo(page, 'input:Inlogcode', 5);
  await page.keyboard.type(login.code);
  await page.keyboard.press('Enter');
}

describe('the bulletin board between a relative and the client, live', () => {
  it('Marieke posts a described photo for her mother, who sees it without a reload and replies', async () => {
    const client = await demo.browser.newPage({ viewport: { width: 1280, height: 900 } });
    const relative = await demo.browser.newPage({ viewport: { width: 390, height: 844 } });
    const errors: string[] = [];
    for (const page of [client, relative]) page.on('pageerror', (error) => errors.push(error.message));

    await signIn(client, 'j.de.vries', 'DeLinde-demo1!', '+31612345678');
    await client.locator('care-board li[part~="post"]').first().waitFor({ timeout: 20_000 });

    // Marieke is a contact person of two clients: she picks her mother's file first.
    await signIn(relative, 'm.de.vries', 'DeLinde-naaste1!', '+31687654321');
    const choice = relative.locator('care-portal [part~="client-choice"]', { hasText: 'Johanna de Vries' });
    await choice.waitFor({ timeout: 20_000 });
    await choice.focus();
    await relative.keyboard.press('Enter');
    await relative.locator('care-board li[part~="post"]').first().waitFor({ timeout: 20_000 });

    await relative.locator('care-board textarea[name="text"]').focus();
    await relative.keyboard.type('Mam, hier de foto van de markt van gisteren.');
    const photo = await sharp({ create: { width: 1600, height: 1200, channels: 3, background: '#64b5f6' } })
      .composite([
        {
          input: Buffer.from('<svg width="400" height="400"><circle cx="200" cy="200" r="180" fill="#fdd835"/></svg>'),
          top: 100,
          left: 1000,
        },
      ])
      .jpeg({ quality: 85 })
      .toBuffer();
    await relative.locator('care-board input[type="file"]').setInputFiles({ name: 'IMG_0412.jpg', mimeType: 'image/jpeg', buffer: photo });
    // "Plaatsen" while the photo is still on its way: the post waits for it, then goes.
    await relative.locator('care-board input[name="description"]').focus();
    await relative.keyboard.type('Zon boven de markt');
    await tabTo(relative, 'button:Plaatsen', 10);
    await relative.keyboard.press('Enter');
    await relative.locator('care-board [part~="preview"]').waitFor({ state: 'detached', timeout: 20_000 });

    // The client's open page gets the post over the board stream, with Marieke's name and the photo.
    const post = client.locator('care-board li[part~="post"]', { hasText: 'Mam, hier de foto van de markt van gisteren.' });
    await post.waitFor({ timeout: 15_000 });
    expect(await post.locator('[part~="meta"] .author').textContent()).toBe('Marieke de Vries (dochter)');
    const image = post.locator('img[alt="Zon boven de markt"]');
    await image.scrollIntoViewIfNeeded();
    await expect
      .poll(() => image.evaluate((img: HTMLImageElement) => (img.complete ? img.naturalWidth : 0)), { timeout: 10_000 })
      .toBeGreaterThan(0);
    // The stored thumbnail is the BFF's re-encoded JPEG, at most 480 px, not the 1,600 px upload.
    expect(await image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeLessThanOrEqual(480);

    await post.locator('textarea[name="reply"]').focus();
    await client.keyboard.type('Wat mooi, dank je wel!');
    await client.keyboard.press('Tab');
    expect(await focused(client)).toBe('button:Reageer');
    await client.keyboard.press('Enter');

    // …and Marieke sees the reply under her post, again without a reload.
    const reply = relative
      .locator('care-board li[part~="post"]', { hasText: 'Mam, hier de foto' })
      .locator('[part~="reply"]', { hasText: 'Wat mooi, dank je wel!' });
    await reply.waitFor({ timeout: 15_000 });
    expect(await reply.locator('.author').textContent()).toBe('Johanna de Vries');
    expect(errors).toEqual([]);
  });
});
