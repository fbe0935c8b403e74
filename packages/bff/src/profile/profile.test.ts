import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { hashPassword } from '../auth/passwords.js';
import { createSession } from '../auth/session.js';
import { currentTotpCode, newTotpSecret } from '../auth/totp.js';
import { sealSecret } from '../security/server-secret.js';
import { caller, signedInClient, type SignedInClient as SignedIn } from '../testing/signed-in.js';
import type { OutgoingMessage } from '../outbox/delivery.js';
import { databaseUnderTest } from '../testing/database-under-test.js';
import { createTenant } from '../testing/fixtures.js';
import { createTestApp } from '../testing/test-app.js';
import type { TestDatabase } from '../testing/test-database.js';
import type { TenantRecord } from '../tenants/queries.js';
import { clearTenantCache } from '../tenants/tenant-context.js';
import { ageOn, maskBsn, normaliseDutchMobile } from './queries.js';

let database: TestDatabase;
let call: ReturnType<typeof caller>;
let delivered: OutgoingMessage[];
let settleOutbox: () => Promise<void>;
let tenant: TenantRecord;
let otherTenant: TenantRecord;
let counter = 0;

async function freshClient(t = tenant) {
  counter++;
  const who = await signedInClient(database.db, t, {
    mobile: `+3161${String(counter).padStart(3, '0')}${String(Math.floor(Math.random() * 10_000)).padStart(4, '0')}`,
  });
  await database.db
    .updateTable('clients')
    .set({
      initials: 'E.',
      first_name: 'Elisabeth',
      last_name_prefix: 'de',
      last_name: 'Vries',
      date_of_birth: '1941-03-28',
      marital_status: 'Weduwe',
      place_of_birth: 'Zwolle',
      nationality: 'Nederlandse',
      bsn: '123456789',
      street: 'Lindelaan',
      house_number: '12',
      address_extra: 'app. 3',
      postal_code: '8011 AB',
      city: 'Zwolle',
      phone: '038-1234567',
    })
    .where('id', '=', who.clientId)
    .execute();
  return who;
}

const sms = (to: string) => {
  const message = [...delivered].reverse().find((m) => m.channel === 'sms' && m.recipient === to);
  const match = message && /^Uw bevestigingscode is (\d{4})-(\d{6})$/.exec(message.body);
  if (!match) throw new Error(`no code sent to ${to}`);
  return { prefix: match[1]!, code: match[2]! };
};
/** The newest e-mail to an address, once the background worker has sent what was queued. */
const mailTo = async (to: string) => {
  await settleOutbox();
  return [...delivered].reverse().find((m) => m.channel === 'email' && m.recipient === to);
};
const tokenIn = (body: string) => /[?&]confirm-email=([\w-]+)/.exec(body)?.[1];

/** Step 1 of a change: the current password and the code that went to the current number. */
async function proveIdentity(who: SignedIn, field: 'mobile' | 'email', body: Record<string, unknown>) {
  const own = (await stored(who)).account.mobile_phone!;
  const asked = await call(who, `/profile/${field}`, { json: { currentPassword: who.password, ...body } });
  expect(asked.status).toBe(202);
  const identity = (await asked.json()) as { challengeId: string; prefix: string; channel: string };
  expect(identity).toMatchObject({ channel: 'sms', prefix: sms(own).prefix });
  return call(who, `/profile/${field}/verify`, { json: { challengeId: identity.challengeId, code: sms(own).code } });
}

async function stored(who: SignedIn) {
  const client = await database.db
    .selectFrom('clients')
    .select(['mobile_phone', 'email'])
    .where('id', '=', who.clientId)
    .executeTakeFirstOrThrow();
  const account = await database.db
    .selectFrom('accounts')
    .select(['mobile_phone', 'email'])
    .where('id', '=', who.accountId)
    .executeTakeFirstOrThrow();
  return { client, account };
}

beforeAll(async () => {
  database = await databaseUnderTest();
  tenant = await createTenant(database.db, {
    contact: { phone: '038-7654321', email: 'zorg@delinde.example' },
    allowedOrigins: ['https://www.delinde.example'],
  });
  otherTenant = await createTenant(database.db);
  clearTenantCache();
  const test = createTestApp(database);
  call = caller(test.app);
  delivered = test.delivered;
  settleOutbox = test.settleOutbox;
});
afterAll(async () => {
  await database?.close();
});
beforeEach(async () => {
  await settleOutbox();
  delivered.length = 0;
});

