import { sql } from 'kysely';
import { z } from 'zod';
import { clientIdsByEcdId, unchangedIds, unknownClient, type Outcome, type RecordKind } from './batch.js';
import { dateTime, differsFromExcluded, ecdId, line, optionalText, wasInserted } from './fields.js';

export const appointmentSchema = z
  .strictObject({
    ecdId,
    clientEcdId: ecdId,
    startsAt: dateTime,
    endsAt: dateTime,
    title: line(200),
    description: optionalText(2000, { multiline: true }),
    location: optionalText(200),
    careWorkerName: optionalText(200),
    /** Cancelled in the ECD: the agenda shows it as cancelled. Pushing false again restores it. */
    cancelled: z.boolean().default(false),
  })
  .refine((a) => Date.parse(a.endsAt) >= Date.parse(a.startsAt), { path: ['endsAt'], message: 'not before startsAt' });
export type AppointmentPush = z.infer<typeof appointmentSchema>;

const compared = ['client_id', 'starts_at', 'ends_at', 'title', 'description', 'location', 'care_worker_name'] as const;

/** An appointment of the care team in the client's agenda, including its cancellation. */
export const appointmentRecords: RecordKind<AppointmentPush> = {
  name: 'appointments',
  resourceType: 'appointment',
  schema: appointmentSchema,
  async apply({ trx, tenant }, items) {
    const clients = await clientIdsByEcdId(
      trx,
      tenant.id,
      items.map((item) => item.clientEcdId),
    );
    const rows = items.flatMap((item) => {
      const clientId = clients.get(item.clientEcdId);
      if (!clientId) return [];
      return [
        {
          tenant_id: tenant.id,
          client_id: clientId,
          ecd_id: item.ecdId,
          starts_at: item.startsAt,
          ends_at: item.endsAt,
          title: item.title,
          description: item.description,
          location: item.location,
          care_worker_name: item.careWorkerName,
          source: 'care_team' as const,
          cancelled_at: item.cancelled ? new Date() : null,
        },
      ];
    });
    const written = rows.length
      ? await trx
          .insertInto('appointments')
          .values(rows)
          .onConflict((oc) =>
            oc
              .columns(['tenant_id', 'ecd_id'])
              .doUpdateSet((eb) => ({
                client_id: eb.ref('excluded.client_id'),
                starts_at: eb.ref('excluded.starts_at'),
                ends_at: eb.ref('excluded.ends_at'),
                title: eb.ref('excluded.title'),
                description: eb.ref('excluded.description'),
                location: eb.ref('excluded.location'),
                care_worker_name: eb.ref('excluded.care_worker_name'),
                cancelled_at: sql`case when excluded.cancelled_at is null then null else coalesce(appointments.cancelled_at, excluded.cancelled_at) end`,
                updated_at: sql`now()`,
              }))
              .where(
                sql<boolean>`${differsFromExcluded('appointments', compared)} or (appointments.cancelled_at is null) <> (excluded.cancelled_at is null)`,
              ),
          )
          .returning(['id', 'ecd_id', 'client_id', wasInserted.as('created')])
          .execute()
      : [];
    const byEcdId = new Map(written.map((row) => [row.ecd_id!, row]));
    const same = await unchangedIds(
      trx,
      'appointments',
      tenant.id,
      rows.map((row) => row.ecd_id).filter((id) => !byEcdId.has(id)),
    );
    return items.map((item): Outcome => {
      if (!clients.has(item.clientEcdId)) return unknownClient();
      const row = byEcdId.get(item.ecdId);
      if (row) return { status: row.created ? 'created' : 'updated', id: row.id, clientId: row.client_id };
      return { status: 'unchanged', ...same.get(item.ecdId)! };
    });
  },
};
