import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { Logger } from '../http/logger.js';
import { PGliteDialect } from './pglite-dialect.js';
import type { Database } from './schema.js';

export type DatabaseKind = 'pglite' | 'postgres';

export interface DatabaseHandle {
  readonly db: Kysely<Database>;
  readonly kind: DatabaseKind;
  /**
   * Round trip to the database over a connection of its own (never queued behind the data pool);
   * rejects when it cannot be reached within `timeoutMs`.
   */
  ping(timeoutMs?: number): Promise<void>;
  /**
   * LISTENs on a channel (a plain lower-case identifier) and calls back with each NOTIFY payload,
   * from any session on the database, this process's included. Resolves once the LISTEN is in
   * force; the returned function stops the callback. Notifications sent while the LISTEN
   * connection is lost never arrive: `onReconnected` runs once it listens again, so that the
   * subscriber can read what it missed.
   */
  listen(channel: string, callback: (payload: string) => void, onReconnected?: () => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** A postgres:// URL selects real PostgreSQL; without it the embedded PGlite is used. */
  databaseUrl?: string | undefined;
  /** PGlite data directory; `memory://` keeps everything in memory (tests). */
  pgliteDataDir?: string | undefined;
  poolSize?: number | undefined;
  /** PostgreSQL's statement_timeout on the pool's connections; 0 or unset: none. */
  statementTimeoutMs?: number | undefined;
  /** How long a query waits for a pooled connection (or a new one to connect); unset: for ever. */
  acquireTimeoutMs?: number | undefined;
  /** Where lost connections are reported. */
  logger?: Logger | undefined;
}

const INT8 = 20;
const DATE = 1082;
const NUMERIC = 1700;

// Both dialects must hand back the same JavaScript values for the same SQL: bigint ids as
// numbers (they stay far below 2^53), dates as YYYY-MM-DD strings (no local-time shifts),
// numerics as numbers.
const parsers: Record<number, (value: string) => unknown> = {
  [INT8]: (value) => Number(value),
  [DATE]: (value) => value,
  [NUMERIC]: (value) => Number(value),
};

export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options);
  return openPGlite(options.pgliteDataDir ?? 'memory://');
}

const DEFAULT_PING_TIMEOUT_MS = 1000;

const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    const parse = parsers[oid];
    return parse ?? pg.types.getTypeParser(oid, format as 'text');
  }) as typeof pg.types.getTypeParser,
};

function openPostgres(connectionString: string, options: DatabaseOptions): DatabaseHandle {
  const logger = options.logger;
  const pool = new pg.Pool({
    connectionString,
    max: options.poolSize ?? 10,
    application_name: 'care-bff',
    keepAlive: true,
    ...(options.acquireTimeoutMs ? { connectionTimeoutMillis: options.acquireTimeoutMs } : {}),
    ...(options.statementTimeoutMs ? { statement_timeout: options.statementTimeoutMs } : {}),
    types,
  });
  survivesConnectionLoss(pool, logger);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  // Readiness has its own connection, so a probe never waits behind a full data pool.
  // A connection attempt may outlive a short probe's deadline; this bounds it.
  const probe = new pg.Pool({
    connectionString,
    max: 1,
    application_name: 'care-bff-ready',
    idleTimeoutMillis: 60_000,
    connectionTimeoutMillis: 5000,
  });
  survivesConnectionLoss(probe);
  const listener = new PostgresListener(connectionString, options.acquireTimeoutMs, logger);
  return {
    db,
    kind: 'postgres',
    ping: async (timeoutMs = DEFAULT_PING_TIMEOUT_MS) => {
      await withTimeout(probe.query({ text: 'select 1', query_timeout: timeoutMs } as pg.QueryConfig), timeoutMs);
    },
    listen: (channel, callback, onReconnected) => listener.listen(channel, callback, onReconnected),
    close: async () => {
      await listener.close();
      await probe.end().catch(() => {});
      await db.destroy();
    },
  };
}

/**
 * A pg client that loses its server emits 'error'; with no listener that is an uncaught
 * exception and the process exits. The pool listens on idle clients only, so each client gets
 * a listener of its own for the time it is checked out (in a transaction, between statements):
 * the query in progress fails by itself, and the pool drops the broken client on release.
 */
function survivesConnectionLoss(pool: pg.Pool, logger?: Logger) {
  pool.on('connect', (client) => {
    client.on('error', (error: Error & { code?: string }) =>
      logger?.warn('database connection lost', { code: error.code, message: error.message }),
    );
  });
  pool.on('error', () => {});
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(Object.assign(new Error(`Connection terminated: no answer within ${ms} ms`), { code: 'ETIMEDOUT' })),
      ms,
    );
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

const CHANNEL = /^[a-z_][a-z0-9_]{0,62}$/;

