import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseUnderTest } from '../testing/database-under-test.js';
import { createClientWithAccount, createTenant, type ClientWithAccount } from '../testing/fixtures.js';
import type { TestDatabase } from '../testing/test-database.js';
import type { TenantRecord } from '../tenants/queries.js';
import { issueCodeChallenge, verifyCodeChallenge } from './challenges.js';

let database: TestDatabase;
let tenant: TenantRecord;
let person: ClientWithAccount;

beforeAll(async () => {
  database = await databaseUnderTest();
  tenant = await createTenant(database.db);
  person = await createClientWithAccount(database.db, tenant);
});
afterAll(async () => {
  await database?.close();
});

const planBinding = { planId: 'plan-1', decision: 'signed', sha256: 'ab'.repeat(32) };

function issue(overrides: Partial<Parameters<typeof issueCodeChallenge>[1]> = {}) {
  return issueCodeChallenge(database.db, {
    tenantId: tenant.id,
    accountId: person.accountId,
    sessionId: null,
    purpose: 'plan_decision',
    channel: 'sms',
    destination: '+31612345678',
    binding: planBinding,
    ...overrides,
  });
}

describe('code challenges (shared by login, plan decisions and contact changes)', () => {
  it('issues a 4-digit prefix and a 6-digit code, and stores neither the code nor its digits', async () => {
    const issued = await issue();
    expect(issued.prefix).toMatch(/^\d{4}$/);
    expect(issued.code).toMatch(/^\d{6}$/);
    const row = await database.db.selectFrom('challenges').selectAll().where('id', '=', issued.challengeId).executeTakeFirstOrThrow();
    expect(row.secret_hash).toHaveLength(32);
    expect(JSON.stringify(row)).not.toContain(issued.code);
  });

  it('verifies only with the exact binding and purpose', async () => {
    const issued = await issue();
    const base = { tenantId: tenant.id, accountId: person.accountId, prefix: issued.prefix, code: issued.code! };
    expect(
      await verifyCodeChallenge(database.db, { ...base, purpose: 'plan_decision', binding: { ...planBinding, decision: 'rejected' } }),
    ).toMatchObject({ ok: false, reason: 'wrong-code' });
    expect(await verifyCodeChallenge(database.db, { ...base, purpose: 'login', binding: planBinding })).toMatchObject({
      ok: false,
      reason: 'no-open-challenge',
    });
    expect(
      await verifyCodeChallenge(database.db, { ...base, purpose: 'plan_decision', binding: { ...planBinding, extra: 'x' } }),
    ).toMatchObject({ ok: false });
    expect(await verifyCodeChallenge(database.db, { ...base, purpose: 'plan_decision', binding: planBinding })).toEqual({
      ok: true,
      challengeId: issued.challengeId,
    });
    expect(await verifyCodeChallenge(database.db, { ...base, purpose: 'plan_decision', binding: planBinding })).toEqual({
      ok: false,
      reason: 'no-open-challenge',
    });
  });

  it('counts 20 parallel guesses as 20 tries', async () => {
    const issued = await issue({ maxAttempts: 100 });
    const wrong = issued.code === '000000' ? '111111' : '000000';
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        verifyCodeChallenge(database.db, {
          tenantId: tenant.id,
          accountId: person.accountId,
          purpose: 'plan_decision',
          challengeId: issued.challengeId,
          code: wrong,
          binding: planBinding,
        }),
      ),
    );
    expect(results.every((r) => !r.ok)).toBe(true);
    const row = await database.db
      .selectFrom('challenges')
      .select('attempts')
      .where('id', '=', issued.challengeId)
      .executeTakeFirstOrThrow();
    expect(row.attempts).toBe(20);
  });

  it('cancels the open challenge of the same purpose when a new one is issued', async () => {
    const first = await issue();
    const second = await issue();
    const verifyFirst = await verifyCodeChallenge(database.db, {
      tenantId: tenant.id,
      accountId: person.accountId,
      purpose: 'plan_decision',
      challengeId: first.challengeId,
      code: first.code!,
      binding: planBinding,
    });
    expect(verifyFirst).toEqual({ ok: false, reason: 'no-open-challenge' });
    const verifySecond = await verifyCodeChallenge(database.db, {
      tenantId: tenant.id,
      accountId: person.accountId,
      purpose: 'plan_decision',
      challengeId: second.challengeId,
      code: second.code!,
      binding: planBinding,
    });
    expect(verifySecond.ok).toBe(true);
  });
});
