import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type DatabaseHandle } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';

export type TestDatabaseKind = 'pglite' | 'postgres';

export interface TestDatabase extends DatabaseHandle {
  /** postgres:// URL of this test's own database (PostgreSQL only). */
  url?: string;
}

/**
 * A migrated, empty database of its own for one test file. On PostgreSQL it is a new database in
 * the shared throwaway cluster (copied from a migrated template, dropped on close); on PGlite an
 * in-memory instance.
 */
export async function openTestDatabase(kind: TestDatabaseKind, clusterUrl?: string, template?: string): Promise<TestDatabase> {
  if (kind === 'pglite') {
    const handle = await openDatabase({ pgliteDataDir: 'memory://' });
    await migrateToLatest(handle.db);
    return handle;
  }
  if (!clusterUrl) throw new Error('openTestDatabase("postgres") needs the cluster URL');
  const name = `care_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(clusterUrl, `create database ${name}${template ? ` template ${template}` : ''}`);
  const url = withDatabase(clusterUrl, name);
  const handle = await openDatabase({ databaseUrl: url, poolSize: 20 });
  if (!template) await migrateToLatest(handle.db);
  return {
    ...handle,
    url,
    async close() {
      await handle.close();
      await adminQuery(clusterUrl, `drop database if exists ${name} with (force)`);
    },
  };
}

/** Creates a migrated template database that test databases are copied from. */
export async function createMigratedTemplate(clusterUrl: string, name = 'care_template'): Promise<string> {
  await adminQuery(clusterUrl, `create database ${name}`);
  const handle = await openDatabase({ databaseUrl: withDatabase(clusterUrl, name), poolSize: 1 });
  try {
    await migrateToLatest(handle.db);
  } finally {
    await handle.close();
  }
  return name;
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function adminQuery(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
