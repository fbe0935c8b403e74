import type { Kysely } from 'kysely';
import { hashPassword } from '../auth/passwords.js';
import type { Database } from '../db/schema.js';
import { parseTenantSettings, type TenantSettingsInput } from '../tenants/settings.js';
import type { TenantRecord } from '../tenants/queries.js';

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}`;

/** A tenant with its own settings, for tests that need one without the demo seed. */
export async function createTenant(
  db: Kysely<Database>,
  settings: TenantSettingsInput = {},
  slug = `t-${unique()}`,
): Promise<TenantRecord> {
  // The column is typed as parsed settings; a row holds the input form that parseTenantSettings completes on read.
  const row = await db
    .insertInto('tenants')
    .values({ slug, name: `Zorg ${slug}`, settings: settings as never })
    .returning(['id', 'slug', 'name'])
    .executeTakeFirstOrThrow();
  return { ...row, settings: parseTenantSettings(settings) };
}

export interface ClientWithAccount {
  clientId: string;
  accountId: string;
  username: string;
  password: string;
}

/** A client with its own fully set-up account (password known, terms accepted). */
export async function createClientWithAccount(
  db: Kysely<Database>,
  tenant: TenantRecord,
  options: {
    password?: string;
    mustChangePassword?: boolean;
    mobile?: string;
    email?: string;
    secondFactor?: 'sms' | 'email' | 'totp';
  } = {},
): Promise<ClientWithAccount> {
  const username = `client-${unique()}`;
  const password = options.password ?? 'Zomer-Appel-42!';
  const client = await db
    .insertInto('clients')
    .values({
      tenant_id: tenant.id,
      first_name: 'Test',
      last_name: username,
      date_of_birth: '1945-06-01',
      mobile_phone: options.mobile ?? '+31612345678',
      email: options.email ?? `${username}@example.nl`,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const account = await db
    .insertInto('accounts')
    .values({
      tenant_id: tenant.id,
      username,
      display_name: `Test ${username}`,
      email: options.email ?? `${username}@example.nl`,
      mobile_phone: options.mobile ?? '+31612345678',
      password_hash: await hashPassword(password),
      password_changed_at: new Date(),
      must_change_password: options.mustChangePassword ?? false,
      terms_version_accepted: options.mustChangePassword ? null : tenant.settings.terms.version,
      terms_accepted_at: options.mustChangePassword ? null : new Date(),
      second_factor: options.secondFactor ?? tenant.settings.secondFactors.default,
      status: 'active',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('account_clients')
    .values({ tenant_id: tenant.id, account_id: account.id, client_id: client.id, relation: 'self' })
    .execute();
  return { clientId: client.id, accountId: account.id, username, password };
}
