import { sql, type Insertable, type Kysely } from 'kysely';
import type { AuditLogTable, Database } from '../db/schema.js';

/** Whose overview: the session's tenant, client and account, and when the previous visit began. */
export interface ActivityScope {
  tenantId: string;
  clientId: string;
  accountId: string;
  previousVisitAt: Date | null;
}

/** What came in since the previous visit: written, sent or measured by someone else. */
export interface ActivitySince {
  reports: number;
  messages: number;
  appointmentsHeld: number;
  measurements: number;
}

export interface NextAppointment {
  id: string;
  startsAt: string;
  endsAt: string;
  title: string;
  location: string | null;
}

export interface ActivityView {
  previousVisit: string | null;
  /** null on the first visit ever: there is no "since" yet. */
  since: ActivitySince | null;
  plansAwaitingDecision: number;
  nextAppointment: NextAppointment | null;
}

interface ActivityRow {
  reports: number | string;
  messages: number | string;
  appointments_held: number | string;
  measurements: number | string;
  plans_awaiting: number | string;
  next_id: string | null;
  next_starts_at: Date | null;
  next_ends_at: Date | null;
  next_title: string | null;
  next_location: string | null;
}

/**
 * "Sinds uw vorige bezoek": counts since the previous visit (the client's own writing left out),
 * the client plans still waiting for a decision and the next appointment. One statement, which
 * also inserts the audit row of reading it.
 */
export async function activityOverview(
  db: Kysely<Database>,
  scope: ActivityScope,
  auditRow: Insertable<AuditLogTable>,
): Promise<ActivityView> {
  const { tenantId, clientId, accountId } = scope;
  // On a first visit nothing is "new": the counts are taken from the end of time and come to 0.
  const since = scope.previousVisitAt ?? new Date('9999-12-31T00:00:00Z');
  const row = (await db
    .with('logged', (db) => db.insertInto('audit_log').values(auditRow).returning('id'))
    .selectFrom(sql`(select 1)`.as('one'))
    .select([
      sql<number>`(select count(*) from reports r where r.tenant_id = ${tenantId} and r.client_id = ${clientId}
        and r.created_at >= ${since} and r.author_account_id is distinct from ${accountId})`.as('reports'),
      sql<number>`(select count(*) from messages m where m.tenant_id = ${tenantId} and m.client_id = ${clientId}
        and m.sent_at >= ${since} and m.sender_account_id is distinct from ${accountId})`.as('messages'),
      sql<number>`(select count(*) from appointments a where a.tenant_id = ${tenantId} and a.client_id = ${clientId}
        and a.cancelled_at is null and a.starts_at >= ${since} and a.starts_at <= now())`.as('appointments_held'),
      sql<number>`(select count(*) from measurements x where x.tenant_id = ${tenantId} and x.client_id = ${clientId}
        and x.deleted_at is null and x.created_at >= ${since} and x.author_account_id is distinct from ${accountId})`.as('measurements'),
      sql<number>`(select count(*) from plan_documents p where p.tenant_id = ${tenantId} and p.client_id = ${clientId}
        and not exists (select 1 from plan_decisions d where d.tenant_id = p.tenant_id and d.plan_document_id = p.id))`.as(
        'plans_awaiting',
      ),
      sql<string | null>`n.id`.as('next_id'),
      sql<Date | null>`n.starts_at`.as('next_starts_at'),
      sql<Date | null>`n.ends_at`.as('next_ends_at'),
      sql<string | null>`n.title`.as('next_title'),
      sql<string | null>`n.location`.as('next_location'),
    ])
    .leftJoin(
      sql<{
        id: string;
        starts_at: Date;
        ends_at: Date;
        title: string;
        location: string | null;
      }>`(select a.id, a.starts_at, a.ends_at, a.title, a.location
        from appointments a where a.tenant_id = ${tenantId} and a.client_id = ${clientId} and a.cancelled_at is null and a.starts_at > now()
        order by a.starts_at, a.id limit 1)`.as('n'),
      (join) => join.onTrue(),
    )
    .executeTakeFirstOrThrow()) as unknown as ActivityRow;
  return {
    previousVisit: scope.previousVisitAt?.toISOString() ?? null,
    since: scope.previousVisitAt
      ? {
          reports: Number(row.reports),
          messages: Number(row.messages),
          appointmentsHeld: Number(row.appointments_held),
          measurements: Number(row.measurements),
        }
      : null,
    plansAwaitingDecision: Number(row.plans_awaiting),
    nextAppointment:
      row.next_id && row.next_starts_at && row.next_ends_at && row.next_title
        ? {
            id: row.next_id,
            startsAt: new Date(row.next_starts_at).toISOString(),
            endsAt: new Date(row.next_ends_at).toISOString(),
            title: row.next_title,
            location: row.next_location,
          }
        : null,
  };
}
