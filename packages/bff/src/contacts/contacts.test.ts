import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSession } from '../auth/session.js';
import type { OutgoingMessage } from '../outbox/delivery.js';
import { databaseUnderTest } from '../testing/database-under-test.js';
import { createTenant } from '../testing/fixtures.js';
import { caller, signedInClient, type SignedInClient } from '../testing/signed-in.js';
import { createTestApp } from '../testing/test-app.js';
import type { TestDatabase } from '../testing/test-database.js';
import type { TenantRecord } from '../tenants/queries.js';
import { clearTenantCache } from '../tenants/tenant-context.js';
import type { ContactView } from './queries.js';
import { noRights, type Rights } from './rights.js';

let database: TestDatabase;
let tenant: TenantRecord;
let call: ReturnType<typeof caller>;
let delivered: OutgoingMessage[];
let settleOutbox: () => Promise<void>;
let johanna: SignedInClient;

const rights = (...areas: (keyof Rights)[]): Rights => ({ ...noRights, ...Object.fromEntries(areas.map((a) => [a, true])) });
const marieke = {
  name: 'Marieke de Vries',
  email: 'marieke@example.nl',
  mobile: '06 8765 4321',
  relationship: 'daughter',
  rights: { reports: true, agenda: true, messages: true },
};

beforeAll(async () => {
  database = await databaseUnderTest();
  tenant = await createTenant(database.db, { allowedOrigins: ['https://www.zorg.example'] });
  clearTenantCache();
  const test = createTestApp(database);
  call = caller(test.app);
  delivered = test.delivered;
  settleOutbox = test.settleOutbox;
  johanna = await signedInClient(database.db, tenant, { mobile: '+31611112222' });
});
afterAll(async () => {
  await database?.close();
});
beforeEach(async () => {
  delivered.length = 0;
  // Each test asks a few codes; the confirmation budget per account (5 per 15 minutes) is tested with the plans.
  await database.db.deleteFrom('rate_limits').execute();
});

function lastCode() {
  const sms = [...delivered].reverse().find((m) => m.channel === 'sms')!;
  const match = /^Uw bevestigingscode is (\d{4})-(\d{6})$/.exec(sms.body);
  expect(match).not.toBeNull();
  return { sms, prefix: match![1]!, code: match![2]! };
}

async function addConfirmed(who: SignedInClient, person: Record<string, unknown>): Promise<ContactView> {
  const asked = await call(who, '/contacts', { json: person });
  expect(asked.status).toBe(202);
  const { challengeId } = (await asked.json()) as { challengeId: string };
  const { code } = lastCode();
  const confirmed = await call(who, '/contacts/confirm', { json: { ...person, challengeId, code } });
  expect(confirmed.status).toBe(201);
  delivered.length = 0;
  return (await confirmed.json()) as ContactView;
}

async function sessionOf(accountId: string, clientId: string) {
  await database.db.updateTable('accounts').set({ status: 'active' }).where('id', '=', accountId).execute();
  const { token } = await createSession(database.db, { tenant, accountId, clientId, state: 'active', ip: null, userAgent: null });
  return { tenant, token };
}

