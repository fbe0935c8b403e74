import type { KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseUnderTest } from '../testing/database-under-test.js';
import { createTenant } from '../testing/fixtures.js';
import { clientRequest, signedInClient, type SignedInClient } from '../testing/signed-in.js';
import { createTestApp } from '../testing/test-app.js';
import type { TestDatabase } from '../testing/test-database.js';

/*
 * An authenticated read costs two database round trips: the session lookup that also extends the
 * session and loads the rights, and one statement that reads and inserts its audit row (with the
 * audit chain's hash computed in the database). Counted as the statements the BFF sends.
 */
let database: TestDatabase;
let app: ReturnType<typeof createTestApp>['app'];
let client: SignedInClient;
const sent: string[] = [];

const counting: KyselyPlugin = {
  transformQuery: ({ node }) => {
    sent.push(node.kind);
    return node;
  },
  transformResult: async ({ result }) => result,
};

beforeAll(async () => {
  database = await databaseUnderTest();
  const tenant = await createTenant(database.db);
  client = await signedInClient(database.db, tenant);
  app = createTestApp({ ...database, db: database.db.withPlugin(counting) }).app;
});
afterAll(async () => {
  await database?.close();
});

async function roundTrips(path: string) {
  // The first request also loads the tenant into its cache; count a later one.
  expect((await clientRequest(app, client, path)).status).toBe(200);
  sent.length = 0;
  const response = await clientRequest(app, client, path);
  expect(response.status).toBe(200);
  await response.arrayBuffer();
  return sent.length;
}

describe('database round trips of an authenticated read', () => {
  it.each(['/access-log', '/access-log?period=year', '/activity'])('GET %s: 2', async (path) => {
    expect(await roundTrips(path)).toBe(2);
  });
});
