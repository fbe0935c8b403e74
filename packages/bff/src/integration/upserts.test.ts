import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hono } from 'hono';
import { MESSAGES_CHANNEL } from '../messages/queries.js';
import { demoMeasurementTypes } from '../seed/measurement-types.js';
import { databaseUnderTest } from '../testing/database-under-test.js';
import { createTenant } from '../testing/fixtures.js';
import { createTestApp } from '../testing/test-app.js';
import type { TestDatabase } from '../testing/test-database.js';
import type { TenantRecord } from '../tenants/queries.js';
import type { BatchSummary, ItemResult } from './batch.js';
import { ecdCaller, ecdToken, type SigningKey } from './integration-test-kit.js';
import { createIntegrationKey } from './keys.js';

let database: TestDatabase;
let testApp: ReturnType<typeof createTestApp>;
let tenant: TenantRecord;
let key: SigningKey;
let call: ReturnType<typeof ecdCaller>;

beforeAll(async () => {
  database = await databaseUnderTest();
  tenant = await createTenant(database.db, { allowedOrigins: ['https://www.zorg.example'] });
  await database.db
    .insertInto('measurement_types')
    .values(
      demoMeasurementTypes.map((t, i) => ({
        tenant_id: tenant.id,
        code: t.code,
        label: t.label,
        unit: t.unit,
        decimals: t.decimals,
        components: JSON.stringify(t.components) as never,
        sort_order: i,
      })),
    )
    .execute();
  testApp = createTestApp(database);
  key = await createIntegrationKey(database.db, tenant.id);
  call = ecdCaller(testApp.app as never as Hono<never>, tenant, key);
});
afterAll(async () => {
  await database?.close();
});

const batch = async (resource: string, items: unknown[]) => {
  const response = await call('POST', `/${resource}`, { items });
  expect(response.status).toBe(200);
  return (await response.json()) as BatchSummary;
};
const statuses = (summary: BatchSummary) => summary.results.map((r) => r.status);

const client = (n: number, extra: Record<string, unknown> = {}) => ({
  ecdId: `C-${n}`,
  firstName: 'Geertruida',
  lastNamePrefix: 'van der',
  lastName: `Berg${n}`,
  initials: 'G.',
  dateOfBirth: '1938-04-12',
  bsn: '999990019',
  street: 'Lindelaan',
  houseNumber: String(n),
  postalCode: '1234 AB',
  city: 'Lindeveen',
  mobilePhone: '+31612345678',
  ...extra,
});

