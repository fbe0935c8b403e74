import { createSession, sessionCookieName } from '../auth/session.js';
import type { DatabaseHandle } from '../db/database.js';
import { createClientWithAccount, type ClientWithAccount } from '../testing/fixtures.js';
import type { createTestApp } from '../testing/test-app.js';
import type { TenantRecord } from '../tenants/queries.js';

export type SignedIn = ClientWithAccount & { token: string; tenant: TenantRecord; sessionId: string };

/** A client of the tenant with an active session cookie (shared by the messages, plans and profile tests). */
export async function signedInClient(database: DatabaseHandle, tenant: TenantRecord, options: Parameters<typeof createClientWithAccount>[2] = {}): Promise<SignedIn> {
  const person = await createClientWithAccount(database.db, tenant, options);
  const { token, id } = await createSession(database.db, { tenant, accountId: person.accountId, clientId: person.clientId, state: 'active', ip: null, userAgent: null });
  return { ...person, token, tenant, sessionId: id };
}

/** Calls the app as the widgets do: session cookie, and for writes the origin and CSRF header. */
export function caller(app: ReturnType<typeof createTestApp>['app']) {
  return (who: Pick<SignedIn, 'token' | 'tenant'> | { tenant: TenantRecord; token?: undefined }, path: string, init: RequestInit & { json?: unknown } = {}) => {
    const headers = new Headers(init.headers);
    if (who.token) headers.set('cookie', `${sessionCookieName(who.tenant.slug)}=${who.token}`);
    const method = init.method ?? (init.json !== undefined ? 'POST' : 'GET');
    if (method !== 'GET') {
      headers.set('origin', 'http://localhost');
      if (!headers.has('x-care-widgets')) headers.set('x-care-widgets', '1');
    }
    if (init.json !== undefined) headers.set('content-type', 'application/json');
    const { json, ...rest } = init;
    return app.request(`/api/tenants/${who.tenant.slug}${path}`, { ...rest, method, headers, ...(json !== undefined ? { body: JSON.stringify(json) } : {}) });
  };
}
