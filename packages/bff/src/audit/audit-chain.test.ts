import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/schema.js';
import { pruneExpired } from '../housekeeping/prune.js';
import { databaseUnderTest } from '../testing/database-under-test.js';
import { createTenant } from '../testing/fixtures.js';
import { clientRequest, signedInClient } from '../testing/signed-in.js';
import { createTestApp } from '../testing/test-app.js';
import type { TestDatabase } from '../testing/test-database.js';
import type { TenantRecord } from '../tenants/queries.js';
import { verifyAuditChain } from './verify.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await databaseUnderTest();
});
afterAll(async () => {
  await database?.close();
});

const write = (tenant: TenantRecord, action: string, occurredAt?: Date, db: Kysely<Database> = database.db) =>
  db
    .insertInto('audit_log')
    .values({
      tenant_id: tenant.id,
      actor_kind: 'system',
      action,
      outcome: 'success',
      client_id: null,
      actor_account_id: null,
      on_behalf_of_client_id: null,
      resource_type: null,
      resource_id: null,
      ip: null,
      user_agent: null,
      request_id: null,
      ...(occurredAt ? { occurred_at: occurredAt } : {}),
    })
    .returning(['id', 'chain_seq'])
    .executeTakeFirstOrThrow();

/** What a superuser can do: switch the triggers off for their own session and edit rows. */
const asSuperuser = (change: (db: Kysely<Database>) => Promise<unknown>) =>
  database.db.transaction().execute(async (trx) => {
    await sql`set local session_replication_role = replica`.execute(trx);
    await change(trx);
  });

async function tenantWithRows(count: number, settings = {}) {
  const tenant = await createTenant(database.db, settings);
  for (let i = 0; i < count; i++) await write(tenant, `test.event.${i}`);
  return tenant;
}

describe('the audit log cannot be changed quietly', () => {
  it('chains every row the app writes, also the ones a read inserts in its own statement, per tenant', async () => {
    const tenant = await createTenant(database.db);
    const other = await tenantWithRows(2);
    const { app } = createTestApp(database);
    const client = await signedInClient(database.db, tenant);
    for (const path of ['/reports', '/reports/latest', '/measurements']) {
      expect((await clientRequest(app, client, path)).status).toBe(200);
    }
    await write(other, 'test.between');
    const rows = await database.db
      .selectFrom('audit_log')
      .select(['chain_seq', 'action'])
      .where('tenant_id', '=', tenant.id)
      .orderBy('chain_seq')
      .execute();
    expect(rows.map((row) => [Number(row.chain_seq), row.action])).toEqual([
      [1, 'reports.list'],
      [2, 'reports.latest'],
      [3, 'measurements.list'],
    ]);
    expect(await verifyAuditChain(database.db, tenant)).toMatchObject({ rows: 3, firstBreak: null });
    expect(await verifyAuditChain(database.db, other)).toMatchObject({ rows: 3, firstBreak: null });
  });

  it('refuses UPDATE, DELETE and TRUNCATE, also for rows past retention', async () => {
    const tenant = await createTenant(database.db);
    const old = await write(tenant, 'test.old', new Date(Date.now() - 25 * 365 * 86_400_000));
    await expect(
      database.db.updateTable('audit_log').set({ action: 'test.nothing' }).where('tenant_id', '=', tenant.id).execute(),
    ).rejects.toThrow(/append-only/);
    await expect(database.db.deleteFrom('audit_log').where('tenant_id', '=', tenant.id).where('id', '=', old.id).execute()).rejects.toThrow(
      /append-only/,
    );
    await expect(sql`truncate audit_log`.execute(database.db)).rejects.toThrow(/append-only/);
    expect(await verifyAuditChain(database.db, tenant)).toMatchObject({ rows: 1, firstBreak: null });
  });

  it('names the row a superuser changed behind the triggers', async () => {
    const tenant = await tenantWithRows(5);
    await asSuperuser((db) =>
      db
        .updateTable('audit_log')
        .set({ action: 'test.innocent' })
        .where('tenant_id', '=', tenant.id)
        .where('chain_seq', '=', '3')
        .execute(),
    );
    expect((await verifyAuditChain(database.db, tenant)).firstBreak).toMatchObject({
      seq: 3,
      kind: 'changed',
      row: { action: 'test.innocent' },
    });
  });

  it('names the row after one a superuser changed and re-hashed', async () => {
    const tenant = await tenantWithRows(5);
    await asSuperuser(async (db) => {
      await db
        .updateTable('audit_log')
        .set({ action: 'test.innocent' })
        .where('tenant_id', '=', tenant.id)
        .where('chain_seq', '=', '2')
        .execute();
      await sql`update audit_log a set row_hash = audit_log_row_hash(a.prev_hash, a) where tenant_id = ${tenant.id} and chain_seq = 2`.execute(
        db,
      );
    });
    expect((await verifyAuditChain(database.db, tenant)).firstBreak).toMatchObject({ seq: 3, kind: 'relinked' });
  });

  it('names a row a superuser deleted from the middle or from the end', async () => {
    const middle = await tenantWithRows(5);
    await asSuperuser((db) => db.deleteFrom('audit_log').where('tenant_id', '=', middle.id).where('chain_seq', '=', '2').execute());
    expect((await verifyAuditChain(database.db, middle)).firstBreak).toMatchObject({
      seq: 2,
      kind: 'missing',
      row: { action: 'test.event.2' },
    });

    const end = await tenantWithRows(5);
    await asSuperuser((db) => db.deleteFrom('audit_log').where('tenant_id', '=', end.id).where('chain_seq', '>=', '4').execute());
    expect((await verifyAuditChain(database.db, end)).firstBreak).toMatchObject({ seq: 4, kind: 'missing' });
  });

  it('lets the retention purge remove only the oldest rows past the tenant setting, and the rest still verifies', async () => {
    const yearsAgo = (years: number) => new Date(Date.now() - years * 365.25 * 86_400_000);
    const short = await createTenant(database.db, { audit: { retentionYears: 2 } });
    const long = await createTenant(database.db, { audit: { retentionYears: 20 } });
    for (const tenant of [short, long]) {
      await write(tenant, 'test.five-years-ago', yearsAgo(5));
      await write(tenant, 'test.three-years-ago', yearsAgo(3));
      await write(tenant, 'test.today');
    }
    const report = await pruneExpired(database.db);
    expect(report.auditRows).toBeGreaterThanOrEqual(2);
    const left = (tenant: TenantRecord) =>
      database.db
        .selectFrom('audit_log')
        .select('action')
        .where('tenant_id', '=', tenant.id)
        .orderBy('chain_seq')
        .execute()
        .then((rows) => rows.map((row) => row.action));
    expect(await left(short)).toEqual(['test.today']);
    expect(await left(long)).toEqual(['test.five-years-ago', 'test.three-years-ago', 'test.today']);
    await write(short, 'test.after-purge');
    expect(await verifyAuditChain(database.db, short)).toMatchObject({ rows: 2, firstBreak: null });
    expect(await verifyAuditChain(database.db, long)).toMatchObject({ rows: 3, firstBreak: null });
  });

  it('goes with its tenant when the tenant is deleted', async () => {
    const tenant = await tenantWithRows(2);
    await database.db.deleteFrom('tenants').where('id', '=', tenant.id).execute();
    expect(await database.db.selectFrom('audit_log').select('id').where('tenant_id', '=', tenant.id).execute()).toEqual([]);
  });
});
