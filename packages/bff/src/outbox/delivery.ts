import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { Logger } from '../http/logger.js';

export interface OutgoingMessage {
  tenantId: string;
  channel: 'sms' | 'email';
  recipient: string;
  /** SMS sender id or e-mail From name. */
  sender: string;
  subject?: string | undefined;
  body: string;
}

/** Hands a message to the world: an SMS gateway, an SMTP server, or the console in development. */
export interface DeliveryProvider {
  readonly name: string;
  deliver(message: OutgoingMessage): Promise<{ providerMessageId?: string }>;
}

/** The development provider: prints every SMS and e-mail, so a developer can read the codes. */
export function consoleDelivery(logger: Logger): DeliveryProvider {
  return {
    name: 'console',
    async deliver(message) {
      logger.info('outbox delivery', {
        channel: message.channel,
        to: message.recipient,
        from: message.sender,
        ...(message.subject ? { subject: message.subject } : {}),
        body: message.body,
      });
      return {};
    },
  };
}

export interface Outbox {
  /** Records the message in the outbox table and delivers it; a failed delivery stays recorded as failed. */
  send(message: OutgoingMessage): Promise<void>;
}

export function createOutbox(db: Kysely<Database>, provider: DeliveryProvider, logger: Logger): Outbox {
  return {
    async send(message) {
      const row = await db
        .insertInto('outbox')
        .values({
          tenant_id: message.tenantId,
          channel: message.channel,
          recipient: message.recipient,
          sender: message.sender,
          subject: message.subject ?? null,
          body: message.body,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      try {
        const result = await provider.deliver(message);
        await db
          .updateTable('outbox')
          .set({ status: 'sent', sent_at: new Date(), attempts: 1, provider_message_id: result.providerMessageId ?? null })
          .where('tenant_id', '=', message.tenantId)
          .where('id', '=', row.id)
          .execute();
      } catch (error) {
        logger.error('outbox delivery failed', { outboxId: row.id, channel: message.channel, error });
        await db
          .updateTable('outbox')
          .set({ status: 'failed', attempts: 1 })
          .where('tenant_id', '=', message.tenantId)
          .where('id', '=', row.id)
          .execute();
        throw error;
      }
    },
  };
}
