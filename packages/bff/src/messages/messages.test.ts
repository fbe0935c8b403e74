import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseUnderTest } from '../testing/database-under-test.js';
import { createTenant } from '../testing/fixtures.js';
import { createTestApp } from '../testing/test-app.js';
import type { TestDatabase } from '../testing/test-database.js';
import type { TenantRecord } from '../tenants/queries.js';
import { clearTenantCache } from '../tenants/tenant-context.js';
import { caller, signedInClient, type SignedInClient as SignedIn } from '../testing/signed-in.js';
import { storeStaffMessage, type MessageView } from './queries.js';
import { replyAsCareTeam } from './staff-reply.js';

let database: TestDatabase;
let call: ReturnType<typeof caller>;
let tenant: TenantRecord;
let otherTenant: TenantRecord;
let alice: SignedIn;
let bob: SignedIn;
let carol: SignedIn;

interface Page {
  items: MessageView[];
  nextBefore: string | null;
  unreadCount: number;
}

const send = (who: SignedIn, body: unknown, key: string | null = randomUUID()) =>
  call(who, '/messages', { json: body, headers: key ? { 'idempotency-key': key } : {} });
const page = async (who: SignedIn, query = '') => {
  const response = await call(who, `/messages${query}`);
  expect(response.status).toBe(200);
  return (await response.json()) as Page;
};
const staff = (who: SignedIn, body: string, name = 'Zr. Jansen') =>
  storeStaffMessage(database.db, { tenantId: who.tenant.id, clientId: who.clientId, senderName: name, body });

beforeAll(async () => {
  database = await databaseUnderTest();
  tenant = await createTenant(database.db);
  otherTenant = await createTenant(database.db);
  clearTenantCache();
  call = caller(createTestApp(database).app);
  alice = await signedInClient(database.db, tenant);
  bob = await signedInClient(database.db, tenant);
  carol = await signedInClient(database.db, otherTenant);
});
afterAll(async () => {
  await database?.close();
});

describe('sending a message', () => {
  it('stores a message of 1 to 2,000 characters and shows it as the client’s own', async () => {
    const response = await send(alice, { body: '  Hoe laat komt de zuster morgen?  ' });
    expect(response.status).toBe(201);
    const message = (await response.json()) as MessageView;
    expect(message).toMatchObject({ body: 'Hoe laat komt de zuster morgen?', own: true, readAt: null, sender: { kind: 'client' } });
    expect((await page(alice, '?limit=4')).items[0]).toEqual(message);
    const audited = await database.db
      .selectFrom('audit_log')
      .select(['action', 'client_id'])
      .where('resource_id', '=', message.id)
      .execute();
    expect(audited).toEqual([{ action: 'messages.send', client_id: alice.clientId }]);
  });

  it('refuses an empty, blank or too long body and names the field', async () => {
    for (const body of [{ body: '' }, { body: ' \n ' }, { body: 'x'.repeat(2001) }, {}]) {
      const response = await send(alice, body);
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ code: 'validation', errors: [{ field: 'body' }] });
    }
    // 2,000 characters that are not 2,000 UTF-16 units still fit, as the database counts them.
    expect((await send(alice, { body: '😊'.repeat(2000) })).status).toBe(201);
  });

  it('needs an Idempotency-Key header', async () => {
    const response = await send(alice, { body: 'Zonder sleutel' }, null);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ errors: [{ field: 'Idempotency-Key' }] });
  });

  it('stores a retried send only once, also when the retries run in parallel', async () => {
    const key = randomUUID();
    const first = await send(alice, { body: 'Verbinding viel weg' }, key);
    expect(first.status).toBe(201);
    const retries = await Promise.all(Array.from({ length: 8 }, () => send(alice, { body: 'Verbinding viel weg' }, key)));
    expect(retries.map((r) => r.status)).toEqual(Array(8).fill(201));
    expect(retries.every((r) => r.headers.get('idempotent-replayed') === 'true')).toBe(true);
    const ids = new Set(
      [(await first.json()) as MessageView, ...(await Promise.all(retries.map((r) => r.json() as Promise<MessageView>)))].map((m) => m.id),
    );
    expect(ids.size).toBe(1);

    const parallelKey = randomUUID();
    const parallel = await Promise.all(Array.from({ length: 8 }, () => send(alice, { body: 'Tegelijk verstuurd' }, parallelKey)));
    expect(parallel.map((r) => r.status)).toEqual(Array(8).fill(201));
    const stored = await database.db
      .selectFrom('messages')
      .select('id')
      .where('client_id', '=', alice.clientId)
      .where('idempotency_key', '=', parallelKey)
      .execute();
    expect(stored).toHaveLength(1);
  });

  it('answers 409 when a key is reused for another text', async () => {
    const key = randomUUID();
    expect((await send(alice, { body: 'Eerste tekst' }, key)).status).toBe(201);
    expect((await send(alice, { body: 'Andere tekst' }, key)).status).toBe(409);
  });

  it('requires a session and the widgets’ CSRF header', async () => {
    expect((await call({ tenant }, '/messages')).status).toBe(401);
    const forged = await call(alice, '/messages', {
      json: { body: 'x' },
      headers: { 'idempotency-key': randomUUID(), 'x-care-widgets': '0' },
    });
    expect(forged.status).toBe(403);
  });
});

