import { sql } from 'kysely';
import { z } from 'zod';
import type { FieldError } from '../http/problem.js';
import { valueErrors } from '../validation/measurement-values.js';
import { clientIdsByEcdId, unchangedIds, unknownClient, type Outcome, type RecordKind } from './batch.js';
import { dateTime, differsFromExcluded, ecdId, line, wasInserted } from './fields.js';

export const measurementSchema = z.strictObject({
  ecdId,
  clientEcdId: ecdId,
  /** The tenant's measurement type ("meetsoort"), e.g. bloeddruk, gewicht. */
  typeCode: z.string({ error: 'required' }).min(1, 'required').max(100),
  measuredAt: dateTime,
  /** Keyed by the type's components: { systolic, diastolic } or { value }. */
  values: z.record(z.string(), z.number({ error: 'a number' }), { error: 'an object of numbers' }),
  authorName: line(200),
  /** Withdrawn in the ECD: the portal stops showing it. */
  deleted: z.boolean().default(false),
});
export type MeasurementPush = z.infer<typeof measurementSchema>;

/** A measurement ("meting") by the care team, its type by code and its values checked against the type. */
export const measurementRecords: RecordKind<MeasurementPush> = {
  name: 'measurements',
  resourceType: 'measurement',
  schema: measurementSchema,
  async apply({ trx, tenant }, items) {
    const clients = await clientIdsByEcdId(
      trx,
      tenant.id,
      items.map((item) => item.clientEcdId),
    );
    const codes = [...new Set(items.map((item) => item.typeCode))];
    const types = new Map(
      (
        await trx
          .selectFrom('measurement_types')
          .select(['id', 'code', 'unit', 'decimals', 'components'])
          .where('tenant_id', '=', tenant.id)
          .where('code', 'in', codes)
          .execute()
      ).map((type) => [type.code, type]),
    );
    const refusals = new Map<string, Outcome>();
    const rows = [];
    for (const item of items) {
      const clientId = clients.get(item.clientEcdId);
      const type = types.get(item.typeCode);
      const errors: FieldError[] = [];
      if (!clientId) errors.push(...unknownClient().errors!);
      if (!type)
        errors.push({
          field: 'typeCode',
          detail: `not a measurement type of this organisation (${[...types.keys()].join(', ') || 'see GET measurement-types'})`,
        });
      else errors.push(...valueErrors(type, item.values));
      if (errors.length || !clientId || !type) {
        refusals.set(item.ecdId, { status: 'invalid', errors });
        continue;
      }
      rows.push({
        tenant_id: tenant.id,
        client_id: clientId,
        type_id: type.id,
        ecd_id: item.ecdId,
        measured_at: item.measuredAt,
        values: item.values,
        source: 'staff' as const,
        author_name: item.authorName,
        deleted_at: item.deleted ? new Date() : null,
      });
    }
    const written = rows.length
      ? await trx
          .insertInto('measurements')
          .values(rows)
          .onConflict((oc) =>
            oc
              .columns(['tenant_id', 'ecd_id'])
              .doUpdateSet((eb) => ({
                client_id: eb.ref('excluded.client_id'),
                type_id: eb.ref('excluded.type_id'),
                measured_at: eb.ref('excluded.measured_at'),
                values: eb.ref('excluded.values'),
                author_name: eb.ref('excluded.author_name'),
                // A repeated "deleted" keeps the first deletion time.
                deleted_at: sql`case when excluded.deleted_at is null then null else coalesce(measurements.deleted_at, excluded.deleted_at) end`,
              }))
              .where(
                sql<boolean>`${differsFromExcluded('measurements', ['client_id', 'type_id', 'measured_at', 'values', 'author_name'])}
                  or (measurements.deleted_at is null) <> (excluded.deleted_at is null)`,
              ),
          )
          .returning(['id', 'ecd_id', 'client_id', wasInserted.as('created')])
          .execute()
      : [];
    const byEcdId = new Map(written.map((row) => [row.ecd_id!, row]));
    const same = await unchangedIds(
      trx,
      'measurements',
      tenant.id,
      rows.map((row) => row.ecd_id).filter((id) => !byEcdId.has(id)),
    );
    return items.map((item): Outcome => {
      const refused = refusals.get(item.ecdId);
      if (refused) return refused;
      const row = byEcdId.get(item.ecdId);
      if (row) return { status: row.created ? 'created' : 'updated', id: row.id, clientId: row.client_id };
      return { status: 'unchanged', ...same.get(item.ecdId)! };
    });
  },
};
