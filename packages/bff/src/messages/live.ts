import type { DatabaseHandle } from '../db/database.js';
import type { Logger } from '../http/logger.js';
import { Problem, TEMPORARILY_UNAVAILABLE } from '../http/problem.js';
import {
  MESSAGES_CHANNEL,
  messageForReaders,
  messagesAfter,
  messagesAfterOldest,
  messageView,
  threadHead,
  unreadOfEachReader,
  type MessageNotice,
  type MessageRow,
  type MessageView,
  type ThreadKey,
} from './queries.js';

/** What the feed hands an open stream, in order. */
export type StreamDelivery =
  | { kind: 'messages'; messages: MessageView[]; unreadCount?: number }
  | { kind: 'unread'; unreadCount: number }
  /** The stream should end with a `retry:` so that the browser reconnects (elsewhere, or resumes from Last-Event-ID). */
  | { kind: 'end'; reason: 'reconnect' | 'shutdown' };

export interface StreamSubscription extends ThreadKey {
  accountId: string;
  sessionId: string;
  /** Last-Event-ID: the stream starts with every message after this one. */
  resumeAfter?: string | undefined;
  deliver(delivery: StreamDelivery): void;
}

interface Subscriber extends StreamSubscription {
  /** The newest message this stream has; null: the thread was empty; undefined: not read yet. */
  cursor: string | null | undefined;
}

/** Catch-up reads at most this many messages; a thread with more ends its streams so they resume. */
const CATCH_UP_LIMIT = 500;

/** The open streams of one client's thread, whose database reads run one after another. */
class Thread {
  readonly subscribers = new Set<Subscriber>();
  #queue: Promise<void> = Promise.resolve();
  constructor(readonly key: ThreadKey) {}

  run(job: () => Promise<void>): Promise<void> {
    const next = this.#queue.then(job);
    this.#queue = next.catch(() => {});
    return next;
  }

  get readers(): string[] {
    return [...new Set([...this.subscribers].map((s) => s.accountId))];
  }
}

/**
 * In-process fan-out of the messages channel. Each BFF process LISTENs once (one dedicated
 * connection on PostgreSQL); a notice for a client costs one database read, whose result goes
 * to every open stream of that client. When the LISTEN connection was lost and is back, every
 * thread with open streams reads what was stored meanwhile, so no stream misses a message; a
 * read that fails ends the streams instead, so that the browsers resume from Last-Event-ID.
 */
export class MessageFeed {
  readonly #threads = new Map<string, Thread>();
  readonly #sessions = new Map<string, number>();
  #listening: Promise<unknown> | undefined;
  #ended = false;

  constructor(
    private readonly database: DatabaseHandle,
    private readonly logger?: Logger,
  ) {}

