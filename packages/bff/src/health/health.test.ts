import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseUnderTest } from '../testing/database-under-test.js';
import { createTenant } from '../testing/fixtures.js';
import { caller, signedInClient } from '../testing/signed-in.js';
import { createTestApp } from '../testing/test-app.js';
import type { TestDatabase } from '../testing/test-database.js';
import { clearTenantCache } from '../tenants/tenant-context.js';

let database: TestDatabase;

beforeAll(async () => {
  database = await databaseUnderTest();
  clearTenantCache();
});
afterAll(async () => {
  await database?.close();
});

describe('readiness', () => {
  it('is 200 while serving and 503 from the moment the server starts draining', async () => {
    const shutdown = new AbortController();
    const { app } = createTestApp(database, {}, { shutdown: shutdown.signal });
    expect((await app.request('/readyz')).status).toBe(200);
    shutdown.abort();
    const draining = await app.request('/readyz');
    expect(draining.status).toBe(503);
    expect(draining.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await draining.json()).toMatchObject({ code: 'not-ready', draining: true });
    // Liveness is another matter: the process is fine.
    expect((await app.request('/healthz')).status).toBe(200);
  });
});

describe('a request that gets no answer in time', () => {
  it('is a 503 request-timeout with Retry-After, not a hang', async () => {
    const tenant = await createTenant(database.db);
    const alice = await signedInClient(database.db, tenant);
    const call = caller(createTestApp(database, { requestTimeoutMs: 300 }).app);
    expect((await call(alice, '/messages')).status).toBe(200);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const lockTaken = new Promise<void>((resolve) => (locked = resolve));
    const holder = database.db.transaction().execute(async (trx) => {
      await sql`lock table messages in access exclusive mode`.execute(trx);
      locked();
      await held;
    });
    await lockTaken;
    try {
      const started = performance.now();
      const response = await call(alice, '/messages');
      expect(performance.now() - started).toBeLessThan(3000);
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('2');
      expect(await response.json()).toMatchObject({ code: 'request-timeout' });
    } finally {
      release();
      await holder;
    }
  });
});
