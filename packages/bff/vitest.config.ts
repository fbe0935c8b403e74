import { defineConfig } from 'vitest/config';

// Every BFF test runs twice: on embedded PGlite and on a real PostgreSQL cluster that the
// `postgres` project starts and stops itself. Files named *.pg.test.ts run on PostgreSQL only.
export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 120_000,
    setupFiles: ['src/testing/vitest-setup.ts'],
    projects: [
      {
        extends: true,
        // *.pg.test.ts need what only a server has: several connections committing out of order, other processes.
        test: { name: 'pglite', include: ['src/**/*.test.ts'], exclude: ['src/**/*.pg.test.ts'], env: { CARE_TEST_DB: 'pglite' } },
      },
      {
        extends: true,
        test: {
          name: 'postgres',
          include: ['src/**/*.test.ts'],
          env: { CARE_TEST_DB: 'postgres' },
          globalSetup: ['src/testing/postgres-global-setup.ts'],
        },
      },
    ],
  },
});
