import type { Kysely } from 'kysely';
import { linkTokenHash } from '../auth/challenges.js';
import type { Database } from '../db/schema.js';

/**
 * What a person types to prove who they are when activating an account from the invitation
 * e-mail: a client their date of birth (seeds 000/002); a contact person, who has no dossier of
 * their own, the mobile number the client or the organisation entered for them (their login
 * codes go there too). An account that is both answers as the client.
 */
export type ActivationProof = 'dateOfBirth' | 'mobile';

export async function activationProofOfAccount(db: Kysely<Database>, tenantId: string, accountId: string): Promise<ActivationProof> {
  const own = await db
    .selectFrom('account_clients')
    .select('client_id')
    .where('tenant_id', '=', tenantId)
    .where('account_id', '=', accountId)
    .where('relation', '=', 'self')
    .executeTakeFirst();
  return own ? 'dateOfBirth' : 'mobile';
}

/** The proof an activation link asks for, without using the link; undefined for an unknown token. */
export async function activationProofOfLink(db: Kysely<Database>, tenantId: string, token: string): Promise<ActivationProof | undefined> {
  if (!token || token.length > 200) return undefined;
  const link = await db
    .selectFrom('challenges')
    .select('account_id')
    .where('tenant_id', '=', tenantId)
    .where('secret_hash', '=', linkTokenHash(token))
    .where('channel', '=', 'link')
    .where('purpose', '=', 'activation')
    .executeTakeFirst();
  return link ? activationProofOfAccount(db, tenantId, link.account_id) : undefined;
}

/** Mobile numbers compare by their digits in E.164: "06 8765 4321" is "+31687654321". */
export function sameMobile(typed: string, stored: string | null): boolean {
  if (!stored) return false;
  const compact = typed.replace(/[\s.\-()]/g, '');
  const dutch = /^(?:0|\+310?|00310?)(6\d{8})$/.exec(compact);
  const e164 = dutch ? `+31${dutch[1]}` : compact.replace(/^00/, '+');
  return e164 === stored;
}
