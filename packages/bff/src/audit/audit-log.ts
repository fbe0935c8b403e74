import type { Context } from 'hono';
import { sql, type Insertable, type Kysely, type RawBuilder } from 'kysely';
import type { AppEnv } from '../http/app-env.js';
import type { AuditLogTable, Database } from '../db/schema.js';
import { clientAddress } from '../http/client-address.js';

export interface AuditEntry {
  /** What happened, as `<feature>.<verb>`: `reports.list`, `auth.login.failure`, `plan.sign`. */
  action: string;
  outcome?: 'success' | 'failure' | 'denied';
  resourceType?: string;
  resourceId?: string;
  /** Whose data was touched; defaults to the session's client. */
  clientId?: string | null;
  /** Who acted; defaults to the session's account. */
  accountId?: string | null;
  details?: Record<string, unknown>;
}

/** The audit_log row for an entry in this request, for callers that insert it in their own statement. */
export function auditRow<E extends AppEnv>(c: Context<E>, entry: AuditEntry): Insertable<AuditLogTable> {
  const session = c.var.session;
  const tenant = c.var.tenant;
  if (!tenant) throw new Error('audit() needs the tenant context');
  const accountId = entry.accountId !== undefined ? entry.accountId : (session?.accountId ?? null);
  const clientId = entry.clientId !== undefined ? entry.clientId : (session?.clientId ?? null);
  return {
    tenant_id: tenant.id,
    actor_kind: accountId ? 'account' : 'anonymous',
    actor_account_id: accountId,
    client_id: clientId,
    on_behalf_of_client_id: session?.relation === 'contact' ? clientId : null,
    action: entry.action,
    resource_type: entry.resourceType ?? null,
    resource_id: entry.resourceId ?? null,
    outcome: entry.outcome ?? 'success',
    ip: clientAddress(c, c.var.config.trustedProxies),
    user_agent: c.req.header('user-agent')?.slice(0, 500) ?? null,
    request_id: c.var.requestId ?? null,
    details: entry.details ?? {},
  };
}

/**
 * The `insert into audit_log` of an `auditRow()`, for a hot read written as one SQL text with its
 * audit row in a CTE: building that statement with the query builder on every request costs the
 * BFF more than the rest of the request's own work.
 */
export function auditInsert(row: Insertable<AuditLogTable>): RawBuilder<unknown> {
  return sql`insert into audit_log (tenant_id, actor_kind, actor_account_id, client_id, on_behalf_of_client_id, action,
      resource_type, resource_id, outcome, ip, user_agent, request_id, details)
    values (${row.tenant_id}, ${row.actor_kind}, ${row.actor_account_id ?? null}, ${row.client_id ?? null},
      ${row.on_behalf_of_client_id ?? null}, ${row.action}, ${row.resource_type ?? null}, ${row.resource_id ?? null},
      ${row.outcome ?? 'success'}, ${row.ip ?? null}, ${row.user_agent ?? null}, ${row.request_id ?? null}, ${row.details ?? {}})`;
}

/**
 * NEN 7513 audit trail: who (account), which client, what, when, on whose behalf, from where.
 * Pass `db` to write inside the caller's transaction, so the audit row commits with the change.
 * A read that must stay one round trip inserts `auditRow()` in a CTE of its own query instead.
 */
export async function audit<E extends AppEnv>(c: Context<E>, entry: AuditEntry, db: Kysely<Database> = c.var.db): Promise<void> {
  await db.insertInto('audit_log').values(auditRow(c, entry)).execute();
}
