import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { BoardAuthorKind, Database } from '../db/schema.js';
import { contactDisplayName, type Relationship } from '../contacts/rights.js';
import type { ClientScope } from '../http/session-types.js';
import { BOARD_REPLIES_PER_POST } from './schemas.js';

/** The NOTIFY channel of board changes; the payload is a BoardNotice. */
export const BOARD_CHANNEL = 'care_board';

export interface BoardNotice {
  /** tenant id */
  t: string;
  /** client id */
  c: string;
  /** a new post, a new reply, a removed post or reply, or reader `a` has seen the board */
  k: 'post' | 'reply' | 'post-removed' | 'reply-removed' | 'read';
  /** the post or reply */
  id?: string;
  /** the post of a reply */
  p?: string;
  /** the reader of a 'read' */
  a?: string;
}

/** Whose board, and who looks: "own" and "canDelete" depend on the reader. */
export interface BoardReader extends ClientScope {
  /** The client's own account: may remove anything on the board. */
  isClient: boolean;
}

/** A client's board, whoever reads it. */
export interface BoardKey {
  tenantId: string;
  clientId: string;
}

interface AuthorColumns {
  author_kind: BoardAuthorKind;
  author_account_id: string | null;
  author_name: string;
  author_relationship: Relationship | null;
}

export interface ReplyRow extends AuthorColumns {
  id: string;
  post_id: string;
  text: string;
  created_at: Date | string;
}

export interface PhotoRow {
  id: string;
  description: string;
  contentType: string;
  tw: number;
  th: number;
  sw: number;
  sh: number;
}

export interface PostRow extends AuthorColumns {
  id: string;
  text: string;
  created_at: Date | string;
  photos: PhotoRow[];
  replies: ReplyRow[];
  reply_count: number | string;
}

export interface BoardAuthorView {
  kind: BoardAuthorKind;
  name: string;
  relationship: Relationship | null;
  label: string;
  own: boolean;
}

export interface BoardPhotoView {
  id: string;
  description: string;
  contentType: string;
  thumbnail: { url: string; width: number; height: number };
  screen: { url: string; width: number; height: number };
}

export interface BoardReplyView {
  id: string;
  postId: string;
  author: BoardAuthorView;
  createdAt: string;
  text: string;
  canDelete: boolean;
}

export interface BoardPostView {
  id: string;
  author: BoardAuthorView;
  createdAt: string;
  text: string;
  photos: BoardPhotoView[];
  replies: BoardReplyView[];
  replyCount: number;
  canDelete: boolean;
}

/** "Marieke de Vries (dochter)", "Sanne Visser (zorgteam)", "Johanna de Vries". */
export function authorLabel(kind: BoardAuthorKind, name: string, relationship: Relationship | null): string {
  if (kind === 'staff') return `${name} (zorgteam)`;
  if (kind === 'contact') return contactDisplayName(name, relationship);
  return name;
}

function authorView(row: AuthorColumns, reader: { accountId: string }): BoardAuthorView {
  return {
    kind: row.author_kind,
    name: row.author_name,
    relationship: row.author_relationship,
    label: authorLabel(row.author_kind, row.author_name, row.author_relationship),
    own: row.author_account_id !== null && row.author_account_id === reader.accountId,
  };
}

const mayDelete = (row: AuthorColumns, reader: { accountId: string; isClient: boolean }) =>
  reader.isClient || (row.author_account_id !== null && row.author_account_id === reader.accountId);

export const photoPath = (id: string, size: 'thumbnail' | 'screen') => `board/photos/${id}/${size}`;

export function photoView(photo: PhotoRow): BoardPhotoView {
  return {
    id: photo.id,
    description: photo.description,
    contentType: photo.contentType,
    thumbnail: { url: photoPath(photo.id, 'thumbnail'), width: photo.tw, height: photo.th },
    screen: { url: photoPath(photo.id, 'screen'), width: photo.sw, height: photo.sh },
  };
}

export function replyView(row: ReplyRow, reader: { accountId: string; isClient: boolean }): BoardReplyView {
  return {
    id: row.id,
    postId: row.post_id,
    author: authorView(row, reader),
    createdAt: new Date(row.created_at).toISOString(),
    text: row.text,
    canDelete: mayDelete(row, reader),
  };
}