describe('reading the profile', () => {
  it('shows the personal data with the BSN masked, the age in Amsterdam and whom to contact', async () => {
    const who = await freshClient();
    const response = await call(who, '/profile');
    expect(response.status).toBe(200);
    const profile = (await response.json()) as Record<string, unknown>;
    expect(profile).toMatchObject({
      name: 'Elisabeth de Vries',
      formalName: 'E. de Vries',
      dateOfBirth: '1941-03-28',
      maritalStatus: 'Weduwe',
      placeOfBirth: 'Zwolle',
      nationality: 'Nederlandse',
      bsn: '******789',
      address: { street: 'Lindelaan', houseNumber: '12', extra: 'app. 3', postalCode: '8011 AB', city: 'Zwolle' },
      phone: '038-1234567',
      editable: ['mobile', 'email'],
      pending: { mobile: null, email: null },
      contact: { phone: '038-7654321', email: 'zorg@delinde.example' },
    });
    expect(typeof profile['age']).toBe('number');
    expect(JSON.stringify(profile)).not.toContain('123456789');
    const audited = await database.db
      .selectFrom('audit_log')
      .select('action')
      .where('client_id', '=', who.clientId)
      .where('action', '=', 'profile.view')
      .execute();
    expect(audited).toHaveLength(1);
  });

  it('counts age by the calendar, birthdays included', () => {
    const born = { year: 1941, month: 3, day: 28 };
    expect(ageOn(born, { year: 2025, month: 3, day: 27 })).toBe(83);
    expect(ageOn(born, { year: 2025, month: 3, day: 28 })).toBe(84);
    expect(ageOn({ year: 1944, month: 2, day: 29 }, { year: 2025, month: 2, day: 28 })).toBe(80);
    expect(ageOn({ year: 1944, month: 2, day: 29 }, { year: 2025, month: 3, day: 1 })).toBe(81);
    expect(maskBsn('123456789')).toBe('******789');
    expect(maskBsn(null)).toBeNull();
  });

  it('shows each client only their own profile', async () => {
    const a = await freshClient();
    const b = await signedInClient(database.db, tenant);
    const c = await signedInClient(database.db, otherTenant);
    const [pa, pb, pc] = await Promise.all(
      [a, b, c].map(async (who) => (await (await call(who, '/profile')).json()) as { name: string; email: string }),
    );
    expect(pa!.name).toBe('Elisabeth de Vries');
    expect(pb!.name).toBe(`Test ${b.username}`);
    expect(pc!.email).toBe(`${c.username}@example.nl`);
    expect((await call({ tenant: otherTenant, token: a.token }, '/profile')).status).toBe(401);
    expect((await call({ tenant }, '/profile')).status).toBe(401);
  });
});

