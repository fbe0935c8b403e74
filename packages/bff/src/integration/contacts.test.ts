import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession } from '../auth/session.js';
import { contactsOf } from '../contacts/queries.js';
import { noRights } from '../contacts/rights.js';
import { databaseUnderTest } from '../testing/database-under-test.js';
import { createClientWithAccount, createTenant, type ClientWithAccount } from '../testing/fixtures.js';
import { caller } from '../testing/signed-in.js';
import { createTestApp } from '../testing/test-app.js';
import type { TestDatabase } from '../testing/test-database.js';
import type { TenantRecord } from '../tenants/queries.js';
import { clearTenantCache } from '../tenants/tenant-context.js';
import type { BatchSummary } from './batch.js';
import { ecdCaller, feedReader } from './integration-test-kit.js';
import { createIntegrationKey } from './keys.js';

let database: TestDatabase;
let testApp: ReturnType<typeof createTestApp>;
let tenant: TenantRecord;
let call: ReturnType<typeof ecdCaller>;
let client: ClientWithAccount;

beforeAll(async () => {
  database = await databaseUnderTest();
  tenant = await createTenant(database.db, { allowedOrigins: ['https://www.zorg.example'] });
  clearTenantCache();
  testApp = createTestApp(database);
  call = ecdCaller(testApp.app as never as Hono<never>, tenant, await createIntegrationKey(database.db, tenant.id));
  client = await createClientWithAccount(database.db, tenant);
  await database.db.updateTable('clients').set({ ecd_id: 'C-1' }).where('id', '=', client.clientId).execute();
});
afterAll(async () => {
  await database?.close();
});

const mentor = {
  ecdId: 'R-1',
  clientEcdId: 'C-1',
  name: 'Mr. P. Jansen',
  email: 'p.jansen@mentorschap.example',
  mobilePhone: '+31655556666',
  relationship: 'mentor',
  rights: { reports: true, plan: true, profile: true },
  legalRepresentative: true,
};

const push = async (items: unknown[]) => {
  const response = await call('POST', '/contacts', { items });
  expect(response.status).toBe(200);
  return (await response.json()) as BatchSummary;
};
const scope = () => ({ tenantId: tenant.id, clientId: client.clientId });

