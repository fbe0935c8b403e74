import { sql, type Kysely } from 'kysely';

/**
 * Relatives and representatives ("naasten", issue 16); docs/rights-model.md describes the model.
 *
 * - account_clients: `relation` stays the role ('self': the client's own account, 'contact': a
 *   person the client or the organisation lets in). A contact link gains its relationship to the
 *   client (dochter, zoon, …), its rights per area in `rights` ({ "reports": true, … }; a 'self'
 *   link ignores them: the client sees everything), `locked` (set by the organisation, e.g. a
 *   mentor or curator: the client cannot change or remove it), `legal_representative` (may sign
 *   or reject the client plan; always locked), the ECD's id of a pushed link, who invited the
 *   person and when the link last changed. The activation link itself is a challenge (purpose
 *   'activation', token hashed, 14 days); the challenge's binding names the client.
 * - challenges: purpose 'contact_change', the SMS code that confirms adding a person or widening
 *   a right.
 * - message_reads: read marks per reader, so one person reading a message does not mark it read
 *   for the client or another relative. The old per-message read_at is copied to the readers it
 *   stood for (the client's own accounts).
 * - sessions of a person whose link is removed end at once (a trigger, for every path: the
 *   client, the ECD, a cascade).
 * - the changes feed reports the client's own changes to contact persons (not the ECD's).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table account_clients
      add column relationship text check (relationship in (
        'partner', 'daughter', 'son', 'parent', 'sibling', 'grandchild', 'family', 'informal-carer', 'friend', 'neighbour',
        'legal-representative', 'mentor', 'curator', 'administrator', 'other')),
      add column locked boolean not null default false,
      add column legal_representative boolean not null default false,
      add column ecd_id text,
      add column invited_by_account_id uuid,
      add column updated_at timestamptz not null default now(),
      add constraint account_clients_rights_ck check (jsonb_typeof(rights) = 'object'),
      add constraint account_clients_relationship_ck check (relation = 'self' or relationship is not null),
      add constraint account_clients_legal_locked_ck check (not legal_representative or locked),
      add constraint account_clients_ecd_id_uq unique (tenant_id, ecd_id)`.execute(db);
  await sql`create index account_clients_client_idx on account_clients (tenant_id, client_id)`.execute(db);

  await sql`alter table challenges drop constraint if exists challenges_purpose_check`.execute(db);
  await sql`alter table challenges add constraint challenges_purpose_check check (purpose in
    ('login', 'plan_decision', 'mobile_change', 'email_change', 'password_reset', 'activation', 'contact_change'))`.execute(db);

  await sql`
    create table message_reads (
      tenant_id uuid not null,
      message_id uuid not null,
      account_id uuid not null,
      client_id uuid not null,
      read_at timestamptz not null default now(),
      constraint message_reads_pk primary key (tenant_id, message_id, account_id),
      constraint message_reads_message_fk foreign key (tenant_id, message_id) references messages (tenant_id, id) on delete cascade,
      constraint message_reads_account_fk foreign key (tenant_id, account_id) references accounts (tenant_id, id) on delete cascade,
      constraint message_reads_client_fk foreign key (tenant_id, client_id) references clients (tenant_id, id) on delete cascade
    )`.execute(db);
  await sql`create index message_reads_reader_idx on message_reads (tenant_id, account_id, client_id)`.execute(db);
  await sql`
    insert into message_reads (tenant_id, message_id, account_id, client_id, read_at)
    select m.tenant_id, m.id, ac.account_id, m.client_id, m.read_at
      from messages m
      join account_clients ac on ac.tenant_id = m.tenant_id and ac.client_id = m.client_id and ac.relation = 'self'
     where m.read_at is not null and m.sender_account_id is distinct from ac.account_id`.execute(db);

  await sql`
    create function account_clients_end_sessions() returns trigger language plpgsql as $$
    begin
      update sessions set revoked_at = now()
       where tenant_id = old.tenant_id and account_id = old.account_id and client_id = old.client_id and revoked_at is null;
      return null;
    end $$`.execute(db);
  await sql`
    create trigger account_clients_end_sessions after delete on account_clients for each row
    execute function account_clients_end_sessions()`.execute(db);

  // The client's own changes to the people with access; the ECD's pushes are not echoed back.
  const notFromEcd = sql.raw(`coalesce(current_setting('care.origin', true), '') <> 'integration'`);
  await sql`
    create function integration_change_contact() returns trigger language plpgsql as $$
    declare
      link account_clients%rowtype;
    begin
      if tg_op = 'DELETE' then link := old; else link := new; end if;
      -- A cascade from a deleted client or account has nothing left to report.
      if not exists (select 1 from clients c where c.tenant_id = link.tenant_id and c.id = link.client_id) then
        return null;
      end if;
      insert into integration_changes (tenant_id, kind, client_id, resource_id, data)
      select link.tenant_id,
             case tg_op when 'INSERT' then 'contact.added' when 'UPDATE' then 'contact.changed' else 'contact.removed' end,
             link.client_id, link.account_id::text,
             jsonb_build_object(
               'ecdId', link.ecd_id, 'name', a.display_name, 'email', a.email, 'mobilePhone', a.mobile_phone,
               'relationship', link.relationship, 'rights', link.rights, 'locked', link.locked,
               'legalRepresentative', link.legal_representative)
        from (select 1) one
        left join accounts a on a.tenant_id = link.tenant_id and a.id = link.account_id;
      return null;
    end $$`.execute(db);
  await sql`
    create trigger account_clients_integration_change_insert after insert on account_clients for each row
    when (new.relation = 'contact' and ${notFromEcd}) execute function integration_change_contact()`.execute(db);
  await sql`
    create trigger account_clients_integration_change_update after update on account_clients for each row
    when (new.relation = 'contact' and ${notFromEcd}
      and (old.rights, old.relationship) is distinct from (new.rights, new.relationship))
    execute function integration_change_contact()`.execute(db);
  await sql`
    create trigger account_clients_integration_change_delete after delete on account_clients for each row
    when (old.relation = 'contact' and ${notFromEcd}) execute function integration_change_contact()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const trigger of [
    'account_clients_integration_change_delete',
    'account_clients_integration_change_update',
    'account_clients_integration_change_insert',
    'account_clients_end_sessions',
  ]) {
    await sql.raw(`drop trigger if exists ${trigger} on account_clients`).execute(db);
  }
  await sql`drop function if exists integration_change_contact()`.execute(db);
  await sql`drop function if exists account_clients_end_sessions()`.execute(db);
  await sql`drop table if exists message_reads`.execute(db);
  await sql`delete from challenges where purpose = 'contact_change'`.execute(db);
  await sql`alter table challenges drop constraint if exists challenges_purpose_check`.execute(db);
  await sql`alter table challenges add constraint challenges_purpose_check check (purpose in
    ('login', 'plan_decision', 'mobile_change', 'email_change', 'password_reset', 'activation'))`.execute(db);
  await sql`drop index if exists account_clients_client_idx`.execute(db);
  await sql`
    alter table account_clients
      drop constraint if exists account_clients_ecd_id_uq,
      drop constraint if exists account_clients_legal_locked_ck,
      drop constraint if exists account_clients_relationship_ck,
      drop constraint if exists account_clients_rights_ck,
      drop column relationship, drop column locked, drop column legal_representative, drop column ecd_id,
      drop column invited_by_account_id, drop column updated_at`.execute(db);
}
