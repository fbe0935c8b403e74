import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession } from '../auth/session.js';
import { databaseUnderTest } from '../testing/database-under-test.js';
import { createTenant } from '../testing/fixtures.js';
import { caller, signedInClient, type ClientRequestInit, type SignedInClient } from '../testing/signed-in.js';
import { createTestApp } from '../testing/test-app.js';
import type { TestDatabase } from '../testing/test-database.js';
import type { TenantRecord } from '../tenants/queries.js';
import { clearTenantCache } from '../tenants/tenant-context.js';
import { addContact } from './queries.js';
import { allRights, noRights, rightAreas, type RightArea, type Rights } from './rights.js';

/**
 * Every widget route × every right: a contact person with exactly one right reaches the routes of
 * that area and gets `403 no-right` on every other; routes only the client may use refuse every
 * contact person; signing the plan and downloading the whole dossier need a legal representative.
 */
type Need = RightArea | 'client-only' | 'plan-decision' | 'legal-representative';

const id = randomUUID();
const json = (body: unknown, extra: ClientRequestInit = {}): ClientRequestInit => ({ json: body, ...extra });
const key = () => ({ headers: { 'idempotency-key': randomUUID() } });

const routes: [Need, string, string, ClientRequestInit?][] = [
  ['reports', 'GET', '/reports'],
  ['reports', 'GET', '/reports/latest'],
  ['reports', 'POST', '/reports', json({ text: 'Moeder sliep goed.' }, key())],
  ['reports', 'GET', '/reports.pdf'],
  ['measurements', 'GET', '/measurements/types'],
  ['measurements', 'GET', '/measurements/recent'],
  ['measurements', 'GET', '/measurements'],
  ['measurements', 'POST', '/measurements', json({ type: 'gewicht', values: { value: 70 } }, key())],
  ['measurements', 'DELETE', `/measurements/${id}`],
  ['agenda', 'GET', '/appointments/upcoming'],
  ['agenda', 'GET', '/appointments'],
  ['agenda', 'GET', '/appointments.ics'],
  ['agenda', 'GET', `/appointments/${id}.ics`],
  ['agenda', 'POST', '/appointments', json({ title: 'Kapper' }, key())],
  ['agenda', 'PUT', `/appointments/${id}`, json({ title: 'Kapper' })],
  ['agenda', 'DELETE', `/appointments/${id}`],
  ['messages', 'GET', '/messages'],
  ['messages', 'GET', '/messages/unread-count'],
  ['messages', 'POST', '/messages', json({ body: 'Hallo' }, key())],
  ['messages', 'POST', '/messages/read', json({ upTo: 'all' })],
  ['messages', 'GET', '/messages/stream'],
  ['plan', 'GET', '/plans'],
  ['plan', 'GET', `/plans/${id}/pdf`],
  ['plan-decision', 'POST', `/plans/${id}/decision`, json({ decision: 'sign' })],
  ['plan-decision', 'POST', `/plans/${id}/decision/confirm`, json({ challengeId: id, code: '123456' })],
  ['profile', 'GET', '/profile'],
  ['client-only', 'POST', '/profile/mobile', json({ mobile: '0612345678', currentPassword: 'x' })],
  ['client-only', 'POST', '/profile/mobile/verify', json({ challengeId: id, code: '123456' })],
  ['client-only', 'POST', '/profile/mobile/confirm', json({ challengeId: id, code: '123456' })],
  ['client-only', 'POST', '/profile/email', json({ email: 'a@example.nl', currentPassword: 'x' })],
  ['client-only', 'POST', '/profile/email/verify', json({ challengeId: id, code: '123456' })],
  ['accessLog', 'GET', '/access-log'],
  ['accessLog', 'GET', '/access-log.csv'],
  ['accessLog', 'GET', '/access-log.pdf'],
  ['client-only', 'GET', '/contacts'],
  ['client-only', 'POST', '/contacts', json({})],
  ['client-only', 'POST', '/contacts/confirm', json({})],
  ['client-only', 'PUT', `/contacts/${id}`, json({})],
  ['client-only', 'PUT', `/contacts/${id}/confirm`, json({})],
  ['client-only', 'DELETE', `/contacts/${id}`],
  ['board', 'GET', '/board'],
  ['board', 'GET', '/board/unread-count'],
  ['board', 'POST', '/board/read', { method: 'POST' }],
  ['board', 'POST', '/board/posts', json({ text: 'Hallo' }, key())],
  ['board', 'POST', `/board/posts/${id}/replies`, json({ text: 'Hoi' }, key())],
  ['board', 'DELETE', `/board/posts/${id}`],
  ['board', 'DELETE', `/board/replies/${id}`],
  ['board', 'POST', '/board/photos', { body: new Uint8Array([0xff, 0xd8, 0xff]), ...key() }],
  ['board', 'GET', `/board/photos/${id}/thumbnail`],
  ['board', 'DELETE', `/board/photos/${id}`],
  ['board', 'GET', '/board/stream'],
  ['client-only', 'POST', `/contacts/${id}/invitation`, json({})],
  ['legal-representative', 'GET', '/dossier.zip'],
];

let database: TestDatabase;
let tenant: TenantRecord;
let call: ReturnType<typeof caller>;
let client: SignedInClient;
type Who = { tenant: TenantRecord; token: string };
const withOneRight = new Map<RightArea, Who>();
let withNoRight: Who;
let representative: Who;
let planReaderOnly: Who;

