import { randomUUID } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ecdCaller } from '../integration/integration-test-kit.js';
import { createIntegrationKey } from '../integration/keys.js';
import { operationFor } from '../testing/contract-check.js';
import { databaseUnderTest } from '../testing/database-under-test.js';
import { createTenant } from '../testing/fixtures.js';
import { caller, signedInClient, type ClientRequestInit, type SignedInClient } from '../testing/signed-in.js';
import { createTestApp } from '../testing/test-app.js';
import type { TestDatabase } from '../testing/test-database.js';
import type { TenantRecord } from './queries.js';
import { widgetNames, type DataWidget } from './settings.js';

/**
 * A tenant's `enabledWidgets`: a widget the organisation does not offer has no data. Every route
 * of it answers `404 widget-disabled` before the session is looked at (nothing read, nothing
 * audited), the overviews that span widgets leave it out, and the ECD's pushes still land.
 */
const id = randomUUID();
const json = (body: unknown): ClientRequestInit => ({ json: body, headers: { 'idempotency-key': randomUUID() } });

/** Every route of every widget a tenant can switch off, its downloads and event streams included. */
const routes: [DataWidget, string, string, ClientRequestInit?][] = [
  ['reports', 'GET', '/reports'],
  ['reports', 'GET', '/reports/latest'],
  ['reports', 'POST', '/reports', json({ text: 'Moeder sliep goed.' })],
  ['reports', 'GET', '/reports.pdf'],
  ['measurements', 'GET', '/measurements/types'],
  ['measurements', 'GET', '/measurements/recent'],
  ['measurements', 'GET', '/measurements'],
  ['measurements', 'POST', '/measurements', json({ type: 'gewicht', values: { value: 70 } })],
  ['measurements', 'DELETE', `/measurements/${id}`],
  ['agenda', 'GET', '/appointments/upcoming'],
  ['agenda', 'GET', '/appointments'],
  ['agenda', 'GET', '/appointments.ics'],
  ['agenda', 'GET', `/appointments/${id}.ics`],
  ['agenda', 'POST', '/appointments', json({ title: 'Kapper' })],
  ['agenda', 'DELETE', `/appointments/${id}`],
  ['messages', 'GET', '/messages'],
  ['messages', 'GET', '/messages/unread-count'],
  ['messages', 'POST', '/messages', json({ body: 'Hallo' })],
  ['messages', 'GET', '/messages/stream'],
  ['plan', 'GET', '/plans'],
  ['plan', 'GET', `/plans/${id}/pdf`],
  ['plan', 'POST', `/plans/${id}/decision`, json({ decision: 'sign' })],
  ['profile', 'GET', '/profile'],
  ['profile', 'GET', '/profile/account'],
  ['profile', 'POST', '/profile/email', json({ email: 'a@example.nl', currentPassword: 'x' })],
  ['access-log', 'GET', '/access-log'],
  ['access-log', 'GET', '/access-log.csv'],
  ['access-log', 'GET', '/access-log.pdf'],
  ['activity', 'GET', '/activity'],
  ['contacts', 'GET', '/contacts'],
  ['contacts', 'POST', '/contacts', json({})],
  ['board', 'GET', '/board'],
  ['board', 'GET', '/board/unread-count'],
  ['board', 'POST', '/board/posts', json({ text: 'Hallo' })],
  ['board', 'GET', `/board/photos/${id}/thumbnail`],
  ['board', 'GET', '/board/stream'],
];

/** The sentence a widget shows, as the client reads it. */
const named: Record<DataWidget, string> = {
  reports: 'de rapportages',
  measurements: 'de metingen',
  agenda: 'de agenda',
  messages: 'de berichten',
  plan: 'het cliëntplan',
  profile: 'de persoonlijke gegevens',
  contacts: 'de contactpersonen',
  'access-log': 'het inzageoverzicht',
  activity: 'het overzicht "Sinds uw vorige bezoek"',
  board: 'het prikbord',
};