export function postView(row: PostRow, reader: { accountId: string; isClient: boolean }): BoardPostView {
  return {
    id: row.id,
    author: authorView(row, reader),
    createdAt: new Date(row.created_at).toISOString(),
    text: row.text,
    photos: row.photos.map(photoView),
    replies: row.replies.map((reply) => replyView(reply, reader)),
    replyCount: Number(row.reply_count),
    canDelete: mayDelete(row, reader),
  };
}

/**
 * The board's posts with their photos and newest replies, newest first, in one statement: what a
 * page, a live notice and a new post's answer read. Keyset pagination on (created_at, id).
 */
export function postsSql(
  key: BoardKey,
  filter: { before?: string | undefined; id?: string | undefined; limit: number; unreadFor?: string },
): RawBuilder<PostRow & { unread?: number }> {
  const before = filter.before
    ? sql`and (p.created_at, p.id) < (select b.created_at, b.id from board_posts b
        where b.tenant_id = ${key.tenantId} and b.client_id = ${key.clientId} and b.id = ${filter.before})`
    : sql``;
  const only = filter.id ? sql`and p.id = ${filter.id}` : sql``;
  // The reader's unread count in the same round trip: an uncorrelated subquery, evaluated once.
  const unread = filter.unreadFor ? sql`, (${unreadOfReaders(key, [filter.unreadFor])} ->> ${filter.unreadFor})::int as unread` : sql``;
  return sql<PostRow & { unread?: number }>`
    select p.id, p.author_kind, p.author_account_id, p.author_name, p.author_relationship, p.text, p.created_at,
      coalesce((select json_agg(json_build_object('id', ph.id, 'description', ph.description, 'contentType', ph.content_type,
          'tw', ph.thumbnail_width, 'th', ph.thumbnail_height, 'sw', ph.screen_width, 'sh', ph.screen_height) order by ph.position)
        from board_photos ph where ph.tenant_id = p.tenant_id and ph.post_id = p.id), '[]'::json) as photos,
      (select count(*) from board_replies rc where rc.tenant_id = p.tenant_id and rc.post_id = p.id) as reply_count,
      coalesce((select json_agg(r order by r.created_at, r.id) from (
          select r.id, r.post_id, r.author_kind, r.author_account_id, r.author_name, r.author_relationship, r.text, r.created_at
            from board_replies r where r.tenant_id = p.tenant_id and r.post_id = p.id
           order by r.created_at desc, r.id desc limit ${BOARD_REPLIES_PER_POST}) r), '[]'::json) as replies ${unread}
    from board_posts p
    where p.tenant_id = ${key.tenantId} and p.client_id = ${key.clientId} ${before} ${only}
    order by p.created_at desc, p.id desc
    limit ${filter.limit}`;
}

