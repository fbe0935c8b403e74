import type { Context } from 'hono';
import type { SessionEnv } from '../http/app-env.js';
import { audit } from '../audit/audit-log.js';
import { accountById, effectiveSecondFactor, maskEmail, maskPhone } from '../auth/accounts.js';
import { codeFailureProblem, issueCodeChallenge, verifyCodeChallenge, type Binding } from '../auth/challenges.js';
import { loginDelayed } from '../auth/guards.js';
import { verifyPassword } from '../auth/passwords.js';
import { authLimits, buckets, consume, lockedFor, passwordDelaySeconds, recordFailure } from '../auth/rate-limits.js';
import { useTotpCode } from '../auth/totp.js';
import type { Account, SecondFactorKind } from '../db/schema.js';
import { clientAddress } from '../http/client-address.js';
import { Problem } from '../http/problem.js';
import { emailSender } from '../outbox/delivery.js';
import { CONFIRMATION_MAX_ATTEMPTS, CONFIRMATION_TTL_SECONDS, confirmationSmsText } from '../auth/confirmation-code.js';

/**
 * Before a second factor or recovery address moves, the person proves who they are: the current
 * password, and a code through the second factor they have now (an SMS to the current number, an
 * e-mail to the current address, or the authenticator app). On a shared or unlocked computer a
 * session alone then cannot redirect the codes and the reset links to someone else.
 */
export type ContactPurpose = 'mobile_change' | 'email_change';

export interface IdentityChallenge {
  challengeId: string;
  channel: SecondFactorKind;
  /** The 4 digits before the 6-digit field; null for the authenticator app. */
  prefix: string | null;
  expiresInSeconds: number;
  destinationHint: string | null;
}

/** The binding of an identity challenge: what change it opens, and that it is the identity step. */
export const identityBinding = (change: Binding): Binding => ({ ...change, step: 'identity' });

export async function checkCurrentPassword<E extends SessionEnv>(c: Context<E>, currentPassword: string): Promise<Account> {
  const tenant = c.var.tenant;
  const db = c.var.db;
  const account = await accountById(db, tenant.id, c.var.session.accountId);
  if (!account) throw Problem.unauthorized();
  const failures = buckets.passwordFailures(account.username, clientAddress(c, c.var.config.trustedProxies));
  const wait = await lockedFor(db, tenant.id, failures);
  if (wait > 0) throw loginDelayed(wait);
  if (!account.password_hash || !(await verifyPassword(account.password_hash, currentPassword))) {
    await recordFailure(db, tenant.id, failures, 3600, passwordDelaySeconds);
    await audit(c, { action: 'profile.identity.failure', outcome: 'failure', details: { reason: 'wrong-current-password' } });
    throw new Problem(
      400,
      'wrong-password',
      { nl: 'Huidig wachtwoord onjuist', en: 'Current password not correct' },
      { nl: 'Het huidige wachtwoord is niet juist.', en: 'The current password is not correct.' },
      {
        errors: [{ field: 'currentPassword', detail: 'Het huidige wachtwoord is niet juist.' }],
      },
    );
  }
  return account;
}

/** Sends the identity code through the account's current second factor (none for the app). */
export async function sendIdentityCode<E extends SessionEnv>(
  c: Context<E>,
  account: Account,
  purpose: ContactPurpose,
  change: Binding,
): Promise<IdentityChallenge> {
  const tenant = c.var.tenant;
  const channel = effectiveSecondFactor(account, tenant);
  if (!channel) {
    throw new Problem(
      409,
      'no-second-factor',
      { nl: 'Niet mogelijk', en: 'Not possible' },
      {
        nl: 'Er is geen mobiel nummer, e-mailadres of app bekend om uw identiteit mee te bevestigen. Neem contact op met uw zorgorganisatie.',
        en: 'There is no mobile number, e-mail address or app known to confirm your identity with. Contact your care organisation.',
      },
    );
  }
  const destination = channel === 'sms' ? account.mobile_phone! : channel === 'email' ? account.email! : null;
  if (destination) {
    for (const limit of [
      authLimits.confirmationsPerAccount(account.id),
      authLimits.confirmationsPerDestination(destination.toLowerCase(), account.id),
    ]) {
      const result = await consume(c.var.db, tenant.id, limit);
      if (!result.allowed) {
        await audit(c, { action: `${purpose}.identity.limited`, outcome: 'denied' });
        throw Problem.tooManyRequests(
          {
            nl: `Er zijn te veel codes verstuurd. Probeer het over ${Math.ceil(result.retryAfterSeconds / 60)} minuten opnieuw.`,
            en: `Too many codes have been sent. Try again in ${Math.ceil(result.retryAfterSeconds / 60)} minutes.`,
          },
          result.retryAfterSeconds,
        );
      }
    }
  }
  const issued = await issueCodeChallenge(c.var.db, {
    tenantId: tenant.id,
    accountId: account.id,
    sessionId: c.var.session.id,
    purpose,
    channel,
    destination,
    binding: identityBinding(change),
    ttlSeconds: CONFIRMATION_TTL_SECONDS,
    maxAttempts: CONFIRMATION_MAX_ATTEMPTS,
  });
  if (channel === 'sms') {
    await c.var.outbox.send({
      tenantId: tenant.id,
      channel: 'sms',
      recipient: destination!,
      sender: tenant.settings.sms.sender,
      body: confirmationSmsText(issued.prefix, issued.code!),
    });
  } else if (channel === 'email') {
    await c.var.outbox.send({
      tenantId: tenant.id,
      channel: 'email',
      recipient: destination!,
      ...emailSender(tenant),
      subject: 'Uw bevestigingscode',
      body: `${confirmationSmsText(issued.prefix, issued.code!)}\n\nU heeft gevraagd om uw ${purpose === 'mobile_change' ? 'mobiele nummer' : 'e-mailadres'} te wijzigen. De code is 5 minuten geldig. Heeft u dit niet gevraagd? Wijzig dan direct uw wachtwoord.`,
    });
  }
  await audit(c, { action: `${purpose}.identity.sent`, details: { challengeId: issued.challengeId, channel } });
  return {
    challengeId: issued.challengeId,
    channel,
    prefix: channel === 'totp' ? null : issued.prefix,
    expiresInSeconds: CONFIRMATION_TTL_SECONDS,
    destinationHint: channel === 'sms' ? maskPhone(destination) : channel === 'email' ? maskEmail(destination) : null,
  };
}

/** Checks the identity code of a change; the code is used up on success. Failures are 400s naming `code`. */
export async function verifyIdentityCode<E extends SessionEnv>(
  c: Context<E>,
  purpose: ContactPurpose,
  challengeId: string,
  typedCode: string,
  change: Binding,
): Promise<void> {
  const tenant = c.var.tenant;
  const accountId = c.var.session.accountId;
  const typed = typedCode.replace(/[\s-]/g, '');
  const prefix = /^\d{10}$/.test(typed) ? typed.slice(0, 4) : undefined;
  const result = await verifyCodeChallenge(c.var.db, {
    tenantId: tenant.id,
    accountId,
    purpose,
    challengeId,
    ...(prefix ? { prefix } : {}),
    code: prefix ? typed.slice(4) : typed,
    binding: identityBinding(change),
    checkCode: (candidate) => useTotpCode(c.var.db, tenant.id, accountId, candidate),
  });
  if (result.ok) {
    await audit(c, { action: `${purpose}.identity.verified`, details: { challengeId } });
    return;
  }
  await audit(c, { action: `${purpose}.identity.failure`, outcome: 'failure', details: { challengeId, reason: result.reason } });
  throw codeFailureProblem(result);
}
