import type { Kysely } from 'kysely';
import { createSession, sessionCookieName } from '../auth/session.js';
import type { Database } from '../db/schema.js';
import type { TenantRecord } from '../tenants/queries.js';
import { createClientWithAccount, type ClientWithAccount } from './fixtures.js';

export type SignedInClient = ClientWithAccount & { token: string; tenant: TenantRecord; sessionId: string };

/** A new client of `tenant` with an account and a fully signed-in session. */
export async function signedInClient(
  db: Kysely<Database>,
  tenant: TenantRecord,
  options: Parameters<typeof createClientWithAccount>[2] = {},
): Promise<SignedInClient> {
  const person = await createClientWithAccount(db, tenant, options);
  const { token, id } = await createSession(db, {
    tenant,
    accountId: person.accountId,
    clientId: person.clientId,
    state: 'active',
    ip: null,
    userAgent: null,
  });
  return { ...person, token, tenant, sessionId: id };
}

interface RequestingApp {
  request(path: string, init?: RequestInit): Response | Promise<Response>;
}

/** `json` is sent as the JSON body and makes the request a POST unless a method is given. */
export type ClientRequestInit = RequestInit & { json?: unknown };

/**
 * A request to the tenant's API as the widgets make it: the session cookie, and for a
 * state-changing method the allowed Origin, the X-Care-Widgets header and a JSON body type.
 * `who` without a token makes an anonymous request.
 */
export function clientRequest(
  app: RequestingApp,
  who: { tenant: TenantRecord; token?: string | undefined },
  path: string,
  init: ClientRequestInit = {},
) {
  const { json, ...rest } = init;
  const headers = new Headers(rest.headers);
  const method = rest.method ?? (json !== undefined ? 'POST' : 'GET');
  if (who.token) headers.set('cookie', `${sessionCookieName(who.tenant.slug)}=${who.token}`);
  if (method !== 'GET' && method !== 'HEAD') {
    headers.set('origin', 'http://localhost');
    if (!headers.has('x-care-widgets')) headers.set('x-care-widgets', '1');
  }
  const body = json !== undefined ? JSON.stringify(json) : rest.body;
  if (body) headers.set('content-type', 'application/json');
  return app.request(`/api/tenants/${who.tenant.slug}${path}`, { ...rest, method, headers, ...(body !== undefined ? { body } : {}) });
}

/** clientRequest bound to one app. */
export function caller(app: RequestingApp) {
  return (who: { tenant: TenantRecord; token?: string | undefined }, path: string, init: ClientRequestInit = {}) =>
    clientRequest(app, who, path, init);
}
