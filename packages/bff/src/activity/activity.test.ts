import type { Hono } from 'hono';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authTestApp, lastCode } from '../auth/auth-test-kit.js';
import { createSession, sessionCookieName } from '../auth/session.js';
import { ecdCaller } from '../integration/integration-test-kit.js';
import { createIntegrationKey } from '../integration/keys.js';
import { databaseUnderTest } from '../testing/database-under-test.js';
import { createClientWithAccount, createTenant } from '../testing/fixtures.js';
import { clientRequest, signedInClient } from '../testing/signed-in.js';
import type { TestDatabase } from '../testing/test-database.js';
import type { TenantRecord } from '../tenants/queries.js';
import type { ActivityView } from './queries.js';

let database: TestDatabase;
let test: ReturnType<typeof authTestApp>;
let tenant: TenantRecord;
let pushToEcdApi: ReturnType<typeof ecdCaller>;
let phone = 0;

beforeAll(async () => {
  database = await databaseUnderTest();
  tenant = await createTenant(database.db);
  test = authTestApp(database);
  pushToEcdApi = ecdCaller(test.app as never as Hono<never>, tenant, await createIntegrationKey(database.db, tenant.id));
});
afterAll(async () => {
  await database?.close();
});

type Activity = ActivityView & { displayName: string };

/** A client who signs in through the real password + SMS code steps; returns the session token. */
async function clientWhoSignsIn() {
  const mobile = `+3161${String(1_000_000 + phone++).padStart(7, '0')}`;
  const person = await createClientWithAccount(database.db, tenant, { mobile, secondFactor: 'sms' });
  const ecdId = `C-${person.clientId}`;
  await database.db.updateTable('clients').set({ ecd_id: ecdId }).where('id', '=', person.clientId).execute();
  const signIn = async () => {
    const browser = test.browser(tenant);
    expect((await browser.post('/login', { username: person.username, password: person.password })).status).toBe(200);
    expect((await browser.post('/code/verify', { code: lastCode(test.delivered, mobile).code })).status).toBe(200);
    return browser.cookies.get(sessionCookieName(tenant.slug))!;
  };
  return { ...person, ecdId, signIn };
}

async function ecdIdOf(clientId: string) {
  const ecdId = `C-${clientId}`;
  await database.db.updateTable('clients').set({ ecd_id: ecdId }).where('id', '=', clientId).execute();
  return ecdId;
}

async function activity(token: string | undefined) {
  const response = await clientRequest(test.app, { tenant, token }, '/activity');
  return { status: response.status, body: (await response.json()) as Activity };
}

