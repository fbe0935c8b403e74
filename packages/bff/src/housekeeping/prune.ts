import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { Logger } from '../http/logger.js';
import { pruneRateLimits } from '../auth/rate-limits.js';

/**
 * How long rows that have done their job are kept before the housekeeping deletes them. A day of
 * slack after expiry lets support look at yesterday's failed login; a week of sent messages lets
 * them see what went out. Audit rows go only when older than the tenant's `audit.retentionYears`,
 * through audit_log_purge_expired(), the one function the append-only audit_log lets delete.
 */
export const RETENTION = { expiredDays: 1, sentMessagesDays: 7 } as const;
export const HOUSEKEEPING_INTERVAL_MS = 15 * 60_000;

export interface PruneReport {
  sessions: number;
  challenges: number;
  trustedDevices: number;
  rateLimits: number;
  tokenUses: number;
  outbox: number;
  /** Board photos uploaded but never posted (a composer left), which would otherwise fill the client's quota. */
  boardUploads: number;
  auditRows: number;
}

/** Deletes expired sessions, challenges, trusted devices, spent token ids, old rate-limit windows, old sent messages, board photos never posted and audit rows past retention. */
export async function pruneExpired(db: Kysely<Database>): Promise<PruneReport> {
  const expired = sql<Date>`now() - make_interval(days => ${RETENTION.expiredDays})`;
  const count = (result: { numAffectedRows?: bigint } | { numDeletedRows: bigint }) =>
    Number('numDeletedRows' in result ? result.numDeletedRows : (result.numAffectedRows ?? 0));
  const sessions = await db
    .deleteFrom('sessions')
    .where((eb) => eb.or([eb('absolute_expires_at', '<', expired), eb('idle_expires_at', '<', expired), eb('revoked_at', '<', expired)]))
    .executeTakeFirst();
  const challenges = await db.deleteFrom('challenges').where('expires_at', '<', expired).executeTakeFirst();
  const trustedDevices = await db
    .deleteFrom('trusted_devices')
    .where((eb) => eb.or([eb('expires_at', '<', expired), eb('revoked_at', '<', expired)]))
    .executeTakeFirst();
  const tokenUses = await sql`delete from integration_token_uses where expires_at < now()`.execute(db);
  const outbox = await db
    .deleteFrom('outbox')
    .where('status', '=', 'sent')
    .where('sent_at', '<', sql<Date>`now() - make_interval(days => ${RETENTION.sentMessagesDays})`)
    .executeTakeFirst();
  const boardUploads = await db
    .deleteFrom('board_photos')
    .where('post_id', 'is', null)
    .where('created_at', '<', expired)
    .executeTakeFirst();
  return {
    sessions: count(sessions),
    challenges: count(challenges),
    trustedDevices: count(trustedDevices),
    rateLimits: await pruneRateLimits(db),
    tokenUses: count(tokenUses),
    outbox: count(outbox),
    boardUploads: count(boardUploads),
    auditRows: Number((await sql<{ removed: string }>`select audit_log_purge_expired() as removed`.execute(db)).rows[0]!.removed),
  };
}

/**
 * Runs pruneExpired() now and every `intervalMs` until `stop` aborts (the server's shutdown).
 * The timer is unref'd: it never keeps a process alive. With several BFF instances each prunes;
 * the deletes are idempotent, so that costs a few empty statements, not conflicts.
 */
export function startHousekeeping(db: Kysely<Database>, logger: Logger, stop: AbortSignal, intervalMs = HOUSEKEEPING_INTERVAL_MS): void {
  let running: Promise<void> | undefined;
  const run = () => {
    if (stop.aborted || running) return;
    running = pruneExpired(db)
      .then((report) => {
        if (Object.values(report).some((n) => n > 0)) logger.info('housekeeping: expired rows deleted', { ...report });
      })
      .catch((error: unknown) => {
        if (!stop.aborted) logger.warn('housekeeping failed; trying again later', { error });
      })
      .finally(() => {
        running = undefined;
      });
  };
  const timer = setInterval(run, intervalMs);
  timer.unref();
  stop.addEventListener('abort', () => clearInterval(timer), { once: true });
  setImmediate(run);
}
