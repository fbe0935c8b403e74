import { sql, type Kysely } from 'kysely';

/**
 * Login support: an authenticator-app secret waiting for its first code, and a lookup of
 * single-use links (password reset, activation) by the hash of their token.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('accounts').addColumn('totp_pending_secret', 'text').execute();
  await sql`create index challenges_secret_hash_idx on challenges (tenant_id, secret_hash) where channel = 'link'`.execute(db);
  // Old rate-limit windows are removed by age.
  await db.schema.createIndex('rate_limits_window_idx').on('rate_limits').columns(['window_start']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('rate_limits_window_idx').ifExists().execute();
  await db.schema.dropIndex('challenges_secret_hash_idx').ifExists().execute();
  await db.schema.alterTable('accounts').dropColumn('totp_pending_secret').execute();
}