describe('GET /activity', () => {
  it('has no previous visit on the first sign-in ever, and nothing counted as new', async () => {
    const client = await clientWhoSignsIn();
    await pushToEcdApi('POST', '/messages', {
      items: [{ ecdId: `B-first-${client.clientId}`, clientEcdId: client.ecdId, senderName: 'Zr. Jansen', body: 'Welkom.' }],
    });
    const { status, body } = await activity(await client.signIn());
    expect(status).toBe(200);
    expect(body).toMatchObject({
      displayName: `Test ${client.username}`,
      previousVisit: null,
      since: null,
      plansAwaitingDecision: 0,
      nextAppointment: null,
    });
  });

  it('counts what came in after the start of the previous session, not of this one', async () => {
    const client = await clientWhoSignsIn();
    const first = await client.signIn();
    const firstStarted = await database.db
      .selectFrom('accounts')
      .select('last_login_at')
      .where('id', '=', client.accountId)
      .executeTakeFirstOrThrow();
    // The client writes a message of their own in the first session: not "new" for them.
    expect(
      (
        await clientRequest(test.app, { tenant, token: first }, '/messages', {
          json: { body: 'Hoe laat komt u?' },
          headers: { 'idempotency-key': crypto.randomUUID() },
        })
      ).status,
    ).toBeLessThan(300);
    const reply = await pushToEcdApi('POST', '/messages', {
      items: [{ ecdId: `B-${client.clientId}`, clientEcdId: client.ecdId, senderName: 'Zr. Jansen', body: 'Morgen om tien uur.' }],
    });
    expect(reply.status).toBe(200);
    await database.db
      .insertInto('appointments')
      .values([
        // Began before the previous visit: not counted. Began after it: counted as held.
        {
          tenant_id: tenant.id,
          client_id: client.clientId,
          starts_at: new Date(Date.now() - 3_600_000),
          ends_at: new Date(Date.now() - 3_000_000),
          title: 'Wondzorg',
          source: 'care_team',
        },
        {
          tenant_id: tenant.id,
          client_id: client.clientId,
          starts_at: new Date(firstStarted.last_login_at!.getTime() + 1),
          ends_at: new Date(Date.now() + 60_000),
          title: 'Douchen',
          source: 'care_team',
        },
        {
          tenant_id: tenant.id,
          client_id: client.clientId,
          starts_at: new Date(Date.now() + 86_400_000),
          ends_at: new Date(Date.now() + 90_000_000),
          title: 'Huisbezoek',
          location: 'Thuis',
          source: 'care_team',
        },
      ])
      .execute();

    const second = await client.signIn();
    const { body } = await activity(second);
    expect(body.previousVisit).toBe(firstStarted.last_login_at!.toISOString());
    expect(body.since).toEqual({ reports: 0, messages: 1, appointmentsHeld: 1, measurements: 0 });
    expect(body.nextAppointment).toMatchObject({ title: 'Huisbezoek', location: 'Thuis' });

    // A third sign-in counts from the second: the reply is no longer new there.
    const third = await client.signIn();
    expect((await activity(third)).body.since).toEqual({ reports: 0, messages: 0, appointmentsHeld: 0, measurements: 0 });
    // The second session still counts from the first.
    expect((await activity(second)).body.since?.messages).toBe(1);
  });

  it("never counts another client's data, and audits the read in the same statement", async () => {
    const client = await clientWhoSignsIn();
    await client.signIn();
    const other = await clientWhoSignsIn();
    await pushToEcdApi('POST', '/messages', {
      items: [{ ecdId: `B-other-${other.clientId}`, clientEcdId: other.ecdId, senderName: 'Zr. Jansen', body: 'Voor een ander.' }],
    });
    await database.db
      .insertInto('reports')
      .values({
        tenant_id: tenant.id,
        client_id: other.clientId,
        written_at: new Date(),
        author_name: 'Zr. Jansen',
        author_kind: 'staff',
        text: 'Ander dossier.',
      })
      .execute();
    const token = await client.signIn();
    const { body } = await activity(token);
    expect(body.since).toEqual({ reports: 0, messages: 0, appointmentsHeld: 0, measurements: 0 });
    const audited = await sql<{
      n: string;
    }>`select count(*) as n from audit_log where client_id = ${client.clientId} and action = 'activity.view'`.execute(database.db);
    expect(Number(audited.rows[0]!.n)).toBe(1);
  });

  it('counts for a contact person only the areas they have a right to, and leaves the others out', async () => {
    const client = await signedInClient(database.db, tenant);
    const relative = await createClientWithAccount(database.db, tenant);
    await database.db
      .insertInto('account_clients')
      .values({
        tenant_id: tenant.id,
        account_id: relative.accountId,
        client_id: client.clientId,
        relation: 'contact',
        relationship: 'daughter',
        rights: { messages: true },
      })
      .execute();
    const { token, id } = await createSession(database.db, {
      tenant,
      accountId: relative.accountId,
      clientId: client.clientId,
      state: 'active',
      ip: null,
      userAgent: null,
    });
    await database.db
      .updateTable('sessions')
      .set({ previous_visit_at: new Date(Date.now() - 3_600_000) })
      .where('id', '=', id)
      .execute();
    await database.db
      .insertInto('reports')
      .values({
        tenant_id: tenant.id,
        client_id: client.clientId,
        written_at: new Date(),
        author_name: 'Zr. Jansen',
        author_kind: 'staff',
        text: 'Goed geslapen.',
      })
      .execute();
    await database.db
      .insertInto('appointments')
      .values({
        tenant_id: tenant.id,
        client_id: client.clientId,
        starts_at: new Date(Date.now() + 86_400_000),
        ends_at: new Date(Date.now() + 90_000_000),
        title: 'Huisbezoek',
        source: 'care_team',
      })
      .execute();
    await pushToEcdApi('POST', '/messages', {
      items: [
        { ecdId: `B-contact-${client.clientId}`, clientEcdId: await ecdIdOf(client.clientId), senderName: 'Zr. Jansen', body: 'Hallo.' },
      ],
    });
    const { status, body } = await activity(token);
    expect(status).toBe(200);
    expect(body.since).toEqual({ reports: null, messages: 1, appointmentsHeld: null, measurements: null });
    expect('nextAppointment' in body).toBe(false);
    // The client sees everything.
    expect((await activity(client.token)).body.nextAppointment).toMatchObject({ title: 'Huisbezoek' });
  });

  it('answers 401 when signed out', async () => {
    expect((await activity(undefined)).status).toBe(401);
    const signedIn = await signedInClient(database.db, tenant);
    expect((await activity(signedIn.token)).status).toBe(200);
  });
});
