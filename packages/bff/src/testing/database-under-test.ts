import { inject } from 'vitest';
import { openTestDatabase, type TestDatabase } from './test-database.js';

/** Which database this vitest project runs against: set per project in vitest.config.ts. */
export const databaseKind = process.env['CARE_TEST_DB'] === 'postgres' ? 'postgres' : 'pglite';

/** A fresh migrated database of the project's kind, for one test file. */
export function databaseUnderTest(): Promise<TestDatabase> {
  return databaseKind === 'postgres'
    ? openTestDatabase('postgres', inject('postgresUrl'), inject('postgresTemplate'))
    : openTestDatabase('pglite');
}