async function contactSession(name: string, rights: Rights, legalRepresentative = false): Promise<Who> {
  const added = await addContact(
    database.db,
    { tenantId: tenant.id, clientId: client.clientId },
    {
      name,
      email: `${name.toLowerCase().replace(/\W+/g, '.')}@example.nl`,
      mobile: '+31687654321',
      relationship: 'daughter',
      rights,
      invitedByAccountId: client.accountId,
    },
  );
  if (added.outcome !== 'added') throw new Error(`${name} not added`);
  await database.db.updateTable('accounts').set({ status: 'active' }).where('id', '=', added.accountId).execute();
  if (legalRepresentative) {
    await database.db
      .updateTable('account_clients')
      .set({ locked: true, legal_representative: true })
      .where('account_id', '=', added.accountId)
      .execute();
  }
  const { token } = await createSession(database.db, {
    tenant,
    accountId: added.accountId,
    clientId: client.clientId,
    state: 'active',
    ip: null,
    userAgent: null,
  });
  return { tenant, token };
}

beforeAll(async () => {
  database = await databaseUnderTest();
  tenant = await createTenant(database.db, { agenda: { indicativeTimeNotice: null, clientMayAddAppointments: true } });
  clearTenantCache();
  call = caller(createTestApp(database).app);
  client = await signedInClient(database.db, tenant);
  await database.db
    .updateTable('clients')
    .set({ first_name: 'Johanna', last_name_prefix: 'de', last_name: 'Vries' })
    .where('id', '=', client.clientId)
    .execute();
  for (const area of rightAreas) withOneRight.set(area, await contactSession(`Alleen ${area}`, { ...noRights, [area]: true }));
  withNoRight = await contactSession('Geen rechten', noRights);
  representative = await contactSession('Mentor', allRights, true);
  planReaderOnly = await contactSession('Leest plan', { ...noRights, plan: true });
});
afterAll(async () => {
  await database?.close();
});

async function request(who: Who | SignedInClient, method: string, path: string, init: ClientRequestInit = {}) {
  const response = await call(who, path, { ...init, method });
  const type = response.headers.get('content-type') ?? '';
  const body = type.includes('json') ? ((await response.json()) as { code?: string; detail?: string; area?: string }) : undefined;
  if (!body) await response.body?.cancel();
  return { status: response.status, code: body?.code, detail: body?.detail, area: body?.area, type };
}

describe.each(routes)('%s: %s %s', (need, method, path, init) => {
  it('is refused with 403 no-right for every contact person without the right, and served to those with it', async () => {
    for (const area of rightAreas) {
      const answer = await request(withOneRight.get(area)!, method, path, init);
      const allowed = need === area;
      if (allowed) {
        expect(answer.status, `${area} on ${method} ${path}`).not.toBe(403);
      } else {
        expect(answer.status, `${area} on ${method} ${path}`).toBe(403);
        expect(answer.type).toContain('application/problem+json');
        if (need === 'legal-representative') expect(answer.code).toBe('client-only');
        else if (need !== 'client-only') {
          expect(answer.code).toBe('no-right');
          expect(answer.detail).toMatch(/^U heeft geen toegang tot .+ van Johanna de Vries\.$|wettelijk vertegenwoordiger/);
        }
      }
    }
    expect((await request(withNoRight, method, path, init)).status).toBe(403);
  });

  it('serves the client, and a legal representative everything but what only the client does', async () => {
    expect((await request(client, method, path, init)).status).not.toBe(403);
    const answer = await request(representative, method, path, init);
    if (need === 'client-only') expect(answer.status).toBe(403);
    else expect(answer.status).not.toBe(403);
    if (need === 'plan-decision') {
      const reader = await request(planReaderOnly, method, path, init);
      expect(reader.status).toBe(403);
      expect(reader.code).toBe('no-right');
    }
  });
});

describe('what the rights cost and what they leave behind', () => {
  it('names the area and the client in the refusal, for a widget that says it in English', async () => {
    const noRight = await call(withOneRight.get('reports')!, '/measurements/recent');
    expect(await noRight.json()).toMatchObject({
      code: 'no-right',
      area: 'measurements',
      clientName: 'Johanna de Vries',
      detail: 'U heeft geen toegang tot de metingen van Johanna de Vries.',
    });
    const clientOnly = await call(withOneRight.get('reports')!, '/contacts');
    expect(await clientOnly.json()).toMatchObject({
      code: 'client-only',
      clientName: 'Johanna de Vries',
      detail: 'Alleen Johanna de Vries zelf kan dit zien of wijzigen.',
    });
  });

  it('audits a refused access as the contact person on behalf of the client', async () => {
    await request(withOneRight.get('reports')!, 'GET', '/measurements');
    const row = await database.db
      .selectFrom('audit_log')
      .select(['outcome', 'client_id', 'on_behalf_of_client_id', 'action', 'details'])
      .where('outcome', '=', 'denied')
      .where('action', '=', 'access.denied')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ client_id: client.clientId, on_behalf_of_client_id: client.clientId, details: { area: 'measurements' } });
  });

  it('audits a served access as the contact person on behalf of the client', async () => {
    await request(withOneRight.get('reports')!, 'GET', '/reports/latest');
    const row = await database.db
      .selectFrom('audit_log')
      .select(['client_id', 'on_behalf_of_client_id'])
      .where('action', '=', 'reports.latest')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ client_id: client.clientId, on_behalf_of_client_id: client.clientId });
  });

  it('takes a changed right into account from the next request on', async () => {
    const who = withOneRight.get('agenda')!;
    expect((await request(who, 'GET', '/reports/latest')).status).toBe(403);
    await database.db
      .updateTable('account_clients')
      .set({ rights: { agenda: true, reports: true } })
      .where('client_id', '=', client.clientId)
      .where('relationship', '=', 'daughter')
      .where('account_id', 'in', database.db.selectFrom('accounts').select('id').where('display_name', '=', 'Alleen agenda'))
      .execute();
    expect((await request(who, 'GET', '/reports/latest')).status).toBe(200);
  });
});
