import { sql, type Kysely } from 'kysely';
import { z } from 'zod';
import { createInvitation } from '../auth/links.js';
import type { Database } from '../db/schema.js';
import type { FieldError } from '../http/problem.js';
import type { Outbox } from '../outbox/delivery.js';
import type { TenantRecord } from '../tenants/queries.js';
import { unchangedIds, type Applied, type Outcome, type RecordKind } from './batch.js';
import { bsn, calendarDate, differsFromExcluded, ecdId, email, line, optionalText, phoneNumber, wasInserted } from './fields.js';

export const clientSchema = z.strictObject({
  ecdId,
  initials: optionalText(20),
  firstName: line(100),
  lastNamePrefix: optionalText(30),
  lastName: line(100),
  dateOfBirth: calendarDate.refine((date) => date <= new Date().toISOString().slice(0, 10), 'not in the future'),
  bsn,
  maritalStatus: optionalText(50),
  placeOfBirth: optionalText(100),
  nationality: optionalText(100),
  street: optionalText(200),
  houseNumber: optionalText(20),
  addressExtra: optionalText(100),
  postalCode: optionalText(20),
  city: optionalText(100),
  phone: optionalText(30),
  /** E.164; the portal's SMS codes go here once the client has an account. */
  mobilePhone: phoneNumber,
  /** With an e-mail address, a client without a portal account gets one and an invitation. */
  email,
  /** The care location and team the client belongs to: a board post can go to all clients of one (POST /board-posts). */
  location: optionalText(200),
  team: optionalText(200),
});
export type ClientPush = z.infer<typeof clientSchema>;

const columns = [
  'initials',
  'first_name',
  'last_name_prefix',
  'last_name',
  'date_of_birth',
  'bsn',
  'marital_status',
  'place_of_birth',
  'nationality',
  'street',
  'house_number',
  'address_extra',
  'postal_code',
  'city',
  'phone',
  'mobile_phone',
  'email',
  'location',
  'team',
] as const;

function rowOf(tenantId: string, item: ClientPush) {
  return {
    tenant_id: tenantId,
    ecd_id: item.ecdId,
    initials: item.initials ?? '',
    first_name: item.firstName,
    last_name_prefix: item.lastNamePrefix ?? '',
    last_name: item.lastName,
    date_of_birth: item.dateOfBirth,
    bsn: item.bsn,
    marital_status: item.maritalStatus,
    place_of_birth: item.placeOfBirth,
    nationality: item.nationality,
    street: item.street,
    house_number: item.houseNumber,
    address_extra: item.addressExtra,
    postal_code: item.postalCode,
    city: item.city,
    phone: item.phone,
    mobile_phone: item.mobilePhone,
    email: item.email,
    location: item.location,
    team: item.team,
  };
}

export const displayName = (item: ClientPush) => [item.firstName, item.lastNamePrefix, item.lastName].filter(Boolean).join(' ');

/**
 * A client of the care organisation. A client with an e-mail address and no portal account gets
 * an account (username = the e-mail address, status 'invited') and the activation e-mail of
 * the login feature, once: pushing the client again sends nothing. While the account is still
 * only invited, a new e-mail address from the ECD moves the invitation there. An active account's
 * contact details are the client's own (changed in the portal with a code), so the ECD's do not
 * overwrite them; the ECD hears of the client's changes in the changes feed.
 */
