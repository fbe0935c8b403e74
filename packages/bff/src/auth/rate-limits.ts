import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

/**
 * Counters and lockouts in the `rate_limits` table, so that every BFF instance sees the same
 * numbers. A bucket names what is counted (`sms:account:<id>`); hits fall into fixed windows of
 * `windowSeconds` aligned to the epoch. Every change is one atomic statement: parallel requests
 * cannot both slip under a limit.
 */
export interface Limit {
  bucket: string;
  max: number;
  windowSeconds: number;
}

export interface LimitResult {
  allowed: boolean;
  hits: number;
  /** Seconds until another hit may succeed; 0 when allowed. */
  retryAfterSeconds: number;
}

/** The limits of the login, as the issue sets them (NIST SP 800-63B, OWASP ASVS 5.0). */
export const authLimits = {
  /** SMS (and e-mailed codes) per account and per destination: they cost money and are abused. */
  codesPerAccount: (accountId: string): Limit => ({ bucket: `code-send:account:${accountId}`, max: 3, windowSeconds: 15 * 60 }),
  codesPerDestination: (destination: string): Limit => ({ bucket: `code-send:to:${destination}`, max: 3, windowSeconds: 15 * 60 }),
  /**
   * Confirmation codes and links (plan decision, contact change) of a signed-in account: a budget
   * of their own, so neither signing in a few times uses up the plan's codes nor the other way round.
   */
  confirmationsPerAccount: (accountId: string): Limit => ({ bucket: `confirm-send:account:${accountId}`, max: 5, windowSeconds: 15 * 60 }),
  /**
   * Per destination the requester chose, counted per requester: a client who types someone
   * else's number or address uses up only their own budget, never that person's login codes.
   */
  confirmationsPerDestination: (destination: string, requesterAccountId: string): Limit => ({
    bucket: `confirm-send:to:${destination}:by:${requesterAccountId}`,
    max: 3,
    windowSeconds: 15 * 60,
  }),
  /** Login, forgot-password and activation calls per IP address. */
  perAddress: (address: string): Limit => ({ bucket: `ip:${address}`, max: 300, windowSeconds: 15 * 60 }),
} as const;

/** Seconds between two codes sent for one login (the widget's "Opnieuw versturen" countdown). */
export const RESEND_COOLDOWN_SECONDS = 30;
/** Second-factor failures that lock the second factor, and for how long. */
export const SECOND_FACTOR_LOCK = { failures: 10, lockSeconds: 15 * 60, countingWindowSeconds: 24 * 3600 } as const;
/**
 * Password failures per username and source address: free tries, then a growing delay. Across
 * all sources a username has a ceiling per hour, which only a trusted device of the account passes.
 */
export const PASSWORD_FAILURES = { freeTries: 4, maxPerHour: 100, maxDelaySeconds: 300, maxPerHourAnywhere: 100 } as const;

/**
 * Counts one hit if the window still has room. A hit over the limit is not counted, so a client
 * that keeps asking is not locked out longer than the window.
 */
export async function consume(db: Kysely<Database>, tenantId: string, limit: Limit): Promise<LimitResult> {
  const { rows } = await sql<{ hits: number; window_start: Date }>`
    insert into rate_limits (tenant_id, bucket, window_start, hits)
    values (${tenantId}, ${limit.bucket}, to_timestamp(floor(extract(epoch from now()) / ${limit.windowSeconds}) * ${limit.windowSeconds}), 1)
    on conflict (tenant_id, bucket, window_start)
      do update set hits = rate_limits.hits + 1 where rate_limits.hits < ${limit.max}
    returning hits, window_start
  `.execute(db);
  const row = rows[0];
  if (row) return { allowed: true, hits: row.hits, retryAfterSeconds: 0 };
  return { allowed: false, hits: limit.max, retryAfterSeconds: secondsToWindowEnd(limit.windowSeconds) };
}

function secondsToWindowEnd(windowSeconds: number) {
  const now = Date.now() / 1000;
  return Math.max(1, Math.ceil(Math.floor(now / windowSeconds) * windowSeconds + windowSeconds - now));
}

/** Seconds until a lock on the bucket ends, 0 when there is none. */
export async function lockedFor(db: Kysely<Database>, tenantId: string, bucket: string): Promise<number> {
  const { rows } = await sql<{ seconds: number | null }>`
    select ceil(extract(epoch from max(locked_until) - now()))::int as seconds
      from rate_limits
     where tenant_id = ${tenantId} and bucket = ${bucket} and locked_until > now()
  `.execute(db);
  return Math.max(0, Number(rows[0]?.seconds ?? 0));
}

