import type { Context } from 'hono';
import { sql, type Kysely, type Transaction } from 'kysely';
import { z } from 'zod';
import { NoLinkOrigin } from '../auth/links.js';
import type { Database } from '../db/schema.js';
import { fieldErrors, type FieldError } from '../http/problem.js';
import type { TenantRecord } from '../tenants/queries.js';
import type { IntegrationEnv } from './integration-env.js';
import { integrationAuditRow } from './audit.js';

/** At most this many items per batch request. */
export const MAX_BATCH_ITEMS = 1000;

export type AppliedStatus = 'created' | 'updated' | 'unchanged';
export type ItemStatus = AppliedStatus | 'invalid' | 'conflict';

export interface Applied {
  status: AppliedStatus;
  /** The BFF's id of the row. */
  id: string;
  clientId: string;
  warnings?: FieldError[];
  /** Work that must wait for the commit (an e-mail); never runs for a rolled-back item. */
  afterCommit?: () => Promise<void>;
}
export interface Refused {
  status: 'invalid' | 'conflict';
  errors: FieldError[];
}
export type Outcome = Applied | Refused;

export interface ItemResult {
  index: number;
  ecdId: string | null;
  status: ItemStatus;
  id?: string;
  errors?: FieldError[];
  warnings?: FieldError[];
}

export interface ApplyContext {
  trx: Transaction<Database>;
  tenant: TenantRecord;
}

/**
 * One kind of record the ECD pushes. `apply` writes items that passed `schema`, inside the
 * batch's transaction, and returns an outcome per item in the same order. It may write all
 * items in one statement: if that statement fails, the batch falls back to one savepoint per
 * item, so a failing item never leaves a part of itself behind nor takes others with it.
 */
export interface RecordKind<T extends { ecdId: string }> {
  /** Path segment and audit action: `reports` → integration.reports.upsert. */
  name: string;
  resourceType: string;
  schema: z.ZodType<T, unknown>;
  apply(ctx: ApplyContext, items: T[]): Promise<Outcome[]>;
}

export interface BatchSummary {
  results: ItemResult[];
  created: number;
  updated: number;
  unchanged: number;
  invalid: number;
  conflict: number;
}

const ecdIdOf = (item: unknown): string | null => {
  const value = item && typeof item === 'object' ? (item as Record<string, unknown>)['ecdId'] : undefined;
  return typeof value === 'string' ? value : null;
};

/**
 * Applies a batch: every item is validated on its own; valid items are written in one
 * transaction and invalid ones reported (index, ECD id, field). An item is applied whole or not
 * at all. The ECD's writes are marked (care.origin) so the changes feed does not echo them.
 */
export async function applyBatch<T extends { ecdId: string }>(
  c: Context<IntegrationEnv>,
  kind: RecordKind<T>,
  rawItems: unknown[],
): Promise<BatchSummary> {
  const tenant = c.var.tenant;
  const results: ItemResult[] = rawItems.map((item, index) => ({ index, ecdId: ecdIdOf(item), status: 'invalid' }));
  const valid: { index: number; item: T }[] = [];
  const seen = new Map<string, number>();
  rawItems.forEach((raw, index) => {
    const parsed = kind.schema.safeParse(raw);
    if (!parsed.success) {
      results[index]!.errors = itemErrors(parsed.error);
      return;
    }
    const earlier = seen.get(parsed.data.ecdId);
    if (earlier !== undefined) {
      results[index]!.errors = [{ field: 'ecdId', detail: `the same ecdId as item ${earlier} of this batch` }];
      return;
    }
    seen.set(parsed.data.ecdId, index);
    valid.push({ index, item: parsed.data });
  });

  const afterCommit: { index: number; run: () => Promise<void> }[] = [];
  if (valid.length) {
    await c.var.db.transaction().execute(async (trx) => {
      await markIntegrationWrite(trx);
      const outcomes = await applyAtomically(
        { trx, tenant },
        kind,
        valid.map((v) => v.item),
      );
      const audits = [];
      for (const [i, outcome] of outcomes.entries()) {
        const { index, item } = valid[i]!;
        const result = results[index]!;
        result.status = outcome.status;
        if ('errors' in outcome) {
          result.errors = outcome.errors;
          if (outcome.status === 'conflict') {
            audits.push(
              integrationAuditRow(c, {
                action: `integration.${kind.name}.upsert`,
                outcome: 'failure',
                resourceType: kind.resourceType,
                details: { ecdId: item.ecdId, status: 'conflict' },
              }),
            );
          }
          continue;
        }
        result.id = outcome.id;
        if (outcome.warnings?.length) result.warnings = outcome.warnings;
        if (outcome.afterCommit) afterCommit.push({ index, run: outcome.afterCommit });
        if (outcome.status !== 'unchanged') {
          audits.push(
            integrationAuditRow(c, {
              action: `integration.${kind.name}.upsert`,
              clientId: outcome.clientId,
              resourceType: kind.resourceType,
              resourceId: outcome.id,
              details: { ecdId: item.ecdId, status: outcome.status },
            }),
          );
        }
      }
      const summary = count(results);
      audits.push(integrationAuditRow(c, { action: `integration.${kind.name}.batch`, details: { items: rawItems.length, ...summary } }));
      for (let start = 0; start < audits.length; start += 1000) {
        await trx
          .insertInto('audit_log')
          .values(audits.slice(start, start + 1000))
          .execute();
      }
    });
  } else {
    await c.var.db
      .insertInto('audit_log')
      .values(integrationAuditRow(c, { action: `integration.${kind.name}.batch`, details: { items: rawItems.length, ...count(results) } }))
      .execute();
  }

  for (const { index, run } of afterCommit) {
    try {
      await run();
    } catch (error) {
      if (error instanceof NoLinkOrigin) {
        // A setting to fix, not a fault to retry: pushing the item again would fail the same way.
        (results[index]!.warnings ??= []).push({
          field: 'email',
          detail:
            'stored, but no invitation was sent: the tenant has no allowedOrigins and PUBLIC_ORIGIN is not set, so there is no page the link may open',
        });
        continue;
      }
      c.var.logger.error('integration: work after commit failed', { resource: kind.name, index, error });
      (results[index]!.warnings ??= []).push({
        field: '(item)',
        detail: 'stored, but the follow-up (e.g. the invitation e-mail) failed; push the item again to retry',
      });
    }
  }
  return { results, ...count(results) };
}

