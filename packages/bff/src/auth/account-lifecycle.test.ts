import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { databaseUnderTest } from '../testing/database-under-test.js';
import { createClientWithAccount, createTenant } from '../testing/fixtures.js';
import type { TestDatabase } from '../testing/test-database.js';
import { clearTenantCache } from '../tenants/tenant-context.js';
import type { TenantSettingsInput } from '../tenants/settings.js';
import { authTestApp, lastCode, type TestBrowser } from './auth-test-kit.js';
import { createInvitation } from './links.js';
import { currentTotpCode } from './totp.js';

let database: TestDatabase;
let counter = 0;
const newPhone = () => `+3162${String(Date.now() % 1_000_000).padStart(6, '0')}${counter++ % 10}`;
const pageOrigin = 'https://www.zorg-voorbeeld.nl';

beforeAll(async () => {
  database = await databaseUnderTest();
});
afterAll(async () => {
  await database?.close();
});

async function setUp(settings: TenantSettingsInput = {}, accountOptions: Parameters<typeof createClientWithAccount>[2] = {}) {
  const tenant = await createTenant(database.db, { allowedOrigins: [pageOrigin], ...settings });
  clearTenantCache();
  const mobile = accountOptions.mobile ?? newPhone();
  const person = await createClientWithAccount(database.db, tenant, { mobile, ...accountOptions });
  const test = authTestApp(database);
  return { tenant, person: { ...person, mobile }, ...test, browser: test.browser(tenant) };
}

async function signIn(
  browser: TestBrowser,
  delivered: { recipient: string; body: string }[],
  person: { username: string; password: string; mobile: string },
) {
  const login = await browser.post('/login', { username: person.username, password: person.password });
  expect(login.status).toBe(200);
  return browser.post('/code/verify', { code: lastCode(delivered, person.mobile).code });
}

describe('first login', () => {
  it('asks for a new password and the terms; nothing else works until both are done', async () => {
    const { tenant, person, browser, delivered } = await setUp(
      { passwordPolicy: { minLength: 10 }, terms: { version: '2024-03', text: 'Voorwaarden De Linde' } },
      { mustChangePassword: true },
    );
    const verified = await signIn(browser, delivered, person);
    expect(verified.body).toEqual({ step: 'first-login', remaining: ['password', 'terms'] });
    expect((await browser.get('/session')).body).toMatchObject({
      state: 'pending',
      clientId: null,
      firstLogin: { remaining: ['password', 'terms'] },
    });
    const blocked = await browser.get('/second-factor');
    expect(blocked.status).toBe(403);
    expect(blocked.body.code).toBe('first-login-incomplete');

    const info = await browser.get('/first-login');
    expect(info.body).toMatchObject({
      remaining: ['password', 'terms'],
      terms: { version: '2024-03', text: 'Voorwaarden De Linde' },
      passwordPolicy: { minLength: 10 },
    });

    const weak = await browser.post('/first-login/password', { newPassword: 'kort', repeatPassword: 'kort' });
    expect(weak.status).toBe(400);
    expect(weak.body.code).toBe('password-policy');
    const failed = (weak.body['errors'] as { rule: string }[]).map((e) => e.rule);
    expect(failed).toEqual(expect.arrayContaining(['minLength', 'uppercase', 'digit', 'special']));

    const common = await browser.post('/first-login/password', { newPassword: 'Welkom2024!', repeatPassword: 'Welkom2024!' });
    expect((common.body['errors'] as { rule: string }[]).map((e) => e.rule)).toEqual(['notCommon']);
    const mismatch = await browser.post('/first-login/password', { newPassword: 'Ik zag 2 beren!', repeatPassword: 'Ik zag 2 beren?' });
    expect((mismatch.body['errors'] as { field: string }[]).map((e) => e.field)).toEqual(['repeatPassword']);

    const tokenBefore = browser.cookies.get(`__Host-care-${tenant.slug}`);
    const changed = await browser.post('/first-login/password', { newPassword: 'Ik zag 2 beren!', repeatPassword: 'Ik zag 2 beren!' });
    expect(changed.body).toEqual({ step: 'first-login', remaining: ['terms'] });
    expect(browser.cookies.get(`__Host-care-${tenant.slug}`)).not.toBe(tokenBefore);

    const oldTerms = await browser.post('/first-login/terms', { version: '2023-01' });
    expect(oldTerms.status).toBe(409);
    expect(oldTerms.body['currentVersion']).toBe('2024-03');
    const accepted = await browser.post('/first-login/terms', { version: '2024-03' });
    expect(accepted.body).toMatchObject({ step: 'done', session: { state: 'active', clientId: person.clientId } });
    expect((await browser.get('/second-factor')).status).toBe(200);
    const account = await database.db
      .selectFrom('accounts')
      .select(['terms_version_accepted', 'must_change_password'])
      .where('id', '=', person.accountId)
      .executeTakeFirstOrThrow();
    expect(account).toEqual({ terms_version_accepted: '2024-03', must_change_password: false });
  });

  it('asks for a new password again once it is older than the tenant allows (seed 001: 90 days)', async () => {
    const { person, browser, delivered } = await setUp({ passwordPolicy: { maxAgeDays: 90 } });
    await sql`update accounts set password_changed_at = now() - interval '91 days' where id = ${person.accountId}`.execute(database.db);
    expect((await signIn(browser, delivered, person)).body).toEqual({ step: 'first-login', remaining: ['password'] });
  });
});

