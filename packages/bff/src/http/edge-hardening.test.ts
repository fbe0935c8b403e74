import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { databaseUnderTest } from '../testing/database-under-test.js';
import { createClientWithAccount, createTenant } from '../testing/fixtures.js';
import { createTestApp } from '../testing/test-app.js';
import type { TestDatabase } from '../testing/test-database.js';
import type { TenantRecord } from '../tenants/queries.js';
import { clearTenantCache, tenantCacheSize } from '../tenants/tenant-context.js';
import { AUTH_BODY_LIMIT } from './body-limit.js';

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

const widgetHeaders = (origin = allowedOrigin) => ({ origin, 'x-care-widgets': '1', 'content-type': 'application/json' });

async function expectProblem(response: Response, status: number) {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  return (await response.json()) as Record<string, unknown>;
}

describe('links in e-mails never point at an origin taken from the Host header', () => {
  it('refuses Host: evil.example with Origin: http://evil.example, and sends no e-mail', async () => {
    const person = await createClientWithAccount(database.db, tenant);
    const { app, delivered } = createTestApp(database);
    const response = await app.request(`http://evil.example/api/tenants/${tenant.slug}/auth/password/forgot`, {
      method: 'POST',
      headers: widgetHeaders('http://evil.example'),
      body: JSON.stringify({ username: person.username, pageUrl: 'http://evil.example/steal' }),
    });
    await expectProblem(response, 403);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(delivered.filter((m) => m.body.includes('reset='))).toEqual([]);
  });

  it('points the reset link at the tenant origin when a forged Host and pageUrl name another site', async () => {
    const person = await createClientWithAccount(database.db, tenant);
    const { app, delivered } = createTestApp(database);
    const response = await app.request(`http://evil.example/api/tenants/${tenant.slug}/auth/password/forgot`, {
      method: 'POST',
      headers: widgetHeaders(),
      body: JSON.stringify({ username: person.username, pageUrl: 'http://evil.example/steal' }),
    });
    expect(response.status).toBe(202);
    const mail = await vi.waitFor(() => {
      const found = delivered.find((m) => m.recipient === `${person.username}@example.nl` && m.body.includes('reset='));
      if (!found) throw new Error('no mail yet');
      return found;
    });
    expect(mail.body).not.toContain('evil.example');
    expect(mail.body).toContain(`${allowedOrigin}/?reset=`);
  });

  it('believes the Host header for the same-origin check only on a loopback address, or from PUBLIC_ORIGIN', async () => {
    const { app } = createTestApp(database);
    const post = (base: string, appToUse = app) =>
      appToUse.request(`${base}/api/tenants/${tenant.slug}/auth/logout`, { method: 'POST', headers: widgetHeaders(base), body: '{}' });
    expect((await post('http://evil.example')).status).toBe(403);
    expect((await post('http://localhost:8787')).status).toBe(204);
    const behindProxy = createTestApp(database, { publicOrigin: 'https://portaal.example' }).app;
    expect((await post('https://portaal.example', behindProxy)).status).toBe(204);
    expect((await post('http://localhost:8787', behindProxy)).status).toBe(403);
  });
});

describe('the tenant cache', () => {
  it('stays bounded under thousands of made-up slugs, and refuses a slug of the wrong shape without a lookup', async () => {
    const { app, logLines } = createTestApp(database);
    clearTenantCache();
    const long = await app.request(`/api/tenants/${'a'.repeat(12_000)}/auth/session`);
    expect((await expectProblem(long, 404))['code']).toBe('tenant-not-found');
    expect(tenantCacheSize()).toBe(0);
    for (let i = 0; i < 3000; i += 100) {
      await Promise.all(
        Array.from({ length: 100 }, (_, j) =>
          Promise.resolve(app.request(`/api/tenants/nope-${i + j}/auth/session`)).then((r) => r.arrayBuffer()),
        ),
      );
    }
    expect(tenantCacheSize()).toBeLessThanOrEqual(1000);
    // Nor does the log line of such a request carry the whole slug.
    expect(Math.max(...logLines.map((line) => JSON.stringify(line).length))).toBeLessThan(1000);
    // The real tenant still answers.
    expect((await app.request(`/api/tenants/${tenant.slug}/auth/session`)).status).toBe(200);
    // 3,000 lookups: a few seconds, but several times that on a busy 2-core machine.
  }, 120_000);
});