describe('changing the mobile number', () => {
  it('normalises Dutch mobile numbers', () => {
    for (const input of [
      '0612345678',
      '06-12345678',
      '06 1234 5678',
      '+31612345678',
      '+31 6 12 34 56 78',
      '+31 (0)6 12345678',
      '0031612345678',
    ]) {
      expect(normaliseDutchMobile(input)).toBe('+31612345678');
    }
    for (const input of ['0201234567', '+32612345678', '061234567', '06123456789', 'nul zes', ''])
      expect(normaliseDutchMobile(input)).toBeUndefined();
  });

  it('after the password and a code to the current number, sends a code to the new number and changes it only when that code is confirmed', async () => {
    const who = await freshClient();
    const old = (await stored(who)).account.mobile_phone!;
    const asked = await proveIdentity(who, 'mobile', { mobile: '06 9876 5432' });
    expect(asked.status).toBe(202);
    const answer = (await asked.json()) as { challengeId: string; prefix: string; expiresInSeconds: number; mobile: string };
    expect(answer).toMatchObject({ mobile: '+31698765432', expiresInSeconds: 300 });
    const code = sms('+31698765432');
    expect(code.prefix).toBe(answer.prefix);

    // Until confirmed, the old number stays everywhere.
    expect(await stored(who)).toMatchObject({ client: { mobile_phone: old }, account: { mobile_phone: old } });
    expect(await (await call(who, '/profile')).json()).toMatchObject({ mobile: old, pending: { mobile: '+31698765432' } });

    const wrong = await call(who, '/profile/mobile/confirm', {
      json: { challengeId: answer.challengeId, code: code.code === '000000' ? '111111' : '000000' },
    });
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toMatchObject({ code: 'invalid-code', errors: [{ field: 'code' }] });

    const confirmed = await call(who, '/profile/mobile/confirm', {
      json: { challengeId: answer.challengeId, code: `${code.prefix}-${code.code}` },
    });
    expect(confirmed.status).toBe(200);
    expect(await stored(who)).toMatchObject({ client: { mobile_phone: '+31698765432' }, account: { mobile_phone: '+31698765432' } });
    expect((await mailTo(`${who.username}@example.nl`))?.subject).toBe('Uw mobiele nummer is gewijzigd');
    // The old number is told too: it no longer receives the codes.
    expect([...delivered].reverse().find((m) => m.recipient === old)?.body).toMatch(/is gewijzigd; codes gaan niet meer naar dit nummer/);
    const audited = await database.db
      .selectFrom('audit_log')
      .select(['action', 'details'])
      .where('client_id', '=', who.clientId)
      .where('action', '=', 'profile.mobile.change')
      .execute();
    expect(audited).toHaveLength(1);
    // Used once.
    expect((await call(who, '/profile/mobile/confirm', { json: { challengeId: answer.challengeId, code: code.code } })).status).toBe(400);
  });

  it('refuses what is not a Dutch mobile number, naming the field', async () => {
    const who = await freshClient();
    for (const mobile of ['020 123 4567', 'geen nummer']) {
      const response = await call(who, '/profile/mobile', { json: { mobile, currentPassword: who.password } });
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ errors: [{ field: 'mobile' }] });
    }
    expect((await call(who, '/profile/mobile', { json: {} })).status).toBe(400);
    expect(delivered).toHaveLength(0);
  });

  it('says the number is already the client’s own, with a code of its own, and sends nothing', async () => {
    const who = await freshClient();
    const { mobile_phone } = await database.db
      .selectFrom('clients')
      .select('mobile_phone')
      .where('id', '=', who.clientId)
      .executeTakeFirstOrThrow();
    const response = await call(who, '/profile/mobile', { json: { mobile: mobile_phone, currentPassword: who.password } });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      code: 'unchanged',
      errors: [{ field: 'mobile', detail: 'Dit is al uw mobiele nummer.' }],
    });
    expect(delivered).toHaveLength(0);
  });

  it('does not take a code of another purpose, or one for a plan', async () => {
    const who = await freshClient();
    const plan = await database.db
      .insertInto('plan_documents')
      .values({
        tenant_id: tenant.id,
        client_id: who.clientId,
        title: 'Plan',
        version: '1',
        document_date: '2025-01-01',
        file_name: 'p.pdf',
        pdf: Buffer.from('%PDF'),
        sha256: 'x',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const planCode = await call(who, `/plans/${plan.id}/decision`, { json: { decision: 'sign' } });
    const { challengeId } = (await planCode.json()) as { challengeId: string };
    const own = (await stored(who)).account.mobile_phone!;
    const { code } = sms(own);
    expect((await call(who, '/profile/mobile/confirm', { json: { challengeId, code } })).status).toBe(400);
    expect((await stored(who)).account.mobile_phone).toBe(own);
  });

  it('lets only the client, not a relative, change the contact details', async () => {
    const who = await freshClient();
    const relative = await database.db
      .insertInto('accounts')
      .values({
        tenant_id: tenant.id,
        username: `rel-${randomUUID()}`,
        display_name: 'Zoon',
        status: 'active',
        must_change_password: false,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await database.db
      .insertInto('account_clients')
      .values({
        tenant_id: tenant.id,
        account_id: relative.id,
        client_id: who.clientId,
        relation: 'contact',
        relationship: 'son',
        rights: { profile: true },
      })
      .execute();
    const session = await createSession(database.db, {
      tenant,
      accountId: relative.id,
      clientId: who.clientId,
      state: 'active',
      ip: null,
      userAgent: null,
    });
    const son = { tenant, token: session.token };
    expect(await (await call(son, '/profile')).json()).toMatchObject({ name: 'Elisabeth de Vries', editable: [] });
    expect((await call(son, '/profile/mobile', { json: { mobile: '0611111111', currentPassword: 'x' } })).status).toBe(403);
    expect((await call(son, '/profile/email', { json: { email: 'zoon@example.nl', currentPassword: 'x' } })).status).toBe(403);
  });
});

describe('changing the e-mail address', () => {
  it('sends a single-use link to the new address and changes it only when the link is used', async () => {
    const who = await freshClient();
    const old = `${who.username}@example.nl`;
    const asked = await proveIdentity(who, 'email', {
      email: 'nieuw@example.nl',
      pageUrl: 'https://www.delinde.example/portaal?tab=profiel',
    });
    expect(asked.status).toBe(202);
    expect(await asked.json()).toEqual({ email: 'nieuw@example.nl', expiresInSeconds: 86400 });
    const mail = (await mailTo('nieuw@example.nl'))!;
    expect(mail.body).toContain('https://www.delinde.example/portaal?tab=profiel&confirm-email=');
    const token = tokenIn(mail.body)!;
    expect(Buffer.from(token, 'base64url').length).toBeGreaterThanOrEqual(16);
    const challenge = await database.db
      .selectFrom('challenges')
      .select(['secret_hash', 'expires_at', 'created_at'])
      .where('purpose', '=', 'email_change')
      .where('channel', '=', 'link')
      .where('account_id', '=', who.accountId)
      .executeTakeFirstOrThrow();
    expect(Buffer.from(challenge.secret_hash!).toString('base64url')).not.toBe(token);
    expect(new Date(challenge.expires_at).getTime() - new Date(challenge.created_at).getTime()).toBeCloseTo(86_400_000, -4);

    expect(await stored(who)).toMatchObject({ client: { email: old }, account: { email: old } });
    expect(await (await call(who, '/profile')).json()).toMatchObject({ email: old, pending: { email: 'nieuw@example.nl' } });

    // The link may be opened on another device, without a session.
    const confirmed = await call({ tenant }, '/profile/email/confirm', { json: { token } });
    expect(confirmed.status).toBe(200);
    expect(await stored(who)).toMatchObject({ client: { email: 'nieuw@example.nl' }, account: { email: 'nieuw@example.nl' } });
    expect((await mailTo(old))?.subject).toBe('Uw e-mailadres is gewijzigd');
    const again = await call({ tenant }, '/profile/email/confirm', { json: { token } });
    expect(again.status).toBe(400);
    expect(await again.json()).toMatchObject({ code: 'invalid-link', errors: [{ field: 'token' }] });
    const audited = await database.db
      .selectFrom('audit_log')
      .select(['action', 'actor_account_id'])
      .where('client_id', '=', who.clientId)
      .where('action', '=', 'profile.email.change')
      .execute();
    expect(audited).toEqual([{ action: 'profile.email.change', actor_account_id: who.accountId }]);
  });

  it('refuses a malformed address naming the field, and a link of another tenant or a replaced link', async () => {
    const who = await freshClient();
    const bad = await call(who, '/profile/email', { json: { email: 'geen-adres', currentPassword: who.password } });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ errors: [{ field: 'email' }] });

    await proveIdentity(who, 'email', { email: 'eerste@example.nl' });
    const first = tokenIn((await mailTo('eerste@example.nl'))!.body)!;
    await proveIdentity(who, 'email', { email: 'tweede@example.nl' });
    const second = tokenIn((await mailTo('tweede@example.nl'))!.body)!;
    expect((await call({ tenant }, '/profile/email/confirm', { json: { token: first } })).status).toBe(400);
    expect((await call({ tenant: otherTenant }, '/profile/email/confirm', { json: { token: second } })).status).toBe(400);
    expect((await call({ tenant }, '/profile/email/confirm', { json: { token: second } })).status).toBe(200);
    expect((await stored(who)).client.email).toBe('tweede@example.nl');
  });
});

