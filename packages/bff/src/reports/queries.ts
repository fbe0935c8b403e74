import { sql, type Insertable, type Kysely, type RawBuilder } from 'kysely';
import { auditInsert } from '../audit/audit-log.js';
import type { AuditLogTable, AuthorKind, Database } from '../db/schema.js';
import type { ClientScope } from '../http/session-types.js';

/** Whose reports: the session's tenant, client and account (the account decides `own`). */
export interface ReportView {
  id: string;
  writtenAt: string;
  author: string;
  authorKind: AuthorKind;
  /** Written by the signed-in account from the portal. */
  own: boolean;
  text: string;
}

interface ReportRow {
  id: string;
  written_at: Date;
  author_name: string;
  author_kind: AuthorKind;
  own: boolean;
  text: string;
}

export function reportView(row: ReportRow): ReportView {
  return {
    id: row.id,
    writtenAt: row.written_at.toISOString(),
    author: row.author_name,
    authorKind: row.author_kind,
    own: row.own,
    text: row.text,
  };
}

function reportsOfClient(db: Kysely<Database>, scope: ClientScope) {
  return db
    .selectFrom('reports')
    .select([
      'id',
      'written_at',
      'author_name',
      'author_kind',
      'text',
      sql<boolean>`coalesce(author_account_id = ${scope.accountId}, false)`.as('own'),
    ])
    .where('tenant_id', '=', scope.tenantId)
    .where('client_id', '=', scope.clientId);
}

/**
 * A list of reports as the JSON text of `ReportView[]`, newest first, built by PostgreSQL in the
 * statement that inserts the audit row of reading it: one round trip, and no row parsing or
 * serialising in the BFF, which would cost more than the query for a year of reports. The
 * statement is SQL text, not the query builder: building and compiling it per request was the
 * largest piece of the BFF's own work on this read. `writtenAt` is `Date#toISOString()`'s form
 * (milliseconds, cut as a Date cuts microseconds).
 */
async function reportsJson(
  db: Kysely<Database>,
  scope: ClientScope,
  narrow: RawBuilder<unknown>,
  auditRow: Insertable<AuditLogTable>,
): Promise<string> {
  // The inner select's columns are the keys of `ReportView`, in its order.
  const { rows } = await sql<{ items: string }>`
    with logged as (${auditInsert(auditRow)})
    select coalesce('[' || string_agg(row_to_json(v)::text, ',' order by r.written_at desc, r.id desc) || ']', '[]') as items
      from (select id, written_at, author_name, author_kind, author_account_id, text from reports
             where tenant_id = ${scope.tenantId} and client_id = ${scope.clientId} ${narrow}) r
     cross join lateral (select r.id, to_char(r.written_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "writtenAt",
             r.author_name as author, r.author_kind as "authorKind", coalesce(r.author_account_id = ${scope.accountId}, false) as own,
             r.text) v`.execute(db);
  return rows[0]!.items;
}

/** The reports written in [start, end) as JSON (see `reportsJson`), and the audit row of reading them. */
export function reportsForPeriodJson(
  db: Kysely<Database>,
  scope: ClientScope,
  period: { start: Date; end: Date },
  auditRow: Insertable<AuditLogTable>,
): Promise<string> {
  return reportsJson(db, scope, sql`and written_at >= ${period.start} and written_at < ${period.end}`, auditRow);
}

/** The newest `limit` reports as JSON (see `reportsJson`), and the audit row of reading them. */
export function latestReportsJson(
  db: Kysely<Database>,
  scope: ClientScope,
  limit: number,
  auditRow: Insertable<AuditLogTable>,
): Promise<string> {
  return reportsJson(db, scope, sql`order by written_at desc, id desc limit ${limit}`, auditRow);
}

/** Where a keyset page ends: the exact stored timestamp as text (microseconds), and the id. */
export interface ReportCursor {
  writtenAt: string;
  id: string;
}

/**
 * One keyset page of a period, newest first, for streaming a long period without holding it all.
 * The cursor carries the timestamp as PostgreSQL text: a JavaScript Date would cut microseconds
 * and make the next page repeat or skip rows.
 */
export async function reportPage(
  db: Kysely<Database>,
  scope: ClientScope,
  period: { start: Date; end: Date },
  after: ReportCursor | undefined,
  size: number,
): Promise<{ rows: ReportView[]; next: ReportCursor | undefined }> {
  let query = reportsOfClient(db, scope)
    .select(sql<string>`written_at::text`.as('cursor_at'))
    .where('written_at', '>=', period.start)
    .where('written_at', '<', period.end);
  if (after) query = query.where(sql<boolean>`(written_at, id) < (${after.writtenAt}::timestamptz, ${after.id}::uuid)`);
  const rows = await query.orderBy('written_at', 'desc').orderBy('id', 'desc').limit(size).execute();
  const last = rows[rows.length - 1];
  return {
    rows: rows.map(reportView),
    next: last && rows.length === size ? { writtenAt: last.cursor_at, id: last.id } : undefined,
  };
}

/**
 * What the PDF's first page needs, the client's name and how many reports the period holds, read
 * in the statement that logs the download.
 */
export async function clientNameForDownload(
  db: Kysely<Database>,
  scope: ClientScope,
  period: { start: Date; end: Date },
  auditRow: Insertable<AuditLogTable>,
): Promise<{ clientName: string; total: number } | undefined> {
  const row = await db
    .with('logged', (db) => db.insertInto('audit_log').values(auditRow).returning('id'))
    .selectFrom('clients')
    .select(['initials', 'first_name', 'last_name_prefix', 'last_name'])
    .select((eb) =>
      eb
        .selectFrom('reports')
        .select(eb.fn.countAll<number>().as('n'))
        .where('reports.tenant_id', '=', scope.tenantId)
        .where('reports.client_id', '=', scope.clientId)
        .where('reports.written_at', '>=', period.start)
        .where('reports.written_at', '<', period.end)
        .as('total'),
    )
    .where('tenant_id', '=', scope.tenantId)
    .where('id', '=', scope.clientId)
    .executeTakeFirst();
  if (!row) return undefined;
  const clientName = [row.first_name || row.initials, row.last_name_prefix, row.last_name].filter(Boolean).join(' ');
  return { clientName, total: Number(row.total ?? 0) };
}

export interface NewReport {
  text: string;
  authorName: string;
  authorKind: 'client' | 'contact';
  idempotencyKey: string;
}

/**
 * Stores a report the client wrote, once per idempotency key: a retry, even one racing the first
 * attempt, gets the first attempt's report back (`created: false`). Runs in the caller's
 * transaction so that the audit row commits with it.
 */
export async function writeClientReport(
  trx: Kysely<Database>,
  scope: ClientScope,
  report: NewReport,
): Promise<{ report: ReportView; created: boolean }> {
  const inserted = await trx
    .insertInto('reports')
    .values({
      tenant_id: scope.tenantId,
      client_id: scope.clientId,
      written_at: sql<Date>`now()`,
      author_name: report.authorName,
      author_kind: report.authorKind,
      author_account_id: scope.accountId,
      text: report.text,
      idempotency_key: report.idempotencyKey,
    })
    .onConflict((oc) => oc.columns(['tenant_id', 'client_id', 'idempotency_key']).doNothing())
    .returning(['id', 'written_at', 'author_name', 'author_kind', 'text', sql<boolean>`true`.as('own')])
    .executeTakeFirst();
  if (inserted) return { report: reportView(inserted), created: true };
  const existing = await reportsOfClient(trx, scope).where('idempotency_key', '=', report.idempotencyKey).executeTakeFirstOrThrow();
  return { report: reportView(existing), created: false };
}
