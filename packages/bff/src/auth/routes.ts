import { Hono, type Context } from 'hono';
import { getCookie } from 'hono/cookie';
import type { AppEnv } from '../http/app-env.js';
import { audit } from '../audit/audit-log.js';
import type { Account } from '../db/schema.js';
import { clientAddress } from '../http/client-address.js';
import { ownOrigin } from '../http/own-origin.js';
import { Problem, parseOr400, readJson } from '../http/problem.js';
import type { TenantRecord } from '../tenants/queries.js';
import {
  accountById,
  accountByUsername,
  checkCredentials,
  effectiveSecondFactor,
  firstLoginSteps,
  maskEmail,
  maskPhone,
  portalClientOf,
  setPassword,
} from './accounts.js';
import {
  cancelOpenChallenges,
  claimLinkAttempt,
  codeFailureProblem,
  consumeChallenge,
  linkState,
  verifyCodeChallenge,
} from './challenges.js';
import { sendResetLink } from './links.js';
import { verifyPassword } from './passwords.js';
import {
  buckets,
  clearBucket,
  clearPasswordFailures,
  consume,
  lockedFor,
  passwordCeilingSeconds,
  passwordDelaySeconds,
  recordFailure,
  RESEND_COOLDOWN_SECONDS,
  SECOND_FACTOR_LOCK,
  secondFactorLockSeconds,
} from './rate-limits.js';
import { currentSecondFactorStep, secondFactorLocked, startSecondFactor } from './second-factor.js';
import {
  advanceSession,
  clearSessionCookie,
  createSession,
  hashToken,
  recordSignIn,
  revokeOtherSessions,
  sessionCookieName,
  setSessionCookie,
  touchSession,
} from './session.js';
import { requireSession } from './session-middleware.js';
import { enrolmentFor, matchingStep, newTotpSecret, useTotpCode } from './totp.js';
import { forgetDeviceCookie, isTrustedDevice, revokeTrustedDevices, trustDevice } from './trusted-devices.js';
import { activationRoutes } from './activation-routes.js';
import {
  acceptTermsBody,
  changePasswordBody,
  chooseSecondFactorBody,
  codeVerifyBody,
  forgotPasswordBody,
  linkCheckBody,
  loginBody,
  newPasswordBody,
  resetPasswordBody,
  totpConfirmBody,
} from './schemas.js';
import { activationProofOfLink } from '../contacts/activation-proof.js';
import { clientCountOf } from '../contacts/queries.js';
import { mayDownloadDossier } from '../contacts/rights.js';
import { openSecret, sealSecret } from '../security/server-secret.js';
import { assertNewPassword, invalidCredentials, invalidLink, limitAddress, loginDelayed } from './guards.js';

/**
 * Finishes a sign-in step for a session (or, after a trusted-device login, creates it): pending
 * while first-login steps remain, active otherwise, always under a new token.
 */
async function signInStep<E extends AppEnv>(c: Context<E>, account: Account, sessionId: string | null) {
  const tenant = c.var.tenant;
  const db = c.var.db;
  const steps = firstLoginSteps(account, tenant);
  const state = steps.length ? 'pending' : 'active';
  const client = state === 'active' ? await portalClientOf(db, tenant.id, account.id) : undefined;
  const clientId = client?.clientId ?? null;
  let token: string;
  let activeSessionId = sessionId;
  if (sessionId) {
    token = await advanceSession(db, tenant.id, sessionId, { state, clientId });
  } else {
    const created = await createSession(db, {
      tenant,
      accountId: account.id,
      clientId,
      state,
      ip: clientAddress(c, c.var.config.trustedProxies),
      userAgent: c.req.header('user-agent') ?? null,
    });
    token = created.token;
    activeSessionId = created.id;
  }
  setSessionCookie(c, tenant, token);
  if (state === 'active') {
    await recordSignIn(db, tenant.id, account.id, activeSessionId!);
    await audit(c, { action: 'auth.login.success', accountId: account.id, clientId });
    return { step: 'done' as const, session: { state, accountId: account.id, displayName: account.display_name, clientId } };
  }
  return { step: 'first-login' as const, remaining: steps };
}

