import type { ColumnType, Generated, Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Timestamp = ColumnType<Date, Date | string, Date | string>;

export type IntegrationKeyAlgorithm = 'ES256' | 'EdDSA';

export interface IntegrationKeysTable {
  tenant_id: string;
  kid: string;
  alg: IntegrationKeyAlgorithm;
  public_jwk: ColumnType<Record<string, unknown>, Record<string, unknown>, never>;
  label: string | null;
  created_at: CreatedAt;
  revoked_at: Timestamp | null;
}

export interface IntegrationTokenUsesTable {
  tenant_id: string;
  jti: string;
  expires_at: Timestamp;
}

/** Written only by the triggers of migration 0003; read by the changes feed. */
export interface IntegrationChangesTable {
  tenant_id: string;
  seq: Generated<number>;
  txid: Generated<number>;
  kind: string;
  client_id: string;
  resource_id: string;
  occurred_at: Generated<Date>;
  data: ColumnType<Record<string, unknown>, never, never>;
}

export type IntegrationTables = {
  integration_keys: IntegrationKeysTable;
  integration_token_uses: IntegrationTokenUsesTable;
  integration_changes: IntegrationChangesTable;
};

export type IntegrationDatabase = Database & IntegrationTables;

/** The app's database handle, seeing the integration tables too (they live in this folder's migration). */
export function integrationDb(db: Kysely<Database>): Kysely<IntegrationDatabase> {
  return db.withTables<IntegrationTables>();
}
