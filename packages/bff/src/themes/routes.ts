import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Hono } from 'hono';
import type { AppEnv } from '../http/app-env.js';
import type { Config } from '../config.js';
import { Problem } from '../http/problem.js';
import { tenantBySlug } from '../tenants/queries.js';

/** GET /themes/<tenant>.css: the tenant's design tokens as CSS custom properties. */
export function themeRoutes(config: Config) {
  return new Hono<AppEnv>().get('/:file{[a-z0-9-]+\\.css}', async (c) => {
    const slug = c.req.param('file').replace(/\.css$/, '');
    const tenant = await tenantBySlug(c.var.db, slug);
    if (!tenant)
      throw new Problem(
        404,
        'tenant-not-found',
        { nl: 'Onbekende organisatie', en: 'Unknown organisation' },
        { nl: 'Deze zorgorganisatie is niet bekend.', en: 'This care organisation is not known.' },
      );
    const css =
      (await readFile(join(config.themesDir, `${tenant.settings.theme}.css`), 'utf8').catch(() => undefined)) ??
      (await readFile(join(config.themesDir, 'base.css'), 'utf8').catch(() => undefined));
    if (css === undefined) throw Problem.notFound('The themes have not been built (pnpm build).');
    return c.body(css, 200, {
      'content-type': 'text/css; charset=utf-8',
      'access-control-allow-origin': '*',
      'cache-control': 'public, max-age=300',
      'x-content-type-options': 'nosniff',
    });
  });
}