function assertChannel(channel: string) {
  if (!CHANNEL.test(channel)) throw new Error(`Not a channel name: ${JSON.stringify(channel)}`);
}

/**
 * One dedicated connection per process for LISTEN, outside the pool (a pooled connection would
 * be handed to other queries). It is opened on the first listen() and reconnects by itself with
 * a growing pause when the server goes away; notifications sent while it is away are lost, so
 * after each reconnect the subscribers' `onReconnected` callbacks run.
 */
class PostgresListener {
  readonly #callbacks = new Map<string, Set<(payload: string) => void>>();
  readonly #reconnected = new Set<() => void>();
  #client: pg.Client | undefined;
  #connecting: Promise<pg.Client> | undefined;
  #closed = false;
  #lost = false;
  #retryMs = 250;

  constructor(
    private readonly connectionString: string,
    private readonly connectTimeoutMs?: number,
    private readonly logger?: Logger,
  ) {}

  async listen(channel: string, callback: (payload: string) => void, onReconnected?: () => void): Promise<() => Promise<void>> {
    assertChannel(channel);
    let set = this.#callbacks.get(channel);
    const first = !set;
    if (!set) this.#callbacks.set(channel, (set = new Set()));
    set.add(callback);
    if (onReconnected) this.#reconnected.add(onReconnected);
    const forget = () => {
      if (onReconnected) this.#reconnected.delete(onReconnected);
      const current = this.#callbacks.get(channel);
      if (!current?.delete(callback) || current.size > 0) return false;
      this.#callbacks.delete(channel);
      return true;
    };
    try {
      const client = await this.#connect();
      if (first) await client.query(`LISTEN ${channel}`);
    } catch (error) {
      forget();
      throw error;
    }
    return async () => {
      if (forget()) await this.#client?.query(`UNLISTEN ${channel}`).catch(() => {});
    };
  }

  #connect(): Promise<pg.Client> {
    if (this.#client) return Promise.resolve(this.#client);
    this.#connecting ??= (async () => {
      const client = new pg.Client({
        connectionString: this.connectionString,
        application_name: 'care-bff-listener',
        keepAlive: true,
        ...(this.connectTimeoutMs ? { connectionTimeoutMillis: this.connectTimeoutMs } : {}),
      });
      client.on('notification', (message) => {
        for (const callback of this.#callbacks.get(message.channel) ?? []) callback(message.payload ?? '');
      });
      const lost = (error?: Error) => {
        if (this.#client !== client) return;
        this.#client = undefined;
        this.#lost = true;
        this.logger?.warn('database LISTEN connection lost; reconnecting', { message: error?.message });
        client.end().catch(() => {});
        if (!this.#closed && this.#callbacks.size) setTimeout(() => void this.#reconnect(), this.#retryMs).unref();
      };
      client.on('error', lost);
      client.on('end', lost);
      try {
        await client.connect();
        for (const channel of this.#callbacks.keys()) await client.query(`LISTEN ${channel}`);
      } catch (error) {
        client.end().catch(() => {});
        throw error;
      } finally {
        this.#connecting = undefined;
      }
      this.#client = client;
      this.#retryMs = 250;
      if (this.#lost) {
        this.#lost = false;
        this.logger?.info('database LISTEN connection back');
        for (const callback of this.#reconnected) callback();
      }
      return client;
    })();
    return this.#connecting;
  }

  async #reconnect() {
    if (this.#closed || this.#client) return;
    try {
      await this.#connect();
    } catch {
      this.#retryMs = Math.min(this.#retryMs * 2, 1000);
      if (!this.#closed) setTimeout(() => void this.#reconnect(), this.#retryMs).unref();
    }
  }

  async close() {
    this.#closed = true;
    const client = this.#client;
    this.#client = undefined;
    this.#callbacks.clear();
    this.#reconnected.clear();
    await client?.end().catch(() => {});
  }
}

async function openPGlite(dataDir: string): Promise<DatabaseHandle> {
  if (!dataDir.includes('://')) mkdirSync(dataDir, { recursive: true });
  const pglite = await PGlite.create({ dataDir, parsers });
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
  return {
    db,
    kind: 'pglite',
    // One connection: a probe waits behind a long transaction, but never longer than its timeout.
    ping: async (timeoutMs = DEFAULT_PING_TIMEOUT_MS) => {
      await withTimeout(sql`select 1`.execute(db), timeoutMs);
    },
    // LISTEN and UNLISTEN go through the dialect's single connection, so they never land inside
    // another caller's open transaction.
    listen: async (channel, callback) => {
      assertChannel(channel);
      const unlisten = await db.connection().execute(() => pglite.listen(channel, callback));
      return async () => {
        if (pglite.closed) return;
        await db.connection().execute(() => unlisten());
      };
    },
    close: () => db.destroy(),
  };
}
