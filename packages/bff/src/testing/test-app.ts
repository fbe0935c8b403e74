import { createApp } from '../app.js';
import { DEVELOPMENT_SECRET_KEY, loadConfig, type Config } from '../config.js';
import type { DatabaseHandle } from '../db/database.js';
import { createLogger } from '../http/logger.js';
import { createOutbox, type DeliveryProvider, type OutgoingMessage } from '../outbox/delivery.js';
import { checkAnswersAgainstContract } from './contract-check.js';

/**
 * The app on a given database, with captured log lines and delivered messages, for in-process tests.
 * Every answer of the widget API is checked against its contract (testing/contract-check.ts).
 */
export function createTestApp(database: DatabaseHandle, overrides: Partial<Config> = {}, options: { shutdown?: AbortSignal } = {}) {
  const logLines: Record<string, unknown>[] = [];
  const delivered: OutgoingMessage[] = [];
  /** Errors the provider throws for the next deliveries, e.g. a gateway's `DeliveryError`. */
  const deliveryFailures: Error[] = [];
  const logger = createLogger('debug', (line) => logLines.push(JSON.parse(line) as Record<string, unknown>));
  const delivery: DeliveryProvider = {
    name: 'capture',
    async deliver(message) {
      const failure = deliveryFailures.shift();
      if (failure) throw failure;
      delivered.push(message);
      return {};
    },
  };
  const config = loadConfig({}, { mode: 'demo', secretKey: DEVELOPMENT_SECRET_KEY, ...overrides });
  const outbox = createOutbox(database.db, delivery, logger, { sealBodies: config.mode === 'production' });
  const app = checkAnswersAgainstContract(createApp({ config, database, outbox, logger, ...options }));
  /** Waits (at most 5 s) until the background worker has handed every due e-mail to `delivered`. */
  const settleOutbox = async () => {
    const deadline = Date.now() + 5_000;
    while (Date.now() < deadline) {
      await outbox.deliverDue(100);
      const busy = await database.db
        .selectFrom('outbox')
        .select('id')
        .where((eb) =>
          eb.or([eb('status', '=', 'sending'), eb.and([eb('status', '=', 'pending'), eb('next_attempt_at', '<=', new Date())])]),
        )
        .executeTakeFirst();
      if (!busy) return;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error('The outbox did not settle within 5 s');
  };
  return { app, config, outbox, logLines, delivered, deliveryFailures, settleOutbox };
}
