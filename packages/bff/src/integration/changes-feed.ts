import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

/**
 * Position in the changes feed: the (transaction, sequence) pair of the last change read.
 * Written as "<txid>.<seq>"; the ECD keeps it opaque and sends it back as `after`.
 */
export interface ChangeCursor {
  txid: number;
  seq: number;
}

export const FEED_START: ChangeCursor = { txid: 0, seq: 0 };
export const MAX_FEED_PAGE = 1000;

export function formatCursor(cursor: ChangeCursor): string {
  return `${cursor.txid}.${cursor.seq}`;
}

export function parseCursor(text: string): ChangeCursor | undefined {
  const match = /^(\d{1,15})\.(\d{1,15})$/.exec(text);
  return match ? { txid: Number(match[1]), seq: Number(match[2]) } : undefined;
}

export type ChangeKind =
  | 'report.created'
  | 'measurement.created'
  | 'measurement.deleted'
  | 'message.created'
  | 'plan.decided'
  | 'profile.changed'
  | 'appointment.created'
  | 'appointment.updated'
  | 'contact.added'
  | 'contact.changed'
  | 'contact.removed'
  | 'board.post.created'
  | 'board.reply.created'
  | 'board.post.removed'
  | 'board.reply.removed';

export interface Change {
  cursor: string;
  kind: ChangeKind;
  occurredAt: string;
  client: { id: string; ecdId: string | null };
  /** The portal's id of the report, measurement, message, plan document, appointment, client, board post or reply; a contact person's account id. */
  resourceId: string;
  data: Record<string, unknown>;
}

export interface ChangesPage {
  items: Change[];
  /** Send as `after` next time; the same cursor again when the page is empty. */
  next: string;
  /** More changes are ready now: ask again at once instead of waiting for the next poll. */
  more: boolean;
}

/**
 * A page of the tenant's changes after the cursor, in (txid, seq) order.
 *
 * Sequence numbers are taken when a row is inserted but become visible when its transaction
 * commits, so a plain "seq > cursor" could pass a row whose transaction commits late. Each row
 * records its top-level transaction id; only rows of transactions older than the oldest one still
 * running (the snapshot's xmin) are handed out. Every transaction that could still add a row has
 * an id at or above that horizon, so it sorts after everything handed out: no row is skipped and
 * none comes twice. A long transaction holds the feed back until it ends; it never loses a row.
 */
export async function changesAfter(db: Kysely<Database>, tenantId: string, after: ChangeCursor, limit: number): Promise<ChangesPage> {
  const { rows } = await sql<{
    seq: number;
    txid: number;
    kind: ChangeKind;
    client_id: string;
    client_ecd_id: string | null;
    resource_id: string;
    occurred_at: Date;
    data: Record<string, unknown>;
  }>`
    with horizon as materialized (select (pg_snapshot_xmin(pg_current_snapshot())::text)::bigint as xmin)
    select l.seq, l.txid, l.kind, l.client_id, c.ecd_id as client_ecd_id, l.resource_id, l.occurred_at, l.data
    from integration_changes l
    join clients c on c.tenant_id = l.tenant_id and c.id = l.client_id
    where l.tenant_id = ${tenantId}
      and (l.txid, l.seq) > (${after.txid}::bigint, ${after.seq}::bigint)
      and l.txid < (select xmin from horizon)
    order by l.txid, l.seq
    limit ${limit + 1}`.execute(db);
  const page = rows.slice(0, limit);
  const items = page.map((row): Change => ({
    cursor: formatCursor(row),
    kind: row.kind,
    occurredAt: new Date(row.occurred_at).toISOString(),
    client: { id: row.client_id, ecdId: row.client_ecd_id },
    resourceId: row.resource_id,
    data: withIsoTimes(row.data),
  }));
  const last = page[page.length - 1];
  return { items, next: formatCursor(last ?? after), more: rows.length > limit };
}

const TIME_KEYS = new Set([
  'writtenAt',
  'measuredAt',
  'deletedAt',
  'sentAt',
  'decidedAt',
  'startsAt',
  'endsAt',
  'cancelledAt',
  'createdAt',
  'removedAt',
]);

/** jsonb renders times in the session's time zone; the feed speaks UTC ISO 8601 like the rest of the API. */
function withIsoTimes(data: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(data).map(([key, value]) => [
      key,
      TIME_KEYS.has(key) && typeof value === 'string' ? new Date(value).toISOString() : value,
    ]),
  );
}
