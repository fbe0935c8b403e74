import type { Context, MiddlewareHandler } from 'hono';
import { decodeProtectedHeader, errors, importJWK, jwtVerify, type JWK } from 'jose';
import { sql } from 'kysely';
import { consume } from '../auth/rate-limits.js';
import { clientAddress } from '../http/client-address.js';
import { Problem, problemResponse } from '../http/problem.js';
import type { TenantRecord } from '../tenants/queries.js';
import { parseTenantSettings } from '../tenants/settings.js';
import { integrationAuditRow } from './audit.js';
import type { IntegrationEnv } from './integration-env.js';
import { integrationDb, type IntegrationKeyAlgorithm } from './schema.js';

/** The `aud` every integration token must carry. */
export const INTEGRATION_AUDIENCE = 'care-widgets:integration';
/** A token may live at most this long (exp − iat). */
export const MAX_TOKEN_SECONDS = 300;
/** Clock difference between the ECD and the BFF that is forgiven. */
export const CLOCK_TOLERANCE_SECONDS = 30;

export type TokenFailure =
  | 'missing-token'
  | 'malformed'
  | 'unknown-key'
  | 'revoked-key'
  | 'bad-signature'
  | 'expired'
  | 'not-yet-valid'
  | 'wrong-issuer'
  | 'wrong-audience'
  | 'lifetime-too-long'
  | 'missing-claim'
  | 'replayed';

const failureText: Record<TokenFailure, string> = {
  'missing-token': 'Send Authorization: Bearer <token>, a JWT signed with a key registered for this tenant.',
  malformed: 'The token is not a compact JWS with a kid and an ES256 or EdDSA alg in its header.',
  'unknown-key': 'No key with this kid is registered for this tenant.',
  'revoked-key': 'The key with this kid has been revoked.',
  'bad-signature': 'The signature does not verify with the registered key.',
  expired: 'The token has expired.',
  'not-yet-valid': 'The token is not valid yet (iat or nbf lies in the future).',
  'wrong-issuer': 'The token was issued for another tenant: iss must be the tenant slug of the path.',
  'wrong-audience': `The token's aud must be "${INTEGRATION_AUDIENCE}".`,
  'lifetime-too-long': `A token may live at most ${MAX_TOKEN_SECONDS} seconds (exp − iat).`,
  'missing-claim': 'The token needs the claims iss, aud, iat, exp and jti.',
  replayed: 'This token id (jti) has been used before; sign a new token for every request.',
};

/**
 * Refused tokens per source address and minute that are audited and logged one by one; past it
 * the refusal is a 429 with neither, so forged tokens cannot flood audit_log or the log.
 */
export const AUDITED_REFUSALS_PER_MINUTE = 30;
/** Longest kid, jti or tenant slug copied into an audit row or log line: they are attacker-chosen. */
const MAX_ECHOED_CHARS = 100;

/** Seconds after expiry a used jti is still kept (the tolerance lets a token live that much longer). */
const JTI_RETENTION_SECONDS = CLOCK_TOLERANCE_SECONDS + 60;

/**
 * Bearer-token authentication of the ECD, per tenant: a short-lived JWT signed with one of the
 * tenant's registered keys (chosen by kid), iss = tenant slug, aud = INTEGRATION_AUDIENCE,
 * a jti used once. Every refusal is a 401 problem and, when the tenant exists, an audit row.
 * An unknown tenant is refused exactly like a bad token, so tenants cannot be probed.
 */