async function freshAccount<E extends AppEnv>(c: Context<E>, accountId: string): Promise<Account> {
  const account = await accountById(c.var.db, c.var.tenant.id, accountId);
  if (!account) throw Problem.unauthorized();
  return account;
}

export function authRoutes() {
  return (
    new Hono<AppEnv>()
      // --- step 1: username + password -----------------------------------------------------
      .post('/login', async (c) => {
        const body = parseOr400(loginBody, await readJson(c));
        await limitAddress(c);
        const tenant = c.var.tenant;
        const db = c.var.db;
        const failureBucket = buckets.passwordFailures(body.username, clientAddress(c, c.var.config.trustedProxies));
        const anywhereBucket = buckets.passwordFailuresAnywhere(body.username);
        const wait = Math.max(await lockedFor(db, tenant.id, failureBucket), await lockedFor(db, tenant.id, anywhereBucket));
        if (wait > 0 && !(await fromTrustedDevice(c, body.username))) {
          await audit(c, {
            action: 'auth.login.failure',
            outcome: 'denied',
            accountId: null,
            clientId: null,
            details: { reason: 'delayed' },
          });
          throw loginDelayed(wait);
        }
        const { account, ok, reason } = await checkCredentials(db, tenant.id, body.username, body.password);
        if (!ok || !account) {
          const failure = await recordFailure(db, tenant.id, failureBucket, 3600, passwordDelaySeconds);
          await recordFailure(db, tenant.id, anywhereBucket, 3600, passwordCeilingSeconds);
          await audit(c, {
            action: 'auth.login.failure',
            outcome: 'failure',
            accountId: account?.id ?? null,
            clientId: null,
            details: { reason, failures: failure.hits, ...(failure.lockedForSeconds ? { delaySeconds: failure.lockedForSeconds } : {}) },
          });
          throw invalidCredentials();
        }
        await clearBucket(db, tenant.id, failureBucket);

        if (await isTrustedDevice(c, tenant, account.id)) {
          await audit(c, { action: 'auth.login.trusted-device', accountId: account.id, clientId: null });
          return c.json(await signInStep(c, account, null));
        }
        const locked = await lockedFor(db, tenant.id, buckets.secondFactorFailures(account.id));
        if (locked > 0) {
          await audit(c, {
            action: 'auth.login.failure',
            outcome: 'denied',
            accountId: account.id,
            clientId: null,
            details: { reason: 'second-factor-locked' },
          });
          throw secondFactorLocked(locked);
        }
        const { id } = await createSessionForSecondFactor(c, account);
        return c.json(await startSecondFactor(c, account, id));
      })

      // --- step 2: the code --------------------------------------------------------------------
      .post('/code/resend', requireSession({ allow: ['second_factor'] }), async (c) => {
        const session = c.var.session;
        const current = await currentSecondFactorStep(c, session.id);
        if (current && current.channel === 'totp') {
          throw new Problem(
            409,
            'not-applicable',
            { nl: 'Geen code te versturen', en: 'No code to send' },
            { nl: 'Gebruik de code uit uw authenticator-app.', en: 'Use the code from your authenticator app.' },
          );
        }
        if (current && current.resendAvailableInSeconds > 0) {
          throw Problem.tooManyRequests(
            {
              nl: `Wacht ${current.resendAvailableInSeconds} seconden voordat u een nieuwe code vraagt.`,
              en: `Wait ${current.resendAvailableInSeconds} seconds before you ask for a new code.`,
            },
            current.resendAvailableInSeconds,
          );
        }
        return c.json(await startSecondFactor(c, await freshAccount(c, session.accountId), session.id));
      })

      .post('/code/verify', requireSession({ allow: ['second_factor'] }), async (c) => {
        const body = parseOr400(codeVerifyBody, await readJson(c));
        const session = c.var.session;
        const tenant = c.var.tenant;
        const db = c.var.db;
        const failureBucket = buckets.secondFactorFailures(session.accountId);
        const locked = await lockedFor(db, tenant.id, failureBucket);
        if (locked > 0) throw secondFactorLocked(locked);

        // Accept "1234-567890", "1234567890" and "567890": the prefix only picks the challenge.
        const typed = body.code.replace(/[\s-]/g, '');
        const prefix = /^\d{10}$/.test(typed) ? typed.slice(0, 4) : undefined;
        const code = prefix ? typed.slice(4) : typed;
        const result = await verifyCodeChallenge(db, {
          tenantId: tenant.id,
          accountId: session.accountId,
          purpose: 'login',
          sessionId: session.id,
          ...(prefix ? { prefix } : {}),
          code,
          checkCode: (candidate) => useTotpCode(db, tenant.id, session.accountId, candidate),
        });
        if (!result.ok && result.reason === 'no-open-challenge') {
          // Nothing was compared (expired, out of tries, or already used by a double submit of
          // the right code): not a guess, so not counted towards the lock.
          await audit(c, { action: 'auth.code.failure', outcome: 'failure', details: { reason: result.reason } });
          throw codeFailureProblem(result);
        }
        if (!result.ok) {
          const failure = await recordFailure(
            db,
            tenant.id,
            failureBucket,
            SECOND_FACTOR_LOCK.countingWindowSeconds,
            secondFactorLockSeconds,
          );
          if (failure.lockedForSeconds > 0) {
            await cancelOpenChallenges(db, tenant.id, session.accountId, 'login');
            await audit(c, { action: 'auth.second-factor.locked', outcome: 'denied', details: { failures: failure.hits } });
            throw secondFactorLocked(failure.lockedForSeconds);
          }
          await audit(c, { action: 'auth.code.failure', outcome: 'failure', details: { reason: result.reason, failures: failure.hits } });
          throw codeFailureProblem(result);
        }
        await clearBucket(db, tenant.id, failureBucket);
        const account = await freshAccount(c, session.accountId);
        if (body.trustDevice) await trustDevice(c, tenant, account.id);
        return c.json(await signInStep(c, account, session.id));
      })

      // --- first login: new password and terms ---------------------------------------------------
      .get('/first-login', requireSession({ allow: ['pending', 'active'] }), async (c) => {
        const account = await freshAccount(c, c.var.session.accountId);
        const { terms, passwordPolicy } = c.var.tenant.settings;
        return c.json({
          remaining: firstLoginSteps(account, c.var.tenant),
          terms: { version: terms.version, text: terms.text },
          passwordPolicy,
          username: account.username,
        });
      })

      .post('/first-login/password', requireSession({ allow: ['pending'] }), async (c) => {
        const body = parseOr400(newPasswordBody, await readJson(c));
        const session = c.var.session;
        const tenant = c.var.tenant;
        const account = await freshAccount(c, session.accountId);
        if (!firstLoginSteps(account, tenant).includes('password')) {
          throw new Problem(
            409,
            'not-required',
            { nl: 'Al gedaan', en: 'Already done' },
            { nl: 'Het wachtwoord is al gewijzigd.', en: 'The password has already been changed.' },
          );
        }
        assertNewPassword(tenant, body, account.username);
        if (account.password_hash && (await verifyPassword(account.password_hash, body.newPassword))) {
          throw new Problem(
            400,
            'password-policy',
            { nl: 'Het wachtwoord voldoet niet', en: 'The password does not meet the rules' },
            { nl: 'Kies een ander wachtwoord dan het huidige.', en: 'Choose a password other than the current one.' },
            {
              errors: [{ field: 'newPassword', rule: 'notCurrent', detail: 'Kies een ander wachtwoord dan het huidige.' }],
            },
          );
        }
        await setPassword(c.var.db, tenant.id, account.id, body.newPassword);
        await revokeOtherSessions(c.var.db, tenant.id, account.id, session.id);
        await revokeTrustedDevices(c.var.db, tenant.id, account.id);
        await audit(c, { action: 'auth.password.change', details: { reason: 'first-login' } });
        return c.json(await signInStep(c, await freshAccount(c, account.id), session.id));
      })

      .post('/first-login/terms', requireSession({ allow: ['pending'] }), async (c) => {
        const body = parseOr400(acceptTermsBody, await readJson(c));
        const session = c.var.session;
        const tenant = c.var.tenant;
        const current = tenant.settings.terms.version;
        if (body.version !== current) {
          throw new Problem(
            409,
            'terms-version-changed',
            { nl: 'Nieuwe voorwaarden', en: 'New terms of use' },
            {
              nl: 'De gebruiksvoorwaarden zijn gewijzigd. Lees de nieuwe versie.',
              en: 'The terms of use have changed. Read the new version.',
            },
            { currentVersion: current },
          );
        }
        await c.var.db
          .updateTable('accounts')
          .set({ terms_version_accepted: current, terms_accepted_at: new Date(), updated_at: new Date() })
          .where('tenant_id', '=', tenant.id)
          .where('id', '=', session.accountId)
          .execute();
        await audit(c, { action: 'auth.terms.accept', details: { version: current } });
        return c.json(await signInStep(c, await freshAccount(c, session.accountId), session.id));
      })

      // --- the session -------------------------------------------------------------------------
      // A status question, not a protected resource: without a live session the answer is
      // `signed-out`, not an error, so a signed-out visitor's page load logs no failed request.
      .get('/session', async (c) => {
        const tenant = c.var.tenant;
        const token = getCookie(c, sessionCookieName(tenant.slug));
        const session = token ? await touchSession(c.var.db, tenant, token) : undefined;
        if (!session) {
          if (token) clearSessionCookie(c, tenant);
          return c.json({ state: 'signed-out' });
        }
        c.set('session', session);
        const view: Record<string, unknown> = {
          state: session.state,
          accountId: session.state === 'second_factor' ? null : session.accountId,
          displayName: session.state === 'second_factor' ? null : session.displayName,
          clientId: session.state === 'active' ? session.clientId : null,
          relation: session.relation,
          tenant: c.var.tenant.slug,
          idleExpiresAt: session.idleExpiresAt.toISOString(),
          absoluteExpiresAt: session.absoluteExpiresAt.toISOString(),
          // For the widgets' idle warning, free of any difference between the two clocks.
          idleTimeoutMinutes: c.var.tenant.settings.session.idleMinutes,
          absoluteExpiresInSeconds: Math.max(0, Math.floor((session.absoluteExpiresAt.getTime() - Date.now()) / 1000)),
        };
        if (session.state === 'active') {
          view['clientName'] = session.clientName;
          view['relationship'] = session.relationship;
          view['rights'] = session.access.rights;
          view['mayDecidePlan'] = session.access.mayDecidePlan;
          view['mayDownloadDossier'] = mayDownloadDossier(session.access);
          view['clientCount'] = await clientCountOf(c.var.db, tenant.id, session.accountId);
        }
        if (session.state === 'second_factor') view['secondFactor'] = await currentSecondFactorStep(c, session.id);
        if (session.state === 'pending')
          view['firstLogin'] = { remaining: firstLoginSteps(await freshAccount(c, session.accountId), c.var.tenant) };
        return c.json(view);
      })

      .post('/logout', async (c) => {
        const tenant = c.var.tenant;
        const token = getCookie(c, sessionCookieName(tenant.slug));
        if (token) {
          const row = await c.var.db
            .updateTable('sessions')
            .set({ revoked_at: new Date() })
            .where('tenant_id', '=', tenant.id)
            .where('token_hash', '=', hashToken(token))
            .where('revoked_at', 'is', null)
            .returning(['account_id', 'client_id'])
            .executeTakeFirst();
          if (row) await audit(c, { action: 'auth.logout', accountId: row.account_id, clientId: row.client_id });
        }
        clearSessionCookie(c, tenant);
        return c.body(null, 204);
      })

      // --- forgotten password --------------------------------------------------------------------
      .post('/password/forgot', async (c) => {
        const body = parseOr400(forgotPasswordBody, await readJson(c));
        await limitAddress(c);
        const tenant = c.var.tenant;
        const db = c.var.db;
        const outbox = c.var.outbox;
        const logger = c.var.logger;
        const bffOrigin = ownOrigin(c);
        const account = await accountByUsername(db, tenant.id, body.username);
        const eligible = account && account.status === 'active' && account.email;
        await audit(c, {
          action: 'auth.password.forgot',
          outcome: eligible ? 'success' : 'failure',
          accountId: account?.id ?? null,
          clientId: null,
        });
        // The same budget query for a known and an unknown username; a known one adds only the
        // link and its outbox row, and the background worker sends the e-mail, not this request.
        const limit = await consume(db, tenant.id, {
          bucket: `reset-mail:user:${body.username.trim().toLowerCase()}`,
          max: 3,
          windowSeconds: 15 * 60,
        });
        if (eligible && limit.allowed) {
          try {
            await sendResetLink(db, outbox, {
              tenant,
              accountId: account.id,
              email: account.email!,
              displayName: account.display_name,
              pageUrl: body.pageUrl ?? null,
              bffOrigin,
            });
          } catch (error) {
            logger.error('password reset e-mail not queued', { error: error instanceof Error ? error.message : String(error) });
          }
        }
        return c.json({ accepted: true }, 202);
      })

      // --- the links of the e-mails: still good? ----------------------------------------------------
      // Asked when the page of a link opens, so a used or expired link says so at once, not after two
      // passwords. Uses nothing up; tells what became of a token only to whoever holds it.
      .post('/links/check', async (c) => {
        const body = parseOr400(linkCheckBody, await readJson(c));
        await limitAddress(c);
        const found = await linkState(c.var.db, c.var.tenant.id, body.link === 'reset' ? 'password_reset' : 'activation', body.token);
        if (body.link === 'activate') {
          const proof = found.state === 'valid' ? await activationProofOfLink(c.var.db, c.var.tenant.id, body.token) : undefined;
          return c.json(proof ? { ...found, proof } : found);
        }
        // A reset link of an account that is no longer active could not be used either.
        return c.json({ state: found.state === 'valid' && !found.accountActive ? 'unknown' : found.state });
      })

      .post('/password/reset', async (c) => {
        const body = parseOr400(resetPasswordBody, await readJson(c));
        await limitAddress(c);
        const tenant = c.var.tenant;
        const db = c.var.db;
        const claim = await claimLinkAttempt(db, tenant.id, 'password_reset', body.token);
        const account = claim && (await accountById(db, tenant.id, claim.accountId));
        if (!claim || !account || account.status !== 'active') throw invalidLink();
        assertNewPassword(tenant, body, account.username);
        if (!(await consumeChallenge(db, tenant.id, claim.challengeId))) throw invalidLink();
        await setPassword(db, tenant.id, account.id, body.newPassword);
        await revokeOtherSessions(db, tenant.id, account.id, null);
        await revokeTrustedDevices(db, tenant.id, account.id);
        await clearPasswordFailures(db, tenant.id, account.username);
        await audit(c, { action: 'auth.password.reset', accountId: account.id, clientId: null });
        clearSessionCookie(c, tenant);
        forgetDeviceCookie(c, tenant);
        return c.json({ step: 'login' });
      })

      // --- signed in: change password, second factor -------------------------------------------------
      .post('/password/change', requireSession(), async (c) => {
        const body = parseOr400(changePasswordBody, await readJson(c));
        const session = c.var.session;
        const tenant = c.var.tenant;
        const db = c.var.db;
        const account = await freshAccount(c, session.accountId);
        const failureBucket = buckets.passwordFailures(account.username, clientAddress(c, c.var.config.trustedProxies));
        const wait = await lockedFor(db, tenant.id, failureBucket);
        if (wait > 0) throw loginDelayed(wait);
        if (!account.password_hash || !(await verifyPassword(account.password_hash, body.currentPassword))) {
          await recordFailure(db, tenant.id, failureBucket, 3600, passwordDelaySeconds);
          await audit(c, { action: 'auth.password.change', outcome: 'failure', details: { reason: 'wrong-current-password' } });
          throw new Problem(
            400,
            'wrong-password',
            { nl: 'Huidig wachtwoord onjuist', en: 'Current password not correct' },
            { nl: 'Het huidige wachtwoord is niet juist.', en: 'The current password is not correct.' },
            {
              errors: [{ field: 'currentPassword', detail: 'Het huidige wachtwoord is niet juist.' }],
            },
          );
        }
        assertNewPassword(tenant, body, account.username);
        await setPassword(db, tenant.id, account.id, body.newPassword);
        await revokeOtherSessions(db, tenant.id, account.id, session.id);
        await revokeTrustedDevices(db, tenant.id, account.id);
        forgetDeviceCookie(c, tenant);
        setSessionCookie(c, tenant, await advanceSession(db, tenant.id, session.id, { state: 'active' }));
        await audit(c, { action: 'auth.password.change' });
        return c.json({ changed: true });
      })

      .get('/second-factor', requireSession(), async (c) =>
        c.json(secondFactorView(c.var.tenant, await freshAccount(c, c.var.session.accountId))),
      )

      .put('/second-factor', requireSession(), async (c) => {
        const body = parseOr400(chooseSecondFactorBody, await readJson(c));
        const tenant = c.var.tenant;
        const account = await freshAccount(c, c.var.session.accountId);
        const view = secondFactorView(tenant, account);
        if (!view.allowed.includes(body.method)) {
          throw new Problem(
            403,
            'factor-not-allowed',
            { nl: 'Niet mogelijk', en: 'Not possible' },
            { nl: 'Uw zorgorganisatie biedt deze manier niet aan.', en: 'Your care organisation does not offer this method.' },
            {
              errors: [{ field: 'method', detail: 'not offered by this tenant' }],
            },
          );
        }
        const unusable =
          (body.method === 'totp' && !view.totpEnrolled) ||
          (body.method === 'sms' && !view.destinations.sms) ||
          (body.method === 'email' && !view.destinations.email);
        if (unusable) {
          throw new Problem(
            409,
            'factor-not-ready',
            { nl: 'Nog niet ingesteld', en: 'Not set up yet' },
            body.method === 'totp'
              ? { nl: 'Stel eerst de authenticator-app in.', en: 'Set up the authenticator app first.' }
              : { nl: 'Er is geen adres bekend voor deze manier.', en: 'There is no address known for this method.' },
            {
              errors: [{ field: 'method', detail: 'not set up' }],
            },
          );
        }
        await c.var.db
          .updateTable('accounts')
          .set({ second_factor: body.method, updated_at: new Date() })
          .where('tenant_id', '=', tenant.id)
          .where('id', '=', account.id)
          .execute();
        await audit(c, { action: 'auth.second-factor.change', details: { method: body.method } });
        return c.json(secondFactorView(tenant, await freshAccount(c, account.id)));
      })

      .post('/totp/enrol', requireSession(), async (c) => {
        const tenant = c.var.tenant;
        if (!tenant.settings.secondFactors.allowed.includes('totp')) {
          throw new Problem(
            403,
            'factor-not-allowed',
            { nl: 'Niet mogelijk', en: 'Not possible' },
            {
              nl: 'Uw zorgorganisatie biedt de authenticator-app niet aan.',
              en: 'Your care organisation does not offer the authenticator app.',
            },
          );
        }
        const account = await freshAccount(c, c.var.session.accountId);
        const secret = newTotpSecret();
        await c.var.db
          .updateTable('accounts')
          .set({ totp_pending_secret: sealSecret(secret) })
          .where('tenant_id', '=', tenant.id)
          .where('id', '=', account.id)
          .execute();
        await audit(c, { action: 'auth.totp.enrol' });
        return c.json(await enrolmentFor(secret, tenant.name, account.email ?? account.username));
      })

      .post('/totp/confirm', requireSession(), async (c) => {
        const body = parseOr400(totpConfirmBody, await readJson(c));
        const tenant = c.var.tenant;
        const db = c.var.db;
        const account = await freshAccount(c, c.var.session.accountId);
        const failureBucket = buckets.secondFactorFailures(account.id);
        const locked = await lockedFor(db, tenant.id, failureBucket);
        if (locked > 0) throw secondFactorLocked(locked);
        if (!account.totp_pending_secret)
          throw new Problem(
            409,
            'no-enrolment',
            { nl: 'Eerst instellen', en: 'Set up first' },
            { nl: 'Stel eerst de authenticator-app in.', en: 'Set up the authenticator app first.' },
          );
        const step = matchingStep(openSecret(account.totp_pending_secret), body.code.replace(/\s/g, ''));
        if (step === null) {
          const failure = await recordFailure(
            db,
            tenant.id,
            failureBucket,
            SECOND_FACTOR_LOCK.countingWindowSeconds,
            secondFactorLockSeconds,
          );
          await audit(c, { action: 'auth.totp.confirm', outcome: 'failure' });
          if (failure.lockedForSeconds > 0) throw secondFactorLocked(failure.lockedForSeconds);
          throw new Problem(
            400,
            'invalid-code',
            { nl: 'Onjuiste code', en: 'Incorrect code' },
            {
              nl: 'De code is niet juist. Controleer de tijd op uw telefoon en probeer het opnieuw.',
              en: 'The code is not correct. Check the time on your phone and try again.',
            },
            {
              errors: [{ field: 'code', detail: 'De code is niet juist.' }],
            },
          );
        }
        const updated = await db
          .updateTable('accounts')
          .set({
            totp_secret: account.totp_pending_secret,
            totp_pending_secret: null,
            totp_last_used_step: step,
            second_factor: 'totp',
            updated_at: new Date(),
          })
          .where('tenant_id', '=', tenant.id)
          .where('id', '=', account.id)
          .where('totp_pending_secret', '=', account.totp_pending_secret)
          .returning('id')
          .executeTakeFirst();
        if (!updated)
          throw new Problem(
            409,
            'no-enrolment',
            { nl: 'Eerst instellen', en: 'Set up first' },
            { nl: 'De instelling is vervangen; scan de nieuwe code.', en: 'The set-up has been replaced; scan the new code.' },
          );
        await clearBucket(db, tenant.id, failureBucket);
        await audit(c, { action: 'auth.totp.confirm' });
        return c.json(secondFactorView(tenant, await freshAccount(c, account.id)));
      })

      .route('/activation', activationRoutes())
  );
}

