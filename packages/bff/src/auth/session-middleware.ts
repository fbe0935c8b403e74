import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { SessionState } from '../db/schema.js';
import type { AppEnv, ClientEnv, SessionEnv } from '../http/app-env.js';
import { audit } from '../audit/audit-log.js';
import { noPlanDecision, noRight, type RightArea } from '../contacts/rights.js';
import { Problem } from '../http/problem.js';
import type { SessionInfo } from '../http/session-types.js';
import { clearSessionCookie, sessionCookieName, touchSession } from './session.js';

async function liveSession<E extends AppEnv>(c: Context<E>, allow: SessionState[]): Promise<SessionInfo> {
  const tenant = c.var.tenant;
  const token = getCookie(c, sessionCookieName(tenant.slug));
  if (!token)
    throw new Problem(
      401,
      'unauthenticated',
      { nl: 'Niet ingelogd', en: 'Not signed in' },
      { nl: 'Log in om verder te gaan.', en: 'Sign in to continue.' },
    );
  const session = await touchSession(c.var.db, tenant, token);
  if (!session) {
    clearSessionCookie(c, tenant);
    throw new Problem(
      401,
      'session-expired',
      { nl: 'Sessie verlopen', en: 'Session expired' },
      { nl: 'Uw sessie is verlopen. Log opnieuw in.', en: 'Your session has expired. Sign in again.' },
    );
  }
  if (!allow.includes(session.state)) {
    if (session.state === 'pending') {
      throw new Problem(
        403,
        'first-login-incomplete',
        { nl: 'Eerst uw wachtwoord wijzigen', en: 'Change your password first' },
        {
          nl: 'Kies eerst een nieuw wachtwoord en ga akkoord met de gebruiksvoorwaarden.',
          en: 'First choose a new password and accept the terms of use.',
        },
      );
    }
    throw new Problem(
      401,
      'second-factor-required',
      { nl: 'Inlogcode nodig', en: 'Sign-in code needed' },
      { nl: 'Vul eerst uw inlogcode in.', en: 'Enter your sign-in code first.' },
    );
  }
  return session;
}

/**
 * Requires a live session of this tenant in a given state (default: fully signed in) and sets
 * `c.var.session`. A pending session (first login: new password and terms still to do) gets 403
 * everywhere else. For the sign-in steps, whose routes each allow other states.
 */
export function requireSession(options: { allow?: SessionState[] } = {}): MiddlewareHandler<SessionEnv> {
  const allow = options.allow ?? ['active'];
  return async (c, next) => {
    c.set('session', await liveSession(c, allow));
    await next();
  };
}

/**
 * What a data feature needs of the person: a right of an area (docs/rights-model.md), `'client'`:
 * the client's own account only (the access log, contact persons, changing contact details), or
 * `'any'`: any person with access, the feature showing only what the rights allow (the activity
 * overview). A feature has to say which: a future widget cannot forget it.
 */
export type AccessNeed = RightArea | 'client' | 'any';

/**
 * For every data route (mounted once per feature in app.ts): a fully signed-in session that
 * belongs to a client's file, and the right the feature needs. Sets `c.var.session` and
 * `c.var.scope`, the client whose data the route serves: the session's, never one named in the
 * request. The rights come with the session (touchSession): no extra round trip. A refusal is a
 * 403 problem (`no-right` with the area) and is audited as the person, on behalf of the client.
 */
export function requireClientSession(need: AccessNeed): MiddlewareHandler<ClientEnv> {
  return async (c, next) => {
    const session = await liveSession(c, ['active']);
    c.set('session', session);
    if (!session.clientId) {
      throw new Problem(
        403,
        'no-client',
        { nl: 'Geen dossier', en: 'No client file' },
        {
          nl: 'Dit account hoort niet bij een cliëntdossier. Neem contact op met uw zorgorganisatie.',
          en: 'This account does not belong to a client file. Contact your care organisation.',
        },
      );
    }
    c.set('scope', { tenantId: session.tenantId, clientId: session.clientId, accountId: session.accountId });
    if (need === 'client' && session.access.relation !== 'self') {
      await refuse(c, need);
      throw new Problem(
        403,
        'client-only',
        { nl: 'Alleen voor de cliënt', en: 'Only for the client' },
        {
          nl: `Alleen ${session.clientName ?? 'de cliënt'} zelf kan dit zien of wijzigen.`,
          en: `Only ${session.clientName ?? 'the client'} can see or change this.`,
        },
        session.clientName ? { clientName: session.clientName } : {},
      );
    }
    if (need !== 'client' && need !== 'any' && !session.access.rights[need]) {
      await refuse(c, need);
      throw noRight(need, session.clientName);
    }
    await next();
  };
}

/** Signing or rejecting the client plan: the client, or a legal representative with the plan right. */
export function requirePlanDecision(): MiddlewareHandler<ClientEnv> {
  return async (c, next) => {
    if (!c.var.session.access.mayDecidePlan) {
      await refuse(c, 'plan-decision');
      throw noPlanDecision(c.var.session.clientName);
    }
    await next();
  };
}

async function refuse(c: Context<ClientEnv>, need: string) {
  await audit(c, {
    action: 'access.denied',
    outcome: 'denied',
    details: { area: need, method: c.req.method, path: c.req.path.slice(0, 200) },
  });
}
