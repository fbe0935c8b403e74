import { createApp } from '../app.js';
import { DEVELOPMENT_SECRET_KEY, loadConfig, type Config } from '../config.js';
import type { DatabaseHandle } from '../db/database.js';
import { createLogger } from '../http/logger.js';
import { createOutbox, type DeliveryProvider, type OutgoingMessage } from '../outbox/delivery.js';

/** The app on a given database, with captured log lines and delivered messages, for in-process tests. */
export function createTestApp(database: DatabaseHandle, overrides: Partial<Config> = {}, options: { shutdown?: AbortSignal } = {}) {
  const logLines: Record<string, unknown>[] = [];
  const delivered: OutgoingMessage[] = [];
  const logger = createLogger('debug', (line) => logLines.push(JSON.parse(line) as Record<string, unknown>));
  const delivery: DeliveryProvider = {
    name: 'capture',
    async deliver(message) {
      delivered.push(message);
      return {};
    },
  };
  const config = loadConfig({}, { mode: 'demo', secretKey: DEVELOPMENT_SECRET_KEY, ...overrides });
  const outbox = createOutbox(database.db, delivery, logger);
  const app = createApp({ config, database, outbox, logger, ...options });
  return { app, config, outbox, logLines, delivered };
}
