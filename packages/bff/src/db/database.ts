import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { PGliteDialect } from './pglite-dialect.js';
import type { Database } from './schema.js';

export type DatabaseKind = 'pglite' | 'postgres';

export interface DatabaseHandle {
  readonly db: Kysely<Database>;
  readonly kind: DatabaseKind;
  /** Round trip to the database; rejects when it cannot be reached. */
  ping(): Promise<void>;
  /**
   * LISTENs on a channel (a plain lower-case identifier) and calls back with each NOTIFY payload,
   * from any session on the database, this process's included. Resolves once the LISTEN is in
   * force; the returned function stops the callback.
   */
  listen(channel: string, callback: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** A postgres:// URL selects real PostgreSQL; without it the embedded PGlite is used. */
  databaseUrl?: string | undefined;
  /** PGlite data directory; `memory://` keeps everything in memory (tests). */
  pgliteDataDir?: string | undefined;
  poolSize?: number | undefined;
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
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.poolSize ?? 10);
  return openPGlite(options.pgliteDataDir ?? 'memory://');
}

function openPostgres(connectionString: string, max: number): DatabaseHandle {
  const pool = new pg.Pool({
    connectionString,
    max,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
        const parse = parsers[oid];
        return parse ?? pg.types.getTypeParser(oid, format as 'text');
      }) as typeof pg.types.getTypeParser,
    },
  });
  // An idle client that loses its server must not crash the process; the next query reports it.
  pool.on('error', () => {});
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const listener = new PostgresListener(connectionString);
  return {
    db,
    kind: 'postgres',
    ping: async () => {
      await sql`select 1`.execute(db);
    },
    listen: (channel, callback) => listener.listen(channel, callback),
    close: async () => {
      await listener.close();
      await db.destroy();
    },
  };
}

const CHANNEL = /^[a-z_][a-z0-9_]{0,62}$/;

function assertChannel(channel: string) {
  if (!CHANNEL.test(channel)) throw new Error(`Not a channel name: ${JSON.stringify(channel)}`);
}

/**
 * One dedicated connection per process for LISTEN, outside the pool (a pooled connection would
 * be handed to other queries). It is opened on the first listen() and reconnects by itself with
 * a growing pause when the server goes away; notifications sent while it is away are lost, so
 * subscribers must not rely on them alone for correctness.
 */
class PostgresListener {
  readonly #callbacks = new Map<string, Set<(payload: string) => void>>();
  #client: pg.Client | undefined;
  #connecting: Promise<pg.Client> | undefined;
  #closed = false;
  #retryMs = 250;

  constructor(private readonly connectionString: string) {}

  async listen(channel: string, callback: (payload: string) => void): Promise<() => Promise<void>> {
    assertChannel(channel);
    let set = this.#callbacks.get(channel);
    const first = !set;
    if (!set) this.#callbacks.set(channel, (set = new Set()));
    set.add(callback);
    const client = await this.#connect();
    if (first) await client.query(`LISTEN ${channel}`);
    return async () => {
      const current = this.#callbacks.get(channel);
      if (!current?.delete(callback) || current.size > 0) return;
      this.#callbacks.delete(channel);
      await this.#client?.query(`UNLISTEN ${channel}`).catch(() => {});
    };
  }

  #connect(): Promise<pg.Client> {
    if (this.#client) return Promise.resolve(this.#client);
    this.#connecting ??= (async () => {
      const client = new pg.Client({ connectionString: this.connectionString });
      client.on('notification', (message) => {
        for (const callback of this.#callbacks.get(message.channel) ?? []) callback(message.payload ?? '');
      });
      const lost = () => {
        if (this.#client !== client) return;
        this.#client = undefined;
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
      return client;
    })();
    return this.#connecting;
  }

  async #reconnect() {
    if (this.#closed || this.#client) return;
    try {
      await this.#connect();
    } catch {
      this.#retryMs = Math.min(this.#retryMs * 2, 10_000);
      if (!this.#closed) setTimeout(() => void this.#reconnect(), this.#retryMs).unref();
    }
  }

  async close() {
    this.#closed = true;
    const client = this.#client;
    this.#client = undefined;
    this.#callbacks.clear();
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
    ping: async () => {
      await sql`select 1`.execute(db);
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
