#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { auditCommand } from './audit/cli.js';
import { loadCliConfig } from './cli-support.js';
import { ConfigError, requireSecretKey } from './config.js';
import { openDatabase } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { integrationKeyCommand } from './integration/cli.js';
import { replyCommand } from './messages/cli-reply.js';
import { createLogger } from './http/logger.js';
import { consoleDelivery, createOutbox } from './outbox/delivery.js';
import { demoCredentialsText, outdatedDemoNotice, seedDemo } from './seed/demo-seed.js';
import { requireDeliveryConfig } from './outbox/delivery-from-config.js';
import { startServer } from './server.js';
import { tenantCommand } from './tenants/cli.js';

const usage = `care-bff — the care widgets' backend-for-frontend

Usage:
  care-bff migrate          apply database migrations
  care-bff seed             load the two demo care organisations (idempotent)
  care-bff start [--demo]   start the HTTP server (--demo: demo mode, seeds and serves the examples)
  care-bff reply --tenant SLUG --client-username USER --from "Naam" "tekst"
                            demo: a care team member answers in a client's messages
  care-bff tenant apply FILE [--dry-run] | list | show SLUG
                            a care organisation from its JSON file (--help for more)
  care-bff integration-key create|add|list|revoke --tenant SLUG …
                            keys the ECD signs integration tokens with (--help for more)
  care-bff audit verify [--tenant SLUG]
                            walk the audit log's hash chain; exit 1 naming the first broken row

Configuration comes from environment variables; see docs/bff-configuration.md.`;

async function main(argv: string[]): Promise<number> {
  if (argv[0] === 'reply') return replyCommand(argv.slice(1));
  if (argv[0] === 'integration-key') return integrationKeyCommand(argv.slice(1));
  if (argv[0] === 'tenant') return tenantCommand(argv.slice(1));
  if (argv[0] === 'audit') return auditCommand(argv.slice(1));
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { demo: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false } },
  });
  const command = positionals[0];
  if (values.help || !command) {
    console.log(usage);
    return command || values.help ? 0 : 1;
  }

  const config = loadCliConfig(values.demo ? { mode: 'demo' } : {});
  if (!config) return 2;
  const logger = createLogger(config.logLevel);

  switch (command) {
    case 'migrate': {
      const database = await openDatabase({ databaseUrl: config.databaseUrl, pgliteDataDir: config.pgliteDataDir });
      try {
        const { applied } = await migrateToLatest(database.db);
        console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'The database is up to date.');
      } finally {
        await database.close();
      }
      return 0;
    }
    case 'seed': {
      const database = await openDatabase({ databaseUrl: config.databaseUrl, pgliteDataDir: config.pgliteDataDir });
      try {
        await migrateToLatest(database.db);
        const result = await seedDemo(database.db, { demoOrigin: `http://127.0.0.1:${config.port}` });
        console.log(result.created ? 'Demo data loaded.' : 'Demo data was already there; nothing changed.');
        console.log(demoCredentialsText(result));
        const outdated = outdatedDemoNotice(result, { pgliteDataDir: config.databaseUrl ? undefined : config.pgliteDataDir });
        if (outdated) console.warn(outdated);
      } finally {
        await database.close();
      }
      return 0;
    }
    case 'start': {
      const started = performance.now();
      /** Said last, where it is seen: the data directory is older than the seed. */
      let outdatedNotice = '';
      try {
        requireSecretKey(config);
        requireDeliveryConfig(config);
      } catch (error) {
        if (error instanceof ConfigError) {
          console.error(error.message);
          return 2;
        }
        throw error;
      }
      const server = await startServer(config, {
        logger,
        prepare:
          config.mode === 'demo'
            ? async (database) => {
                // The server's provider is the console one too (startServer gets no other here).
                const outbox = createOutbox(database.db, consoleDelivery(logger), logger);
                const result = await seedDemo(database.db, { outbox, demoOrigin: `http://127.0.0.1:${config.port}` });
                console.log(demoCredentialsText(result));
                outdatedNotice = outdatedDemoNotice(result, { pgliteDataDir: config.databaseUrl ? undefined : config.pgliteDataDir });
              }
            : undefined,
      });
      if (config.mode === 'demo') {
        console.log(
          `\nDemo ready in ${((performance.now() - started) / 1000).toFixed(1)} s: open ${server.url}/ (dev outbox: ${server.url}/dev/outbox)\n`,
        );
        if (outdatedNotice) console.warn(outdatedNotice);
      }
      let stopping = false;
      const stop = async (signal: string) => {
        // A second signal means "now": the operator does not want to wait for the drain.
        if (stopping) process.exit(1);
        stopping = true;
        logger.info('stopping: draining in-flight requests', { signal, graceMs: config.shutdownGraceMs });
        await server.close();
        process.exit(0);
      };
      // A promise nobody awaited that fails (say, on a lost database connection) is a bug to log,
      // not a reason to take every open request and stream of this instance down with it.
      process.on('unhandledRejection', (reason) => logger.error('unhandled promise rejection', { error: reason }));
      process.on('SIGINT', () => void stop('SIGINT'));
      process.on('SIGTERM', () => void stop('SIGTERM'));
      return -1;
    }
    default:
      console.error(`Unknown command "${command}".\n\n${usage}`);
      return 1;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exit(1);
  },
);
