import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { keyedHash } from '../security/server-secret.js';
import { sql, type Kysely } from 'kysely';
import type { ChallengeChannel, ChallengePurpose, Database } from '../db/schema.js';
import { Problem } from '../http/problem.js';

/**
 * One-time codes and links, shared by the login, the confirmation of a plan decision and the
 * change of a mobile number or e-mail address.
 *
 * A code challenge has a 4-digit prefix that only identifies it (the SMS reads
 * "Uw inlogcode is 1234-567890" and the widget shows `1234-` already filled) and a 6-digit secret
 * from the CSPRNG, stored only as a hash. Every try is counted in the database before the
 * comparison, in one statement, so parallel guesses cannot share a try; the correct code is
 * consumed by a second conditional statement, so it signs in or confirms only once.
 */
export type Binding = Record<string, string>;

/** Challenges answered by opening a link rather than typing a code. */
export type LinkPurpose = 'password_reset' | 'activation' | 'email_change';

export interface IssueCode {
  tenantId: string;
  accountId: string;
  sessionId: string | null;
  purpose: ChallengePurpose;
  channel: Extract<ChallengeChannel, 'sms' | 'email' | 'totp'>;
  /** Phone number or e-mail address the code goes to; null for TOTP. */
  destination: string | null;
  /** What the code confirms, e.g. `{ planId, decision, sha256 }`; must match exactly at verification. */
  binding?: Binding;
  ttlSeconds?: number;
  maxAttempts?: number;
}

export interface IssuedCode {
  challengeId: string;
  prefix: string;
  /** The 6 secret digits; null for a TOTP challenge (the app knows the code). */
  code: string | null;
  expiresAt: Date;
}

export const CODE_TTL_SECONDS = 300;
export const CODE_MAX_ATTEMPTS = 5;

/**
 * The text of a login SMS: "Uw inlogcode is 1234-567890". With the host of the site that embeds
 * the widgets, a last line `@host #1234-567890` (the WebOTP format) lets browsers that support it
 * offer the code on that site only.
 */
export function loginSmsText(prefix: string, code: string, webOtpHost?: string | null) {
  const text = `Uw inlogcode is ${prefix}-${code}`;
  return webOtpHost ? `${text}\n\n@${webOtpHost} #${prefix}-${code}` : text;
}

function codeHash(challengeId: string, code: string): Buffer {
  return keyedHash(`${challengeId}:${code}`);
}

const digits = (n: number) => Array.from({ length: n }, () => String(randomInt(10))).join('');

/**
 * Issues a new code for an account and purpose. Any open challenge of the same account and
 * purpose is cancelled first: a new code replaces the old one, but the account's failure count
 * (kept in rate_limits by the caller) is not touched.
 */
export async function issueCodeChallenge(db: Kysely<Database>, input: IssueCode): Promise<IssuedCode> {
  const ttl = input.ttlSeconds ?? CODE_TTL_SECONDS;
  const code = input.channel === 'totp' ? null : digits(6);
  const prefix = digits(4);
  return db.transaction().execute(async (trx) => {
    await cancelOpenChallenges(trx, input.tenantId, input.accountId, input.purpose);
    const row = await trx
      .insertInto('challenges')
      .values({
        tenant_id: input.tenantId,
        account_id: input.accountId,
        session_id: input.sessionId,
        purpose: input.purpose,
        channel: input.channel,
        prefix,
        binding: input.binding ?? {},
        destination: input.destination,
        max_attempts: input.maxAttempts ?? CODE_MAX_ATTEMPTS,
        expires_at: sql<Date>`now() + make_interval(secs => ${ttl})`,
      })
      .returning(['id', 'expires_at'])
      .executeTakeFirstOrThrow();
    if (code !== null) {
      await trx
        .updateTable('challenges')
        .set({ secret_hash: codeHash(row.id, code) })
        .where('tenant_id', '=', input.tenantId)
        .where('id', '=', row.id)
        .execute();
    }
    return { challengeId: row.id, prefix, code, expiresAt: row.expires_at };
  });
}

