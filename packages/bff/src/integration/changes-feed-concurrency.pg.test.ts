import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hono } from 'hono';
import { databaseUnderTest } from '../testing/database-under-test.js';
import { createClientWithAccount, createTenant, type ClientWithAccount } from '../testing/fixtures.js';
import { createTestApp } from '../testing/test-app.js';
import type { TestDatabase } from '../testing/test-database.js';
import type { TenantRecord } from '../tenants/queries.js';
import type { Change } from './changes-feed.js';
import { ecdCaller, feedReader } from './integration-test-kit.js';
import { createIntegrationKey } from './keys.js';

// Runs in the `postgres` project only (*.pg.test.ts).
let database: TestDatabase;
let tenant: TenantRecord;
let call: ReturnType<typeof ecdCaller>;
let alice: ClientWithAccount;

beforeAll(async () => {
  database = await databaseUnderTest();
  tenant = await createTenant(database.db);
  const { app } = createTestApp(database);
  call = ecdCaller(app as never as Hono<never>, tenant, await createIntegrationKey(database.db, tenant.id));
  alice = await createClientWithAccount(database.db, tenant);
});
afterAll(async () => {
  await database?.close();
});

const { page, readCount } = feedReader((method, path) => call(method, path));
const clientReport = (text: string, db = database.db) =>
  db
    .insertInto('reports')
    .values({
      tenant_id: tenant.id,
      client_id: alice.clientId,
      written_at: new Date(),
      author_name: 'Alice',
      author_kind: 'client',
      author_account_id: alice.accountId,
      text,
    })
    .execute();

// PGlite is one connection: transactions run one after another, so only PostgreSQL can commit out of order.
describe('the changes feed under concurrent writes (PostgreSQL)', () => {
  it('holds back a change whose transaction began earlier but commits later, instead of skipping it', async () => {
    const start = (await page()).next;
    const slow = new pg.Client({ connectionString: database.url });
    await slow.connect();
    try {
      await slow.query('begin');
      await slow.query(
        `insert into reports (tenant_id, client_id, written_at, author_name, author_kind, text) values ($1, $2, now(), 'Alice', 'client', 'langzaam')`,
        [tenant.id, alice.clientId],
      );
      await clientReport('snel');
      // "snel" is committed, but a transaction older than it is still open: nothing is handed out yet.
      const held = await page(start);
      expect(held.items).toEqual([]);
      await slow.query('commit');
      const { items } = await readCount(start, 2);
      expect(items.map((item) => item.data['text'])).toEqual(['langzaam', 'snel']);
    } finally {
      await slow.end();
    }
  });

  it('hands out every change exactly once while many writers commit in random order', async () => {
    const start = (await page()).next;
    const writers = 8;
    const perWriter = 15;
    const pool = new pg.Pool({ connectionString: database.url, max: writers });
    const seen: Change[] = [];
    let cursor = start;
    let writing = true;
    const reader = (async () => {
      while (writing) {
        const next = await page(cursor, 7);
        seen.push(...next.items);
        cursor = next.next;
        await sleep(2);
      }
    })();
    try {
      await Promise.all(
        Array.from({ length: writers }, async (_, w) => {
          for (let i = 0; i < perWriter; i++) {
            const client = await pool.connect();
            try {
              await client.query('begin');
              await client.query(
                `insert into reports (tenant_id, client_id, written_at, author_name, author_kind, text) values ($1, $2, now(), 'Alice', 'client', $3)`,
                [tenant.id, alice.clientId, `w${w}-${i}`],
              );
              await sleep(Math.random() * 15);
              await client.query(Math.random() < 0.1 ? 'rollback' : 'commit');
            } finally {
              client.release();
            }
          }
        }),
      );
    } finally {
      writing = false;
      await reader;
      await pool.end();
    }
    const committed = await sql<{ text: string }>`select text from reports where tenant_id = ${tenant.id} and text ~ '^w[0-9]+-'`.execute(
      database.db,
    );
    seen.push(...(await readCount(cursor, committed.rows.length - seen.length)).items);
    const texts = seen.map((item) => String(item.data['text']));
    expect(new Set(texts).size).toBe(texts.length);
    expect([...texts].sort()).toEqual(committed.rows.map((row) => row.text).sort());
    // Each writer's own changes come in the order it made them.
    for (let w = 0; w < writers; w++) {
      const mine = texts.filter((text) => text.startsWith(`w${w}-`)).map((text) => Number(text.split('-')[1]));
      expect(mine).toEqual([...mine].sort((a, b) => a - b));
    }
  });
});
