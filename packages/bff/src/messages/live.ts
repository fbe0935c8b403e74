import type { DatabaseHandle } from '../db/database.js';
import type { Logger } from '../http/logger.js';
import { MESSAGES_CHANNEL, type MessageNotice } from './queries.js';

export type ThreadListener = (notice: MessageNotice) => void;

/**
 * In-process fan-out of the messages channel. Each BFF process LISTENs once (one dedicated
 * connection on PostgreSQL) and hands every NOTIFY to the open streams of that tenant and
 * client; the streams then read the row themselves. Nothing here is state that matters: a
 * restarted process just listens again, and a reconnecting browser resumes from Last-Event-ID.
 */
export class MessageFeed {
  readonly #listeners = new Map<string, Set<ThreadListener>>();
  #listening: Promise<unknown> | undefined;

  constructor(
    private readonly database: DatabaseHandle,
    private readonly logger?: Logger,
  ) {}

  /** Resolves once notifications for the thread are being received; the function unsubscribes. */
  async subscribe(tenantId: string, clientId: string, listener: ThreadListener): Promise<() => void> {
    const key = `${tenantId}/${clientId}`;
    let set = this.#listeners.get(key);
    if (!set) this.#listeners.set(key, (set = new Set()));
    set.add(listener);
    const unsubscribe = () => {
      const current = this.#listeners.get(key);
      current?.delete(listener);
      if (current?.size === 0) this.#listeners.delete(key);
    };
    try {
      await this.#listen();
    } catch (error) {
      unsubscribe();
      throw error;
    }
    return unsubscribe;
  }

  /** Number of open subscriptions (for tests and metrics). */
  get size(): number {
    let n = 0;
    for (const set of this.#listeners.values()) n += set.size;
    return n;
  }

  #listen() {
    this.#listening ??= this.database.listen(MESSAGES_CHANNEL, (payload) => this.#dispatch(payload)).catch((error: unknown) => {
      this.#listening = undefined;
      throw error;
    });
    return this.#listening;
  }

  #dispatch(payload: string) {
    let notice: MessageNotice;
    try {
      notice = JSON.parse(payload) as MessageNotice;
    } catch {
      this.logger?.warn('unreadable message notification', { payload });
      return;
    }
    for (const listener of this.#listeners.get(`${notice.t}/${notice.c}`) ?? []) {
      try {
        listener(notice);
      } catch (error) {
        this.logger?.error('message listener failed', { error });
      }
    }
  }
}

const feeds = new WeakMap<DatabaseHandle, MessageFeed>();

/** The one feed of a database handle (one LISTEN per process and database). */
export function messageFeed(database: DatabaseHandle, logger?: Logger): MessageFeed {
  let feed = feeds.get(database);
  if (!feed) feeds.set(database, (feed = new MessageFeed(database, logger)));
  return feed;
}