describe('forgotten password', () => {
  it('answers 202 for anyone, mails a single-use link of 60 minutes, and still asks for the code afterwards', async () => {
    const { tenant, person, browser, delivered } = await setUp();
    const signedIn = test_browserCopy(browser);
    await signIn(signedIn, delivered, person);

    const unknown = await browser.post('/password/forgot', { username: 'bestaat-niet' });
    expect(unknown.status).toBe(202);
    const known = await browser.post('/password/forgot', { username: person.username, pageUrl: `${pageOrigin}/clientportaal?x=1` });
    expect(known.status).toBe(202);
    expect(known.body).toEqual(unknown.body);

    const mail = await vi.waitFor(() => {
      const found = delivered.find((m) => m.channel === 'email' && m.body.includes('?x=1&reset='));
      if (!found) throw new Error('no mail yet');
      return found;
    });
    const link = new URL(mail.body.match(/https:\/\/\S+/)![0]);
    expect(link.origin + link.pathname).toBe(`${pageOrigin}/clientportaal`);
    const token = link.searchParams.get('reset')!;
    expect(Buffer.from(token, 'base64url').length).toBeGreaterThanOrEqual(16);
    const challenge = await database.db
      .selectFrom('challenges')
      .select(['created_at', 'expires_at'])
      .where('purpose', '=', 'password_reset')
      .where('account_id', '=', person.accountId)
      .executeTakeFirstOrThrow();
    expect(challenge.expires_at.getTime() - challenge.created_at.getTime()).toBeCloseTo(3_600_000, -3);

    // The page of the link asks first; asking uses nothing up.
    expect((await browser.post('/links/check', { link: 'reset', token })).body).toEqual({ state: 'valid' });
    expect((await browser.post('/links/check', { link: 'reset', token })).body).toEqual({ state: 'valid' });
    expect((await browser.post('/links/check', { link: 'activate', token })).body).toEqual({ state: 'unknown', accountActive: false });
    const weak = await browser.post('/password/reset', { token, newPassword: 'abc', repeatPassword: 'abc' });
    expect(weak.status).toBe(400);
    const reset = await browser.post('/password/reset', { token, newPassword: 'Herfst-Bladeren-77', repeatPassword: 'Herfst-Bladeren-77' });
    expect(reset.status).toBe(200);
    expect(reset.body).toEqual({ step: 'login' });
    expect((await browser.post('/links/check', { link: 'reset', token })).body).toEqual({ state: 'used' });
    const again = await browser.post('/password/reset', { token, newPassword: 'Herfst-Bladeren-78', repeatPassword: 'Herfst-Bladeren-78' });
    expect(again.body.code).toBe('invalid-link');

    expect((await signedIn.get('/session')).body).toEqual({ state: 'signed-out' }); // every session revoked
    const login = await browser.post('/login', { username: person.username, password: 'Herfst-Bladeren-77' });
    expect(login.body['step']).toBe('second-factor');

    const audit = await database.db
      .selectFrom('audit_log')
      .select('action')
      .where('tenant_id', '=', tenant.id)
      .where('action', 'like', 'auth.password.%')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['auth.password.forgot', 'auth.password.reset']));
  });

  it('does the same work in the request for a known and an unknown username; the e-mail leaves from the outbox', async () => {
    const { tenant, person, browser, delivered, settleOutbox } = await setUp();
    const buckets = async () =>
      (
        await database.db
          .selectFrom('rate_limits')
          .select('bucket')
          .where('tenant_id', '=', tenant.id)
          .where('bucket', 'like', 'reset-mail:%')
          .execute()
      )
        .map((r) => r.bucket)
        .sort();
    const rows = () =>
      database.db
        .selectFrom('outbox')
        .select(['status', 'subject'])
        .where('tenant_id', '=', tenant.id)
        .where('recipient', '=', `${person.username}@example.nl`)
        .execute();

    expect((await browser.post('/password/forgot', { username: 'Bestaat-Niet' })).status).toBe(202);
    // The budget an unknown username uses is counted before the answer, as a known one's is.
    expect(await buckets()).toEqual(['reset-mail:user:bestaat-niet']);
    const known = await browser.post('/password/forgot', { username: person.username });
    expect(known.status).toBe(202);
    expect(await buckets()).toEqual(['reset-mail:user:bestaat-niet', `reset-mail:user:${person.username}`]);
    // The e-mail is in the outbox when the answer arrives; the background worker sends it.
    expect((await rows()).map((r) => r.subject)).toEqual(['Nieuw wachtwoord voor het cliëntportaal']);
    await settleOutbox();
    expect(await rows()).toEqual([{ status: 'sent', subject: 'Nieuw wachtwoord voor het cliëntportaal' }]);
    expect(delivered.filter((m) => m.subject === 'Nieuw wachtwoord voor het cliëntportaal')).toHaveLength(1);
  });

  it('refuses an expired reset link', async () => {
    const { person, browser, delivered } = await setUp();
    await browser.post('/password/forgot', { username: person.username });
    const mail = await vi.waitFor(() => {
      const found = delivered.find((m) => m.body.includes('reset='));
      if (!found) throw new Error('no mail yet');
      return found;
    });
    expect(mail.body).toContain(`${pageOrigin}/?reset=`);
    const token = new URL(mail.body.match(/https:\/\/\S+/)![0]).searchParams.get('reset')!;
    await browser.post('/password/forgot', { username: person.username });
    const newer = await vi.waitFor(() => {
      const found = delivered.filter((m) => m.body.includes('reset=')).at(1);
      if (!found) throw new Error('no second mail yet');
      return new URL(found.body.match(/https:\/\/\S+/)![0]).searchParams.get('reset')!;
    });
    expect((await browser.post('/links/check', { link: 'reset', token })).body).toEqual({ state: 'replaced' });
    await sql`update challenges set expires_at = now() - interval '1 second' where account_id = ${person.accountId}`.execute(database.db);
    expect((await browser.post('/links/check', { link: 'reset', token: newer })).body).toEqual({ state: 'expired' });
    expect((await browser.post('/links/check', { link: 'reset', token: 'bestaat-niet' })).body).toEqual({ state: 'unknown' });
    expect(
      (await browser.post('/password/reset', { token: newer, newPassword: 'Herfst-Bladeren-77', repeatPassword: 'Herfst-Bladeren-77' }))
        .body.code,
    ).toBe('invalid-link');
  });
});

