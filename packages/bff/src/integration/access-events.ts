import { z } from 'zod';
import { staffAccessActions, staffAccessCategories } from '../db/schema.js';
import { clientIdsByEcdId, unknownClient, type Outcome, type RecordKind } from './batch.js';
import { dateTime, ecdId, line } from './fields.js';

export const accessEventSchema = z.strictObject({
  /** The ECD's id of this log event: pushing it again stores nothing new. */
  ecdId,
  clientEcdId: ecdId,
  occurredAt: dateTime,
  /** The ECD's user id of the staff member (NEN 7513: the user). */
  staffUserId: ecdId,
  /** Their name as the client may see it, e.g. "J. Bakker"; the tenant decides whether it is shown. */
  staffName: line(200),
  /** e.g. "Wijkverpleegkundige". */
  staffRole: line(100),
  /** The team or location, e.g. "Wijkteam Lindeveen-Noord". */
  organisationUnit: line(200),
  dataCategory: z.enum(staffAccessCategories, { error: `one of ${staffAccessCategories.join(', ')}` }),
  action: z.enum(staffAccessActions, { error: `one of ${staffAccessActions.join(', ')}` }),
  /** Access without a care relationship, under the emergency procedure ("break the glass"). */
  breakTheGlass: z.boolean({ error: 'true or false' }).default(false),
});
export type AccessEventPush = z.infer<typeof accessEventSchema>;

const sameEvent = (
  stored: {
    client_id: string;
    occurred_at: Date;
    staff_user_id: string;
    staff_name: string;
    staff_role: string;
    organisation_unit: string;
    data_category: string;
    action: string;
    break_the_glass: boolean;
  },
  clientId: string,
  item: AccessEventPush,
) =>
  stored.client_id === clientId &&
  new Date(stored.occurred_at).getTime() === new Date(item.occurredAt).getTime() &&
  stored.staff_user_id === item.staffUserId &&
  stored.staff_name === item.staffName &&
  stored.staff_role === item.staffRole &&
  stored.organisation_unit === item.organisationUnit &&
  stored.data_category === item.dataCategory &&
  stored.action === item.action &&
  stored.break_the_glass === item.breakTheGlass;

/**
 * Staff access to a client's file, from the ECD's own log: what the client's access log shows
 * beside the portal's audit rows. An event is a fact: the same ecdId again is "unchanged", with
 * other content a conflict. The new events of a batch are written in one statement.
 */
export const accessEventRecords: RecordKind<AccessEventPush> = {
  name: 'access-events',
  resourceType: 'staff-access-event',
  schema: accessEventSchema,
  async apply({ trx, tenant }, items) {
    const clients = await clientIdsByEcdId(
      trx,
      tenant.id,
      items.map((item) => item.clientEcdId),
    );
    const columns = [
      'id',
      'ecd_id',
      'client_id',
      'occurred_at',
      'staff_user_id',
      'staff_name',
      'staff_role',
      'organisation_unit',
      'data_category',
      'action',
      'break_the_glass',
    ] as const;
    const existing = new Map(
      (
        await trx
          .selectFrom('staff_access_events')
          .select(columns)
          .where('tenant_id', '=', tenant.id)
          .where(
            'ecd_id',
            'in',
            items.map((item) => item.ecdId),
          )
          .execute()
      ).map((row) => [row.ecd_id, row]),
    );
    const fresh = items.filter((item) => clients.has(item.clientEcdId) && !existing.has(item.ecdId));
    const inserted = fresh.length
      ? await trx
          .insertInto('staff_access_events')
          .values(
            fresh.map((item) => ({
              tenant_id: tenant.id,
              ecd_id: item.ecdId,
              client_id: clients.get(item.clientEcdId)!,
              occurred_at: item.occurredAt,
              staff_user_id: item.staffUserId,
              staff_name: item.staffName,
              staff_role: item.staffRole,
              organisation_unit: item.organisationUnit,
              data_category: item.dataCategory,
              action: item.action,
              break_the_glass: item.breakTheGlass,
            })),
          )
          // Another request stored the same event a moment ago: it is found below as "unchanged".
          .onConflict((oc) => oc.columns(['tenant_id', 'ecd_id']).doNothing())
          .returning(['id', 'ecd_id'])
          .execute()
      : [];
    const created = new Map(inserted.map((row) => [row.ecd_id, row.id]));
    const raced = fresh.filter((item) => !created.has(item.ecdId)).map((item) => item.ecdId);
    if (raced.length) {
      for (const row of await trx
        .selectFrom('staff_access_events')
        .select(columns)
        .where('tenant_id', '=', tenant.id)
        .where('ecd_id', 'in', raced)
        .execute())
        existing.set(row.ecd_id, row);
    }
    return items.map((item): Outcome => {
      const clientId = clients.get(item.clientEcdId);
      if (!clientId) return unknownClient();
      const id = created.get(item.ecdId);
      if (id) return { status: 'created', id, clientId };
      const stored = existing.get(item.ecdId)!;
      return sameEvent(stored, clientId, item)
        ? { status: 'unchanged', id: stored.id, clientId }
        : {
            status: 'conflict',
            errors: [
              {
                field: 'ecdId',
                detail: 'an access event with this ecdId is stored already, with other content; a logged access cannot be changed',
              },
            ],
          };
    });
  },
};