describe('adding a contact person', () => {
  it('asks a fresh SMS code on the client’s mobile, then adds the person and sends the invitation', async () => {
    const asked = await call(johanna, '/contacts', { json: marieke });
    expect(asked.status).toBe(202);
    const sent = (await asked.json()) as { challengeId: string; prefix: string; widens: string[]; destinationHint: string };
    const { sms, prefix, code } = lastCode();
    expect(sms.recipient).toBe('+31611112222');
    expect(sent).toMatchObject({ prefix, widens: ['reports', 'agenda', 'messages'], destinationHint: '••••••••2222' });
    expect(await (await call(johanna, '/contacts')).json()).toEqual({ items: [] });

    // The code confirms exactly what was asked: other rights are not confirmed by it.
    const widened = await call(johanna, '/contacts/confirm', {
      json: { ...marieke, rights: { ...marieke.rights, measurements: true }, challengeId: sent.challengeId, code },
    });
    expect(widened.status).toBe(400);
    expect(await widened.json()).toMatchObject({ errors: [{ field: 'code' }] });

    const confirmed = await call(johanna, '/contacts/confirm', { json: { ...marieke, challengeId: sent.challengeId, code } });
    expect(confirmed.status).toBe(201);
    const added = (await confirmed.json()) as ContactView;
    expect(added).toMatchObject({
      name: 'Marieke de Vries',
      email: 'marieke@example.nl',
      mobile: '+31687654321',
      relationship: 'daughter',
      relationshipLabel: 'dochter',
      rights: rights('reports', 'agenda', 'messages'),
      locked: false,
      legalRepresentative: false,
      status: 'invited',
    });
    await settleOutbox();
    const mail = delivered.find((m) => m.channel === 'email' && m.recipient === 'marieke@example.nl')!;
    expect(mail.subject).toContain('Uitnodiging');
    expect(mail.body).toContain(`Test ${johanna.username} geeft u toegang`);
    expect(mail.body).toMatch(/https:\/\/www\.zorg\.example\/\?activate=[\w-]{20,}/);
    expect(mail.body).toContain('mobiele nummer');

    const audited = await database.db
      .selectFrom('audit_log')
      .select(['action', 'actor_account_id', 'client_id'])
      .where('client_id', '=', johanna.clientId)
      .where('action', 'like', 'contact%')
      .orderBy('id')
      .execute();
    expect(audited.map((row) => row.action)).toEqual([
      'contact_change.code.sent',
      'contacts.list',
      'contact_change.code.failure',
      'contacts.add',
      'contacts.invite',
    ]);
    expect(audited.find((row) => row.action === 'contacts.add')).toMatchObject({ actor_account_id: johanna.accountId });
  });

  it('refuses a person who is already a contact, and the client’s own address, before sending a code', async () => {
    const again = await call(johanna, '/contacts', { json: { ...marieke, email: 'MARIEKE@example.nl' } });
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ code: 'contact-exists', errors: [{ field: 'email' }] });
    const self = await call(johanna, '/contacts', { json: { ...marieke, email: `${johanna.username}@example.nl` } });
    expect(self.status).toBe(409);
    expect(await self.json()).toMatchObject({ code: 'contact-is-client' });
    expect(delivered.filter((m) => m.channel === 'sms')).toHaveLength(0);
  });

  it('names every bad field in a problem+json', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ ...marieke, name: '  ' }, 'name'],
      [{ ...marieke, email: 'geen-adres' }, 'email'],
      [{ ...marieke, mobile: '12345' }, 'mobile'],
      [{ ...marieke, relationship: 'buurjongen' }, 'relationship'],
      [{ ...marieke, relationship: 'curator' }, 'relationship'],
      [{ ...marieke, rights: { reports: 'ja' } }, 'rights.reports'],
      [{ ...marieke, rights: { admin: true } }, 'rights'],
    ];
    for (const [body, field] of cases) {
      const response = await call(johanna, '/contacts', { json: body });
      expect(response.status, field).toBe(400);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      const problem = (await response.json()) as { errors: { field: string; detail: string }[] };
      expect(problem.errors.map((e) => e.field)).toContain(field);
    }
    const curator = await call(johanna, '/contacts', { json: { ...marieke, relationship: 'curator' } });
    expect(JSON.stringify(await curator.json())).toContain('zorgorganisatie');
  });
});

describe('the invited person', () => {
  it('activates the account with their own mobile number, not the client’s date of birth, and signs in with an own code', async () => {
    await addConfirmed(johanna, { ...marieke, name: 'Joris Smit', email: 'joris@example.nl', mobile: '06 5555 1212', relationship: 'son' });
    await settleOutbox();
    const mail = delivered.find((m) => m.channel === 'email' && m.recipient === 'joris@example.nl')!;
    const token = /activate=([\w-]+)/.exec(mail.body)![1]!;
    const anonymous = { tenant };
    const check = await call(anonymous, '/auth/links/check', { json: { link: 'activate', token } });
    expect(await check.json()).toEqual({ state: 'valid', accountActive: false, proof: 'mobile' });

    const wrong = await call(anonymous, '/auth/activation/verify', { json: { token, mobile: '06 1111 2222' } });
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toMatchObject({ code: 'mobile-mismatch', errors: [{ field: 'mobile' }] });
    const byBirthDate = await call(anonymous, '/auth/activation/verify', { json: { token, dateOfBirth: '1945-06-01' } });
    expect(await byBirthDate.json()).toMatchObject({ code: 'mobile-mismatch' });
    const right = await call(anonymous, '/auth/activation/verify', { json: { token, mobile: '+31 6 5555 1212' } });
    expect(right.status).toBe(200);
    expect(await right.json()).toMatchObject({ displayName: 'Joris Smit', usernameSuggestion: 'joris@example.nl' });

    const weak = await call(anonymous, '/auth/activation/complete', {
      json: { token, mobile: '0655551212', username: 'joris.smit', password: 'kort', repeatPassword: 'kort' },
    });
    expect(weak.status).toBe(400);
    expect(await weak.json()).toMatchObject({ code: 'password-policy' });
    const done = await call(anonymous, '/auth/activation/complete', {
      json: { token, mobile: '0655551212', username: 'joris.smit', password: 'Zomer-Appel-42!', repeatPassword: 'Zomer-Appel-42!' },
    });
    expect(await done.json()).toEqual({ step: 'login', username: 'joris.smit' });

    delivered.length = 0;
    const login = await call(anonymous, '/auth/login', { json: { username: 'joris.smit', password: 'Zomer-Appel-42!' } });
    expect(login.status).toBe(200);
    const sms = delivered.find((m) => m.channel === 'sms')!;
    expect(sms.recipient).toBe('+31655551212');
  });
});

