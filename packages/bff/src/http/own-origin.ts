import type { Context } from 'hono';
import type { AppEnv } from './app-env.js';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The BFF's own origin as browsers see it: PUBLIC_ORIGIN when configured. Without it only a
 * loopback address (a development machine, the demo, the tests) is believed from the request:
 * anyone can send `Host: evil.example`, and that origin must neither pass the CSRF check nor end
 * up in a link in an e-mail.
 */
export function ownOrigin(c: Pick<Context<AppEnv>, 'req' | 'var'>): string | undefined {
  if (c.var.config.publicOrigin) return c.var.config.publicOrigin;
  const url = new URL(c.req.url);
  return LOOPBACK_HOSTS.has(url.hostname) ? url.origin : undefined;
}
