import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { databaseUnderTest } from '../testing/database-under-test.js';
import { createTenant } from '../testing/fixtures.js';
import { createTestApp } from '../testing/test-app.js';
import type { TestDatabase } from '../testing/test-database.js';
import type { TenantRecord } from '../tenants/queries.js';
import { clearTenantCache } from '../tenants/tenant-context.js';
import { replyCommand } from './cli-reply.js';
import { signedInClient, type SignedInClient as SignedIn } from '../testing/signed-in.js';

let database: TestDatabase;
let tenant: TenantRecord;
let alice: SignedIn;
let server: ReturnType<typeof serve>;
let url: string;

beforeAll(async () => {
  database = await databaseUnderTest();
  tenant = await createTenant(database.db);
  clearTenantCache();
  alice = await signedInClient(database.db, tenant);
  const { app } = createTestApp(database);
  await new Promise<void>((resolve) => {
    server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve());
  });
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server?.close(() => resolve()));
  await database?.close();
});

describe('care-bff reply', () => {
  it('posts the reply to the running demo server', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const code = await replyCommand([
      '--tenant',
      tenant.slug,
      '--client-username',
      alice.username,
      '--from',
      'Zr. Jansen',
      '--server',
      url,
      'Ik',
      'kom',
      'om',
      '10',
      'uur.',
    ]);
    log.mockRestore();
    expect(code).toBe(0);
    const row = await database.db
      .selectFrom('messages')
      .select(['sender_kind', 'sender_name', 'body'])
      .where('client_id', '=', alice.clientId)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ sender_kind: 'staff', sender_name: 'Zr. Jansen', body: 'Ik kom om 10 uur.' });
  });

  it('names what is missing and exits non-zero', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(await replyCommand(['--tenant', tenant.slug, '--server', url, 'tekst'])).toBe(1);
    expect(String(error.mock.calls[0]?.[0])).toMatch(/--client-username/);
    expect(await replyCommand(['--tenant', tenant.slug, '--client-username', 'niemand', '--from', 'X', '--server', url, 'tekst'])).toBe(1);
    error.mockRestore();
  });
});