describe('sending the invitation again', () => {
  const tokenIn = (recipient: string) =>
    [...delivered]
      .reverse()
      .map((m) => (m.recipient === recipient ? /activate=([\w-]+)/.exec(m.body)?.[1] : undefined))
      .find(Boolean);
  const linkState = async (token: string | undefined) =>
    ((await (await call({ tenant }, '/auth/links/check', { json: { link: 'activate', token } })).json()) as { state: string }).state;

  // A client of their own: the people added here stay out of Johanna's list.
  let hanna: SignedInClient;
  const added = async (person: Record<string, unknown>) => {
    const contact = await addConfirmed(hanna, person);
    await settleOutbox();
    delivered.length = 0;
    return contact;
  };
  beforeAll(async () => {
    hanna = await signedInClient(database.db, tenant, { mobile: '+31611113333' });
  });

  it('sends a new link to a person who has not activated, stops the old one, audits it and allows 3 a day', async () => {
    const sanne = await added({ ...marieke, name: 'Sanne Kok', email: 'sanne@example.nl', relationship: 'friend' });
    expect(sanne.invitationValidUntil).not.toBeNull();
    // The first link expired unused: the client sees it.
    await database.db
      .updateTable('challenges')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('account_id', '=', sanne.id)
      .where('purpose', '=', 'activation')
      .execute();
    const listed = ((await (await call(hanna, '/contacts')).json()) as { items: ContactView[] }).items.find((p) => p.id === sanne.id);
    expect(listed).toMatchObject({ status: 'invited', invitationValidUntil: null });

    const again = await call(hanna, `/contacts/${sanne.id}/invitation`, { json: { pageUrl: 'https://www.zorg.example/portaal' } });
    expect(again.status).toBe(202);
    const sent = (await again.json()) as { email: string; validUntil: string };
    expect(sent.email).toBe('sanne@example.nl');
    expect(new Date(sent.validUntil).getTime()).toBeGreaterThan(Date.now() + 13 * 24 * 3600_000);
    await settleOutbox();
    const first = tokenIn('sanne@example.nl');
    expect(first).toBeDefined();
    expect(delivered.find((m) => m.recipient === 'sanne@example.nl')!.body).toContain('https://www.zorg.example/portaal?activate=');
    expect(await linkState(first)).toBe('valid');
    const relisted = ((await (await call(hanna, '/contacts')).json()) as { items: ContactView[] }).items.find((p) => p.id === sanne.id);
    expect(relisted!.invitationValidUntil).toBe(sent.validUntil);

    expect((await call(hanna, `/contacts/${sanne.id}/invitation`, { json: {} })).status).toBe(202);
    await settleOutbox();
    const second = tokenIn('sanne@example.nl');
    expect(second).not.toBe(first);
    expect(await linkState(first)).toBe('replaced');
    expect(await linkState(second)).toBe('valid');

    expect((await call(hanna, `/contacts/${sanne.id}/invitation`, { json: {} })).status).toBe(202);
    const fourth = await call(hanna, `/contacts/${sanne.id}/invitation`, { json: {} });
    expect(fourth.status).toBe(429);
    expect(Number(fourth.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await fourth.json()) as { detail: string }).detail).toContain('3 keer');
    await settleOutbox();
    expect(delivered.filter((m) => m.recipient === 'sanne@example.nl')).toHaveLength(3);

    const audited = await database.db
      .selectFrom('audit_log')
      .select(['outcome', 'actor_account_id', 'resource_id', 'details'])
      .where('client_id', '=', hanna.clientId)
      .where('action', '=', 'contacts.invite')
      .where('resource_id', '=', sanne.id)
      .orderBy('id')
      .execute();
    expect(audited.map((row) => [row.outcome, (row.details as { resent?: boolean }).resent ?? false])).toEqual([
      ['success', false],
      ['success', true],
      ['success', true],
      ['success', true],
      ['denied', true],
    ]);
    expect(audited.every((row) => row.actor_account_id === hanna.accountId)).toBe(true);
  });

  it('refuses a person who activated already, a locked person and a contact person asking it', async () => {
    const active = await added({ ...marieke, name: 'Piet Actief', email: 'piet@example.nl', relationship: 'friend' });
    const pietSession = await sessionOf(active.id, hanna.clientId);
    const refused = await call(hanna, `/contacts/${active.id}/invitation`, { json: {} });
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({ code: 'contact-active' });
    expect((await call(pietSession, `/contacts/${active.id}/invitation`, { json: {} })).status).toBe(403);

    const mentor = await added({ ...marieke, name: 'Mr. B. Mentor', email: 'mentor2@example.nl', relationship: 'other' });
    await database.db.updateTable('account_clients').set({ locked: true }).where('account_id', '=', mentor.id).execute();
    const lockedAnswer = await call(hanna, `/contacts/${mentor.id}/invitation`, { json: {} });
    expect(lockedAnswer.status).toBe(403);
    expect(await lockedAnswer.json()).toMatchObject({ code: 'contact-locked' });
    expect((await call(hanna, `/contacts/${randomUUID()}/invitation`, { json: {} })).status).toBe(404);
    await settleOutbox();
    expect(delivered.filter((m) => m.channel === 'email')).toHaveLength(0);
  });
});

