import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseUnderTest } from '../testing/database-under-test.js';
import { createTenant } from '../testing/fixtures.js';
import { createTestApp } from '../testing/test-app.js';
import type { TestDatabase } from '../testing/test-database.js';

let database: TestDatabase;
let slug: string;
beforeAll(async () => {
  database = await databaseUnderTest();
  slug = (await createTenant(database.db)).slug;
});
afterAll(async () => {
  await database?.close();
});

const devCalls = () => [
  { path: '/dev/outbox', init: {} },
  { path: '/dev/messages/reply', init: post({ tenant: slug, clientUsername: 'nobody', from: 'Zr. Jansen', body: 'Hallo' }) },
  { path: '/dev/integration-keys', init: post({ tenant: slug }) },
];
function post(body: unknown): RequestInit {
  return { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}

describe('/dev', () => {
  it('answers every dev route in demo mode', async () => {
    const { app } = createTestApp(database);
    const statuses = await Promise.all(devCalls().map(async ({ path, init }) => [path, (await app.request(path, init)).status]));
    // The reply names a username nobody has: its own 404 problem, not the missing route's.
    expect(statuses).toEqual([
      ['/dev/outbox', 200],
      ['/dev/messages/reply', 404],
      ['/dev/integration-keys', 201],
    ]);
    const reply = await app.request(devCalls()[1]!.path, devCalls()[1]!.init);
    expect(await reply.json()).toMatchObject({ detail: 'No client has the username "nobody".' });
  });

  it('has none of them in production', async () => {
    const { app } = createTestApp(database, { mode: 'production' });
    for (const { path, init } of devCalls()) {
      const response = await app.request(path, init);
      expect(response.status, path).toBe(404);
      expect(await response.json(), path).toMatchObject({ detail: 'There is nothing at this address.' });
    }
  });
});