export async function cancelOpenChallenges(db: Kysely<Database>, tenantId: string, accountId: string, purpose: ChallengePurpose) {
  await db
    .updateTable('challenges')
    .set({ cancelled_at: sql`now()` })
    .where('tenant_id', '=', tenantId)
    .where('account_id', '=', accountId)
    .where('purpose', '=', purpose)
    .where('consumed_at', 'is', null)
    .where('cancelled_at', 'is', null)
    .execute();
}

export interface OpenChallenge {
  id: string;
  channel: ChallengeChannel;
  prefix: string | null;
  destination: string | null;
  expiresAt: Date;
  createdAt: Date;
  attempts: number;
  maxAttempts: number;
}

/** The newest open challenge of a session (for the resend countdown and the session view). */
export async function openChallengeOfSession(db: Kysely<Database>, tenantId: string, sessionId: string, purpose: ChallengePurpose) {
  const row = await db
    .selectFrom('challenges')
    .select(['id', 'channel', 'prefix', 'destination', 'expires_at', 'created_at', 'attempts', 'max_attempts'])
    .where('tenant_id', '=', tenantId)
    .where('session_id', '=', sessionId)
    .where('purpose', '=', purpose)
    .where('consumed_at', 'is', null)
    .where('cancelled_at', 'is', null)
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    id: row.id,
    channel: row.channel,
    prefix: row.prefix,
    destination: row.destination,
    expiresAt: row.expires_at,
    createdAt: row.created_at,
    attempts: row.attempts,
    maxAttempts: row.max_attempts,
  } satisfies OpenChallenge;
}

export interface VerifyCode {
  tenantId: string;
  accountId: string;
  purpose: ChallengePurpose;
  /** Which challenge: by id, by session, or by the prefix the person typed. At least one. */
  challengeId?: string;
  sessionId?: string;
  prefix?: string;
  code: string;
  binding?: Binding;
  /**
   * For TOTP challenges: decides whether the code is right (and records the used step). Called
   * only after the try has been counted.
   */
  checkCode?: (code: string) => Promise<boolean>;
}

export type VerifyResult =
  | { ok: true; challengeId: string }
  | { ok: false; reason: 'wrong-code'; attemptsLeft: number; challengeId: string }
  /** No open challenge: never issued, expired, all tries used, cancelled by a newer one, or already used. */
  | { ok: false; reason: 'no-open-challenge' };

/** What a client is told when a code did not verify: try again (with the tries left), or ask a new code. */
export function codeFailureProblem(result: Exclude<VerifyResult, { ok: true }>): Problem {
  if (result.reason === 'wrong-code' && result.attemptsLeft > 0) {
    return new Problem(
      400,
      'invalid-code',
      { nl: 'Onjuiste code', en: 'Incorrect code' },
      {
        nl: 'De code is niet juist. Controleer de code en probeer het opnieuw.',
        en: 'The code is not correct. Check the code and try again.',
      },
      {
        attemptsLeft: result.attemptsLeft,
        errors: [{ field: 'code', detail: 'De code is niet juist.' }],
      },
    );
  }
  return new Problem(
    400,
    'code-expired',
    { nl: 'Code niet meer geldig', en: 'Code no longer valid' },
    { nl: 'Deze code is niet meer geldig. Vraag een nieuwe code aan.', en: 'This code is no longer valid. Ask for a new code.' },
    {
      errors: [{ field: 'code', detail: 'Vraag een nieuwe code aan.' }],
    },
  );
}

/**
 * Counts a try and checks a code. The try is counted atomically before anything is compared:
 * 20 parallel guesses use 20 tries (and at most `max_attempts` of them are compared at all).
 */
