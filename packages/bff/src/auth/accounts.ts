import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Account, Database, SecondFactorKind } from '../db/schema.js';
import type { TenantRecord } from '../tenants/queries.js';
import { hashPassword, verifyPassword } from './passwords.js';

export async function accountByUsername(db: Kysely<Database>, tenantId: string, username: string): Promise<Account | undefined> {
  return db
    .selectFrom('accounts')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where(sql<string>`lower(username)`, '=', username.trim().toLowerCase())
    .executeTakeFirst();
}

export async function accountById(db: Kysely<Database>, tenantId: string, accountId: string): Promise<Account | undefined> {
  return db.selectFrom('accounts').selectAll().where('tenant_id', '=', tenantId).where('id', '=', accountId).executeTakeFirst();
}

/** The client whose portal an account opens: its own dossier first, else the first it may see. */
export async function portalClientOf(
  db: Kysely<Database>,
  tenantId: string,
  accountId: string,
): Promise<{ clientId: string; dateOfBirth: string } | undefined> {
  const row = await db
    .selectFrom('account_clients as ac')
    .innerJoin('clients as c', (join) => join.onRef('c.tenant_id', '=', 'ac.tenant_id').onRef('c.id', '=', 'ac.client_id'))
    .select(['ac.client_id', 'c.date_of_birth'])
    .where('ac.tenant_id', '=', tenantId)
    .where('ac.account_id', '=', accountId)
    .orderBy(sql`case when ac.relation = 'self' then 0 else 1 end`)
    .orderBy('ac.created_at')
    .limit(1)
    .executeTakeFirst();
  return row && { clientId: row.client_id, dateOfBirth: row.date_of_birth };
}

/**
 * A hash of a random password that no account has, verified for unknown usernames so that
 * "no such user" costs as much time as "wrong password". Made once per process.
 */
let dummy: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummy ??= hashPassword(randomBytes(24).toString('base64url'));
  return dummy;
}

/**
 * The password step: true only for an active account with this password. Unknown usernames,
 * invited and disabled accounts take the same path through argon2id.
 */
export async function checkCredentials(db: Kysely<Database>, tenantId: string, username: string, password: string) {
  const account = await accountByUsername(db, tenantId, username);
  const ok = await verifyPassword(account?.password_hash ?? (await dummyPasswordHash()), password);
  const usable = account !== undefined && account.status === 'active' && account.password_hash !== null;
  return {
    account,
    ok: ok && usable,
    reason: !account ? 'unknown-user' : !usable ? `account-${account.status}` : ok ? 'ok' : 'wrong-password',
  };
}

export async function setPassword(db: Kysely<Database>, tenantId: string, accountId: string, password: string) {
  await db
    .updateTable('accounts')
    .set({
      password_hash: await hashPassword(password),
      password_changed_at: new Date(),
      must_change_password: false,
      updated_at: new Date(),
    })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', accountId)
    .execute();
}

export type FirstLoginStep = 'password' | 'terms';

/**
 * What stands between a signed-in person and the portal: the first-login password change (or an
 * expired password, seed 001) and the current terms of use.
 */
export function firstLoginSteps(account: Account, tenant: TenantRecord, now = Date.now()): FirstLoginStep[] {
  const steps: FirstLoginStep[] = [];
  const maxAge = tenant.settings.passwordPolicy.maxAgeDays;
  const expired =
    maxAge !== null && account.password_changed_at !== null && now - new Date(account.password_changed_at).getTime() > maxAge * 86_400_000;
  if (account.must_change_password || expired) steps.push('password');
  if (account.terms_version_accepted !== tenant.settings.terms.version) steps.push('terms');
  return steps;
}

/** The second factor an account uses now: its choice if the tenant allows it and it can work, else a fallback. */
export function effectiveSecondFactor(account: Account, tenant: TenantRecord): SecondFactorKind | null {
  const { allowed, default: fallback } = tenant.settings.secondFactors;
  const usable = (kind: SecondFactorKind) =>
    allowed.includes(kind) &&
    (kind === 'totp' ? account.totp_secret !== null : kind === 'sms' ? Boolean(account.mobile_phone) : Boolean(account.email));
  for (const kind of [account.second_factor, fallback, ...allowed]) if (usable(kind)) return kind;
  return null;
}

export function maskPhone(phone: string | null): string | null {
  if (!phone) return null;
  return `${'•'.repeat(Math.max(0, phone.length - 4))}${phone.slice(-4)}`;
}

export function maskEmail(email: string | null): string | null {
  if (!email) return null;
  const [local = '', domain = ''] = email.split('@');
  return `${local.slice(0, 1)}•••@${domain}`;
}