/** Marks the transaction as the ECD's: the changes-feed triggers do not echo its writes back. */
export async function markIntegrationWrite(trx: Transaction<Database>): Promise<void> {
  await sql`select set_config('care.origin', 'integration', true)`.execute(trx);
}

/** Field errors of an item; an unknown field is named itself rather than the item. */
function itemErrors(error: z.ZodError): FieldError[] {
  return error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ field: [...issue.path, key].join('.'), detail: 'not a field of this record' }))
      : fieldErrors(new z.ZodError([issue])),
  );
}

function count(results: ItemResult[]) {
  const counts = { created: 0, updated: 0, unchanged: 0, invalid: 0, conflict: 0 };
  for (const result of results) counts[result.status]++;
  return counts;
}

async function applyAtomically<T extends { ecdId: string }>(ctx: ApplyContext, kind: RecordKind<T>, items: T[]): Promise<Outcome[]> {
  const { trx } = ctx;
  await sql`savepoint batch_all`.execute(trx);
  try {
    const outcomes = await kind.apply(ctx, items);
    await sql`release savepoint batch_all`.execute(trx);
    return outcomes;
  } catch (error) {
    if (!isDatabaseError(error)) throw error;
    await sql`rollback to savepoint batch_all`.execute(trx);
    if (items.length === 1) return [databaseRefusal(error)];
  }
  // Something the validation did not foresee: find the item(s) by trying each on its own.
  const outcomes: Outcome[] = [];
  for (const item of items) {
    await sql`savepoint batch_item`.execute(trx);
    try {
      outcomes.push(...(await kind.apply(ctx, [item])));
      await sql`release savepoint batch_item`.execute(trx);
    } catch (error) {
      if (!isDatabaseError(error)) throw error;
      await sql`rollback to savepoint batch_item`.execute(trx);
      outcomes.push(databaseRefusal(error));
    }
  }
  return outcomes;
}

interface DatabaseError {
  code: string;
  message: string;
  column?: string;
  constraint?: string;
}

/** A PostgreSQL error about the data (class 22: data exception, 23: integrity constraint). */
function isDatabaseError(error: unknown): error is DatabaseError {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^2[23]/.test(code);
}

function databaseRefusal(error: DatabaseError): Refused {
  const field = error.column ?? error.constraint ?? '(item)';
  return { status: error.code === '23505' ? 'conflict' : 'invalid', errors: [{ field, detail: error.message }] };
}

/** Client ids by the ECD ids of clients, for the records that reference a client. */
export async function clientIdsByEcdId(db: Kysely<Database>, tenantId: string, ecdIds: string[]): Promise<Map<string, string>> {
  if (!ecdIds.length) return new Map();
  const rows = await db
    .selectFrom('clients')
    .select(['id', 'ecd_id'])
    .where('tenant_id', '=', tenantId)
    .where('ecd_id', 'in', [...new Set(ecdIds)])
    .execute();
  return new Map(rows.map((row) => [row.ecd_id!, row.id]));
}

export const unknownClient = (): Refused => ({
  status: 'invalid',
  errors: [{ field: 'clientEcdId', detail: 'no client with this ECD id: push the client first' }],
});

/**
 * Upserts that returned nothing left their row alone: the pushed record was already stored.
 * Their ids, by ECD id.
 */
export async function unchangedIds(
  trx: Kysely<Database>,
  table: 'reports' | 'measurements' | 'appointments' | 'clients',
  tenantId: string,
  ecdIds: string[],
): Promise<Map<string, { id: string; clientId: string }>> {
  if (!ecdIds.length) return new Map();
  const rows = await trx
    .selectFrom(table)
    .select(table === 'clients' ? ['id', 'ecd_id', 'id as client_id'] : ['id', 'ecd_id', 'client_id'])
    .where('tenant_id', '=', tenantId)
    .where('ecd_id', 'in', ecdIds)
    .execute();
  return new Map(rows.map((row) => [row.ecd_id!, { id: row.id, clientId: row.client_id }]));
}