export async function verifyCodeChallenge(db: Kysely<Database>, input: VerifyCode): Promise<VerifyResult> {
  if (!input.challengeId && !input.sessionId && !input.prefix)
    throw new Error('verifyCodeChallenge needs challengeId, sessionId or prefix');
  const { rows } = await sql<{
    id: string;
    secret_hash: Uint8Array | null;
    binding: Binding;
    attempts: number;
    max_attempts: number;
    channel: ChallengeChannel;
  }>`
    update challenges
       set attempts = attempts + 1
     where tenant_id = ${input.tenantId}
       and id = (
         select id from challenges
          where tenant_id = ${input.tenantId}
            and account_id = ${input.accountId}
            and purpose = ${input.purpose}
            and consumed_at is null and cancelled_at is null
            and expires_at > now()
            ${input.challengeId ? sql`and id = ${input.challengeId}` : sql``}
            ${input.sessionId ? sql`and session_id = ${input.sessionId}` : sql``}
            ${input.prefix ? sql`and prefix = ${input.prefix}` : sql``}
          order by created_at desc
          limit 1)
       and attempts < max_attempts
       and consumed_at is null and cancelled_at is null
       and expires_at > now()
    returning id, secret_hash, binding, attempts, max_attempts, channel
  `.execute(db);
  const row = rows[0];
  if (!row) return { ok: false, reason: 'no-open-challenge' };

  const codeOk =
    row.channel === 'totp'
      ? input.checkCode !== undefined && /^\d{6}$/.test(input.code) && (await input.checkCode(input.code))
      : row.secret_hash !== null &&
        /^\d{6}$/.test(input.code) &&
        timingSafeEqual(Buffer.from(row.secret_hash), codeHash(row.id, input.code));
  const bindingOk = bindingsEqual(row.binding ?? {}, input.binding ?? {});
  if (!codeOk || !bindingOk) {
    // A double submit: a parallel request used this challenge with the right code (for TOTP it
    // also used the step, so this one's comparison failed). That is no guess, and no failure.
    if (await wasConsumed(db, input.tenantId, row.id)) return { ok: false, reason: 'no-open-challenge' };
    return { ok: false, reason: 'wrong-code', attemptsLeft: Math.max(0, row.max_attempts - row.attempts), challengeId: row.id };
  }
  const consumed = await consumeChallenge(db, input.tenantId, row.id);
  return consumed ? { ok: true, challengeId: row.id } : { ok: false, reason: 'no-open-challenge' };
}

async function wasConsumed(db: Kysely<Database>, tenantId: string, challengeId: string): Promise<boolean> {
  const row = await db
    .selectFrom('challenges')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('id', '=', challengeId)
    .where('consumed_at', 'is not', null)
    .executeTakeFirst();
  return row !== undefined;
}

