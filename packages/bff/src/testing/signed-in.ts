import type { Kysely } from 'kysely';
import { createSession, sessionCookieName } from '../auth/session.js';
import type { Database } from '../db/schema.js';
import type { TenantRecord } from '../tenants/queries.js';
import { createClientWithAccount, type ClientWithAccount } from './fixtures.js';

export type SignedInClient = ClientWithAccount & { token: string; tenant: TenantRecord };

/** A new client of `tenant` with an account and a fully signed-in session. */
export async function signedInClient(db: Kysely<Database>, tenant: TenantRecord): Promise<SignedInClient> {
  const person = await createClientWithAccount(db, tenant);
  const { token } = await createSession(db, { tenant, accountId: person.accountId, clientId: person.clientId, state: 'active', ip: null, userAgent: null });
  return { ...person, token, tenant };
}

interface RequestingApp {
  request(path: string, init?: RequestInit): Response | Promise<Response>;
}

/**
 * A request to the tenant's API as the widgets make it: the session cookie, and for a
 * state-changing method the allowed Origin, the X-Care-Widgets header and a JSON body type.
 * `who` without a token makes an anonymous request.
 */
export function clientRequest(app: RequestingApp, who: { tenant: TenantRecord; token?: string | undefined }, path: string, init: RequestInit = {}) {
  const headers = new Headers(init.headers);
  if (who.token) headers.set('cookie', `${sessionCookieName(who.tenant.slug)}=${who.token}`);
  if (init.method && init.method !== 'GET' && init.method !== 'HEAD') {
    headers.set('origin', 'http://localhost');
    if (!headers.has('x-care-widgets')) headers.set('x-care-widgets', '1');
    if (init.body) headers.set('content-type', 'application/json');
  }
  return app.request(`/api/tenants/${who.tenant.slug}${path}`, { ...init, headers });
}
