import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../http/app-env.js';
import { Problem, parseOr400, readJson } from '../http/problem.js';
import { createIntegrationKey } from '../integration/keys.js';
import { replyAsCareTeam, staffReplySchema } from '../messages/staff-reply.js';
import { tenantBySlug } from '../tenants/queries.js';

const outboxQuery = z.object({
  recipient: z.string().min(1).optional(),
  tenant: z.string().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

/**
 * Every route that exists in demo mode only, under /dev (app.ts mounts them only then). They
 * stand in for what a real installation has elsewhere: a phone and a mailbox, the care team's
 * ECD, the key exchange with it. The CLI calls them when the demo server holds the embedded
 * database (PGlite allows one process at a time). The POSTs require a JSON body, so a page on
 * another site cannot send them without a preflight.
 */
export function devRoutes() {
  return (
    new Hono<AppEnv>()
      // What the BFF "sent", newest first, so codes and links can be read without a phone.
      .get('/outbox', async (c) => {
        const { recipient, tenant, limit } = parseOr400(outboxQuery, c.req.query());
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
      })

      // A "care team member" answers in a client's thread, with the same fields as `care-bff reply`.
      .post('/messages/reply', async (c) => {
        const reply = parseOr400(staffReplySchema, await readJson(c));
        const result = await replyAsCareTeam(c.var.db, reply);
        if (!result.ok)
          throw Problem.notFound(
            result.reason === 'unknown-tenant'
              ? `There is no tenant "${reply.tenant}".`
              : `No client has the username "${reply.clientUsername}".`,
          );
        c.var.logger.info('demo staff reply', { tenant: reply.tenant, messageId: result.messageId });
        return c.json(result, 201);
      })

      // An integration key for a tenant, so the ECD simulator can talk to a running demo.
      .post('/integration-keys', async (c) => {
        const body = parseOr400(
          z.object({ tenant: z.string().min(1), alg: z.enum(['ES256', 'EdDSA']).default('ES256') }),
          await readJson(c),
        );
        const tenant = await tenantBySlug(c.var.db, body.tenant);
        if (!tenant) throw Problem.notFound(`There is no tenant "${body.tenant}".`);
        const key = await createIntegrationKey(c.var.db, tenant.id, { alg: body.alg, label: 'demo (dev endpoint)' });
        c.var.logger.info('demo integration key created', { tenant: tenant.slug, kid: key.kid });
        return c.json({ tenant: tenant.slug, kid: key.kid, alg: key.alg, privateJwk: key.privateJwk }, 201);
      })
  );
}
