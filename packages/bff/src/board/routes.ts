import { Hono, type Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import { sql } from 'kysely';
import type { ClientEnv } from '../http/app-env.js';
import { audit } from '../audit/audit-log.js';
import { requireClientSession } from '../auth/session-middleware.js';
import { idempotencyKey, isUuid } from '../http/idempotency.js';
import { Problem, parseOr400, readJson } from '../http/problem.js';
import { isDatabaseUnavailable } from '../db/unavailable.js';
import { boardFeed, type BoardDelivery } from './live.js';
import {
  boardPage,
  postExists,
  postRow,
  postView,
  removePost,
  removeReply,
  replyView,
  storePost,
  storeReply,
  unreadCount,
  markSeen,
  type BoardAuthor,
  type BoardReader,
} from './queries.js';
import { boardPageQuery, newPostBody, newReplyBody } from './schemas.js';
import { boardPhotoRoutes } from './photo-routes.js';

export interface BoardRouteOptions {
  /** Comment lines that keep proxies from closing an idle stream; also when the session is re-checked. */
  heartbeatMs?: number;
  retryMs?: number;
  /** Open board streams per session (per BFF process); one more is refused with 429. */
  streamsPerSession?: number;
}

/** The reader of this request: the session's client, account and whether it is the client's own. */
export function boardReader(c: Context<ClientEnv>): BoardReader {
  return { ...c.var.scope, isClient: c.var.session.access.relation === 'self' };
}

/** The signed-in person as an author: "Marieke de Vries" (daughter), or the client. */
function sessionAuthor(c: Context<ClientEnv>): BoardAuthor {
  const session = c.var.session;
  const contact = session.access.relation === 'contact';
  return {
    kind: contact ? 'contact' : 'client',
    accountId: session.accountId,
    // The client as the portal names them everywhere: "Johanna de Vries".
    name: contact ? session.displayName : (session.clientName ?? session.displayName),
    relationship: contact ? session.relationship : null,
  };
}

const notFound = (what: 'post' | 'reply') =>
  Problem.notFound(
    what === 'post'
      ? { nl: 'Dit bericht staat niet (meer) op het prikbord.', en: 'This post is not on the bulletin board (any more).' }
      : { nl: 'Deze reactie staat niet (meer) op het prikbord.', en: 'This reply is not on the bulletin board (any more).' },
  );

const notYours = (what: 'post' | 'reply') =>
  new Problem(
    403,
    'not-yours',
    { nl: 'Niet van u', en: 'Not yours' },
    what === 'post'
      ? { nl: 'U kunt alleen uw eigen berichten verwijderen.', en: 'You can only remove your own posts.' }
      : { nl: 'U kunt alleen uw eigen reacties verwijderen.', en: 'You can only remove your own replies.' },
  );

const keyConflict = (what: string) =>
  Problem.conflict(`This Idempotency-Key was already used for another ${what}. Make a new key for a new ${what}.`);

/**
 * The client's bulletin board ("prikbord", docs/board.md) at /board: pages of posts with photos
 * and replies, writing with an idempotency key, removing, the unread count, the photos and a
 * live stream. Everyone with the `board` right reads and writes; each author removes their own,
 * the client anything on the own board.
 */
export function boardRoutes(options: BoardRouteOptions = {}) {
  const heartbeatMs = options.heartbeatMs ?? 20_000;
  const retryMs = options.retryMs ?? 3_000;
  const streamsPerSession = options.streamsPerSession ?? 6;
  return new Hono<ClientEnv>()
    .use(requireClientSession('board'))
    .get('/', async (c) => {
      const query = parseOr400(boardPageQuery, c.req.query());
      const reader = boardReader(c);
      if (query.before !== undefined && (!isUuid(query.before) || !(await postExists(c.var.db, reader, query.before))))
        throw notFound('post');
      const page = await boardPage(c.var.db, reader, query.before, query.limit);
      // Every post shown is named, so that the audit trail says who saw which post (and its photos' descriptions).
      await audit(c, {
        action: 'board.list',
        resourceType: 'board_post',
        details: { posts: page.items.map((post) => post.id), before: query.before ?? null },
      });
      return c.json({ items: page.items, nextBefore: page.nextBefore, unreadCount: page.unreadCount });
    })

    .get('/unread-count', async (c) => c.json({ unreadCount: await unreadCount(c.var.db, c.var.scope) }))

    .post('/read', async (c) => {
      const scope = c.var.scope;
      await c.var.db.transaction().execute((trx) => markSeen(trx, scope));
      return c.json({ unreadCount: await unreadCount(c.var.db, scope) });
    })

    .post('/posts', async (c) => {
      const key = idempotencyKey(c);
      const body = parseOr400(newPostBody, await readJson(c));
      const reader = boardReader(c);
      const id = await c.var.db.transaction().execute(async (trx) => {
        const stored = await storePost(trx, reader, {
          author: sessionAuthor(c),
          text: body.text,
          photos: body.photos,
          idempotencyKey: key,
        });
        if (stored.outcome === 'conflict') throw keyConflict('post');
        if (stored.outcome === 'photo-missing') {
          throw Problem.notFound({
            nl: 'Een foto is niet (meer) geüpload of staat al in een ander bericht. Voeg de foto opnieuw toe.',
            en: 'A photo has not been uploaded (any more) or is already in another post. Add the photo again.',
          });
        }
        await audit(
          c,
          {
            action: stored.outcome === 'created' ? 'board.post' : 'board.post.replay',
            resourceType: 'board_post',
            resourceId: stored.id,
            details: { photos: body.photos.length },
          },
          trx,
        );
        if (stored.outcome === 'replayed') c.header('Idempotent-Replayed', 'true');
        return stored.id;
      });
      const row = await postRow(c.var.db, reader, id);
      if (!row) throw notFound('post');
      return c.json(postView(row, reader), 201);
    })

    .post('/posts/:id/replies', async (c) => {
      const key = idempotencyKey(c);
      const postId = c.req.param('id');
      const { text } = parseOr400(newReplyBody, await readJson(c));
      if (!isUuid(postId)) throw notFound('post');
      const reader = boardReader(c);
      const stored = await c.var.db.transaction().execute(async (trx) => {
        const result = await storeReply(trx, reader, postId, { author: sessionAuthor(c), text, idempotencyKey: key });
        if (result.outcome === 'no-post') throw notFound('post');
        if (result.outcome === 'conflict') throw keyConflict('reply');
        await audit(
          c,
          {
            action: result.outcome === 'created' ? 'board.reply' : 'board.reply.replay',
            resourceType: 'board_reply',
            resourceId: result.row.id,
            details: { postId },
          },
          trx,
        );
        return result;
      });
      if (stored.outcome === 'replayed') c.header('Idempotent-Replayed', 'true');
      return c.json(replyView(stored.row, reader), 201);
    })

    .delete('/posts/:id', async (c) => {
      const id = c.req.param('id');
      if (!isUuid(id)) throw notFound('post');
      const reader = boardReader(c);
      const outcome = await c.var.db.transaction().execute(async (trx) => {
        const removal = await removePost(trx, reader, id);
        if (removal === 'removed') await audit(c, { action: 'board.post.remove', resourceType: 'board_post', resourceId: id }, trx);
        return removal;
      });
      if (outcome === 'not-found') throw notFound('post');
      if (outcome === 'not-yours') throw notYours('post');
      return c.body(null, 204);
    })

    .delete('/replies/:id', async (c) => {
      const id = c.req.param('id');
      if (!isUuid(id)) throw notFound('reply');
      const reader = boardReader(c);
      const outcome = await c.var.db.transaction().execute(async (trx) => {
        const removal = await removeReply(trx, reader, id);
        if (removal === 'removed') await audit(c, { action: 'board.reply.remove', resourceType: 'board_reply', resourceId: id }, trx);
        return removal;
      });
      if (outcome === 'not-found') throw notFound('reply');
      if (outcome === 'not-yours') throw notYours('reply');
      return c.body(null, 204);
    })

    .route('/photos', boardPhotoRoutes())

    .get('/stream', async (c) => {
      const reader = boardReader(c);
      const feed = boardFeed(c.var.database, c.var.logger);
      const sessionId = c.var.session.id;
      const logger = c.var.logger;
      if (feed.streamsOfSession(sessionId) >= streamsPerSession) {
        throw new Problem(
          429,
          'too-many-streams',
          { nl: 'Te veel open verbindingen', en: 'Too many open connections' },
          `At most ${streamsPerSession} board streams per session are open at a time: close another tab first.`,
        );
      }
      await audit(c, { action: 'board.stream', resourceType: 'board_post' });

      const pending: (BoardDelivery | 'heartbeat')[] = [];
      let wake: (() => void) | undefined;
      const push = (item: BoardDelivery | 'heartbeat') => {
        pending.push(item);
        wake?.();
      };
      // Before the answer starts, so that a database fault is a 503 the browser can see.
      const unsubscribe = await feed.subscribe({ ...reader, sessionId, deliver: push });
      c.header('X-Accel-Buffering', 'no');

      return streamSSE(c, async (stream) => {
        let ended = false;
        stream.onAbort(() => {
          ended = true;
          wake?.();
        });
        const heartbeat = setInterval(() => push('heartbeat'), heartbeatMs);
        try {
          await stream.write(`retry: ${retryMs}\n\n`);
          while (!ended && !stream.aborted) {
            const item = pending.shift();
            if (item === undefined) {
              await new Promise<void>((resolve) => (wake = resolve));
              wake = undefined;
              continue;
            }
            if (item === 'heartbeat') {
              if (!(await sessionStillLive(c, sessionId))) {
                await stream.writeSSE({ event: 'session-expired', data: '{}' });
                break;
              }
              await stream.write(': heartbeat\n\n');
            } else if (item.kind === 'post') {
              // A post seen live is a post view too.
              await audit(c, { action: 'board.view', resourceType: 'board_post', resourceId: item.post.id, details: { live: true } });
              await stream.writeSSE({ event: 'post', id: item.post.id, data: JSON.stringify(item.post) });
            } else if (item.kind === 'reply') {
              await stream.writeSSE({ event: 'reply', id: item.reply.id, data: JSON.stringify(item.reply) });
            } else if (item.kind === 'removed') {
              await stream.writeSSE({ event: 'removed', data: JSON.stringify(item.removed) });
            } else if (item.kind === 'unread') {
              await stream.writeSSE({ event: 'unread', data: JSON.stringify({ unreadCount: item.unreadCount }) });
            } else {
              await stream.write(`retry: ${item.reason === 'shutdown' ? 250 + Math.floor(Math.random() * 1000) : retryMs}\n\n`);
              break;
            }
          }
        } catch (error) {
          if (stream.aborted) return;
          if (isDatabaseUnavailable(error)) logger.warn('board stream ended: database unavailable', { message: (error as Error).message });
          else logger.error('board stream failed', { error });
        } finally {
          clearInterval(heartbeat);
          unsubscribe();
        }
      });
    });
}

/** A stream ends with the session: logout, revocation or the idle/absolute timeout. It does not extend it. */
async function sessionStillLive(c: Context<ClientEnv>, sessionId: string): Promise<boolean> {
  const row = await c.var.db
    .selectFrom('sessions')
    .select('id')
    .where('tenant_id', '=', c.var.tenant.id)
    .where('id', '=', sessionId)
    .where('revoked_at', 'is', null)
    .where('idle_expires_at', '>', sql<Date>`now()`)
    .where('absolute_expires_at', '>', sql<Date>`now()`)
    .executeTakeFirst();
  return row !== undefined;
}
