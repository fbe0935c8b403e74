import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadCliConfig } from '../cli-support.js';
import { openDatabase } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import {
  applyTenant,
  listTenants,
  tenantFileJsonSchema,
  parseTenantFile,
  planTenant,
  tenantAsFile,
  TenantFileError,
  type TenantPlan,
} from './tenant-file.js';

export const tenantUsage = `care-bff tenant <command>

A care organisation (tenant) as code: one JSON file with its settings, checked against
packages/bff/tenant.schema.json (see examples/tenants/).

  apply FILE [--dry-run]   create or update the tenant the file describes; an invalid file
                           changes nothing. --dry-run prints what would change and writes nothing.
  list                     every tenant: slug, name, allowed origins
  show SLUG                the tenant as a file (what apply accepts back unchanged)
  schema                   print the JSON Schema of a tenant file

Needs DATABASE_URL, or the embedded database with the server stopped.`;

/** `care-bff tenant …`; returns the exit code. */
export async function tenantCommand(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { 'dry-run': { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false } },
    });
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n\n${tenantUsage}`);
    return 1;
  }
  const { values, positionals } = parsed;
  const [command, argument] = positionals;
  if (values.help) {
    console.log(tenantUsage);
    return 0;
  }
  if (command === 'schema') {
    console.log(JSON.stringify(tenantFileJsonSchema(), null, 2));
    return 0;
  }
  if (!command || !['apply', 'list', 'show'].includes(command) || ((command === 'apply' || command === 'show') && !argument)) {
    console.error(
      `${command === 'apply' ? 'apply: name the tenant file' : command === 'show' ? 'show: name the tenant slug' : 'name a command: apply, list or show'}\n\n${tenantUsage}`,
    );
    return 1;
  }

  // The file is checked before anything touches the database.
  let file;
  if (command === 'apply') {
    try {
      file = parseTenantFile(readFileSync(argument!, 'utf8'));
    } catch (error) {
      if (error instanceof TenantFileError) {
        console.error(`${argument}: ${error.message}\nNothing was changed.`);
        return 1;
      }
      console.error(`${argument}: ${error instanceof Error ? error.message : String(error)}`);
      return 1;
    }
  }

  const config = loadCliConfig();
  if (!config) return 2;
  const database = await openDatabase({ databaseUrl: config.databaseUrl, pgliteDataDir: config.pgliteDataDir });
  try {
    await migrateToLatest(database.db);
    switch (command) {
      case 'apply': {
        const plan = values['dry-run'] ? await planTenant(database.db, file!) : await applyTenant(database.db, file!);
        console.log(describePlan(plan, values['dry-run']));
        return 0;
      }
      case 'list': {
        const tenants = await listTenants(database.db);
        if (!tenants.length) console.log('There are no tenants yet: care-bff tenant apply FILE');
        const width = Math.max(4, ...tenants.map((t) => t.slug.length));
        for (const t of tenants)
          console.log(
            `${t.slug.padEnd(width)}  ${t.name}  (${t.allowedOrigins.join(', ') || 'no allowed origins'}; ${t.measurementTypes} measurement types)`,
          );
        return 0;
      }
      case 'show': {
        const shown = await tenantAsFile(database.db, argument!);
        if (!shown) {
          console.error(`There is no tenant "${argument}".`);
          return 1;
        }
        console.log(JSON.stringify(shown, null, 2));
        return 0;
      }
    }
    return 1;
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    return 1;
  } finally {
    await database.close();
  }
}

/** Plain lines a reviewer reads before and after: `~ settings.passwordPolicy: {…} -> {…}`. */
export function describePlan(plan: TenantPlan, dryRun: boolean): string {
  const changing = plan.changes.filter((c) => c.change !== 'keep');
  const head = !changing.length
    ? `${plan.slug}: up to date; nothing ${dryRun ? 'would change' : 'changed'}.`
    : `${plan.slug}: ${dryRun ? 'would ' : ''}${plan.exists ? (dryRun ? 'update' : 'updated') : dryRun ? 'create' : 'created'} (${changing.length} ${changing.length === 1 ? 'change' : 'changes'})${dryRun ? '; nothing was written (--dry-run)' : ''}`;
  const show = (value: unknown) => JSON.stringify(value);
  const lines = plan.changes.map((c) =>
    c.change === 'create'
      ? `  + ${c.what}: ${show(c.to)}`
      : c.change === 'update'
        ? `  ~ ${c.what}: ${show(c.from)} -> ${show(c.to)}`
        : `  = ${c.what}: not in the file, kept`,
  );
  return [head, ...lines].join('\n');
}
