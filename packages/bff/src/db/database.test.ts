import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseUnderTest } from '../testing/database-under-test.js';
import type { TestDatabase } from '../testing/test-database.js';

let database: TestDatabase;
let tenantA: string;
let tenantB: string;
let clientOfA: string;

beforeAll(async () => {
  database = await databaseUnderTest();
  const db = database.db;
  tenantA = (
    await db
      .insertInto('tenants')
      .values({ slug: 'tenant-a', name: 'A', settings: {} as never })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  tenantB = (
    await db
      .insertInto('tenants')
      .values({ slug: 'tenant-b', name: 'B', settings: {} as never })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  clientOfA = (
    await db
      .insertInto('clients')
      .values({ tenant_id: tenantA, first_name: 'Jan', last_name: 'Jansen', date_of_birth: '1941-03-28' })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
});
afterAll(async () => {
  await database?.close();
});

describe('tenant scoping in the schema', () => {
  it('refuses client data that names a client of another tenant', async () => {
    const insert = database.db
      .insertInto('reports')
      .values({ tenant_id: tenantB, client_id: clientOfA, written_at: new Date(), author_name: 'X', author_kind: 'staff', text: 'leak' })
      .execute();
    await expect(insert).rejects.toThrow(/foreign key/i);
  });

  it('keys every tenant table by tenant first, so it can be distributed by tenant', async () => {
    const { rows } = await sql<{ table: string; kind: string; columns: string[] }>`
      select rel.relname as table, con.contype as kind,
             array(select att.attname from unnest(con.conkey) with ordinality k(attnum, n)
                   join pg_attribute att on att.attrelid = con.conrelid and att.attnum = k.attnum
                   order by k.n)::text[] as columns
      from pg_constraint con
      join pg_class rel on rel.oid = con.conrelid
      join pg_namespace ns on ns.oid = rel.relnamespace
      where ns.nspname = 'public' and con.contype in ('p', 'u', 'f') and rel.relname not in ('tenants', 'kysely_migration', 'kysely_migration_lock')
    `.execute(database.db);
    expect(rows.length).toBeGreaterThan(30);
    const offenders = rows
      .filter((row) => row.columns[0] !== 'tenant_id')
      .map((row) => `${row.table} ${row.kind} (${row.columns.join(', ')})`);
    expect(offenders).toEqual([]);
  });

  it('allows only one decision per plan', async () => {
    const db = database.db;
    const account = await db
      .insertInto('accounts')
      .values({ tenant_id: tenantA, username: 'jan', display_name: 'Jan Jansen' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const plan = await db
      .insertInto('plan_documents')
      .values({
        tenant_id: tenantA,
        client_id: clientOfA,
        title: 'Zorgplan',
        version: '1',
        document_date: '2026-01-05',
        file_name: 'zorgplan.pdf',
        pdf: new Uint8Array([37, 80, 68, 70]),
        sha256: 'x',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const decision = (kind: 'signed' | 'rejected') =>
      db
        .insertInto('plan_decisions')
        .values({
          tenant_id: tenantA,
          plan_document_id: plan.id,
          client_id: clientOfA,
          decision: kind,
          account_id: account.id,
          decided_by_name: 'Jan Jansen',
          document_sha256: 'x',
        })
        .execute();
    await decision('signed');
    await expect(decision('rejected')).rejects.toThrow(/duplicate key|unique/i);
  });
});

describe('one set of values on both dialects', () => {
  it('returns dates as calendar strings, timestamps as Dates, bytes as bytes, json as objects', async () => {
    const client = await database.db
      .selectFrom('clients')
      .selectAll()
      .where('tenant_id', '=', tenantA)
      .where('id', '=', clientOfA)
      .executeTakeFirstOrThrow();
    expect(client.date_of_birth).toBe('1941-03-28');
    expect(client.created_at).toBeInstanceOf(Date);
    const plan = await database.db.selectFrom('plan_documents').select(['pdf']).where('tenant_id', '=', tenantA).executeTakeFirstOrThrow();
    expect(plan.pdf).toBeInstanceOf(Uint8Array);
    expect(Array.from(plan.pdf)).toEqual([37, 80, 68, 70]);
    const audit = await database.db
      .insertInto('audit_log')
      .values({ tenant_id: tenantA, actor_kind: 'system', action: 'test', outcome: 'success', details: { nested: { ok: true } } })
      .returning(['id', 'details'])
      .executeTakeFirstOrThrow();
    expect(typeof audit.id).toBe('number');
    expect(audit.details).toEqual({ nested: { ok: true } });
  });

  it('rolls back a failed transaction and keeps concurrent transactions apart', async () => {
    const db = database.db;
    await expect(
      db.transaction().execute(async (trx) => {
        await trx
          .insertInto('tenants')
          .values({ slug: 'rolled-back', name: 'R', settings: {} as never })
          .execute();
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(await db.selectFrom('tenants').select('id').where('slug', '=', 'rolled-back').executeTakeFirst()).toBeUndefined();

    const slugs = Array.from({ length: 8 }, (_, i) => `parallel-${i}`);
    await Promise.all(
      slugs.map((slug) =>
        db.transaction().execute(async (trx) => {
          await trx
            .insertInto('tenants')
            .values({ slug, name: slug, settings: {} as never })
            .execute();
          await sql`select pg_sleep(0.01)`.execute(trx);
        }),
      ),
    );
    const count = await db
      .selectFrom('tenants')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('slug', 'like', 'parallel-%')
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(8);
  });
});