describe('contact persons from the ECD', () => {
  it('creates a locked legal representative with an invitation, once; a second push changes nothing', async () => {
    const first = await push([mentor]);
    expect(first.results[0]).toMatchObject({ status: 'created', ecdId: 'R-1' });
    const [stored] = await contactsOf(database.db, scope());
    expect(stored).toMatchObject({
      name: 'Mr. P. Jansen',
      relationship: 'mentor',
      rights: { ...noRights, reports: true, plan: true, profile: true },
      locked: true,
      legalRepresentative: true,
      status: 'invited',
    });
    await testApp.settleOutbox();
    const invitations = testApp.delivered.filter((m) => m.recipient === mentor.email);
    expect(invitations).toHaveLength(1);
    expect(invitations[0]!.body).toMatch(/activate=/);

    const again = await push([mentor]);
    expect(again.results[0]).toMatchObject({ status: 'unchanged', id: stored!.id });
    const changed = await call('PUT', '/contacts/R-1', { ...mentor, rights: { reports: true } });
    expect(changed.status).toBe(200);
    expect(await changed.json()).toMatchObject({ status: 'updated' });
    expect((await contactsOf(database.db, scope()))[0]!.rights).toEqual({ ...noRights, reports: true });
    await testApp.settleOutbox();
    expect(testApp.delivered.filter((m) => m.recipient === mentor.email)).toHaveLength(1);
  });

  it('reports every bad field by name', async () => {
    const summary = await push([
      { ...mentor, ecdId: 'R-2', clientEcdId: 'C-unknown' },
      { ...mentor, ecdId: 'R-3', relationship: 'buurjongen' },
      { ...mentor, ecdId: 'R-4', rights: { admin: true } },
      { ...mentor, ecdId: 'R-5', mobilePhone: undefined },
      { ...mentor, ecdId: 'R-6', email: 'nope' },
    ]);
    expect(summary.results.map((r) => [r.status, r.errors?.[0]?.field])).toEqual([
      ['invalid', 'clientEcdId'],
      ['invalid', 'relationship'],
      ['invalid', 'rights.admin'],
      ['invalid', 'mobilePhone'],
      ['invalid', 'email'],
    ]);
  });

  it('does not echo its own pushes in the changes feed, and removes a person idempotently, ending their sessions', async () => {
    const { readCount } = feedReader((method, path) => call(method, path));
    // A change of the client's own after the pushes: had the pushes been echoed, they would come before it.
    await database.db
      .insertInto('reports')
      .values({
        tenant_id: tenant.id,
        client_id: client.clientId,
        written_at: new Date(),
        author_name: 'Test',
        author_kind: 'client',
        text: 'Na de pushes',
      })
      .execute();
    const { items } = await readCount('', 1);
    expect(items.map((change) => change.kind)).toEqual(['report.created']);

    const [stored] = await contactsOf(database.db, scope());
    await database.db.updateTable('accounts').set({ status: 'active' }).where('id', '=', stored!.id).execute();
    const session = await createSession(database.db, {
      tenant,
      accountId: stored!.id,
      clientId: client.clientId,
      state: 'active',
      ip: null,
      userAgent: null,
    });
    const portal = caller(testApp.app);
    expect(((await (await portal({ tenant, token: session.token }, '/auth/session')).json()) as { state: string }).state).toBe('active');

    const removed = await call('DELETE', '/contacts/R-1');
    expect(await removed.json()).toEqual({ ecdId: 'R-1', status: 'removed' });
    expect(await (await call('DELETE', '/contacts/R-1')).json()).toEqual({ ecdId: 'R-1', status: 'absent' });
    expect(await contactsOf(database.db, scope())).toEqual([]);
    expect(((await (await portal({ tenant, token: session.token }, '/auth/session')).json()) as { state: string }).state).toBe(
      'signed-out',
    );
    const audited = await database.db
      .selectFrom('audit_log')
      .select(['actor_kind', 'client_id'])
      .where('action', '=', 'integration.contacts.remove')
      .execute();
    expect(audited).toEqual([{ actor_kind: 'integration', client_id: client.clientId }]);
  });

  it('sends a new invitation when the ECD changes the address of a person who has not activated yet; the old link stops working', async () => {
    const guardian = { ...mentor, ecdId: 'R-8', name: 'H. de Boer', email: 'h.deboer@oud.example', mobilePhone: '+31655557777' };
    const linkOf = (recipient: string) => {
      const mails = testApp.delivered.filter((m) => m.recipient === recipient);
      return { count: mails.length, token: /activate=([\w-]+)/.exec(mails.at(-1)?.body ?? '')?.[1] };
    };
    const portal = caller(testApp.app);
    const stateOf = async (token: string | undefined) =>
      ((await (await portal({ tenant }, '/auth/links/check', { json: { link: 'activate', token } })).json()) as { state: string }).state;

    expect((await push([guardian])).results[0]).toMatchObject({ status: 'created' });
    await testApp.settleOutbox();
    const old = linkOf('h.deboer@oud.example');
    expect(old.count).toBe(1);
    expect(await stateOf(old.token)).toBe('valid');

    const moved = await call('PUT', '/contacts/R-8', { ...guardian, email: 'H.deBoer@nieuw.example' });
    expect(await moved.json()).toMatchObject({ status: 'updated' });
    await testApp.settleOutbox();
    const fresh = linkOf('H.deBoer@nieuw.example');
    expect(fresh.count).toBe(1);
    expect(fresh.token).not.toBe(old.token);
    expect(await stateOf(fresh.token)).toBe('valid');
    expect(await stateOf(old.token)).toBe('replaced');
    expect(linkOf('h.deboer@oud.example').count).toBe(1);

    // The same address again is no new address: no third e-mail.
    expect((await push([{ ...guardian, email: 'H.deBoer@nieuw.example' }])).results[0]).toMatchObject({ status: 'unchanged' });
    await testApp.settleOutbox();
    expect(linkOf('H.deBoer@nieuw.example').count).toBe(1);
    expect(await stateOf(fresh.token)).toBe('valid');
  });

  it('takes over a person the client added, and refuses the client’s own account as a contact', async () => {
    const own = await database.db.selectFrom('accounts').select('email').where('id', '=', client.accountId).executeTakeFirstOrThrow();
    const self = await push([{ ...mentor, ecdId: 'R-7', email: own.email }]);
    expect(self.results[0]).toMatchObject({ status: 'invalid', errors: [{ field: 'email' }] });
  });
});
