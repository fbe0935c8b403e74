import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import * as initial from '../migrations/0001_initial.js';
import * as auth from '../migrations/0002_auth.js';
import * as integration from '../migrations/0003_integration.js';
import * as appointmentIdempotency from '../migrations/0004_appointment_idempotency.js';
import * as outboxDelivery from '../migrations/0005_outbox_delivery.js';
import * as auditChain from '../migrations/0010_audit_chain.js';
import * as staffAccessEvents from '../migrations/0010_staff_access_events.js';
import * as previousVisit from '../migrations/0011_previous_visit.js';
import * as contacts from '../migrations/0012_contacts.js';
import * as board from '../migrations/0013_board.js';
import * as demoSeed from '../migrations/0014_demo_seed.js';
import type { Database } from './schema.js';

/** Migrations in order. A migration, once released, is never edited: add a new one. */
const migrations: Record<string, Migration> = {
  '0001_initial': initial,
  '0002_auth': auth,
  '0003_integration': integration,
  '0004_appointment_idempotency': appointmentIdempotency,
  '0005_outbox_delivery': outboxDelivery,
  '0010_audit_chain': auditChain,
  '0010_staff_access_events': staffAccessEvents,
  '0011_previous_visit': previousVisit,
  '0012_contacts': contacts,
  '0013_board': board,
  '0014_demo_seed': demoSeed,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

export interface MigrationReport {
  applied: string[];
}

export async function migrateToLatest(db: Kysely<Database>): Promise<MigrationReport> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName;
    throw new Error(`Migration ${failed ?? '(unknown)'} failed: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
  return { applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName) };
}
