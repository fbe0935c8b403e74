import { DEVELOPMENT_SECRET_KEY, loadConfig, type Config } from '../config.js';
import { createLogger } from '../http/logger.js';
import { seedDemo } from '../seed/demo-seed.js';
import { startServer, type RunningServer } from '../server.js';

export interface TestBffOptions {
  /** Real PostgreSQL instead of in-memory PGlite. */
  databaseUrl?: string;
  seed?: boolean;
  mode?: Config['mode'];
  now?: Date;
}

/**
 * A real BFF on a loopback port with the demo tenants loaded, for component and end-to-end
 * tests. In-memory PGlite unless a database URL is given; demo mode, so /dev/outbox exists.
 */
export async function startTestBff(options: TestBffOptions = {}): Promise<RunningServer> {
  const config = loadConfig(
    {},
    {
      mode: options.mode ?? 'demo',
      host: '127.0.0.1',
      port: 0,
      databaseUrl: options.databaseUrl,
      pgliteDataDir: 'memory://',
      logLevel: 'silent',
      secretKey: DEVELOPMENT_SECRET_KEY,
      // A test run that ends should not wait long for a browser's request it abandoned.
      shutdownGraceMs: 2000,
    },
  );
  return startServer(config, {
    logger: createLogger(process.env['CARE_TEST_LOG'] ? 'debug' : 'silent'),
    prepare:
      options.seed === false
        ? undefined
        : async (database) => {
            await seedDemo(database.db, options.now ? { now: options.now } : {});
          },
  });
}
