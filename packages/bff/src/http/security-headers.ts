import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './app-env.js';

/** Paths whose answers carry client data or session state: never cached, never framed. */
const DATA_PATHS = /^\/(api\/tenants|integration|dev)\//;
const HSTS_SECONDS = 365 * 86_400;

/**
 * Headers on every answer: no MIME sniffing, no referrer leaving the portal; on the data and
 * auth API also no caching (a shared or back-button cache must not keep health data) and no
 * framing. HSTS only when the BFF's configured public origin is https: over plain http a browser
 * ignores it, and a development setup must not pin localhost to https.
 */
export function securityHeaders(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    const headers = c.res.headers;
    headers.set('x-content-type-options', 'nosniff');
    headers.set('referrer-policy', 'no-referrer');
    if (DATA_PATHS.test(c.req.path)) {
      // A route that chose its own (an event stream's no-cache, a PDF's private, no-store) keeps it.
      if (!headers.has('cache-control')) headers.set('cache-control', 'no-store');
      headers.set('content-security-policy', "default-src 'none'; frame-ancestors 'none'");
      headers.set('x-frame-options', 'DENY');
    }
    if (c.var.config?.publicOrigin?.startsWith('https://')) headers.set('strict-transport-security', `max-age=${HSTS_SECONDS}`);
  };
}
