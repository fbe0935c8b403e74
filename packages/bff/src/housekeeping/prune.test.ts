import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createSession } from '../auth/session.js';
import { issueCodeChallenge } from '../auth/challenges.js';
import { createLogger } from '../http/logger.js';
import { databaseUnderTest } from '../testing/database-under-test.js';
import { createClientWithAccount, createTenant } from '../testing/fixtures.js';
import type { TestDatabase } from '../testing/test-database.js';
import { pruneExpired, startHousekeeping } from './prune.js';

let database: TestDatabase;

beforeAll(async () => {
  database = await databaseUnderTest();
});
afterAll(async () => {
  await database?.close();
});

async function rows() {
  const count = async (table: 'sessions' | 'challenges' | 'rate_limits' | 'outbox') =>
    Number(
      (
        await database.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    sessions: await count('sessions'),
    challenges: await count('challenges'),
    rateLimits: await count('rate_limits'),
    outbox: await count('outbox'),
  };
}

describe('housekeeping', () => {
  it('deletes expired sessions, challenges, rate-limit windows and old sent messages, and keeps what is live', async () => {
    const tenant = await createTenant(database.db);
    const person = await createClientWithAccount(database.db, tenant);
    const session = () =>
      createSession(database.db, {
        tenant,
        accountId: person.accountId,
        clientId: person.clientId,
        state: 'active',
        ip: null,
        userAgent: null,
      });
    const live = await session();
    const old = await session();
    await sql`update sessions set idle_expires_at = now() - interval '3 days', absolute_expires_at = now() - interval '3 days' where id = ${old.id}`.execute(
      database.db,
    );
    const code = () =>
      issueCodeChallenge(database.db, {
        tenantId: tenant.id,
        accountId: person.accountId,
        sessionId: null,
        purpose: 'plan_decision',
        channel: 'sms',
        destination: '+31612345678',
      });
    const oldCode = await code();
    await sql`update challenges set expires_at = now() - interval '2 days' where id = ${oldCode.challengeId}`.execute(database.db);
    const liveCode = await code();
    await sql`insert into rate_limits (tenant_id, bucket, window_start, hits) values
              (${tenant.id}, 'old', now() - interval '3 days', 3), (${tenant.id}, 'now', now(), 1)`.execute(database.db);
    await sql`insert into outbox (tenant_id, channel, recipient, sender, subject, body, status, created_at, sent_at) values
              (${tenant.id}, 'sms', '+31612345678', 'Zorg', null, 'oud', 'sent', now() - interval '30 days', now() - interval '30 days'),
              (${tenant.id}, 'sms', '+31612345678', 'Zorg', null, 'nieuw', 'sent', now(), now())`.execute(database.db);
    const before = await rows();

    const report = await pruneExpired(database.db);
    expect(report).toMatchObject({ sessions: 1, challenges: 1, rateLimits: 1, outbox: 1 });
    expect(await rows()).toEqual({
      sessions: before.sessions - 1,
      challenges: before.challenges - 1,
      rateLimits: before.rateLimits - 1,
      outbox: before.outbox - 1,
    });
    expect(await database.db.selectFrom('sessions').select('id').where('id', '=', live.id).executeTakeFirst()).toBeDefined();
    expect(await database.db.selectFrom('challenges').select('id').where('id', '=', liveCode.challengeId).executeTakeFirst()).toBeDefined();
  });

  it('runs at start and on its interval until the shutdown signal, without holding the process', async () => {
    const tenant = await createTenant(database.db);
    const stop = new AbortController();
    const insertOld = () =>
      sql`insert into rate_limits (tenant_id, bucket, window_start, hits) values (${tenant.id}, ${`old-${Math.random()}`}, now() - interval '3 days', 1)`.execute(
        database.db,
      );
    const oldRows = async () =>
      Number(
        (await sql<{ n: number }>`select count(*)::int as n from rate_limits where tenant_id = ${tenant.id}`.execute(database.db)).rows[0]!
          .n,
      );
    await insertOld();
    startHousekeeping(database.db, createLogger('silent'), stop.signal, 50);
    await vi.waitFor(async () => expect(await oldRows()).toBe(0));
    await insertOld();
    await vi.waitFor(async () => expect(await oldRows()).toBe(0)); // the interval ran again
    stop.abort();
    await new Promise((resolve) => setTimeout(resolve, 100));
    await insertOld();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await oldRows()).toBe(1);
  });
});
