import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { portalClientOf } from '../auth/accounts.js';
import { createSession, sessionCookieName } from '../auth/session.js';
import { seedDemo, type DemoSeedResult } from '../seed/demo-seed.js';
import { databaseUnderTest } from '../testing/database-under-test.js';
import { createTestApp } from '../testing/test-app.js';
import type { TestDatabase } from '../testing/test-database.js';
import { tenantBySlug, type TenantRecord } from '../tenants/queries.js';
import { widgetOperations } from './widget-operations.js';

/**
 * Every read of the widget API, as a signed-in client of the demo seed (a year of data), answered
 * 200 with a body its contract accepts: createTestApp checks each answer against its route's
 * schema (testing/contract-check.ts), so an extra, missing or mistyped field fails here.
 */
let database: TestDatabase;
let seeded: DemoSeedResult;

beforeAll(async () => {
  database = await databaseUnderTest();
  seeded = await seedDemo(database.db);
});
afterAll(async () => {
  await database?.close();
});

async function signedInDemoClient(tenant: TenantRecord, username: string) {
  const account = await database.db
    .selectFrom('accounts')
    .select('id')
    .where('tenant_id', '=', tenant.id)
    .where('username', '=', username)
    .executeTakeFirstOrThrow();
  const client = await portalClientOf(database.db, tenant.id, account.id);
  const { token } = await createSession(database.db, {
    tenant,
    accountId: account.id,
    clientId: client!.clientId,
    state: 'active',
    ip: null,
    userAgent: null,
  });
  return `${sessionCookieName(tenant.slug)}=${token}`;
}

const reads = widgetOperations.filter((op) => op.method === 'get' && !op.params && op.responses['200']?.json);
/** Reads of a contact person's own account: a client gets 403 there, so a contact of the demo reads them. */
const contactReads = new Set(['/profile/account']);

describe('every read of the widget API matches its contract', () => {
  it('covers the reads of every feature', () => {
    expect(new Set(reads.flatMap((op) => op.tags))).toEqual(
      new Set([
        'tenant',
        'auth',
        'reports',
        'measurements',
        'agenda',
        'messages',
        'plans',
        'activity',
        'access-log',
        'profile',
        'contacts',
        'board',
      ]),
    );
  });

  it('answers each one with a body its schema accepts, for both demo tenants', async () => {
    const { app } = createTestApp(database);
    for (const demo of seeded.tenants) {
      const tenant = (await tenantBySlug(database.db, demo.slug))!;
      const cookie = await signedInDemoClient(tenant, demo.accounts[0]!.username);
      const contact = demo.slug === 'zorggroep-de-linde' ? await signedInDemoClient(tenant, 'm.de.vries') : undefined;
      for (const op of reads) {
        if (contactReads.has(op.path) && !contact) continue;
        const headers = { cookie: contactReads.has(op.path) ? contact! : cookie };
        const response = await app.request(`/api/tenants/${tenant.slug}${op.path === '/' ? '' : op.path}`, { headers });
        expect(response.status, `${demo.slug} GET ${op.path}`).toBe(200);
        const body = (await response.json()) as { items?: unknown[] };
        // A list answer with items, so the item schema is checked too.
        if (body.items) expect(body.items.length, `${demo.slug} GET ${op.path} items`).toBeGreaterThan(0);
      }
    }
    expect(reads.filter((op) => contactReads.has(op.path)).length, 'a contact-only read left the list').toBe(contactReads.size);
  });
});
