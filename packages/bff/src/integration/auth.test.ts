import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hono } from 'hono';
import { databaseUnderTest } from '../testing/database-under-test.js';
import { createTenant } from '../testing/fixtures.js';
import { createTestApp } from '../testing/test-app.js';
import type { TestDatabase } from '../testing/test-database.js';
import type { TenantRecord } from '../tenants/queries.js';
import { AUDITED_REFUSALS_PER_MINUTE } from './auth.js';
import { ecdToken, type SigningKey } from './integration-test-kit.js';
import { createIntegrationKey, listIntegrationKeys, registerPublicKey, revokeIntegrationKey } from './keys.js';

let database: TestDatabase;
let app: Hono<never>;
let tenant: TenantRecord;
let other: TenantRecord;
let es256: SigningKey;
let ed25519: SigningKey;
let othersKey: SigningKey;

beforeAll(async () => {
  database = await databaseUnderTest();
  tenant = await createTenant(database.db);
  other = await createTenant(database.db);
  app = createTestApp(database).app as never;
  es256 = await createIntegrationKey(database.db, tenant.id, { alg: 'ES256' });
  ed25519 = await createIntegrationKey(database.db, tenant.id, { alg: 'EdDSA' });
  othersKey = await createIntegrationKey(database.db, other.id);
});
afterAll(async () => {
  await database?.close();
});

const changes = (token: string | null, slug = tenant.slug) =>
  app.request(`/integration/v1/tenants/${slug}/changes`, { headers: token === null ? {} : { authorization: `Bearer ${token}` } });

async function expectRefused(response: Response, reason: string) {
  expect(response.status).toBe(401);
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(response.headers.get('www-authenticate')).toContain('invalid_token');
  expect(await response.json()).toMatchObject({ status: 401, code: 'invalid-token', reason });
}

describe('integration tokens', () => {
  it('accepts a fresh token from either of two active keys (rotation), ES256 and EdDSA', async () => {
    expect((await changes(await ecdToken(es256, tenant))).status).toBe(200);
    expect((await changes(await ecdToken(ed25519, tenant))).status).toBe(200);
  });

  it('refuses a request without a token', async () => {
    await expectRefused(await changes(null), 'missing-token');
  });

  it('refuses a token of another tenant, also when signed with that tenant’s own key', async () => {
    await expectRefused(await changes(await ecdToken(othersKey, other)), 'unknown-key');
    await expectRefused(await changes(await ecdToken(es256, tenant, { iss: other.slug })), 'wrong-issuer');
    await expectRefused(await changes(await ecdToken(othersKey, other), 'no-such-tenant'), 'unknown-key');
  });

  it('refuses an expired token, one that lives longer than 5 minutes, and one from the future', async () => {
    await expectRefused(await changes(await ecdToken(es256, tenant, { iat: -400, exp: -100 })), 'expired');
    await expectRefused(await changes(await ecdToken(es256, tenant, { exp: 301 })), 'lifetime-too-long');
    await expectRefused(await changes(await ecdToken(es256, tenant, { iat: 120, exp: 240 })), 'not-yet-valid');
  });

  it('refuses a bad signature, an unknown kid, the wrong audience and a token without jti', async () => {
    const forged = await ecdToken({ ...othersKey, kid: es256.kid }, tenant);
    await expectRefused(await changes(forged), 'bad-signature');
    await expectRefused(await changes(await ecdToken(es256, tenant, { kid: 'no-such-key' })), 'unknown-key');
    await expectRefused(await changes(await ecdToken(es256, tenant, { aud: 'someone-else' })), 'wrong-audience');
    await expectRefused(await changes(await ecdToken(es256, tenant, { jti: null })), 'missing-claim');
    const token = await ecdToken(es256, tenant);
    await expectRefused(await changes(`${token.slice(0, -4)}AAAA`), 'bad-signature');
  });

  it('refuses a replayed token id, also within its lifetime', async () => {
    const jti = randomUUID();
    expect((await changes(await ecdToken(es256, tenant, { jti }))).status).toBe(200);
    await expectRefused(await changes(await ecdToken(es256, tenant, { jti })), 'replayed');
    // The same jti at another tenant is that tenant's business.
    expect((await changes(await ecdToken(othersKey, other, { jti }), other.slug)).status).toBe(200);
  });

  it('refuses tokens of a revoked key from the next request on, and audits every refusal', async () => {
    const spare = await createIntegrationKey(database.db, tenant.id);
    expect((await changes(await ecdToken(spare, tenant))).status).toBe(200);
    expect(await revokeIntegrationKey(database.db, tenant.id, spare.kid)).toBe(true);
    await expectRefused(await changes(await ecdToken(spare, tenant)), 'revoked-key');
    expect((await listIntegrationKeys(database.db, tenant.id)).find((k) => k.kid === spare.kid)?.revokedAt).not.toBeNull();
    const refusals = await database.db
      .selectFrom('audit_log')
      .select(['actor_kind', 'outcome', 'details'])
      .where('tenant_id', '=', tenant.id)
      .where('action', '=', 'integration.authenticate')
      .execute();
    expect(refusals.length).toBeGreaterThanOrEqual(8);
    expect(refusals.every((row) => row.actor_kind === 'integration' && row.outcome === 'denied')).toBe(true);
    expect(refusals.map((row) => (row.details as unknown as { reason: string }).reason)).toContain('revoked-key');
  });
});

