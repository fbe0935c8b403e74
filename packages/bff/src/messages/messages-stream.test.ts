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
import { caller, signedInClient, type SignedInClient as SignedIn } from '../testing/signed-in.js';
import { storeStaffMessage, type MessageView } from './queries.js';
import { messageRoutes } from './routes.js';

let database: TestDatabase;
let app: ReturnType<typeof createTestApp>['app'];
let call: ReturnType<typeof caller>;
let tenant: TenantRecord;
let otherTenant: TenantRecord;

interface ServerEvent {
  event?: string;
  id?: string;
  data?: string;
  retry?: string;
  comment?: string;
}

/** Reads an event stream response event by event. */
class EventReader {
  readonly #reader: ReadableStreamDefaultReader<Uint8Array>;
  readonly #decoder = new TextDecoder();
  #buffer = '';
  readonly #ready: ServerEvent[] = [];

  constructor(readonly response: Response) {
    this.#reader = response.body!.getReader();
  }

  /** The next event (or retry/comment block) matching `match`, skipping others; fails after `ms`. */
  async next(match: (e: ServerEvent) => boolean = () => true, ms = 3000): Promise<ServerEvent> {
    const deadline = Date.now() + ms;
    for (;;) {
      const index = this.#ready.findIndex(match);
      if (index >= 0) return this.#ready.splice(index, 1)[0]!;
      this.#ready.length = 0;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error('no matching event in time');
      const chunk = await Promise.race([this.#reader.read(), new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), left))]);
      if (chunk === 'timeout') throw new Error('no matching event in time');
      if (chunk.done) throw new Error('stream ended');
      this.#buffer += this.#decoder.decode(chunk.value, { stream: true });
      let end: number;
      while ((end = this.#buffer.indexOf('\n\n')) >= 0) {
        const block = this.#buffer.slice(0, end);
        this.#buffer = this.#buffer.slice(end + 2);
        const event: ServerEvent = {};
        for (const line of block.split('\n')) {
          if (line.startsWith(':')) event.comment = line.slice(1).trim();
          else {
            const colon = line.indexOf(':');
            const field = line.slice(0, colon) as keyof ServerEvent;
            const value = line.slice(colon + 1).replace(/^ /, '');
            event[field] = field === 'data' && event.data !== undefined ? `${event.data}\n${value}` : value;
          }
        }
        this.#ready.push(event);
      }
    }
  }

  async message(ms?: number): Promise<MessageView & { eventId: string }> {
    const event = await this.next((e) => e.event === 'message', ms);
    return { ...(JSON.parse(event.data!) as MessageView), eventId: event.id! };
  }

  async unread(ms?: number): Promise<number> {
    return (JSON.parse((await this.next((e) => e.event === 'unread', ms)).data!) as { unreadCount: number }).unreadCount;
  }

  /** Reads until the server closes the stream. */
  async ended(ms = 3000): Promise<boolean> {
    const deadline = Date.now() + ms;
    for (;;) {
      const left = deadline - Date.now();
      if (left <= 0) return false;
      const chunk = await Promise.race([this.#reader.read(), new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), left))]);
      if (chunk === 'timeout') return false;
      if (chunk.done) return true;
    }
  }

  async close() {
    await this.#reader.cancel().catch(() => {});
  }
}

async function openStream(who: SignedIn, headers: Record<string, string> = {}, path = '/messages/stream') {
  const response = await call(who, path, { headers });
  expect(response.status).toBe(200);
  const reader = new EventReader(response);
  return reader;
}

const staff = (who: SignedIn, body: string, db = database.db) => storeStaffMessage(db, { tenantId: who.tenant.id, clientId: who.clientId, senderName: 'Zr. Jansen', body });

beforeAll(async () => {
  database = await databaseUnderTest();
  tenant = await createTenant(database.db);
  otherTenant = await createTenant(database.db);
  clearTenantCache();
  app = createTestApp(database).app;
  // A copy of the routes with a fast heartbeat, for the heartbeat and session tests.
  app.route('/api/tenants/:tenant/fast', messageRoutes({ heartbeatMs: 100, retryMs: 1500 }));
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
      expect(message).toMatchObject({ id: stored.id, eventId: stored.id, body: 'Ik kom om 10 uur langs.', own: false, sender: { kind: 'staff', name: 'Zr. Jansen' } });
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
    const expired = await app.request(`/api/tenants/${tenant.slug}/messages/stream`, { headers: { cookie: `${sessionCookieName(tenant.slug)}=nonsense` } });
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
});
