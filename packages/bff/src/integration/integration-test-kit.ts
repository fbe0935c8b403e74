import { setTimeout as sleep } from 'node:timers/promises';
import { randomUUID } from 'node:crypto';
import { importJWK, SignJWT, type JWK } from 'jose';
import type { Hono } from 'hono';
import { expect } from 'vitest';
import type { TenantRecord } from '../tenants/queries.js';
import { INTEGRATION_AUDIENCE } from './auth.js';
import type { Change, ChangesPage } from './changes-feed.js';

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

/** Reads the changes feed as the ECD does: one page, every page, or until `count` changes came. */
export function feedReader(call: (method: string, path: string) => Promise<Response>) {
  async function page(after?: string, limit?: number): Promise<ChangesPage> {
    const query = new URLSearchParams({ ...(after !== undefined ? { after } : {}), ...(limit ? { limit: String(limit) } : {}) });
    const response = await call('GET', `/changes?${query}`);
    expect(response.status).toBe(200);
    return (await response.json()) as ChangesPage;
  }

  /** Every change after the cursor, page by page. */
  async function readAll(after: string, limit = 1000) {
    const items: Change[] = [];
    let cursor = after;
    for (;;) {
      const next = await page(cursor, limit);
      items.push(...next.items);
      cursor = next.next;
      if (!next.more) return { items, cursor };
    }
  }

  /**
   * Reads until `count` changes have come. On the shared test cluster another test database's open
   * transaction holds the feed back for a moment (the horizon is cluster-wide), never for long.
   */
  async function readCount(after: string, count: number, limit = 1000) {
    const items: Change[] = [];
    let cursor = after;
    const until = Date.now() + 10_000;
    while (items.length < count && Date.now() < until) {
      const next = await readAll(cursor, limit);
      items.push(...next.items);
      cursor = next.cursor;
      if (items.length < count) await sleep(20);
    }
    return { items, cursor };
  }
  return { page, readAll, readCount };
}
