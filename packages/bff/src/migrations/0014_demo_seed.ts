import { sql, type Kysely } from 'kysely';

/**
 * Which version of the demo seed wrote a demo tenant's data. A data directory kept from an older
 * seed (`.data/pglite`) is migrated, but its data stays as that seed wrote it; the demo compares
 * this version with its own and says what to do (seed/demo-seed.ts). Not used outside the demo.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('demo_seed')
    .addColumn('tenant_id', 'uuid', (c) => c.primaryKey().references('tenants.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('seeded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('demo_seed').execute();
}