async function snapshot() {
  const count = async (
    table: 'clients' | 'accounts' | 'reports' | 'measurements' | 'appointments' | 'messages' | 'plan_documents' | 'challenges',
  ) =>
    Number(
      (
        await database.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('tenant_id', '=', tenant.id)
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    clients: await count('clients'),
    accounts: await count('accounts'),
    reports: await count('reports'),
    measurements: await count('measurements'),
    appointments: await count('appointments'),
    messages: await count('messages'),
    plans: await count('plan_documents'),
    challenges: await count('challenges'),
    clientsUpdatedAt: (
      await database.db
        .selectFrom('clients')
        .select(['ecd_id', 'updated_at'])
        .where('tenant_id', '=', tenant.id)
        .orderBy('ecd_id')
        .execute()
    ).map((r) => `${r.ecd_id}@${new Date(r.updated_at).toISOString()}`),
    appointmentsUpdatedAt: (
      await database.db
        .selectFrom('appointments')
        .select(['ecd_id', 'updated_at'])
        .where('tenant_id', '=', tenant.id)
        .orderBy('ecd_id')
        .execute()
    ).map((r) => `${r.ecd_id}@${new Date(r.updated_at).toISOString()}`),
    outbox: await testApp.settleOutbox().then(() => testApp.delivered.length),
  };
}

const pdf = (text: string) => Buffer.from(`%PDF-1.7\n% ${text}\n%%EOF\n`, 'latin1');

describe('pushing clients', () => {
  it('creates clients; one with an e-mail address gets an invited account and one activation e-mail', async () => {
    const summary = await batch('clients', [client(1, { email: 'g.berg1@example.nl' }), client(2)]);
    expect(statuses(summary)).toEqual(['created', 'created']);
    const account = await database.db
      .selectFrom('accounts as a')
      .innerJoin('account_clients as ac', (join) => join.onRef('ac.tenant_id', '=', 'a.tenant_id').onRef('ac.account_id', '=', 'a.id'))
      .select(['a.username', 'a.status', 'a.email', 'a.mobile_phone', 'ac.client_id', 'ac.relation'])
      .where('a.tenant_id', '=', tenant.id)
      .execute();
    expect(account).toEqual([
      {
        username: 'g.berg1@example.nl',
        status: 'invited',
        email: 'g.berg1@example.nl',
        mobile_phone: '+31612345678',
        client_id: summary.results[0]!.id,
        relation: 'self',
      },
    ]);
    await testApp.settleOutbox();
    const invitations = testApp.delivered.filter((m) => m.recipient === 'g.berg1@example.nl');
    expect(invitations).toHaveLength(1);
    expect(invitations[0]!.body).toContain('https://www.zorg.example/?activate=');
    const audited = await database.db
      .selectFrom('audit_log')
      .select(['actor_kind', 'client_id', 'resource_id'])
      .where('action', '=', 'integration.clients.upsert')
      .where('tenant_id', '=', tenant.id)
      .execute();
    expect(audited).toHaveLength(2);
    expect(audited.every((row) => row.actor_kind === 'integration')).toBe(true);
  });

  it('changes nothing when the same batch comes again: no row, no updated_at, no second invitation', async () => {
    const before = await snapshot();
    const summary = await batch('clients', [client(1, { email: 'g.berg1@example.nl' }), client(2)]);
    expect(statuses(summary)).toEqual(['unchanged', 'unchanged']);
    expect(await snapshot()).toEqual(before);
  });

  it('updates a changed client and says so; PUT of one client works the same way', async () => {
    const updated = await call('PUT', '/clients/C-2', client(2, { city: 'Beekdorp' }));
    expect(updated.status).toBe(200);
    expect(await updated.json()).toMatchObject({ ecdId: 'C-2', status: 'updated' });
    const created = await call('PUT', '/clients/C-3', { ...client(3), ecdId: undefined });
    expect(created.status).toBe(201);
    const again = await call('PUT', '/clients/C-3', client(3));
    expect(await again.json()).toMatchObject({ status: 'unchanged' });
    const mismatch = await call('PUT', '/clients/C-3', client(4));
    expect(mismatch.status).toBe(400);
  });

  it('reports every invalid item by index, ECD id and field, and applies the valid ones', async () => {
    const summary = await batch('clients', [
      client(10),
      client(11, { dateOfBirth: '12-04-1938', email: 'geen-adres' }),
      { ecdId: 'C-12' },
      client(13, { bsn: '123456789', mobilePhone: '0612345678', unknownField: 1 }),
      client(10),
    ]);
    expect(statuses(summary)).toEqual(['created', 'invalid', 'invalid', 'invalid', 'invalid']);
    const fields = (r: ItemResult) => r.errors!.map((e) => e.field).sort();
    expect(summary.results[1]).toMatchObject({ index: 1, ecdId: 'C-11' });
    expect(fields(summary.results[1]!)).toEqual(['dateOfBirth', 'email']);
    expect(fields(summary.results[2]!)).toEqual(['dateOfBirth', 'firstName', 'lastName']);
    expect(fields(summary.results[3]!)).toEqual(['bsn', 'mobilePhone', 'unknownField']);
    expect(summary.results[4]!.errors).toEqual([{ field: 'ecdId', detail: 'the same ecdId as item 0 of this batch' }]);
    expect(summary).toMatchObject({ created: 1, invalid: 4 });
    expect(
      await database.db
        .selectFrom('clients')
        .select('ecd_id')
        .where('tenant_id', '=', tenant.id)
        .where('ecd_id', 'in', ['C-11', 'C-12', 'C-13'])
        .execute(),
    ).toEqual([]);
  });

  it('refuses an empty batch, a batch of more than 1,000 and a body that is not JSON', async () => {
    for (const items of [[], Array.from({ length: 1001 }, (_, i) => client(i))]) {
      const response = await call('POST', '/clients', { items });
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ code: 'validation', errors: [{ field: 'items' }] });
    }
    const response = await testApp.app.request(`/integration/v1/tenants/${tenant.slug}/clients`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await ecdToken(key, tenant)}`, 'content-type': 'application/json' },
      body: '{"items": [',
    });
    expect(response.status).toBe(400);
  });

  it('refuses a body larger than 16 MB with 413', async () => {
    const response = await call('POST', '/reports', { items: [{ text: 'x'.repeat(17 * 1024 * 1024) }] });
    expect(response.status).toBe(413);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  it('says why no invitation went out when there is no page its link may open', async () => {
    const bare = await createTenant(database.db, {});
    const bareKey = await createIntegrationKey(database.db, bare.id);
    // Not a loopback host and no PUBLIC_ORIGIN: the BFF does not know its own origin either.
    const response = await testApp.app.request(`http://bff.zorg.example/integration/v1/tenants/${bare.slug}/clients`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await ecdToken(bareKey, bare)}`, 'content-type': 'application/json' },
      body: JSON.stringify({ items: [client(30, { email: 'geen.pagina@example.nl' })] }),
    });
    expect(response.status).toBe(200);
    const summary = (await response.json()) as BatchSummary;
    expect(summary.results[0]).toMatchObject({
      status: 'created',
      warnings: [{ field: 'email', detail: expect.stringContaining('allowedOrigins') }],
    });
    await testApp.settleOutbox();
    expect(testApp.delivered.filter((m) => m.recipient === 'geen.pagina@example.nl')).toEqual([]);
  });

  it('makes no account when the e-mail address is already a username, and says so', async () => {
    const summary = await batch('clients', [client(20, { email: 'G.Berg1@example.nl' })]);
    expect(summary.results[0]).toMatchObject({ status: 'created', warnings: [{ field: 'email' }] });
    await testApp.settleOutbox();
    expect(testApp.delivered.filter((m) => m.recipient.toLowerCase() === 'g.berg1@example.nl')).toHaveLength(1);
  });
});

