import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppEnv } from '../http/app-env.js';
import { databaseUnderTest } from '../testing/database-under-test.js';
import { createTenant } from '../testing/fixtures.js';
import { createTestApp } from '../testing/test-app.js';
import type { TestDatabase } from '../testing/test-database.js';
import type { TenantRecord } from './queries.js';
import { clearTenantCache } from './tenant-context.js';

let database: TestDatabase;
let tenant: TenantRecord;
const allowedOrigin = 'https://www.zorg-voorbeeld.nl';

beforeAll(async () => {
  database = await databaseUnderTest();
  tenant = await createTenant(database.db, { allowedOrigins: [allowedOrigin] });
  clearTenantCache();
});
afterAll(async () => {
  await database?.close();
});

function appWithProbe(overrides: Parameters<typeof createTestApp>[1] = {}) {
  const test = createTestApp(database, overrides);
  let runs = 0;
  const probe = new Hono<AppEnv>()
    .post('/probe', (c) => {
      runs++;
      return c.json({ tenant: c.var.tenant.slug });
    })
    .get('/probe', (c) => c.json({ tenant: c.var.tenant.slug }));
  test.app.route('/api/tenants/:tenant', probe);
  return { ...test, runs: () => runs };
}

describe('CSRF defence for state-changing requests', () => {
  it('accepts a POST from an allowed origin with the widgets header', async () => {
    const { app, runs } = appWithProbe();
    const response = await app.request(`/api/tenants/${tenant.slug}/probe`, {
      method: 'POST',
      headers: { origin: allowedOrigin, 'x-care-widgets': '1', 'content-type': 'application/json' },
      body: '{}',
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(allowedOrigin);
    expect(response.headers.get('access-control-allow-credentials')).toBe('true');
    expect(runs()).toBe(1);
  });

  it("accepts a same-origin POST (the BFF's origin configured as PUBLIC_ORIGIN)", async () => {
    const { app } = appWithProbe({ publicOrigin: 'http://bff.test' });
    const response = await app.request(`http://bff.test/api/tenants/${tenant.slug}/probe`, {
      method: 'POST',
      headers: { origin: 'http://bff.test', 'x-care-widgets': '1' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('refuses a POST from another site, without the header, or without an Origin', async () => {
    const { app, runs } = appWithProbe();
    const path = `/api/tenants/${tenant.slug}/probe`;
    const evil = await app.request(path, { method: 'POST', headers: { origin: 'https://evil.example', 'x-care-widgets': '1' } });
    const noHeader = await app.request(path, { method: 'POST', headers: { origin: allowedOrigin } });
    const noOrigin = await app.request(path, { method: 'POST', headers: { 'x-care-widgets': '1' } });
    for (const response of [evil, noHeader, noOrigin]) {
      expect(response.status).toBe(403);
      expect(response.headers.get('content-type')).toMatch(/problem\+json/);
    }
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
    expect(runs()).toBe(0);
  });
});

describe('CORS', () => {
  it('answers a preflight only for the tenant’s allowed origins', async () => {
    const { app } = appWithProbe();
    const path = `/api/tenants/${tenant.slug}/probe`;
    const ok = await app.request(path, { method: 'OPTIONS', headers: { origin: allowedOrigin, 'access-control-request-method': 'POST' } });
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-headers')).toContain('x-care-widgets');
    const refused = await app.request(path, { method: 'OPTIONS', headers: { origin: 'https://evil.example' } });
    expect(refused.status).toBe(403);
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('gives reads from other sites no CORS headers, so the browser hides the answer', async () => {
    const { app } = appWithProbe();
    const response = await app.request(`/api/tenants/${tenant.slug}/probe`, { headers: { origin: 'https://evil.example' } });
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('runs the tenant middleware once for the tenant root', async () => {
    const { app } = appWithProbe();
    const response = await app.request(`/api/tenants/${tenant.slug}`, { headers: { origin: allowedOrigin } });
    expect(response.status).toBe(200);
    expect(response.headers.get('vary')).toBe('Origin');
  });
});
