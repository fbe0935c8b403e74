import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.js';
import { DEVELOPMENT_SECRET_KEY, loadConfig } from '../config.js';
import type { DatabaseHandle } from '../db/database.js';
import { createLogger } from '../http/logger.js';
import type { Outbox } from '../outbox/delivery.js';

function demoApp(env: Record<string, string> = {}) {
  const config = loadConfig(env, { mode: 'demo', secretKey: DEVELOPMENT_SECRET_KEY });
  return createApp({
    config,
    database: { db: {} } as unknown as DatabaseHandle,
    outbox: {} as Outbox,
    logger: createLogger('error', () => {}),
  });
}

describe('example host pages', () => {
  it('serves the strict-CSP page with a policy that allows no inline code', async () => {
    const response = await demoApp().request('/examples/strict-csp.html');
    expect(response.status).toBe(200);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
    // The page itself keeps to it: no inline scripts, styles or style attributes.
    const html = await response.text();
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/<style|\sstyle=/);
  });

  it('serves the other pages without that policy', async () => {
    const response = await demoApp().request('/examples/het-baken.html');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toBeNull();
  });
});

describe('/widgets/', () => {
  const dir = mkdtempSync(join(tmpdir(), 'care-widgets-static-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  // A module as the build writes it: minified code that repeats itself, with its map beside it.
  const script = Array.from({ length: 400 }, (_, i) => `customElements.get("care-x${i % 7}")||console.warn(${i});`).join('');
  writeFileSync(join(dir, 'care-x.js'), script);
  writeFileSync(join(dir, 'care-x.js.map'), JSON.stringify({ version: 3, sources: ['care-x.ts'], mappings: '' }));
  writeFileSync(join(dir, 'no-map.js'), script);
  // A PNG is compressed already: its 8-byte signature and some bytes.
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(2000, 7)]);
  writeFileSync(join(dir, 'logo.png'), png);
  const app = demoApp({ WIDGETS_DIR: dir });
  const get = (path: string, headers: Record<string, string> = {}) => app.request(`/widgets/${path}`, { headers });
  const bytes = async (response: Response) => Buffer.from(await response.arrayBuffer());

  it('sends a module Brotli-compressed to a browser that accepts it, far smaller, decoding to the file', async () => {
    const response = await get('care-x.js', { 'accept-encoding': 'gzip, deflate, br, zstd' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-encoding')).toBe('br');
    expect(response.headers.get('vary')).toBe('Accept-Encoding');
    const body = await bytes(response);
    expect(body.length).toBeLessThan(script.length / 10);
    expect(brotliDecompressSync(body).toString()).toBe(script);
  });

  it('sends gzip where Brotli is not accepted, and the file itself where nothing is', async () => {
    const gz = await get('care-x.js', { 'accept-encoding': 'br;q=0, gzip' });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(gunzipSync(await bytes(gz)).toString()).toBe(script);
    for (const accept of [undefined, 'identity', 'br;q=0, gzip;q=0', 'compress', 'br;q=nonsense']) {
      const plain = await get('care-x.js', accept ? { 'accept-encoding': accept } : {});
      expect(plain.headers.get('content-encoding'), String(accept)).toBeNull();
      expect(plain.headers.get('vary')).toBe('Accept-Encoding');
      expect((await bytes(plain)).toString()).toBe(script);
    }
  });

  it('takes the weights of Accept-Encoding into account and reads only a bounded part of it', async () => {
    expect((await get('care-x.js', { 'accept-encoding': 'br;q=0.5, gzip;q=0.9' })).headers.get('content-encoding')).toBe('gzip');
    expect((await get('care-x.js', { 'accept-encoding': '*' })).headers.get('content-encoding')).toBe('br');
    // 40,000 characters of codings before the one it accepts: too far to be read, so no encoding.
    const long = `${'x-nothing;q=0.1, '.repeat(2400)}br`;
    expect((await get('care-x.js', { 'accept-encoding': long })).headers.get('content-encoding')).toBeNull();
  });

  it('leaves a PNG as it is', async () => {
    const response = await get('logo.png', { 'accept-encoding': 'gzip, br' });
    expect(response.headers.get('content-encoding')).toBeNull();
    expect(response.headers.get('vary')).toBeNull();
    expect((await bytes(response)).equals(png)).toBe(true);
  });

  it('names the source map in a SourceMap header where one is beside the module', async () => {
    expect((await get('care-x.js')).headers.get('sourcemap')).toBe('care-x.js.map');
    expect((await get('no-map.js')).headers.get('sourcemap')).toBeNull();
    const map = await get('care-x.js.map', { 'accept-encoding': 'br' });
    expect(map.headers.get('content-type')).toMatch(/^application\/json/);
  });

  it('answers 304 to the ETag of the encoding the browser has, and a rebuilt file anew', async () => {
    const first = await get('care-x.js', { 'accept-encoding': 'br' });
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/-br"$/);
    expect((await get('care-x.js', { 'accept-encoding': 'br', 'if-none-match': etag })).status).toBe(304);
    // The gzip version is another representation with its own ETag.
    const gz = await get('care-x.js', { 'accept-encoding': 'gzip', 'if-none-match': etag });
    expect(gz.status).toBe(200);
    expect(gz.headers.get('etag')).not.toBe(etag);

    const rebuilt = `${script}console.log("rebuilt");`;
    writeFileSync(join(dir, 'care-x.js'), rebuilt);
    utimesSync(join(dir, 'care-x.js'), new Date(), new Date(Date.now() + 5000));
    const again = await get('care-x.js', { 'accept-encoding': 'br', 'if-none-match': etag });
    expect(again.status).toBe(200);
    expect(brotliDecompressSync(await bytes(again)).toString()).toBe(rebuilt);
    writeFileSync(join(dir, 'care-x.js'), script);
  });
});