  /**
   * Starts a stream: resolves once notifications for the thread are being received and the
   * stream's first deliveries (the resumed backlog, the unread count) are queued. The function
   * unsubscribes.
   */
  async subscribe(subscription: StreamSubscription): Promise<() => void> {
    if (this.#ended)
      throw new Problem(503, 'shutting-down', TEMPORARILY_UNAVAILABLE, 'This server is shutting down; try again.', { retryAfter: 1 });
    const key = `${subscription.tenantId}/${subscription.clientId}`;
    let thread = this.#threads.get(key);
    if (!thread) this.#threads.set(key, (thread = new Thread({ tenantId: subscription.tenantId, clientId: subscription.clientId })));
    const subscriber: Subscriber = { ...subscription, cursor: undefined };
    thread.subscribers.add(subscriber);
    this.#sessions.set(subscription.sessionId, (this.#sessions.get(subscription.sessionId) ?? 0) + 1);
    let subscribed = true;
    const unsubscribe = () => {
      if (!subscribed) return;
      subscribed = false;
      thread.subscribers.delete(subscriber);
      if (thread.subscribers.size === 0 && this.#threads.get(key) === thread) this.#threads.delete(key);
      const left = (this.#sessions.get(subscription.sessionId) ?? 1) - 1;
      if (left > 0) this.#sessions.set(subscription.sessionId, left);
      else this.#sessions.delete(subscription.sessionId);
    };
    try {
      await this.#listen();
      await thread.run(() => this.#open(subscriber));
    } catch (error) {
      unsubscribe();
      throw error;
    }
    return unsubscribe;
  }

  /** Open streams of one session (in this process). */
  streamsOfSession(sessionId: string): number {
    return this.#sessions.get(sessionId) ?? 0;
  }

  /** Number of open subscriptions (for tests and metrics). */
  get size(): number {
    let n = 0;
    for (const thread of this.#threads.values()) n += thread.subscribers.size;
    return n;
  }

  /** Shutdown: every open stream is told to reconnect (to another instance); new ones are refused. */
  end() {
    this.#ended = true;
    for (const thread of this.#threads.values()) this.#endThread(thread, 'shutdown');
  }

  #listen() {
    this.#listening ??= this.database
      .listen(
        MESSAGES_CHANNEL,
        (payload) => this.#dispatch(payload),
        () => this.#reconnected(),
      )
      .catch((error: unknown) => {
        this.#listening = undefined;
        throw error;
      });
    return this.#listening;
  }

  async #open(subscriber: Subscriber) {
    const db = this.database.db;
    if (subscriber.resumeAfter) {
      const backlog = await messagesAfter(db, subscriber, subscriber.resumeAfter, 200);
      if (backlog.length) {
        subscriber.cursor = backlog[backlog.length - 1]!.id;
        subscriber.deliver({ kind: 'messages', messages: backlog });
      }
    }
    const head = await threadHead(db, subscriber);
    if (subscriber.cursor === undefined) subscriber.cursor = head.newestId;
    subscriber.deliver({ kind: 'unread', unreadCount: head.unreadCount });
  }

  #dispatch(payload: string) {
    let notice: MessageNotice;
    try {
      notice = JSON.parse(payload) as MessageNotice;
    } catch {
      this.logger?.warn('unreadable message notification', { payload: payload.slice(0, 200) });
      return;
    }
    const thread = this.#threads.get(`${notice.t}/${notice.c}`);
    if (!thread) return;
    this.#runOrEnd(thread, () => this.#notice(thread, notice));
  }

  async #notice(thread: Thread, notice: MessageNotice) {
    const readers = thread.readers;
    if (!readers.length) return;
    const db = this.database.db;
    if (notice.k === 'message' && notice.m) {
      const row = await messageForReaders(db, thread.key, notice.m, readers);
      if (row) this.#deliverRows(thread, [row], row.unread);
    } else if (notice.k === 'read') {
      const unread = await unreadOfEachReader(db, thread.key, readers);
      for (const subscriber of thread.subscribers)
        subscriber.deliver({ kind: 'unread', unreadCount: Number(unread[subscriber.accountId] ?? 0) });
    }
  }

  #reconnected() {
    for (const thread of this.#threads.values()) this.#runOrEnd(thread, () => this.#catchUp(thread));
  }

  /** One read per thread of everything after the oldest stream's newest message; each stream gets what it lacks. */
  async #catchUp(thread: Thread) {
    const cursors = [...thread.subscribers].map((s) => s.cursor).filter((cursor) => cursor !== undefined);
    if (!cursors.length) return;
    const db = this.database.db;
    const rows = await messagesAfterOldest(
      db,
      thread.key,
      cursors.filter((c) => c !== null),
      cursors.includes(null),
      CATCH_UP_LIMIT,
    );
    const unread = await unreadOfEachReader(db, thread.key, thread.readers);
    this.#deliverRows(thread, rows, unread);
    if (rows.length === CATCH_UP_LIMIT) this.#endThread(thread, 'reconnect');
    this.logger?.info('message streams caught up after the LISTEN connection came back', {
      streams: thread.subscribers.size,
      messages: rows.length,
    });
  }

  #deliverRows(thread: Thread, rows: MessageRow[], unread: Record<string, number>) {
    for (const subscriber of thread.subscribers) {
      if (subscriber.cursor === undefined) continue; // its own first read is still to come and sees these
      const at = subscriber.cursor === null ? -1 : rows.findIndex((row) => row.id === subscriber.cursor);
      const missing = at >= 0 ? rows.slice(at + 1) : rows;
      if (missing.length) subscriber.cursor = missing[missing.length - 1]!.id;
      const unreadCount = Number(unread[subscriber.accountId] ?? 0);
      subscriber.deliver(
        missing.length
          ? { kind: 'messages', messages: missing.map((row) => messageView(row, subscriber.accountId)), unreadCount }
          : { kind: 'unread', unreadCount },
      );
    }
  }

  #runOrEnd(thread: Thread, job: () => Promise<void>) {
    thread.run(job).catch((error: unknown) => {
      // The notice (or the catch-up) could not be read: the streams cannot know what they missed.
      this.logger?.warn('message streams could not read a change; asking them to reconnect', {
        message: error instanceof Error ? error.message : String(error),
      });
      this.#endThread(thread, 'reconnect');
    });
  }

  #endThread(thread: Thread, reason: 'reconnect' | 'shutdown') {
    for (const subscriber of thread.subscribers) subscriber.deliver({ kind: 'end', reason });
  }
}

const feeds = new WeakMap<DatabaseHandle, MessageFeed>();

/** The one feed of a database handle (one LISTEN per process and database). */
export function messageFeed(database: DatabaseHandle, logger?: Logger): MessageFeed {
  let feed = feeds.get(database);
  if (!feed) feeds.set(database, (feed = new MessageFeed(database, logger)));
  return feed;
}