describe('change password', () => {
  it('needs the current password and revokes every other session', async () => {
    const { person, browser, delivered, browser: _b } = await setUp();
    await signIn(browser, delivered, person);
    const other = test_browserCopy(browser, true);
    await signIn(other, delivered, person);

    const wrong = await browser.post('/password/change', {
      currentPassword: 'Niet-Het-Goede-1',
      newPassword: 'Winter-Sneeuw-Pop-5',
      repeatPassword: 'Winter-Sneeuw-Pop-5',
    });
    expect(wrong.status).toBe(400);
    expect((wrong.body['errors'] as { field: string }[])[0]!.field).toBe('currentPassword');
    const changed = await browser.post('/password/change', {
      currentPassword: person.password,
      newPassword: 'Winter-Sneeuw-Pop-5',
      repeatPassword: 'Winter-Sneeuw-Pop-5',
    });
    expect(changed.status).toBe(200);
    expect((await browser.get('/session')).body['state']).toBe('active');
    expect((await other.get('/session')).body).toEqual({ state: 'signed-out' });
  });
});

describe('activation from an invitation', () => {
  it('checks the date of birth, suggests the e-mail as username, and leaves the login with its code to follow', async () => {
    const { tenant, person, browser, outbox, delivered, settleOutbox } = await setUp();
    await database.db
      .updateTable('accounts')
      .set({ status: 'invited', password_hash: null, must_change_password: true, terms_version_accepted: null })
      .where('id', '=', person.accountId)
      .execute();
    const email = `${person.username}@example.nl`;
    const invitation = await createInvitation(database.db, outbox, { tenant, accountId: person.accountId, bffOrigin: 'http://localhost' });
    expect(invitation.expiresAt.getTime() - Date.now()).toBeGreaterThan(13.9 * 86_400_000);
    await settleOutbox();
    const mail = delivered.find((m) => m.recipient === email)!;
    expect(mail.body).toContain(invitation.link);
    const token = new URL(invitation.link).searchParams.get('activate')!;

    expect((await browser.post('/links/check', { link: 'activate', token })).body).toEqual({
      state: 'valid',
      accountActive: false,
      proof: 'dateOfBirth',
    });
    const wrongBirthday = await browser.post('/activation/verify', { token, dateOfBirth: '1950-01-01' });
    expect(wrongBirthday.status).toBe(400);
    expect(wrongBirthday.body.code).toBe('date-of-birth-mismatch');
    const verified = await browser.post('/activation/verify', { token, dateOfBirth: '1945-06-01' });
    expect(verified.status).toBe(200);
    expect(verified.body['usernameSuggestion']).toBe(email);

    const complete = await browser.post('/activation/complete', {
      token,
      dateOfBirth: '1945-06-01',
      password: 'Ik zag 2 beren!',
      repeatPassword: 'Ik zag 2 beren!',
    });
    expect(complete.body).toEqual({ step: 'login', username: email });
    // The used invitation: the page can say the account is active and offer the login.
    expect((await browser.post('/links/check', { link: 'activate', token })).body).toEqual({ state: 'used', accountActive: true });
    expect(
      (
        await browser.post('/activation/complete', {
          token,
          dateOfBirth: '1945-06-01',
          password: 'Ik zag 2 beren!',
          repeatPassword: 'Ik zag 2 beren!',
        })
      ).body.code,
    ).toBe('invalid-link');

    const login = await browser.post('/login', { username: email, password: 'Ik zag 2 beren!' });
    expect(login.body['step']).toBe('second-factor');
    const code = await browser.post('/code/verify', { code: lastCode(delivered, person.mobile).code });
    expect(code.body).toEqual({ step: 'first-login', remaining: ['terms'] });
  });

  it('refuses an invitation older than 14 days', async () => {
    const { tenant, person, browser, outbox } = await setUp();
    await database.db.updateTable('accounts').set({ status: 'invited', password_hash: null }).where('id', '=', person.accountId).execute();
    const invitation = await createInvitation(database.db, outbox, { tenant, accountId: person.accountId, bffOrigin: 'http://localhost' });
    await sql`update challenges set expires_at = now() - interval '1 second' where id = ${invitation.challengeId}`.execute(database.db);
    const token = new URL(invitation.link).searchParams.get('activate')!;
    expect((await browser.post('/activation/verify', { token, dateOfBirth: '1945-06-01' })).body.code).toBe('invalid-link');
  });
});