describe('body limits', () => {
  it('answers 413 problem+json to an oversized login body, declared or streamed without a length', async () => {
    const { app } = createTestApp(database);
    const big = JSON.stringify({ username: 'x', password: 'p'.repeat(AUTH_BODY_LIMIT) });
    const declared = await app.request(`/api/tenants/${tenant.slug}/auth/login`, { method: 'POST', headers: widgetHeaders(), body: big });
    expect((await expectProblem(declared, 413))['code']).toBe('too-large');
    const chunks = new TextEncoder().encode(JSON.stringify({ username: 'x', password: 'p'.repeat(1_000_000) }));
    const streamed = await app.request(`/api/tenants/${tenant.slug}/auth/login`, {
      method: 'POST',
      headers: { ...widgetHeaders(), 'transfer-encoding': 'chunked' },
      body: new ReadableStream({
        start(controller) {
          for (let i = 0; i < chunks.length; i += 64 * 1024) controller.enqueue(chunks.subarray(i, i + 64 * 1024));
          controller.close();
        },
      }),
      duplex: 'half',
    } as RequestInit);
    await expectProblem(streamed, 413);
  });

  it('still takes a report of 4,000 characters outside the auth routes', async () => {
    const { app } = createTestApp(database);
    const response = await app.request(`/api/tenants/${tenant.slug}/reports`, {
      method: 'POST',
      headers: widgetHeaders(),
      body: JSON.stringify({ text: 'é'.repeat(4000) }),
    });
    // Not signed in: the body got past the limit and reached the route.
    await expectProblem(response, 401);
  });
});

describe('NUL characters', () => {
  it('answers 400 problem+json for U+0000 in a slug, a query or JSON text, never a database error', async () => {
    const { app, logLines } = createTestApp(database);
    const slug = await app.request(`/api/tenants/de%00linde/auth/session`);
    await expectProblem(slug, 400);
    const query = await app.request(`/api/tenants/${tenant.slug}/reports?from=2026-01-01%00`);
    await expectProblem(query, 400);
    const json = await app.request(`/api/tenants/${tenant.slug}/auth/login`, {
      method: 'POST',
      headers: widgetHeaders(),
      body: JSON.stringify({ username: 'a\u0000b', password: 'x' }),
    });
    expect((await expectProblem(json, 400))['code']).toBe('validation');
    const integration = await app.request(`/integration/v1/tenants/${tenant.slug}%00/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    await expectProblem(integration, 400);
    expect(logLines.filter((line) => line['level'] === 'error')).toEqual([]);
  });
});

describe('security headers', () => {
  it('marks API answers no-store, nosniff, no-referrer and not frameable; HSTS only with an https PUBLIC_ORIGIN', async () => {
    const { app } = createTestApp(database);
    for (const path of [
      `/api/tenants/${tenant.slug}/auth/session`,
      `/api/tenants/${tenant.slug}/profile`,
      `/integration/v1/tenants/${tenant.slug}/reports`,
    ]) {
      const response = await app.request(path);
      expect(response.headers.get('cache-control'), path).toBe('no-store');
      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(response.headers.get('referrer-policy'), path).toBe('no-referrer');
      expect(response.headers.get('content-security-policy'), path).toContain("frame-ancestors 'none'");
      expect(response.headers.get('strict-transport-security'), path).toBeNull();
    }
    const https = createTestApp(database, { publicOrigin: 'https://portaal.example' }).app;
    expect((await https.request(`/api/tenants/${tenant.slug}/auth/session`)).headers.get('strict-transport-security')).toMatch(
      /^max-age=\d{7,}/,
    );
  });
});
