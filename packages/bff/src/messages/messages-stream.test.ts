import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { revokeSession, sessionCookieName } from '../auth/session.js';
import { openDatabase } from '../db/database.js';
import { databaseKind, databaseUnderTest } from '../testing/database-under-test.js';
import { createTenant } from '../testing/fixtures.js';
import { createTestApp } from '../testing/test-app.js';
import type { TestDatabase } from '../testing/test-database.js';
import type { TenantRecord } from '../tenants/queries.js';
import { clearTenantCache } from '../tenants/tenant-context.js';
import { messageFeed } from './live.js';
import { EventReader } from '../testing/event-reader.js';
import { caller, clientRequest, signedInClient, type SignedInClient as SignedIn } from '../testing/signed-in.js';
import { storeStaffMessage } from './queries.js';
import { messageRoutes } from './routes.js';

let database: TestDatabase;
let app: ReturnType<typeof createTestApp>['app'];
let call: ReturnType<typeof caller>;
let tenant: TenantRecord;
let otherTenant: TenantRecord;

async function openStream(who: SignedIn, headers: Record<string, string> = {}, path = '/messages/stream') {
  const response = await call(who, path, { headers });
  expect(response.status).toBe(200);
  const reader = new EventReader(response);
  return reader;
}

const staff = (who: SignedIn, body: string, db = database.db) =>
  storeStaffMessage(db, { tenantId: who.tenant.id, clientId: who.clientId, senderName: 'Zr. Jansen', body });

beforeAll(async () => {
  database = await databaseUnderTest();
  tenant = await createTenant(database.db);
  otherTenant = await createTenant(database.db);
  clearTenantCache();
  app = createTestApp(database).app;
  // A copy of the routes with a fast heartbeat, for the heartbeat and session tests.
  app.route('/api/tenants/:tenant/fast/messages', messageRoutes({ heartbeatMs: 100, retryMs: 1500 }));
  call = caller(app);
});
afterAll(async () => {
  await database?.close();
});