let database: TestDatabase;
let test: ReturnType<typeof createTestApp>;
let call: ReturnType<typeof caller>;
/** Offers only the login. */
let loginOnly: TenantRecord;
let client: SignedInClient;
const scratch = mkdtempSync(join(tmpdir(), 'enabled-widgets-test-'));

beforeAll(async () => {
  database = await databaseUnderTest();
  test = createTestApp(database);
  call = caller(test.app);
  loginOnly = await createTenant(database.db, { enabledWidgets: ['login'] });
  client = await signedInClient(database.db, loginOnly);
});
afterAll(async () => {
  rmSync(scratch, { recursive: true, force: true });
  await database?.close();
});

async function answer(who: { tenant: TenantRecord; token?: string }, method: string, path: string, init: ClientRequestInit = {}) {
  const response = await call(who, path, { ...init, method });
  const type = response.headers.get('content-type') ?? '';
  const body = type.includes('json') ? ((await response.json()) as { code?: string; detail?: string; widget?: string }) : undefined;
  if (!body) await response.body?.cancel();
  return { ...body, status: response.status, contentType: type };
}

async function auditRowsOf(clientId: string) {
  return database.db.selectFrom('audit_log').select(['action', 'outcome']).where('client_id', '=', clientId).execute();
}

async function sessionLastSeen(sessionId: string) {
  const row = await database.db.selectFrom('sessions').selectAll().where('id', '=', sessionId).executeTakeFirstOrThrow();
  return JSON.stringify(row);
}

