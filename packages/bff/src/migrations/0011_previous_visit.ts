import { type Kysely } from 'kysely';

/**
 * "Sinds uw vorige bezoek": each session keeps when the account's previous sign-in started,
 * taken from `accounts.last_login_at` as the sign-in completes. Expired sessions are pruned, so
 * the previous session's own row cannot be relied on to still exist.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('sessions').addColumn('previous_visit_at', 'timestamptz').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('sessions').dropColumn('previous_visit_at').execute();
}
