import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../db/database.js';
import { databaseUnderTest } from '../testing/database-under-test.js';
import { EventReader } from '../testing/event-reader.js';
import { createTenant } from '../testing/fixtures.js';
import { caller, signedInClient } from '../testing/signed-in.js';
import { createTestApp } from '../testing/test-app.js';
import type { TestDatabase } from '../testing/test-database.js';
import { clearTenantCache } from '../tenants/tenant-context.js';
import { storeStaffMessage } from './queries.js';

let database: TestDatabase;
// The care team's side: another BFF instance or the ECD, on connections of its own.
let staffSide: DatabaseHandle;

beforeAll(async () => {
  database = await databaseUnderTest();
  staffSide = await openDatabase({ databaseUrl: database.url!, poolSize: 2 });
  clearTenantCache();
});
afterAll(async () => {
  await staffSide?.close();
  await database?.close();
});

/** Ends the BFF's LISTEN connection from the server side, as a DBA or a proxy restart would. */
async function dropListenConnection(): Promise<number> {
  const { rows } = await sql<{ pid: number }>`select pg_terminate_backend(pid) as ok, pid from pg_stat_activity
    where datname = current_database() and application_name = 'care-bff-listener'`.execute(staffSide.db);
  return rows.length;
}

describe('a dropped LISTEN connection', () => {
  it('loses no message: every message stored around three drops reaches the open stream, once each', async () => {
    const tenant = await createTenant(database.db);
    const alice = await signedInClient(database.db, tenant);
    const call = caller(createTestApp(database).app);
    const response = await call(alice, '/messages/stream');
    expect(response.status).toBe(200);
    const stream = new EventReader(response);
    await stream.unread();

    const stored: string[] = [];
    const store = async (body: string) =>
      stored.push(
        (await storeStaffMessage(staffSide.db, { tenantId: tenant.id, clientId: alice.clientId, senderName: 'Zr. Jansen', body })).id,
      );
    await store('voor de eerste onderbreking');
    for (let drop = 1; drop <= 3; drop++) {
      expect(await dropListenConnection()).toBe(1);
      // Stored while the BFF is not listening: no notification will ever say so.
      for (let i = 1; i <= 4; i++) await store(`onderbreking ${drop}, bericht ${i}`);
      await expect
        .poll(
          async () =>
            (
              await sql<{
                n: number;
              }>`select count(*)::int as n from pg_stat_activity where datname = current_database() and application_name = 'care-bff-listener'`.execute(
                staffSide.db,
              )
            ).rows[0]!.n,
          { timeout: 5000 },
        )
        .toBe(1);
      await store(`na onderbreking ${drop}`);
    }

    const received: string[] = [];
    while (received.length < stored.length) received.push((await stream.message(5000)).id);
    expect(received.sort()).toEqual([...stored].sort());
    // Nothing twice: the next event is not another message.
    await expect(stream.message(500)).rejects.toThrow('no matching event in time');
    await stream.close();
  });
});