describe("a contact person's own account (Uw eigen gegevens)", () => {
  /** A daughter of a fresh client with her own login, and whether she has the profile right. */
  async function daughter(profileRight: boolean) {
    const mother = await freshClient();
    const password = 'Dochter-Wachtwoord-42!';
    counter++;
    const mobile = `+3162${String(counter).padStart(3, '0')}${String(Math.floor(Math.random() * 10_000)).padStart(4, '0')}`;
    const email = `dochter-${randomUUID()}@example.nl`;
    const { id } = await database.db
      .insertInto('accounts')
      .values({
        tenant_id: tenant.id,
        username: `dochter-${randomUUID()}`,
        display_name: 'Marieke de Vries',
        email,
        mobile_phone: mobile,
        password_hash: await hashPassword(password),
        second_factor: 'sms',
        status: 'active',
        must_change_password: false,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await database.db
      .insertInto('account_clients')
      .values({
        tenant_id: tenant.id,
        account_id: id,
        client_id: mother.clientId,
        relation: 'contact',
        relationship: 'daughter',
        rights: { reports: true, profile: profileRight },
      })
      .execute();
    const session = await createSession(database.db, {
      tenant,
      accountId: id,
      clientId: mother.clientId,
      state: 'active',
      ip: null,
      userAgent: null,
    });
    return { mother, who: { tenant, token: session.token }, accountId: id, password, mobile, email };
  }
  const account = (id: string) =>
    database.db.selectFrom('accounts').select(['mobile_phone', 'email']).where('id', '=', id).executeTakeFirstOrThrow();

  it('changes her own mobile number after her password and a code to her current number, without the profile right, and tells the old number', async () => {
    const { mother, who, accountId, password, mobile } = await daughter(false);
    const mothers = await stored(mother);
    expect((await call(who, '/profile')).status).toBe(403);
    const own = await call(who, '/profile/account');
    expect(own.status).toBe(200);
    expect(await own.json()).toEqual({
      name: 'Marieke de Vries',
      mobile,
      email: expect.any(String),
      pending: { mobile: null, email: null },
    });

    const wrong = await call(who, '/profile/account/mobile', { json: { mobile: '06 5555 0001', currentPassword: 'fout' } });
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toMatchObject({ errors: [{ field: 'currentPassword' }] });
    const asked = await call(who, '/profile/account/mobile', { json: { mobile: '06 5555 0001', currentPassword: password } });
    expect(asked.status).toBe(202);
    const identity = (await asked.json()) as { challengeId: string };
    const verified = await call(who, '/profile/account/mobile/verify', {
      json: { challengeId: identity.challengeId, code: sms(mobile).code },
    });
    expect(verified.status).toBe(202);
    const { challengeId } = (await verified.json()) as { challengeId: string };
    expect(await (await call(who, '/profile/account')).json()).toMatchObject({ mobile, pending: { mobile: '+31655550001' } });
    const confirmed = await call(who, '/profile/account/mobile/confirm', { json: { challengeId, code: sms('+31655550001').code } });
    expect(confirmed.status).toBe(200);
    expect(await confirmed.json()).toEqual({ mobile: '+31655550001' });

    expect((await account(accountId)).mobile_phone).toBe('+31655550001');
    // Her mother's record and login stay as they were.
    expect(await stored(mother)).toEqual(mothers);
    await settleOutbox();
    expect([...delivered].reverse().find((m) => m.recipient === mobile)?.body).toMatch(/codes gaan niet meer naar dit nummer/);
    const audited = await database.db
      .selectFrom('audit_log')
      .select(['actor_account_id', 'on_behalf_of_client_id', 'resource_type', 'resource_id'])
      .where('action', '=', 'account.mobile.change')
      .where('actor_account_id', '=', accountId)
      .execute();
    expect(audited).toEqual([
      { actor_account_id: accountId, on_behalf_of_client_id: mother.clientId, resource_type: 'account', resource_id: accountId },
    ]);
  });

  it('changes her own e-mail address through a link to the new address; the client cannot use these routes', async () => {
    const { mother, who, accountId, password, mobile, email } = await daughter(true);
    const asked = await call(who, '/profile/account/email', { json: { email: 'marieke.nieuw@example.nl', currentPassword: password } });
    expect(asked.status).toBe(202);
    const identity = (await asked.json()) as { challengeId: string };
    const verified = await call(who, '/profile/account/email/verify', {
      json: { challengeId: identity.challengeId, code: sms(mobile).code },
    });
    expect(verified.status).toBe(202);
    const token = tokenIn((await mailTo('marieke.nieuw@example.nl'))!.body)!;
    expect((await account(accountId)).email).toBe(email);
    expect((await call({ tenant }, '/profile/email/confirm', { json: { token } })).status).toBe(200);
    expect((await account(accountId)).email).toBe('marieke.nieuw@example.nl');
    expect((await mailTo(email))?.subject).toBe('Uw e-mailadres is gewijzigd');
    expect((await stored(mother)).client.email).toBe(`${mother.username}@example.nl`);

    // With the profile right she reads her mother's data but still changes only her own.
    expect(await (await call(who, '/profile')).json()).toMatchObject({ name: 'Elisabeth de Vries', editable: [] });
    const client = await call(mother, '/profile/account/mobile', { json: { mobile: '06 5555 0002', currentPassword: mother.password } });
    expect(client.status).toBe(403);
    expect(await client.json()).toMatchObject({ code: 'client-profile' });
    expect((await call(mother, '/profile/account')).status).toBe(403);
  });
});

describe('moving the second factor needs more than a session (a shared or unlocked computer)', () => {
  it('refuses a change of number or address without the right current password, and sends nothing', async () => {
    const who = await freshClient();
    for (const [field, value] of [
      ['mobile', '0687654321'],
      ['email', 'dief@example.nl'],
    ] as const) {
      const missing = await call(who, `/profile/${field}`, { json: { [field]: value } });
      expect(missing.status).toBe(400);
      expect(await missing.json()).toMatchObject({ errors: [{ field: 'currentPassword' }] });
      const wrong = await call(who, `/profile/${field}`, { json: { [field]: value, currentPassword: 'niet-het-wachtwoord' } });
      expect(wrong.status).toBe(400);
      expect(await wrong.json()).toMatchObject({ code: 'wrong-password', errors: [{ field: 'currentPassword' }] });
    }
    expect(delivered).toHaveLength(0);
  });

  it('sends the first code to the current number, never to the new one, and the identity code cannot confirm the new number', async () => {
    const who = await freshClient();
    const own = (await stored(who)).account.mobile_phone!;
    const asked = await call(who, '/profile/mobile', { json: { mobile: '0687654321', currentPassword: who.password } });
    expect(asked.status).toBe(202);
    const identity = (await asked.json()) as { challengeId: string };
    expect(delivered.map((m) => m.recipient)).toEqual([own]);
    // Skipping the identity step: its code does not confirm the new number.
    const skipped = await call(who, '/profile/mobile/confirm', { json: { challengeId: identity.challengeId, code: sms(own).code } });
    expect(skipped.status).toBe(400);
    expect((await stored(who)).account.mobile_phone).toBe(own);
    const wrongCode = await call(who, '/profile/mobile/verify', {
      json: { challengeId: identity.challengeId, code: sms(own).code === '000000' ? '111111' : '000000' },
    });
    expect(await wrongCode.json()).toMatchObject({ code: 'invalid-code' });
    expect(delivered.some((m) => m.recipient === '+31687654321')).toBe(false);
  });

  it('takes the authenticator app as the identity proof when that is the second factor', async () => {
    const appTenant = await createTenant(database.db, { secondFactors: { allowed: ['sms', 'totp'], default: 'sms' } });
    clearTenantCache();
    const who = await signedInClient(database.db, appTenant, { mobile: '+31611112222' });
    const secret = newTotpSecret();
    await database.db
      .updateTable('accounts')
      .set({ totp_secret: sealSecret(secret), second_factor: 'totp' })
      .where('id', '=', who.accountId)
      .execute();
    const asked = await call(who, '/profile/email', { json: { email: 'app@example.nl', currentPassword: who.password } });
    const identity = (await asked.json()) as { challengeId: string };
    expect(identity).toMatchObject({ channel: 'totp', prefix: null, destinationHint: null });
    expect(delivered).toHaveLength(0);
    const verified = await call(who, '/profile/email/verify', {
      json: { challengeId: identity.challengeId, code: currentTotpCode(secret) },
    });
    expect(verified.status).toBe(202);
    expect((await mailTo('app@example.nl'))?.body).toContain('confirm-email=');
  });
});
