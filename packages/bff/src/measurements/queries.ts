import { sql, type Insertable, type Kysely } from 'kysely';
import type { AuditLogTable, Database, MeasurementComponent } from '../db/schema.js';
import type { ClientScope } from '../http/session-types.js';

export interface MeasurementTypeView {
  code: string;
  label: string;
  unit: string;
  decimals: number;
  /** One component (`value`) for most types; blood pressure has `systolic` and `diastolic`. */
  components: MeasurementComponent[];
  clientMayEnter: boolean;
}

export interface MeasurementView {
  id: string;
  type: string;
  measuredAt: string;
  values: Record<string, number>;
  source: 'staff' | 'client';
  author: string;
  /** Entered from the portal by the signed-in account: only those the client may delete. */
  deletable: boolean;
}

type Audit = Insertable<AuditLogTable>;

export async function measurementTypes(db: Kysely<Database>, tenantId: string, auditRow: Audit): Promise<MeasurementTypeView[]> {
  const rows = await db
    .with('logged', (db) => db.insertInto('audit_log').values(auditRow).returning('id'))
    .selectFrom('measurement_types')
    .select(['id', 'code', 'label', 'unit', 'decimals', 'components', 'client_may_enter'])
    .where('tenant_id', '=', tenantId)
    .orderBy('sort_order')
    .orderBy('label')
    .execute();
  return rows.map((row) => ({
    code: row.code,
    label: row.label,
    unit: row.unit,
    decimals: row.decimals,
    components: row.components,
    clientMayEnter: row.client_may_enter,
  }));
}

export async function measurementTypeByCode(db: Kysely<Database>, tenantId: string, code: string) {
  return db.selectFrom('measurement_types').selectAll().where('tenant_id', '=', tenantId).where('code', '=', code).executeTakeFirst();
}

function measurementsOfClient(db: Kysely<Database>, scope: ClientScope) {
  return db
    .selectFrom('measurements as m')
    .innerJoin('measurement_types as t', (join) => join.onRef('t.tenant_id', '=', 'm.tenant_id').onRef('t.id', '=', 'm.type_id'))
    .select([
      'm.id',
      't.code as type',
      'm.measured_at',
      'm.values',
      'm.source',
      'm.author_name',
      sql<boolean>`(m.source = 'client' and coalesce(m.author_account_id = ${scope.accountId}, false))`.as('deletable'),
    ])
    .where('m.tenant_id', '=', scope.tenantId)
    .where('m.client_id', '=', scope.clientId)
    .where('m.deleted_at', 'is', null);
}

type Row = {
  id: string;
  type: string;
  measured_at: Date;
  values: Record<string, number>;
  source: 'staff' | 'client';
  author_name: string;
  deletable: boolean;
};

function view(row: Row): MeasurementView {
  return {
    id: row.id,
    type: row.type,
    measuredAt: row.measured_at.toISOString(),
    values: row.values,
    source: row.source,
    author: row.author_name,
    deletable: row.deletable,
  };
}

/** The newest measurements of any type, newest first, read in the statement that logs the read. */
export async function recentMeasurements(db: Kysely<Database>, scope: ClientScope, limit: number, auditRow: Audit) {
  const rows = await db
    .with('logged', (db) => db.insertInto('audit_log').values(auditRow).returning('id'))
    .selectFrom(() => measurementsOfClient(db, scope).orderBy('m.measured_at', 'desc').orderBy('m.id', 'desc').limit(limit).as('r'))
    .selectAll('r')
    .orderBy('r.measured_at', 'desc')
    .orderBy('r.id', 'desc')
    .execute();
  return rows.map(view);
}

/** A period's measurements, of one type or all, newest first. */
export async function measurementsForPeriod(
  db: Kysely<Database>,
  scope: ClientScope,
  filter: { start: Date; end: Date; typeCode?: string | undefined },
  auditRow: Audit,
) {
  let inner = measurementsOfClient(db, scope).where('m.measured_at', '>=', filter.start).where('m.measured_at', '<', filter.end);
  if (filter.typeCode) inner = inner.where('t.code', '=', filter.typeCode);
  const rows = await db
    .with('logged', (db) => db.insertInto('audit_log').values(auditRow).returning('id'))
    .selectFrom(() => inner.as('r'))
    .selectAll('r')
    .orderBy('r.measured_at', 'desc')
    .orderBy('r.id', 'desc')
    .execute();
  return rows.map(view);
}

export interface NewMeasurement {
  typeId: string;
  typeCode: string;
  measuredAt: Date;
  values: Record<string, number>;
  authorName: string;
  idempotencyKey: string;
}

/** Stores a measurement the client entered, once per idempotency key (see writeClientReport). */
export async function writeClientMeasurement(trx: Kysely<Database>, scope: ClientScope, input: NewMeasurement) {
  const inserted = await trx
    .insertInto('measurements')
    .values({
      tenant_id: scope.tenantId,
      client_id: scope.clientId,
      type_id: input.typeId,
      measured_at: input.measuredAt,
      values: input.values,
      source: 'client',
      author_name: input.authorName,
      author_account_id: scope.accountId,
      idempotency_key: input.idempotencyKey,
    })
    .onConflict((oc) => oc.columns(['tenant_id', 'client_id', 'idempotency_key']).doNothing())
    .returning('id')
    .executeTakeFirst();
  const id =
    inserted?.id ??
    (
      await trx
        .selectFrom('measurements')
        .select('id')
        .where('tenant_id', '=', scope.tenantId)
        .where('client_id', '=', scope.clientId)
        .where('idempotency_key', '=', input.idempotencyKey)
        .executeTakeFirstOrThrow()
    ).id;
  const row = await measurementsOfClient(trx, scope).where('m.id', '=', id).executeTakeFirst();
  return { measurement: row ? view(row) : undefined, created: Boolean(inserted) };
}

/** The client's live measurement with this id, with who entered it; undefined if not the client's. */
export async function measurementForDeletion(trx: Kysely<Database>, scope: ClientScope, id: string) {
  return trx
    .selectFrom('measurements')
    .select(['id', 'source', 'author_account_id'])
    .where('tenant_id', '=', scope.tenantId)
    .where('client_id', '=', scope.clientId)
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .forUpdate()
    .executeTakeFirst();
}

export async function markMeasurementDeleted(trx: Kysely<Database>, scope: ClientScope, id: string) {
  await trx
    .updateTable('measurements')
    .set({ deleted_at: sql<Date>`now()` })
    .where('tenant_id', '=', scope.tenantId)
    .where('client_id', '=', scope.clientId)
    .where('id', '=', id)
    .execute();
}
