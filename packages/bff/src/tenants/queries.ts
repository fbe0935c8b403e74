import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { parseTenantSettings, type TenantSettings } from './settings.js';

/** NOTIFY channel: the payload is the slug of a tenant whose row changed (`tenant apply`). */
export const TENANTS_CHANNEL = 'care_tenants';

export interface TenantRecord {
  id: string;
  slug: string;
  name: string;
  settings: TenantSettings;
}

export async function tenantBySlug(db: Kysely<Database>, slug: string): Promise<TenantRecord | undefined> {
  const row = await db.selectFrom('tenants').select(['id', 'slug', 'name', 'settings']).where('slug', '=', slug).executeTakeFirst();
  return row && { ...row, settings: parseTenantSettings(row.settings) };
}

/** What any visitor of the tenant's site may know: enough to draw the login and the widgets. */
export function publicTenantView(tenant: TenantRecord) {
  const s = tenant.settings;
  return {
    slug: tenant.slug,
    name: tenant.name,
    theme: s.theme,
    defaultLocale: s.defaultLocale,
    enabledWidgets: s.enabledWidgets,
    passwordPolicy: s.passwordPolicy,
    secondFactors: s.secondFactors,
    trustedDeviceDays: s.trustedDeviceDays,
    agenda: s.agenda,
    terms: { version: s.terms.version },
    contact: s.contact,
  };
}
export type PublicTenant = ReturnType<typeof publicTenantView>;
