import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseUnderTest } from '../testing/database-under-test.js';
import { createClientWithAccount, createTenant } from '../testing/fixtures.js';
import type { TestDatabase } from '../testing/test-database.js';
import type { TenantRecord } from '../tenants/queries.js';
import { clearTenantCache } from '../tenants/tenant-context.js';
import type { TenantSettingsInput } from '../tenants/settings.js';
import { authTestApp, lastCode, type TestBrowser } from './auth-test-kit.js';
import { DeliveryError } from '../outbox/sms-providers.js';
import { buckets } from './rate-limits.js';

let database: TestDatabase;
let phoneCounter = 0;
const newPhone = () => `+316${String(10_000_000 + Math.floor(Math.random() * 80_000_000) + phoneCounter++).slice(0, 8)}`;

beforeAll(async () => {
  database = await databaseUnderTest();
});
afterAll(async () => {
  await database?.close();
});

async function setUp(settings: TenantSettingsInput = {}, accountOptions: Parameters<typeof createClientWithAccount>[2] = {}) {
  const tenant = await createTenant(database.db, settings);
  clearTenantCache();
  const mobile = accountOptions.mobile ?? newPhone();
  const person = await createClientWithAccount(database.db, tenant, { mobile, ...accountOptions });
  const test = authTestApp(database);
  return { tenant, person: { ...person, mobile }, ...test, browser: test.browser(tenant) };
}

async function loginToCode(browser: TestBrowser, person: { username: string; password: string }) {
  const response = await browser.post('/login', { username: person.username, password: person.password });
  expect(response.status).toBe(200);
  return response;
}

/** Lets the next "Opnieuw versturen" through without waiting for the 30-second countdown. */
async function skipResendCooldown(tenant: TenantRecord) {
  await sql`update challenges set created_at = now() - interval '1 minute' where tenant_id = ${tenant.id}`.execute(database.db);
}

async function failureCount(tenant: TenantRecord, bucket: string) {
  const row = await database.db
    .selectFrom('rate_limits')
    .select((eb) => eb.fn.sum<number>('hits').as('hits'))
    .where('tenant_id', '=', tenant.id)
    .where('bucket', '=', bucket)
    .executeTakeFirst();
  return Number(row?.hits ?? 0);
}

