import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../http/app-env.js';
import { parseOr400 } from '../http/problem.js';

const query = z.object({
  recipient: z.string().min(1).optional(),
  tenant: z.string().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

/** Demo mode only: what the BFF "sent", newest first, so codes can be read without a phone. */
export function devOutboxRoutes() {
  return new Hono<AppEnv>().get('/outbox', async (c) => {
    const { recipient, tenant, limit } = parseOr400(query, c.req.query());
    let select = c.var.db
      .selectFrom('outbox')
      .innerJoin('tenants', 'tenants.id', 'outbox.tenant_id')
      .select([
        'outbox.id',
        'tenants.slug as tenant',
        'outbox.channel',
        'outbox.recipient',
        'outbox.sender',
        'outbox.subject',
        'outbox.body',
        'outbox.status',
        'outbox.created_at as createdAt',
      ])
      .orderBy('outbox.created_at', 'desc')
      .orderBy('outbox.id', 'desc')
      .limit(limit);
    if (recipient) select = select.where('outbox.recipient', '=', recipient);
    if (tenant) select = select.where('tenants.slug', '=', tenant);
    return c.json(await select.execute());
  });
}