/** Whether the request carries a trusted-device cookie of this username's account: its owner's own computer. */
async function fromTrustedDevice<E extends AppEnv>(c: Context<E>, username: string): Promise<boolean> {
  if (c.var.tenant.settings.trustedDeviceDays <= 0) return false;
  const account = await accountByUsername(c.var.db, c.var.tenant.id, username);
  return account !== undefined && (await isTrustedDevice(c, c.var.tenant, account.id));
}

async function createSessionForSecondFactor<E extends AppEnv>(c: Context<E>, account: Account) {
  const tenant = c.var.tenant;
  const created = await createSession(c.var.db, {
    tenant,
    accountId: account.id,
    clientId: null,
    state: 'second_factor',
    ip: clientAddress(c, c.var.config.trustedProxies),
    userAgent: c.req.header('user-agent') ?? null,
  });
  setSessionCookie(c, tenant, created.token);
  return created;
}

function secondFactorView(tenant: TenantRecord, account: Account) {
  return {
    current: effectiveSecondFactor(account, tenant),
    allowed: tenant.settings.secondFactors.allowed,
    totpEnrolled: account.totp_secret !== null,
    destinations: { sms: maskPhone(account.mobile_phone), email: maskEmail(account.email) },
    resendCooldownSeconds: RESEND_COOLDOWN_SECONDS,
  };
}
