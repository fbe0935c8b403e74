import { sql, type Kysely } from 'kysely';
import { z } from 'zod';
import { sendContactInvitation } from '../contacts/invitation.js';
import { accountByEmail, clientName } from '../contacts/queries.js';
import { relationships, rightAreas, rightsFrom } from '../contacts/rights.js';
import type { Database } from '../db/schema.js';
import type { Outbox } from '../outbox/delivery.js';
import { clientIdsByEcdId, unknownClient, type Outcome, type RecordKind } from './batch.js';
import { ecdId, line, phoneNumber } from './fields.js';

export const contactSchema = z.strictObject({
  /** The ECD's id of this person's relation to this client. */
  ecdId,
  clientEcdId: ecdId,
  name: line(100),
  /** The invitation goes here; a person with an account in the tenant under this address keeps it. */
  email: z.email({ error: 'an e-mail address' }).max(254),
  /** E.164. The person confirms it when activating the account, and gets the login codes there. */
  mobilePhone: phoneNumber.refine((value) => value !== null, 'required: the person confirms it when activating the account'),
  relationship: z.enum(relationships, { error: `one of ${relationships.join(', ')}` }),
  /** Absent areas are no right. */
  rights: z
    .strictObject(
      Object.fromEntries(rightAreas.map((area) => [area, z.boolean().optional()])) as Record<string, z.ZodOptional<z.ZodBoolean>>,
    )
    .default({}),
  /** Mentor, curator, bewindvoerder: may sign or reject the client plan. */
  legalRepresentative: z.boolean().default(false),
});
export type ContactPush = z.infer<typeof contactSchema>;

/**
 * A contact person as the organisation registered them in the ECD. Pushed links are locked: the
 * client cannot change or remove them (seed 001's "slotje"); the ECD changes them by pushing again
 * and removes them with DELETE. A person without an account in the tenant gets one (invited) and
 * the invitation e-mail, once; a person the client added before is taken over by the ECD.
 */
