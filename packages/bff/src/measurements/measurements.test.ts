import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseUnderTest } from '../testing/database-under-test.js';
import { createTenant } from '../testing/fixtures.js';
import { clientRequest, signedInClient, type SignedInClient } from '../testing/signed-in.js';
import { createTestApp } from '../testing/test-app.js';
import type { TestDatabase } from '../testing/test-database.js';
import type { TenantRecord } from '../tenants/queries.js';
import { clearTenantCache } from '../tenants/tenant-context.js';

let database: TestDatabase;
let app: ReturnType<typeof createTestApp>['app'];
let tenant: TenantRecord;
let otherTenant: TenantRecord;
type Person = SignedInClient;
let alice: Person;
let bob: Person;
let carol: Person;
const typeIds: Record<string, string> = {};
let carolMeasurementId: string;

const signedIn = (t: TenantRecord): Promise<Person> => signedInClient(database.db, t);
const call = (who: Person, path: string, init: RequestInit = {}) => clientRequest(app, who, path, init);
let keyCounter = 0;
const enter = (who: Person, body: unknown, key = `measure-key-${keyCounter++}`) =>
  call(who, '/measurements', { method: 'POST', body: JSON.stringify(body), headers: { 'idempotency-key': key } });

// node-pg sends a JavaScript array as a PostgreSQL array; a jsonb array must go as JSON text.
const json = (value: unknown) => JSON.stringify(value) as never;

async function addTypes(t: TenantRecord) {
  const rows = await database.db
    .insertInto('measurement_types')
    .values([
      {
        tenant_id: t.id,
        code: 'bloeddruk',
        label: 'Bloeddruk',
        unit: 'mmHg',
        decimals: 0,
        sort_order: 1,
        components: json([
          { key: 'systolic', label: 'Bovendruk', min: 50, max: 250 },
          { key: 'diastolic', label: 'Onderdruk', min: 30, max: 150 },
        ]),
      },
      {
        tenant_id: t.id,
        code: 'gewicht',
        label: 'Gewicht',
        unit: 'kg',
        decimals: 1,
        sort_order: 2,
        components: json([{ key: 'value', label: 'Gewicht', min: 20, max: 300 }]),
      },
      {
        tenant_id: t.id,
        code: 'saturatie',
        label: 'Zuurstofsaturatie',
        unit: '%',
        decimals: 0,
        sort_order: 3,
        client_may_enter: false,
        components: json([{ key: 'value', label: 'Saturatie', min: 50, max: 100 }]),
      },
    ])
    .returning(['id', 'code'])
    .execute();
  return Object.fromEntries(rows.map((r) => [r.code, r.id]));
}

