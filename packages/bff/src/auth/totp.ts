import { authenticator } from 'otplib';
import QRCode from 'qrcode';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { openSecret } from '../security/server-secret.js';

/**
 * Authenticator apps (RFC 6238): 30-second steps, 6 digits, SHA-1 as every app supports, one
 * step of tolerance either way for clocks that drift. A step once used is refused, also for
 * the next login within the same 30 seconds.
 */
export const TOTP_STEP_SECONDS = 30;
const totp = authenticator.clone({ step: TOTP_STEP_SECONDS, window: 1, digits: 6 });

export function newTotpSecret(): string {
  return totp.generateSecret(20);
}

/** The step of a code that is valid now (±1 step), or null. */
export function matchingStep(secret: string, code: string, now = Date.now()): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const delta = totp.clone({ epoch: now }).checkDelta(code, secret);
  if (delta === null) return null;
  return Math.floor(now / 1000 / TOTP_STEP_SECONDS) + delta;
}

/** The current code of a secret: for tests and the benchmark only. */
export function currentTotpCode(secret: string, now = Date.now()): string {
  return totp.clone({ epoch: now }).generate(secret);
}

/**
 * Checks a code against the account's confirmed secret and records its step, refusing a step
 * that is not later than the last used one. The record is one conditional UPDATE, so the same
 * code sent twice in parallel is accepted once.
 */
export async function useTotpCode(db: Kysely<Database>, tenantId: string, accountId: string, code: string): Promise<boolean> {
  const account = await db
    .selectFrom('accounts')
    .select(['totp_secret'])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', accountId)
    .executeTakeFirst();
  if (!account?.totp_secret) return false;
  const step = matchingStep(openSecret(account.totp_secret), code);
  if (step === null) return false;
  const { rows } = await sql<{ id: string }>`
    update accounts set totp_last_used_step = ${step}
     where tenant_id = ${tenantId} and id = ${accountId}
       and (totp_last_used_step is null or totp_last_used_step < ${step})
    returning id
  `.execute(db);
  return rows.length === 1;
}

export interface TotpEnrolment {
  otpauthUri: string;
  /** PNG as a data: URL, ready for an <img>. */
  qrDataUrl: string;
  /** The secret in groups of four, for typing into the app by hand. */
  manualKey: string;
  issuer: string;
  accountName: string;
}

export async function enrolmentFor(secret: string, issuer: string, accountName: string): Promise<TotpEnrolment> {
  const otpauthUri = totp.keyuri(accountName, issuer, secret);
  const qrDataUrl = await QRCode.toDataURL(otpauthUri, { errorCorrectionLevel: 'M', margin: 2, width: 240 });
  return { otpauthUri, qrDataUrl, manualKey: secret.replace(/(.{4})/g, '$1 ').trim(), issuer, accountName };
}
