import { Hono, type Context } from 'hono';
import { sql } from 'kysely';
import type { AppEnv } from '../http/app-env.js';
import { audit } from '../audit/audit-log.js';
import { Problem, parseOr400, readJson } from '../http/problem.js';
import { activationProofOfAccount, sameMobile } from '../contacts/activation-proof.js';
import { accountById, portalClientOf } from './accounts.js';
import { claimLinkAttempt, consumeChallenge } from './challenges.js';
import { hashPassword } from './passwords.js';
import { assertNewPassword, invalidLink, limitAddress } from './guards.js';
import { activationCompleteBody, activationVerifyBody } from './schemas.js';

/**
 * Account activation from an invitation e-mail (seeds 000 and 002): the link (14 days, single
 * use) plus the date of birth prove the person — or, for a contact person, who has no dossier of
 * their own, the mobile number they were invited with (contacts/activation-proof.ts); they choose
 * a username (the e-mail address by default) and a password. Activation does not sign in: the
 * login with its second factor follows.
 */
export function activationRoutes() {
  return new Hono<AppEnv>()
    .post('/verify', async (c) => {
      const body = parseOr400(activationVerifyBody, await readJson(c));
      const { account } = await provePerson(c, body.token, body);
      await audit(c, { action: 'auth.activation.verify', accountId: account.id, clientId: null });
      return c.json({
        displayName: account.display_name,
        usernameSuggestion: account.email ?? account.username,
        passwordPolicy: c.var.tenant.settings.passwordPolicy,
      });
    })
    .post('/complete', async (c) => {
      const body = parseOr400(activationCompleteBody, await readJson(c));
      const tenant = c.var.tenant;
      const db = c.var.db;
      const { account, challengeId } = await provePerson(c, body.token, body);
      const username = body.username ?? account.email ?? account.username;
      assertNewPassword(tenant, { newPassword: body.password, repeatPassword: body.repeatPassword }, username, 'password');
      const taken = await db
        .selectFrom('accounts')
        .select('id')
        .where('tenant_id', '=', tenant.id)
        .where(sql<string>`lower(username)`, '=', username.toLowerCase())
        .where('id', '!=', account.id)
        .executeTakeFirst();
      if (taken) throw usernameTaken();
      const passwordHash = await hashPassword(body.password);
      try {
        await db.transaction().execute(async (trx) => {
          if (!(await consumeChallenge(trx, tenant.id, challengeId))) throw invalidLink();
          await trx
            .updateTable('accounts')
            .set({
              username,
              password_hash: passwordHash,
              password_changed_at: new Date(),
              must_change_password: false,
              status: 'active',
              updated_at: new Date(),
            })
            .where('tenant_id', '=', tenant.id)
            .where('id', '=', account.id)
            .execute();
          await audit(c, { action: 'auth.activation.complete', accountId: account.id, clientId: null }, trx);
        });
      } catch (error) {
        if (error instanceof Problem) throw error;
        if (String((error as { code?: string }).code) === '23505') throw usernameTaken();
        throw error;
      }
      return c.json({ step: 'login', username });
    });
}

function usernameTaken() {
  return new Problem(
    409,
    'username-taken',
    { nl: 'Gebruikersnaam bezet', en: 'Username taken' },
    { nl: 'Deze gebruikersnaam is al in gebruik. Kies een andere.', en: 'This username is already in use. Choose another one.' },
    {
      errors: [{ field: 'username', detail: 'already in use' }],
    },
  );
}

/** The link must be open and the proof right (date of birth, or a contact person's mobile); every try counts against the link. */
async function provePerson<E extends AppEnv>(
  c: Context<E>,
  linkToken: string,
  proof: { dateOfBirth?: string | undefined; mobile?: string | undefined },
) {
  await limitAddress(c);
  const tenant = c.var.tenant;
  const claim = await claimLinkAttempt(c.var.db, tenant.id, 'activation', linkToken);
  const account = claim && (await accountById(c.var.db, tenant.id, claim.accountId));
  if (!claim || !account || account.status !== 'invited') throw invalidLink();
  const failed = async (reason: 'date-of-birth' | 'mobile') => {
    await audit(c, { action: 'auth.activation.verify', outcome: 'failure', accountId: account.id, clientId: null, details: { reason } });
  };
  if ((await activationProofOfAccount(c.var.db, tenant.id, account.id)) === 'mobile') {
    if (!proof.mobile || !sameMobile(proof.mobile, account.mobile_phone)) {
      await failed('mobile');
      throw new Problem(
        400,
        'mobile-mismatch',
        { nl: 'Mobiel nummer klopt niet', en: 'Mobile number does not match' },
        { nl: 'Het mobiele nummer is niet juist.', en: 'The mobile number is not correct.' },
        {
          attemptsLeft: claim.attemptsLeft,
          errors: [{ field: 'mobile', detail: proof.mobile ? 'does not match' : 'required: the mobile number you were invited with' }],
        },
      );
    }
    return { account, challengeId: claim.challengeId };
  }
  const client = await portalClientOf(c.var.db, tenant.id, account.id);
  if (!client || client.dateOfBirth !== proof.dateOfBirth) {
    await failed('date-of-birth');
    throw new Problem(
      400,
      'date-of-birth-mismatch',
      { nl: 'Geboortedatum klopt niet', en: 'Date of birth does not match' },
      { nl: 'De geboortedatum is niet juist.', en: 'The date of birth is not correct.' },
      {
        attemptsLeft: claim.attemptsLeft,
        errors: [{ field: 'dateOfBirth', detail: proof.dateOfBirth ? 'does not match' : 'required' }],
      },
    );
  }
  return { account, challengeId: claim.challengeId };
}
