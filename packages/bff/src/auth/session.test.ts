import { Hono } from 'hono';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppEnv } from '../http/app-env.js';
import { databaseUnderTest } from '../testing/database-under-test.js';
import { createClientWithAccount, createTenant, type ClientWithAccount } from '../testing/fixtures.js';
import { createTestApp } from '../testing/test-app.js';
import type { TestDatabase } from '../testing/test-database.js';
import type { TenantRecord } from '../tenants/queries.js';
import { clearTenantCache } from '../tenants/tenant-context.js';
import { advanceSession, createSession, revokeOtherSessions, sessionCookieName } from './session.js';
import { requireClientSession, requireSession } from './session-middleware.js';

let database: TestDatabase;
let tenant: TenantRecord;
let person: ClientWithAccount;

beforeAll(async () => {
  database = await databaseUnderTest();
  tenant = await createTenant(database.db, { session: { idleMinutes: 30, absoluteHours: 12 } });
  person = await createClientWithAccount(database.db, tenant);
  clearTenantCache();
});
afterAll(async () => {
  await database?.close();
});

function app() {
  const test = createTestApp(database);
  test.app.route(
    '/api/tenants/:tenant',
    new Hono<AppEnv>()
      .get('/me', requireSession(), (c) => c.json({ accountId: c.var.session.accountId, clientId: c.var.session.clientId }))
      .get('/first-login', requireSession({ allow: ['pending', 'active'] }), (c) => c.json({ state: c.var.session.state }))
      .route(
        '/data',
        new Hono<AppEnv>().use(requireClientSession('any')).get('/', (c) => c.json({ scope: c.var.scope, sessionId: c.var.session.id })),
      ),
  );
  return test.app;
}

const request = (path: string, token?: string) =>
  app().request(`/api/tenants/${tenant.slug}${path}`, token ? { headers: { cookie: `${sessionCookieName(tenant.slug)}=${token}` } } : {});

async function newSession(state: 'active' | 'pending' | 'second_factor' = 'active') {
  return createSession(database.db, { tenant, accountId: person.accountId, clientId: person.clientId, state, ip: null, userAgent: null });
}

describe('sessions', () => {
  it('lets a signed-in client through and stores only a hash of the token', async () => {
    const { token, id } = await newSession();
    const response = await request('/me', token);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ accountId: person.accountId, clientId: person.clientId });
    const stored = await database.db.selectFrom('sessions').select('token_hash').where('id', '=', id).executeTakeFirstOrThrow();
    expect(Buffer.from(stored.token_hash).toString('base64url')).not.toBe(token);
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
  });

  it('answers 401 without a cookie or with an unknown token', async () => {
    expect((await request('/me')).status).toBe(401);
    const unknown = await request('/me', 'A'.repeat(43));
    expect(unknown.status).toBe(401);
    expect(await unknown.json()).toMatchObject({ code: 'session-expired' });
  });

  it('ends a session idle for longer than the tenant allows, and at the absolute limit', async () => {
    const idle = await newSession();
    await sql`update sessions set idle_expires_at = now() - interval '1 second' where id = ${idle.id}`.execute(database.db);
    expect((await request('/me', idle.token)).status).toBe(401);

    const old = await newSession();
    await sql`update sessions set absolute_expires_at = now() - interval '1 second' where id = ${old.id}`.execute(database.db);
    expect((await request('/me', old.token)).status).toBe(401);
  });

  it('never extends the idle timeout past the absolute one', async () => {
    const { token, id } = await newSession();
    await sql`update sessions set absolute_expires_at = now() + interval '5 minutes' where id = ${id}`.execute(database.db);
    expect((await request('/me', token)).status).toBe(200);
    const row = await database.db
      .selectFrom('sessions')
      .select(['idle_expires_at', 'absolute_expires_at'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.idle_expires_at.getTime()).toBeLessThanOrEqual(row.absolute_expires_at.getTime());
  });

  it('keeps a pending first-login session out of everything but the first-login calls', async () => {
    const { token } = await newSession('pending');
    const data = await request('/me', token);
    expect(data.status).toBe(403);
    expect(await data.json()).toMatchObject({ code: 'first-login-incomplete' });
    expect((await request('/first-login', token)).status).toBe(200);
  });

  it('makes the old token worthless after a sign-in step', async () => {
    const { token, id } = await newSession('second_factor');
    expect((await request('/me', token)).status).toBe(401);
    const next = await advanceSession(database.db, tenant.id, id, { state: 'active' });
    expect((await request('/me', token)).status).toBe(401);
    expect((await request('/me', next)).status).toBe(200);
  });

  it('revokes every other session of the account after a password change', async () => {
    const kept = await newSession();
    const other = await newSession();
    await revokeOtherSessions(database.db, tenant.id, person.accountId, kept.id);
    expect((await request('/me', kept.token)).status).toBe(200);
    expect((await request('/me', other.token)).status).toBe(401);
  });

  it('gives every data route the session and the client scope, from the session alone', async () => {
    const { token, id } = await newSession();
    const response = await request('/data', token);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      scope: { tenantId: tenant.id, clientId: person.clientId, accountId: person.accountId },
      sessionId: id,
    });
  });

  it('refuses data routes without a session, before the second factor, during first login and without a client file', async () => {
    expect(await (await request('/data')).json()).toMatchObject({ status: 401, code: 'unauthenticated' });
    const halfway = await newSession('second_factor');
    expect(await (await request('/data', halfway.token)).json()).toMatchObject({ status: 401, code: 'second-factor-required' });
    const pending = await newSession('pending');
    expect(await (await request('/data', pending.token)).json()).toMatchObject({ status: 403, code: 'first-login-incomplete' });
    const clientless = await createSession(database.db, {
      tenant,
      accountId: person.accountId,
      clientId: null,
      state: 'active',
      ip: null,
      userAgent: null,
    });
    expect(await (await request('/data', clientless.token)).json()).toMatchObject({ status: 403, code: 'no-client' });
  });
});