async function staffMeasurement(who: Person, type: string, values: Record<string, number>, measuredAt: Date, typesOf = typeIds) {
  return (
    await database.db
      .insertInto('measurements')
      .values({
        tenant_id: who.tenant.id,
        client_id: who.clientId,
        type_id: typesOf[type]!,
        measured_at: measuredAt,
        values,
        source: 'staff',
        author_name: 'Zr. Jansen',
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
}

const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000);

beforeAll(async () => {
  database = await databaseUnderTest();
  tenant = await createTenant(database.db);
  otherTenant = await createTenant(database.db);
  clearTenantCache();
  app = createTestApp(database).app;
  Object.assign(typeIds, await addTypes(tenant));
  const otherTypes = await addTypes(otherTenant);
  alice = await signedIn(tenant);
  bob = await signedIn(tenant);
  carol = await signedIn(otherTenant);
  await staffMeasurement(alice, 'bloeddruk', { systolic: 132, diastolic: 84 }, hoursAgo(48));
  await staffMeasurement(alice, 'gewicht', { value: 71.4 }, hoursAgo(30));
  await staffMeasurement(alice, 'gewicht', { value: 72.0 }, hoursAgo(24 * 100));
  await staffMeasurement(bob, 'gewicht', { value: 90.1 }, hoursAgo(5));
  carolMeasurementId = await staffMeasurement(carol, 'gewicht', { value: 60 }, hoursAgo(5), otherTypes);
});
afterAll(async () => {
  await database?.close();
});

describe('measurement types', () => {
  it('lists the tenant’s types with unit, decimals, components and ranges', async () => {
    const response = await call(alice, '/measurements/types');
    expect(response.status).toBe(200);
    const { items } = (await response.json()) as { items: { code: string; components: unknown[]; clientMayEnter: boolean }[] };
    expect(items.map((t) => t.code)).toEqual(['bloeddruk', 'gewicht', 'saturatie']);
    expect(items[0]).toMatchObject({
      unit: 'mmHg',
      decimals: 0,
      clientMayEnter: true,
      components: [{ key: 'systolic', min: 50, max: 250 }, { key: 'diastolic' }],
    });
    expect(items[2]).toMatchObject({ clientMayEnter: false });
  });
});

describe('reading measurements', () => {
  it('shows the recent ones newest first, only the own client’s, with values per component', async () => {
    const { items } = (await (await call(alice, '/measurements/recent?limit=2')).json()) as {
      items: { type: string; values: object; deletable: boolean; source: string }[];
    };
    expect(items).toEqual([
      expect.objectContaining({ type: 'gewicht', values: { value: 71.4 }, source: 'staff', deletable: false, author: 'Zr. Jansen' }),
      expect.objectContaining({ type: 'bloeddruk', values: { systolic: 132, diastolic: 84 } }),
    ]);
  });

  it('filters a period by measurement type', async () => {
    const year = (await (await call(alice, '/measurements?type=gewicht')).json()) as {
      period: object;
      type: string;
      items: { values: { value: number } }[];
    };
    expect(year.type).toBe('gewicht');
    expect(year.items.map((m) => m.values.value)).toEqual([71.4, 72.0]);
    const week = (await (await call(alice, '/measurements?type=gewicht&period=week')).json()) as { items: unknown[] };
    expect(week.items).toHaveLength(1);
    const all = (await (await call(alice, '/measurements?period=week')).json()) as { type: null; items: unknown[] };
    expect(all.items).toHaveLength(2);
  });

  it('refuses an unknown type or a bad period, naming the field', async () => {
    for (const [path, field] of [
      ['/measurements?type=cholesterol', 'type'],
      ['/measurements?from=2026-05-01&to=2026-04-01', 'from'],
      ['/measurements/recent?limit=abc', 'limit'],
    ] as const) {
      const response = await call(alice, path);
      expect(response.status, path).toBe(400);
      expect(((await response.json()) as { errors: { field: string }[] }).errors.map((e) => e.field)).toContain(field);
    }
  });
});

describe('entering a measurement', () => {
  it('stores a blood pressure the client entered, deletable by the client', async () => {
    const response = await enter(alice, {
      type: 'bloeddruk',
      values: { systolic: 128, diastolic: 82 },
      measuredAt: hoursAgo(1).toISOString(),
    });
    expect(response.status).toBe(201);
    const created = (await response.json()) as { id: string; deletable: boolean; source: string; values: object };
    expect(created).toMatchObject({ type: 'bloeddruk', source: 'client', deletable: true, values: { systolic: 128, diastolic: 82 } });
    const { items } = (await (await call(alice, '/measurements/recent?limit=1')).json()) as { items: { id: string }[] };
    expect(items[0]!.id).toBe(created.id);
  });

  it('validates values against the type’s range and decimals, and the time, naming each field', async () => {
    const cases: [unknown, string[]][] = [
      [{ type: 'bloeddruk', values: { systolic: 300, diastolic: 82 }, measuredAt: hoursAgo(1).toISOString() }, ['values.systolic']],
      [{ type: 'bloeddruk', values: { systolic: 120 }, measuredAt: hoursAgo(1).toISOString() }, ['values.diastolic']],
      [
        { type: 'bloeddruk', values: { systolic: 120.5, diastolic: 80, pulse: 60 }, measuredAt: hoursAgo(1).toISOString() },
        ['values.pulse', 'values.systolic'],
      ],
      [{ type: 'gewicht', values: { value: 71.45 }, measuredAt: hoursAgo(1).toISOString() }, ['values.value']],
      [{ type: 'gewicht', values: { value: '71' }, measuredAt: hoursAgo(1).toISOString() }, ['values.value']],
      [{ type: 'gewicht', values: { value: 71.4 }, measuredAt: hoursAgo(-1).toISOString() }, ['measuredAt']],
      [{ type: 'gewicht', values: { value: 71.4 }, measuredAt: 'gisteren' }, ['measuredAt']],
      [{ type: 'cholesterol', values: { value: 5 }, measuredAt: hoursAgo(1).toISOString() }, ['type']],
    ];
    for (const [body, fields] of cases) {
      const response = await enter(alice, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(((await response.json()) as { errors: { field: string }[] }).errors.map((e) => e.field).sort()).toEqual(fields);
    }
  });

  it('accepts a phone clock slightly ahead, and a weight with one decimal', async () => {
    const response = await enter(alice, {
      type: 'gewicht',
      values: { value: 70.9 },
      measuredAt: new Date(Date.now() + 60_000).toISOString(),
    });
    expect(response.status).toBe(201);
  });

  it('refuses a type only the care team measures', async () => {
    const response = await enter(alice, { type: 'saturatie', values: { value: 97 }, measuredAt: hoursAgo(1).toISOString() });
    expect(response.status).toBe(403);
  });

  it('never duplicates a retried entry', async () => {
    const body = { type: 'gewicht', values: { value: 70.2 }, measuredAt: hoursAgo(2).toISOString() };
    const responses = await Promise.all(Array.from({ length: 5 }, () => enter(bob, body, 'bob-weight-0001')));
    expect(responses.map((r) => r.status)).toEqual(Array(5).fill(201));
    const ids = new Set(await Promise.all(responses.map(async (r) => ((await r.json()) as { id: string }).id)));
    expect(ids.size).toBe(1);
    expect((await enter(bob, { ...body, values: { value: 99 } }, 'bob-weight-0001')).status).toBe(409);
  });
});

describe('deleting a measurement', () => {
  it('deletes the client’s own entry, which then disappears', async () => {
    const created = (await (
      await enter(bob, { type: 'gewicht', values: { value: 88.8 }, measuredAt: hoursAgo(1).toISOString() })
    ).json()) as { id: string };
    const response = await call(bob, `/measurements/${created.id}`, { method: 'DELETE' });
    expect(response.status).toBe(204);
    const { items } = (await (await call(bob, '/measurements?period=week')).json()) as { items: { id: string }[] };
    expect(items.map((m) => m.id)).not.toContain(created.id);
    expect((await call(bob, `/measurements/${created.id}`, { method: 'DELETE' })).status).toBe(404);
    const logged = await database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'measurements.delete')
      .where('resource_id', '=', created.id)
      .execute();
    expect(logged.map((r) => r.outcome).sort()).toEqual(['failure', 'success']);
  });

  it('refuses to delete a staff entry with a clear Dutch message', async () => {
    const staffId = await staffMeasurement(bob, 'gewicht', { value: 91 }, hoursAgo(3));
    const response = await call(bob, `/measurements/${staffId}`, { method: 'DELETE' });
    expect(response.status).toBe(403);
    expect(((await response.json()) as { detail: string }).detail).toMatch(/door uw zorgverlener ingevoerd/);
  });

  it('answers 404 for another client’s or another tenant’s measurement, or a malformed id', async () => {
    const alices = (await (
      await enter(alice, { type: 'gewicht', values: { value: 70 }, measuredAt: hoursAgo(1).toISOString() })
    ).json()) as { id: string };
    expect((await call(bob, `/measurements/${alices.id}`, { method: 'DELETE' })).status).toBe(404);
    expect((await call(alice, `/measurements/${carolMeasurementId}`, { method: 'DELETE' })).status).toBe(404);
    expect((await call(alice, '/measurements/not-a-uuid', { method: 'DELETE' })).status).toBe(404);
    const stillThere = await database.db
      .selectFrom('measurements')
      .select('deleted_at')
      .where('id', '=', alices.id)
      .executeTakeFirstOrThrow();
    expect(stillThere.deleted_at).toBeNull();
  });
});

describe('audit', () => {
  it('logs every read of the client’s measurements', async () => {
    const count = async () =>
      (
        await database.db
          .selectFrom('audit_log')
          .select('action')
          .where('client_id', '=', carol.clientId)
          .where('action', 'like', 'measurements.%')
          .execute()
      ).length;
    const before = await count();
    await call(carol, '/measurements/types');
    await call(carol, '/measurements/recent');
    await call(carol, '/measurements?type=gewicht');
    expect(await count()).toBe(before + 3);
  });
});
