import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hono } from 'hono';
import { databaseUnderTest } from '../testing/database-under-test.js';
import { createClientWithAccount, createTenant } from '../testing/fixtures.js';
import { createTestApp } from '../testing/test-app.js';
import type { TestDatabase } from '../testing/test-database.js';
import type { TenantRecord } from '../tenants/queries.js';
import type { BatchSummary } from './batch.js';
import { ecdCaller } from './integration-test-kit.js';
import { createIntegrationKey } from './keys.js';

let database: TestDatabase;
let tenant: TenantRecord;
let call: ReturnType<typeof ecdCaller>;

beforeAll(async () => {
  database = await databaseUnderTest();
  tenant = await createTenant(database.db);
  const { app } = createTestApp(database);
  call = ecdCaller(app as never as Hono<never>, tenant, await createIntegrationKey(database.db, tenant.id));
  const client = await createClientWithAccount(database.db, tenant);
  await database.db.updateTable('clients').set({ ecd_id: 'DL-1' }).where('id', '=', client.clientId).execute();
});
afterAll(async () => {
  await database?.close();
});

const event = (n: number, extra: Record<string, unknown> = {}) => ({
  ecdId: `LOG-${n}`,
  clientEcdId: 'DL-1',
  occurredAt: '2026-11-23T09:15:00+01:00',
  staffUserId: 'u-4711',
  staffName: 'J. Bakker',
  staffRole: 'Wijkverpleegkundige',
  organisationUnit: 'Wijkteam Lindeveen-Noord',
  dataCategory: 'reports',
  action: 'view',
  ...extra,
});
const push = async (items: unknown[]) => {
  const response = await call('POST', '/access-events', { items });
  expect(response.status).toBe(200);
  return (await response.json()) as BatchSummary;
};
const stored = () =>
  database.db
    .selectFrom('staff_access_events')
    .select(['ecd_id', 'staff_name', 'action', 'data_category', 'break_the_glass'])
    .where('tenant_id', '=', tenant.id)
    .orderBy('ecd_id')
    .execute();

describe('staff access events from the ECD', () => {
  it('stores a batch once: the same events pushed twice are "unchanged" and stored once', async () => {
    const items = [event(1), event(2, { action: 'download', dataCategory: 'client-plan', breakTheGlass: true })];
    expect((await push(items)).results.map((r) => r.status)).toEqual(['created', 'created']);
    const again = await push(items);
    expect(again.results.map((r) => r.status)).toEqual(['unchanged', 'unchanged']);
    expect(again.unchanged).toBe(2);
    expect(await stored()).toEqual([
      { ecd_id: 'LOG-1', staff_name: 'J. Bakker', action: 'view', data_category: 'reports', break_the_glass: false },
      { ecd_id: 'LOG-2', staff_name: 'J. Bakker', action: 'download', data_category: 'client-plan', break_the_glass: true },
    ]);
  });

  it('reports each invalid item by index and field and stores the valid ones', async () => {
    const summary = await push([
      event(10),
      event(11, { action: 'peek' }),
      event(12, { clientEcdId: 'DL-404' }),
      event(13, { occurredAt: 'gisteren', staffName: '' }),
      event(14, { extra: 1 }),
    ]);
    expect(summary.results.map((r) => [r.index, r.status, r.errors?.map((e) => e.field)])).toEqual([
      [0, 'created', undefined],
      [1, 'invalid', ['action']],
      [2, 'invalid', ['clientEcdId']],
      [3, 'invalid', ['occurredAt', 'staffName']],
      [4, 'invalid', ['extra']],
    ]);
    expect((await stored()).map((row) => row.ecd_id)).toContain('LOG-10');
    expect((await stored()).map((row) => row.ecd_id)).not.toContain('LOG-11');
  });

  it('refuses to change a logged access: the same ecdId with other content is a conflict, also for PUT', async () => {
    await push([event(20)]);
    const summary = await push([event(20, { action: 'delete' })]);
    expect(summary.results[0]).toMatchObject({ status: 'conflict', errors: [{ field: 'ecdId' }] });
    const put = await call('PUT', '/access-events/LOG-20', { ...event(20, { staffName: 'Iemand anders' }), ecdId: undefined });
    expect(put.status).toBe(409);
    expect((await stored()).find((row) => row.ecd_id === 'LOG-20')).toMatchObject({ action: 'view', staff_name: 'J. Bakker' });
  });
});