describe('the live message stream', () => {
  it('is an event stream with a retry hint and the unread count first', async () => {
    const alice = await signedInClient(database.db, tenant);
    await staff(alice, 'Al eerder gestuurd');
    const stream = await openStream(alice);
    expect(stream.response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(stream.response.headers.get('cache-control')).toBe('no-cache');
    expect((await stream.next()).retry).toBe('3000');
    expect(await stream.unread()).toBe(1);
    await stream.close();
  });

  it('pushes a care team reply stored by another BFF instance within a second', async () => {
    const alice = await signedInClient(database.db, tenant);
    const stream = await openStream(alice);
    await stream.unread();
    // On PostgreSQL a second pool plays the other BFF instance; PGlite is one process by nature.
    const other = databaseKind === 'postgres' ? await openDatabase({ databaseUrl: database.url!, poolSize: 1 }) : database;
    try {
      const started = performance.now();
      const stored = await staff(alice, 'Ik kom om 10 uur langs.', other.db);
      const message = await stream.message(1000);
      expect(performance.now() - started).toBeLessThan(1000);
      expect(message).toMatchObject({
        id: stored.id,
        eventId: stored.id,
        body: 'Ik kom om 10 uur langs.',
        own: false,
        sender: { kind: 'staff', name: 'Zr. Jansen' },
      });
      expect(await stream.unread()).toBe(1);
    } finally {
      if (other !== database) await other.close();
      await stream.close();
    }
  });

  it('pushes the client’s own message sent from another tab, and read marks as a new count', async () => {
    const alice = await signedInClient(database.db, tenant);
    const reply = await staff(alice, 'Ongelezen');
    const stream = await openStream(alice);
    expect(await stream.unread()).toBe(1);
    const sent = await call(alice, '/messages', { json: { body: 'Uit het andere tabblad' }, headers: { 'idempotency-key': randomUUID() } });
    expect(sent.status).toBe(201);
    expect(await stream.message()).toMatchObject({ body: 'Uit het andere tabblad', own: true });
    expect(await stream.unread()).toBe(1);
    await call(alice, '/messages/read', { json: { upTo: reply.id } });
    expect(await stream.unread()).toBe(0);
    await stream.close();
  });

  it('never pushes another client’s or another tenant’s messages', async () => {
    const alice = await signedInClient(database.db, tenant);
    const bob = await signedInClient(database.db, tenant);
    const carol = await signedInClient(database.db, otherTenant);
    const stream = await openStream(alice);
    await stream.unread();
    await staff(bob, 'Voor Bob');
    await staff(carol, 'Voor Carol');
    const mine = await staff(alice, 'Voor Alice');
    // The first message event is Alice's own: the others were never sent to her.
    expect((await stream.message()).id).toBe(mine.id);
    await stream.close();
  });

  it('resumes after Last-Event-ID with what was missed, oldest first', async () => {
    const alice = await signedInClient(database.db, tenant);
    const seen = await staff(alice, 'Gezien');
    const missed1 = await staff(alice, 'Gemist 1');
    const missed2 = await staff(alice, 'Gemist 2');
    const stream = await openStream(alice, { 'last-event-id': seen.id });
    expect((await stream.message()).id).toBe(missed1.id);
    expect((await stream.message()).id).toBe(missed2.id);
    expect(await stream.unread()).toBe(3);
    await stream.close();

    // Someone else's id resumes nothing.
    const bob = await signedInClient(database.db, tenant);
    const bobs = await staff(bob, 'Van Bob');
    const other = await openStream(bob, { 'last-event-id': seen.id });
    await other.unread();
    await staff(bob, 'Nieuw voor Bob');
    expect((await other.message()).body).toBe('Nieuw voor Bob');
    expect(bobs.id).toBeDefined();
    await other.close();
  });

  it('sends heartbeats and ends when the session does', async () => {
    const alice = await signedInClient(database.db, tenant);
    const stream = await openStream(alice, {}, '/fast/messages/stream');
    expect((await stream.next()).retry).toBe('1500');
    expect((await stream.next((e) => e.comment === 'heartbeat')).comment).toBe('heartbeat');
    await revokeSession(database.db, tenant.id, alice.sessionId);
    await stream.next((e) => e.event === 'session-expired');
    expect(await stream.ended()).toBe(true);
  });

  it('requires a session and lets go of its subscription when the browser leaves', async () => {
    expect((await call({ tenant }, '/messages/stream')).status).toBe(401);
    const expired = await app.request(`/api/tenants/${tenant.slug}/messages/stream`, {
      headers: { cookie: `${sessionCookieName(tenant.slug)}=nonsense` },
    });
    expect(expired.status).toBe(401);

    const feed = messageFeed(database);
    const before = feed.size;
    const alice = await signedInClient(database.db, tenant);
    const stream = await openStream(alice);
    await stream.unread();
    expect(feed.size).toBe(before + 1);
    await stream.close();
    await staff(alice, 'Na het sluiten'); // wakes the stream, which notices it was left
    await expect.poll(() => feed.size, { timeout: 2000 }).toBe(before);
  });

  it('refuses a seventh stream of one session with a clear 429, and takes one again when a stream closes', async () => {
    const alice = await signedInClient(database.db, tenant);
    const streams = [];
    for (let i = 0; i < 6; i++) {
      const stream = await openStream(alice);
      await stream.unread();
      streams.push(stream);
    }
    const refused = await call(alice, '/messages/stream');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await refused.json()).toMatchObject({ code: 'too-many-streams', status: 429 });
    // Another session of the same client is not held back by Alice's.
    const bob = await signedInClient(database.db, tenant);
    const bobs = await openStream(bob);
    await bobs.unread();

    await streams.pop()!.close();
    await staff(alice, 'Wekt de gesloten stream'); // the closed stream notices it was left when woken
    await expect
      .poll(
        async () => {
          const response = await call(alice, '/messages/stream');
          if (response.status === 200) streams.push(new EventReader(response));
          else await response.body?.cancel();
          return response.status;
        },
        { timeout: 3000 },
      )
      .toBe(200);
    for (const stream of [...streams, bobs]) await stream.close();
  });
});

describe('one client with many streams', () => {
  it('costs one database read per new message, whatever the number of streams, and each stream gets it', async () => {
    let reads = 0;
    const counted: TestDatabase = {
      ...database,
      db: database.db.withPlugin({
        transformQuery: (args) => {
          reads += 1;
          return args.node;
        },
        transformResult: async (args) => args.result,
      }),
    };
    const counting = createTestApp(counted).app;
    const alice = await signedInClient(database.db, tenant);
    const streams: EventReader[] = [];
    for (let i = 0; i < 5; i++) {
      const response = await clientRequest(counting, alice, '/messages/stream');
      expect(response.status).toBe(200);
      const stream = new EventReader(response);
      await stream.unread();
      streams.push(stream);
    }
    reads = 0;
    const stored = await staff(alice, 'Voor alle tabbladen');
    for (const stream of streams) expect((await stream.message()).id).toBe(stored.id);
    for (const stream of streams) expect(await stream.unread()).toBe(1);
    expect(reads).toBe(1);
    for (const stream of streams) await stream.close();
  });
});
