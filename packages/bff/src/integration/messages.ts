import { z } from 'zod';
import { characterCount, MESSAGE_MAX_CHARACTERS, notifyThread } from '../messages/queries.js';
import { clientIdsByEcdId, unknownClient, type Outcome, type RecordKind } from './batch.js';
import { plainText } from '../http/plain-text.js';
import { dateTime, ecdId, line } from './fields.js';

export const messageSchema = z.strictObject({
  ecdId,
  clientEcdId: ecdId,
  /** The care team member as the client sees them, e.g. "Zr. Jansen (wijkverpleegkundige)". */
  senderName: line(200),
  body: z
    .string({ error: 'required' })
    .overwrite(plainText)
    .trim()
    .min(1, 'required')
    .refine((body) => characterCount(body) <= MESSAGE_MAX_CHARACTERS, `at most ${MESSAGE_MAX_CHARACTERS} characters`),
  /** When it was written in the ECD; now when absent. */
  sentAt: dateTime.optional(),
});
export type MessagePush = z.infer<typeof messageSchema>;

/**
 * A message of the care team in the client's thread. Stored and announced (NOTIFY, at commit)
 * so an open <care-messages> shows it at once. A sent message is never changed: the same ecdId
 * with other content is a conflict.
 */
export const messageRecords: RecordKind<MessagePush> = {
  name: 'messages',
  resourceType: 'message',
  schema: messageSchema,
  async apply({ trx, tenant }, items) {
    const clients = await clientIdsByEcdId(
      trx,
      tenant.id,
      items.map((item) => item.clientEcdId),
    );
    const existing = new Map(
      (
        await trx
          .selectFrom('messages')
          .select(['id', 'ecd_id', 'client_id', 'sender_name', 'body'])
          .where('tenant_id', '=', tenant.id)
          .where(
            'ecd_id',
            'in',
            items.map((item) => item.ecdId),
          )
          .execute()
      ).map((row) => [row.ecd_id!, row]),
    );
    const outcomes: Outcome[] = [];
    for (const item of items) {
      const clientId = clients.get(item.clientEcdId);
      if (!clientId) {
        outcomes.push(unknownClient());
        continue;
      }
      const stored = existing.get(item.ecdId);
      if (stored) {
        const same = stored.client_id === clientId && stored.sender_name === item.senderName && stored.body === item.body;
        outcomes.push(
          same
            ? { status: 'unchanged', id: stored.id, clientId }
            : {
                status: 'conflict',
                errors: [
                  {
                    field: 'ecdId',
                    detail: 'a message with this ecdId was sent already, with other content; a sent message cannot be changed',
                  },
                ],
              },
        );
        continue;
      }
      const row = await trx
        .insertInto('messages')
        .values({
          tenant_id: tenant.id,
          client_id: clientId,
          ecd_id: item.ecdId,
          sender_kind: 'staff',
          sender_account_id: null,
          sender_name: item.senderName,
          body: item.body,
          ...(item.sentAt ? { sent_at: item.sentAt } : {}),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await notifyThread(trx, { t: tenant.id, c: clientId, k: 'message', m: row.id });
      outcomes.push({ status: 'created', id: row.id, clientId });
    }
    return outcomes;
  },
};
