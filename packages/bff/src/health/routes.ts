import { Hono } from 'hono';
import type { AppEnv } from '../http/app-env.js';

/**
 * /healthz: the process is alive (a load balancer must not restart it for a database fault).
 * /readyz: it can serve now — its own bounded round trip to the database, and not draining.
 */
export function healthRoutes(shutdown?: AbortSignal) {
  return new Hono<AppEnv>()
    .get('/healthz', (c) => c.json({ status: 'ok' }))
    .get('/readyz', async (c) => {
      const kind = c.var.database.kind;
      if (shutdown?.aborted) return notReady('Shutting down', { draining: true, database: { kind } });
      const started = performance.now();
      try {
        await c.var.database.ping(c.var.config.readyTimeoutMs);
        return c.json({ status: 'ready', database: { kind, reachable: true, latencyMs: Math.round(performance.now() - started) } });
      } catch (error) {
        c.var.logger.warn('readiness check failed', { error });
        return notReady('Database unreachable', { database: { kind, reachable: false } });
      }
    });
}

function notReady(title: string, extensions: Record<string, unknown>) {
  return new Response(JSON.stringify({ type: '/problems/not-ready', title, status: 503, code: 'not-ready', ...extensions }), {
    status: 503,
    headers: { 'content-type': 'application/problem+json; charset=utf-8', 'retry-after': '1' },
  });
}
