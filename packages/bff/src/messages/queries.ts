import { sql, type Kysely, type Selectable } from 'kysely';
import type { AuthorKind, Database, MessagesTable } from '../db/schema.js';
import type { ClientScope } from '../http/session-types.js';

/** The NOTIFY channel of new and read messages; the payload names tenant, client and message. */
export const MESSAGES_CHANNEL = 'care_messages';

export interface MessageNotice {
  /** tenant id */
  t: string;
  /** client id */
  c: string;
  /** 'message': a new message `m`; 'read': messages were marked read. */
  k: 'message' | 'read';
  m?: string;
}

/** Whose thread, and who is looking: "own" and "unread" depend on the account. */
export interface MessageView {
  id: string;
  body: string;
  sentAt: string;
  sender: { kind: AuthorKind; name: string };
  /** Written by the signed-in account (shown on the right, never counted as unread). */
  own: boolean;
  /** When this reader marked it read; null while unread for them. Always null for own messages. */
  readAt: string | null;
}

export type MessageRow = Pick<
  Selectable<MessagesTable>,
  'id' | 'body' | 'sent_at' | 'sender_kind' | 'sender_name' | 'sender_account_id' | 'read_at'
>;

const columns = ['id', 'body', 'sent_at', 'sender_kind', 'sender_name', 'sender_account_id', 'read_at'] as const;
const sharedColumns = ['id', 'body', 'sent_at', 'sender_kind', 'sender_name', 'sender_account_id'] as const;

/** When this reader marked the message read: read marks are per reader (message_reads, migration 0012). */
function readAtOf(accountId: string) {
  return sql<Date | null>`(select r.read_at from message_reads r
    where r.tenant_id = messages.tenant_id and r.message_id = messages.id and r.account_id = ${accountId})`.as('read_at');
}

/** The columns of a row that several readers share: a message just announced is unread for each of them. */
const unreadForAll = sql<Date | null>`null::timestamptz`.as('read_at');

/** Not written by the reader and not marked read by the reader. */
function unreadBy(accountId: string, alias = 'messages') {
  return sql<boolean>`${sql.ref(`${alias}.sender_account_id`)} is distinct from ${accountId}::uuid and not exists (select 1 from message_reads r
    where r.tenant_id = ${sql.ref(`${alias}.tenant_id`)} and r.message_id = ${sql.ref(`${alias}.id`)} and r.account_id = ${accountId}::uuid)`;
}

export function messageView(row: MessageRow, accountId: string): MessageView {
  const own = row.sender_account_id === accountId;
  return {
    id: row.id,
    body: row.body,
    sentAt: new Date(row.sent_at).toISOString(),
    sender: { kind: row.sender_kind, name: row.sender_name },
    own,
    readAt: own || !row.read_at ? null : new Date(row.read_at).toISOString(),
  };
}

function thread(db: Kysely<Database>, scope: ClientScope) {
  return db.selectFrom('messages').where('tenant_id', '=', scope.tenantId).where('client_id', '=', scope.clientId);
}