export function contactRecords(deps: { db: Kysely<Database>; outbox: Outbox; bffOrigin: string | undefined }): RecordKind<ContactPush> {
  return {
    name: 'contacts',
    resourceType: 'contact',
    schema: contactSchema,
    async apply({ trx, tenant }, items) {
      const invite = async (accountId: string, clientId: string) => {
        const client = await deps.db
          .selectFrom('clients as c')
          .select(clientName('c').as('name'))
          .where('c.tenant_id', '=', tenant.id)
          .where('c.id', '=', clientId)
          .executeTakeFirstOrThrow();
        // A new invitation replaces the open one: the older link stops working (auth/challenges.ts).
        await sendContactInvitation(deps.db, deps.outbox, {
          tenant,
          accountId,
          clientId,
          clientName: client.name,
          invitedByAccountId: null,
          bffOrigin: deps.bffOrigin,
        });
      };
      const clients = await clientIdsByEcdId(
        trx,
        tenant.id,
        items.map((item) => item.clientEcdId),
      );
      const outcomes: Outcome[] = [];
      for (const item of items) {
        const clientId = clients.get(item.clientEcdId);
        if (!clientId) {
          outcomes.push(unknownClient());
          continue;
        }
        const rights = rightsFrom(item.rights);
        const link = {
          relationship: item.relationship,
          rights,
          legal_representative: item.legalRepresentative,
          locked: true,
          ecd_id: item.ecdId,
        };
        const stored = await trx
          .selectFrom('account_clients')
          .select(['account_id', 'client_id', 'relationship', 'rights', 'legal_representative', 'locked'])
          .where('tenant_id', '=', tenant.id)
          .where('ecd_id', '=', item.ecdId)
          .executeTakeFirst();
        if (stored) {
          if (stored.client_id !== clientId) {
            outcomes.push({
              status: 'conflict',
              errors: [{ field: 'clientEcdId', detail: 'this ecdId belongs to a contact person of another client' }],
            });
            continue;
          }
          const same =
            stored.relationship === item.relationship &&
            JSON.stringify(rightsFrom(stored.rights)) === JSON.stringify(rights) &&
            stored.legal_representative === item.legalRepresentative &&
            stored.locked;
          const account = await updateInvitedAccount(trx, tenant.id, stored.account_id, item);
          if (!same) {
            await trx
              .updateTable('account_clients')
              .set({ ...link, updated_at: new Date() })
              .where('tenant_id', '=', tenant.id)
              .where('ecd_id', '=', item.ecdId)
              .execute();
          }
          outcomes.push({
            status: same && !account.changed ? 'unchanged' : 'updated',
            id: stored.account_id,
            clientId,
            // A new address of a person who has not activated yet: the invitation goes there, the old link stops working.
            ...(account.newAddress ? { afterCommit: () => invite(stored.account_id, clientId) } : {}),
          });
          continue;
        }

        const email = item.email.toLowerCase();
        const account = await accountByEmail(trx, tenant.id, clientId, email);
        if (account?.relation_to_client === 'self') {
          outcomes.push({ status: 'invalid', errors: [{ field: 'email', detail: "this is the client's own portal account" }] });
          continue;
        }
        if (account?.relation_to_client === 'contact') {
          // The client let this person in before; the organisation now registers them.
          await trx
            .updateTable('account_clients')
            .set({ ...link, updated_at: new Date() })
            .where('tenant_id', '=', tenant.id)
            .where('account_id', '=', account.id)
            .where('client_id', '=', clientId)
            .execute();
          outcomes.push({ status: 'updated', id: account.id, clientId });
          continue;
        }
        const accountId =
          account?.id ??
          (
            await trx
              .insertInto('accounts')
              .values({
                tenant_id: tenant.id,
                username: item.email,
                display_name: item.name,
                email: item.email,
                mobile_phone: item.mobilePhone,
                must_change_password: false,
                second_factor: tenant.settings.secondFactors.default,
                status: 'invited',
              })
              .returning('id')
              .executeTakeFirstOrThrow()
          ).id;
        await trx
          .insertInto('account_clients')
          .values({ tenant_id: tenant.id, account_id: accountId, client_id: clientId, relation: 'contact', ...link })
          .execute();
        outcomes.push({ status: 'created', id: accountId, clientId, afterCommit: () => invite(accountId, clientId) });
      }
      return outcomes;
    },
  };
}

/**
 * Name, e-mail and mobile of an account follow the ECD until the person activates it; then they
 * are the person's own. `newAddress`: the e-mail address of the invited account changed.
 */
async function updateInvitedAccount(
  trx: Kysely<Database>,
  tenantId: string,
  accountId: string,
  item: ContactPush,
): Promise<{ changed: boolean; newAddress: boolean }> {
  const before = await trx
    .selectFrom('accounts')
    .select('email')
    .where('tenant_id', '=', tenantId)
    .where('id', '=', accountId)
    .where('status', '=', 'invited')
    .executeTakeFirst();
  if (!before) return { changed: false, newAddress: false };
  const result = await trx
    .updateTable('accounts')
    .set({ display_name: item.name, email: item.email, username: item.email, mobile_phone: item.mobilePhone, updated_at: new Date() })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', accountId)
    .where('status', '=', 'invited')
    .where(
      sql<boolean>`(display_name, email, username, mobile_phone) is distinct from (${item.name}, ${item.email}, ${item.email}, ${item.mobilePhone})`,
    )
    .executeTakeFirst();
  const changed = Number(result.numUpdatedRows) > 0;
  return { changed, newAddress: changed && before.email?.toLowerCase() !== item.email.toLowerCase() };
}

/** Removes a pushed link (idempotent): the person's sessions for this client end at once. */
export async function removeContactByEcdId(trx: Kysely<Database>, tenantId: string, contactEcdId: string) {
  return trx
    .deleteFrom('account_clients')
    .where('tenant_id', '=', tenantId)
    .where('ecd_id', '=', contactEcdId)
    .where('relation', '=', 'contact')
    .returning(['account_id', 'client_id'])
    .executeTakeFirst();
}
