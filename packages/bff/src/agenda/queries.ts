import { sql, type Insertable, type Kysely } from 'kysely';
import type { AuditLogTable, Database } from '../db/schema.js';
import { amsterdamClock, amsterdamDate, isoDate } from '../time/amsterdam-time.js';
import type { ClientScope } from '../http/session-types.js';

export interface AppointmentView {
  id: string;
  title: string;
  description: string | null;
  location: string | null;
  careWorker: string | null;
  startsAt: string;
  endsAt: string;
  /** The Amsterdam calendar day the appointment starts on: group "Alle afspraken" by this. */
  localDate: string;
  /** HH:mm on Amsterdam clocks. */
  localStart: string;
  localEnd: string;
  source: 'care_team' | 'client';
  /** Made from the portal by the signed-in account: only those may be changed or cancelled. */
  editable: boolean;
}

type Audit = Insertable<AuditLogTable>;

const columns = [
  'id',
  'title',
  'description',
  'location',
  'care_worker_name',
  'starts_at',
  'ends_at',
  'source',
  'created_by_account_id',
] as const;

type Row = {
  id: string;
  title: string;
  description: string | null;
  location: string | null;
  care_worker_name: string | null;
  starts_at: Date;
  ends_at: Date;
  source: 'care_team' | 'client';
  created_by_account_id: string | null;
};

export function appointmentView(row: Row, accountId: string): AppointmentView {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    location: row.location,
    careWorker: row.care_worker_name,
    startsAt: row.starts_at.toISOString(),
    endsAt: row.ends_at.toISOString(),
    localDate: isoDate(amsterdamDate(row.starts_at)),
    localStart: amsterdamClock(row.starts_at),
    localEnd: amsterdamClock(row.ends_at),
    source: row.source,
    editable: row.source === 'client' && row.created_by_account_id === accountId,
  };
}

function appointmentsOfClient(db: Kysely<Database>, scope: ClientScope) {
  return db
    .selectFrom('appointments')
    .select(columns)
    .where('tenant_id', '=', scope.tenantId)
    .where('client_id', '=', scope.clientId)
    .where('cancelled_at', 'is', null);
}

/** Appointments not yet over, soonest first, read in the statement that logs the read. */
export async function upcomingAppointments(db: Kysely<Database>, scope: ClientScope, limit: number, auditRow: Audit) {
  const rows = await db
    .with('logged', (db) => db.insertInto('audit_log').values(auditRow).returning('id'))
    .selectFrom(() =>
      appointmentsOfClient(db, scope)
        .where('ends_at', '>', sql<Date>`now()`)
        .orderBy('starts_at')
        .orderBy('id')
        .limit(limit)
        .as('a'),
    )
    .selectAll('a')
    .orderBy('a.starts_at')
    .orderBy('a.id')
    .execute();
  return rows.map((row) => appointmentView(row, scope.accountId));
}

/** Appointments starting in [start, end), soonest first. */
export async function appointmentsForPeriod(db: Kysely<Database>, scope: ClientScope, period: { start: Date; end: Date }, auditRow: Audit) {
  const rows = await db
    .with('logged', (db) => db.insertInto('audit_log').values(auditRow).returning('id'))
    .selectFrom(() => appointmentsOfClient(db, scope).where('starts_at', '>=', period.start).where('starts_at', '<', period.end).as('a'))
    .selectAll('a')
    .orderBy('a.starts_at')
    .orderBy('a.id')
    .execute();
  return rows.map((row) => appointmentView(row, scope.accountId));
}

export async function appointmentById(db: Kysely<Database>, scope: ClientScope, id: string, options: { forUpdate?: boolean } = {}) {
  let query = appointmentsOfClient(db, scope).where('id', '=', id);
  if (options.forUpdate) query = query.forUpdate();
  return query.executeTakeFirst();
}

export interface AppointmentInput {
  title: string;
  startsAt: Date;
  endsAt: Date;
  location: string | null;
  description: string | null;
}

/**
 * Adds the client's own appointment under the widget's Idempotency-Key. A retry of the same
 * submit finds the first attempt's appointment (`created: false`) instead of adding one.
 */
export async function insertClientAppointment(trx: Kysely<Database>, scope: ClientScope, input: AppointmentInput, idempotencyKey: string) {
  const inserted = await trx
    .insertInto('appointments')
    .values({
      tenant_id: scope.tenantId,
      client_id: scope.clientId,
      starts_at: input.startsAt,
      ends_at: input.endsAt,
      title: input.title,
      location: input.location,
      description: input.description,
      source: 'client',
      created_by_account_id: scope.accountId,
      idempotency_key: idempotencyKey,
    })
    .onConflict((oc) => oc.columns(['tenant_id', 'client_id', 'idempotency_key']).doNothing())
    .returning(columns)
    .executeTakeFirst();
  if (inserted) return { appointment: inserted, created: true };
  const existing = await trx
    .selectFrom('appointments')
    .select(columns)
    .where('tenant_id', '=', scope.tenantId)
    .where('client_id', '=', scope.clientId)
    .where('idempotency_key', '=', idempotencyKey)
    .executeTakeFirstOrThrow();
  return { appointment: existing, created: false };
}

export async function updateClientAppointment(trx: Kysely<Database>, scope: ClientScope, id: string, input: AppointmentInput) {
  return trx
    .updateTable('appointments')
    .set({
      starts_at: input.startsAt,
      ends_at: input.endsAt,
      title: input.title,
      location: input.location,
      description: input.description,
      updated_at: sql<Date>`now()`,
    })
    .where('tenant_id', '=', scope.tenantId)
    .where('client_id', '=', scope.clientId)
    .where('id', '=', id)
    .returning(columns)
    .executeTakeFirstOrThrow();
}

export async function cancelAppointment(trx: Kysely<Database>, scope: ClientScope, id: string) {
  await trx
    .updateTable('appointments')
    .set({ cancelled_at: sql<Date>`now()`, updated_at: sql<Date>`now()` })
    .where('tenant_id', '=', scope.tenantId)
    .where('client_id', '=', scope.clientId)
    .where('id', '=', id)
    .execute();
}
