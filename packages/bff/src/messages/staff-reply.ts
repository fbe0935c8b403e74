import { sql, type Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../db/schema.js';
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