describe('changing and removing', () => {
  it('lists alphabetically, narrows a right at once and widens one only with a code', async () => {
    const bram = await addConfirmed(johanna, {
      ...marieke,
      name: 'Bram de Vries',
      email: 'bram@example.nl',
      relationship: 'son',
      rights: { agenda: true },
    });
    const list = ((await (await call(johanna, '/contacts')).json()) as { items: ContactView[] }).items;
    expect(list.map((p) => p.name)).toEqual(['Bram de Vries', 'Joris Smit', 'Marieke de Vries']);

    const narrowed = await call(johanna, `/contacts/${bram.id}`, { method: 'PUT', json: { relationship: 'son', rights: {} } });
    expect(narrowed.status).toBe(200);
    expect(((await narrowed.json()) as ContactView).rights).toEqual(noRights);
    expect(delivered.filter((m) => m.channel === 'sms')).toHaveLength(0);

    const widen = { relationship: 'informal-carer', rights: { measurements: true } };
    const asked = await call(johanna, `/contacts/${bram.id}`, { method: 'PUT', json: widen });
    expect(asked.status).toBe(202);
    const { challengeId, widens } = (await asked.json()) as { challengeId: string; widens: string[] };
    expect(widens).toEqual(['measurements']);
    const unchanged = (await (await call(johanna, '/contacts')).json()) as { items: ContactView[] };
    expect(unchanged.items.find((p) => p.id === bram.id)!.rights).toEqual(noRights);
    const confirmed = await call(johanna, `/contacts/${bram.id}/confirm`, {
      method: 'PUT',
      json: { ...widen, challengeId, code: lastCode().code },
    });
    expect(confirmed.status).toBe(200);
    expect(await confirmed.json()).toMatchObject({ relationship: 'informal-carer', rights: rights('measurements') });
  });

  it('removes a person and ends their session for this client at once', async () => {
    const kees = await addConfirmed(johanna, { ...marieke, name: 'Kees Bakker', email: 'kees@example.nl', relationship: 'friend' });
    const keesSession = await sessionOf(kees.id, johanna.clientId);
    expect((await call(keesSession, '/auth/session')).status).toBe(200);
    expect(((await (await call(keesSession, '/auth/session')).json()) as { state: string }).state).toBe('active');

    const removed = await call(johanna, `/contacts/${kees.id}`, { method: 'DELETE' });
    expect(removed.status).toBe(204);
    expect(((await (await call(keesSession, '/auth/session')).json()) as { state: string }).state).toBe('signed-out');
    expect((await call(keesSession, '/reports')).status).toBe(401);
    expect((await call(johanna, `/contacts/${kees.id}`, { method: 'DELETE' })).status).toBe(404);
    expect((await call(johanna, '/contacts/not-a-uuid', { method: 'DELETE' })).status).toBe(404);
  });

  it('never lets the client change or remove a person the organisation locked', async () => {
    const mentor = await addConfirmed(johanna, { ...marieke, name: 'Mr. A. Mentor', email: 'mentor@example.nl', relationship: 'other' });
    await database.db
      .updateTable('account_clients')
      .set({ locked: true, legal_representative: true, relationship: 'mentor' })
      .where('account_id', '=', mentor.id)
      .execute();
    const listed = ((await (await call(johanna, '/contacts')).json()) as { items: ContactView[] }).items.find((p) => p.id === mentor.id);
    expect(listed).toMatchObject({ locked: true, legalRepresentative: true, relationshipLabel: 'mentor' });
    for (const [path, init] of [
      [`/contacts/${mentor.id}`, { method: 'DELETE' }],
      [`/contacts/${mentor.id}`, { method: 'PUT', json: { relationship: 'friend', rights: {} } }],
      [
        `/contacts/${mentor.id}/confirm`,
        { method: 'PUT', json: { relationship: 'friend', rights: {}, challengeId: randomUUID(), code: '123456' } },
      ],
    ] as const) {
      const response = await call(johanna, path, init);
      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({ code: 'contact-locked' });
    }
  });

  it('lets only the client manage contact persons, not a contact person', async () => {
    const list = ((await (await call(johanna, '/contacts')).json()) as { items: ContactView[] }).items;
    const daughter = await sessionOf(list.find((p) => p.name === 'Marieke de Vries')!.id, johanna.clientId);
    for (const [path, init] of [
      ['/contacts', {}],
      ['/contacts', { json: { ...marieke, email: 'x@example.nl' } }],
      [`/contacts/${list[0]!.id}`, { method: 'DELETE' }],
    ] as const) {
      const response = await call(daughter, path, init);
      expect(response.status).toBe(403);
    }
  });
});

