import { sql, type Insertable, type Kysely } from 'kysely';
import type { Relationship } from '../contacts/rights.js';
import type { AuditLogTable, Database } from '../db/schema.js';

export type AccessActor = 'client' | 'contact' | 'staff' | 'ecd';
export type AccessAction = 'view' | 'download' | 'create' | 'update' | 'delete' | 'sign' | 'reject';

/** One line of the client's access log (NEN 7513 §9): when, who, which data, which action. */
export interface AccessLogLine {
  at: string;
  actor: AccessActor;
  /** The contact person's or staff member's name; null when the tenant hides staff names. */
  name: string | null;
  /** What a contact person is to the client ("dochter"), while the link exists. */
  relationship: Relationship | null;
  role: string | null;
  organisation: string | null;
  category: string;
  action: AccessAction;
  breakTheGlass: boolean;
  /** The access was the reader's own (the client's, or a contact person's reading the log). */
  byYou: boolean;
}

export interface AccessLogScope {
  tenantId: string;
  tenantName: string;
  clientId: string;
  /** Who reads the log: their own lines are "U zelf". */
  accountId: string;
  showStaffNames: boolean;
}

/*
 * Which audit actions are an access to the client's data, as (category, action). Sign-in events,
 * replays, refusals and reads of this log itself are not: they say nothing about the file.
 */
const auditCategory = sql<string>`case
  when a.action like 'integration.plan-documents.%' then 'client-plan'
  when a.action like 'integration.clients.%' then 'profile'
  when a.action = 'integration.changes.read' then 'portal-input'
  when a.action like 'integration.%' then split_part(a.action, '.', 2)
  when a.action like 'plan%' then 'client-plan'
  else split_part(a.action, '.', 1) end`;
const auditAction = sql<AccessAction | null>`case
  when a.action like 'integration.%.upsert' then case a.details ->> 'status' when 'created' then 'create' when 'updated' then 'update' end
  when a.action = 'integration.changes.read' then 'view'
  when a.action like 'integration.%.cancel' then 'update'
  when a.action like 'integration.%' then null
  when a.action like '%.replay' then null
  when a.action ~ '\\.(list|latest|recent|types|upcoming|view|read|stream)$' then 'view'
  when a.action ~ '\\.(download|export|docx)$' then 'download'
  when a.action ~ '\\.(create|send)$' then 'create'
  when a.action ~ '\\.(update|change|changed|cancel)$' then 'update'
  when a.action ~ '\\.delete$' then 'delete'
  when a.action = 'plans.sign' then 'sign'
  when a.action = 'plans.reject' then 'reject'
  end`;

interface LineRow {
  at: Date;
  actor: AccessActor;
  name: string | null;
  relationship: Relationship | null;
  role: string | null;
  organisation: string | null;
  category: string;
  action: AccessAction;
  break_the_glass: boolean;
  by_you: boolean;
}

/**
 * The client's access log of [start, end), newest first: their own and their contact persons'
 * portal accesses and the ECD's reads and writes (audit_log), and the care staff's accesses the
 * ECD pushed (staff_access_events). One statement, which also inserts the audit row of reading it.
 */
export async function accessLogLines(
  db: Kysely<Database>,
  scope: AccessLogScope,
  period: { start: Date; end: Date },
  auditRow: Insertable<AuditLogTable>,
): Promise<AccessLogLine[]> {
  const rows = (await db
    .with('logged', (db) => db.insertInto('audit_log').values(auditRow).returning('id'))
    .selectFrom(
      sql<LineRow>`(
        select a.occurred_at as at,
               case when a.actor_kind = 'integration' then 'ecd' when a.on_behalf_of_client_id is not null then 'contact' else 'client' end as actor,
               case when a.on_behalf_of_client_id is not null then acc.display_name end as name,
               case when a.on_behalf_of_client_id is not null then ac.relationship end as relationship,
               null::text as role,
               case when a.actor_kind = 'integration' then ${scope.tenantName}::text end as organisation,
               ${auditCategory} as category, ${auditAction} as action, false as break_the_glass,
               coalesce(a.actor_account_id = ${scope.accountId}, false) as by_you
        from audit_log a left join accounts acc on acc.tenant_id = a.tenant_id and acc.id = a.actor_account_id
          left join account_clients ac on ac.tenant_id = a.tenant_id and ac.account_id = a.actor_account_id and ac.client_id = a.client_id
        where a.tenant_id = ${scope.tenantId} and a.client_id = ${scope.clientId} and a.outcome = 'success'
          and a.actor_kind in ('account', 'integration')
          and a.occurred_at >= ${period.start} and a.occurred_at < ${period.end}
        union all
        select s.occurred_at, 'staff', case when ${scope.showStaffNames} then s.staff_name end, null, s.staff_role, s.organisation_unit,
               s.data_category, s.action, s.break_the_glass, false
        from staff_access_events s
        where s.tenant_id = ${scope.tenantId} and s.client_id = ${scope.clientId} and s.occurred_at >= ${period.start} and s.occurred_at < ${period.end}
      )`.as('l'),
    )
    .selectAll()
    .where(
      sql<boolean>`l.action is not null and l.category in ('reports', 'measurements', 'appointments', 'messages', 'client-plan', 'profile', 'portal-input', 'documents', 'medication', 'other')`,
    )
    .orderBy(sql`l.at`, 'desc')
    .execute()) as unknown as LineRow[];
  return rows.map((row) => ({
    at: new Date(row.at).toISOString(),
    actor: row.actor,
    name: row.name,
    relationship: row.relationship,
    role: row.role,
    organisation: row.organisation,
    category: row.category,
    action: row.action,
    breakTheGlass: row.break_the_glass,
    byYou: row.by_you,
  }));
}