export async function postExists(db: Kysely<Database>, key: BoardKey, id: string): Promise<boolean> {
  const row = await db
    .selectFrom('board_posts')
    .select('id')
    .where('tenant_id', '=', key.tenantId)
    .where('client_id', '=', key.clientId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * A page of the board for this reader, with the reader's unread count: `before` must be a post of
 * this board (the caller checks). One round trip, unless the page is empty.
 */
export async function boardPage(db: Kysely<Database>, reader: BoardReader, before: string | undefined, limit: number) {
  const { rows } = await postsSql(reader, { before, limit: limit + 1, unreadFor: reader.accountId }).execute(db);
  const items = rows.slice(0, limit).map((row) => postView(row, reader));
  const unread = rows[0]?.unread ?? (await unreadCount(db, reader));
  return { items, nextBefore: rows.length > limit ? (items[items.length - 1]?.id ?? null) : null, unreadCount: Number(unread) };
}

export async function postRow(db: Kysely<Database>, key: BoardKey, id: string): Promise<PostRow | undefined> {
  const { rows } = await postsSql(key, { id, limit: 1 }).execute(db);
  return rows[0];
}

const replyColumns = [
  'id',
  'post_id',
  'author_kind',
  'author_account_id',
  'author_name',
  'author_relationship',
  'text',
  'created_at',
] as const;

export async function replyRow(db: Kysely<Database>, key: BoardKey, id: string): Promise<ReplyRow | undefined> {
  return db
    .selectFrom('board_replies')
    .select(replyColumns)
    .where('tenant_id', '=', key.tenantId)
    .where('client_id', '=', key.clientId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Posts and replies of others after the reader last looked, for several readers of one board, as one expression. */
function unreadOfReaders(key: BoardKey, accountIds: string[]) {
  const since = (alias: string) =>
    sql`${sql.ref(`${alias}.author_account_id`)} is distinct from a.id::uuid and ${sql.ref(`${alias}.created_at`)} > coalesce((select s.seen_at from board_reads s
      where s.tenant_id = ${key.tenantId} and s.client_id = ${key.clientId} and s.account_id = a.id::uuid), '-infinity'::timestamptz)`;
  return sql<Record<string, number>>`(select coalesce(json_object_agg(a.id,
      (select count(*) from board_posts p where p.tenant_id = ${key.tenantId} and p.client_id = ${key.clientId} and ${since('p')})
      + (select count(*) from board_replies r where r.tenant_id = ${key.tenantId} and r.client_id = ${key.clientId} and ${since('r')})), '{}'::json)
    from json_array_elements_text(${JSON.stringify(accountIds)}::json) as a(id))`;
}

export async function unreadOfEachReader(db: Kysely<Database>, key: BoardKey, accountIds: string[]): Promise<Record<string, number>> {
  const { rows } = await sql<{ unread: Record<string, number> }>`select ${unreadOfReaders(key, accountIds)} as unread`.execute(db);
  return rows[0]?.unread ?? {};
}

export async function unreadCount(db: Kysely<Database>, scope: ClientScope): Promise<number> {
  return Number((await unreadOfEachReader(db, scope, [scope.accountId]))[scope.accountId] ?? 0);
}

/** The reader has seen everything on the board up to now. */
export async function markSeen(trx: Kysely<Database>, scope: ClientScope): Promise<void> {
  await trx
    .insertInto('board_reads')
    .values({ tenant_id: scope.tenantId, client_id: scope.clientId, account_id: scope.accountId, seen_at: sql<Date>`now()` })
    .onConflict((oc) => oc.columns(['tenant_id', 'client_id', 'account_id']).doUpdateSet({ seen_at: sql<Date>`now()` }))
    .execute();
  await notifyBoard(trx, { t: scope.tenantId, c: scope.clientId, k: 'read', a: scope.accountId });
}

/** Tells every BFF instance, in the caller's transaction, that the board changed. */
export async function notifyBoard(trx: Kysely<Database>, notice: BoardNotice): Promise<void> {
  await sql`select pg_notify(${BOARD_CHANNEL}, ${JSON.stringify(notice)})`.execute(trx);
}

export interface BoardAuthor {
  kind: BoardAuthorKind;
  accountId: string | null;
  name: string;
  relationship: Relationship | null;
}

export interface NewPost {
  author: BoardAuthor;
  text: string;
  photos: { id: string; description: string }[];
  idempotencyKey: string | null;
  ecdId?: string | null;
}

export type StoredPost = { outcome: 'created' | 'replayed'; id: string } | { outcome: 'conflict' } | { outcome: 'photo-missing' };

/**
 * Stores a post and attaches its uploaded photos, inside the caller's transaction (a missing
 * photo leaves the caller to roll back). With an idempotency key used before, nothing is stored:
 * the same post again is `replayed`, another one a `conflict`.
 */
export async function storePost(trx: Kysely<Database>, key: BoardKey, post: NewPost): Promise<StoredPost> {
  const inserted = await trx
    .insertInto('board_posts')
    .values({
      tenant_id: key.tenantId,
      client_id: key.clientId,
      author_kind: post.author.kind,
      author_account_id: post.author.accountId,
      author_name: post.author.name,
      author_relationship: post.author.relationship,
      text: post.text,
      idempotency_key: post.idempotencyKey,
      ecd_id: post.ecdId ?? null,
    })
    .onConflict((oc) => oc.columns(['tenant_id', 'client_id', 'idempotency_key']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted) {
    const existing = await trx
      .selectFrom('board_posts')
      .select(['id', 'text', 'author_account_id'])
      .select((eb) =>
        eb
          .selectFrom('board_photos')
          .select(sql<string>`coalesce(string_agg(board_photos.id::text, ',' order by board_photos.position), '')`.as('ids'))
          .whereRef('board_photos.tenant_id', '=', 'board_posts.tenant_id')
          .whereRef('board_photos.post_id', '=', 'board_posts.id')
          .as('photo_ids'),
      )
      .where('tenant_id', '=', key.tenantId)
      .where('client_id', '=', key.clientId)
      .where('idempotency_key', '=', post.idempotencyKey)
      .executeTakeFirstOrThrow();
    const same =
      existing.text === post.text &&
      existing.author_account_id === post.author.accountId &&
      existing.photo_ids === post.photos.map((p) => p.id.toLowerCase()).join(',');
    return same ? { outcome: 'replayed', id: existing.id } : { outcome: 'conflict' };
  }
  for (const [position, photo] of post.photos.entries()) {
    const attached = await trx
      .updateTable('board_photos')
      .set({ post_id: inserted.id, position, description: photo.description })
      .where('tenant_id', '=', key.tenantId)
      .where('client_id', '=', key.clientId)
      .where('id', '=', photo.id)
      .where('post_id', 'is', null)
      .where('uploaded_by_account_id', 'is not distinct from', post.author.accountId)
      .executeTakeFirst();
    if (Number(attached.numUpdatedRows) !== 1) return { outcome: 'photo-missing' };
  }
  await notifyBoard(trx, { t: key.tenantId, c: key.clientId, k: 'post', id: inserted.id });
  return { outcome: 'created', id: inserted.id };
}

export type StoredReply = { outcome: 'created' | 'replayed'; row: ReplyRow } | { outcome: 'conflict' } | { outcome: 'no-post' };

export async function storeReply(
  trx: Kysely<Database>,
  key: BoardKey,
  postId: string,
  reply: { author: BoardAuthor; text: string; idempotencyKey: string | null },
): Promise<StoredReply> {
  if (!(await postExists(trx, key, postId))) return { outcome: 'no-post' };
  const inserted = await trx
    .insertInto('board_replies')
    .values({
      tenant_id: key.tenantId,
      client_id: key.clientId,
      post_id: postId,
      author_kind: reply.author.kind,
      author_account_id: reply.author.accountId,
      author_name: reply.author.name,
      author_relationship: reply.author.relationship,
      text: reply.text,
      idempotency_key: reply.idempotencyKey,
    })
    .onConflict((oc) => oc.columns(['tenant_id', 'client_id', 'idempotency_key']).doNothing())
    .returning(replyColumns)
    .executeTakeFirst();
  if (inserted) {
    await notifyBoard(trx, { t: key.tenantId, c: key.clientId, k: 'reply', id: inserted.id, p: postId });
    return { outcome: 'created', row: inserted };
  }
  const existing = await trx
    .selectFrom('board_replies')
    .select(replyColumns)
    .where('tenant_id', '=', key.tenantId)
    .where('client_id', '=', key.clientId)
    .where('idempotency_key', '=', reply.idempotencyKey)
    .executeTakeFirstOrThrow();
  const same = existing.text === reply.text && existing.post_id === postId && existing.author_account_id === reply.author.accountId;
  return same ? { outcome: 'replayed', row: existing } : { outcome: 'conflict' };
}

export type Removal = 'removed' | 'not-found' | 'not-yours';

/** Removes a post (its photos and replies with it): the author's own, or anything for the client. */
export async function removePost(trx: Kysely<Database>, reader: BoardReader, id: string): Promise<Removal> {
  const post = await trx
    .selectFrom('board_posts')
    .select(['id', 'author_account_id'])
    .where('tenant_id', '=', reader.tenantId)
    .where('client_id', '=', reader.clientId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!post) return 'not-found';
  if (!reader.isClient && post.author_account_id !== reader.accountId) return 'not-yours';
  await trx.deleteFrom('board_posts').where('tenant_id', '=', reader.tenantId).where('id', '=', id).execute();
  await notifyBoard(trx, { t: reader.tenantId, c: reader.clientId, k: 'post-removed', id });
  return 'removed';
}

export async function removeReply(trx: Kysely<Database>, reader: BoardReader, id: string): Promise<Removal> {
  const reply = await trx
    .selectFrom('board_replies')
    .select(['id', 'post_id', 'author_account_id'])
    .where('tenant_id', '=', reader.tenantId)
    .where('client_id', '=', reader.clientId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!reply) return 'not-found';
  if (!reader.isClient && reply.author_account_id !== reader.accountId) return 'not-yours';
  await trx.deleteFrom('board_replies').where('tenant_id', '=', reader.tenantId).where('id', '=', id).execute();
  await notifyBoard(trx, { t: reader.tenantId, c: reader.clientId, k: 'reply-removed', id, p: reply.post_id });
  return 'removed';
}
