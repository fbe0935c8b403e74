import { sql, type Kysely } from 'kysely';
import type { Database, Relationship } from '../db/schema.js';
import { relationshipLabels, rightsFrom, type Rights } from './rights.js';

/** Whose contact persons: a client of a tenant. */
export interface ContactScope {
  tenantId: string;
  clientId: string;
}

export interface ContactView {
  /** The contact person's account id: the same person keeps it for every client they may see. */
  id: string;
  name: string;
  email: string | null;
  mobile: string | null;
  relationship: Relationship;
  /** Dutch, as the portal shows it: "dochter". */
  relationshipLabel: string;
  rights: Rights;
  /** Set by the organisation (seed 001's "slotje"): the client cannot change or remove it. */
  locked: boolean;
  legalRepresentative: boolean;
  /** 'invited' until the person activates the account from the e-mail. */
  status: 'invited' | 'active' | 'disabled';
  /** Invited: until when the newest invitation link works; null once it expired, was used up or replaced. */
  invitationValidUntil: string | null;
  addedAt: string;
}

function contactsOfClient(db: Kysely<Database>, scope: ContactScope) {
  return db
    .selectFrom('account_clients as ac')
    .innerJoin('accounts as a', (join) => join.onRef('a.tenant_id', '=', 'ac.tenant_id').onRef('a.id', '=', 'ac.account_id'))
    .select([
      'ac.account_id',
      'a.display_name',
      'a.email',
      'a.mobile_phone',
      'a.status',
      'ac.relationship',
      'ac.rights',
      'ac.locked',
      'ac.legal_representative',
      'ac.created_at',
      (eb) =>
        eb
          .selectFrom('challenges as ch')
          .select((inner) => inner.fn.max('ch.expires_at').as('valid_until'))
          .whereRef('ch.tenant_id', '=', 'a.tenant_id')
          .whereRef('ch.account_id', '=', 'a.id')
          .where('ch.purpose', '=', 'activation')
          .where('ch.consumed_at', 'is', null)
          .where('ch.cancelled_at', 'is', null)
          .where('ch.expires_at', '>', sql<Date>`now()`)
          .where(sql<boolean>`ch.attempts < ch.max_attempts`)
          .as('invitation_valid_until'),
    ])
    .where('ac.tenant_id', '=', scope.tenantId)
    .where('ac.client_id', '=', scope.clientId)
    .where('ac.relation', '=', 'contact');
}

type ContactRow = Awaited<ReturnType<ReturnType<typeof contactsOfClient>['executeTakeFirstOrThrow']>>;

function contactView(row: ContactRow): ContactView {
  const relationship = row.relationship ?? 'other';
  return {
    id: row.account_id,
    name: row.display_name,
    email: row.email,
    mobile: row.mobile_phone,
    relationship,
    relationshipLabel: relationshipLabels[relationship],
    rights: rightsFrom(row.rights),
    locked: row.locked,
    legalRepresentative: row.legal_representative,
    status: row.status,
    invitationValidUntil:
      row.status === 'invited' && row.invitation_valid_until ? new Date(row.invitation_valid_until).toISOString() : null,
    addedAt: new Date(row.created_at).toISOString(),
  };
}

/** The people with access to the client's portal, alphabetically (seed 001). */
export async function contactsOf(db: Kysely<Database>, scope: ContactScope): Promise<ContactView[]> {
  const rows = await contactsOfClient(db, scope)
    .orderBy(sql`lower(a.display_name)`)
    .orderBy('ac.account_id')
    .execute();
  return rows.map(contactView);
}

export async function contactOf(db: Kysely<Database>, scope: ContactScope, accountId: string): Promise<ContactView | undefined> {
  const row = await contactsOfClient(db, scope).where('ac.account_id', '=', accountId).executeTakeFirst();
  return row && contactView(row);
}

export interface NewContact {
  name: string;
  email: string;
  mobile: string;
  relationship: Relationship;
  rights: Rights;
  invitedByAccountId: string | null;
}

export type AddContactResult =
  | { outcome: 'added'; accountId: string; accountStatus: 'invited' | 'active' | 'disabled'; newAccount: boolean }
  | { outcome: 'already-contact'; accountId: string }
  | { outcome: 'is-client' };

/**
 * The tenant's account a contact person's e-mail address names (as username first, else as
 * address; the oldest wins), with its link to `clientId` if it has one. `email` is lower case.
 */
export function accountByEmail(trx: Kysely<Database>, tenantId: string, clientId: string, email: string) {
  return trx
    .selectFrom('accounts as a')
    .select([
      'a.id',
      'a.status',
      (eb) =>
        eb
          .selectFrom('account_clients as ac')
          .select('ac.relation')
          .whereRef('ac.tenant_id', '=', 'a.tenant_id')
          .whereRef('ac.account_id', '=', 'a.id')
          .where('ac.client_id', '=', clientId)
          .as('relation_to_client'),
    ])
    .where('a.tenant_id', '=', tenantId)
    .where((eb) => eb.or([eb(sql<string>`lower(a.username)`, '=', email), eb(sql<string>`lower(a.email)`, '=', email)]))
    .orderBy(sql`case when lower(a.username) = ${email} then 0 else 1 end`)
    .orderBy('a.created_at')
    .limit(1)
    .executeTakeFirst();
}