describe('pushing reports, measurements and appointments', () => {
  it('upserts reports by ECD id, idempotently', async () => {
    const reports = Array.from({ length: 50 }, (_, i) => ({
      ecdId: `R-${i}`,
      clientEcdId: i % 2 ? 'C-1' : 'C-2',
      writtenAt: `2026-03-0${1 + (i % 9)}T09:${String(i).padStart(2, '0')}:00+01:00`,
      authorName: 'Zr. Jansen',
      text: `Rapportage ${i}`,
    }));
    expect((await batch('reports', reports)).created).toBe(50);
    const before = await snapshot();
    expect((await batch('reports', reports)).unchanged).toBe(50);
    expect(await snapshot()).toEqual(before);
    const changed = await batch('reports', [
      { ...reports[0]!, text: 'Verbeterde tekst' },
      { ...reports[1]!, clientEcdId: 'C-404' },
    ]);
    expect(statuses(changed)).toEqual(['updated', 'invalid']);
    expect(changed.results[1]!.errors).toEqual([{ field: 'clientEcdId', detail: expect.stringContaining('push the client first') }]);
    const stored = await database.db
      .selectFrom('reports')
      .select(['text', 'author_kind'])
      .where('tenant_id', '=', tenant.id)
      .where('ecd_id', '=', 'R-0')
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ text: 'Verbeterde tekst', author_kind: 'staff' });
  });

  it('keeps the rest of a batch when the database refuses an item the validation let through', async () => {
    const report = (n: number, writtenAt: string) => ({
      ecdId: `RX-${n}`,
      clientEcdId: 'C-1',
      writtenAt,
      authorName: 'Zr. Jansen',
      text: `Rapportage ${n}`,
    });
    // PostgreSQL has no year 0 (the ISO format does): the one-statement write fails, and each item is tried on its own.
    const summary = await batch('reports', [
      report(1, '2026-03-05T10:00:00+01:00'),
      report(2, '0000-03-05T10:00:00+01:00'),
      report(3, '2026-03-05T11:00:00+01:00'),
    ]);
    expect(statuses(summary)).toEqual(['created', 'invalid', 'created']);
    expect(summary.results[1]!.errors![0]!.detail).toMatch(/out of range/i);
    const stored = await database.db
      .selectFrom('reports')
      .select('ecd_id')
      .where('tenant_id', '=', tenant.id)
      .where('ecd_id', 'like', 'RX-%')
      .orderBy('ecd_id')
      .execute();
    expect(stored.map((row) => row.ecd_id)).toEqual(['RX-1', 'RX-3']);
  });

  it('stores titles and names without bidi overrides or control characters; text keeps its line breaks', async () => {
    const base = { clientEcdId: 'C-1', startsAt: '2026-04-02T10:00:00+02:00', endsAt: '2026-04-02T10:30:00+02:00' };
    const summary = await batch('appointments', [
      {
        ...base,
        ecdId: 'A-BIDI',
        title: 'Wond\u202Ezorg\u2066 \u0007bij\tu\nthuis',
        description: 'Regel 1\r\nRegel 2\u202E',
        careWorkerName: 'Zr.\u200F Jansen',
      },
    ]);
    expect(statuses(summary)).toEqual(['created']);
    const stored = await database.db
      .selectFrom('appointments')
      .select(['title', 'description', 'care_worker_name'])
      .where('tenant_id', '=', tenant.id)
      .where('ecd_id', '=', 'A-BIDI')
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ title: 'Wondzorg bij u thuis', description: 'Regel 1\nRegel 2', care_worker_name: 'Zr. Jansen' });
  });

  it('checks measurements against their type: code, components, range, decimals', async () => {
    const base = { clientEcdId: 'C-1', measuredAt: '2026-03-02T08:00:00+01:00', authorName: 'Zr. Jansen' };
    const summary = await batch('measurements', [
      { ...base, ecdId: 'M-1', typeCode: 'bloeddruk', values: { systolic: 128, diastolic: 82 } },
      { ...base, ecdId: 'M-2', typeCode: 'bloeddruk', values: { systolic: 300 } },
      { ...base, ecdId: 'M-3', typeCode: 'gewicht', values: { value: 72.45 } },
      { ...base, ecdId: 'M-4', typeCode: 'hoogte', values: { value: 1 } },
      { ...base, ecdId: 'M-5', typeCode: 'gewicht', values: { value: 72.4 } },
    ]);
    expect(statuses(summary)).toEqual(['created', 'invalid', 'invalid', 'invalid', 'created']);
    expect(summary.results[1]!.errors!.map((e) => e.field).sort()).toEqual(['values.diastolic', 'values.systolic']);
    expect(summary.results[2]!.errors).toEqual([{ field: 'values.value', detail: 'at most 1 decimal(s)' }]);
    expect(summary.results[3]!.errors![0]!.field).toBe('typeCode');
    const deleted = await batch('measurements', [{ ...base, ecdId: 'M-5', typeCode: 'gewicht', values: { value: 72.4 }, deleted: true }]);
    expect(statuses(deleted)).toEqual(['updated']);
    const again = await batch('measurements', [{ ...base, ecdId: 'M-5', typeCode: 'gewicht', values: { value: 72.4 }, deleted: true }]);
    expect(statuses(again)).toEqual(['unchanged']);
  });

  it('upserts and cancels appointments, without touching updated_at on a repeat', async () => {
    const appointment = {
      ecdId: 'A-1',
      clientEcdId: 'C-1',
      startsAt: '2026-04-01T10:00:00+02:00',
      endsAt: '2026-04-01T10:30:00+02:00',
      title: 'Wondzorg',
      careWorkerName: 'Zr. Jansen',
    };
    expect(
      statuses(await batch('appointments', [appointment, { ...appointment, ecdId: 'A-2', endsAt: '2026-04-01T09:00:00+02:00' }])),
    ).toEqual(['created', 'invalid']);
    const before = await snapshot();
    expect(statuses(await batch('appointments', [appointment]))).toEqual(['unchanged']);
    expect(await snapshot()).toEqual(before);
    expect(statuses(await batch('appointments', [{ ...appointment, cancelled: true }]))).toEqual(['updated']);
    const cancelledAt = (
      await database.db.selectFrom('appointments').select('cancelled_at').where('ecd_id', '=', 'A-1').executeTakeFirstOrThrow()
    ).cancelled_at;
    expect(cancelledAt).not.toBeNull();
    expect(statuses(await batch('appointments', [{ ...appointment, cancelled: true }]))).toEqual(['unchanged']);
    expect(statuses(await batch('appointments', [appointment]))).toEqual(['updated']);
    const cancel = await call('POST', '/appointments/A-1/cancel');
    expect(cancel.status).toBe(200);
    expect(await cancel.json()).toMatchObject({ ecdId: 'A-1', status: 'cancelled' });
    expect((await call('POST', '/appointments/A-404/cancel')).status).toBe(404);
  });
});

