import { Hono, type Context } from 'hono';
import { streamSSE, type SSEStreamingApi } from 'hono/streaming';
import { sql } from 'kysely';
import type { AppEnv } from '../http/app-env.js';
import type { ClientScope } from '../http/session-types.js';
import { audit } from '../audit/audit-log.js';
import { requireClientSession } from '../auth/session-middleware.js';
import { idempotencyKey, isUuid } from '../http/idempotency.js';
import { Problem, parseOr400, readJson } from '../http/problem.js';
import { isDatabaseUnavailable } from '../db/unavailable.js';
import { contactDisplayName } from '../contacts/rights.js';
import { messageFeed, type StreamDelivery } from './live.js';
import { markRead, messageExists, messagePage, messageView, storeMessage, unreadCount } from './queries.js';
import { markReadBody, messagePageQuery, newMessageBody } from './schemas.js';

export interface MessageRouteOptions {
  /** Comment lines that keep proxies from closing an idle stream; also when the session is re-checked. */
  heartbeatMs?: number;
  /** The reconnection delay the browser is told to use. */
  retryMs?: number;
  /** Open message streams per session (per BFF process); one more is refused with 429. */
  streamsPerSession?: number;
}

/** A message id from the request that must belong to this thread: anything else is a 404. */
async function messageOfThread<E extends AppEnv>(c: Context<E>, scope: ClientScope, id: string): Promise<string> {
  if (!isUuid(id) || !(await messageExists(c.var.db, scope, id)))
    throw Problem.notFound({ nl: 'Dit bericht bestaat niet (meer).', en: 'This message does not exist (any more).' });
  return id;
}

/**
 * The client's message thread with the care team ("Berichten"), at /messages: pages of history, sending with
 * an idempotency key, read marks, the unread count, and a live stream of new messages.
 */
