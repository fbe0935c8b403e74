import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { emailSender, type Outbox } from '../outbox/delivery.js';
import type { TenantRecord } from '../tenants/queries.js';
import { issueLinkChallenge } from './challenges.js';

/** Reset links live 60 minutes, invitations 14 days (seed 000). */
export const RESET_LINK_SECONDS = 60 * 60;
export const INVITATION_SECONDS = 14 * 86_400;

export class NoLinkOrigin extends Error {
  constructor(tenant: TenantRecord) {
    super(`Tenant ${tenant.slug} has no allowedOrigins and PUBLIC_ORIGIN is not set: there is no page a link in an e-mail may open.`);
    this.name = 'NoLinkOrigin';
  }
}

/**
 * The page a link in an e-mail opens: the page that asked for it when its origin is one of the
 * tenant's allowed origins or the BFF's own (configured, see ownOrigin()), else the first allowed
 * origin, else the BFF itself. Never any other origin: the token in the link would go to whoever
 * runs that site. The token rides in the query.
 */
export function tenantPageLink(
  tenant: TenantRecord,
  pageUrl: string | null | undefined,
  bffOrigin: string | undefined,
  param: 'reset' | 'activate' | 'confirm-email',
  token: string,
): string {
  let url: URL | undefined;
  if (pageUrl) {
    try {
      const candidate = new URL(pageUrl);
      if (tenant.settings.allowedOrigins.includes(candidate.origin) || (bffOrigin !== undefined && candidate.origin === bffOrigin))
        url = candidate;
    } catch {
      url = undefined;
    }
  }
  const fallback = tenant.settings.allowedOrigins[0] ?? bffOrigin;
  if (!url && !fallback) throw new NoLinkOrigin(tenant);
  url ??= new URL(`${fallback}/`);
  url.hash = '';
  for (const stale of ['reset', 'activate', 'confirm-email']) url.searchParams.delete(stale);
  url.searchParams.set(param, token);
  return url.toString();
}

export interface Invitation {
  challengeId: string;
  link: string;
  expiresAt: Date;
}

/**
 * Invites an account (status 'invited') to activate itself: an e-mail with a single-use link,
 * valid 14 days; the person confirms the date of birth and chooses username and password.
 * A new invitation cancels the previous one. Called by the integration API.
 */
export async function createInvitation(
  db: Kysely<Database>,
  outbox: Outbox,
  input: { tenant: TenantRecord; accountId: string; pageUrl?: string | null; bffOrigin: string | undefined },
): Promise<Invitation> {
  const { tenant } = input;
  const account = await db
    .selectFrom('accounts')
    .select(['email', 'display_name', 'status'])
    .where('tenant_id', '=', tenant.id)
    .where('id', '=', input.accountId)
    .executeTakeFirstOrThrow();
  if (!account.email) throw new Error('An invitation needs the account to have an e-mail address.');
  if (account.status !== 'invited') throw new Error(`Only an invited account can be activated (this one is ${account.status}).`);
  const issued = await issueLinkChallenge(db, {
    tenantId: tenant.id,
    accountId: input.accountId,
    purpose: 'activation',
    destination: account.email,
    ttlSeconds: INVITATION_SECONDS,
    maxAttempts: 10,
  });
  const link = tenantPageLink(tenant, input.pageUrl, input.bffOrigin, 'activate', issued.token);
  await outbox.enqueue({
    tenantId: tenant.id,
    channel: 'email',
    recipient: account.email,
    ...emailSender(tenant),
    subject: `Uw account voor het cliëntportaal van ${tenant.name}`,
    body: [
      `Beste ${account.display_name},`,
      '',
      `Er is een account voor het cliëntportaal van ${tenant.name} voor u aangemaakt.`,
      'Activeer uw account met deze link. U vult daarna uw geboortedatum in en kiest een gebruikersnaam en wachtwoord.',
      '',
      link,
      '',
      'De link is 14 dagen geldig. Daarna kunt u een nieuwe link vragen aan uw zorgteam.',
    ].join('\n'),
  });
  return { challengeId: issued.challengeId, link, expiresAt: issued.expiresAt };
}

export async function sendResetLink(
  db: Kysely<Database>,
  outbox: Outbox,
  input: {
    tenant: TenantRecord;
    accountId: string;
    email: string;
    displayName: string;
    pageUrl?: string | null;
    bffOrigin: string | undefined;
  },
) {
  const issued = await issueLinkChallenge(db, {
    tenantId: input.tenant.id,
    accountId: input.accountId,
    purpose: 'password_reset',
    destination: input.email,
    ttlSeconds: RESET_LINK_SECONDS,
    maxAttempts: 10,
  });
  const link = tenantPageLink(input.tenant, input.pageUrl, input.bffOrigin, 'reset', issued.token);
  await outbox.enqueue({
    tenantId: input.tenant.id,
    channel: 'email',
    recipient: input.email,
    ...emailSender(input.tenant),
    subject: 'Nieuw wachtwoord voor het cliëntportaal',
    body: [
      `Beste ${input.displayName},`,
      '',
      'U heeft gevraagd om een nieuw wachtwoord. Kies een nieuw wachtwoord met deze link:',
      '',
      link,
      '',
      'De link is 60 minuten geldig en werkt één keer. Heeft u dit niet gevraagd? Dan kunt u deze e-mail negeren.',
    ].join('\n'),
  });
  return { ...issued, link };
}