describe('one account, several clients', () => {
  it('lists the clients of an account and switches the session to another', async () => {
    const kees = await signedInClient(database.db, tenant, { mobile: '+31633334444' });
    const both = await addConfirmed(johanna, { ...marieke, name: 'Els Visser', email: 'els@example.nl', relationship: 'neighbour' });
    const second = await addConfirmed(kees, {
      ...marieke,
      name: 'Els Visser',
      email: 'ELS@example.nl',
      relationship: 'informal-carer',
      rights: { agenda: true },
    });
    expect(second.id).toBe(both.id);
    const els = await sessionOf(both.id, johanna.clientId);

    const list = (await (await call(els, '/clients')).json()) as {
      items: { id: string; relationshipLabel: string }[];
      currentClientId: string;
    };
    expect(list.currentClientId).toBe(johanna.clientId);
    expect(list.items.map((c) => c.id).sort()).toEqual([johanna.clientId, kees.clientId].sort());
    expect(list.items.find((c) => c.id === kees.clientId)!.relationshipLabel).toBe('mantelzorger');

    const switched = await call(els, '/clients/current', { method: 'PUT', json: { clientId: kees.clientId } });
    expect(switched.status).toBe(200);
    expect(((await (await call(els, '/auth/session')).json()) as { clientId: string }).clientId).toBe(kees.clientId);

    const foreign = await call(els, '/clients/current', {
      method: 'PUT',
      json: { clientId: (await signedInClient(database.db, tenant)).clientId },
    });
    expect(foreign.status).toBe(404);
    expect((await call(els, '/clients/current', { method: 'PUT', json: { clientId: 'nope' } })).status).toBe(404);
    expect((await call(els, '/clients/current', { method: 'PUT', json: {} })).status).toBe(400);
    // What the refusal audits is no text of the asker's: a lone surrogate once made the audit row fail (500).
    const odd = await call(els, '/clients/current', { method: 'PUT', json: { clientId: 'x\ud800y' } });
    expect(odd.status).toBe(404);
  });
});
