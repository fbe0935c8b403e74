import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseUnderTest } from '../testing/database-under-test.js';
import { createClientWithAccount, createTenant } from '../testing/fixtures.js';
import { clientRequest, signedInClient } from '../testing/signed-in.js';
import type { TestDatabase } from '../testing/test-database.js';
import { clearTenantCache } from '../tenants/tenant-context.js';
import type { TenantSettingsInput } from '../tenants/settings.js';
import { authTestApp, lastCode } from './auth-test-kit.js';
import { buckets } from './rate-limits.js';

/** The attacks of the security review (issue 11, items 3, 4 and the double submit), each repeated here. */
let database: TestDatabase;
let counter = 0;
const newPhone = () => `+316${String(Date.now() % 100_000).padStart(5, '0')}${String(counter++ % 1000).padStart(3, '0')}`;

beforeAll(async () => {
  database = await databaseUnderTest();
});
afterAll(async () => {
  await database?.close();
});

async function setUp(settings: TenantSettingsInput = {}) {
  const tenant = await createTenant(database.db, settings);
  clearTenantCache();
  const mobile = newPhone();
  const person = await createClientWithAccount(database.db, tenant, { mobile });
  return { tenant, person: { ...person, mobile }, ...authTestApp(database) };
}

describe('a stranger cannot lock the owner out with the username alone', () => {
  it('delays the stranger who sends a wrong password each time the delay runs out, never the owner from elsewhere', async () => {
    const { tenant, person, browser } = await setUp();
    const attacker = browser(tenant, { peer: '203.0.113.66' });
    for (let i = 1; i <= 5; i++)
      expect((await attacker.post('/login', { username: person.username, password: `Fout-${i}` })).status).toBe(401);
    // Twelve rounds of "wait out the delay, send one more wrong password": an hour of the attack.
    for (let round = 0; round < 12; round++) {
      expect((await attacker.post('/login', { username: person.username, password: 'nog-een-fout' })).status).toBe(429);
      await sql`update rate_limits set locked_until = now() - interval '1 second' where tenant_id = ${tenant.id} and locked_until is not null`.execute(
        database.db,
      );
      expect((await attacker.post('/login', { username: person.username, password: `Fout-ronde-${round}` })).status).toBe(401);
    }
    // Brute force stays expensive for the stranger: even the right password waits out the delay.
    expect((await attacker.post('/login', { username: person.username, password: person.password })).status).toBe(429);
    const owner = browser(tenant, { peer: '198.51.100.20' });
    const login = await owner.post('/login', { username: person.username, password: person.password });
    expect(login.status).toBe(200);
    expect(login.body['step']).toBe('second-factor');
  });

  it('lets the owner through the hourly ceiling of a username from a trusted computer, and nobody else', async () => {
    const { tenant, person, browser, delivered } = await setUp({ trustedDeviceDays: 7 });
    const owner = browser(tenant, { peer: '198.51.100.21' });
    await owner.post('/login', { username: person.username, password: person.password });
    expect((await owner.post('/code/verify', { code: lastCode(delivered, person.mobile).code, trustDevice: true })).status).toBe(200);
    await owner.post('/logout');
    // Guessing from many addresses has reached the ceiling of 100 per hour.
    await sql`insert into rate_limits (tenant_id, bucket, window_start, hits, locked_until)
              values (${tenant.id}, ${buckets.passwordFailuresAnywhere(person.username)}, to_timestamp(floor(extract(epoch from now()) / 3600) * 3600), 100, now() + interval '30 minutes')`.execute(
      database.db,
    );
    const stranger = browser(tenant, { peer: '192.0.2.9' });
    expect((await stranger.post('/login', { username: person.username, password: person.password })).status).toBe(429);
    const trusted = await owner.post('/login', { username: person.username, password: person.password });
    expect(trusted.status).toBe(200);
    expect(trusted.body['step']).toBe('done');
    // A wrong password from the trusted computer is still a wrong password.
    expect((await owner.post('/login', { username: person.username, password: 'niet-goed' })).status).toBe(401);
  });
});

describe('confirmation codes have their own budget', () => {
  it("a client typing someone else's number in 'change mobile number' does not use up that person's login codes", async () => {
    const { tenant, person: victim, app, delivered, browser } = await setUp();
    const attacker = await signedInClient(database.db, tenant, { mobile: newPhone() });
    const attackerMobile = (
      await database.db.selectFrom('accounts').select('mobile_phone').where('id', '=', attacker.accountId).executeTakeFirstOrThrow()
    ).mobile_phone!;
    for (let i = 0; i < 4; i++) {
      // The attacker proves their own identity, then has the "new number" code sent to the victim.
      const asked = await clientRequest(app, { tenant, token: attacker.token }, '/profile/mobile', {
        json: { mobile: victim.mobile.replace('+31', '0'), currentPassword: attacker.password },
      });
      if (asked.status !== 202) continue;
      const { challengeId } = (await asked.json()) as { challengeId: string };
      const code = /(\d{6})$/.exec([...delivered].reverse().find((m) => m.recipient === attackerMobile)!.body)![1];
      await clientRequest(app, { tenant, token: attacker.token }, '/profile/mobile/verify', { json: { challengeId, code } });
    }
    expect(delivered.filter((m) => m.recipient === victim.mobile).length).toBeGreaterThan(0);
    const login = await browser(tenant).post('/login', { username: victim.username, password: victim.password });
    expect(login.body).toMatchObject({ step: 'second-factor', codeSent: true });
    expect(lastCode(delivered, victim.mobile).code).toMatch(/^\d{6}$/);
  });

  it('a client who signed in three times can still ask for a confirmation code', async () => {
    const { tenant, person, app, browser, delivered } = await setUp();
    const client = browser(tenant);
    for (let i = 0; i < 3; i++) {
      await client.post('/login', { username: person.username, password: person.password });
      expect((await client.post('/code/verify', { code: lastCode(delivered, person.mobile).code })).status).toBe(200);
    }
    const token = [...client.cookies].find(([name]) => name.startsWith('__Host-care-'))![1];
    const asked = await clientRequest(app, { tenant, token }, '/profile/mobile', {
      json: { mobile: newPhone(), currentPassword: person.password },
    });
    expect(asked.status).toBe(202);
  });
});

describe('a double submit of the right code', () => {
  it('signs in once and counts no failure, however often it is repeated', async () => {
    const { tenant, person, browser, delivered } = await setUp();
    for (let round = 0; round < 3; round++) {
      const client = browser(tenant);
      expect((await client.post('/login', { username: person.username, password: person.password })).status).toBe(200);
      const { code } = lastCode(delivered, person.mobile);
      const answers = await Promise.all(Array.from({ length: 10 }, () => client.post('/code/verify', { code })));
      expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
      expect(answers.filter((a) => a.status === 429)).toEqual([]);
    }
    const failures = await database.db
      .selectFrom('rate_limits')
      .select('hits')
      .where('tenant_id', '=', tenant.id)
      .where('bucket', '=', buckets.secondFactorFailures(person.accountId))
      .execute();
    expect(failures.reduce((sum, row) => sum + row.hits, 0)).toBe(0);
  });
});
