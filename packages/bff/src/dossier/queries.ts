import { sql, type Insertable, type Kysely } from 'kysely';
import type { AuditLogTable, Database } from '../db/schema.js';
import type { ClientScope } from '../http/session-types.js';
import { appointmentView, type AppointmentView } from '../agenda/queries.js';
import { postView, type BoardPostView, type PostRow } from '../board/queries.js';
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

/** An attached photo of the board, without its bytes: what the ZIP needs to name its entry. */
export interface BoardPhotoEntry {
  id: string;
  postId: string;
  /** 0-based, in the order the post shows them */
  position: number;
  contentType: string;
  /** The Amsterdam day of the post */
  day: string;
}

/**
 * Every photo of the board's posts written up to `until`, newest post first, without the bytes:
 * the ZIP names each photo's entry before it reads the bytes (boardPhotoBytes), one at a time.
 */
export async function boardPhotoEntries(db: Kysely<Database>, scope: ClientScope, until: Date): Promise<BoardPhotoEntry[]> {
  const rows = await db
    .selectFrom('board_photos as ph')
    .innerJoin('board_posts as p', (join) => join.onRef('p.tenant_id', '=', 'ph.tenant_id').onRef('p.id', '=', 'ph.post_id'))
    .select(['ph.id', 'ph.post_id', 'ph.position', 'ph.content_type'])
    .select(sql<string>`to_char(p.created_at at time zone 'Europe/Amsterdam', 'YYYY-MM-DD')`.as('day'))
    .where('ph.tenant_id', '=', scope.tenantId)
    .where('ph.client_id', '=', scope.clientId)
    .where('p.client_id', '=', scope.clientId)
    .where('p.created_at', '<=', until)
    .orderBy('p.created_at', 'desc')
    .orderBy('p.id', 'desc')
    .orderBy('ph.position')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    postId: row.post_id!,
    position: row.position ?? 0,
    contentType: row.content_type,
    day: row.day,
  }));
}

/** The stored screen-size version of one posted photo of the board, byte for byte. */
export async function boardPhotoBytes(db: Kysely<Database>, scope: ClientScope, id: string): Promise<Uint8Array | undefined> {
  const row = await db
    .selectFrom('board_photos')
    .select('screen')
    .where('tenant_id', '=', scope.tenantId)
    .where('client_id', '=', scope.clientId)
    .where('id', '=', id)
    .where('post_id', 'is not', null)
    .executeTakeFirst();
  return row?.screen;
}

/**
 * The board's posts written up to `until`, newest first, each with its photos and every reply
 * (oldest first, as the board shows them; the board's own page has only the newest 50).
 */
export function boardPostPages(
  db: Kysely<Database>,
  reader: ClientScope & { isClient: boolean },
  until: Date,
  size = PAGE_SIZE,
): AsyncGenerator<BoardPostView[]> {
  return keysetPages(
    async (after, limit) => {
      const older = after ? sql`and (p.created_at, p.id) < (${after.at}::timestamptz, ${after.id}::uuid)` : sql``;
      const { rows } = await sql<PostRow & { cursor_at: string }>`
        select p.id, p.author_kind, p.author_account_id, p.author_name, p.author_relationship, p.text, p.created_at,
          p.created_at::text as cursor_at,
          coalesce((select json_agg(json_build_object('id', ph.id, 'description', ph.description, 'contentType', ph.content_type,
              'tw', ph.thumbnail_width, 'th', ph.thumbnail_height, 'sw', ph.screen_width, 'sh', ph.screen_height) order by ph.position)
            from board_photos ph where ph.tenant_id = p.tenant_id and ph.post_id = p.id), '[]'::json) as photos,
          (select count(*) from board_replies rc where rc.tenant_id = p.tenant_id and rc.post_id = p.id) as reply_count,
          coalesce((select json_agg(json_build_object('id', r.id, 'post_id', r.post_id, 'author_kind', r.author_kind,
              'author_account_id', r.author_account_id, 'author_name', r.author_name, 'author_relationship', r.author_relationship,
              'text', r.text, 'created_at', r.created_at) order by r.created_at, r.id)
            from board_replies r where r.tenant_id = p.tenant_id and r.post_id = p.id), '[]'::json) as replies
        from board_posts p
        where p.tenant_id = ${reader.tenantId} and p.client_id = ${reader.clientId} and p.created_at <= ${until} ${older}
        order by p.created_at desc, p.id desc
        limit ${limit}`.execute(db);
      return rows;
    },
    (row) => postView(row, reader),
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
  /** Posts on the board */
  board: number;
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
  const count = (table: 'reports' | 'measurements' | 'appointments' | 'messages' | 'plan_documents' | 'board_posts', extra = sql``) =>
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
        count('board_posts').as('board'),
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
    board: Number(row.board),
    firstReportDay: row.first_report_day,
  };
}
