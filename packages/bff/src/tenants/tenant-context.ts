import type { Context, MiddlewareHandler } from 'hono';
import { areaLabels, englishAreaLabels } from '../contacts/rights.js';
import type { AppEnv } from '../http/app-env.js';
import { BoundedCache } from '../http/bounded-cache.js';
import { ownOrigin } from '../http/own-origin.js';
import { Problem } from '../http/problem.js';
import type { DatabaseHandle } from '../db/database.js';
import { TENANTS_CHANNEL, tenantBySlug, type TenantRecord } from './queries.js';
import { offers, type DataWidget } from './settings.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const CACHE_MS = 10_000;
/** The shape the tenants table allows (its CHECK constraint); anything else cannot exist. */
const SLUG = /^[a-z0-9][a-z0-9-]{1,62}$/;

/**
 * Tenant settings change rarely and every API request needs them, so they are kept for a few
 * seconds per BFF instance; a change made with `tenant apply` is announced at once (below). Both caches are
 * bounded, the one of unknown slugs separately, so a flood of made-up slugs neither grows the
 * process nor pushes the real tenants out.
 */
const known = new BoundedCache<TenantRecord>(1000, CACHE_MS);
const unknown = new BoundedCache<true>(1000, CACHE_MS);

export function clearTenantCache() {
  known.clear();
  unknown.clear();
}

/** How many slugs are cached, known and unknown (for tests of the bound). */
export function tenantCacheSize() {
  return known.size + unknown.size;
}

/**
 * `tenant apply` NOTIFYs the slug it changed: each instance drops its copy at once, so a new
 * setting reaches every instance without waiting for CACHE_MS (which stays the bound when a
 * notification is lost, e.g. while the listening connection reconnects).
 */
const watched = new WeakSet<DatabaseHandle>();
function watchTenantChanges(database: DatabaseHandle) {
  if (watched.has(database)) return;
  watched.add(database);
  database
    .listen(TENANTS_CHANNEL, (slug) => {
      known.delete(slug);
      unknown.delete(slug);
    })
    .catch(() => watched.delete(database));
}

async function cachedTenant<E extends AppEnv>(c: Context<E>, slug: string): Promise<TenantRecord | undefined> {
  watchTenantChanges(c.var.database);
  if (!SLUG.test(slug) || unknown.get(slug)) return undefined;
  const hit = known.get(slug);
  if (hit) return hit.value;
  const tenant = await tenantBySlug(c.var.db, slug);
  if (tenant) known.set(slug, tenant);
  else unknown.set(slug, true);
  return tenant;
}

/**
 * For every route under /api/tenants/:tenant: loads the tenant (404 if unknown), answers CORS for
 * the tenant's allowed origins only, and refuses state-changing requests that do not come from
 * an allowed origin with the widgets' custom header (CSRF defence for cookie sessions).
 */
export function tenantContext(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const tenant = await cachedTenant(c, c.req.param('tenant') ?? '');
    if (!tenant)
      throw new Problem(
        404,
        'tenant-not-found',
        { nl: 'Onbekende organisatie', en: 'Unknown organisation' },
        { nl: 'Deze zorgorganisatie is niet bekend.', en: 'This care organisation is not known.' },
      );
    c.set('tenant', tenant);

    const origin = c.req.header('origin');
    // Most reads carry no Origin (same-origin GET): then there is no need to work out our own.
    const own = origin === undefined ? undefined : ownOrigin(c);
    const allowed = origin !== undefined && (origin === own || tenant.settings.allowedOrigins.includes(origin));
    const crossOriginAllowed = allowed && origin !== own;

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
      if (!allowed)
        throw Problem.forbidden({
          nl: 'Dit verzoek komt niet van een website die dit cliëntportaal mag gebruiken.',
          en: 'This request does not come from a website that may use this client portal.',
        });
      if (c.req.header('x-care-widgets') !== '1') throw Problem.forbidden('The X-Care-Widgets header is missing.');
    }

    await next();
    if (crossOriginAllowed)
      for (const [name, value] of Object.entries(corsHeaders(origin!))) c.header(name, value, { append: name === 'vary' });
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

/**
 * The widget as the sentence "Zorggroep De Linde biedt … niet aan in het cliëntportaal." names it:
 * the areas of the no-access sentence, and the widgets that have no right of their own.
 */
const { accessLog, ...areaWidgets } = areaLabels;
const widgetLabels: Record<DataWidget, string> = {
  ...areaWidgets,
  'access-log': accessLog,
  contacts: 'de contactpersonen',
  activity: 'het overzicht "Sinds uw vorige bezoek"',
};

const { accessLog: englishAccessLog, ...englishAreaWidgets } = englishAreaLabels;
const englishWidgetLabels: Record<DataWidget, string> = {
  ...englishAreaWidgets,
  'access-log': englishAccessLog,
  contacts: 'the contact persons',
  activity: 'the overview "Since your last visit"',
};

/**
 * For every route of one widget (app.ts mounts each feature with it): a tenant that does not offer
 * the widget (`enabledWidgets`) answers `404 widget-disabled` before the session is looked at, so
 * nothing of the client's file is read, no audit row claims a read, and a widget on the page shows
 * the calm sentence instead of a login prompt. A 404 as for an unknown tenant (`tenant-not-found`):
 * at this organisation the feature does not exist. Not a 403, which this BFF gives a person whose
 * rights do not reach (`no-right`, `client-only`): another person, or a right given, changes that.
 */
export function requireWidget(widget: DataWidget): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const tenant = c.var.tenant;
    if (!offers(tenant.settings, widget)) {
      throw new Problem(
        404,
        'widget-disabled',
        { nl: 'Niet beschikbaar', en: 'Not available' },
        {
          nl: `${tenant.name} biedt ${widgetLabels[widget]} niet aan in het cliëntportaal.`,
          en: `${tenant.name} does not offer ${englishWidgetLabels[widget]} in the client portal.`,
        },
        { widget },
      );
    }
    await next();
  };
}