describe('a widget the tenant does not offer', () => {
  it.each(routes)(
    '%s: %s %s answers 404 widget-disabled, in Dutch, before anything is read or audited',
    async (widget, method, path, init) => {
      const before = { audit: await auditRowsOf(client.clientId), session: await sessionLastSeen(client.sessionId) };
      const signedIn = await answer(client, method, path, init);
      expect(signedIn).toMatchObject({
        status: 404,
        contentType: expect.stringContaining('application/problem+json'),
        code: 'widget-disabled',
        widget,
        detail: `${loginOnly.name} biedt ${named[widget]} niet aan in het cliëntportaal.`,
      });
      // Not even the session was looked at: no idle timeout restarted, no read or refusal logged.
      expect(await auditRowsOf(client.clientId)).toEqual(before.audit);
      expect(await sessionLastSeen(client.sessionId)).toBe(before.session);
      // Signed out the same answer, not a login prompt: a widget on the page shows why it is empty.
      expect(await answer({ tenant: loginOnly }, method, path, init)).toMatchObject({ status: 404, code: 'widget-disabled' });
      expect(operationFor(method, `/api/tenants/${loginOnly.slug}${path.split('?')[0]}`)?.responses['404']?.description).toMatch(
        /widget-disabled/,
      );
    },
  );

  it('leaves the widgets the tenant offers, the login and the public settings as they were', async () => {
    const noBoard = await createTenant(database.db, { enabledWidgets: widgetNames.filter((name) => name !== 'board') });
    const person = await signedInClient(database.db, noBoard);
    expect((await answer(person, 'GET', '/reports')).status).toBe(200);
    expect((await answer(person, 'GET', '/messages/unread-count')).status).toBe(200);
    expect(await answer(person, 'GET', '/board/unread-count')).toMatchObject({ status: 404, code: 'widget-disabled', widget: 'board' });
    expect((await answer(person, 'GET', '/auth/session')).status).toBe(200);
    const settings = await answer({ tenant: noBoard }, 'GET', '');
    expect(settings).toMatchObject({ status: 200, enabledWidgets: widgetNames.filter((name) => name !== 'board') });
  });

  it('is not counted in "Sinds uw vorige bezoek", nor its next appointment or plans to sign', async () => {
    const tenant = await createTenant(database.db, { enabledWidgets: ['login', 'activity', 'messages'] });
    const person = await signedInClient(database.db, tenant);
    await database.db
      .updateTable('sessions')
      .set({ previous_visit_at: new Date(Date.now() - 3_600_000) })
      .where('id', '=', person.sessionId)
      .execute();
    const scope = { tenant_id: tenant.id, client_id: person.clientId };
    await database.db
      .insertInto('reports')
      .values({ ...scope, written_at: new Date(), author_name: 'Zr. Jansen', author_kind: 'staff', text: 'Goed geslapen.' })
      .execute();
    await database.db
      .insertInto('messages')
      .values({ ...scope, sent_at: new Date(), sender_kind: 'staff', sender_name: 'Zr. Jansen', body: 'Tot morgen.' })
      .execute();
    await database.db
      .insertInto('appointments')
      .values({
        ...scope,
        starts_at: new Date(Date.now() + 86_400_000),
        ends_at: new Date(Date.now() + 90_000_000),
        title: 'Huisbezoek',
        source: 'care_team',
      })
      .execute();
    const overview = await answer(person, 'GET', '/activity');
    expect(overview).toMatchObject({
      status: 200,
      since: { reports: null, messages: 1, appointmentsHeld: null, measurements: null },
      plansAwaitingDecision: 0,
    });
    expect(overview).not.toHaveProperty('nextAppointment');
  });

  it('is left out of the dossier: not in its manifest, its LEESMIJ or its files', async () => {
    const offered = widgetNames.filter((name) => name !== 'agenda' && name !== 'access-log');
    const tenant = await createTenant(database.db, { enabledWidgets: offered });
    const person = await signedInClient(database.db, tenant);
    const scope = { tenant_id: tenant.id, client_id: person.clientId };
    await database.db
      .insertInto('reports')
      .values({ ...scope, written_at: new Date(), author_name: 'Zr. Jansen', author_kind: 'staff', text: 'Goed geslapen.' })
      .execute();
    await database.db
      .insertInto('appointments')
      .values({ ...scope, starts_at: new Date(), ends_at: new Date(Date.now() + 3_600_000), title: 'Huisbezoek', source: 'care_team' })
      .execute();
    const response = await call(person, '/dossier.zip');
    expect(response.status).toBe(200);
    const file = join(scratch, `${person.clientId}.zip`);
    writeFileSync(file, new Uint8Array(await response.arrayBuffer()));
    const names = execFileSync('unzip', ['-Z1', file], { encoding: 'utf8' }).trim().split('\n');
    const read = (name: string) => execFileSync('unzip', ['-p', file, name], { encoding: 'utf8' });
    const manifest = JSON.parse(read('dossier.json')) as { parts: string[]; counts: Record<string, number> };
    expect(manifest.parts).toEqual(['reports', 'measurements', 'messages', 'board', 'plans', 'profile', 'contacts']);
    expect(manifest.counts).not.toHaveProperty('appointments');
    expect(names.filter((name) => /^(afspraken|inzage-logboek)\./.test(name))).toEqual([]);
    expect(names).toContain('rapportages.pdf');
    expect(read('LEESMIJ.txt')).not.toMatch(/afspraken|inzage-logboek/);
    const logged = await database.db
      .selectFrom('audit_log')
      .select('details')
      .where('client_id', '=', person.clientId)
      .where('action', '=', 'dossier.download')
      .executeTakeFirstOrThrow();
    expect(logged.details).toMatchObject({ parts: manifest.parts });
  });

  it('still takes what the ECD pushes: the ECD does not know which widgets the portal shows', async () => {
    const ecdId = `C-${client.clientId}`;
    await database.db.updateTable('clients').set({ ecd_id: ecdId }).where('id', '=', client.clientId).execute();
    const push = ecdCaller(test.app as never as Hono<never>, loginOnly, await createIntegrationKey(database.db, loginOnly.id));
    const pushed = await push('POST', '/messages', {
      items: [{ ecdId: `B-${client.clientId}`, clientEcdId: ecdId, senderName: 'Zr. Jansen', body: 'Welkom.' }],
    });
    expect(pushed.status).toBe(200);
    const stored = await database.db.selectFrom('messages').select('body').where('client_id', '=', client.clientId).execute();
    expect(stored).toEqual([{ body: 'Welkom.' }]);
    // Kept for the day the organisation offers the widget; until then the portal does not show it.
    expect((await answer(client, 'GET', '/messages')).code).toBe('widget-disabled');
  });
});
