// SMS codes handed to the gateway, per second and p99, through HTTP on real PostgreSQL: with one
// BFF, and with two BFFs on one database taking turns (as behind a load balancer).
//
// A request is `POST auth/code/resend` of a session waiting for its code ("Opnieuw versturen"):
// code limits per account and number, a new challenge, the SMS sealed into the outbox, handed to
// the gateway (a loopback server answering as Spryng's API does, lib/delivery-sinks.mjs) before
// the answer, the row marked sent with the gateway's id and redacted, audit. The limits are not
// weakened: each request is another bench account with its own mobile number (3 codes per
// 15 minutes each), whose session waiting for the code is made in the database beforehand.
// Then: every SMS the gateway received is counted per outbox row (its `reference`) and per
// number: none may arrive twice, none may be missing, every outbox row must be `sent`.
import { existsSync } from 'node:fs';
import { openBffDatabase, startBff, startSeededPostgres, tenantOrThrow } from '../lib/bff.mjs';
import { describeFailures, fixedConcurrency } from '../lib/load.mjs';
import { bffCli, importBff, NotBuiltError } from '../lib/paths.mjs';

export const name = 'sms';
export const timeoutMs = 90_000;

const TENANT = 'zorggroep-de-linde';
const ACCOUNTS = 3000;
const CONCURRENCY = 20;
const SECONDS = 5;
const WARMUP = 40;

export async function measure() {
  if (!existsSync(bffCli)) throw new NotBuiltError('packages/bff/dist/cli.js');
  const { createSession, sessionCookieName } = await importBff('auth/session.js');
  await importBff('outbox/sms-providers.js');

  const cleanups = [];
  try {
    const pg = await startSeededPostgres();
    cleanups.push(() => pg.stop());
    const database = await openBffDatabase(pg.url, 8);
    cleanups.push(() => database.close());
    const db = database.db;
    const tenant = await tenantOrThrow(db, TENANT);
    if (tenant.settings.secondFactors.default !== 'sms')
      throw new Error(`${TENANT} no longer signs in with SMS codes; pick another tenant for the bench`);
    const accounts = await insertBenchAccounts(db, tenant);
    const cookieName = sessionCookieName(TENANT);
    const sessions = [];
    for (const account of accounts) {
      const { token } = await createSession(db, {
        tenant,
        accountId: account.id,
        clientId: null,
        state: 'second_factor',
        ip: null,
        userAgent: null,
      });
      sessions.push(`${cookieName}=${token}`);
    }

    const bffs = [await startBff(pg.env), await startBff(pg.env)];
    cleanups.push(
      () => bffs[0].stop(),
      () => bffs[1].stop(),
    );
    const resend = (urls) => async (i) => {
      const base = urls[i % urls.length];
      const response = await fetch(`${base}/api/tenants/${TENANT}/auth/code/resend`, {
        method: 'POST',
        headers: { origin: base, 'x-care-widgets': '1', 'content-type': 'application/json', cookie: sessions[i] },
        body: '{}',
      });
      const body = await response.json().catch(() => ({}));
      if (response.status !== 200) return `${response.status} ${body.code ?? ''}`.trim();
      return body.codeSent === true ? true : `200 without a code sent`;
    };

    const one = [bffs[0].url];
    const two = bffs.map((b) => b.url);
    const warm = await fixedConcurrency({ concurrency: CONCURRENCY, seconds: 10, max: WARMUP, request: resend(two) });
    const single = await fixedConcurrency({
      concurrency: CONCURRENCY,
      seconds: SECONDS,
      max: ACCOUNTS / 2 - warm.next,
      startAt: warm.next,
      request: resend(one),
    });
    const pair = await fixedConcurrency({
      concurrency: CONCURRENCY,
      seconds: SECONDS,
      max: ACCOUNTS - single.next,
      startAt: single.next,
      request: resend(two),
    });

    // Every SMS exactly once: per outbox row and per number.
    const received = pg.sinks.sms;
    const byReference = count(received.map((m) => m.reference));
    const byNumber = count(received.map((m) => m.recipients?.[0]));
    const twice = [...byReference.values(), ...byNumber.values()].filter((n) => n > 1).length;
    const rows = await db
      .selectFrom('outbox')
      .select(['status', (eb) => eb.fn.countAll().as('n')])
      .where('channel', '=', 'sms')
      .groupBy('status')
      .execute();
    const statuses = Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
    const sentRows = statuses.sent ?? 0;
    const exactlyOnce = twice === 0 && received.length === sentRows && sentRows === warm.ok + single.ok + pair.ok;

    const line = (r) =>
      `${r.rate.toFixed(0)}/s, p50 ${r.p50.toFixed(0)} ms / p99 ${r.p99.toFixed(0)} ms (${r.ok} in ${r.seconds.toFixed(1)} s)${describeFailures(r.failures)}`;
    const once = `; ${received.length} SMS at the gateway for ${sentRows} sent rows, ${twice} twice`;
    return [
      {
        figure: `SMS codes handed to the gateway (auth/code/resend), one BFF on PostgreSQL, ${CONCURRENCY} in flight, ${SECONDS} s`,
        measured: line(single),
        target: '',
        ok: Object.keys(single.failures).length ? false : null,
        detail: { warmup: warm, run: single },
      },
      {
        figure: `the same with two BFFs on one database, requests alternating; no SMS sent twice`,
        measured: line(pair) + once,
        target: 'no SMS twice',
        ok: exactlyOnce && !Object.keys(pair.failures).length,
        detail: { run: pair, statuses, gatewayRequests: received.length, twice },
      },
    ];
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
  }
}

function count(values) {
  const counts = new Map();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
}

/** ACCOUNTS ready accounts, each with its own mobile number. */
async function insertBenchAccounts(db, tenant) {
  const now = new Date();
  const rows = Array.from({ length: ACCOUNTS }, (_, i) => {
    const n = String(i).padStart(4, '0');
    return {
      tenant_id: tenant.id,
      username: `bench-sms-${n}`,
      display_name: `Bench ${n}`,
      email: `bench-sms-${n}@bench.invalid`,
      mobile_phone: `+316${String(60_000_000 + i)}`,
      password_hash: null,
      password_changed_at: now,
      must_change_password: false,
      terms_version_accepted: tenant.settings.terms.version,
      terms_accepted_at: now,
      second_factor: 'sms',
      status: 'active',
    };
  });
  const accounts = [];
  for (let at = 0; at < rows.length; at += 500) {
    accounts.push(
      ...(await db
        .insertInto('accounts')
        .values(rows.slice(at, at + 500))
        .returning(['id', 'mobile_phone'])
        .execute()),
    );
  }
  return accounts;
}