/**
 * Counts a failure and, in the same statement, sets a lock whose length follows from the number
 * of failures in the window (`lockSecondsFor(hits)`; 0 = no lock). Returns the count and the lock.
 */
export async function recordFailure(
  db: Kysely<Database>,
  tenantId: string,
  bucket: string,
  windowSeconds: number,
  lockSecondsFor: (hits: number) => number,
): Promise<{ hits: number; lockedForSeconds: number }> {
  const { rows } = await sql<{ hits: number; window_start: Date }>`
    insert into rate_limits (tenant_id, bucket, window_start, hits)
    values (${tenantId}, ${bucket}, to_timestamp(floor(extract(epoch from now()) / ${windowSeconds}) * ${windowSeconds}), 1)
    on conflict (tenant_id, bucket, window_start) do update set hits = rate_limits.hits + 1
    returning hits, window_start
  `.execute(db);
  const row = rows[0]!;
  const lockSeconds = lockSecondsFor(row.hits);
  if (lockSeconds > 0) {
    await sql`
      update rate_limits set locked_until = greatest(coalesce(locked_until, now()), now() + make_interval(secs => ${lockSeconds}))
       where tenant_id = ${tenantId} and bucket = ${bucket} and window_start = ${row.window_start}
    `.execute(db);
  }
  return { hits: row.hits, lockedForSeconds: lockSeconds };
}

/** Forgets every password failure of a username, from every source (after a reset). */
export async function clearPasswordFailures(db: Kysely<Database>, tenantId: string, username: string): Promise<void> {
  const key = usernameKey(username);
  await sql`delete from rate_limits where tenant_id = ${tenantId} and (bucket = ${key} or starts_with(bucket, ${`${key}:from:`}))`.execute(
    db,
  );
}

/** Forgets a bucket's failures, e.g. after the right password or code. */
export async function clearBucket(db: Kysely<Database>, tenantId: string, bucket: string): Promise<void> {
  await db.deleteFrom('rate_limits').where('tenant_id', '=', tenantId).where('bucket', '=', bucket).execute();
}

/** Growing delay after the free password tries: 2, 4, 8 … seconds, at most 5 minutes; a full hour at the ceiling. */
export function passwordDelaySeconds(failures: number): number {
  if (failures >= PASSWORD_FAILURES.maxPerHour) return secondsToWindowEnd(3600);
  if (failures <= PASSWORD_FAILURES.freeTries) return 0;
  return Math.min(PASSWORD_FAILURES.maxDelaySeconds, 2 ** (failures - PASSWORD_FAILURES.freeTries));
}

/** Across every source: nothing until the hourly ceiling, then locked to the end of the hour. */
export function passwordCeilingSeconds(failures: number): number {
  return failures >= PASSWORD_FAILURES.maxPerHourAnywhere ? secondsToWindowEnd(3600) : 0;
}

export function secondFactorLockSeconds(failures: number): number {
  return failures > 0 && failures % SECOND_FACTOR_LOCK.failures === 0 ? SECOND_FACTOR_LOCK.lockSeconds : 0;
}

const usernameKey = (username: string) => `password-failures:user:${username.trim().toLowerCase()}`;

export const buckets = {
  /** The growing delay: per username and source, so a stranger's wrong passwords delay only the stranger. */
  passwordFailures: (username: string, address: string | null) => `${usernameKey(username)}:from:${address ?? 'unknown'}`,
  /** The hourly ceiling of a username across every source (distributed guessing). */
  passwordFailuresAnywhere: (username: string) => usernameKey(username),
  secondFactorFailures: (accountId: string) => `second-factor-failures:account:${accountId}`,
};

/** Removes windows older than a day: called now and then, e.g. by the server's housekeeping. */
export async function pruneRateLimits(db: Kysely<Database>): Promise<number> {
  const result =
    await sql`delete from rate_limits where window_start < now() - interval '2 days' and (locked_until is null or locked_until < now())`.execute(
      db,
    );
  return Number(result.numAffectedRows ?? 0);
}

/** Gives back a hit of the current window, e.g. for a code the provider never delivered. */
export async function refund(db: Kysely<Database>, tenantId: string, limit: Limit): Promise<void> {
  await sql`
    update rate_limits set hits = greatest(hits - 1, 0)
     where tenant_id = ${tenantId} and bucket = ${limit.bucket}
       and window_start = to_timestamp(floor(extract(epoch from now()) / ${limit.windowSeconds}) * ${limit.windowSeconds})
  `.execute(db);
}