describe('password + SMS code', () => {
  it('sends "Uw inlogcode is 1234-567890" and signs in with the 6 digits; only a hash is stored', async () => {
    const { tenant, person, browser, delivered } = await setUp({
      sms: { sender: 'DeLinde' },
      allowedOrigins: ['https://www.zorg-voorbeeld.nl'],
    });
    const login = await loginToCode(browser, person);
    expect(login.body).toMatchObject({
      step: 'second-factor',
      channel: 'sms',
      codeSent: true,
      resendAvailableInSeconds: 30,
      expiresInSeconds: 300,
    });
    const sms = lastCode(delivered, person.mobile);
    // The first line as the seeds word it; the last line lets WebOTP offer the code on the tenant's site.
    expect(sms.text).toBe(`Uw inlogcode is ${sms.prefix}-${sms.code}\n\n@www.zorg-voorbeeld.nl #${sms.prefix}-${sms.code}`);
    expect(login.body['prefix']).toBe(sms.prefix);
    expect(delivered.at(-1)).toMatchObject({ channel: 'sms', sender: 'DeLinde' });

    const stored = await database.db.selectFrom('challenges').selectAll().where('tenant_id', '=', tenant.id).executeTakeFirstOrThrow();
    expect(Buffer.from(stored.secret_hash!).toString('utf8')).not.toContain(sms.code);
    expect(stored.expires_at.getTime() - stored.created_at.getTime()).toBeCloseTo(300_000, -3);

    // Before the code, the session opens nothing but the code step.
    expect((await browser.get('/second-factor')).status).toBe(401);
    const during = await browser.get('/session');
    expect(during.body).toMatchObject({ state: 'second_factor', secondFactor: { channel: 'sms', prefix: sms.prefix } });

    const verified = await browser.post('/code/verify', { code: sms.code });
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({
      step: 'done',
      session: { state: 'active', accountId: person.accountId, clientId: person.clientId },
    });
    const session = await browser.get('/session');
    expect(session.body).toMatchObject({
      state: 'active',
      clientId: person.clientId,
      tenant: tenant.slug,
      displayName: `Test ${person.username}`,
    });
    // What the widgets' idle warning counts with: the tenant's idle timeout (default 30 minutes)
    // and the time left until the absolute limit (default 12 hours).
    expect(session.body['idleTimeoutMinutes']).toBe(30);
    expect(session.body['absoluteExpiresInSeconds']).toBeGreaterThan(12 * 3600 - 60);
    expect(session.body['absoluteExpiresInSeconds']).toBeLessThanOrEqual(12 * 3600);
  });

  it('accepts the pasted whole code "1234-567890"', async () => {
    const { person, browser, delivered } = await setUp();
    await loginToCode(browser, person);
    const sms = lastCode(delivered, person.mobile);
    expect((await browser.post('/code/verify', { code: `${sms.prefix}-${sms.code}` })).status).toBe(200);
  });

  it('gives a new session token after each step and sets __Host- cookies (Lax by default)', async () => {
    const { tenant, person, browser, delivered } = await setUp();
    const login = await loginToCode(browser, person);
    const name = `__Host-care-${tenant.slug}`;
    const first = browser.cookies.get(name);
    expect(login.setCookies[0]).toMatch(/HttpOnly/);
    expect(login.setCookies[0]).toMatch(/Secure/);
    expect(login.setCookies[0]).toMatch(/Path=\//);
    expect(login.setCookies[0]).toMatch(/SameSite=Lax/);
    await browser.post('/code/verify', { code: lastCode(delivered, person.mobile).code });
    expect(browser.cookies.get(name)).not.toBe(first);
  });

  it('keeps SameSite=None; Partitioned on every refresh for a cross-site tenant', async () => {
    const { person, browser, delivered } = await setUp({ crossSiteEmbedding: true });
    const login = await loginToCode(browser, person);
    expect(login.setCookies[0]).toMatch(/SameSite=None/);
    expect(login.setCookies[0]).toMatch(/Partitioned/);
    const verified = await browser.post('/code/verify', { code: lastCode(delivered, person.mobile).code });
    expect(verified.setCookies[0]).toMatch(/SameSite=None/);
    expect(verified.setCookies[0]).toMatch(/Partitioned/);
  });

  it('ends a challenge after 5 wrong tries', async () => {
    const { person, browser, delivered } = await setUp();
    await loginToCode(browser, person);
    const { code } = lastCode(delivered, person.mobile);
    const wrong = code === '000000' ? '111111' : '000000';
    const left: unknown[] = [];
    for (let i = 0; i < 5; i++) {
      const response = await browser.post('/code/verify', { code: wrong });
      expect(response.status).toBe(400);
      left.push(response.body['attemptsLeft'] ?? response.body.code);
    }
    expect(left).toEqual([4, 3, 2, 1, 'code-expired']);
    const late = await browser.post('/code/verify', { code });
    expect(late.status).toBe(400);
    expect(late.body.code).toBe('code-expired');
  });

  it('counts 20 parallel guesses as tries: at most 5 are compared, none signs in', async () => {
    const { tenant, person, browser, delivered } = await setUp();
    await loginToCode(browser, person);
    const { code } = lastCode(delivered, person.mobile);
    const guesses = Array.from({ length: 20 }, (_, i) => String((Number(code) + 1 + i) % 1_000_000).padStart(6, '0'));
    const responses = await Promise.all(guesses.map((guess) => browser.post('/code/verify', { code: guess })));
    expect(responses.every((r) => r.status !== 200)).toBe(true);
    const row = await database.db
      .selectFrom('challenges')
      .select(['attempts', 'max_attempts'])
      .where('tenant_id', '=', tenant.id)
      .executeTakeFirstOrThrow();
    expect(row.attempts).toBe(5);
    // Only the compared guesses count towards the second-factor lock: the rest compared nothing.
    expect(await failureCount(tenant, buckets.secondFactorFailures(person.accountId))).toBe(5);
  });

  it('signs in only once when one correct code arrives twice in parallel', async () => {
    const { person, browser, delivered } = await setUp();
    await loginToCode(browser, person);
    const { code } = lastCode(delivered, person.mobile);
    const responses = await Promise.all([browser.post('/code/verify', { code }), browser.post('/code/verify', { code })]);
    expect(responses.map((r) => r.status).sort()).toEqual([200, 400]);
  });

  it('cancels the old code on resend without resetting the failure count', async () => {
    const { tenant, person, browser, delivered } = await setUp();
    await loginToCode(browser, person);
    const old = lastCode(delivered, person.mobile);
    for (let i = 0; i < 3; i++) await browser.post('/code/verify', { code: old.code === '000000' ? '111111' : '000000' });
    expect((await browser.post('/code/resend')).status).toBe(429); // countdown still running
    await skipResendCooldown(tenant);
    const resent = await browser.post('/code/resend');
    expect(resent.status).toBe(200);
    const fresh = lastCode(delivered, person.mobile);
    expect(resent.body['prefix']).toBe(fresh.prefix);
    const withOld = await browser.post('/code/verify', { code: old.code });
    expect(withOld.status).toBe(400); // checked against the new challenge, where it is wrong
    expect(await failureCount(tenant, buckets.secondFactorFailures(person.accountId))).toBe(4);
    expect((await browser.post('/code/verify', { code: fresh.code })).status).toBe(200);
  });

  it('sends at most 3 SMS per 15 minutes per account', async () => {
    const { tenant, person, browser, delivered } = await setUp();
    await loginToCode(browser, person);
    for (let i = 0; i < 2; i++) {
      await skipResendCooldown(tenant);
      expect((await browser.post('/code/resend')).body['codeSent']).toBe(true);
    }
    await skipResendCooldown(tenant);
    const fourth = await browser.post('/code/resend');
    expect(fourth.status).toBe(200);
    expect(fourth.body).toMatchObject({ codeSent: false, prefix: null });
    expect(fourth.body['resendAvailableInSeconds']).toBeGreaterThan(0);
    const again = await loginToCode(browser, person); // a new login does not get round it
    expect(again.body['codeSent']).toBe(false);
    expect(delivered.filter((m) => m.recipient === person.mobile)).toHaveLength(3);
  });

  it('sends at most 3 SMS per 15 minutes per phone number, across accounts', async () => {
    const { tenant, person, browser, delivered, browser: _ } = await setUp();
    const shared = person.mobile;
    const other = await createClientWithAccount(database.db, tenant, { mobile: shared });
    const test = authTestApp(database);
    await loginToCode(browser, person);
    await loginToCode(browser, person);
    const b2 = test.browser(tenant);
    expect((await loginToCode(b2, other)).body['codeSent']).toBe(true);
    expect((await loginToCode(b2, other)).body['codeSent']).toBe(false);
    expect(delivered.filter((m) => m.recipient === shared).length + test.delivered.filter((m) => m.recipient === shared).length).toBe(3);
  });

  it('locks the second factor for 15 minutes after 10 failures, then lets the client in again', async () => {
    const { tenant, person, browser, delivered } = await setUp();
    await loginToCode(browser, person);
    const statuses: number[] = [];
    for (let round = 0; round < 2; round++) {
      const { code } = lastCode(delivered, person.mobile);
      for (let i = 0; i < 5; i++)
        statuses.push((await browser.post('/code/verify', { code: code === '000000' ? '111111' : '000000' })).status);
      if (round === 0) {
        await skipResendCooldown(tenant);
        await browser.post('/code/resend');
      }
    }
    expect(statuses.slice(0, 9).every((s) => s === 400)).toBe(true);
    expect(statuses[9]).toBe(429);
    const relogin = await browser.post('/login', { username: person.username, password: person.password });
    expect(relogin.status).toBe(429);
    expect(relogin.body.code).toBe('second-factor-locked');
    expect(Number(relogin.headers.get('retry-after'))).toBeGreaterThan(800);
    // No permanent lock: when the 15 minutes are over, the login works.
    await sql`update rate_limits set locked_until = now() - interval '1 second' where tenant_id = ${tenant.id}`.execute(database.db);
    expect((await loginToCode(browser, person)).body['codeSent']).toBe(true);
  });
});

describe('password failures and user enumeration', () => {
  it('answers an unknown username, a wrong password and a disabled or invited account identically', async () => {
    const { tenant, person, browser } = await setUp();
    const disabled = await createClientWithAccount(database.db, tenant, { mobile: newPhone() });
    await database.db.updateTable('accounts').set({ status: 'disabled' }).where('id', '=', disabled.accountId).execute();
    const invited = await createClientWithAccount(database.db, tenant, { mobile: newPhone() });
    await database.db.updateTable('accounts').set({ status: 'invited', password_hash: null }).where('id', '=', invited.accountId).execute();

    const attempts = {
      unknown: { username: 'niemand-bekend', password: 'Zomer-Appel-42!' },
      wrongPassword: { username: person.username, password: 'Verkeerd-Wachtwoord-1' },
      disabled: { username: disabled.username, password: disabled.password },
      invited: { username: invited.username, password: invited.password },
    };
    const strip = (body: Record<string, unknown>) => ({ ...body, requestId: undefined });
    const times: Record<string, number[]> = {};
    let reference: unknown;
    for (let round = 0; round < 7; round++) {
      for (const [kind, credentials] of Object.entries(attempts)) {
        await sql`delete from rate_limits where tenant_id = ${tenant.id}`.execute(database.db);
        const started = performance.now();
        const response = await browser.post('/login', credentials);
        (times[kind] ??= []).push(performance.now() - started);
        expect(response.status).toBe(401);
        reference ??= strip(response.body);
        expect(strip(response.body)).toEqual(reference);
        expect(response.setCookies).toEqual([]);
      }
    }
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
    const medians = Object.values(times).map(median);
    // A shortcut (no argon2id for an unknown name) would answer in a fraction of a verification;
    // on a busy machine a verification itself takes hundreds of ms, so the bound grows with it.
    const bound = Math.max(50, median(medians) / 4);
    expect(Math.max(...medians) - Math.min(...medians)).toBeLessThan(bound);
  });

  it('delays from the 5th failure with 429 + Retry-After, for known and unknown usernames alike', async () => {
    const { tenant, person, browser } = await setUp();
    for (const username of [person.username, 'onbekend-persoon']) {
      for (let i = 1; i <= 5; i++) expect((await browser.post('/login', { username, password: `Fout-${i}-wachtwoord` })).status).toBe(401);
      const delayed = await browser.post('/login', { username, password: person.password });
      expect(delayed.status).toBe(429);
      expect(delayed.body.code).toBe('login-delayed');
      expect(Number(delayed.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    }
    // The delay passes; the right password then works and clears the count.
    await sql`update rate_limits set locked_until = null where tenant_id = ${tenant.id}`.execute(database.db);
    expect((await browser.post('/login', { username: person.username, password: person.password })).status).toBe(200);
    expect(await failureCount(tenant, buckets.passwordFailures(person.username, null))).toBe(0);
  });

  it('allows at most 100 password failures per hour per account, from all addresses together', async () => {
    const { tenant, person, browser } = await setUp();
    await sql`insert into rate_limits (tenant_id, bucket, window_start, hits)
              values (${tenant.id}, ${buckets.passwordFailuresAnywhere(person.username)}, to_timestamp(floor(extract(epoch from now()) / 3600) * 3600), 99)`.execute(
      database.db,
    );
    expect((await browser.post('/login', { username: person.username, password: 'Nog-een-fout-1' })).status).toBe(401);
    const capped = await browser.post('/login', { username: person.username, password: person.password });
    expect(capped.status).toBe(429);
    const row = await database.db
      .selectFrom('rate_limits')
      .select('locked_until')
      .where('tenant_id', '=', tenant.id)
      .where('bucket', '=', buckets.passwordFailuresAnywhere(person.username))
      .executeTakeFirstOrThrow();
    // Locked to the end of the hour window, never beyond it.
    expect(row.locked_until!.getTime() - Date.now()).toBeLessThanOrEqual(3_600_000);
  });

  it('limits per IP address and believes X-Forwarded-For only from a configured proxy', async () => {
    const tenant = await createTenant(database.db);
    clearTenantCache();
    const person = await createClientWithAccount(database.db, tenant, { mobile: newPhone() });
    const test = authTestApp(database, { trustedProxies: ['10.0.0.1'] });
    await sql`insert into rate_limits (tenant_id, bucket, window_start, hits)
              values (${tenant.id}, 'ip:198.51.100.7', to_timestamp(floor(extract(epoch from now()) / 900) * 900), 300)`.execute(
      database.db,
    );
    const credentials = { username: person.username, password: person.password };
    const viaProxy = test.browser(tenant, { peer: '10.0.0.1' });
    const limited = await viaProxy.post('/login', credentials, { 'x-forwarded-for': '198.51.100.7' });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBeTruthy();
    expect((await viaProxy.post('/login', credentials, { 'x-forwarded-for': '198.51.100.8' })).status).toBe(200);
    // A client that is not the proxy cannot borrow another address, nor escape its own.
    const direct = test.browser(tenant, { peer: '203.0.113.5' });
    expect((await direct.post('/login', credentials, { 'x-forwarded-for': '198.51.100.7' })).status).toBe(200);
    const limitedDirect = test.browser(tenant, { peer: '198.51.100.7' });
    expect((await limitedDirect.post('/login', credentials, { 'x-forwarded-for': '203.0.113.99' })).status).toBe(429);
  });
});

describe('trust this computer', () => {
  it('skips only the second factor for N days, is never extended, and ends with a password change', async () => {
    const { tenant, person, browser, delivered } = await setUp({ trustedDeviceDays: 7 });
    await loginToCode(browser, person);
    const verified = await browser.post('/code/verify', { code: lastCode(delivered, person.mobile).code, trustDevice: true });
    const deviceCookie = verified.setCookies.find((line) => line.startsWith(`__Host-care-device-${tenant.slug}=`));
    expect(deviceCookie).toMatch(/Max-Age=604800/);
    expect(deviceCookie).toMatch(/HttpOnly/);
    expect(deviceCookie).toMatch(/Secure/);
    const before = await database.db
      .selectFrom('trusted_devices')
      .select('expires_at')
      .where('tenant_id', '=', tenant.id)
      .executeTakeFirstOrThrow();

    await browser.post('/logout');
    const sent = delivered.length;
    const again = await browser.post('/login', { username: person.username, password: person.password });
    expect(again.body).toMatchObject({ step: 'done' });
    expect(delivered.length).toBe(sent);
    const after = await database.db
      .selectFrom('trusted_devices')
      .select('expires_at')
      .where('tenant_id', '=', tenant.id)
      .executeTakeFirstOrThrow();
    expect(after.expires_at.getTime()).toBe(before.expires_at.getTime());

    // The device cookie does not help with another account.
    const other = await createClientWithAccount(database.db, tenant, { mobile: newPhone() });
    expect((await browser.post('/login', { username: other.username, password: other.password })).body['step']).toBe('second-factor');

    await browser.post('/login', { username: person.username, password: person.password });
    const changed = await browser.post('/password/change', {
      currentPassword: person.password,
      newPassword: 'Nieuwe-Lente-Tuin-93',
      repeatPassword: 'Nieuwe-Lente-Tuin-93',
    });
    expect(changed.status).toBe(200);
    await browser.post('/logout');
    const revoked = await browser.post('/login', { username: person.username, password: 'Nieuwe-Lente-Tuin-93' });
    expect(revoked.body['step']).toBe('second-factor');
  });

  it('is not offered when the tenant sets 0 days', async () => {
    const { person, browser, delivered } = await setUp({ trustedDeviceDays: 0 });
    const login = await loginToCode(browser, person);
    expect(login.body['trustedDeviceDays']).toBe(0);
    const verified = await browser.post('/code/verify', { code: lastCode(delivered, person.mobile).code, trustDevice: true });
    expect(verified.setCookies.some((line) => line.includes('care-device'))).toBe(false);
  });
});

describe('logout and the audit trail', () => {
  it('revokes the session, clears the cookie and records every step', async () => {
    const { tenant, person, browser, delivered } = await setUp();
    await browser.post('/login', { username: person.username, password: 'Helemaal-Fout-12' });
    await loginToCode(browser, person);
    await browser.post('/code/verify', { code: '000000' === lastCode(delivered, person.mobile).code ? '111111' : '000000' });
    await browser.post('/code/verify', { code: lastCode(delivered, person.mobile).code });
    const token = browser.cookies.get(`__Host-care-${tenant.slug}`)!;
    const logout = await browser.post('/logout');
    expect(logout.status).toBe(204);
    expect(logout.setCookies[0]).toMatch(/Max-Age=0/);
    browser.cookies.set(`__Host-care-${tenant.slug}`, token);
    const after = await browser.get('/session');
    expect(after.status).toBe(200);
    expect(after.body).toEqual({ state: 'signed-out' });
    // The revoked token's cookie is cleared, and it opens nothing.
    expect(after.setCookies[0]).toMatch(/Max-Age=0/);
    browser.cookies.set(`__Host-care-${tenant.slug}`, token);
    expect(
      (
        await browser.post('/password/change', {
          currentPassword: person.password,
          newPassword: 'Winter-Sneeuw-Pop-5',
          repeatPassword: 'Winter-Sneeuw-Pop-5',
        })
      ).status,
    ).toBe(401);

    const actions = await database.db
      .selectFrom('audit_log')
      .select(['action', 'outcome'])
      .where('tenant_id', '=', tenant.id)
      .orderBy('id')
      .execute();
    expect(actions.map((a) => `${a.action}:${a.outcome}`)).toEqual([
      'auth.login.failure:failure',
      'auth.code.sent:success',
      'auth.code.failure:failure',
      'auth.login.success:success',
      'auth.logout:success',
    ]);
  });

  it('refuses a login POST without the widgets header (CSRF)', async () => {
    const { person, browser } = await setUp();
    const response = await browser.post('/login', { username: person.username, password: person.password }, { 'x-care-widgets': '0' });
    expect(response.status).toBe(403);
  });
});

describe('when the SMS gateway fails', () => {
  it('says so in plain Dutch, keeps the SMS budget, and does not retry an invalid number', async () => {
    const { person, browser, delivered, deliveryFailures } = await setUp();
    // More failures than the budget of 3 codes per 15 minutes: none of them counts.
    for (const failure of [
      new DeliveryError('spryng answered 503', false, 503),
      new DeliveryError('spryng no answer within 10000 ms', false),
      new DeliveryError('spryng answered 503', false, 503),
      new DeliveryError('spryng answered 400', true, 400),
    ]) {
      deliveryFailures.push(failure);
      const response = await browser.post('/login', { username: person.username, password: person.password });
      expect(response.status).toBe(503);
      expect(response.body).toMatchObject({
        code: 'sms-not-sent',
        detail: 'De sms kon niet worden verstuurd. Probeer het over een paar minuten opnieuw.',
      });
    }
    const statuses = await database.db.selectFrom('outbox').select('status').where('recipient', '=', person.mobile).orderBy('id').execute();
    expect(statuses.map((s) => s.status)).toEqual(['pending', 'pending', 'pending', 'failed']);
    const sent = await loginToCode(browser, person);
    expect(sent.body).toMatchObject({ step: 'second-factor', codeSent: true });
    expect(lastCode(delivered, person.mobile).text).toMatch(/^Uw inlogcode is \d{4}-\d{6}/);
  });
});
