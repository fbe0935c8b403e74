import type { Kysely } from 'kysely';
import { claimLinkAttempt, consumeChallenge, issueLinkChallenge } from '../auth/challenges.js';
import { tenantPageLink } from '../auth/links.js';
import type { Database } from '../db/schema.js';
import type { TenantRecord } from '../tenants/queries.js';

/** A confirmation link for a new e-mail address lives a day and is used once. */
export const EMAIL_LINK_SECONDS = 24 * 3600;
const EMAIL_LINK_MAX_ATTEMPTS = 5;

/**
 * Issues the single-use link token for a new e-mail address: 256 random bits, only its SHA-256
 * stored, in a challenge of purpose 'email_change' bound to the new address. A new request
 * cancels the previous link.
 */
export function issueEmailChangeLink(
  db: Kysely<Database>,
  input: { tenantId: string; accountId: string; sessionId: string; email: string },
) {
  return issueLinkChallenge(db, {
    tenantId: input.tenantId,
    accountId: input.accountId,
    sessionId: input.sessionId,
    purpose: 'email_change',
    binding: { email: input.email },
    destination: input.email,
    ttlSeconds: EMAIL_LINK_SECONDS,
    maxAttempts: EMAIL_LINK_MAX_ATTEMPTS,
  });
}

/**
 * Uses a link token: counts a try, then consumes it. Undefined for an unknown, used, expired or
 * replaced link; otherwise the account and the address it confirms.
 */
export async function useEmailChangeLink(db: Kysely<Database>, tenantId: string, token: string) {
  const claimed = await claimLinkAttempt(db, tenantId, 'email_change', token);
  const email = claimed?.binding['email'];
  if (!claimed || !email) return undefined;
  if (!(await consumeChallenge(db, tenantId, claimed.challengeId))) return undefined;
  return { challengeId: claimed.challengeId, accountId: claimed.accountId, email };
}

/**
 * The page the link opens: the page that asked for it when it is on one of the tenant's origins
 * (or the BFF's own), else the tenant's first origin, else the BFF. The token rides in
 * `?confirm-email=`; the widget posts it to /profile/email/confirm.
 */
export function emailConfirmationLink(
  tenant: TenantRecord,
  pageUrl: string | null | undefined,
  bffOrigin: string | undefined,
  token: string,
): string {
  return tenantPageLink(tenant, pageUrl, bffOrigin, 'confirm-email', token);
}
