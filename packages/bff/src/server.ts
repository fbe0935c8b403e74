import type { Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { serve, type ServerType } from '@hono/node-server';
import { createApp, type App } from './app.js';
import { requireSecretKey, type Config } from './config.js';
import { openDatabase, type DatabaseHandle } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { isDatabaseUnavailable } from './db/unavailable.js';
import { startHousekeeping } from './housekeeping/prune.js';
import { createLogger, type Logger } from './http/logger.js';
import { messageFeed } from './messages/live.js';
import { boardFeed } from './board/live.js';
import { createOutbox, type DeliveryProvider } from './outbox/delivery.js';
import { deliveryFromConfig, requireDeliveryConfig } from './outbox/delivery-from-config.js';

export interface RunningServer {
  url: string;
  app: App;
  database: DatabaseHandle;
  /**
   * Drains: stops accepting connections, tells open message streams to reconnect elsewhere,
   * lets in-flight requests finish for up to `graceMs` (default SHUTDOWN_GRACE_MS), cuts what
   * is left, then closes the database.
   */
  close(graceMs?: number): Promise<void>;
}

export interface StartOptions {
  logger?: Logger;
  delivery?: DeliveryProvider;
  /** Runs after migrations and before the server listens, e.g. the demo seed. */
  prepare?: (database: DatabaseHandle) => Promise<void>;
}

export async function startServer(config: Config, options: StartOptions = {}): Promise<RunningServer> {
  const logger = options.logger ?? createLogger(config.logLevel);
  requireSecretKey(config);
  if (!options.delivery) requireDeliveryConfig(config);
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    pgliteDataDir: config.pgliteDataDir,
    poolSize: config.databasePoolSize,
    statementTimeoutMs: config.databaseStatementTimeoutMs,
    acquireTimeoutMs: config.databaseAcquireTimeoutMs,
    logger,
  });
  try {
    // Every instance restarting while PostgreSQL is down must come up once it is back, not exit.
    await untilTheDatabaseAnswers(logger, async () => {
      if (config.migrateOnStart) {
        const { applied } = await migrate(config, database);
        if (applied.length) logger.info('migrations applied', { applied });
      }
      await options.prepare?.(database);
    });
  } catch (error) {
    await database.close();
    throw error;
  }

  const delivery = options.delivery ?? deliveryFromConfig(config, logger);
  const outbox = createOutbox(database.db, delivery, logger, { sealBodies: config.mode === 'production' });
  const shutdown = new AbortController();
  const app = createApp({ config, database, outbox, logger, shutdown: shutdown.signal });
  startHousekeeping(database.db, logger, shutdown.signal);

  const server = await listen(app, config.host, config.port);
  const inFlight = new Set<ServerResponse>();
  server.on('request', (_request, response: ServerResponse) => {
    inFlight.add(response);
    response.once('close', () => inFlight.delete(response));
    // While draining, each answer closes its connection, so no new request arrives on it.
    if (shutdown.signal.aborted) response.shouldKeepAlive = false;
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;
  logger.info('listening', { url, mode: config.mode, database: database.kind, delivery: delivery.name });
  outbox.start();

  let closing: Promise<void> | undefined;
  const drain = async (graceMs: number) => {
    shutdown.abort();
    const http = server as Server;
    const closed = new Promise<void>((resolve) => http.close(() => resolve()));
    for (const response of inFlight) response.shouldKeepAlive = false;
    messageFeed(database, logger).end();
    boardFeed(database, logger).end();
    const deadline = performance.now() + graceMs;
    while (inFlight.size > 0 && performance.now() < deadline) {
      http.closeIdleConnections();
      await sleep(Math.min(25, Math.max(1, deadline - performance.now())));
    }
    if (inFlight.size > 0) logger.warn('shutdown grace period over: cutting the requests still open', { requests: inFlight.size, graceMs });
    http.closeAllConnections();
    await closed;
    await outbox.stop();
    await database.close();
    logger.info('stopped');
  };

  return {
    url,
    app,
    database,
    close(graceMs = config.shutdownGraceMs) {
      closing ??= drain(graceMs);
      return closing;
    },
  };
}

/** Migrations may run longer than a request's statement_timeout: on PostgreSQL they get a connection without one. */
async function migrate(config: Config, database: DatabaseHandle) {
  if (database.kind !== 'postgres') return migrateToLatest(database.db);
  const migrations = await openDatabase({
    databaseUrl: config.databaseUrl,
    poolSize: 1,
    acquireTimeoutMs: config.databaseAcquireTimeoutMs,
  });
  try {
    return await migrateToLatest(migrations.db);
  } finally {
    await migrations.close();
  }
}

async function untilTheDatabaseAnswers(logger: Logger, step: () => Promise<void>) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await step();
    } catch (error) {
      if (!isDatabaseUnavailable(error)) throw error;
      const retryInMs = Math.min(250 * 2 ** attempt, 1000);
      const { code, message } = (error instanceof Error && error.cause instanceof Error ? error.cause : error) as Error & { code?: string };
      logger.warn('database not reachable; waiting for it before starting', { attempt, retryInMs, code, message });
      await sleep(retryInMs);
    }
  }
}

function listen(app: App, hostname: string, port: number): Promise<ServerType> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, hostname, port }, () => resolve(server));
    server.once('error', reject);
  });
}
