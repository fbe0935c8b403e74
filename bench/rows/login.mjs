// The login on real PostgreSQL, through HTTP: password steps per second and code verifications
// per second, each with p50/p99 latency.
//
// The BFF's limits live in the database and would throttle a benchmark long before the CPU does:
// 300 login calls per 15 min per address, 3 codes per 15 min per account and per destination,
// a growing delay after wrong passwords, a lock after 10 wrong codes. The BFF is not weakened for
// it. Instead:
// - 2,000 bench accounts are inserted directly (one argon2id hash, computed once, reused; distinct
//   e-mail addresses and mobile numbers) in Thuiszorg Het Baken, whose second factor is e-mail:
//   every login is a different account, so no account or address gets a 4th code;
// - the BFF runs with TRUSTED_PROXIES=127.0.0.1 and every login carries another
//   X-Forwarded-For address, as requests of many people behind one reverse proxy would;
// - every password and every code is right, so no failure counter moves.
// A login is the whole password step: address limit, delay check, account read + argon2id
// verify, session insert, code limits, challenge, the e-mail into the outbox (console delivery,
// not printed at LOG_LEVEL=warn), audit. A verification is one POST auth/code/verify of a session
// in state 'second_factor' whose challenge was issued beforehand with the BFF's own functions,
// each verified once: counted try, consume, session advanced to active, audit. Code hashes are
// keyed with the server's SECRET_KEY: this process is given the BFF child's (shareServerSecret).
import { existsSync } from 'node:fs';
import { openBffDatabase, shareServerSecret, startBff, startSeededPostgres, tenantOrThrow } from '../lib/bff.mjs';
import { describeFailures, fixedConcurrency } from '../lib/load.mjs';
import { bffCli, importBff, NotBuiltError } from '../lib/paths.mjs';

export const name = 'login';
export const timeoutMs = 60_000;

const TENANT = 'thuiszorg-het-baken';
const ACCOUNTS = 2000;
const PASSWORD = 'Bench-Login-2026!';
const LOGIN_CONCURRENCY = 8;
const VERIFY_CONCURRENCY = 50;
const SECONDS = 5;
const LOGIN_WARMUP = 16;
const VERIFY_WARMUP = 100;