describe('the thread', () => {
  it('pages back through history newest first with a keyset cursor', async () => {
    const dave = await signedInClient(database.db, tenant);
    // Twelve messages, some sharing one timestamp, so that ties are ordered by id.
    for (let i = 0; i < 12; i++) {
      await database.db
        .insertInto('messages')
        .values({
          tenant_id: tenant.id,
          client_id: dave.clientId,
          sender_kind: 'staff',
          sender_name: 'Zr. Jansen',
          body: `bericht ${i}`,
          sent_at: new Date(Date.UTC(2025, 0, 1, 9, Math.floor(i / 3))),
        })
        .execute();
    }
    const first = await page(dave, '?limit=4');
    expect(first.items).toHaveLength(4);
    const seen = [...first.items];
    let cursor = first.nextBefore;
    while (cursor) {
      const next = await page(dave, `?limit=5&before=${cursor}`);
      seen.push(...next.items);
      cursor = next.nextBefore;
    }
    expect(seen).toHaveLength(12);
    expect(new Set(seen.map((m) => m.id)).size).toBe(12);
    const times = seen.map((m) => m.sentAt);
    expect([...times].sort().reverse()).toEqual(times);
    expect(first.unreadCount).toBe(12);
  });

  it('shows replies of the care team in the same thread, unread until marked read', async () => {
    const erin = await signedInClient(database.db, tenant);
    expect((await send(erin, { body: 'Vraag van Erin' })).status).toBe(201);
    const one = await staff(erin, 'Antwoord 1');
    const two = await staff(erin, 'Antwoord 2');
    await staff(erin, 'Antwoord 3');
    const unread = async () => ((await (await call(erin, '/messages/unread-count')).json()) as { unreadCount: number }).unreadCount;
    expect(await unread()).toBe(3);

    const thread = await page(erin, '?limit=4');
    expect(thread.items.map((m) => [m.body, m.own, m.sender.kind])).toEqual([
      ['Antwoord 3', false, 'staff'],
      ['Antwoord 2', false, 'staff'],
      ['Antwoord 1', false, 'staff'],
      ['Vraag van Erin', true, 'client'],
    ]);

    // Marking the second read marks everything up to it; the client's own message never counts.
    const marked = await call(erin, '/messages/read', { json: { upTo: two.id } });
    expect(await marked.json()).toEqual({ marked: 2, unreadCount: 1 });
    const after = await page(erin);
    expect(after.items.find((m) => m.id === one.id)?.readAt).not.toBeNull();
    expect((await call(erin, '/messages/read', { json: { upTo: 'all' } })).status).toBe(200);
    expect(await unread()).toBe(0);
    expect((await call(erin, '/messages/read', { json: { upTo: 'nonsense' } })).status).toBe(400);
  });

  it('keeps every thread to its own client and tenant', async () => {
    const bobs = await staff(bob, 'Alleen voor Bob');
    const carols = await staff(carol, 'Andere organisatie');
    expect((await page(alice)).items.map((m) => m.id)).not.toContain(bobs.id);
    expect((await call(alice, `/messages?before=${bobs.id}`)).status).toBe(404);
    expect((await call(alice, `/messages?before=${carols.id}`)).status).toBe(404);
    expect((await call(alice, '/messages?before=not-a-uuid')).status).toBe(404);
    expect((await call(alice, '/messages/read', { json: { upTo: bobs.id } })).status).toBe(404);
    expect((await call(alice, '/messages/read', { json: { upTo: carols.id } })).status).toBe(404);
    await call(alice, '/messages/read', { json: { upTo: 'all' } });
    const bobsRow = await database.db.selectFrom('messages').select('read_at').where('id', '=', bobs.id).executeTakeFirstOrThrow();
    expect(bobsRow.read_at).toBeNull();
    // Alice's session cookie means nothing in another tenant.
    expect((await call({ tenant: otherTenant, token: alice.token }, '/messages')).status).toBe(401);
    // The same idempotency key in two threads makes two messages.
    const key = randomUUID();
    expect((await send(alice, { body: 'Zelfde sleutel' }, key)).status).toBe(201);
    expect((await send(bob, { body: 'Zelfde sleutel' }, key)).headers.get('idempotent-replayed')).toBeNull();
  });

  it('audits reading the thread', async () => {
    await page(bob);
    const row = await database.db
      .selectFrom('audit_log')
      .select(['actor_account_id', 'client_id'])
      .where('action', '=', 'messages.list')
      .where('client_id', '=', bob.clientId)
      .executeTakeFirst();
    expect(row).toEqual({ actor_account_id: bob.accountId, client_id: bob.clientId });
  });
});

