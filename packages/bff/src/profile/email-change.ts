import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { cancelOpenChallenges, consumeChallenge, linkTokenHash } from '../auth/challenges.js';
import type { Database } from '../db/schema.js';
import type { TenantRecord } from '../tenants/queries.js';

/** A confirmation link for a new e-mail address lives a day and is used once. */
export const EMAIL_LINK_SECONDS = 24 * 3600;
const EMAIL_LINK_MAX_ATTEMPTS = 5;

/**
 * Issues the single-use link token for a new e-mail address: 256 random bits, only its SHA-256
 * stored, in a challenge of purpose 'email_change' bound to the new address. A new request
 * cancels the previous link. (auth/challenges.ts issues links for reset and activation only,
 * without a binding; this is the same row shape with both.)
 */
export async function issueEmailChangeLink(
  db: Kysely<Database>,
  input: { tenantId: string; accountId: string; sessionId: string; email: string },
): Promise<{ challengeId: string; token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  return db.transaction().execute(async (trx) => {
    await cancelOpenChallenges(trx, input.tenantId, input.accountId, 'email_change');
    const row = await trx
      .insertInto('challenges')
      .values({
        tenant_id: input.tenantId,
        account_id: input.accountId,
        session_id: input.sessionId,
        purpose: 'email_change',
        channel: 'link',
        secret_hash: linkTokenHash(token),
        binding: { email: input.email } as never,
        destination: input.email,
        max_attempts: EMAIL_LINK_MAX_ATTEMPTS,
        expires_at: sql<Date>`now() + make_interval(secs => ${EMAIL_LINK_SECONDS})` as never,
      })
      .returning(['id', 'expires_at'])
      .executeTakeFirstOrThrow();
    return { challengeId: row.id, token, expiresAt: row.expires_at };
  });
}

/**
 * Uses a link token: counts a try, then consumes it. Undefined for an unknown, used, expired or
 * replaced link; otherwise the account and the address it confirms.
 */
export async function useEmailChangeLink(db: Kysely<Database>, tenantId: string, token: string) {
  if (!token || token.length > 200) return undefined;
  const { rows } = await sql<{ id: string; account_id: string; binding: Record<string, string> }>`
    update challenges
       set attempts = attempts + 1
     where tenant_id = ${tenantId}
       and secret_hash = ${linkTokenHash(token)}
       and channel = 'link'
       and purpose = 'email_change'
       and consumed_at is null and cancelled_at is null
       and expires_at > now()
       and attempts < max_attempts
    returning id, account_id, binding
  `.execute(db);
  const row = rows[0];
  const email = row?.binding?.['email'];
  if (!row || !email) return undefined;
  if (!(await consumeChallenge(db, tenantId, row.id))) return undefined;
  return { challengeId: row.id, accountId: row.account_id, email };
}

/**
 * The page the link opens: the page that asked for it when it is on one of the tenant's origins
 * (or the BFF's own), else the tenant's first origin, else the BFF. The token rides in
 * `?confirm-email=`; the widget posts it to /profile/email/confirm.
 */
export function emailConfirmationLink(tenant: TenantRecord, pageUrl: string | null | undefined, bffOrigin: string, token: string): string {
  let url: URL | undefined;
  if (pageUrl) {
    try {
      const candidate = new URL(pageUrl);
      if (tenant.settings.allowedOrigins.includes(candidate.origin) || candidate.origin === bffOrigin) url = candidate;
    } catch {
      url = undefined;
    }
  }
  url ??= new URL(`${tenant.settings.allowedOrigins[0] ?? bffOrigin}/`);
  url.hash = '';
  url.searchParams.set('confirm-email', token);
  return url.toString();
}
