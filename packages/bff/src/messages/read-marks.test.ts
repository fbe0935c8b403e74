import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession } from '../auth/session.js';
import { addContact } from '../contacts/queries.js';
import { allRights } from '../contacts/rights.js';
import { databaseUnderTest } from '../testing/database-under-test.js';
import { createTenant } from '../testing/fixtures.js';
import { caller, signedInClient, type SignedInClient } from '../testing/signed-in.js';
import { createTestApp } from '../testing/test-app.js';
import type { TestDatabase } from '../testing/test-database.js';
import type { TenantRecord } from '../tenants/queries.js';
import { storeStaffMessage, type MessageView } from './queries.js';

let database: TestDatabase;
let call: ReturnType<typeof caller>;
let tenant: TenantRecord;
let client: SignedInClient;
let daughter: { tenant: TenantRecord; token: string };

beforeAll(async () => {
  database = await databaseUnderTest();
  tenant = await createTenant(database.db);
  call = caller(createTestApp(database).app);
  client = await signedInClient(database.db, tenant);
  const added = await addContact(
    database.db,
    { tenantId: tenant.id, clientId: client.clientId },
    {
      name: 'Marieke de Vries',
      email: 'marieke@example.nl',
      mobile: '+31687654321',
      relationship: 'daughter',
      rights: allRights,
      invitedByAccountId: client.accountId,
    },
  );
  if (added.outcome !== 'added') throw new Error('not added');
  await database.db.updateTable('accounts').set({ status: 'active' }).where('id', '=', added.accountId).execute();
  const session = await createSession(database.db, {
    tenant,
    accountId: added.accountId,
    clientId: client.clientId,
    state: 'active',
    ip: null,
    userAgent: null,
  });
  daughter = { tenant, token: session.token };
});
afterAll(async () => {
  await database?.close();
});

const unread = async (who: { tenant: TenantRecord; token: string }) =>
  ((await (await call(who, '/messages/unread-count')).json()) as { unreadCount: number }).unreadCount;

describe('read marks per reader', () => {
  it('marks a message read only for the person who read it', async () => {
    const one = await storeStaffMessage(database.db, {
      tenantId: tenant.id,
      clientId: client.clientId,
      senderName: 'Zr. Jansen',
      body: 'Eén',
    });
    await storeStaffMessage(database.db, { tenantId: tenant.id, clientId: client.clientId, senderName: 'Zr. Jansen', body: 'Twee' });
    expect(await unread(client)).toBe(2);
    expect(await unread(daughter)).toBe(2);

    const marked = await call(daughter, '/messages/read', { json: { upTo: one.id } });
    expect(await marked.json()).toEqual({ marked: 1, unreadCount: 1 });
    expect(await unread(client)).toBe(2);
    const clientsView = (await (await call(client, '/messages')).json()) as { items: MessageView[] };
    expect(clientsView.items.find((m) => m.id === one.id)?.readAt).toBeNull();
    const daughtersView = (await (await call(daughter, '/messages')).json()) as { items: MessageView[] };
    expect(daughtersView.items.find((m) => m.id === one.id)?.readAt).not.toBeNull();

    // Marking again changes nothing for her; the client's own marks are the client's.
    expect(await (await call(daughter, '/messages/read', { json: { upTo: one.id } })).json()).toEqual({ marked: 0, unreadCount: 1 });
    expect(await (await call(client, '/messages/read', { json: { upTo: 'all' } })).json()).toEqual({ marked: 2, unreadCount: 0 });
    expect(await unread(daughter)).toBe(1);
  });

  it("counts a relative's message as unread for the client, never for the relative", async () => {
    const response = await call(daughter, '/messages', {
      json: { body: 'Ik kom zondag langs.' },
      headers: { 'idempotency-key': 'read-marks-1' },
    });
    expect(response.status).toBe(201);
    expect(await unread(client)).toBe(1);
    expect(await unread(daughter)).toBe(1);
  });
});
