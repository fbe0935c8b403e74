import type { DatabaseHandle } from '../db/database.js';
import type { Logger } from '../http/logger.js';
import { Problem, TEMPORARILY_UNAVAILABLE } from '../http/problem.js';
import {
  BOARD_CHANNEL,
  postRow,
  postView,
  replyRow,
  replyView,
  unreadOfEachReader,
  type BoardKey,
  type BoardNotice,
  type BoardPostView,
  type BoardReader,
  type BoardReplyView,
} from './queries.js';

/** What the feed hands an open board stream, in order. */
export type BoardDelivery =
  | { kind: 'post'; post: BoardPostView }
  | { kind: 'reply'; reply: BoardReplyView }
  | { kind: 'removed'; removed: { kind: 'post' | 'reply'; id: string; postId: string | null } }
  | { kind: 'unread'; unreadCount: number }
  /** The stream should end with a `retry:`; the widget reconnects and reads the board again. */
  | { kind: 'end'; reason: 'reconnect' | 'shutdown' };

export interface BoardSubscription extends BoardReader {
  sessionId: string;
  deliver(delivery: BoardDelivery): void;
}

/** The open streams of one client's board, whose database reads run one after another. */
class Board {
  readonly subscribers = new Set<BoardSubscription>();
  #queue: Promise<void> = Promise.resolve();
  constructor(readonly key: BoardKey) {}

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
 * In-process fan-out of the board channel, the messages stream's mechanism (messages/live.ts):
 * one LISTEN per process, one database read per notice whatever the number of open streams of
 * that board, each stream getting its reader's view (own, canDelete) and unread count. The board
 * has no resume: when the LISTEN connection was lost, or a notice cannot be read, the streams end
 * with a `retry:` and the widgets read the board again when they reconnect.
 */
export class BoardFeed {
  readonly #boards = new Map<string, Board>();
  readonly #sessions = new Map<string, number>();
  #listening: Promise<unknown> | undefined;
  #ended = false;

  constructor(
    private readonly database: DatabaseHandle,
    private readonly logger?: Logger,
  ) {}

  /** Starts a stream: resolves once notices for the board are received and the unread count is queued. */
  async subscribe(subscription: BoardSubscription): Promise<() => void> {
    if (this.#ended)
      throw new Problem(503, 'shutting-down', TEMPORARILY_UNAVAILABLE, 'This server is shutting down; try again.', { retryAfter: 1 });
    const key = `${subscription.tenantId}/${subscription.clientId}`;
    let board = this.#boards.get(key);
    if (!board) this.#boards.set(key, (board = new Board({ tenantId: subscription.tenantId, clientId: subscription.clientId })));
    board.subscribers.add(subscription);
    this.#sessions.set(subscription.sessionId, (this.#sessions.get(subscription.sessionId) ?? 0) + 1);
    let subscribed = true;
    const unsubscribe = () => {
      if (!subscribed) return;
      subscribed = false;
      board.subscribers.delete(subscription);
      if (board.subscribers.size === 0 && this.#boards.get(key) === board) this.#boards.delete(key);
      const left = (this.#sessions.get(subscription.sessionId) ?? 1) - 1;
      if (left > 0) this.#sessions.set(subscription.sessionId, left);
      else this.#sessions.delete(subscription.sessionId);
    };
    try {
      await this.#listen();
      await board.run(async () => {
        const unread = await unreadOfEachReader(this.database.db, board.key, [subscription.accountId]);
        subscription.deliver({ kind: 'unread', unreadCount: Number(unread[subscription.accountId] ?? 0) });
      });
    } catch (error) {
      unsubscribe();
      throw error;
    }
    return unsubscribe;
  }

  streamsOfSession(sessionId: string): number {
    return this.#sessions.get(sessionId) ?? 0;
  }

  get size(): number {
    let n = 0;
    for (const board of this.#boards.values()) n += board.subscribers.size;
    return n;
  }

  /** Shutdown: every open stream is told to reconnect (to another instance); new ones are refused. */
  end() {
    this.#ended = true;
    for (const board of this.#boards.values()) this.#endBoard(board, 'shutdown');
  }

  #listen() {
    this.#listening ??= this.database
      .listen(
        BOARD_CHANNEL,
        (payload) => this.#dispatch(payload),
        () => {
          // Notices may have been lost meanwhile: the widgets read the board again.
          for (const board of this.#boards.values()) this.#endBoard(board, 'reconnect');
        },
      )
      .catch((error: unknown) => {
        this.#listening = undefined;
        throw error;
      });
    return this.#listening;
  }

  #dispatch(payload: string) {
    let notice: BoardNotice;
    try {
      notice = JSON.parse(payload) as BoardNotice;
    } catch {
      this.logger?.warn('unreadable board notification', { payload: payload.slice(0, 200) });
      return;
    }
    const board = this.#boards.get(`${notice.t}/${notice.c}`);
    if (!board) return;
    board
      .run(() => this.#notice(board, notice))
      .catch((error: unknown) => {
        this.logger?.warn('board streams could not read a change; asking them to reconnect', {
          message: error instanceof Error ? error.message : String(error),
        });
        this.#endBoard(board, 'reconnect');
      });
  }

  async #notice(board: Board, notice: BoardNotice) {
    const db = this.database.db;
    const subscribers = [...board.subscribers];
    if (!subscribers.length) return;
    if (notice.k === 'read') {
      const mine = subscribers.filter((s) => s.accountId === notice.a);
      if (!mine.length) return;
      const unread = await unreadOfEachReader(db, board.key, [notice.a!]);
      for (const s of mine) s.deliver({ kind: 'unread', unreadCount: Number(unread[s.accountId] ?? 0) });
      return;
    }
    if (notice.k === 'post' && notice.id) {
      const row = await postRow(db, board.key, notice.id);
      if (row) for (const s of subscribers) s.deliver({ kind: 'post', post: postView(row, s) });
    } else if (notice.k === 'reply' && notice.id) {
      const row = await replyRow(db, board.key, notice.id);
      if (row) for (const s of subscribers) s.deliver({ kind: 'reply', reply: replyView(row, s) });
    } else if ((notice.k === 'post-removed' || notice.k === 'reply-removed') && notice.id) {
      const removed = {
        kind: notice.k === 'post-removed' ? ('post' as const) : ('reply' as const),
        id: notice.id,
        postId: notice.p ?? null,
      };
      for (const s of subscribers) s.deliver({ kind: 'removed', removed });
    } else {
      return;
    }
    const unread = await unreadOfEachReader(db, board.key, board.readers);
    for (const s of subscribers) s.deliver({ kind: 'unread', unreadCount: Number(unread[s.accountId] ?? 0) });
  }

  #endBoard(board: Board, reason: 'reconnect' | 'shutdown') {
    for (const subscriber of board.subscribers) subscriber.deliver({ kind: 'end', reason });
  }
}

const feeds = new WeakMap<DatabaseHandle, BoardFeed>();

/** The one board feed of a database handle (one LISTEN per process and database). */
export function boardFeed(database: DatabaseHandle, logger?: Logger): BoardFeed {
  let feed = feeds.get(database);
  if (!feed) feeds.set(database, (feed = new BoardFeed(database, logger)));
  return feed;
}
