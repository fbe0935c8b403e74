import { parseArgs } from 'node:util';
import { loadCliConfig } from '../cli-support.js';
import { openDatabase } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { tenantBySlug } from '../tenants/queries.js';
import { describeChainReport, verifyAuditChain } from './verify.js';

export const auditUsage = `care-bff audit verify [--tenant SLUG]

Walks the hash chain of the audit log (every tenant, or one) and names the first row that was
changed, replaced or removed. Exit code 0: every chain is intact; 1: a chain is broken (or the
command failed). Needs DATABASE_URL, or the embedded database with the server stopped.`;

/** `care-bff audit …`; returns the exit code. */
export async function auditCommand(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { tenant: { type: 'string' }, help: { type: 'boolean', short: 'h', default: false } },
    });
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n\n${auditUsage}`);
    return 1;
  }
  if (parsed.values.help) {
    console.log(auditUsage);
    return 0;
  }
  if (parsed.positionals[0] !== 'verify') {
    console.error(`name a command: verify\n\n${auditUsage}`);
    return 1;
  }
  const config = loadCliConfig();
  if (!config) return 2;
  const database = await openDatabase({ databaseUrl: config.databaseUrl, pgliteDataDir: config.pgliteDataDir });
  try {
    await migrateToLatest(database.db);
    const slug = parsed.values.tenant;
    const tenants = slug
      ? [await tenantBySlug(database.db, slug)].filter((t) => t !== undefined)
      : await database.db.selectFrom('tenants').select(['id', 'slug']).orderBy('slug').execute();
    if (slug && !tenants.length) {
      console.error(`There is no tenant "${slug}".`);
      return 1;
    }
    let broken = false;
    for (const tenant of tenants) {
      const report = await verifyAuditChain(database.db, tenant);
      if (report.firstBreak) {
        broken = true;
        console.error(describeChainReport(report));
      } else {
        console.log(describeChainReport(report));
      }
    }
    return broken ? 1 : 0;
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    return 1;
  } finally {
    await database.close();
  }
}
