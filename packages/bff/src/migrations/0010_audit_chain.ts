import { sql, type Kysely } from 'kysely';

/**
 * The audit log cannot be changed quietly (issue 17):
 * - append-only: a trigger refuses UPDATE, DELETE and TRUNCATE. The one way out is the retention
 *   purge, `audit_log_purge_expired()`, which removes only rows older than the tenant's
 *   `audit.retentionYears` and records where the chain now starts. Deleting a tenant (cascade) is
 *   the other: its whole chain goes with it.
 * - hash-chained per tenant: a BEFORE INSERT trigger locks the tenant's row in audit_chain_heads,
 *   numbers the new row (chain_seq) and sets row_hash = sha256(prev_hash || content). Because it
 *   runs inside the inserting statement, every writer on every instance extends one chain, and a
 *   read that inserts its audit row in a CTE stays one statement.
 * `care-bff audit verify` recomputes the chain with audit_log_row_hash().
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table audit_chain_heads (
      tenant_id uuid primary key references tenants (id) on delete cascade,
      last_seq bigint not null default 0,
      last_hash bytea not null,
      purged_through_seq bigint not null default 0,
      purged_through_hash bytea not null
    )`.execute(db);
  await sql`alter table audit_log add column chain_seq bigint, add column prev_hash bytea, add column row_hash bytea`.execute(db);

  // The content a row's hash covers, as one unambiguous JSON text that does not depend on the
  // session's time zone or date style.
  await sql`
    create function audit_log_row_hash(prev bytea, r audit_log) returns bytea
    language sql stable as $$
      select sha256(prev || convert_to(jsonb_build_array(
        r.tenant_id, r.chain_seq, r.id, to_char(r.occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
        r.actor_kind, r.actor_account_id, r.client_id, r.on_behalf_of_client_id, r.action, r.resource_type,
        r.resource_id, r.outcome, r.ip, r.user_agent, r.request_id, r.details)::text, 'UTF8'))
    $$`.execute(db);

  await sql`
    create function audit_log_chain() returns trigger
    language plpgsql as $$
    declare
      head audit_chain_heads%rowtype;
    begin
      insert into audit_chain_heads (tenant_id, last_hash, purged_through_hash)
        values (new.tenant_id, decode(repeat('00', 32), 'hex'), decode(repeat('00', 32), 'hex'))
        on conflict (tenant_id) do nothing;
      select * into head from audit_chain_heads where tenant_id = new.tenant_id for update;
      new.chain_seq := head.last_seq + 1;
      new.prev_hash := head.last_hash;
      new.row_hash := audit_log_row_hash(head.last_hash, new);
      update audit_chain_heads set last_seq = new.chain_seq, last_hash = new.row_hash where tenant_id = new.tenant_id;
      return new;
    end
    $$`.execute(db);

  await sql`
    create function audit_log_refuse_change() returns trigger
    language plpgsql as $$
    begin
      if tg_op = 'DELETE' then
        -- The tenant itself is being deleted (this is its cascade): the whole chain goes.
        if not exists (select 1 from tenants where id = old.tenant_id) then
          return old;
        end if;
        if current_setting('care.audit_purge', true) = old.tenant_id::text
           and old.occurred_at < now() - make_interval(years => (
             select coalesce((settings -> 'audit' ->> 'retentionYears')::int, 20) from tenants where id = old.tenant_id)) then
          return old;
        end if;
      end if;
      raise exception 'audit_log is append-only: % refused (only audit_log_purge_expired() removes rows past retention)', tg_op
        using errcode = 'insufficient_privilege';
    end
    $$`.execute(db);

  await sql`
    create function audit_log_purge_expired() returns bigint
    language plpgsql as $$
    declare
      t record;
      head audit_chain_heads%rowtype;
      through bigint;
      through_hash bytea;
      removed bigint := 0;
      n bigint;
    begin
      for t in
        select id, make_interval(years => coalesce((settings -> 'audit' ->> 'retentionYears')::int, 20)) as keep from tenants
      loop
        -- Lock the head first, as an insert does, so a purge and a writer never deadlock.
        select * into head from audit_chain_heads where tenant_id = t.id for update;
        continue when head.tenant_id is null;
        -- Only the oldest run of expired rows goes, so the chain that is left is one piece.
        select coalesce(min(chain_seq), head.last_seq + 1) - 1 into through from audit_log
          where tenant_id = t.id and occurred_at >= now() - t.keep;
        continue when through <= head.purged_through_seq;
        select row_hash into through_hash from audit_log where tenant_id = t.id and chain_seq = through;
        perform set_config('care.audit_purge', t.id::text, true);
        delete from audit_log where tenant_id = t.id and chain_seq <= through;
        get diagnostics n = row_count;
        removed := removed + n;
        update audit_chain_heads set purged_through_seq = through, purged_through_hash = through_hash where tenant_id = t.id;
      end loop;
      perform set_config('care.audit_purge', '', true);
      return removed;
    end
    $$`.execute(db);

  // Chain the rows already there, per tenant in the order they were written.
  await backfillChain(db);
  await sql`create trigger audit_log_chain before insert on audit_log for each row execute function audit_log_chain()`.execute(db);
  await sql`alter table audit_log alter column chain_seq set not null, alter column prev_hash set not null, alter column row_hash set not null`.execute(
    db,
  );
  await sql`create unique index audit_log_chain_idx on audit_log (tenant_id, chain_seq)`.execute(db);
  await sql`create trigger audit_log_append_only before update or delete on audit_log for each row execute function audit_log_refuse_change()`.execute(
    db,
  );
  await sql`create trigger audit_log_no_truncate before truncate on audit_log for each statement execute function audit_log_refuse_change()`.execute(
    db,
  );
}

async function backfillChain(db: Kysely<unknown>): Promise<void> {
  await sql`
    do $$
    declare
      r audit_log%rowtype;
      prev bytea;
      seq bigint;
      current_tenant uuid;
    begin
      for r in select * from audit_log order by tenant_id, id loop
        if current_tenant is distinct from r.tenant_id then
          if current_tenant is not null then
            insert into audit_chain_heads values (current_tenant, seq, prev, 0, decode(repeat('00', 32), 'hex'));
          end if;
          current_tenant := r.tenant_id;
          prev := decode(repeat('00', 32), 'hex');
          seq := 0;
        end if;
        seq := seq + 1;
        r.chain_seq := seq;
        r.prev_hash := prev;
        prev := audit_log_row_hash(prev, r);
        update audit_log set chain_seq = seq, prev_hash = r.prev_hash, row_hash = prev where tenant_id = r.tenant_id and id = r.id;
      end loop;
      if current_tenant is not null then
        insert into audit_chain_heads values (current_tenant, seq, prev, 0, decode(repeat('00', 32), 'hex'));
      end if;
    end
    $$`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop trigger if exists audit_log_no_truncate on audit_log`.execute(db);
  await sql`drop trigger if exists audit_log_append_only on audit_log`.execute(db);
  await sql`drop trigger if exists audit_log_chain on audit_log`.execute(db);
  await sql`drop index if exists audit_log_chain_idx`.execute(db);
  await sql`drop function if exists audit_log_purge_expired()`.execute(db);
  await sql`drop function if exists audit_log_refuse_change()`.execute(db);
  await sql`drop function if exists audit_log_chain()`.execute(db);
  await sql`drop function if exists audit_log_row_hash(bytea, audit_log)`.execute(db);
  await sql`alter table audit_log drop column chain_seq, drop column prev_hash, drop column row_hash`.execute(db);
  await sql`drop table if exists audit_chain_heads`.execute(db);
}