export function clientRecords(deps: { db: Kysely<Database>; outbox: Outbox; bffOrigin: string | undefined }): RecordKind<ClientPush> {
  return {
    name: 'clients',
    resourceType: 'client',
    schema: clientSchema,
    async apply({ trx, tenant }, items) {
      const rows = items.map((item) => rowOf(tenant.id, item));
      const written = await trx
        .insertInto('clients')
        .values(rows)
        .onConflict((oc) =>
          oc
            .columns(['tenant_id', 'ecd_id'])
            .doUpdateSet(() => ({
              ...Object.fromEntries(columns.map((column) => [column, sql.ref(`excluded.${column}`)])),
              updated_at: sql`now()`,
            }))
            .where(differsFromExcluded('clients', columns)),
        )
        .returning(['id', 'ecd_id', wasInserted.as('created')])
        .execute();
      const byEcdId = new Map(written.map((row) => [row.ecd_id!, row]));
      const same = await unchangedIds(
        trx,
        'clients',
        tenant.id,
        items.map((item) => item.ecdId).filter((id) => !byEcdId.has(id)),
      );
      const outcomes: Outcome[] = [];
      for (const item of items) {
        const row = byEcdId.get(item.ecdId);
        const applied: Applied = row
          ? { status: row.created ? 'created' : 'updated', id: row.id, clientId: row.id }
          : { status: 'unchanged', ...same.get(item.ecdId)! };
        if (item.email) {
          const account = await ensurePortalAccount(trx, tenant, applied.clientId, { ...item, email: item.email });
          if (account.warning) applied.warnings = [account.warning];
          if (account.invite) {
            const accountId = account.invite;
            applied.afterCommit = async () => {
              await createInvitation(deps.db, deps.outbox, { tenant, accountId, bffOrigin: deps.bffOrigin });
            };
          }
        }
        outcomes.push(applied);
      }
      return outcomes;
    },
  };
}

/**
 * The client's own portal account: created when missing, kept in step with the ECD while it is
 * still only invited. Returns the account to invite, if an invitation is due.
 */
async function ensurePortalAccount(
  trx: Kysely<Database>,
  tenant: TenantRecord,
  clientId: string,
  item: ClientPush & { email: string },
): Promise<{ invite?: string; warning?: FieldError }> {
  const own = await trx
    .selectFrom('account_clients as ac')
    .innerJoin('accounts as a', (join) => join.onRef('a.tenant_id', '=', 'ac.tenant_id').onRef('a.id', '=', 'ac.account_id'))
    .select([
      'a.id',
      'a.status',
      'a.email',
      'a.username',
      (eb) =>
        eb
          .exists(
            eb
              .selectFrom('challenges as ch')
              .select('ch.id')
              .whereRef('ch.tenant_id', '=', 'a.tenant_id')
              .whereRef('ch.account_id', '=', 'a.id')
              .where('ch.purpose', '=', 'activation'),
          )
          .as('invited_before'),
    ])
    .where('ac.tenant_id', '=', tenant.id)
    .where('ac.client_id', '=', clientId)
    .where('ac.relation', '=', 'self')
    .executeTakeFirst();

  const taken = async (exceptAccountId: string | null) =>
    (await trx
      .selectFrom('accounts')
      .select('id')
      .where('tenant_id', '=', tenant.id)
      .where(sql<string>`lower(username)`, '=', item.email.toLowerCase())
      .$if(exceptAccountId !== null, (q) => q.where('id', '!=', exceptAccountId!))
      .executeTakeFirst()) !== undefined;
  const takenWarning: FieldError = {
    field: 'email',
    detail: 'this e-mail address is already the username of another portal account: no account was made and no invitation sent',
  };

  if (!own) {
    if (await taken(null)) return { warning: takenWarning };
    const account = await trx
      .insertInto('accounts')
      .values({
        tenant_id: tenant.id,
        username: item.email,
        display_name: displayName(item),
        email: item.email,
        mobile_phone: item.mobilePhone,
        second_factor: tenant.settings.secondFactors.default,
        status: 'invited',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('account_clients')
      .values({ tenant_id: tenant.id, account_id: account.id, client_id: clientId, relation: 'self' })
      .execute();
    return { invite: account.id };
  }
  if (own.status !== 'invited') return {};
  const moved = own.email?.toLowerCase() !== item.email.toLowerCase();
  if (moved && (await taken(own.id))) return { warning: takenWarning };
  await trx
    .updateTable('accounts')
    .set({
      username: item.email,
      email: item.email,
      mobile_phone: item.mobilePhone,
      display_name: displayName(item),
      updated_at: new Date(),
    })
    .where('tenant_id', '=', tenant.id)
    .where('id', '=', own.id)
    .where(
      sql<boolean>`(username, email, mobile_phone, display_name) is distinct from (${item.email}, ${item.email}, ${item.mobilePhone}, ${displayName(item)})`,
    )
    .execute();
  // A new address gets a new invitation (which cancels the old one); an invitation that never went out is sent now.
  return moved || !own.invited_before ? { invite: own.id } : {};
}
