import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { Logger } from '../http/logger.js';
import { openSecret, sealSecret } from '../security/server-secret.js';
import type { TenantRecord } from '../tenants/queries.js';
import { redactSecrets } from './redaction.js';
import { DeliveryError, type SmsProvider } from './sms-providers.js';
import type { MailTransport } from './smtp.js';

export interface OutgoingMessage {
  tenantId: string;
  channel: 'sms' | 'email';
  recipient: string;
  /** SMS sender id or e-mail From name. */
  sender: string;
  subject?: string | undefined;
  body: string;
  /** E-mail only: where answers go (the tenant's reply-to). */
  replyTo?: string | null | undefined;
  /** A code's challenge: once it is used, replaced or expired, the message is not delivered any more. */
  challengeId?: string | undefined;
  /** No delivery after this moment (a code's expiry); e-mail defaults to a day. */
  deliverUntil?: Date | undefined;
}

/** Hands a message to the world: an SMS gateway, an SMTP server, or the console in development. */
export interface DeliveryProvider {
  readonly name: string;
  /** `reference` is the outbox row's id, for providers that echo one. Throws a DeliveryError. */
  deliver(message: OutgoingMessage & { reference: string }): Promise<{ providerMessageId?: string | null }>;
  close?(): void;
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

/** Production delivery: SMS through the configured gateway, e-mail through SMTP. */
export function providerDelivery(sms: SmsProvider, mail: MailTransport): DeliveryProvider {
  return {
    name: `${sms.name}+smtp`,
    async deliver(message) {
      if (message.channel === 'sms')
        return sms.send({ to: message.recipient, from: message.sender, text: message.body, reference: message.reference });
      return mail.send({
        to: message.recipient,
        fromName: message.sender,
        replyTo: message.replyTo ?? null,
        subject: message.subject ?? '',
        text: message.body,
      });
    },
    close: () => mail.close(),
  };
}

/** The From name and reply-to of a tenant's e-mails. */
export function emailSender(tenant: TenantRecord): { sender: string; replyTo: string | null } {
  return { sender: tenant.settings.email.fromName ?? tenant.name, replyTo: tenant.settings.email.replyTo };
}

/** A message that could not be handed to the provider now; a transient failure stays queued for a retry. */
export class MessageNotDelivered extends Error {
  constructor(
    readonly permanent: boolean,
    options?: { cause?: unknown },
  ) {
    super(permanent ? 'The provider refused the message' : 'The provider could not take the message now', options);
    this.name = 'MessageNotDelivered';
  }
}

export interface Outbox {
  /**
   * Records the message and delivers it before answering, for codes a person is waiting for.
   * Throws MessageNotDelivered when the provider did not take it (a transient failure is retried
   * in the background while the code is valid).
   */
  send(message: OutgoingMessage): Promise<void>;
  /** Records the message; the background worker delivers it, with retries (links and notices). */
  enqueue(message: OutgoingMessage): Promise<void>;
  /** Claims due rows in the database and delivers them; answers how many it handled. */
  deliverDue(limit?: number): Promise<number>;
  /** Polls for due rows (retries, rows another instance left) until stop(). */
  start(): void;
  stop(): Promise<void>;
}

export interface OutboxOptions {
  /** Production: bodies are sealed with SECRET_KEY until delivered, then codes and links are redacted. */
  sealBodies?: boolean;
  pollMs?: number;
  /** How long a claim holds before another instance may take the row over (a crashed instance). */
  leaseSeconds?: number;
  maxAttempts?: number;
}

const EMAIL_DELIVERY_HOURS = 24;

/** 5 s, 15 s, 45 s … at most 10 minutes, with jitter so that instances do not retry in step. */
export function retryDelaySeconds(attempts: number): number {
  const base = Math.min(600, 5 * 3 ** Math.max(0, attempts - 1));
  return Math.round(base * (0.8 + Math.random() * 0.4));
}

type ClaimedRow = {
  tenant_id: string;
  id: number;
  channel: 'sms' | 'email';
  recipient: string;
  sender: string;
  subject: string | null;
  body: string;
  reply_to: string | null;
  challenge_id: string | null;
  deliver_until: Date | null;
  attempts: number;
};

export function createOutbox(db: Kysely<Database>, provider: DeliveryProvider, logger: Logger, options: OutboxOptions = {}): Outbox {
  const seal = options.sealBodies ?? false;
  const leaseSeconds = options.leaseSeconds ?? 120;
  const maxAttempts = options.maxAttempts ?? 10;
  let timer: NodeJS.Timeout | undefined;
  let wakeTimer: NodeJS.Timeout | undefined;
  let draining: Promise<void> | undefined;
  let stopped = false;

  const stored = (body: string) => (seal ? sealSecret(body) : body);
  const readable = (body: string) => (body.startsWith('v1.') ? openSecret(body) : body);
  /** What stays once a row is done: in production no code or link, in the demo the whole text (dev outbox). */
  const afterwards = (body: string) => (seal ? redactSecrets(readable(body)) : body);

  function values(message: OutgoingMessage) {
    return {
      tenant_id: message.tenantId,
      channel: message.channel,
      recipient: message.recipient,
      sender: message.sender,
      subject: message.subject ?? null,
      body: stored(message.body),
      reply_to: message.replyTo ?? null,
      challenge_id: message.challengeId ?? null,
      deliver_until: message.deliverUntil ?? (message.channel === 'email' ? new Date(Date.now() + EMAIL_DELIVERY_HOURS * 3_600_000) : null),
    };
  }

  /** Delivers one claimed row and records the outcome; throws MessageNotDelivered on failure. */
  async function deliverClaimed(row: ClaimedRow, plaintext: string): Promise<void> {
    try {
      const result = await provider.deliver({
        tenantId: row.tenant_id,
        channel: row.channel,
        recipient: row.recipient,
        sender: row.sender,
        subject: row.subject ?? undefined,
        body: plaintext,
        replyTo: row.reply_to,
        reference: String(row.id),
      });
      await db
        .updateTable('outbox')
        .set({
          status: 'sent',
          sent_at: new Date(),
          claimed_until: null,
          last_error: null,
          provider_message_id: result.providerMessageId ?? null,
          body: seal ? redactSecrets(plaintext) : row.body,
        })
        .where('tenant_id', '=', row.tenant_id)
        .where('id', '=', row.id)
        .execute();
    } catch (error) {
      const permanent = error instanceof DeliveryError ? error.permanent : false;
      const reason = error instanceof Error ? error.message.slice(0, 300) : 'unknown error';
      const delay = retryDelaySeconds(row.attempts);
      const retryAt = new Date(Date.now() + delay * 1000);
      const retry = !permanent && row.attempts < maxAttempts && (row.deliver_until === null || row.deliver_until > retryAt);
      logger.warn('outbox delivery failed', {
        outboxId: String(row.id),
        channel: row.channel,
        provider: provider.name,
        attempt: row.attempts,
        permanent,
        retryInSeconds: retry ? delay : null,
        reason,
      });
      await db
        .updateTable('outbox')
        .set(
          retry
            ? { status: 'pending', next_attempt_at: retryAt, claimed_until: null, last_error: reason }
            : { status: 'failed', claimed_until: null, last_error: reason, body: seal ? redactSecrets(plaintext) : row.body },
        )
        .where('tenant_id', '=', row.tenant_id)
        .where('id', '=', row.id)
        .execute();
      throw new MessageNotDelivered(permanent, { cause: error });
    }
  }

  /** A code whose challenge is used, replaced or expired is not worth sending any more. */
  async function stillWanted(row: ClaimedRow): Promise<boolean> {
    if (row.deliver_until && row.deliver_until.getTime() <= Date.now()) return false;
    if (!row.challenge_id) return true;
    const open = await db
      .selectFrom('challenges')
      .select('id')
      .where('tenant_id', '=', row.tenant_id)
      .where('id', '=', row.challenge_id)
      .where('consumed_at', 'is', null)
      .where('cancelled_at', 'is', null)
      .where('expires_at', '>', new Date())
      .executeTakeFirst();
    return open !== undefined;
  }

  async function deliverDue(limit = 20): Promise<number> {
    // One statement claims the rows: with several instances, SKIP LOCKED hands each row to one.
    const { rows } = await sql<ClaimedRow>`
      update outbox set status = 'sending', attempts = attempts + 1, claimed_until = now() + make_interval(secs => ${leaseSeconds})
       where (tenant_id, id) in (
         select tenant_id, id from outbox
          where (status = 'pending' and next_attempt_at <= now()) or (status = 'sending' and claimed_until < now())
          order by next_attempt_at
          limit ${limit}
          for update skip locked)
      returning tenant_id, id, channel, recipient, sender, subject, body, reply_to, challenge_id, deliver_until, attempts
    `.execute(db);
    for (const row of rows) {
      let plaintext: string;
      try {
        plaintext = readable(row.body);
      } catch (error) {
        // Sealed under another SECRET_KEY: it can never be read again.
        logger.error('outbox row cannot be opened', {
          outboxId: String(row.id),
          error: error instanceof Error ? error.message : String(error),
        });
        await db
          .updateTable('outbox')
          .set({ status: 'failed', claimed_until: null, last_error: 'sealed under another key', body: '' })
          .where('tenant_id', '=', row.tenant_id)
          .where('id', '=', row.id)
          .execute();
        continue;
      }
      if (!(await stillWanted(row))) {
        await db
          .updateTable('outbox')
          .set({ status: 'expired', claimed_until: null, body: afterwards(row.body) })
          .where('tenant_id', '=', row.tenant_id)
          .where('id', '=', row.id)
          .execute();
        continue;
      }
      await deliverClaimed(row, plaintext).catch(() => undefined);
    }
    return rows.length;
  }

  function drain(): Promise<void> {
    if (draining) return draining;
    draining = (async () => {
      try {
        while (!stopped && (await deliverDue()) > 0) {
          // More may be due: keep going until a claim comes back empty.
        }
      } catch (error) {
        logger.error('outbox worker failed', { error: error instanceof Error ? error.message : String(error) });
      } finally {
        draining = undefined;
      }
    })();
    return draining;
  }

  function wake() {
    if (stopped || wakeTimer) return;
    wakeTimer = setTimeout(() => {
      wakeTimer = undefined;
      void drain();
    }, 5);
    wakeTimer.unref();
  }

  return {
    async send(message) {
      const row = await db
        .insertInto('outbox')
        .values({ ...values(message), status: 'sending', attempts: 1, claimed_until: new Date(Date.now() + leaseSeconds * 1000) })
        .returning([
          'tenant_id',
          'id',
          'channel',
          'recipient',
          'sender',
          'subject',
          'body',
          'reply_to',
          'challenge_id',
          'deliver_until',
          'attempts',
        ])
        .executeTakeFirstOrThrow();
      await deliverClaimed(row, message.body);
    },
    async enqueue(message) {
      await db.insertInto('outbox').values(values(message)).execute();
      wake();
    },
    deliverDue,
    start() {
      stopped = false;
      if (timer) return;
      timer = setInterval(() => void drain(), options.pollMs ?? 2_000);
      timer.unref();
      void drain();
    },
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      if (wakeTimer) clearTimeout(wakeTimer);
      timer = undefined;
      wakeTimer = undefined;
      await draining;
      provider.close?.();
    },
  };
}
