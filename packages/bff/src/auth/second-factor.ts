import type { Context } from 'hono';
import type { AppEnv } from '../http/app-env.js';
import { audit } from '../audit/audit-log.js';
import type { Account, SecondFactorKind } from '../db/schema.js';
import { Problem } from '../http/problem.js';
import { emailSender } from '../outbox/delivery.js';
import { deliverCode } from './code-delivery.js';
import { effectiveSecondFactor, maskEmail, maskPhone } from './accounts.js';
import type { TenantRecord } from '../tenants/queries.js';
import { CODE_TTL_SECONDS, issueCodeChallenge, loginSmsText, openChallengeOfSession } from './challenges.js';
import { authLimits, buckets, consume, lockedFor, RESEND_COOLDOWN_SECONDS } from './rate-limits.js';

/** What the widget needs to draw the code step. */
export interface SecondFactorStep {
  step: 'second-factor';
  channel: SecondFactorKind;
  /** The 4 digits shown fixed before the code field (sms, email); null for TOTP or when no code was sent. */
  prefix: string | null;
  codeSent: boolean;
  /** Countdown for "Opnieuw versturen"; for a refused send, the time until a send is allowed again. */
  resendAvailableInSeconds: number;
  expiresInSeconds: number;
  /** Where the code went, masked: "••••••••5678" or "j•••@example.nl". */
  destinationHint: string | null;
  /** N for "Deze computer N dagen vertrouwen"; 0 = do not offer the option. */
  trustedDeviceDays: number;
}

export function secondFactorLocked(retryAfter: number) {
  return new Problem(
    429,
    'second-factor-locked',
    { nl: 'Te vaak een verkeerde code', en: 'Wrong code too often' },
    {
      nl: 'Er is te vaak een verkeerde code ingevuld. Probeer het over 15 minuten opnieuw.',
      en: 'A wrong code was entered too often. Try again in 15 minutes.',
    },
    { retryAfter },
  );
}

/**
 * Starts (or restarts, for "Opnieuw versturen") the login's second factor of a session: a new
 * challenge that cancels the previous one, and for SMS and e-mail the code itself, within the
 * limits per account and per destination.
 */
export async function startSecondFactor<E extends AppEnv>(c: Context<E>, account: Account, sessionId: string): Promise<SecondFactorStep> {
  const tenant = c.var.tenant;
  const db = c.var.db;
  const channel = effectiveSecondFactor(account, tenant);
  if (!channel) {
    throw new Problem(
      403,
      'no-second-factor',
      { nl: 'Inloggen is niet mogelijk', en: 'Signing in is not possible' },
      {
        nl: 'Er is geen mobiel nummer of e-mailadres bekend voor de inlogcode. Neem contact op met uw zorgorganisatie.',
        en: 'There is no mobile number or e-mail address known for the sign-in code. Contact your care organisation.',
      },
    );
  }
  const locked = await lockedFor(db, tenant.id, buckets.secondFactorFailures(account.id));
  if (locked > 0) throw secondFactorLocked(locked);

  const base = { step: 'second-factor' as const, channel, trustedDeviceDays: tenant.settings.trustedDeviceDays };
  if (channel === 'totp') {
    await issueCodeChallenge(db, {
      tenantId: tenant.id,
      accountId: account.id,
      sessionId,
      purpose: 'login',
      channel: 'totp',
      destination: null,
    });
    return {
      ...base,
      prefix: null,
      codeSent: false,
      resendAvailableInSeconds: 0,
      expiresInSeconds: CODE_TTL_SECONDS,
      destinationHint: null,
    };
  }

  const destination = channel === 'sms' ? account.mobile_phone! : account.email!;
  const destinationHint = channel === 'sms' ? maskPhone(destination) : maskEmail(destination);
  const budgets = [authLimits.codesPerAccount(account.id), authLimits.codesPerDestination(destination)];
  for (const limit of budgets) {
    const result = await consume(db, tenant.id, limit);
    if (!result.allowed) {
      await audit(c, {
        action: 'auth.code.limited',
        outcome: 'denied',
        accountId: account.id,
        clientId: null,
        details: { channel, bucket: limit.bucket.split(':').slice(0, 2).join(':') },
      });
      return {
        ...base,
        prefix: null,
        codeSent: false,
        resendAvailableInSeconds: result.retryAfterSeconds,
        expiresInSeconds: 0,
        destinationHint,
      };
    }
  }
  const issued = await issueCodeChallenge(db, {
    tenantId: tenant.id,
    accountId: account.id,
    sessionId,
    purpose: 'login',
    channel,
    destination,
  });
  const text = loginSmsText(issued.prefix, issued.code!);
  const code = { challengeId: issued.challengeId, deliverUntil: issued.expiresAt };
  await deliverCode(
    c,
    channel === 'sms'
      ? {
          tenantId: tenant.id,
          channel: 'sms',
          recipient: destination,
          sender: tenant.settings.sms.sender,
          body: loginSmsText(issued.prefix, issued.code!, webOtpHost(tenant)),
          ...code,
        }
      : {
          tenantId: tenant.id,
          channel: 'email',
          recipient: destination,
          ...emailSender(tenant),
          subject: 'Uw inlogcode',
          body: `${text}\n\nDe code is 5 minuten geldig. Heeft u niet geprobeerd in te loggen? Wijzig dan uw wachtwoord.`,
          ...code,
        },
    budgets,
  );
  await audit(c, {
    action: 'auth.code.sent',
    accountId: account.id,
    clientId: null,
    resourceType: 'challenge',
    resourceId: issued.challengeId,
    details: { channel, prefix: issued.prefix },
  });
  return {
    ...base,
    prefix: issued.prefix,
    codeSent: true,
    resendAvailableInSeconds: RESEND_COOLDOWN_SECONDS,
    expiresInSeconds: CODE_TTL_SECONDS,
    destinationHint,
  };
}

/** The code step of a session as it stands, for GET /auth/session after a page reload. */
export async function currentSecondFactorStep<E extends AppEnv>(
  c: Context<E>,
  sessionId: string,
): Promise<Omit<SecondFactorStep, 'step' | 'codeSent'> | null> {
  const challenge = await openChallengeOfSession(c.var.db, c.var.tenant.id, sessionId, 'login');
  if (!challenge) return null;
  const now = Date.now();
  const channel = challenge.channel as SecondFactorKind;
  return {
    channel,
    prefix: challenge.prefix && channel !== 'totp' ? challenge.prefix : null,
    resendAvailableInSeconds:
      channel === 'totp' ? 0 : Math.max(0, Math.ceil((challenge.createdAt.getTime() + RESEND_COOLDOWN_SECONDS * 1000 - now) / 1000)),
    expiresInSeconds: Math.max(0, Math.ceil((challenge.expiresAt.getTime() - now) / 1000)),
    destinationHint: channel === 'sms' ? maskPhone(challenge.destination) : maskEmail(challenge.destination),
    trustedDeviceDays: c.var.tenant.settings.trustedDeviceDays,
  };
}

/** The host of the tenant's own site, where the widgets run and WebOTP may offer the code. */
function webOtpHost(tenant: TenantRecord): string | null {
  const origin = tenant.settings.allowedOrigins[0];
  return origin ? new URL(origin).host : null;
}