export async function measure() {
  if (!existsSync(bffCli)) throw new NotBuiltError('packages/bff/dist/cli.js');
  const { hashPassword } = await importBff('auth/passwords.js');
  const { issueCodeChallenge } = await importBff('auth/index.js');
  const { createSession, sessionCookieName } = await importBff('auth/session.js');

  const cleanups = [];
  try {
    const pg = await startSeededPostgres();
    cleanups.push(() => pg.stop());
    const database = await openBffDatabase(pg.url, 8);
    cleanups.push(() => database.close());
    const db = database.db;
    const tenant = await tenantOrThrow(db, TENANT);
    if (!tenant.settings.secondFactors.allowed.includes('email'))
      throw new Error(`${TENANT} no longer allows e-mail codes; pick another tenant for the bench`);
    const accounts = await insertBenchAccounts(db, tenant, await hashPassword(PASSWORD));
    await shareServerSecret(pg.env);

    const bff = await startBff({ ...pg.env, TRUSTED_PROXIES: '127.0.0.1' });
    cleanups.push(() => bff.stop());
    const base = `${bff.url}/api/tenants/${TENANT}/auth`;
    const headers = { origin: bff.url, 'x-care-widgets': '1', 'content-type': 'application/json' };

    // --- password step: one account and one forwarded address per request, never repeated.
    const login = async (i) => {
      const response = await fetch(`${base}/login`, {
        method: 'POST',
        headers: { ...headers, 'x-forwarded-for': forwardedAddress(i) },
        body: JSON.stringify({ username: accounts[i].username, password: PASSWORD }),
      });
      const body = await response.json().catch(() => ({}));
      if (response.status !== 200) return `${response.status} ${body.code ?? ''}`.trim();
      if (body.step !== 'second-factor' || !body.codeSent) return `200 without a code sent (${body.step}, codeSent ${body.codeSent})`;
      return true;
    };
    const warm = await fixedConcurrency({ concurrency: LOGIN_CONCURRENCY, seconds: 10, max: LOGIN_WARMUP, request: login });
    const logins = await fixedConcurrency({
      concurrency: LOGIN_CONCURRENCY,
      seconds: SECONDS,
      max: ACCOUNTS - warm.next,
      startAt: warm.next,
      request: login,
    });

    // --- code step: sessions waiting for their code, made as the password step makes them.
    const cookieName = sessionCookieName(TENANT);
    const pending = new Array(accounts.length);
    await inParallel(accounts.length, 8, async (i) => {
      const { id, token } = await createSession(db, {
        tenant,
        accountId: accounts[i].id,
        clientId: null,
        state: 'second_factor',
        ip: null,
        userAgent: null,
      });
      const issued = await issueCodeChallenge(db, {
        tenantId: tenant.id,
        accountId: accounts[i].id,
        sessionId: id,
        purpose: 'login',
        channel: 'email',
        destination: accounts[i].email,
      });
      pending[i] = { cookie: `${cookieName}=${token}`, code: issued.code };
    });
    const verify = async (i) => {
      const response = await fetch(`${base}/code/verify`, {
        method: 'POST',
        headers: { ...headers, cookie: pending[i].cookie },
        body: JSON.stringify({ code: pending[i].code }),
      });
      const body = await response.json().catch(() => ({}));
      if (response.status !== 200) return `${response.status} ${body.code ?? ''}`.trim();
      if (body.step !== 'done') return `200 but step ${body.step}`;
      return true;
    };
    const warmVerify = await fixedConcurrency({ concurrency: VERIFY_CONCURRENCY, seconds: 10, max: VERIFY_WARMUP, request: verify });
    const verifications = await fixedConcurrency({
      concurrency: VERIFY_CONCURRENCY,
      seconds: SECONDS,
      max: ACCOUNTS - warmVerify.next,
      startAt: warmVerify.next,
      request: verify,
    });

    const line = (r) =>
      `${r.rate.toFixed(r.rate < 100 ? 1 : 0)}/s, p50 ${r.p50.toFixed(0)} ms / p99 ${r.p99.toFixed(0)} ms (${r.ok} in ${r.seconds.toFixed(1)} s)${describeFailures(r.failures)}`;
    const note = (r, limit) => (r.next >= ACCOUNTS && r.seconds < SECONDS - 0.1 ? `, stopped at ${limit} bench accounts` : '');
    return [
      {
        figure: `logins (password step, argon2id) on PostgreSQL, ${LOGIN_CONCURRENCY} in flight, ${SECONDS} s; 1 account + 1 X-Forwarded-For each`,
        measured: line(logins) + note(logins, ACCOUNTS),
        target: '',
        ok: Object.keys(logins.failures).length ? false : null,
        detail: { warmup: warm, run: logins },
      },
      {
        figure: `code verifications (auth/code/verify → active) on PostgreSQL, ${VERIFY_CONCURRENCY} in flight, ≤ ${SECONDS} s; each code once`,
        measured: line(verifications) + note(verifications, ACCOUNTS),
        target: '',
        ok: Object.keys(verifications.failures).length ? false : null,
        detail: { warmup: warmVerify, run: verifications },
      },
    ];
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
  }
}

/** 10.x.y.z, one per request index: the per-address limit (300 / 15 min) counts each once. */
function forwardedAddress(i) {
  const n = i + 1;
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
}

/**
 * ACCOUNTS ready accounts (no first-login steps: current terms, fresh password), each linked as a
 * contact to one seeded client of the tenant, so a verified code opens a portal.
 */
async function insertBenchAccounts(db, tenant, passwordHash) {
  const client = await db.selectFrom('clients').select('id').where('tenant_id', '=', tenant.id).orderBy('created_at').executeTakeFirst();
  if (!client) throw new Error(`${TENANT} has no client to link the bench accounts to`);
  const now = new Date();
  const rows = Array.from({ length: ACCOUNTS }, (_, i) => {
    const n = String(i).padStart(4, '0');
    return {
      tenant_id: tenant.id,
      username: `bench-login-${n}@bench.invalid`,
      display_name: `Bench ${n}`,
      email: `bench-login-${n}@bench.invalid`,
      mobile_phone: `+316${String(70_000_000 + i)}`,
      password_hash: passwordHash,
      password_changed_at: now,
      must_change_password: false,
      terms_version_accepted: tenant.settings.terms.version,
      terms_accepted_at: now,
      second_factor: 'email',
      status: 'active',
    };
  });
  const accounts = [];
  for (let at = 0; at < rows.length; at += 500) {
    accounts.push(
      ...(await db
        .insertInto('accounts')
        .values(rows.slice(at, at + 500))
        .returning(['id', 'username', 'email'])
        .execute()),
    );
  }
  for (let at = 0; at < accounts.length; at += 500) {
    await db
      .insertInto('account_clients')
      .values(
        accounts.slice(at, at + 500).map((a) => ({ tenant_id: tenant.id, account_id: a.id, client_id: client.id, relation: 'contact' })),
      )
      .execute();
  }
  return accounts;
}

async function inParallel(count, width, task) {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < count) await task(next++);
    }),
  );
}
