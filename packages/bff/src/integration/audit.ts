import type { Context } from 'hono';
import type { Insertable } from 'kysely';
import { auditRow, type AuditEntry } from '../audit/audit-log.js';
import type { AuditLogTable } from '../db/schema.js';
import type { IntegrationEnv, IntegrationPrincipal } from './integration-env.js';

/**
 * The audit row of something the ECD did (actor 'integration', no account): which key signed
 * the request and which token it was go into the details.
 */
export function integrationAuditRow(c: Context<IntegrationEnv>, entry: Omit<AuditEntry, 'accountId'>): Insertable<AuditLogTable> {
  const principal = c.var.integration as IntegrationPrincipal | undefined;
  const row = auditRow(c, { clientId: null, ...entry, accountId: null });
  return {
    ...row,
    actor_kind: 'integration',
    details: { ...(principal ? { kid: principal.kid, jti: principal.jti } : {}), ...(entry.details ?? {}) },
  };
}
