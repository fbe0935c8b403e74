import { sql, type Kysely } from 'kysely';

/**
 * The portal's model. Every table that holds tenant data carries `tenant_id`, and every primary
 * key, foreign key and unique index on it starts with `tenant_id`: a row of client data can only
 * be reached through its tenant and client, and the schema can be distributed by tenant (Citus).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('tenants')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('slug', 'text', (c) =>
      c
        .notNull()
        .unique()
        .check(sql`slug ~ '^[a-z0-9][a-z0-9-]{1,62}$'`),
    )
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('settings', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('clients')
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('ecd_id', 'text')
    .addColumn('initials', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('first_name', 'text', (c) => c.notNull())
    .addColumn('last_name_prefix', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('last_name', 'text', (c) => c.notNull())
    .addColumn('date_of_birth', 'date', (c) => c.notNull())
    .addColumn('marital_status', 'text')
    .addColumn('place_of_birth', 'text')
    .addColumn('nationality', 'text')
    .addColumn('bsn', 'text')
    .addColumn('street', 'text')
    .addColumn('house_number', 'text')
    .addColumn('address_extra', 'text')
    .addColumn('postal_code', 'text')
    .addColumn('city', 'text')
    .addColumn('phone', 'text')
    .addColumn('mobile_phone', 'text')
    .addColumn('email', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('clients_pk', ['tenant_id', 'id'])
    .addUniqueConstraint('clients_ecd_id_uq', ['tenant_id', 'ecd_id'])
    .execute();

  await db.schema
    .createTable('accounts')
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('username', 'text', (c) => c.notNull())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('email', 'text')
    .addColumn('mobile_phone', 'text')
    .addColumn('password_hash', 'text')
    .addColumn('password_changed_at', 'timestamptz')
    .addColumn('must_change_password', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('terms_version_accepted', 'text')
    .addColumn('terms_accepted_at', 'timestamptz')
    .addColumn('second_factor', 'text', (c) =>
      c
        .notNull()
        .defaultTo('sms')
        .check(sql`second_factor in ('sms', 'email', 'totp')`),
    )
    .addColumn('totp_secret', 'text')
    .addColumn('totp_last_used_step', 'bigint')
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('invited')
        .check(sql`status in ('invited', 'active', 'disabled')`),
    )
    .addColumn('last_login_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('accounts_pk', ['tenant_id', 'id'])
    .execute();
  await sql`create unique index accounts_username_uq on accounts (tenant_id, lower(username))`.execute(db);

  // Which clients an account may see: the client's own account, later relatives with rights.
  await db.schema
    .createTable('account_clients')
    .addColumn('tenant_id', 'uuid', (c) => c.notNull())
    .addColumn('account_id', 'uuid', (c) => c.notNull())
    .addColumn('client_id', 'uuid', (c) => c.notNull())
    .addColumn('relation', 'text', (c) =>
      c
        .notNull()
        .defaultTo('self')
        .check(sql`relation in ('self', 'contact')`),
    )
    .addColumn('rights', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('account_clients_pk', ['tenant_id', 'account_id', 'client_id'])
    .addForeignKeyConstraint('account_clients_account_fk', ['tenant_id', 'account_id'], 'accounts', ['tenant_id', 'id'], (fk) =>
      fk.onDelete('cascade'),
    )
    .addForeignKeyConstraint('account_clients_client_fk', ['tenant_id', 'client_id'], 'clients', ['tenant_id', 'id'], (fk) =>
      fk.onDelete('cascade'),
    )
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('tenant_id', 'uuid', (c) => c.notNull())
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('account_id', 'uuid', (c) => c.notNull())
    .addColumn('client_id', 'uuid')
    .addColumn('token_hash', 'bytea', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('second_factor', 'pending', 'active')`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('last_seen_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('idle_expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('absolute_expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('revoked_at', 'timestamptz')
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .addPrimaryKeyConstraint('sessions_pk', ['tenant_id', 'id'])
    .addUniqueConstraint('sessions_token_hash_uq', ['tenant_id', 'token_hash'])
    .addForeignKeyConstraint('sessions_account_fk', ['tenant_id', 'account_id'], 'accounts', ['tenant_id', 'id'], (fk) =>
      fk.onDelete('cascade'),
    )
    .addForeignKeyConstraint('sessions_client_fk', ['tenant_id', 'client_id'], 'clients', ['tenant_id', 'id'], (fk) =>
      fk.onDelete('cascade'),
    )
    .execute();
  await db.schema.createIndex('sessions_account_idx').on('sessions').columns(['tenant_id', 'account_id']).execute();

  // Every one-time secret the BFF hands out: login codes, plan-decision confirmations, contact
  // detail confirmations, password-reset and activation links. Only a hash of the secret is kept.
  await db.schema
    .createTable('challenges')
    .addColumn('tenant_id', 'uuid', (c) => c.notNull())
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('account_id', 'uuid', (c) => c.notNull())
    .addColumn('session_id', 'uuid')
    .addColumn('purpose', 'text', (c) =>
      c.notNull().check(sql`purpose in ('login', 'plan_decision', 'mobile_change', 'email_change', 'password_reset', 'activation')`),
    )
    .addColumn('channel', 'text', (c) => c.notNull().check(sql`channel in ('sms', 'email', 'totp', 'link')`))
    .addColumn('prefix', 'text')
    .addColumn('secret_hash', 'bytea')
    .addColumn('binding', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('destination', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('max_attempts', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('consumed_at', 'timestamptz')
    .addColumn('cancelled_at', 'timestamptz')
    .addPrimaryKeyConstraint('challenges_pk', ['tenant_id', 'id'])
    .addForeignKeyConstraint('challenges_account_fk', ['tenant_id', 'account_id'], 'accounts', ['tenant_id', 'id'], (fk) =>
      fk.onDelete('cascade'),
    )
    .execute();
  await db.schema
    .createIndex('challenges_account_idx')
    .on('challenges')
    .columns(['tenant_id', 'account_id', 'purpose', 'created_at'])
    .execute();

  await db.schema
    .createTable('trusted_devices')
    .addColumn('tenant_id', 'uuid', (c) => c.notNull())
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('account_id', 'uuid', (c) => c.notNull())
    .addColumn('token_hash', 'bytea', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('revoked_at', 'timestamptz')
    .addColumn('user_agent', 'text')
    .addPrimaryKeyConstraint('trusted_devices_pk', ['tenant_id', 'id'])
    .addUniqueConstraint('trusted_devices_token_hash_uq', ['tenant_id', 'token_hash'])
    .addForeignKeyConstraint('trusted_devices_account_fk', ['tenant_id', 'account_id'], 'accounts', ['tenant_id', 'id'], (fk) =>
      fk.onDelete('cascade'),
    )
    .execute();

  // Rate limits and lockouts: counters per bucket and window, kept in the database so that they
  // hold across BFF instances.
  await db.schema
    .createTable('rate_limits')
    .addColumn('tenant_id', 'uuid', (c) => c.notNull())
    .addColumn('bucket', 'text', (c) => c.notNull())
    .addColumn('window_start', 'timestamptz', (c) => c.notNull())
    .addColumn('hits', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'timestamptz')
    .addPrimaryKeyConstraint('rate_limits_pk', ['tenant_id', 'bucket', 'window_start'])
    .execute();

  await db.schema
    .createTable('reports')
    .addColumn('tenant_id', 'uuid', (c) => c.notNull())
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('client_id', 'uuid', (c) => c.notNull())
    .addColumn('ecd_id', 'text')
    .addColumn('written_at', 'timestamptz', (c) => c.notNull())
    .addColumn('author_name', 'text', (c) => c.notNull())
    .addColumn('author_kind', 'text', (c) => c.notNull().check(sql`author_kind in ('staff', 'client', 'contact')`))
    .addColumn('author_account_id', 'uuid')
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('idempotency_key', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('reports_pk', ['tenant_id', 'id'])
    .addUniqueConstraint('reports_ecd_id_uq', ['tenant_id', 'ecd_id'])
    .addUniqueConstraint('reports_idempotency_uq', ['tenant_id', 'client_id', 'idempotency_key'])
    .addForeignKeyConstraint('reports_client_fk', ['tenant_id', 'client_id'], 'clients', ['tenant_id', 'id'], (fk) =>
      fk.onDelete('cascade'),
    )
    .execute();
  await db.schema.createIndex('reports_client_written_idx').on('reports').columns(['tenant_id', 'client_id', 'written_at desc']).execute();

  await db.schema
    .createTable('measurement_types')
    .addColumn('tenant_id', 'uuid', (c) => c.notNull())
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('decimals', 'integer', (c) => c.notNull().defaultTo(0))
    // [{ key, label, min, max }]: one entry for most types, two for blood pressure.
    .addColumn('components', 'jsonb', (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('client_may_enter', 'boolean', (c) => c.notNull().defaultTo(true))
    .addPrimaryKeyConstraint('measurement_types_pk', ['tenant_id', 'id'])
    .addUniqueConstraint('measurement_types_code_uq', ['tenant_id', 'code'])
    .addForeignKeyConstraint('measurement_types_tenant_fk', ['tenant_id'], 'tenants', ['id'], (fk) => fk.onDelete('cascade'))
    .execute();

  await db.schema
    .createTable('measurements')
    .addColumn('tenant_id', 'uuid', (c) => c.notNull())
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('client_id', 'uuid', (c) => c.notNull())
    .addColumn('type_id', 'uuid', (c) => c.notNull())
    .addColumn('ecd_id', 'text')
    .addColumn('measured_at', 'timestamptz', (c) => c.notNull())
    // { systolic: 128, diastolic: 82 } or { value: 72.4 }, keyed by the type's components.
    .addColumn('values', 'jsonb', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull().check(sql`source in ('staff', 'client')`))
    .addColumn('author_name', 'text', (c) => c.notNull())
    .addColumn('author_account_id', 'uuid')
    .addColumn('idempotency_key', 'text')
    .addColumn('deleted_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('measurements_pk', ['tenant_id', 'id'])
    .addUniqueConstraint('measurements_ecd_id_uq', ['tenant_id', 'ecd_id'])
    .addUniqueConstraint('measurements_idempotency_uq', ['tenant_id', 'client_id', 'idempotency_key'])
    .addForeignKeyConstraint('measurements_client_fk', ['tenant_id', 'client_id'], 'clients', ['tenant_id', 'id'], (fk) =>
      fk.onDelete('cascade'),
    )
    .addForeignKeyConstraint('measurements_type_fk', ['tenant_id', 'type_id'], 'measurement_types', ['tenant_id', 'id'])
    .execute();
  await db.schema
    .createIndex('measurements_client_time_idx')
    .on('measurements')
    .columns(['tenant_id', 'client_id', 'measured_at desc'])
    .execute();

  await db.schema
    .createTable('appointments')
    .addColumn('tenant_id', 'uuid', (c) => c.notNull())
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('client_id', 'uuid', (c) => c.notNull())
    .addColumn('ecd_id', 'text')
    .addColumn('starts_at', 'timestamptz', (c) => c.notNull())
    .addColumn('ends_at', 'timestamptz', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('location', 'text')
    .addColumn('care_worker_name', 'text')
    .addColumn('source', 'text', (c) => c.notNull().check(sql`source in ('care_team', 'client')`))
    .addColumn('created_by_account_id', 'uuid')
    .addColumn('cancelled_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('appointments_pk', ['tenant_id', 'id'])
    .addUniqueConstraint('appointments_ecd_id_uq', ['tenant_id', 'ecd_id'])
    .addForeignKeyConstraint('appointments_client_fk', ['tenant_id', 'client_id'], 'clients', ['tenant_id', 'id'], (fk) =>
      fk.onDelete('cascade'),
    )
    .addCheckConstraint('appointments_time_ck', sql`ends_at >= starts_at`)
    .execute();
  await db.schema
    .createIndex('appointments_client_start_idx')
    .on('appointments')
    .columns(['tenant_id', 'client_id', 'starts_at'])
    .execute();

  await db.schema
    .createTable('messages')
    .addColumn('tenant_id', 'uuid', (c) => c.notNull())
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('client_id', 'uuid', (c) => c.notNull())
    .addColumn('ecd_id', 'text')
    .addColumn('sender_kind', 'text', (c) => c.notNull().check(sql`sender_kind in ('client', 'staff', 'contact')`))
    .addColumn('sender_account_id', 'uuid')
    .addColumn('sender_name', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull().check(sql`char_length(body) between 1 and 2000`))
    .addColumn('sent_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('read_at', 'timestamptz')
    .addColumn('idempotency_key', 'text')
    .addPrimaryKeyConstraint('messages_pk', ['tenant_id', 'id'])
    .addUniqueConstraint('messages_ecd_id_uq', ['tenant_id', 'ecd_id'])
    .addUniqueConstraint('messages_idempotency_uq', ['tenant_id', 'client_id', 'idempotency_key'])
    .addForeignKeyConstraint('messages_client_fk', ['tenant_id', 'client_id'], 'clients', ['tenant_id', 'id'], (fk) =>
      fk.onDelete('cascade'),
    )
    .execute();
  await db.schema.createIndex('messages_client_sent_idx').on('messages').columns(['tenant_id', 'client_id', 'sent_at desc']).execute();

  await db.schema
    .createTable('plan_documents')
    .addColumn('tenant_id', 'uuid', (c) => c.notNull())
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('client_id', 'uuid', (c) => c.notNull())
    .addColumn('ecd_id', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('version', 'text', (c) => c.notNull())
    .addColumn('document_date', 'date', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('pdf', 'bytea', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('plan_documents_pk', ['tenant_id', 'id'])
    .addUniqueConstraint('plan_documents_ecd_id_uq', ['tenant_id', 'ecd_id'])
    .addForeignKeyConstraint('plan_documents_client_fk', ['tenant_id', 'client_id'], 'clients', ['tenant_id', 'id'], (fk) =>
      fk.onDelete('cascade'),
    )
    .execute();
  await db.schema
    .createIndex('plan_documents_client_idx')
    .on('plan_documents')
    .columns(['tenant_id', 'client_id', 'document_date desc'])
    .execute();

  // One row per plan: the primary key makes a second decision impossible.
  await db.schema
    .createTable('plan_decisions')
    .addColumn('tenant_id', 'uuid', (c) => c.notNull())
    .addColumn('plan_document_id', 'uuid', (c) => c.notNull())
    .addColumn('client_id', 'uuid', (c) => c.notNull())
    .addColumn('decision', 'text', (c) => c.notNull().check(sql`decision in ('signed', 'rejected')`))
    .addColumn('reason', 'text', (c) => c.check(sql`char_length(reason) <= 1000`))
    .addColumn('decided_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('account_id', 'uuid', (c) => c.notNull())
    .addColumn('decided_by_name', 'text', (c) => c.notNull())
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .addColumn('document_sha256', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('plan_decisions_pk', ['tenant_id', 'plan_document_id'])
    .addForeignKeyConstraint('plan_decisions_plan_fk', ['tenant_id', 'plan_document_id'], 'plan_documents', ['tenant_id', 'id'], (fk) =>
      fk.onDelete('cascade'),
    )
    .addForeignKeyConstraint('plan_decisions_client_fk', ['tenant_id', 'client_id'], 'clients', ['tenant_id', 'id'], (fk) =>
      fk.onDelete('cascade'),
    )
    .execute();

  // NEN 7513: who, which client, what, when, on whose behalf, from where.
  await db.schema
    .createTable('audit_log')
    .addColumn('tenant_id', 'uuid', (c) => c.notNull())
    .addColumn('id', 'bigserial', (c) => c.notNull())
    .addColumn('occurred_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('actor_kind', 'text', (c) => c.notNull().check(sql`actor_kind in ('account', 'anonymous', 'integration', 'system')`))
    .addColumn('actor_account_id', 'uuid')
    .addColumn('client_id', 'uuid')
    .addColumn('on_behalf_of_client_id', 'uuid')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('resource_type', 'text')
    .addColumn('resource_id', 'text')
    .addColumn('outcome', 'text', (c) => c.notNull().check(sql`outcome in ('success', 'failure', 'denied')`))
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .addColumn('request_id', 'text')
    .addColumn('details', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addPrimaryKeyConstraint('audit_log_pk', ['tenant_id', 'id'])
    .addForeignKeyConstraint('audit_log_tenant_fk', ['tenant_id'], 'tenants', ['id'], (fk) => fk.onDelete('cascade'))
    .execute();
  await db.schema.createIndex('audit_log_client_idx').on('audit_log').columns(['tenant_id', 'client_id', 'occurred_at']).execute();

  await db.schema
    .createTable('outbox')
    .addColumn('tenant_id', 'uuid', (c) => c.notNull())
    .addColumn('id', 'bigserial', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull().check(sql`channel in ('sms', 'email')`))
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('sender', 'text', (c) => c.notNull())
    .addColumn('subject', 'text')
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('pending')
        .check(sql`status in ('pending', 'sent', 'failed')`),
    )
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('provider_message_id', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('sent_at', 'timestamptz')
    .addPrimaryKeyConstraint('outbox_pk', ['tenant_id', 'id'])
    .addForeignKeyConstraint('outbox_tenant_fk', ['tenant_id'], 'tenants', ['id'], (fk) => fk.onDelete('cascade'))
    .execute();
  await db.schema.createIndex('outbox_status_idx').on('outbox').columns(['status', 'created_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'outbox',
    'audit_log',
    'plan_decisions',
    'plan_documents',
    'messages',
    'appointments',
    'measurements',
    'measurement_types',
    'reports',
    'rate_limits',
    'trusted_devices',
    'challenges',
    'sessions',
    'account_clients',
    'accounts',
    'clients',
    'tenants',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
