import { sql, type Insertable, type Kysely } from 'kysely';
import type { AuditLogTable, Database } from '../db/schema.js';
import type { ClientScope } from '../http/session-types.js';
import { appointmentView, type AppointmentView } from '../agenda/queries.js';
import type { MeasurementTypeView, MeasurementView } from '../measurements/queries.js';
import { messageView, type MessageView } from '../messages/queries.js';
import { reportPage, type ReportCursor, type ReportView } from '../reports/queries.js';

/** Rows read per statement while the ZIP streams: a page is laid out and zipped before the next is read. */
export const PAGE_SIZE = 500;

/** Everything the client has: no period, from the first row to the last. */
const allTime = { start: new Date(0), end: new Date('9999-12-31T00:00:00Z') };

/**
 * Where a keyset page ends: the stored timestamp as PostgreSQL text (a JavaScript Date would cut
 * microseconds and make the next page repeat or skip rows), and the id.
 */
interface Cursor {
  at: string;
  id: string;
}

async function* keysetPages<Row extends { cursor_at: string; id: string }, Item>(
  page: (after: Cursor | undefined, size: number) => Promise<Row[]>,
  view: (row: Row) => Item,
  size = PAGE_SIZE,
): AsyncGenerator<Item[]> {
  let after: Cursor | undefined;
  for (;;) {
    const rows = await page(after, size);
    if (rows.length) yield rows.map(view);
    const last = rows[rows.length - 1];
    if (!last || rows.length < size) return;
    after = { at: last.cursor_at, id: last.id };
  }
}

/** `(at, id) < cursor`: the rows after a page, newest first. */
const olderThan = (at: string, id: string, after: Cursor | undefined) =>
  after ? sql<boolean>`(${sql.ref(at)}, ${sql.ref(id)}) < (${after.at}::timestamptz, ${after.id}::uuid)` : sql<boolean>`true`;

/** Every report of the client, newest first, a page at a time (the reports PDF's own pager). */
export async function* reportPages(db: Kysely<Database>, scope: ClientScope, size = PAGE_SIZE): AsyncGenerator<ReportView[]> {
  let cursor: ReportCursor | undefined;
  do {
    const page = await reportPage(db, scope, allTime, cursor, size);
    if (page.rows.length) yield page.rows;
    cursor = page.next;
  } while (cursor);
}

/** Every measurement the portal shows (not the deleted ones), newest first. */
export function measurementPages(db: Kysely<Database>, scope: ClientScope, size = PAGE_SIZE): AsyncGenerator<MeasurementView[]> {
  return keysetPages(
    (after, limit) =>
      db
        .selectFrom('measurements as m')
        .innerJoin('measurement_types as t', (join) => join.onRef('t.tenant_id', '=', 'm.tenant_id').onRef('t.id', '=', 'm.type_id'))
        .select(['m.id', 't.code as type', 'm.measured_at', 'm.values', 'm.source', 'm.author_name'])
        .select(sql<boolean>`(m.source = 'client' and coalesce(m.author_account_id = ${scope.accountId}, false))`.as('deletable'))
        .select(sql<string>`m.measured_at::text`.as('cursor_at'))
        .where('m.tenant_id', '=', scope.tenantId)
        .where('m.client_id', '=', scope.clientId)
        .where('m.deleted_at', 'is', null)
        .where(olderThan('m.measured_at', 'm.id', after))
        .orderBy('m.measured_at', 'desc')
        .orderBy('m.id', 'desc')
        .limit(limit)
        .execute(),
    (row): MeasurementView => ({
      id: row.id,
      type: row.type,
      measuredAt: row.measured_at.toISOString(),
      values: row.values,
      source: row.source,
      author: row.author_name,
      deletable: row.deletable,
    }),
    size,
  );
}

/** The tenant's measurement types, so that `metingen.json` says what a code and its values mean. */
export async function measurementTypesOf(db: Kysely<Database>, tenantId: string): Promise<MeasurementTypeView[]> {
  const rows = await db
    .selectFrom('measurement_types')
    .select(['code', 'label', 'unit', 'decimals', 'components', 'client_may_enter'])
    .where('tenant_id', '=', tenantId)
    .orderBy('sort_order')
    .orderBy('label')
    .execute();
  return rows.map(({ client_may_enter, ...type }) => ({ ...type, clientMayEnter: client_may_enter }));
}

