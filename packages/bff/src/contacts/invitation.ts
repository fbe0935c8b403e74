import type { Kysely } from 'kysely';
import { issueLinkChallenge } from '../auth/challenges.js';
import { INVITATION_SECONDS, tenantPageLink } from '../auth/links.js';
import type { Database } from '../db/schema.js';
import { emailSender, type Outbox } from '../outbox/delivery.js';
import type { TenantRecord } from '../tenants/queries.js';

export interface ContactInvitationInput {
  tenant: TenantRecord;
  /** The contact person's account. */
  accountId: string;
  clientId: string;
  clientName: string;
  /** Who let the person in: the client's account, or null when the organisation did. */
  invitedByAccountId: string | null;
  pageUrl?: string | null;
  bffOrigin: string | undefined;
}

/**
 * The e-mail to a new contact person: a single-use activation link (14 days) whose challenge
 * names the client and who invited. The person confirms their own mobile number (not the
 * client's date of birth) and chooses a username and password; their own second factor follows
 * at the first sign-in. An account that is already active gets a notice instead of a link.
 */
export async function sendContactInvitation(
  db: Kysely<Database>,
  outbox: Outbox,
  input: ContactInvitationInput,
): Promise<{ link: string | null; expiresAt: Date | null }> {
  const { tenant } = input;
  const account = await db
    .selectFrom('accounts')
    .select(['email', 'display_name', 'status'])
    .where('tenant_id', '=', tenant.id)
    .where('id', '=', input.accountId)
    .executeTakeFirstOrThrow();
  if (!account.email) throw new Error('An invitation needs the account to have an e-mail address.');
  const greeting = `Beste ${account.display_name},`;
  if (account.status !== 'invited') {
    await outbox.enqueue({
      tenantId: tenant.id,
      channel: 'email',
      recipient: account.email,
      ...emailSender(tenant),
      subject: `U heeft toegang tot het dossier van ${input.clientName}`,
      body: [
        greeting,
        '',
        `${input.clientName} geeft u toegang tot het cliëntportaal van ${tenant.name}.`,
        'Log in met uw eigen gebruikersnaam en wachtwoord en kies het dossier van wie u wilt bekijken.',
      ].join('\n'),
    });
    return { link: null, expiresAt: null };
  }
  const issued = await issueLinkChallenge(db, {
    tenantId: tenant.id,
    accountId: input.accountId,
    purpose: 'activation',
    destination: account.email,
    ttlSeconds: INVITATION_SECONDS,
    maxAttempts: 10,
    binding: { kind: 'contact', clientId: input.clientId, ...(input.invitedByAccountId ? { invitedBy: input.invitedByAccountId } : {}) },
  });
  const link = tenantPageLink(tenant, input.pageUrl, input.bffOrigin, 'activate', issued.token);
  await outbox.enqueue({
    tenantId: tenant.id,
    channel: 'email',
    recipient: account.email,
    ...emailSender(tenant),
    subject: `Uitnodiging voor het cliëntportaal van ${tenant.name}`,
    body: [
      greeting,
      '',
      `${input.clientName} geeft u toegang tot het cliëntportaal van ${tenant.name}.`,
      'Activeer uw account met deze link. U vult daarna uw eigen mobiele nummer in en kiest een gebruikersnaam en wachtwoord.',
      '',
      link,
      '',
      'De link is 14 dagen geldig. Kent u deze uitnodiging niet? Dan kunt u deze e-mail negeren.',
    ].join('\n'),
  });
  return { link, expiresAt: issued.expiresAt };
}
