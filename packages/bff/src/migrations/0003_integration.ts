import { sql, type Kysely } from 'kysely';

/**
 * The integration API of the care organisation's client record system (ECD).
 *
 * - integration_keys: the public keys the ECD signs its tokens with, several per tenant so a
 *   key can be rotated without downtime; a revoked key stays for the record.
 * - integration_token_uses: token ids (jti) seen, until the token expires: a replay is refused.
 * - integration_changes: what the client did in the portal that the ECD must learn, in the order
 *   the ECD reads it. Rows are written by triggers on the tables the widgets write, so every
 *   write path (today's and tomorrow's) feeds it without knowing about it. Each row records the
 *   top-level transaction that wrote it; the feed hands out only rows of transactions that are
 *   older than every transaction still running, in (txid, seq) order, so a transaction that
 *   commits late cannot slip in behind a cursor (see docs/integration-api.md).
 *   The ECD's own writes set `care.origin = 'integration'` for their transaction and are not
 *   echoed back.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('integration_keys')
    .addColumn('tenant_id', 'uuid', (c) => c.notNull())
    .addColumn('kid', 'text', (c) => c.notNull().check(sql`char_length(kid) between 1 and 200`))
    .addColumn('alg', 'text', (c) => c.notNull().check(sql`alg in ('ES256', 'EdDSA')`))
    .addColumn('public_jwk', 'jsonb', (c) => c.notNull())
    .addColumn('label', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('revoked_at', 'timestamptz')
    .addPrimaryKeyConstraint('integration_keys_pk', ['tenant_id', 'kid'])
    .addForeignKeyConstraint('integration_keys_tenant_fk', ['tenant_id'], 'tenants', ['id'], (fk) => fk.onDelete('cascade'))
    .execute();

  await db.schema
    .createTable('integration_token_uses')
    .addColumn('tenant_id', 'uuid', (c) => c.notNull())
    .addColumn('jti', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('integration_token_uses_pk', ['tenant_id', 'jti'])
    .addForeignKeyConstraint('integration_token_uses_tenant_fk', ['tenant_id'], 'tenants', ['id'], (fk) => fk.onDelete('cascade'))
    .execute();
  await db.schema
    .createIndex('integration_token_uses_expiry_idx')
    .on('integration_token_uses')
    .columns(['tenant_id', 'expires_at'])
    .execute();

  await db.schema
    .createTable('integration_changes')
    .addColumn('tenant_id', 'uuid', (c) => c.notNull())
    .addColumn('seq', 'bigserial', (c) => c.notNull())
    // pg_current_xact_id() as a number: the top-level transaction, also inside a savepoint.
    .addColumn('txid', 'bigint', (c) => c.notNull().defaultTo(sql`(pg_current_xact_id()::text)::bigint`))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('client_id', 'uuid', (c) => c.notNull())
    .addColumn('resource_id', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('data', 'jsonb', (c) => c.notNull())
    .addPrimaryKeyConstraint('integration_changes_pk', ['tenant_id', 'seq'])
    .addForeignKeyConstraint('integration_changes_client_fk', ['tenant_id', 'client_id'], 'clients', ['tenant_id', 'id'], (fk) =>
      fk.onDelete('cascade'),
    )
    .execute();
  await db.schema.createIndex('integration_changes_feed_idx').on('integration_changes').columns(['tenant_id', 'txid', 'seq']).execute();

  // Not the ECD's own write (its transactions set care.origin), so the ECD must hear of it.
  const notFromEcd = sql.raw(`coalesce(current_setting('care.origin', true), '') <> 'integration'`);

  await sql`
    create function integration_change_report() returns trigger language plpgsql as $$
    begin
      insert into integration_changes (tenant_id, kind, client_id, resource_id, data)
      values (new.tenant_id, 'report.created', new.client_id, new.id::text, jsonb_build_object(
        'writtenAt', new.written_at, 'authorName', new.author_name, 'authorKind', new.author_kind, 'text', new.text));
      return null;
    end $$`.execute(db);
  await sql`
    create trigger reports_integration_change after insert on reports for each row
    when (new.author_kind <> 'staff' and ${notFromEcd}) execute function integration_change_report()`.execute(db);

  await sql`
    create function integration_change_measurement() returns trigger language plpgsql as $$
    begin
      if tg_op = 'INSERT' then
        insert into integration_changes (tenant_id, kind, client_id, resource_id, data)
        values (new.tenant_id, 'measurement.created', new.client_id, new.id::text, jsonb_build_object(
          'typeCode', (select t.code from measurement_types t where t.tenant_id = new.tenant_id and t.id = new.type_id),
          'measuredAt', new.measured_at, 'values', new.values, 'authorName', new.author_name));
      else
        insert into integration_changes (tenant_id, kind, client_id, resource_id, data)
        values (new.tenant_id, 'measurement.deleted', new.client_id, new.id::text, jsonb_build_object('deletedAt', new.deleted_at));
      end if;
      return null;
    end $$`.execute(db);
  await sql`
    create trigger measurements_integration_change_insert after insert on measurements for each row
    when (new.source = 'client' and ${notFromEcd}) execute function integration_change_measurement()`.execute(db);
  await sql`
    create trigger measurements_integration_change_delete after update of deleted_at on measurements for each row
    when (new.source = 'client' and old.deleted_at is null and new.deleted_at is not null and ${notFromEcd})
    execute function integration_change_measurement()`.execute(db);

  await sql`
    create function integration_change_message() returns trigger language plpgsql as $$
    begin
      insert into integration_changes (tenant_id, kind, client_id, resource_id, data)
      values (new.tenant_id, 'message.created', new.client_id, new.id::text, jsonb_build_object(
        'sentAt', new.sent_at, 'senderName', new.sender_name, 'senderKind', new.sender_kind, 'body', new.body));
      return null;
    end $$`.execute(db);
  await sql`
    create trigger messages_integration_change after insert on messages for each row
    when (new.sender_kind <> 'staff' and ${notFromEcd}) execute function integration_change_message()`.execute(db);

  await sql`
    create function integration_change_plan_decision() returns trigger language plpgsql as $$
    begin
      insert into integration_changes (tenant_id, kind, client_id, resource_id, data)
      select new.tenant_id, 'plan.decided', new.client_id, new.plan_document_id::text, jsonb_build_object(
        'planEcdId', p.ecd_id, 'decision', new.decision, 'reason', new.reason, 'decidedAt', new.decided_at,
        'decidedByName', new.decided_by_name, 'documentSha256', new.document_sha256)
      from plan_documents p where p.tenant_id = new.tenant_id and p.id = new.plan_document_id;
      return null;
    end $$`.execute(db);
  await sql`
    create trigger plan_decisions_integration_change after insert on plan_decisions for each row
    execute function integration_change_plan_decision()`.execute(db);

  await sql`
    create function integration_change_profile() returns trigger language plpgsql as $$
    begin
      insert into integration_changes (tenant_id, kind, client_id, resource_id, data)
      values (new.tenant_id, 'profile.changed', new.id, new.id::text, jsonb_build_object(
        'mobilePhone', new.mobile_phone, 'email', new.email,
        'previous', jsonb_build_object('mobilePhone', old.mobile_phone, 'email', old.email)));
      return null;
    end $$`.execute(db);
  await sql`
    create trigger clients_integration_change after update of mobile_phone, email on clients for each row
    when ((old.mobile_phone is distinct from new.mobile_phone or old.email is distinct from new.email) and ${notFromEcd})
    execute function integration_change_profile()`.execute(db);

  // Appointments the client makes in the portal's agenda: the care team sees them (seed 001).
  await sql`
    create function integration_change_appointment() returns trigger language plpgsql as $$
    begin
      insert into integration_changes (tenant_id, kind, client_id, resource_id, data)
      values (new.tenant_id, case when tg_op = 'INSERT' then 'appointment.created' else 'appointment.updated' end,
        new.client_id, new.id::text, jsonb_build_object(
        'startsAt', new.starts_at, 'endsAt', new.ends_at, 'title', new.title, 'description', new.description,
        'location', new.location, 'cancelledAt', new.cancelled_at));
      return null;
    end $$`.execute(db);
  await sql`
    create trigger appointments_integration_change after insert or update on appointments for each row
    when (new.source = 'client' and ${notFromEcd}) execute function integration_change_appointment()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const [trigger, table] of [
    ['appointments_integration_change', 'appointments'],
    ['clients_integration_change', 'clients'],
    ['plan_decisions_integration_change', 'plan_decisions'],
    ['messages_integration_change', 'messages'],
    ['measurements_integration_change_delete', 'measurements'],
    ['measurements_integration_change_insert', 'measurements'],
    ['reports_integration_change', 'reports'],
  ] as const) {
    await sql.raw(`drop trigger if exists ${trigger} on ${table}`).execute(db);
  }
  for (const fn of ['appointment', 'profile', 'plan_decision', 'message', 'measurement', 'report']) {
    await sql.raw(`drop function if exists integration_change_${fn}()`).execute(db);
  }
  await db.schema.dropTable('integration_changes').ifExists().execute();
  await db.schema.dropTable('integration_token_uses').ifExists().execute();
  await db.schema.dropTable('integration_keys').ifExists().execute();
}
