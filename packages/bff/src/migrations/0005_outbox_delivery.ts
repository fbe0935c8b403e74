import { sql, type Kysely } from 'kysely';

/**
 * Delivery that several BFF instances share: a row is claimed in the database before it is
 * handed to a provider (status 'sending' until `claimed_until`), retried at `next_attempt_at`
 * while `deliver_until` (and the code's challenge) still hold, and keeps the provider's answer.
 * `reply_to` is the tenant's, taken when the e-mail was written.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table outbox drop constraint if exists outbox_status_check`.execute(db);
  await db.schema
    .alterTable('outbox')
    .addColumn('next_attempt_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('claimed_until', 'timestamptz')
    .addColumn('deliver_until', 'timestamptz')
    .addColumn('challenge_id', 'uuid')
    .addColumn('reply_to', 'text')
    .addColumn('last_error', 'text')
    .execute();
  await sql`alter table outbox add constraint outbox_status_check check (status in ('pending', 'sending', 'sent', 'failed', 'expired'))`.execute(
    db,
  );
  await db.schema.dropIndex('outbox_status_idx').execute();
  await db.schema.createIndex('outbox_due_idx').on('outbox').columns(['status', 'next_attempt_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('outbox_due_idx').execute();
  await db.schema.createIndex('outbox_status_idx').on('outbox').columns(['status', 'created_at']).execute();
  await sql`alter table outbox drop constraint if exists outbox_status_check`.execute(db);
  await sql`update outbox set status = 'failed' where status in ('sending', 'expired')`.execute(db);
  await sql`alter table outbox add constraint outbox_status_check check (status in ('pending', 'sent', 'failed'))`.execute(db);
  for (const column of ['next_attempt_at', 'claimed_until', 'deliver_until', 'challenge_id', 'reply_to', 'last_error']) {
    await db.schema.alterTable('outbox').dropColumn(column).execute();
  }
}
