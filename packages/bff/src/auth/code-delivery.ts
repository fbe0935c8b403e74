import type { Context } from 'hono';
import type { AppEnv } from '../http/app-env.js';
import { Problem } from '../http/problem.js';
import { MessageNotDelivered, type OutgoingMessage } from '../outbox/delivery.js';
import { refund, type Limit } from './rate-limits.js';

/** How long the client is asked to wait after a failed delivery ("over een paar minuten"). */
export const RETRY_AFTER_FAILED_DELIVERY_SECONDS = 120;

export function codeNotDelivered(channel: 'sms' | 'email') {
  return channel === 'sms'
    ? new Problem(
        503,
        'sms-not-sent',
        { nl: 'De sms is niet verstuurd', en: 'The text message was not sent' },
        {
          nl: 'De sms kon niet worden verstuurd. Probeer het over een paar minuten opnieuw.',
          en: 'The text message could not be sent. Try again in a few minutes.',
        },
        { retryAfter: RETRY_AFTER_FAILED_DELIVERY_SECONDS },
      )
    : new Problem(
        503,
        'email-not-sent',
        { nl: 'De e-mail is niet verstuurd', en: 'The e-mail was not sent' },
        {
          nl: 'De e-mail kon niet worden verstuurd. Probeer het over een paar minuten opnieuw.',
          en: 'The e-mail could not be sent. Try again in a few minutes.',
        },
        { retryAfter: RETRY_AFTER_FAILED_DELIVERY_SECONDS },
      );
}

/**
 * Hands a code to the provider while the person waits. When the provider fails, the hits the
 * send took from the person's budgets are given back (it is not their fault) and the answer is
 * a 503 in plain Dutch; a transient failure stays queued and is retried while the code is valid.
 */
export async function deliverCode<E extends AppEnv>(c: Context<E>, message: OutgoingMessage, budgets: Limit[]): Promise<void> {
  try {
    await c.var.outbox.send(message);
  } catch (error) {
    if (!(error instanceof MessageNotDelivered)) throw error;
    for (const budget of budgets) await refund(c.var.db, message.tenantId, budget);
    throw codeNotDelivered(message.channel);
  }
}