describe('pushing plan documents', () => {
  it('stores the PDF with its SHA-256, replaces an undecided plan and refuses to replace a decided one (409)', async () => {
    const plan = {
      ecdId: 'P-1',
      clientEcdId: 'C-1',
      title: 'Zorgplan',
      version: '1',
      documentDate: '2026-03-01',
      fileName: 'zorgplan.pdf',
      pdfBase64: pdf('v1').toString('base64'),
    };
    const created = await call('PUT', '/plan-documents/P-1', plan);
    expect(created.status).toBe(201);
    const stored = await database.db
      .selectFrom('plan_documents')
      .select(['id', 'sha256', 'pdf', 'client_id'])
      .where('ecd_id', '=', 'P-1')
      .executeTakeFirstOrThrow();
    expect(stored.sha256).toBe(createHash('sha256').update(pdf('v1')).digest('hex'));
    expect(Buffer.from(stored.pdf).equals(pdf('v1'))).toBe(true);
    expect((await call('PUT', '/plan-documents/P-1', plan)).status).toBe(200);
    const v2 = { ...plan, version: '2', pdfBase64: pdf('v2').toString('base64') };
    expect(await (await call('PUT', '/plan-documents/P-1', v2)).json()).toMatchObject({ status: 'updated' });

    const account = await database.db
      .selectFrom('accounts')
      .select('id')
      .where('tenant_id', '=', tenant.id)
      .where('username', '=', 'g.berg1@example.nl')
      .executeTakeFirstOrThrow();
    await database.db
      .insertInto('plan_decisions')
      .values({
        tenant_id: tenant.id,
        plan_document_id: stored.id,
        client_id: stored.client_id,
        decision: 'signed',
        account_id: account.id,
        decided_by_name: 'G. van der Berg',
        document_sha256: createHash('sha256').update(pdf('v2')).digest('hex'),
      })
      .execute();
    expect((await call('PUT', '/plan-documents/P-1', v2)).status).toBe(200);
    const replaced = await call('PUT', '/plan-documents/P-1', { ...v2, version: '3', pdfBase64: pdf('v3').toString('base64') });
    expect(replaced.status).toBe(409);
    expect(await replaced.json()).toMatchObject({ status: 409, errors: [{ field: 'ecdId' }] });
    const inBatch = await batch('plan-documents', [
      { ...v2, version: '3' },
      { ...plan, ecdId: 'P-2', version: '3' },
    ]);
    expect(statuses(inBatch)).toEqual(['conflict', 'created']);
  });

  it('refuses what is not a PDF, is not base64 or is larger than 10 MB', async () => {
    const plan = {
      ecdId: 'P-9',
      clientEcdId: 'C-1',
      title: 'Zorgplan',
      version: '1',
      documentDate: '2026-03-01',
      fileName: 'zorgplan.pdf',
    };
    const summary = await batch('plan-documents', [
      { ...plan, pdfBase64: Buffer.from('GIF89a').toString('base64') },
      { ...plan, ecdId: 'P-10', pdfBase64: 'not base64!' },
      { ...plan, ecdId: 'P-11', fileName: 'plan.docx', pdfBase64: pdf('x').toString('base64') },
    ]);
    expect(summary.results.map((r) => r.errors![0]!.field)).toEqual(['pdfBase64', 'pdfBase64', 'fileName']);
    const big = Buffer.concat([pdf('big'), Buffer.alloc(10 * 1024 * 1024)]);
    const response = await call('PUT', '/plan-documents/P-12', { ...plan, ecdId: 'P-12', pdfBase64: big.toString('base64') });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ errors: [{ field: 'pdfBase64', detail: expect.stringContaining('10 MB') }] });
  });
});

