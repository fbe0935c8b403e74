import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession } from '../auth/session.js';
import { changesAfter, FEED_START } from '../integration/changes-feed.js';
import { databaseUnderTest } from '../testing/database-under-test.js';
import { createClientWithAccount, createTenant, type ClientWithAccount } from '../testing/fixtures.js';
import type { TestDatabase } from '../testing/test-database.js';
import type { TenantRecord } from '../tenants/queries.js';
import { addContact, changeContact, clientsOfAccount, contactsOf, removeContact } from './queries.js';
import { accessOf, noRights, rightsFrom, widenedAreas, type Rights } from './rights.js';

let database: TestDatabase;
let tenant: TenantRecord;
let johanna: ClientWithAccount;
let kees: ClientWithAccount;

const rights = (...areas: (keyof Rights)[]): Rights => ({ ...noRights, ...Object.fromEntries(areas.map((a) => [a, true])) });

beforeAll(async () => {
  database = await databaseUnderTest();
  tenant = await createTenant(database.db);
  johanna = await createClientWithAccount(database.db, tenant);
  kees = await createClientWithAccount(database.db, tenant);
});
afterAll(async () => {
  await database?.close();
});

const scopeOf = (client: ClientWithAccount) => ({ tenantId: tenant.id, clientId: client.clientId });
const add = (client: ClientWithAccount, name: string, email: string, areas: (keyof Rights)[] = ['reports']) =>
  addContact(database.db, scopeOf(client), {
    name,
    email,
    mobile: '+31687654321',
    relationship: 'daughter',
    rights: rights(...areas),
    invitedByAccountId: client.accountId,
  });

describe('rights', () => {
  it('reads stored rights strictly: a missing or non-true area is no right, unknown areas are dropped', () => {
    expect(rightsFrom({ reports: true, measurements: 'yes', admin: true })).toEqual(rights('reports'));
  });

  it('names the areas a change widens', () => {
    expect(widenedAreas(rights('reports', 'agenda'), rights('agenda', 'messages'))).toEqual(['messages']);
    expect(widenedAreas(rights('reports', 'agenda'), rights('agenda'))).toEqual([]);
  });

  it('gives the client every right, a contact only its own, and plan decisions only to a legal representative with the plan right', () => {
    expect(accessOf({ relation: 'self', rights: {}, legal_representative: false }).mayDecidePlan).toBe(true);
    const daughter = accessOf({ relation: 'contact', rights: { reports: true }, legal_representative: false });
    expect(daughter.rights).toEqual(rights('reports'));
    expect(daughter.mayDecidePlan).toBe(false);
    expect(accessOf({ relation: 'contact', rights: { plan: true }, legal_representative: true }).mayDecidePlan).toBe(true);
    expect(accessOf({ relation: 'contact', rights: {}, legal_representative: true }).mayDecidePlan).toBe(false);
  });
});

