import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { databaseUnderTest } from '../testing/database-under-test.js';
import { createTenant } from '../testing/fixtures.js';
import type { TestDatabase } from '../testing/test-database.js';
import { auditCommand } from './cli.js';
import { verifyAuditChain } from './verify.js';

// Runs in the `postgres` project only (*.pg.test.ts): two connections, and the CLI's DATABASE_URL.
let database: TestDatabase;
const saved = process.env['DATABASE_URL'];
beforeAll(async () => {
  database = await databaseUnderTest();
  process.env['DATABASE_URL'] = database.url;
});
afterAll(async () => {
  vi.restoreAllMocks();
  if (saved === undefined) delete process.env['DATABASE_URL'];
  else process.env['DATABASE_URL'] = saved;
  await database?.close();
});

const insert = `insert into audit_log (tenant_id, actor_kind, action, outcome) values ($1, 'system', $2, 'success')`;

describe('the audit chain with several writers (PostgreSQL)', () => {
  it('stays one valid chain when two connections write at the same time, also inside open transactions', async () => {
    const tenant = await createTenant(database.db);
    const writers = [new pg.Client({ connectionString: database.url }), new pg.Client({ connectionString: database.url })];
    await Promise.all(writers.map((w) => w.connect()));
    try {
      // One writer holds a transaction open after its insert: the other must wait for it, not fork the chain.
      await writers[0]!.query('begin');
      await writers[0]!.query(insert, [tenant.id, 'test.open']);
      const waiting = writers[1]!.query(insert, [tenant.id, 'test.waiting']);
      await new Promise((resolve) => setTimeout(resolve, 100));
      await writers[0]!.query('commit');
      await waiting;
      await Promise.all(
        writers.map(async (writer, w) => {
          for (let i = 0; i < 40; i++) await writer.query(insert, [tenant.id, `test.writer-${w}.${i}`]);
        }),
      );
    } finally {
      await Promise.all(writers.map((w) => w.end()));
    }
    const report = await verifyAuditChain(database.db, tenant);
    expect(report).toMatchObject({ rows: 82, firstBreak: null });
  });

  it('care-bff audit verify exits 0 on intact chains and 1 naming the first row a superuser deleted', async () => {
    const printed: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((line: string) => void printed.push(line));
    vi.spyOn(console, 'error').mockImplementation((line: string) => void printed.push(line));
    const tenant = await createTenant(database.db);
    const admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
    try {
      for (let i = 0; i < 4; i++) await admin.query(insert, [tenant.id, `test.${i}`]);
      expect(await auditCommand(['verify', '--tenant', tenant.slug])).toBe(0);
      expect(printed.at(-1)).toBe(`${tenant.slug}: audit chain intact (4 rows)`);

      await admin.query('alter table audit_log disable trigger audit_log_append_only');
      try {
        await admin.query(`delete from audit_log where tenant_id = $1 and chain_seq = 2`, [tenant.id]);
      } finally {
        await admin.query('alter table audit_log enable trigger audit_log_append_only');
      }
      expect(await auditCommand(['verify', '--tenant', tenant.slug])).toBe(1);
      expect(printed.at(-1)).toMatch(new RegExp(`^${tenant.slug}: audit row 2 is missing; the chain continues at row \\d+ .*test\\.2\\)$`));
      expect(await auditCommand(['verify'])).toBe(1);
      expect(await auditCommand(['verify', '--tenant', 'no-such-tenant'])).toBe(1);
    } finally {
      await admin.end();
    }
  });
});
