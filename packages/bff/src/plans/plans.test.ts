import { createHash, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { issueCodeChallenge } from '../auth/challenges.js';
import { createSession, hashToken } from '../auth/session.js';
import { deviceCookieName } from '../auth/trusted-devices.js';
import { caller, signedInClient, type SignedInClient as SignedIn } from '../testing/signed-in.js';
import type { OutgoingMessage } from '../outbox/delivery.js';
import { databaseUnderTest } from '../testing/database-under-test.js';
import { createTenant } from '../testing/fixtures.js';
import { createTestApp } from '../testing/test-app.js';
import type { TestDatabase } from '../testing/test-database.js';
import type { TenantRecord } from '../tenants/queries.js';
import { clearTenantCache } from '../tenants/tenant-context.js';
import { recordPlanDecision, type PlanView } from './queries.js';

let database: TestDatabase;
let call: ReturnType<typeof caller>;
let delivered: OutgoingMessage[];
let tenant: TenantRecord;
let otherTenant: TenantRecord;
let alice: SignedIn;
let bob: SignedIn;
let carol: SignedIn;
let mobileCounter = 0;

const pdfBytes = (text: string) => Buffer.from(`%PDF-1.4\n% ${text}\n\x00\x01\x02\xff binary tail\n%%EOF\n`, 'latin1');

async function addPlan(who: SignedIn, options: { title?: string; version?: string; date?: string; fileName?: string; text?: string } = {}) {
  const pdf = pdfBytes(options.text ?? randomUUID());
  return database.db
    .insertInto('plan_documents')
    .values({
      tenant_id: who.tenant.id,
      client_id: who.clientId,
      title: options.title ?? 'Zorgleefplan',
      version: options.version ?? '1.0',
      document_date: options.date ?? '2025-05-12',
      file_name: options.fileName ?? 'Zorgleefplan 1.0.pdf',
      pdf,
      sha256: createHash('sha256').update(pdf).digest('hex'),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
    .then((row) => ({ ...row, pdf }));
}

/** A fresh client with its own mobile number, so the SMS limits of one test do not reach the next. */
async function freshClient(t = tenant) {
  mobileCounter++;
  return signedInClient(database.db, t, {
    mobile: `+316${String(10_000_000 + mobileCounter + Math.floor(Math.random() * 80_000_000)).slice(0, 8)}`,
  });
}

const askCode = (who: SignedIn, planId: string, body: unknown) => call(who, `/plans/${planId}/decision`, { json: body });
const confirm = (who: SignedIn, planId: string, body: unknown) => call(who, `/plans/${planId}/decision/confirm`, { json: body });

async function mobileOf(who: SignedIn) {
  return (await database.db.selectFrom('accounts').select('mobile_phone').where('id', '=', who.accountId).executeTakeFirstOrThrow())
    .mobile_phone!;
}

/** Asks for a code and reads it from the captured SMS. */
async function codeFor(who: SignedIn, planId: string, body: unknown) {
  const response = await askCode(who, planId, body);
  expect(response.status).toBe(202);
  const answer = (await response.json()) as { challengeId: string; prefix: string; expiresInSeconds: number };
  const sms = [...delivered].reverse().find((m) => m.channel === 'sms')!;
  const match = /^Uw bevestigingscode is (\d{4})-(\d{6})$/.exec(sms.body);
  expect(match).not.toBeNull();
  expect(sms.recipient).toBe(await mobileOf(who));
  return { ...answer, code: match![2]!, smsPrefix: match![1]!, sms };
}

beforeAll(async () => {
  database = await databaseUnderTest();
  tenant = await createTenant(database.db, { sms: { sender: 'DeLinde' }, trustedDeviceDays: 7 });
  otherTenant = await createTenant(database.db);
  clearTenantCache();
  const test = createTestApp(database);
  call = caller(test.app);
  delivered = test.delivered;
  alice = await freshClient();
  bob = await freshClient();
  carol = await freshClient(otherTenant);
});
afterAll(async () => {
  await database?.close();
});
beforeEach(() => {
  delivered.length = 0;
});

describe('the list of plan documents', () => {
  it('lists the client’s documents newest first with title, version, date and status', async () => {
    const who = await freshClient();
    await addPlan(who, { title: 'Zorgleefplan', version: '1.0', date: '2024-11-02' });
    const newer = await addPlan(who, { title: 'Zorgleefplan', version: '2.0', date: '2025-05-12' });
    await addPlan(bob, { title: 'Van Bob' });
    const response = await call(who, '/plans');
    expect(response.status).toBe(200);
    const { items } = (await response.json()) as { items: PlanView[] };
    expect(items.map((p) => [p.version, p.date, p.status, p.decision])).toEqual([
      ['2.0', '2025-05-12', 'undecided', null],
      ['1.0', '2024-11-02', 'undecided', null],
    ]);
    expect(items[0]).toMatchObject({ id: newer.id, title: 'Zorgleefplan', fileName: 'Zorgleefplan 1.0.pdf' });
    expect((await call({ tenant }, '/plans')).status).toBe(401);
  });

  it('gives the stored PDF bytes unchanged, with a file name', async () => {
    const plan = await addPlan(alice, { fileName: 'Cliëntplan mevrouw Jansen.pdf' });
    const response = await call(alice, `/plans/${plan.id}/pdf`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toBe(
      `attachment; filename="Clientplan mevrouw Jansen.pdf"; filename*=UTF-8''${encodeURIComponent('Cliëntplan mevrouw Jansen.pdf')}`,
    );
    expect(Buffer.from(await response.arrayBuffer()).equals(plan.pdf)).toBe(true);
    const audited = await database.db.selectFrom('audit_log').select('action').where('resource_id', '=', plan.id).execute();
    expect(audited.map((a) => a.action)).toContain('plans.download');
  });

  it('keeps bidi overrides and control characters out of the Content-Disposition file name', async () => {
    const plan = await addPlan(alice, { fileName: 'Zorgplan\u202Efdp.exe\u0007\r\n.pdf' });
    const disposition = (await call(alice, `/plans/${plan.id}/pdf`)).headers.get('content-disposition')!;
    expect(disposition).toBe(`attachment; filename="Zorgplanfdp.exe .pdf"; filename*=UTF-8''${encodeURIComponent('Zorgplanfdp.exe .pdf')}`);
    // eslint-disable-next-line no-control-regex -- no control character may reach the file name
    expect(decodeURIComponent(disposition.split("''")[1]!)).not.toMatch(/[\u0000-\u001f\u202a-\u202e\u2066-\u2069]/);
  });

  it('keeps documents to their own client and tenant: another’s id is a 404', async () => {
    const bobs = await addPlan(bob);
    const carols = await addPlan(carol);
    for (const id of [bobs.id, carols.id, randomUUID(), 'not-a-uuid']) {
      expect((await call(alice, `/plans/${id}/pdf`)).status).toBe(404);
      expect((await askCode(alice, id, { decision: 'sign' })).status).toBe(404);
      expect((await confirm(alice, id, { challengeId: randomUUID(), code: '123456' })).status).toBe(404);
    }
    expect(delivered).toHaveLength(0);
  });
});

describe('who may decide', () => {
  /** A contact person of `who` with the plan right, signed in for that client. */
  async function contactOf(who: SignedIn, legalRepresentative: boolean): Promise<SignedIn> {
    const relative = await database.db
      .insertInto('accounts')
      .values({
        tenant_id: tenant.id,
        username: `rel-${randomUUID()}`,
        display_name: 'Dochter',
        mobile_phone: '+31687654321',
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
        relationship: legalRepresentative ? 'mentor' : 'daughter',
        rights: { plan: true },
        locked: legalRepresentative,
        legal_representative: legalRepresentative,
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
    return { ...who, accountId: relative.id, token: session.token, sessionId: session.id };
  }

  const list = async (who: SignedIn) => (await (await call(who, '/plans')).json()) as { items: Array<{ id: string }>; mayDecide: boolean };

  it('tells the widget whether this person may sign or reject, as the decision routes enforce it', async () => {
    const who = await freshClient();
    const plan = await addPlan(who);
    expect((await list(who)).mayDecide).toBe(true);

    const daughter = await contactOf(who, false);
    const hers = await list(daughter);
    expect(hers.items.map((p) => p.id)).toEqual([plan.id]);
    expect(hers.mayDecide).toBe(false);
    expect((await askCode(daughter, plan.id, { decision: 'sign' })).status).toBe(403);

    const mentor = await contactOf(who, true);
    expect((await list(mentor)).mayDecide).toBe(true);
    expect((await askCode(mentor, plan.id, { decision: 'sign' })).status).toBe(202);
  });
});

describe('signing or rejecting a plan', () => {
  it('signs with a fresh SMS code bound to plan, decision and document, and records who, when, from where', async () => {
    const who = await freshClient();
    const plan = await addPlan(who);
    const code = await codeFor(who, plan.id, { decision: 'sign' });
    expect(code).toMatchObject({ prefix: code.smsPrefix, expiresInSeconds: 300 });
    expect(code.sms.sender).toBe('DeLinde');

    const response = await call(who, `/plans/${plan.id}/decision/confirm`, {
      json: { challengeId: code.challengeId, code: code.code },
      headers: { 'user-agent': 'Testbrowser/1.0' },
    });
    expect(response.status).toBe(200);
    const decided = (await response.json()) as PlanView;
    expect(decided).toMatchObject({ id: plan.id, status: 'signed', decision: { by: `Test ${who.username}`, reason: null } });

    const row = await database.db
      .selectFrom('plan_decisions')
      .selectAll()
      .where('plan_document_id', '=', plan.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      decision: 'signed',
      account_id: who.accountId,
      client_id: who.clientId,
      user_agent: 'Testbrowser/1.0',
      document_sha256: createHash('sha256').update(plan.pdf).digest('hex'),
    });
    const audited = await database.db
      .selectFrom('audit_log')
      .select(['action', 'occurred_at'])
      .where('resource_id', '=', plan.id)
      .where('action', '=', 'plans.sign')
      .execute();
    expect(audited).toHaveLength(1);

    // Decided for good: no new code, no second confirmation.
    expect((await askCode(who, plan.id, { decision: 'reject' })).status).toBe(409);
    expect((await confirm(who, plan.id, { challengeId: code.challengeId, code: code.code })).status).toBe(409);
    const listed = (await (await call(who, '/plans')).json()) as { items: PlanView[] };
    expect(listed.items[0]).toMatchObject({ status: 'signed', decision: { at: new Date(row.decided_at).toISOString() } });
  });

  it('rejects with an optional reason of at most 1,000 characters, typed when the code is asked for', async () => {
    const who = await freshClient();
    const plan = await addPlan(who);
    const tooLong = await askCode(who, plan.id, { decision: 'reject', reason: 'x'.repeat(1001) });
    expect(tooLong.status).toBe(400);
    expect(await tooLong.json()).toMatchObject({ errors: [{ field: 'reason' }] });
    const withSign = await askCode(who, plan.id, { decision: 'sign', reason: 'Waarom niet' });
    expect(withSign.status).toBe(400);
    expect(await withSign.json()).toMatchObject({ errors: [{ field: 'reason' }] });
    expect((await askCode(who, plan.id, { decision: 'maybe' })).status).toBe(400);

    const code = await codeFor(who, plan.id, { decision: 'reject', reason: 'De afspraken over de avondzorg kloppen niet.' });
    const response = await confirm(who, plan.id, {
      challengeId: code.challengeId,
      code: `${code.prefix}-${code.code}`,
      decision: 'reject',
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      status: 'rejected',
      decision: { reason: 'De afspraken over de avondzorg kloppen niet.' },
    });
  });

  it('refuses a code for the other decision, for another plan, a changed document, or a login code', async () => {
    const who = await freshClient();
    const planA = await addPlan(who);
    const planB = await addPlan(who);

    const forSign = await codeFor(who, planA.id, { decision: 'sign' });
    const otherDecision = await confirm(who, planA.id, { challengeId: forSign.challengeId, code: forSign.code, decision: 'reject' });
    expect(otherDecision.status).toBe(400);
    expect(await otherDecision.json()).toMatchObject({ code: 'invalid-code', errors: [{ field: 'code' }] });
    expect((await confirm(who, planB.id, { challengeId: forSign.challengeId, code: forSign.code })).status).toBe(400);

    // The ECD replaced the document's bytes after the code was sent: the code no longer fits.
    const fresh = await codeFor(who, planA.id, { decision: 'sign' });
    const replaced = pdfBytes('vervangen');
    await database.db
      .updateTable('plan_documents')
      .set({ pdf: replaced, sha256: createHash('sha256').update(replaced).digest('hex') })
      .where('id', '=', planA.id)
      .execute();
    expect((await confirm(who, planA.id, { challengeId: fresh.challengeId, code: fresh.code })).status).toBe(400);

    // A login code of the same account, however right, confirms nothing.
    const login = await issueCodeChallenge(database.db, {
      tenantId: tenant.id,
      accountId: who.accountId,
      sessionId: who.sessionId,
      purpose: 'login',
      channel: 'sms',
      destination: '+31600000000',
    });
    expect((await confirm(who, planB.id, { challengeId: login.challengeId, code: login.code })).status).toBe(400);
    expect(
      await database.db.selectFrom('plan_decisions').select('plan_document_id').where('client_id', '=', who.clientId).execute(),
    ).toHaveLength(0);
  });

  it('allows 3 tries per code and expires it after 5 minutes', async () => {
    const who = await freshClient();
    const plan = await addPlan(who);
    const code = await codeFor(who, plan.id, { decision: 'sign' });
    const wrong = code.code === '000000' ? '111111' : '000000';
    const first = await confirm(who, plan.id, { challengeId: code.challengeId, code: wrong });
    expect(await first.json()).toMatchObject({ code: 'invalid-code', attemptsLeft: 2 });
    await confirm(who, plan.id, { challengeId: code.challengeId, code: wrong });
    await confirm(who, plan.id, { challengeId: code.challengeId, code: wrong });
    const spent = await confirm(who, plan.id, { challengeId: code.challengeId, code: code.code });
    expect(spent.status).toBe(400);
    expect(await spent.json()).toMatchObject({ code: 'code-expired' });

    const later = await codeFor(who, plan.id, { decision: 'sign' });
    await sql`update challenges set expires_at = now() - interval '1 second' where id = ${later.challengeId}`.execute(database.db);
    expect(await (await confirm(who, plan.id, { challengeId: later.challengeId, code: later.code })).json()).toMatchObject({
      code: 'code-expired',
    });
    const row = await database.db
      .selectFrom('challenges')
      .select(['max_attempts', 'purpose', 'binding'])
      .where('id', '=', later.challengeId)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ max_attempts: 3, purpose: 'plan_decision', binding: { planId: plan.id, decision: 'sign' } });
  });

  it('always asks for a code, also on a trusted computer', async () => {
    const who = await freshClient();
    const plan = await addPlan(who);
    const token = 'trusted-device-token-of-this-test-000000000';
    await database.db
      .insertInto('trusted_devices')
      .values({
        tenant_id: tenant.id,
        account_id: who.accountId,
        token_hash: hashToken(token),
        expires_at: new Date(Date.now() + 86_400_000),
      })
      .execute();
    const cookie = `__Host-care-${tenant.slug}=${who.token}; ${deviceCookieName(tenant.slug)}=${token}`;
    const asked = await call({ tenant }, `/plans/${plan.id}/decision`, { json: { decision: 'sign' }, headers: { cookie } });
    expect(asked.status).toBe(202);
    expect(delivered.filter((m) => m.channel === 'sms')).toHaveLength(1);
    expect(
      (await call({ tenant }, `/plans/${plan.id}/decision/confirm`, { json: { challengeId: randomUUID(), code: '' }, headers: { cookie } }))
        .status,
    ).toBe(400);
    expect(
      await database.db.selectFrom('plan_decisions').select('plan_document_id').where('plan_document_id', '=', plan.id).execute(),
    ).toHaveLength(0);
  });

  it('limits the SMS codes per account and per number', async () => {
    const who = await freshClient();
    const plan = await addPlan(who);
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await askCode(who, plan.id, { decision: 'sign' })).status);
    expect(statuses).toEqual([202, 202, 202, 429]);
    expect(delivered.filter((m) => m.channel === 'sms')).toHaveLength(3);
  });

  it('settles two confirmations racing for one plan by its primary key: one wins, the other gets 409', async () => {
    const who = await freshClient();
    const plan = await addPlan(who);
    // A legal representative of the same client, deciding at the same moment on another phone.
    const relative = await database.db
      .insertInto('accounts')
      .values({
        tenant_id: tenant.id,
        username: `rel-${randomUUID()}`,
        display_name: 'Dochter',
        mobile_phone: '+31687654321',
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
        relationship: 'mentor',
        rights: { plan: true },
        locked: true,
        legal_representative: true,
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
    const daughter: SignedIn = { ...who, accountId: relative.id, token: session.token, sessionId: session.id };

    const mine = await codeFor(who, plan.id, { decision: 'sign' });
    const hers = await codeFor(daughter, plan.id, { decision: 'reject' });
    const results = await Promise.all([
      confirm(who, plan.id, { challengeId: mine.challengeId, code: mine.code }),
      confirm(daughter, plan.id, { challengeId: hers.challengeId, code: hers.code }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(
      await database.db.selectFrom('plan_decisions').select('decision').where('plan_document_id', '=', plan.id).execute(),
    ).toHaveLength(1);
    const audited = await database.db
      .selectFrom('audit_log')
      .select('action')
      .where('resource_id', '=', plan.id)
      .where('action', 'in', ['plans.sign', 'plans.reject'])
      .execute();
    expect(audited).toHaveLength(1);

    // The same at the storage level: parallel inserts of a decision, exactly one lands.
    const other = await addPlan(who);
    const decision = {
      planId: other.id,
      decision: 'signed' as const,
      reason: null,
      accountId: who.accountId,
      decidedByName: 'X',
      ip: null,
      userAgent: null,
      documentSha256: 'x',
    };
    const landed = await Promise.all(
      Array.from({ length: 5 }, () =>
        database.db
          .transaction()
          .execute((trx) => recordPlanDecision(trx, { tenantId: tenant.id, clientId: who.clientId, accountId: who.accountId }, decision)),
      ),
    );
    expect(landed.filter(Boolean)).toHaveLength(1);
  });

  it('cannot be confirmed by another client’s account with its own code', async () => {
    const plan = await addPlan(alice);
    const bobPlan = await addPlan(bob);
    const bobs = await codeFor(bob, bobPlan.id, { decision: 'sign' });
    expect((await confirm(alice, plan.id, { challengeId: bobs.challengeId, code: bobs.code })).status).toBe(400);
  });
});
