import { Hono } from 'hono';
import { sql, type Kysely } from 'kysely';
import { z } from 'zod';
import type { AppEnv } from '../http/app-env.js';
import type { Database } from '../db/schema.js';
import { Problem, parseOr400, readJson } from '../http/problem.js';
import { characterCount, MESSAGE_MAX_CHARACTERS, storeStaffMessage } from './queries.js';

export const staffReplySchema = z.object({
  tenant: z.string().min(1, 'required'),
  clientUsername: z.string().min(1, 'required'),
  from: z.string().trim().min(1, 'required').max(200),
  body: z
    .string()
    .trim()
    .min(1, 'required')
    .refine((text) => characterCount(text) <= MESSAGE_MAX_CHARACTERS, `at most ${MESSAGE_MAX_CHARACTERS} characters`),
});
export type StaffReply = z.infer<typeof staffReplySchema>;

export type StaffReplyResult =
  { ok: true; messageId: string; clientId: string; sentAt: string } | { ok: false; reason: 'unknown-tenant' | 'unknown-client' };

/**
 * Demo only, until the ECD integration exists: a "care team member" answers in the thread of
 * the client whose portal account has this username. Stored and announced like any message.
 */
export async function replyAsCareTeam(db: Kysely<Database>, reply: StaffReply): Promise<StaffReplyResult> {
  const tenant = await db.selectFrom('tenants').select('id').where('slug', '=', reply.tenant).executeTakeFirst();
  if (!tenant) return { ok: false, reason: 'unknown-tenant' };
  const client = await db
    .selectFrom('accounts as a')
    .innerJoin('account_clients as ac', (join) => join.onRef('ac.tenant_id', '=', 'a.tenant_id').onRef('ac.account_id', '=', 'a.id'))
    .select('ac.client_id')
    .where('a.tenant_id', '=', tenant.id)
    .where(sql<string>`lower(a.username)`, '=', reply.clientUsername.trim().toLowerCase())
    .where('ac.relation', '=', 'self')
    .executeTakeFirst();
  if (!client) return { ok: false, reason: 'unknown-client' };
  const stored = await storeStaffMessage(db, { tenantId: tenant.id, clientId: client.client_id, senderName: reply.from, body: reply.body });
  return { ok: true, messageId: stored.id, clientId: client.client_id, sentAt: new Date(stored.sentAt).toISOString() };
}

/**
 * Demo mode only: POST /dev/messages/reply with the same fields as `care-bff reply`. The CLI uses
 * it when the demo server holds the embedded database (PGlite allows one process at a time).
 * A JSON body is required, so a page on another site cannot post here without a preflight.
 */
export function devStaffReplyRoutes() {
  return new Hono<AppEnv>().post('/messages/reply', async (c) => {
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
  });
}
