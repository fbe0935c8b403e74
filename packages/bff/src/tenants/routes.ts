import { Hono } from 'hono';
import type { AppEnv } from '../http/app-env.js';
import { publicTenantView } from './queries.js';

export function tenantRoutes() {
  return new Hono<AppEnv>()
    .get('/', (c) => c.json(publicTenantView(c.var.tenant)))
    .get('/terms', (c) => c.json(c.var.tenant.settings.terms));
}
