import { Hono } from 'hono';
import type { AppEnv } from '../app.js';

export function healthRoutes() {
  return new Hono<AppEnv>()
    .get('/healthz', (c) => c.json({ status: 'ok' }))
    .get('/readyz', async (c) => {
      const started = performance.now();
      try {
        await c.var.database.ping();
        return c.json({ status: 'ready', database: { kind: c.var.database.kind, reachable: true, latencyMs: Math.round(performance.now() - started) } });
      } catch (error) {
        c.var.logger.warn('readiness check failed', { error });
        return c.body(
          JSON.stringify({
            type: '/problems/not-ready',
            title: 'Database unreachable',
            status: 503,
            code: 'not-ready',
            database: { kind: c.var.database.kind, reachable: false },
          }),
          503,
          { 'content-type': 'application/problem+json; charset=utf-8' },
        );
      }
    });
}