/**
 * Lets a person into the client's portal. A person who already has an account in this tenant
 * (a contact person of another client, the same e-mail address as username or address) keeps it
 * and gets one more client: one account, several clients. Anyone else gets a new invited account
 * (username: the e-mail address) that they activate from the invitation e-mail.
 */
export async function addContact(trx: Kysely<Database>, scope: ContactScope, input: NewContact): Promise<AddContactResult> {
  const email = input.email.toLowerCase();
  const existing = await accountByEmail(trx, scope.tenantId, scope.clientId, email);
  if (existing?.relation_to_client === 'self') return { outcome: 'is-client' };
  if (existing?.relation_to_client === 'contact') return { outcome: 'already-contact', accountId: existing.id };

  let accountId = existing?.id;
  let accountStatus = existing?.status ?? 'invited';
  if (!accountId) {
    const account = await trx
      .insertInto('accounts')
      .values({
        tenant_id: scope.tenantId,
        username: input.email,
        display_name: input.name,
        email: input.email,
        mobile_phone: input.mobile,
        must_change_password: false,
        status: 'invited',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    accountId = account.id;
    accountStatus = 'invited';
  }
  await trx
    .insertInto('account_clients')
    .values({
      tenant_id: scope.tenantId,
      account_id: accountId,
      client_id: scope.clientId,
      relation: 'contact',
      relationship: input.relationship,
      rights: input.rights,
      invited_by_account_id: input.invitedByAccountId,
    })
    .execute();
  return { outcome: 'added', accountId, accountStatus, newAccount: !existing };
}

/** Changes relationship and rights of an unlocked link; false when there is no such link or it is locked. */
export async function changeContact(
  trx: Kysely<Database>,
  scope: ContactScope,
  accountId: string,
  change: { relationship: Relationship; rights: Rights },
): Promise<boolean> {
  const result = await trx
    .updateTable('account_clients')
    .set({ relationship: change.relationship, rights: change.rights, updated_at: new Date() })
    .where('tenant_id', '=', scope.tenantId)
    .where('client_id', '=', scope.clientId)
    .where('account_id', '=', accountId)
    .where('relation', '=', 'contact')
    .where('locked', '=', false)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/**
 * Ends a person's access to the client's portal. Their sessions for this client end in the same
 * statement (trigger of migration 0012); an account that was only ever invited for this client,
 * and has no other client, goes with it, so its invitation link is worth nothing.
 */
export async function removeContact(trx: Kysely<Database>, scope: ContactScope, accountId: string): Promise<boolean> {
  const removed = await trx
    .deleteFrom('account_clients')
    .where('tenant_id', '=', scope.tenantId)
    .where('client_id', '=', scope.clientId)
    .where('account_id', '=', accountId)
    .where('relation', '=', 'contact')
    .where('locked', '=', false)
    .returning('account_id')
    .executeTakeFirst();
  if (!removed) return false;
  await trx
    .deleteFrom('accounts')
    .where('tenant_id', '=', scope.tenantId)
    .where('id', '=', accountId)
    .where('status', '=', 'invited')
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('account_clients as other')
            .select('other.client_id')
            .whereRef('other.tenant_id', '=', 'accounts.tenant_id')
            .whereRef('other.account_id', '=', 'accounts.id'),
        ),
      ),
    )
    .execute();
  return true;
}

export interface AccountClientView {
  id: string;
  name: string;
  /** 'self': the account's own dossier. */
  relation: 'self' | 'contact';
  relationship: Relationship | null;
  relationshipLabel: string | null;
  rights: Rights | null;
  legalRepresentative: boolean;
}

/** The clients an account may see ("Van wie wilt u het dossier bekijken?"): its own first, then by name. */
export async function clientsOfAccount(db: Kysely<Database>, tenantId: string, accountId: string): Promise<AccountClientView[]> {
  const rows = await db
    .selectFrom('account_clients as ac')
    .innerJoin('clients as c', (join) => join.onRef('c.tenant_id', '=', 'ac.tenant_id').onRef('c.id', '=', 'ac.client_id'))
    .select(['ac.client_id', 'ac.relation', 'ac.relationship', 'ac.rights', 'ac.legal_representative', clientName('c').as('name')])
    .where('ac.tenant_id', '=', tenantId)
    .where('ac.account_id', '=', accountId)
    .orderBy(sql`case when ac.relation = 'self' then 0 else 1 end`)
    .orderBy(sql`lower(c.first_name || ' ' || c.last_name)`)
    .orderBy('ac.client_id')
    .execute();
  return rows.map((row) => ({
    id: row.client_id,
    name: row.name,
    relation: row.relation,
    relationship: row.relationship,
    relationshipLabel: row.relationship ? relationshipLabels[row.relationship] : null,
    rights: row.relation === 'self' ? null : rightsFrom(row.rights),
    legalRepresentative: row.legal_representative,
  }));
}

/** How many clients an account may see: with more than one, the portal offers the choice. */
export async function clientCountOf(db: Kysely<Database>, tenantId: string, accountId: string): Promise<number> {
  const row = await db
    .selectFrom('account_clients')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('tenant_id', '=', tenantId)
    .where('account_id', '=', accountId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** "Johanna de Vries": first name, prefix and last name of a client row aliased `alias`. */
export function clientName(alias: string) {
  return sql<string>`concat_ws(' ', nullif(${sql.ref(`${alias}.first_name`)}, ''), nullif(${sql.ref(`${alias}.last_name_prefix`)}, ''), nullif(${sql.ref(`${alias}.last_name`)}, ''))`;
}
