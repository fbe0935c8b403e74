import { calculateJwkThumbprint, exportJWK, exportPKCS8, exportSPKI, generateKeyPair, importJWK, importSPKI, type JWK } from 'jose';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { integrationDb, type IntegrationKeyAlgorithm } from './schema.js';

export const KEY_ALGORITHMS: readonly IntegrationKeyAlgorithm[] = ['ES256', 'EdDSA'];

export interface RegisteredKey {
  kid: string;
  alg: IntegrationKeyAlgorithm;
  publicJwk: JWK;
  label: string | null;
  createdAt: string;
  revokedAt: string | null;
}

export interface GeneratedKey extends RegisteredKey {
  /** The private key as a JWK carrying kid and alg: all the ECD needs to sign. Shown once, never stored. */
  privateJwk: JWK;
  privatePem: string;
  publicPem: string;
}

function publicOnly(jwk: JWK): JWK {
  const { kty, crv, x, y } = jwk;
  return Object.fromEntries(Object.entries({ kty, crv, x, y }).filter(([, v]) => v !== undefined)) as JWK;
}

function algorithmOf(jwk: JWK): IntegrationKeyAlgorithm {
  if (jwk.kty === 'EC' && jwk.crv === 'P-256') return 'ES256';
  if (jwk.kty === 'OKP' && jwk.crv === 'Ed25519') return 'EdDSA';
  throw new Error('Only P-256 (ES256) and Ed25519 (EdDSA) public keys can be registered.');
}

async function insertKey(db: Kysely<Database>, tenantId: string, publicJwk: JWK, label: string | null): Promise<RegisteredKey> {
  const alg = algorithmOf(publicJwk);
  const jwk = publicOnly(publicJwk);
  // The RFC 7638 thumbprint: the same key always gets the same kid, on any machine.
  const kid = await calculateJwkThumbprint(jwk, 'sha256');
  const row = await integrationDb(db)
    .insertInto('integration_keys')
    .values({ tenant_id: tenantId, kid, alg, public_jwk: { ...jwk, kid, alg, use: 'sig' }, label })
    .onConflict((oc) => oc.columns(['tenant_id', 'kid']).doNothing())
    .returning(['kid', 'alg', 'public_jwk', 'label', 'created_at', 'revoked_at'])
    .executeTakeFirst();
  if (!row) throw new Error(`This public key is already registered for the tenant (kid ${kid}).`);
  return keyView(row);
}

function keyView(row: {
  kid: string;
  alg: IntegrationKeyAlgorithm;
  public_jwk: Record<string, unknown>;
  label: string | null;
  created_at: Date;
  revoked_at: Date | null;
}): RegisteredKey {
  return {
    kid: row.kid,
    alg: row.alg,
    publicJwk: row.public_jwk as JWK,
    label: row.label,
    createdAt: new Date(row.created_at).toISOString(),
    revokedAt: row.revoked_at ? new Date(row.revoked_at).toISOString() : null,
  };
}

/** A fresh key pair: the public half is registered for the tenant, the private half returned once. */
export async function createIntegrationKey(
  db: Kysely<Database>,
  tenantId: string,
  options: { alg?: IntegrationKeyAlgorithm; label?: string | null } = {},
): Promise<GeneratedKey> {
  const alg = options.alg ?? 'ES256';
  const { publicKey, privateKey } = await generateKeyPair(alg, { extractable: true, ...(alg === 'EdDSA' ? { crv: 'Ed25519' } : {}) });
  const registered = await insertKey(db, tenantId, await exportJWK(publicKey), options.label ?? null);
  const privateJwk = { ...(await exportJWK(privateKey)), kid: registered.kid, alg, use: 'sig' };
  return { ...registered, privateJwk, privatePem: await exportPKCS8(privateKey), publicPem: await exportSPKI(publicKey) };
}

/**
 * Registers a public key the ECD generated itself (the private key never leaves the ECD):
 * a JWK (JSON) or an SPKI PEM ("-----BEGIN PUBLIC KEY-----").
 */
export async function registerPublicKey(
  db: Kysely<Database>,
  tenantId: string,
  text: string,
  label: string | null = null,
): Promise<RegisteredKey> {
  const trimmed = text.trim();
  let jwk: JWK;
  if (trimmed.startsWith('{')) {
    jwk = JSON.parse(trimmed) as JWK;
    if ('d' in jwk) throw new Error('That is a private key. Register only the public key; the private key stays with the ECD.');
    await importJWK(jwk, algorithmOf(jwk));
  } else if (trimmed.includes('BEGIN PUBLIC KEY')) {
    let key: Awaited<ReturnType<typeof importSPKI>> | undefined;
    for (const alg of KEY_ALGORITHMS) {
      key = await importSPKI(trimmed, alg, { extractable: true }).catch(() => undefined);
      if (key) break;
    }
    if (!key) throw new Error('The PEM is not a P-256 or Ed25519 public key.');
    jwk = await exportJWK(key);
  } else {
    throw new Error('Expected a public key as JWK (JSON) or PEM (-----BEGIN PUBLIC KEY-----).');
  }
  return insertKey(db, tenantId, jwk, label);
}

export async function listIntegrationKeys(db: Kysely<Database>, tenantId: string): Promise<RegisteredKey[]> {
  const rows = await integrationDb(db)
    .selectFrom('integration_keys')
    .select(['kid', 'alg', 'public_jwk', 'label', 'created_at', 'revoked_at'])
    .where('tenant_id', '=', tenantId)
    .orderBy('created_at')
    .execute();
  return rows.map(keyView);
}

/** Tokens signed with a revoked key are refused from the next request on. Returns false for an unknown kid. */
export async function revokeIntegrationKey(db: Kysely<Database>, tenantId: string, kid: string): Promise<boolean> {
  const result = await integrationDb(db)
    .updateTable('integration_keys')
    .set({ revoked_at: sql<Date>`coalesce(revoked_at, now())` })
    .where('tenant_id', '=', tenantId)
    .where('kid', '=', kid)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
