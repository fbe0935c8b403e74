import { randomUUID } from 'node:crypto';
import { importJWK, SignJWT, type JWK } from 'jose';
import type { Hono } from 'hono';
import type { TenantRecord } from '../tenants/queries.js';
import { INTEGRATION_AUDIENCE } from './auth.js';

export interface SigningKey {
  kid: string;
  alg: string;
  privateJwk: JWK;
}

export interface TokenOptions {
  iss?: string;
  aud?: string;
  /** Seconds from now. */
  iat?: number;
  exp?: number;
  jti?: string | null;
  kid?: string;
}

/** A token as the ECD makes one: fresh jti, 2 minutes, iss = tenant slug. */
export async function ecdToken(key: SigningKey, tenant: TenantRecord, options: TokenOptions = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const jwt = new SignJWT({})
    .setProtectedHeader({ alg: key.alg, kid: options.kid ?? key.kid, typ: 'JWT' })
    .setIssuer(options.iss ?? tenant.slug)
    .setAudience(options.aud ?? INTEGRATION_AUDIENCE)
    .setIssuedAt(now + (options.iat ?? 0))
    .setExpirationTime(now + (options.exp ?? 120));
  if (options.jti !== null) jwt.setJti(options.jti ?? randomUUID());
  return jwt.sign(await importJWK(key.privateJwk, key.alg));
}

/** Requests to the integration API of one tenant, each with a fresh token unless one is given. */
export function ecdCaller(app: Hono<never>, tenant: TenantRecord, key: SigningKey) {
  return async (method: string, path: string, body?: unknown, options: { token?: string; tenantSlug?: string } = {}) => {
    const token = options.token ?? (await ecdToken(key, tenant));
    return app.request(`/integration/v1/tenants/${options.tenantSlug ?? tenant.slug}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  };
}
