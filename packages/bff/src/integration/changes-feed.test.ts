import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hono } from 'hono';
import { databaseUnderTest } from '../testing/database-under-test.js';
import { createClientWithAccount, createTenant, type ClientWithAccount } from '../testing/fixtures.js';
import { createTestApp } from '../testing/test-app.js';
import type { TestDatabase } from '../testing/test-database.js';
import type { TenantRecord } from '../tenants/queries.js';
import { ecdCaller, feedReader } from './integration-test-kit.js';
import { createIntegrationKey } from './keys.js';

let database: TestDatabase;
let tenant: TenantRecord;
let other: TenantRecord;
let call: ReturnType<typeof ecdCaller>;
let alice: ClientWithAccount;
let typeId: string;

beforeAll(async () => {
  database = await databaseUnderTest();
  tenant = await createTenant(database.db);
  other = await createTenant(database.db);
  const { app } = createTestApp(database);
  call = ecdCaller(app as never as Hono<never>, tenant, await createIntegrationKey(database.db, tenant.id));
  alice = await createClientWithAccount(database.db, tenant);
  await database.db.updateTable('clients').set({ ecd_id: 'C-alice' }).where('id', '=', alice.clientId).execute();
  typeId = (
    await database.db
      .insertInto('measurement_types')
      .values({
        tenant_id: tenant.id,
        code: 'gewicht',
        label: 'Gewicht',
        unit: 'kg',
        decimals: 1,
        components: JSON.stringify([{ key: 'value', label: 'Gewicht', min: 20, max: 300 }]) as never,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
});
afterAll(async () => {
  await database?.close();
});

const { page, readCount } = feedReader((method, path) => call(method, path));

const clientReport = (text: string, db = database.db) =>
  db
    .insertInto('reports')
    .values({
      tenant_id: tenant.id,
      client_id: alice.clientId,
      written_at: new Date(),
      author_name: 'Alice',
      author_kind: 'client',
      author_account_id: alice.accountId,
      text,
    })
    .execute();

describe('the changes feed', () => {
  it('tells what the client did: reports, measurements, messages, plan decisions, profile and agenda changes', async () => {
    const start = (await page()).next;
    await clientReport('Vandaag goed geslapen.');
    await database.db
      .insertInto('reports')
      .values({
        tenant_id: tenant.id,
        client_id: alice.clientId,
        written_at: new Date(),
        author_name: 'Zr. Jansen',
        author_kind: 'staff',
        text: 'Niet voor de feed',
      })
      .execute();
    const measurement = await database.db
      .insertInto('measurements')
      .values({
        tenant_id: tenant.id,
        client_id: alice.clientId,
        type_id: typeId,
        measured_at: '2026-03-02T08:00:00+01:00',
        values: { value: 71.5 },
        source: 'client',
        author_name: 'Alice',
        author_account_id: alice.accountId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await database.db.updateTable('measurements').set({ deleted_at: new Date() }).where('id', '=', measurement.id).execute();
    await database.db
      .insertInto('messages')
      .values({
        tenant_id: tenant.id,
        client_id: alice.clientId,
        sender_kind: 'client',
        sender_account_id: alice.accountId,
        sender_name: 'Alice',
        body: 'Kan de zuster later komen?',
      })
      .execute();
    const pdf = Buffer.from('%PDF-1.7\n%%EOF\n');
    const sha256 = createHash('sha256').update(pdf).digest('hex');
    const plan = await database.db
      .insertInto('plan_documents')
      .values({
        tenant_id: tenant.id,
        client_id: alice.clientId,
        ecd_id: 'P-1',
        title: 'Zorgplan',
        version: '1',
        document_date: '2026-03-01',
        file_name: 'zorgplan.pdf',
        pdf,
        sha256,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await database.db
      .insertInto('plan_decisions')
      .values({
        tenant_id: tenant.id,
        plan_document_id: plan.id,
        client_id: alice.clientId,
        decision: 'rejected',
        reason: 'Douchen liever ’s avonds',
        account_id: alice.accountId,
        decided_by_name: 'Alice',
        document_sha256: sha256,
      })
      .execute();
    await database.db
      .updateTable('clients')
      .set({ mobile_phone: '+31687654321', updated_at: new Date() })
      .where('id', '=', alice.clientId)
      .execute();
    await database.db.updateTable('clients').set({ city: 'Elders' }).where('id', '=', alice.clientId).execute();
    await database.db
      .insertInto('appointments')
      .values({
        tenant_id: tenant.id,
        client_id: alice.clientId,
        starts_at: '2026-04-01T10:00:00+02:00',
        ends_at: '2026-04-01T11:00:00+02:00',
        title: 'Kapper',
        source: 'client',
        created_by_account_id: alice.accountId,
      })
      .execute();

    const { items } = await readCount(start, 7);
    expect(items.map((item) => item.kind)).toEqual([
      'report.created',
      'measurement.created',
      'measurement.deleted',
      'message.created',
      'plan.decided',
      'profile.changed',
      'appointment.created',
    ]);
    expect(items.every((item) => item.client.id === alice.clientId && item.client.ecdId === 'C-alice')).toBe(true);
    expect(items[0]!.data).toMatchObject({ text: 'Vandaag goed geslapen.', authorKind: 'client', writtenAt: expect.stringMatching(/Z$/) });
    expect(items[1]!.data).toMatchObject({ typeCode: 'gewicht', values: { value: 71.5 }, measuredAt: '2026-03-02T07:00:00.000Z' });
    expect(items[2]!.resourceId).toBe(measurement.id);
    expect(items[4]!.data).toMatchObject({
      planEcdId: 'P-1',
      decision: 'rejected',
      reason: 'Douchen liever ’s avonds',
      documentSha256: sha256,
      decidedAt: expect.any(String),
    });
    expect(items[5]!.data).toMatchObject({ mobilePhone: '+31687654321', previous: { mobilePhone: '+31612345678' } });
  });

  it('does not echo the ECD’s own writes', async () => {
    const start = (await page()).next;
    const response = await call('PUT', '/clients/C-alice', {
      ecdId: 'C-alice',
      firstName: 'Alice',
      lastName: 'Test',
      dateOfBirth: '1945-06-01',
      mobilePhone: '+31611111111',
    });
    expect(response.status).toBe(200);
    await clientReport('na de ECD');
    const { items } = await readCount(start, 1);
    expect(items.map((item) => item.kind)).toEqual(['report.created']);
  });

  it('pages in order with none skipped or repeated, and an empty page keeps the cursor', async () => {
    const start = (await page()).next;
    for (let i = 0; i < 25; i++) await clientReport(`Rapport ${i}`);
    const { items, cursor } = await readCount(start, 25, 10);
    // Once handed out, a change stays visible: the same pages come again from the same cursors.
    const first = await page(start, 10);
    expect(first).toMatchObject({ more: true, next: items[9]!.cursor });
    expect(first.items).toEqual(items.slice(0, 10));
    expect(items.map((item) => item.data['text'])).toEqual(Array.from({ length: 25 }, (_, i) => `Rapport ${i}`));
    expect(new Set(items.map((item) => item.cursor)).size).toBe(25);
    const empty = await page(cursor, 10);
    expect(empty).toEqual({ items: [], next: cursor, more: false });
    // An item's own cursor resumes right after it.
    expect((await page(items[9]!.cursor, 1)).items[0]!.data['text']).toBe('Rapport 10');
  });

  it('shows a tenant only its own clients’ changes and audits every client it hands out', async () => {
    const start = (await page()).next;
    const bob = await createClientWithAccount(database.db, other);
    await database.db
      .insertInto('reports')
      .values({
        tenant_id: other.id,
        client_id: bob.clientId,
        written_at: new Date(),
        author_name: 'Bob',
        author_kind: 'client',
        text: 'Van een andere organisatie',
      })
      .execute();
    await clientReport('Eigen rapport');
    const { items } = await readCount(start, 1);
    expect(items.map((item) => item.data['text'])).toEqual(['Eigen rapport']);
    const audited = await database.db
      .selectFrom('audit_log')
      .select(['actor_kind', 'client_id'])
      .where('tenant_id', '=', tenant.id)
      .where('action', '=', 'integration.changes.read')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(audited).toEqual({ actor_kind: 'integration', client_id: alice.clientId });
  });

  it('refuses a cursor it did not hand out and a page larger than 1,000', async () => {
    for (const query of ['after=yesterday', 'after=1', 'limit=1001', 'limit=0', 'limit=ten']) {
      const response = await call('GET', `/changes?${query}`);
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ code: 'validation', errors: [{ field: query.split('=')[0] }] });
    }
  });
});