/** Every appointment that is not cancelled, past and future, latest start first. */
export function appointmentPages(db: Kysely<Database>, scope: ClientScope, size = PAGE_SIZE): AsyncGenerator<AppointmentView[]> {
  return keysetPages(
    (after, limit) =>
      db
        .selectFrom('appointments')
        .select(['id', 'title', 'description', 'location', 'care_worker_name', 'starts_at', 'ends_at', 'source', 'created_by_account_id'])
        .select(sql<string>`starts_at::text`.as('cursor_at'))
        .where('tenant_id', '=', scope.tenantId)
        .where('client_id', '=', scope.clientId)
        .where('cancelled_at', 'is', null)
        .where(olderThan('starts_at', 'id', after))
        .orderBy('starts_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit)
        .execute(),
    (row) => appointmentView(row, scope.accountId),
    size,
  );
}

/** The whole message thread, newest first, with this reader's read marks. */
export function messagePages(db: Kysely<Database>, scope: ClientScope, size = PAGE_SIZE): AsyncGenerator<MessageView[]> {
  return keysetPages(
    (after, limit) =>
      db
        .selectFrom('messages')
        .select(['id', 'body', 'sent_at', 'sender_kind', 'sender_name', 'sender_account_id'])
        .select(
          sql<Date | null>`(select r.read_at from message_reads r
            where r.tenant_id = messages.tenant_id and r.message_id = messages.id and r.account_id = ${scope.accountId})`.as('read_at'),
        )
        .select(sql<string>`sent_at::text`.as('cursor_at'))
        .where('tenant_id', '=', scope.tenantId)
        .where('client_id', '=', scope.clientId)
        .where(olderThan('sent_at', 'id', after))
        .orderBy('sent_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit)
        .execute(),
    (row) => messageView(row, scope.accountId),
    size,
  );
}

/** How much each part holds, for the first page of each PDF and the manifest. */
export interface DossierCounts {
  clientName: string;
  reports: number;
  measurements: number;
  appointments: number;
  messages: number;
  plans: number;
  /** The Amsterdam day of the first report, for the reports PDF's period; null without reports. */
  firstReportDay: string | null;
}

/**
 * The client's name and the size of each part, in one statement; with `auditRow`, the same
 * statement logs the download.
 */
export async function dossierCounts(
  db: Kysely<Database>,
  scope: ClientScope,
  auditRow: Insertable<AuditLogTable> | undefined,
): Promise<DossierCounts | undefined> {
  const count = (table: 'reports' | 'measurements' | 'appointments' | 'messages' | 'plan_documents', extra = sql``) =>
    sql<number>`(select count(*)::int from ${sql.table(table)} x
      where x.tenant_id = ${scope.tenantId} and x.client_id = ${scope.clientId} ${extra})`;
  const query = (from: Kysely<Database>) =>
    from
      .selectFrom('clients')
      .select(['initials', 'first_name', 'last_name_prefix', 'last_name'])
      .select([
        count('reports').as('reports'),
        count('measurements', sql`and x.deleted_at is null`).as('measurements'),
        count('appointments', sql`and x.cancelled_at is null`).as('appointments'),
        count('messages').as('messages'),
        count('plan_documents').as('plans'),
        sql<string | null>`(select to_char(min(r.written_at) at time zone 'Europe/Amsterdam', 'YYYY-MM-DD') from reports r
          where r.tenant_id = ${scope.tenantId} and r.client_id = ${scope.clientId})`.as('first_report_day'),
      ])
      .where('tenant_id', '=', scope.tenantId)
      .where('id', '=', scope.clientId);
  const row = auditRow
    ? await db
        .with('logged', (db) => db.insertInto('audit_log').values(auditRow).returning('id'))
        .selectFrom(() => query(db).as('c'))
        .selectAll('c')
        .executeTakeFirst()
    : await query(db).executeTakeFirst();
  if (!row) return undefined;
  return {
    clientName: [row.first_name || row.initials, row.last_name_prefix, row.last_name].filter(Boolean).join(' '),
    reports: Number(row.reports),
    measurements: Number(row.measurements),
    appointments: Number(row.appointments),
    messages: Number(row.messages),
    plans: Number(row.plans),
    firstReportDay: row.first_report_day,
  };
}