describe('pushing care-team messages', () => {
  it('adds the message to the client’s thread and announces it to open widgets; a repeat changes nothing', async () => {
    const notices: string[] = [];
    const stop = await database.listen(MESSAGES_CHANNEL, (payload) => notices.push(payload));
    try {
      const message = { ecdId: 'B-1', clientEcdId: 'C-1', senderName: 'Zr. Jansen', body: 'Morgen kom ik om 10 uur.' };
      const summary = await batch('messages', [message]);
      expect(statuses(summary)).toEqual(['created']);
      await expect.poll(() => notices.length).toBe(1);
      expect(JSON.parse(notices[0]!)).toMatchObject({ k: 'message', m: summary.results[0]!.id });
      expect(statuses(await batch('messages', [message]))).toEqual(['unchanged']);
      expect(statuses(await batch('messages', [{ ...message, body: 'Anders' }]))).toEqual(['conflict']);
      const row = await database.db
        .selectFrom('messages')
        .select(['sender_kind', 'sender_name', 'read_at'])
        .where('ecd_id', '=', 'B-1')
        .executeTakeFirstOrThrow();
      expect(row).toEqual({ sender_kind: 'staff', sender_name: 'Zr. Jansen', read_at: null });
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(notices).toHaveLength(1);
    } finally {
      await stop();
    }
  });
});
