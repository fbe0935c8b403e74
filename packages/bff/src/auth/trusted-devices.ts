import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Kysely } from 'kysely';
import type { AppEnv } from '../http/app-env.js';
import type { Database } from '../db/schema.js';
import type { TenantRecord } from '../tenants/queries.js';
import { cookieAttributes, hashToken, newSecretToken } from './session.js';

/**
 * "Deze computer vertrouwen": a random token in a cookie, its hash in trusted_devices, valid for
 * the tenant's N days from the moment of trust and never extended by use. It spares only the
 * login's second factor; plan decisions and contact changes always ask for a fresh code.
 */
export function deviceCookieName(tenantSlug: string) {
  return `__Host-care-device-${tenantSlug}`;
}

export async function trustDevice<E extends AppEnv>(c: Context<E>, tenant: TenantRecord, accountId: string): Promise<void> {
  const days = tenant.settings.trustedDeviceDays;
  if (days <= 0) return;
  const { token, hash } = newSecretToken();
  const expiresAt = new Date(Date.now() + days * 86_400_000);
  await c.var.db
    .insertInto('trusted_devices')
    .values({
      tenant_id: tenant.id,
      account_id: accountId,
      token_hash: hash,
      expires_at: expiresAt,
      user_agent: c.req.header('user-agent')?.slice(0, 500) ?? null,
    })
    .execute();
  setCookie(c, deviceCookieName(tenant.slug), token, { ...cookieAttributes(tenant), expires: expiresAt, maxAge: days * 86_400 });
}

/** True when the request carries a live trusted-device token of this account. */
export async function isTrustedDevice<E extends AppEnv>(c: Context<E>, tenant: TenantRecord, accountId: string): Promise<boolean> {
  if (tenant.settings.trustedDeviceDays <= 0) return false;
  const token = getCookie(c, deviceCookieName(tenant.slug));
  if (!token || token.length > 100) return false;
  const row = await c.var.db
    .selectFrom('trusted_devices')
    .select('id')
    .where('tenant_id', '=', tenant.id)
    .where('token_hash', '=', hashToken(token))
    .where('account_id', '=', accountId)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', new Date())
    .executeTakeFirst();
  return row !== undefined;
}

export function forgetDeviceCookie<E extends AppEnv>(c: Context<E>, tenant: TenantRecord) {
  deleteCookie(c, deviceCookieName(tenant.slug), cookieAttributes(tenant));
}

/** After a password change or reset: no computer is trusted any more. */
export async function revokeTrustedDevices(db: Kysely<Database>, tenantId: string, accountId: string): Promise<void> {
  await db
    .updateTable('trusted_devices')
    .set({ revoked_at: new Date() })
    .where('tenant_id', '=', tenantId)
    .where('account_id', '=', accountId)
    .where('revoked_at', 'is', null)
    .execute();
}
