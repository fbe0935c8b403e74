import { describe, expect, it } from 'vitest';
import { createApp } from '../app.js';
import { DEVELOPMENT_SECRET_KEY, loadConfig } from '../config.js';
import type { DatabaseHandle } from '../db/database.js';
import { createLogger } from '../http/logger.js';
import type { Outbox } from '../outbox/delivery.js';

function demoApp() {
  const config = loadConfig({}, { mode: 'demo', secretKey: DEVELOPMENT_SECRET_KEY });
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