/** Marks a challenge used; true only for the one request that did so. */
export async function consumeChallenge(db: Kysely<Database>, tenantId: string, challengeId: string): Promise<boolean> {
  const row = await db
    .updateTable('challenges')
    .set({ consumed_at: sql`now()` })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', challengeId)
    .where('consumed_at', 'is', null)
    .where('cancelled_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

function bindingsEqual(stored: Binding, given: Binding): boolean {
  const a = Object.keys(stored).sort();
  const b = Object.keys(given).sort();
  if (a.length !== b.length) return false;
  return a.every((key, i) => key === b[i] && typeof stored[key] === 'string' && stored[key] === given[key]);
}

// --- single-use links (password reset, activation) -------------------------------------------

export interface IssuedLink {
  challengeId: string;
  /** 256 random bits, base64url; only its SHA-256 is stored. */
  token: string;
  expiresAt: Date;
}

export const linkTokenHash = (token: string) => createHash('sha256').update(token, 'utf8').digest();

/** Issues a link token for an account and purpose, cancelling earlier open links of that purpose. */
export async function issueLinkChallenge(
  db: Kysely<Database>,
  input: {
    tenantId: string;
    accountId: string;
    purpose: LinkPurpose;
    destination: string | null;
    ttlSeconds: number;
    maxAttempts: number;
    /** The session that asked, when one did (a contact-detail change). */
    sessionId?: string | null;
    /** What the link confirms, e.g. `{ email }` for a new address. */
    binding?: Binding;
  },
): Promise<IssuedLink> {
  const token = randomBytes(32).toString('base64url');
  return db.transaction().execute(async (trx) => {
    await cancelOpenChallenges(trx, input.tenantId, input.accountId, input.purpose);
    const row = await trx
      .insertInto('challenges')
      .values({
        tenant_id: input.tenantId,
        account_id: input.accountId,
        session_id: input.sessionId ?? null,
        purpose: input.purpose,
        channel: 'link',
        secret_hash: linkTokenHash(token),
        binding: input.binding ?? {},
        destination: input.destination,
        max_attempts: input.maxAttempts,
        expires_at: sql<Date>`now() + make_interval(secs => ${input.ttlSeconds})`,
      })
      .returning(['id', 'expires_at'])
      .executeTakeFirstOrThrow();
    return { challengeId: row.id, token, expiresAt: row.expires_at };
  });
}

/** What became of an e-mail link: `valid` still, `used`, `expired` (or out of tries), `replaced` by a newer link, or `unknown`. */
export type LinkState = 'valid' | 'used' | 'expired' | 'replaced' | 'unknown';

/**
 * The state of a link token without using it or counting a try, and whether its account is
 * active: asked when the page of the link opens, so a used link says so before the client types.
 */
export async function linkState(
  db: Kysely<Database>,
  tenantId: string,
  purpose: LinkPurpose,
  token: string,
): Promise<{ state: LinkState; accountActive: boolean }> {
  const row = await db
    .selectFrom('challenges as ch')
    .innerJoin('accounts as a', (join) => join.onRef('a.tenant_id', '=', 'ch.tenant_id').onRef('a.id', '=', 'ch.account_id'))
    .select([
      'ch.consumed_at',
      'ch.cancelled_at',
      'ch.attempts',
      'ch.max_attempts',
      'a.status',
      sql<boolean>`ch.expires_at <= now()`.as('expired'),
    ])
    .where('ch.tenant_id', '=', tenantId)
    .where('ch.secret_hash', '=', linkTokenHash(token))
    .where('ch.channel', '=', 'link')
    .where('ch.purpose', '=', purpose)
    .executeTakeFirst();
  if (!row) return { state: 'unknown', accountActive: false };
  const state: LinkState = row.consumed_at
    ? 'used'
    : row.cancelled_at
      ? 'replaced'
      : row.expired || row.attempts >= row.max_attempts
        ? 'expired'
        : 'valid';
  return { state, accountActive: row.status === 'active' };
}

/**
 * Finds the open link challenge of a token and counts a try on it (a wrong date of birth on an
 * activation link uses up one of its tries). Undefined when the link is unknown, used, expired
 * or out of tries: the caller says "this link is no longer valid" in every case.
 */
export async function claimLinkAttempt(db: Kysely<Database>, tenantId: string, purpose: LinkPurpose, token: string) {
  if (!token || token.length > 200) return undefined;
  const { rows } = await sql<{ id: string; account_id: string; attempts: number; max_attempts: number; binding: Binding }>`
    update challenges
       set attempts = attempts + 1
     where tenant_id = ${tenantId}
       and secret_hash = ${linkTokenHash(token)}
       and channel = 'link'
       and purpose = ${purpose}
       and consumed_at is null and cancelled_at is null
       and expires_at > now()
       and attempts < max_attempts
    returning id, account_id, attempts, max_attempts, binding
  `.execute(db);
  const row = rows[0];
  return row && { challengeId: row.id, accountId: row.account_id, attemptsLeft: row.max_attempts - row.attempts, binding: row.binding };
}