describe('authenticator app and e-mail code', () => {
  it('enrols with QR and manual key, logs in with TOTP, and refuses a used step', async () => {
    const { tenant, person, browser, delivered } = await setUp({ secondFactors: { allowed: ['sms', 'totp'], default: 'sms' } });
    await signIn(browser, delivered, person);
    const enrol = await browser.post('/totp/enrol');
    expect(enrol.status).toBe(200);
    expect(enrol.body['otpauthUri']).toMatch(/^otpauth:\/\/totp\/.+secret=[A-Z2-7]+.*period=30/);
    expect(enrol.body['qrDataUrl']).toMatch(/^data:image\/png;base64,/);
    const secret = String(enrol.body['manualKey']).replace(/\s/g, '');
    expect((await browser.post('/totp/confirm', { code: '000000' === currentTotpCode(secret) ? '111111' : '000000' })).status).toBe(400);
    const confirmed = await browser.post('/totp/confirm', { code: currentTotpCode(secret) });
    expect(confirmed.body).toMatchObject({ current: 'totp', totpEnrolled: true });

    await browser.post('/logout');
    const login = await browser.post('/login', { username: person.username, password: person.password });
    expect(login.body).toMatchObject({ step: 'second-factor', channel: 'totp', prefix: null, codeSent: false });
    // A step before the last used one is refused; a later step (within the ±1 tolerance) works once.
    expect((await browser.post('/code/verify', { code: currentTotpCode(secret, Date.now() - 30_000) })).status).toBe(400);
    const next = currentTotpCode(secret, Date.now() + 30_000);
    expect((await browser.post('/code/verify', { code: next })).body['step']).toBe('done');
    await browser.post('/logout');
    await browser.post('/login', { username: person.username, password: person.password });
    const replay = await browser.post('/code/verify', { code: next });
    expect(replay.status).toBe(400);
    const stored = await database.db
      .selectFrom('accounts')
      .select('totp_last_used_step')
      .where('tenant_id', '=', tenant.id)
      .where('id', '=', person.accountId)
      .executeTakeFirstOrThrow();
    expect(stored.totp_last_used_step).toBeGreaterThanOrEqual(Math.floor(Date.now() / 30_000));
  });

  it('allows 5 tries per TOTP login', async () => {
    const { person, browser, delivered } = await setUp({ secondFactors: { allowed: ['sms', 'totp'], default: 'sms' } });
    await signIn(browser, delivered, person);
    const secret = String((await browser.post('/totp/enrol')).body['manualKey']).replace(/\s/g, '');
    await browser.post('/totp/confirm', { code: currentTotpCode(secret) });
    await browser.post('/logout');
    await browser.post('/login', { username: person.username, password: person.password });
    const codes: unknown[] = [];
    for (let i = 0; i < 5; i++)
      codes.push((await browser.post('/code/verify', { code: '999999' === currentTotpCode(secret) ? '888888' : '999999' })).body.code);
    expect(codes).toEqual(['invalid-code', 'invalid-code', 'invalid-code', 'invalid-code', 'code-expired']);
    expect((await browser.post('/code/verify', { code: currentTotpCode(secret, Date.now() + 30_000) })).body.code).toBe('code-expired');
  });

  it('sends the code by e-mail for a tenant with e-mail as second factor, and lets the client switch within the allowed list', async () => {
    const { person, browser, delivered } = await setUp(
      { secondFactors: { allowed: ['email', 'totp'], default: 'email' } },
      { secondFactor: 'email' },
    );
    const login = await browser.post('/login', { username: person.username, password: person.password });
    expect(login.body).toMatchObject({ channel: 'email', codeSent: true });
    const email = `${person.username}@example.nl`;
    const mail = lastCode(delivered, email);
    expect(delivered.at(-1)).toMatchObject({ channel: 'email', subject: 'Uw inlogcode' });
    expect((await browser.post('/code/verify', { code: mail.code })).body['step']).toBe('done');

    const view = await browser.get('/second-factor');
    expect(view.body).toMatchObject({ current: 'email', allowed: ['email', 'totp'], totpEnrolled: false });
    expect((await browser.put('/second-factor', { method: 'sms' })).status).toBe(403);
    expect((await browser.put('/second-factor', { method: 'totp' })).status).toBe(409);
  });
});

/** A second browser of the same person (own cookie jar), or the same jar copied. */
function test_browserCopy(browser: TestBrowser, empty = false): TestBrowser {
  const copy = Object.assign(Object.create(Object.getPrototypeOf(browser) as object) as TestBrowser, browser);
  (copy as { cookies: Map<string, string> }).cookies = empty ? new Map() : new Map(browser.cookies);
  return copy;
}
