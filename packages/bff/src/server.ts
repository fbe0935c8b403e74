import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { createApp, type App } from './app.js';
import { requireSecretKey, type Config } from './config.js';
import { openDatabase, type DatabaseHandle } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { createLogger, type Logger } from './http/logger.js';
import { consoleDelivery, createOutbox, type DeliveryProvider } from './outbox/delivery.js';

export interface RunningServer {
  url: string;
  app: App;
  database: DatabaseHandle;
  close(): Promise<void>;
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
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    pgliteDataDir: config.pgliteDataDir,
    poolSize: config.databasePoolSize,
  });
  try {
    if (config.migrateOnStart) {
      const { applied } = await migrateToLatest(database.db);
      if (applied.length) logger.info('migrations applied', { applied });
    }
    await options.prepare?.(database);
  } catch (error) {
    await database.close();
    throw error;
  }

  const delivery = options.delivery ?? consoleDelivery(logger);
  if (config.mode === 'production' && delivery.name === 'console') {
    logger.warn('SMS and e-mail are only printed to the log: configure a delivery provider for production');
  }
  const app = createApp({ config, database, outbox: createOutbox(database.db, delivery, logger), logger });

  const server = await listen(app, config.host, config.port);
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;
  logger.info('listening', { url, mode: config.mode, database: database.kind });

  return {
    url,
    app,
    database,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Keep-alive and event-stream connections would hold close() open forever.
        if ('closeAllConnections' in server) server.closeAllConnections();
      });
      await database.close();
    },
  };
}

function listen(app: App, hostname: string, port: number): Promise<ServerType> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, hostname, port }, () => resolve(server));
    server.once('error', reject);
  });
}