describe('demo reply of a care team member', () => {
  it('puts a staff message in the thread of the client with that username', async () => {
    const result = await replyAsCareTeam(database.db, {
      tenant: tenant.slug,
      clientUsername: alice.username.toUpperCase(),
      from: 'Wijkverpleegkundige Anouk',
      body: 'Ik kom om 10 uur.',
    });
    expect(result).toMatchObject({ ok: true, clientId: alice.clientId });
    expect((await page(alice, '?limit=1')).items[0]).toMatchObject({
      body: 'Ik kom om 10 uur.',
      own: false,
      sender: { kind: 'staff', name: 'Wijkverpleegkundige Anouk' },
    });
    expect(await replyAsCareTeam(database.db, { tenant: otherTenant.slug, clientUsername: alice.username, from: 'X', body: 'y' })).toEqual({
      ok: false,
      reason: 'unknown-client',
    });
    expect(await replyAsCareTeam(database.db, { tenant: 'nope', clientUsername: alice.username, from: 'X', body: 'y' })).toEqual({
      ok: false,
      reason: 'unknown-tenant',
    });
  });

  it('is served at /dev/messages/reply in demo mode only', async () => {
    const demo = createTestApp(database).app;
    const body = JSON.stringify({ tenant: tenant.slug, clientUsername: bob.username, from: 'Zr. Jansen', body: 'Via de server' });
    const response = await demo.request('/dev/messages/reply', { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(response.status).toBe(201);
    const production = createTestApp(database, { mode: 'production' }).app;
    expect(
      (await production.request('/dev/messages/reply', { method: 'POST', headers: { 'content-type': 'application/json' }, body })).status,
    ).toBe(404);
    await sql`select 1`.execute(database.db);
  });
});