describe('contact persons of a client', () => {
  it('adds a new person as an invited account and lists the contacts alphabetically', async () => {
    const zoe = await add(johanna, 'Zoë Bakker', 'zoe@example.nl');
    const anna = await add(johanna, 'anna de Vries', 'anna@example.nl');
    expect(zoe).toMatchObject({ outcome: 'added', accountStatus: 'invited', newAccount: true });
    expect(anna).toMatchObject({ outcome: 'added', newAccount: true });
    const list = await contactsOf(database.db, scopeOf(johanna));
    expect(list.map((c) => c.name)).toEqual(['anna de Vries', 'Zoë Bakker']);
    expect(list[0]).toMatchObject({
      email: 'anna@example.nl',
      mobile: '+31687654321',
      relationship: 'daughter',
      relationshipLabel: 'dochter',
      rights: rights('reports'),
      locked: false,
      legalRepresentative: false,
      status: 'invited',
    });
  });

  it('links a person who already has an account (another client, the same e-mail in any case) instead of making a second', async () => {
    const first = await add(johanna, 'Piet Smit', 'piet@example.nl');
    const second = await add(kees, 'Piet Smit', 'PIET@example.nl', ['agenda']);
    expect(first.outcome).toBe('added');
    expect(second).toMatchObject({ outcome: 'added', newAccount: false });
    if (first.outcome !== 'added' || second.outcome !== 'added') throw new Error('not added');
    expect(second.accountId).toBe(first.accountId);
    const clients = await clientsOfAccount(database.db, tenant.id, first.accountId);
    expect(clients.map((c) => c.id).sort()).toEqual([johanna.clientId, kees.clientId].sort());
    expect(clients.find((c) => c.id === kees.clientId)).toMatchObject({
      relation: 'contact',
      relationshipLabel: 'dochter',
      rights: rights('agenda'),
    });
  });

  it('refuses the client as their own contact and a person who is a contact already', async () => {
    const self = await database.db.selectFrom('accounts').select('email').where('id', '=', johanna.accountId).executeTakeFirstOrThrow();
    expect(await add(johanna, 'Johanna', self.email!)).toEqual({ outcome: 'is-client' });
    expect(await add(johanna, 'Zoë', 'zoe@example.nl')).toMatchObject({ outcome: 'already-contact' });
  });

  it('changes and removes an unlocked person, never a locked one', async () => {
    const mentor = await add(johanna, 'Mr. Mentor', 'mentor@example.nl');
    if (mentor.outcome !== 'added') throw new Error('not added');
    await database.db
      .updateTable('account_clients')
      .set({ locked: true, legal_representative: true })
      .where('account_id', '=', mentor.accountId)
      .execute();
    expect(await changeContact(database.db, scopeOf(johanna), mentor.accountId, { relationship: 'mentor', rights: noRights })).toBe(false);
    expect(await removeContact(database.db, scopeOf(johanna), mentor.accountId)).toBe(false);

    const list = await contactsOf(database.db, scopeOf(johanna));
    const zoe = list.find((c) => c.name === 'Zoë Bakker')!;
    expect(await changeContact(database.db, scopeOf(johanna), zoe.id, { relationship: 'friend', rights: rights('messages') })).toBe(true);
    expect((await contactsOf(database.db, scopeOf(johanna))).find((c) => c.id === zoe.id)).toMatchObject({
      relationship: 'friend',
      rights: rights('messages'),
    });
    expect(await removeContact(database.db, scopeOf(johanna), zoe.id)).toBe(true);
    // Invited only for this client: the account (and its invitation) goes too.
    expect(await database.db.selectFrom('accounts').select('id').where('id', '=', zoe.id).executeTakeFirst()).toBeUndefined();
    // The client's own link is not a contact: it cannot be removed this way.
    expect(await removeContact(database.db, scopeOf(johanna), johanna.accountId)).toBe(false);
  });

  it('keeps a removed person who has another client, and ends their sessions for this client only', async () => {
    const piet = (await contactsOf(database.db, scopeOf(johanna))).find((c) => c.name === 'Piet Smit')!;
    await database.db.updateTable('accounts').set({ status: 'active' }).where('id', '=', piet.id).execute();
    const session = (clientId: string) =>
      createSession(database.db, { tenant, accountId: piet.id, clientId, state: 'active', ip: null, userAgent: null });
    const forJohanna = await session(johanna.clientId);
    const forKees = await session(kees.clientId);
    expect(await removeContact(database.db, scopeOf(johanna), piet.id)).toBe(true);
    const revoked = async (id: string) =>
      (await database.db.selectFrom('sessions').select('revoked_at').where('id', '=', id).executeTakeFirstOrThrow()).revoked_at;
    expect(await revoked(forJohanna.id)).not.toBeNull();
    expect(await revoked(forKees.id)).toBeNull();
    expect(await database.db.selectFrom('accounts').select('id').where('id', '=', piet.id).executeTakeFirst()).toBeDefined();
  });
});

describe('the changes feed', () => {
  it("reports the client's own changes to contact persons, not the ECD's", async () => {
    const start = await changesAfter(database.db, tenant.id, FEED_START, 1000);
    const added = await add(kees, 'Els Visser', 'els@example.nl', ['reports', 'agenda']);
    if (added.outcome !== 'added') throw new Error('not added');
    await changeContact(database.db, scopeOf(kees), added.accountId, { relationship: 'informal-carer', rights: rights('agenda') });
    await removeContact(database.db, scopeOf(kees), added.accountId);
    await database.db.transaction().execute(async (trx) => {
      await sql`select set_config('care.origin', 'integration', true)`.execute(trx);
      await addContact(trx, scopeOf(kees), {
        name: 'Van het ECD',
        email: 'ecd@example.nl',
        mobile: '+31611111111',
        relationship: 'mentor',
        rights: noRights,
        invitedByAccountId: null,
      });
    });
    const page = await changesAfter(database.db, tenant.id, parseNext(start.next), 1000);
    const contactChanges = page.items.filter((item) => item.kind.startsWith('contact.'));
    expect(contactChanges.map((item) => item.kind)).toEqual(['contact.added', 'contact.changed', 'contact.removed']);
    expect(contactChanges[0]).toMatchObject({
      client: { id: kees.clientId },
      resourceId: added.accountId,
      data: { name: 'Els Visser', email: 'els@example.nl', relationship: 'daughter', rights: rights('reports', 'agenda'), locked: false },
    });
    expect(contactChanges[1]!.data).toMatchObject({ relationship: 'informal-carer', rights: rights('agenda') });
  });
});

function parseNext(next: string) {
  const [txid, seq] = next.split('.').map(Number);
  return { txid: txid!, seq: seq! };
}
