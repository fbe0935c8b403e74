import type { Context } from 'hono';
import type { SessionEnv } from '../http/app-env.js';
import { audit } from '../audit/audit-log.js';
import { maskPhone } from './accounts.js';
import { deliverCode } from './code-delivery.js';
import { codeFailureProblem, issueCodeChallenge, verifyCodeChallenge, type Binding } from './challenges.js';
import { authLimits, consume } from './rate-limits.js';
import type { ChallengePurpose } from '../db/schema.js';
import { Problem } from '../http/problem.js';

/**
 * Fresh SMS codes that confirm one action of a signed-in person: a plan decision, a new mobile
 * number. Same prefix-and-6-digits form as the login ("Uw bevestigingscode is 1234-567890"), but
 * its own purpose and a binding to exactly what is confirmed, 5 minutes and 3 tries. A trusted
 * computer never skips it. Its SMS limits are its own, not the login's (see authLimits).
 */
export const CONFIRMATION_TTL_SECONDS = 300;
export const CONFIRMATION_MAX_ATTEMPTS = 3;

export type ConfirmationPurpose = Extract<ChallengePurpose, 'plan_decision' | 'mobile_change' | 'contact_change'>;

export interface SentConfirmation {
  challengeId: string;
  /** The 4 digits the widget shows fixed before the 6-digit field. */
  prefix: string;
  expiresInSeconds: number;
  /** Where the SMS went, masked: "••••••••5678". */
  destinationHint: string | null;
}

export function confirmationSmsText(prefix: string, code: string) {
  return `Uw bevestigingscode is ${prefix}-${code}`;
}

export async function sendConfirmationCode<E extends SessionEnv>(
  c: Context<E>,
  input: { purpose: ConfirmationPurpose; destination: string; binding: Binding; resourceType: string; resourceId?: string },
): Promise<SentConfirmation> {
  const tenant = c.var.tenant;
  const session = c.var.session;
  const budgets = [
    authLimits.confirmationsPerAccount(session.accountId),
    authLimits.confirmationsPerDestination(input.destination, session.accountId),
  ];
  for (const limit of budgets) {
    const result = await consume(c.var.db, tenant.id, limit);
    if (!result.allowed) {
      await audit(c, {
        action: `${input.purpose}.code.limited`,
        outcome: 'denied',
        resourceType: input.resourceType,
        ...(input.resourceId ? { resourceId: input.resourceId } : {}),
        details: { bucket: limit.bucket.split(':').slice(0, 2).join(':') },
      });
      throw Problem.tooManyRequests(
        {
          nl: `Er zijn te veel codes verstuurd. Probeer het over ${Math.ceil(result.retryAfterSeconds / 60)} minuten opnieuw.`,
          en: `Too many codes have been sent. Try again in ${Math.ceil(result.retryAfterSeconds / 60)} minutes.`,
        },
        result.retryAfterSeconds,
      );
    }
  }
  const issued = await issueCodeChallenge(c.var.db, {
    tenantId: tenant.id,
    accountId: session.accountId,
    sessionId: session.id,
    purpose: input.purpose,
    channel: 'sms',
    destination: input.destination,
    binding: input.binding,
    ttlSeconds: CONFIRMATION_TTL_SECONDS,
    maxAttempts: CONFIRMATION_MAX_ATTEMPTS,
  });
  await deliverCode(
    c,
    {
      tenantId: tenant.id,
      channel: 'sms',
      recipient: input.destination,
      sender: tenant.settings.sms.sender,
      body: confirmationSmsText(issued.prefix, issued.code!),
      challengeId: issued.challengeId,
      deliverUntil: issued.expiresAt,
    },
    budgets,
  );
  await audit(c, {
    action: `${input.purpose}.code.sent`,
    resourceType: input.resourceType,
    ...(input.resourceId ? { resourceId: input.resourceId } : {}),
    // The binding names what is confirmed; free text (a rejection's reason) stays out of the log.
    details: {
      challengeId: issued.challengeId,
      prefix: issued.prefix,
      ...Object.fromEntries(Object.entries(input.binding).filter(([key]) => key !== 'reason')),
    },
  });
  return {
    challengeId: issued.challengeId,
    prefix: issued.prefix,
    expiresInSeconds: CONFIRMATION_TTL_SECONDS,
    destinationHint: maskPhone(input.destination),
  };
}

/** The binding stored with an open challenge of this account, to learn what it was asked for. */
export async function challengeBinding<E extends SessionEnv>(
  c: Context<E>,
  purpose: ChallengePurpose,
  challengeId: string,
): Promise<Binding | undefined> {
  const row = await c.var.db
    .selectFrom('challenges')
    .select('binding')
    .where('tenant_id', '=', c.var.tenant.id)
    .where('account_id', '=', c.var.session.accountId)
    .where('purpose', '=', purpose)
    .where('id', '=', challengeId)
    .executeTakeFirst();
  return row?.binding as Binding | undefined;
}

/**
 * Checks a typed code against the challenge and the binding the server expects now; the code is
 * used up on success. Every failure is a 400 naming the `code` field: wrong (with tries left) or
 * no longer valid (expired, out of tries, replaced by a newer code, another purpose or binding).
 */
export async function verifyConfirmationCode<E extends SessionEnv>(
  c: Context<E>,
  input: { purpose: ConfirmationPurpose; challengeId: string; code: string; binding: Binding; resourceType: string; resourceId?: string },
): Promise<void> {
  const typed = input.code.replace(/[\s-]/g, '');
  const prefix = /^\d{10}$/.test(typed) ? typed.slice(0, 4) : undefined;
  const code = prefix ? typed.slice(4) : typed;
  const result = await verifyCodeChallenge(c.var.db, {
    tenantId: c.var.tenant.id,
    accountId: c.var.session.accountId,
    purpose: input.purpose,
    challengeId: input.challengeId,
    ...(prefix ? { prefix } : {}),
    code,
    binding: input.binding,
  });
  if (result.ok) return;
  await audit(c, {
    action: `${input.purpose}.code.failure`,
    outcome: 'failure',
    resourceType: input.resourceType,
    ...(input.resourceId ? { resourceId: input.resourceId } : {}),
    details: { challengeId: input.challengeId, reason: result.reason },
  });
  throw codeFailureProblem(result);
}