describe('forged tokens cannot flood the audit log or the log', () => {
  it('caps the kid in audit rows and log lines, and audits at most 30 refusals per source and minute', async () => {
    const target = await createTenant(database.db);
    const key = await createIntegrationKey(database.db, target.id);
    const test = createTestApp(database);
    const longKid = 'k'.repeat(10_000);
    const statuses: number[] = [];
    for (let i = 0; i < 60; i += 10) {
      const batch = await Promise.all(
        Array.from({ length: 10 }, async () => {
          const response = await test.app.request(`/integration/v1/tenants/${target.slug}/changes`, {
            headers: { authorization: `Bearer ${await ecdToken(key, target, { kid: longKid })}` },
          });
          expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
          return response.status;
        }),
      );
      statuses.push(...batch);
    }
    expect(statuses.filter((status) => status === 401)).toHaveLength(AUDITED_REFUSALS_PER_MINUTE);
    expect(statuses.filter((status) => status === 429)).toHaveLength(60 - AUDITED_REFUSALS_PER_MINUTE);
    const rows = await database.db
      .selectFrom('audit_log')
      .select('details')
      .where('tenant_id', '=', target.id)
      .where('action', '=', 'integration.authenticate')
      .execute();
    expect(rows).toHaveLength(AUDITED_REFUSALS_PER_MINUTE);
    expect(Math.max(...rows.map((row) => JSON.stringify(row.details).length))).toBeLessThan(300);
    const refusedLines = test.logLines.filter((line) => line['msg'] === 'integration token refused');
    expect(refusedLines).toHaveLength(AUDITED_REFUSALS_PER_MINUTE);
    expect(Math.max(...refusedLines.map((line) => JSON.stringify(line).length))).toBeLessThan(600);
    // A valid token from the same source still gets in.
    expect(
      (
        await test.app.request(`/integration/v1/tenants/${target.slug}/changes`, {
          headers: { authorization: `Bearer ${await ecdToken(key, target)}` },
        })
      ).status,
    ).toBe(200);
  });
});

describe('integration keys', () => {
  it('registers a public key the ECD made itself (JWK or PEM) under its thumbprint, and never a private key', async () => {
    const elsewhere = await createIntegrationKey(database.db, other.id);
    const pem = await registerPublicKey(database.db, tenant.id, elsewhere.publicPem, 'ECD production');
    expect(pem).toMatchObject({ kid: elsewhere.kid, alg: 'ES256', label: 'ECD production', revokedAt: null });
    expect((await changes(await ecdToken(elsewhere, tenant))).status).toBe(200);
    await expect(registerPublicKey(database.db, tenant.id, elsewhere.publicPem)).rejects.toThrow(/already registered/);
    await expect(registerPublicKey(database.db, tenant.id, JSON.stringify(elsewhere.privateJwk))).rejects.toThrow(/private key/);
    const jwkKey = await createIntegrationKey(database.db, other.id, { alg: 'EdDSA' });
    const { d: _secret, ...publicJwk } = jwkKey.privateJwk;
    expect((await registerPublicKey(database.db, tenant.id, JSON.stringify(publicJwk))).alg).toBe('EdDSA');
  });
});

describe('the OpenAPI document', () => {
  it('is served without a token and describes every resource', async () => {
    const response = await app.request('/integration/v1/openapi.json');
    expect(response.status).toBe(200);
    const document = (await response.json()) as {
      openapi: string;
      paths: Record<string, unknown>;
      components: { schemas: Record<string, { required?: string[] }> };
    };
    expect(document.openapi).toBe('3.1.0');
    for (const name of ['clients', 'reports', 'measurements', 'appointments', 'plan-documents', 'messages']) {
      expect(document.paths).toHaveProperty([`/tenants/{tenant}/${name}`]);
      expect(document.paths).toHaveProperty([`/tenants/{tenant}/${name}/{ecdId}`]);
    }
    expect(document.paths).toHaveProperty(['/tenants/{tenant}/changes']);
    expect(document.components.schemas['Report']!.required).toEqual(expect.arrayContaining(['ecdId', 'clientEcdId', 'writtenAt', 'text']));
  });
});
