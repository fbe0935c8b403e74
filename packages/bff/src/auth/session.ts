import type { Context } from 'hono';
import { createHash, randomBytes } from 'node:crypto';
import { deleteCookie, setCookie } from 'hono/cookie';
import { sql, type Kysely } from 'kysely';
import type { AppEnv } from '../http/app-env.js';
import { accessOf } from '../contacts/rights.js';
import type { Database, Relationship, SessionState } from '../db/schema.js';
import type { SessionInfo } from '../http/session-types.js';
import type { TenantRecord } from '../tenants/queries.js';

/** 256 random bits, sent to the browser; only its SHA-256 is stored. */
export function newSecretToken(): { token: string; hash: Buffer } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashToken(token) };
}

export function hashToken(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

export function sessionCookieName(tenantSlug: string) {
  return `__Host-care-${tenantSlug}`;
}

export function setSessionCookie<E extends AppEnv>(c: Context<E>, tenant: TenantRecord, token: string) {
  setCookie(c, sessionCookieName(tenant.slug), token, cookieAttributes(tenant));
}

export function clearSessionCookie<E extends AppEnv>(c: Context<E>, tenant: TenantRecord) {
  deleteCookie(c, sessionCookieName(tenant.slug), cookieAttributes(tenant));
}

/**
 * `__Host-` cookies: Secure, Path=/, no Domain. SameSite=Lax unless the tenant embeds the widgets
 * on another site, where the browser only sends SameSite=None cookies, partitioned per top site.
 */
export function cookieAttributes(tenant: TenantRecord) {
  return tenant.settings.crossSiteEmbedding
    ? ({ path: '/', secure: true, httpOnly: true, sameSite: 'None', partitioned: true } as const)
    : ({ path: '/', secure: true, httpOnly: true, sameSite: 'Lax' } as const);
}

export interface NewSession {
  tenant: TenantRecord;
  accountId: string;
  clientId: string | null;
  state: SessionState;
  ip: string | null;
  userAgent: string | null;
}

export async function createSession(db: Kysely<Database>, input: NewSession): Promise<{ token: string; id: string }> {
  const { token, hash } = newSecretToken();
  const { idleMinutes, absoluteHours } = input.tenant.settings.session;
  const now = Date.now();
  const absolute = new Date(now + absoluteHours * 3_600_000);
  const idle = new Date(Math.min(now + idleMinutes * 60_000, absolute.getTime()));
  const row = await db
    .insertInto('sessions')
    .values({
      tenant_id: input.tenant.id,
      account_id: input.accountId,
      client_id: input.clientId,
      token_hash: hash,
      state: input.state,
      idle_expires_at: idle,
      absolute_expires_at: absolute,
      ip: input.ip,
      user_agent: input.userAgent?.slice(0, 500) ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { token, id: row.id };
}

/**
 * Moves a session to its next sign-in step under a new token, so that a token seen before the
 * step (e.g. by a shared computer's next user) is worth nothing after it.
 */
export async function advanceSession(
  db: Kysely<Database>,
  tenantId: string,
  sessionId: string,
  changes: { state: SessionState; clientId?: string | null },
): Promise<string> {
  const { token, hash } = newSecretToken();
  await db
    .updateTable('sessions')
    .set({ token_hash: hash, state: changes.state, ...(changes.clientId !== undefined ? { client_id: changes.clientId } : {}) })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', sessionId)
    .execute();
  return token;
}

export async function revokeSession(db: Kysely<Database>, tenantId: string, sessionId: string) {
  await db.updateTable('sessions').set({ revoked_at: new Date() }).where('tenant_id', '=', tenantId).where('id', '=', sessionId).execute();
}

/** After a password change or reset: every session of the account but the one named ends. */
export async function revokeOtherSessions(db: Kysely<Database>, tenantId: string, accountId: string, keepSessionId: string | null) {
  let update = db
    .updateTable('sessions')
    .set({ revoked_at: new Date() })
    .where('tenant_id', '=', tenantId)
    .where('account_id', '=', accountId)
    .where('revoked_at', 'is', null);
  if (keepSessionId) update = update.where('id', '!=', keepSessionId);
  await update.execute();
}

/**
 * A sign-in completed: the session keeps when the account's previous sign-in started (for
 * "Sinds uw vorige bezoek"), and the account records this one, in one statement (every part of it
 * sees the account as it was before).
 */
export async function recordSignIn(db: Kysely<Database>, tenantId: string, accountId: string, sessionId: string) {
  await sql`
    with previous as (
      select last_login_at from accounts where tenant_id = ${tenantId} and id = ${accountId}
    ), signed_in as (
      update accounts set last_login_at = now() where tenant_id = ${tenantId} and id = ${accountId} returning id
    )
    update sessions set previous_visit_at = (select last_login_at from previous)
     where tenant_id = ${tenantId} and id = ${sessionId} and exists (select 1 from signed_in)
  `.execute(db);
}

/**
 * Finds a live session by token and extends its idle timeout, never past the absolute one:
 * one round trip to the database.
 */
export async function touchSession(db: Kysely<Database>, tenant: TenantRecord, token: string): Promise<SessionInfo | undefined> {
  const idleMinutes = tenant.settings.session.idleMinutes;
  const { rows } = await sql<{
    id: string;
    account_id: string;
    client_id: string | null;
    state: SessionState;
    display_name: string;
    idle_expires_at: Date;
    absolute_expires_at: Date;
    previous_visit_at: Date | null;
    link: {
      relation: 'self' | 'contact';
      rights: Record<string, unknown>;
      legal_representative: boolean;
      relationship: Relationship | null;
      client_name: string;
    } | null;
  }>`
    update sessions s
       set last_seen_at = now(),
           idle_expires_at = least(now() + make_interval(mins => ${idleMinutes}), s.absolute_expires_at)
      from accounts a
     where s.tenant_id = ${tenant.id}
       and s.token_hash = ${hashToken(token)}
       and s.revoked_at is null
       and s.idle_expires_at > now()
       and s.absolute_expires_at > now()
       and a.tenant_id = s.tenant_id
       and a.id = s.account_id
       and a.status = 'active'
       -- A person removed from the client's portal has no session for it any more.
       and (s.client_id is null or exists (select 1 from account_clients ac
             where ac.tenant_id = s.tenant_id and ac.account_id = s.account_id and ac.client_id = s.client_id))
    returning s.id, s.account_id, s.client_id, s.state, a.display_name, s.idle_expires_at, s.absolute_expires_at, s.previous_visit_at,
      (select json_build_object('relation', ac.relation, 'rights', ac.rights, 'legal_representative', ac.legal_representative,
              'relationship', ac.relationship,
              'client_name', concat_ws(' ', nullif(c.first_name, ''), nullif(c.last_name_prefix, ''), nullif(c.last_name, '')))
         from account_clients ac join clients c on c.tenant_id = ac.tenant_id and c.id = ac.client_id
        where ac.tenant_id = s.tenant_id and ac.account_id = s.account_id and ac.client_id = s.client_id) as link
  `.execute(db);
  const row = rows[0];
  if (!row) return undefined;
  return {
    id: row.id,
    tenantId: tenant.id,
    accountId: row.account_id,
    clientId: row.client_id,
    relation: row.link?.relation ?? 'self',
    state: row.state,
    displayName: row.display_name,
    idleExpiresAt: row.idle_expires_at,
    absoluteExpiresAt: row.absolute_expires_at,
    previousVisitAt: row.previous_visit_at ? new Date(row.previous_visit_at) : null,
    access: accessOf(row.link ?? { relation: 'self', rights: {}, legal_representative: false }),
    clientName: row.link?.client_name ?? null,
    relationship: row.link?.relation === 'contact' ? row.link.relationship : null,
  };
}