export function messageRoutes(options: MessageRouteOptions = {}) {
  const heartbeatMs = options.heartbeatMs ?? 20_000;
  const retryMs = options.retryMs ?? 3_000;
  const streamsPerSession = options.streamsPerSession ?? 6;
  return new Hono<AppEnv>()
    .use(requireClientSession('messages'))
    .get('/', async (c) => {
      const query = parseOr400(messagePageQuery, c.req.query());
      const scope = c.var.scope;
      if (query.before !== undefined) await messageOfThread(c, scope, query.before);
      const [page, unread] = await Promise.all([messagePage(c.var.db, scope, query.before, query.limit), unreadCount(c.var.db, scope)]);
      await audit(c, {
        action: 'messages.list',
        resourceType: 'message',
        details: { count: page.items.length, before: query.before ?? null },
      });
      return c.json({ items: page.items, nextBefore: page.nextBefore, unreadCount: unread });
    })

    .get('/unread-count', async (c) => c.json({ unreadCount: await unreadCount(c.var.db, c.var.scope) }))

    .post('/', async (c) => {
      const key = idempotencyKey(c);
      const { body } = parseOr400(newMessageBody, await readJson(c));
      const scope = c.var.scope;
      const session = c.var.session;
      const result = await c.var.db.transaction().execute(async (trx) => {
        const stored = await storeMessage(trx, {
          tenantId: scope.tenantId,
          clientId: scope.clientId,
          senderKind: session.relation === 'contact' ? 'contact' : 'client',
          senderAccountId: session.accountId,
          // The care team sees who wrote: "Marieke de Vries (dochter)".
          senderName: contactDisplayName(session.displayName, session.relationship),
          body,
          idempotencyKey: key,
        });
        if (!stored.created && (stored.row.body !== body || stored.row.sender_account_id !== session.accountId)) {
          throw Problem.conflict('This Idempotency-Key was already used for another message. Make a new key for a new message.');
        }
        await audit(
          c,
          { action: stored.created ? 'messages.send' : 'messages.send.replay', resourceType: 'message', resourceId: stored.row.id },
          trx,
        );
        return stored;
      });
      if (!result.created) c.header('Idempotent-Replayed', 'true');
      return c.json(messageView(result.row, scope.accountId), 201);
    })

    .post('/read', async (c) => {
      const { upTo } = parseOr400(markReadBody, await readJson(c));
      const scope = c.var.scope;
      if (upTo !== 'all') await messageOfThread(c, scope, upTo);
      const marked = await c.var.db.transaction().execute(async (trx) => {
        const changed = await markRead(trx, scope, upTo);
        if (changed > 0) await audit(c, { action: 'messages.read', resourceType: 'message', details: { upTo, marked: changed } }, trx);
        return changed;
      });
      return c.json({ marked, unreadCount: await unreadCount(c.var.db, scope) });
    })

    .get('/stream', async (c) => {
      const scope = c.var.scope;
      const feed = messageFeed(c.var.database, c.var.logger);
      const lastEventId = c.req.header('last-event-id') ?? c.req.query('lastEventId');
      const sessionId = c.var.session.id;
      const logger = c.var.logger;
      // Each stream holds a connection and memory: a session gets a few (a tab or two), not a thousand.
      if (feed.streamsOfSession(sessionId) >= streamsPerSession) {
        throw new Problem(
          429,
          'too-many-streams',
          { nl: 'Te veel open verbindingen', en: 'Too many open connections' },
          `At most ${streamsPerSession} message streams per session are open at a time: close another tab first.`,
        );
      }
      await audit(c, { action: 'messages.stream', resourceType: 'message', details: lastEventId ? { resumeAfter: lastEventId } : {} });

      const pending: (StreamDelivery | 'heartbeat')[] = [];
      let wake: (() => void) | undefined;
      const push = (item: StreamDelivery | 'heartbeat') => {
        pending.push(item);
        wake?.();
      };
      // Before the answer starts, so that a database fault is a 503 the browser can see.
      const unsubscribe = await feed.subscribe({
        ...scope,
        sessionId,
        resumeAfter: lastEventId && isUuid(lastEventId) ? lastEventId : undefined,
        deliver: push,
      });
      c.header('X-Accel-Buffering', 'no');

      return streamSSE(c, async (stream) => {
        let ended = false;
        stream.onAbort(() => {
          ended = true;
          wake?.();
        });
        const heartbeat = setInterval(() => push('heartbeat'), heartbeatMs);
        const sent = new RecentIds(500);
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
            } else if (item.kind === 'messages') {
              let any = false;
              for (const message of item.messages) any = (await sendMessage(stream, sent, message)) || any;
              if (any && item.unreadCount !== undefined)
                await stream.writeSSE({ event: 'unread', data: JSON.stringify({ unreadCount: item.unreadCount }) });
            } else if (item.kind === 'unread') {
              await stream.writeSSE({ event: 'unread', data: JSON.stringify({ unreadCount: item.unreadCount }) });
            } else {
              // Spread the reconnects of a draining instance's streams over a second or so.
              await stream.write(`retry: ${item.reason === 'shutdown' ? 250 + Math.floor(Math.random() * 1000) : retryMs}\n\n`);
              break;
            }
          }
        } catch (error) {
          if (stream.aborted) return;
          if (isDatabaseUnavailable(error))
            logger.warn('message stream ended: database unavailable', { message: (error as Error).message });
          else logger.error('message stream failed', { error });
        } finally {
          clearInterval(heartbeat);
          unsubscribe();
        }
      });
    });
}

async function sendMessage(stream: SSEStreamingApi, sent: RecentIds, message: ReturnType<typeof messageView>): Promise<boolean> {
  if (!sent.add(message.id)) return false;
  await stream.writeSSE({ event: 'message', id: message.id, data: JSON.stringify(message) });
  return true;
}

/** A stream ends with the session: logout, revocation or the idle/absolute timeout. It does not extend it. */
async function sessionStillLive<E extends AppEnv>(c: Context<E>, sessionId: string): Promise<boolean> {
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

/** Ids already sent on a stream (a resumed backlog and a live notice may name the same message). */
class RecentIds {
  readonly #ids = new Set<string>();
  constructor(private readonly max: number) {}
  add(id: string): boolean {
    if (this.#ids.has(id)) return false;
    this.#ids.add(id);
    if (this.#ids.size > this.max) this.#ids.delete(this.#ids.values().next().value!);
    return true;
  }
}