/** True when the id names a message of this client's thread. */
export async function messageExists(db: Kysely<Database>, scope: ClientScope, id: string): Promise<boolean> {
  return (await thread(db, scope).select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}

/**
 * A page of the thread, newest first. Keyset pagination on (sent_at, id): `before` is the id of
 * the last message of the previous page and must belong to this thread (the caller checks).
 */
export async function messagePage(db: Kysely<Database>, scope: ClientScope, before: string | undefined, limit: number) {
  let query = thread(db, scope).select([...sharedColumns, readAtOf(scope.accountId)]);
  if (before) {
    query = query.where(
      sql<boolean>`(sent_at, id) < (select m.sent_at, m.id from messages m where m.tenant_id = ${scope.tenantId} and m.client_id = ${scope.clientId} and m.id = ${before})`,
    );
  }
  const rows = await query
    .orderBy('sent_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit + 1)
    .execute();
  const items = rows.slice(0, limit).map((row) => messageView(row, scope.accountId));
  return { items, nextBefore: rows.length > limit ? (items[items.length - 1]?.id ?? null) : null };
}

/** Messages after a given one (oldest first), for a stream that resumes from Last-Event-ID. */
export async function messagesAfter(db: Kysely<Database>, scope: ClientScope, after: string, limit: number): Promise<MessageView[]> {
  const rows = await thread(db, scope)
    .select([...sharedColumns, readAtOf(scope.accountId)])
    .where(
      sql<boolean>`(sent_at, id) > (select m.sent_at, m.id from messages m where m.tenant_id = ${scope.tenantId} and m.client_id = ${scope.clientId} and m.id = ${after})`,
    )
    .orderBy('sent_at', 'asc')
    .orderBy('id', 'asc')
    .limit(limit)
    .execute();
  return rows.map((row) => messageView(row, scope.accountId));
}

/** Messages of others that this reader has not read yet. */
export async function unreadCount(db: Kysely<Database>, scope: ClientScope): Promise<number> {
  const row = await thread(db, scope)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where(unreadBy(scope.accountId))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** A client's thread, whoever reads it. */
export interface ThreadKey {
  tenantId: string;
  clientId: string;
}

/** `{ accountId: unread count }` for several readers of one thread, as one SQL expression. */
function unreadOfReaders(key: ThreadKey, accountIds: string[]) {
  return sql<Record<string, number>>`(select coalesce(json_object_agg(a.id, (select count(*) from messages u
    where u.tenant_id = ${key.tenantId} and u.client_id = ${key.clientId}
    and u.sender_account_id is distinct from a.id::uuid
    and not exists (select 1 from message_reads r where r.tenant_id = u.tenant_id and r.message_id = u.id and r.account_id = a.id::uuid))), '{}'::json)
    from json_array_elements_text(${JSON.stringify(accountIds)}::json) as a(id))`;
}

/**
 * One message of a thread and the unread count of each of its open streams' readers, in one
 * round trip: what a live notice costs, however many streams the client has open.
 */
export async function messageForReaders(db: Kysely<Database>, key: ThreadKey, id: string, accountIds: string[]) {
  return db
    .selectFrom('messages')
    .select([...sharedColumns, unreadForAll])
    .select(unreadOfReaders(key, accountIds).as('unread'))
    .where('tenant_id', '=', key.tenantId)
    .where('client_id', '=', key.clientId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function unreadOfEachReader(db: Kysely<Database>, key: ThreadKey, accountIds: string[]): Promise<Record<string, number>> {
  const { rows } = await sql<{ unread: Record<string, number> }>`select ${unreadOfReaders(key, accountIds)} as unread`.execute(db);
  return rows[0]?.unread ?? {};
}

/** Where a stream starts: the thread's newest message (null when empty) and the reader's unread count. */
export async function threadHead(db: Kysely<Database>, scope: ClientScope): Promise<{ newestId: string | null; unreadCount: number }> {
  const { rows } = await sql<{ newest: string | null; unread: number }>`select
    (select id from messages where tenant_id = ${scope.tenantId} and client_id = ${scope.clientId} order by sent_at desc, id desc limit 1) as newest,
    (select count(*) from messages where tenant_id = ${scope.tenantId} and client_id = ${scope.clientId}
      and ${unreadBy(scope.accountId)}) as unread`.execute(db);
  return { newestId: rows[0]?.newest ?? null, unreadCount: Number(rows[0]?.unread ?? 0) };
}

/**
 * The thread's messages after the oldest of `afterAny` (oldest first), or from its start when
 * `fromStart`: what the open streams of one client may have missed while LISTEN was away.
 */
export async function messagesAfterOldest(
  db: Kysely<Database>,
  key: ThreadKey,
  afterAny: string[],
  fromStart: boolean,
  limit: number,
): Promise<MessageRow[]> {
  let query = db
    .selectFrom('messages')
    .select([...sharedColumns, unreadForAll])
    .where('tenant_id', '=', key.tenantId)
    .where('client_id', '=', key.clientId);
  if (!fromStart) {
    query = query.where(
      sql<boolean>`(sent_at, id) > (select m.sent_at, m.id from messages m where m.tenant_id = ${key.tenantId} and m.client_id = ${key.clientId}
        and m.id in (select value::uuid from json_array_elements_text(${JSON.stringify(afterAny)}::json)) order by m.sent_at, m.id limit 1)`,
    );
  }
  return query.orderBy('sent_at', 'asc').orderBy('id', 'asc').limit(limit).execute();
}

/** Tells every BFF instance, in the caller's transaction, that the thread changed. */
export async function notifyThread(trx: Kysely<Database>, notice: MessageNotice): Promise<void> {
  await sql`select pg_notify(${MESSAGES_CHANNEL}, ${JSON.stringify(notice)})`.execute(trx);
}

export interface NewMessage {
  tenantId: string;
  clientId: string;
  senderKind: AuthorKind;
  senderAccountId: string | null;
  senderName: string;
  body: string;
  idempotencyKey: string | null;
}

/**
 * Stores a message and notifies, inside the caller's transaction. With an idempotency key that
 * was used before, nothing is stored and the earlier row is returned (`created: false`); the
 * unique index settles parallel retries.
 */
export async function storeMessage(trx: Kysely<Database>, message: NewMessage): Promise<{ row: MessageRow; created: boolean }> {
  const inserted = await trx
    .insertInto('messages')
    .values({
      tenant_id: message.tenantId,
      client_id: message.clientId,
      sender_kind: message.senderKind,
      sender_account_id: message.senderAccountId,
      sender_name: message.senderName,
      body: message.body,
      idempotency_key: message.idempotencyKey,
    })
    .onConflict((oc) => oc.columns(['tenant_id', 'client_id', 'idempotency_key']).doNothing())
    .returning(columns)
    .executeTakeFirst();
  if (inserted) {
    await notifyThread(trx, { t: message.tenantId, c: message.clientId, k: 'message', m: inserted.id });
    return { row: inserted, created: true };
  }
  const existing = await trx
    .selectFrom('messages')
    .select(columns)
    .where('tenant_id', '=', message.tenantId)
    .where('client_id', '=', message.clientId)
    .where('idempotency_key', '=', message.idempotencyKey)
    .executeTakeFirstOrThrow();
  return { row: existing, created: false };
}

/**
 * A reply from the care team (demo CLI now, the ECD integration later): stored and announced in
 * one transaction, so an open portal shows it at once.
 */
export async function storeStaffMessage(
  db: Kysely<Database>,
  input: { tenantId: string; clientId: string; senderName: string; body: string; ecdId?: string | null },
): Promise<{ id: string; sentAt: Date }> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('messages')
      .values({
        tenant_id: input.tenantId,
        client_id: input.clientId,
        ecd_id: input.ecdId ?? null,
        sender_kind: 'staff',
        sender_account_id: null,
        sender_name: input.senderName,
        body: input.body,
      })
      .returning(['id', 'sent_at'])
      .executeTakeFirstOrThrow();
    await notifyThread(trx, { t: input.tenantId, c: input.clientId, k: 'message', m: row.id });
    return { id: row.id, sentAt: row.sent_at };
  });
}

/**
 * Marks the messages of others read for this reader, up to and including `upTo` (or all): a
 * relative reading does not mark a message read for the client. `messages.read_at` keeps when
 * anyone first read it. Returns how many changed for the reader; notifies when any did, so other
 * tabs update their count.
 */
export async function markRead(trx: Kysely<Database>, scope: ClientScope, upTo: string | 'all'): Promise<number> {
  const upToFilter =
    upTo === 'all'
      ? sql``
      : sql`and (m.sent_at, m.id) <= (select u.sent_at, u.id from messages u where u.tenant_id = ${scope.tenantId} and u.client_id = ${scope.clientId} and u.id = ${upTo})`;
  const { rows } = await sql<{ n: number }>`
    with marked as (
      insert into message_reads (tenant_id, message_id, account_id, client_id)
      select m.tenant_id, m.id, ${scope.accountId}, m.client_id from messages m
       where m.tenant_id = ${scope.tenantId} and m.client_id = ${scope.clientId} and ${unreadBy(scope.accountId, 'm')} ${upToFilter}
      on conflict do nothing
      returning message_id
    ), first_read as (
      update messages set read_at = now()
       where tenant_id = ${scope.tenantId} and read_at is null and id in (select message_id from marked)
    )
    select count(*)::int as n from marked`.execute(trx);
  const changed = Number(rows[0]?.n ?? 0);
  if (changed > 0) await notifyThread(trx, { t: scope.tenantId, c: scope.clientId, k: 'read' });
  return changed;
}

/** Message bodies are 1 to 2,000 characters (code points, as the database counts them). */
export { characterCount, MESSAGE_MAX_CHARACTERS } from './schemas.js';
