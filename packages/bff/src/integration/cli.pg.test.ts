import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { databaseUnderTest } from '../testing/database-under-test.js';
import { createTenant } from '../testing/fixtures.js';
import { createTestApp } from '../testing/test-app.js';
import type { TestDatabase } from '../testing/test-database.js';
import type { TenantRecord } from '../tenants/queries.js';
import { integrationKeyCommand } from './cli.js';
import { listIntegrationKeys } from './keys.js';
import { integrationDb } from './schema.js';

// The command opens the database named by DATABASE_URL, so it runs against the PostgreSQL test database.
describe('care-bff integration-key', () => {
  let database: TestDatabase;
  let tenant: TenantRecord;
  let dir: string;
  const saved = process.env['DATABASE_URL'];

  beforeAll(async () => {
    database = await databaseUnderTest();
    tenant = await createTenant(database.db);
    process.env['DATABASE_URL'] = database.url;
    dir = mkdtempSync(join(tmpdir(), 'care-keys-'));
    vi.spyOn(console, 'log').mockImplementation(() => {});
    vi.spyOn(console, 'error').mockImplementation(() => {});
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    if (saved === undefined) delete process.env['DATABASE_URL'];
    else process.env['DATABASE_URL'] = saved;
    rmSync(dir, { recursive: true, force: true });
    await database?.close();
  });

  it('creates a key pair, registers the public key and writes the private JWK once, readable only by its owner', async () => {
    const out = join(dir, 'ecd.jwk.json');
    expect(await integrationKeyCommand(['create', '--tenant', tenant.slug, '--alg', 'EdDSA', '--label', 'ECD test', '--out', out])).toBe(0);
    const jwk = JSON.parse(readFileSync(out, 'utf8')) as { kid: string; alg: string; d?: string };
    expect(jwk).toMatchObject({ alg: 'EdDSA', d: expect.any(String) });
    expect(statSync(out).mode & 0o777).toBe(0o600);
    const keys = await listIntegrationKeys(database.db, tenant.id);
    expect(keys).toEqual([expect.objectContaining({ kid: jwk.kid, alg: 'EdDSA', label: 'ECD test', revokedAt: null })]);
    expect(JSON.stringify(keys)).not.toContain(jwk.d);

    const printed: string[] = [];
    vi.mocked(console.log).mockImplementation((line: string) => void printed.push(line));
    expect(await integrationKeyCommand(['token', '--tenant', tenant.slug, '--key', out])).toBe(0);
    const { app } = createTestApp(database);
    const response = await app.request(`/integration/v1/tenants/${tenant.slug}/changes`, {
      headers: { authorization: `Bearer ${printed[0]}` },
    });
    expect(response.status).toBe(200);
  });

  it('registers a public key the ECD made, lists and revokes keys, and names what is wrong', async () => {
    const pemOut = join(dir, 'other.pem');
    const other = await createTenant(database.db);
    expect(await integrationKeyCommand(['create', '--tenant', other.slug, '--format', 'pem', '--out', pemOut])).toBe(0);
    const { createPublicKey } = await import('node:crypto');
    const publicPem = createPublicKey(readFileSync(pemOut, 'utf8')).export({ type: 'spki', format: 'pem' }).toString();
    writeFileSync(join(dir, 'public.pem'), publicPem);
    expect(await integrationKeyCommand(['add', '--tenant', tenant.slug, '--public-key', join(dir, 'public.pem')])).toBe(0);
    const [, added] = await listIntegrationKeys(database.db, tenant.id);
    expect(await integrationKeyCommand(['list', '--tenant', tenant.slug])).toBe(0);
    expect(await integrationKeyCommand(['revoke', '--tenant', tenant.slug, '--kid', added!.kid])).toBe(0);
    expect((await listIntegrationKeys(database.db, tenant.id))[1]!.revokedAt).not.toBeNull();
    expect(await integrationKeyCommand(['revoke', '--tenant', tenant.slug, '--kid', 'nope'])).toBe(1);
    // A thumbprint may start with '-': it is the value of --kid, not an option.
    const dashKid = '-8BLFq3ZpTqsXgYHf0aZQ8fXjv1n5mWcR2kL7yUoE4sA';
    await integrationDb(database.db)
      .updateTable('integration_keys')
      .set({ kid: dashKid })
      .where('tenant_id', '=', tenant.id)
      .where('kid', '=', (await listIntegrationKeys(database.db, tenant.id))[0]!.kid)
      .execute();
    expect(await integrationKeyCommand(['revoke', '--tenant', tenant.slug, '--kid', dashKid])).toBe(0);
    expect((await listIntegrationKeys(database.db, tenant.id)).find((key) => key.kid === dashKid)?.revokedAt).not.toBeNull();
    expect(await integrationKeyCommand(['create', '--tenant', 'no-such-tenant'])).toBe(1);
    expect(await integrationKeyCommand(['create'])).toBe(1);
    expect(await integrationKeyCommand(['create', '--tenant', tenant.slug, '--alg', 'RS256'])).toBe(1);
  });
});
