import { Hono } from 'hono';
import type { AppEnv } from '../app.js';
import { Problem } from '../http/problem.js';
import { publicTenantView, tenantBySlug } from './queries.js';

export function tenantRoutes() {
  return new Hono<AppEnv>()
    .get('/', async (c) => {
      const tenant = await tenantBySlug(c.var.db, c.req.param('tenant') ?? '');
      if (!tenant) throw new Problem(404, 'tenant-not-found', 'Onbekende organisatie', 'There is no tenant with this name.');
      return c.json(publicTenantView(tenant));
    })
    .get('/terms', async (c) => {
      const tenant = await tenantBySlug(c.var.db, c.req.param('tenant') ?? '');
      if (!tenant) throw new Problem(404, 'tenant-not-found', 'Onbekende organisatie', 'There is no tenant with this name.');
      return c.json(tenant.settings.terms);
    });
}
