import type { Kysely } from 'kysely';

/** An appointment the client adds is keyed like reports and measurements: a retry never adds a second. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('appointments').addColumn('idempotency_key', 'text').execute();
  await db.schema
    .alterTable('appointments')
    .addUniqueConstraint('appointments_idempotency_uq', ['tenant_id', 'client_id', 'idempotency_key'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('appointments').dropConstraint('appointments_idempotency_uq').execute();
  await db.schema.alterTable('appointments').dropColumn('idempotency_key').execute();
}