export function requireIntegrationToken(): MiddlewareHandler<IntegrationEnv> {
  return async (c, next) => {
    const slug = c.req.param('tenant') ?? '';
    const match = /^Bearer +([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/i.exec(c.req.header('authorization') ?? '');
    if (!match) return deny(c, undefined, 'missing-token');
    const token = match[1]!;

    let kid: string;
    let alg: string;
    try {
      const header = decodeProtectedHeader(token);
      if (typeof header.kid !== 'string' || !header.kid || (header.alg !== 'ES256' && header.alg !== 'EdDSA'))
        return deny(c, undefined, 'malformed');
      kid = header.kid;
      alg = header.alg;
    } catch {
      return deny(c, undefined, 'malformed');
    }

    const row = await integrationDb(c.var.db)
      .selectFrom('tenants as t')
      .leftJoin('integration_keys as k', (join) => join.onRef('k.tenant_id', '=', 't.id').on('k.kid', '=', kid))
      .select(['t.id', 't.slug', 't.name', 't.settings', 'k.kid', 'k.alg', 'k.public_jwk', 'k.revoked_at'])
      .where('t.slug', '=', slug)
      .executeTakeFirst();
    if (!row) return deny(c, undefined, 'unknown-key');
    const tenant: TenantRecord = { id: row.id, slug: row.slug, name: row.name, settings: parseTenantSettings(row.settings) };
    c.set('tenant', tenant);
    if (!row.kid || !row.public_jwk) return deny(c, tenant, 'unknown-key', { kid });
    if (row.revoked_at) return deny(c, tenant, 'revoked-key', { kid });
    if (row.alg !== alg) return deny(c, tenant, 'malformed', { kid });

    let claims;
    try {
      const key = await importJWK(row.public_jwk as JWK, row.alg as IntegrationKeyAlgorithm);
      ({ payload: claims } = await jwtVerify(token, key, {
        algorithms: [row.alg],
        issuer: tenant.slug,
        audience: INTEGRATION_AUDIENCE,
        requiredClaims: ['iss', 'aud', 'iat', 'exp', 'jti'],
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
      }));
    } catch (error) {
      return deny(c, tenant, verificationFailure(error), { kid });
    }
    const { iat, exp, jti } = claims as { iat: number; exp: number; jti: unknown };
    if (typeof jti !== 'string' || jti.length < 8 || jti.length > 200) return deny(c, tenant, 'missing-claim', { kid });
    if (exp - iat > MAX_TOKEN_SECONDS) return deny(c, tenant, 'lifetime-too-long', { kid });
    if (iat > Date.now() / 1000 + CLOCK_TOLERANCE_SECONDS) return deny(c, tenant, 'not-yet-valid', { kid });

    const uses = integrationDb(c.var.db);
    const fresh = await uses
      .insertInto('integration_token_uses')
      .values({ tenant_id: tenant.id, jti, expires_at: new Date((exp + JTI_RETENTION_SECONDS) * 1000) })
      .onConflict((oc) => oc.columns(['tenant_id', 'jti']).doNothing())
      .returning('jti')
      .executeTakeFirst();
    if (!fresh) return deny(c, tenant, 'replayed', { kid, jti });
    // Spent token ids are only needed until they expire; an occasional request sweeps them.
    if (Math.random() < 0.02) {
      await uses
        .deleteFrom('integration_token_uses')
        .where('tenant_id', '=', tenant.id)
        .where('expires_at', '<', sql<Date>`now()`)
        .execute();
    }

    c.set('integration', { kid, jti });
    await next();
  };
}

function verificationFailure(error: unknown): TokenFailure {
  if (error instanceof errors.JWTExpired) return 'expired';
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'bad-signature';
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'iss') return 'wrong-issuer';
    if (error.claim === 'aud') return 'wrong-audience';
    if (error.claim === 'nbf' || error.claim === 'iat') return error.reason === 'missing' ? 'missing-claim' : 'not-yet-valid';
    if (error.reason === 'missing') return 'missing-claim';
  }
  return 'malformed';
}

const bounded = (text: string) => (text.length > MAX_ECHOED_CHARS ? `${text.slice(0, MAX_ECHOED_CHARS)}…` : text);

async function deny(
  c: Context<IntegrationEnv>,
  tenant: TenantRecord | undefined,
  reason: TokenFailure,
  given: { kid?: string; jti?: string } = {},
) {
  const details = Object.fromEntries(Object.entries(given).map(([key, value]) => [key, bounded(value)]));
  if (tenant) {
    const source = clientAddress(c, c.var.config.trustedProxies) ?? 'unknown';
    const budget = await consume(c.var.db, tenant.id, {
      bucket: `integration-refusals:from:${source}`,
      max: AUDITED_REFUSALS_PER_MINUTE,
      windowSeconds: 60,
    });
    if (!budget.allowed) {
      return problemResponse(
        c,
        Problem.tooManyRequests(
          'Too many refused tokens from this address. Sign a valid token and try again later.',
          budget.retryAfterSeconds,
        ),
      );
    }
    await c.var.db
      .insertInto('audit_log')
      .values(integrationAuditRow(c, { action: 'integration.authenticate', outcome: 'denied', details: { reason, ...details } }))
      .execute();
  }
  c.var.logger.warn('integration token refused', { tenant: bounded(c.req.param('tenant') ?? ''), reason, ...details });
  const response = problemResponse(c, new Problem(401, 'invalid-token', 'Ongeldig token', failureText[reason], { reason }));
  response.headers.set('www-authenticate', `Bearer error="invalid_token", error_description="${reason}"`);
  return response;
}
