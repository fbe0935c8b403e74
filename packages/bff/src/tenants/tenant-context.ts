import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app.js';
import { Problem } from '../http/problem.js';
import { tenantBySlug, type TenantRecord } from './queries.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const CACHE_MS = 10_000;

/**
 * Tenant settings change rarely and every API request needs them, so they are kept for a few
 * seconds per BFF instance: a change reaches every instance within CACHE_MS.
 */
const cache = new Map<string, { tenant: TenantRecord | undefined; until: number }>();

export function clearTenantCache() {
  cache.clear();
}

/**
 * For every route under /api/tenants/:tenant: loads the tenant (404 if unknown), answers CORS for
 * the tenant's allowed origins only, and refuses state-changing requests that do not come from
 * an allowed origin with the widgets' custom header (CSRF defence for cookie sessions).
 */
export function tenantContext(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const slug = c.req.param('tenant') ?? '';
    const now = Date.now();
    let entry = cache.get(slug);
    if (!entry || entry.until < now) {
      entry = { tenant: await tenantBySlug(c.var.db, slug), until: now + CACHE_MS };
      cache.set(slug, entry);
    }
    const tenant = entry.tenant;
    if (!tenant) throw new Problem(404, 'tenant-not-found', 'Onbekende organisatie', 'Deze zorgorganisatie is niet bekend.');
    c.set('tenant', tenant);

    const origin = c.req.header('origin');
    const ownOrigin = c.var.config.publicOrigin ?? new URL(c.req.url).origin;
    const allowed = origin !== undefined && (origin === ownOrigin || tenant.settings.allowedOrigins.includes(origin));
    const crossOriginAllowed = allowed && origin !== ownOrigin;

    if (c.req.method === 'OPTIONS') {
      if (!crossOriginAllowed) return c.body(null, 403);
      return c.body(null, 204, {
        ...corsHeaders(origin!),
        'access-control-allow-methods': 'GET, POST, PUT, PATCH, DELETE',
        'access-control-allow-headers': 'content-type, x-care-widgets, idempotency-key, x-request-id, last-event-id',
        'access-control-max-age': '600',
      });
    }

    if (!SAFE_METHODS.has(c.req.method)) {
      if (!allowed) throw Problem.forbidden('Dit verzoek komt niet van een website die dit cliëntportaal mag gebruiken.');
      if (c.req.header('x-care-widgets') !== '1') throw Problem.forbidden('The X-Care-Widgets header is missing.');
    }

    await next();
    if (crossOriginAllowed) for (const [name, value] of Object.entries(corsHeaders(origin!))) c.header(name, value);
  };
}

function corsHeaders(origin: string): Record<string, string> {
  return {
    'access-control-allow-origin': origin,
    'access-control-allow-credentials': 'true',
    'access-control-expose-headers': 'x-request-id, retry-after, content-disposition',
    vary: 'Origin',
  };
}
