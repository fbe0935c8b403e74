// An authenticated list read on real PostgreSQL: the BFF's rate and latency under 50 connections
// beside a bare `pg` loop running the statements the BFF sent for that request, in order.
//
// The statements are not rebuilt here from the BFF's query functions: a BFF child started with
// lib/capture-sql.mjs records what it really sends for one request (session check, the list
// query, an audit insert, whatever else), which is also the round-trip count.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import autocannon from 'autocannon';
import { waitForOk } from '../lib/http.mjs';
import { bffCli, bffDir, bffDist, importBff, NotBuiltError, repoRoot, requireFromBff } from '../lib/paths.mjs';
import { percentile } from '../lib/load.mjs';
import { freePort, runNode, startNode } from '../lib/processes.mjs';
import { decodeParams } from '../lib/sql-params.mjs';
import { startDeliverySinks } from '../lib/delivery-sinks.mjs';

export const name = 'read';
export const timeoutMs = 170_000;

const TENANT = 'zorggroep-de-linde';
// The demo client with a year of reports (about 1,000), so "Laatste jaar" is the issue's year of reports.
const USERNAME = 'j.de.vries';
const CONNECTIONS = 50;
const WARMUP_S = 2;
const DURATION_S = 8;
const ROUNDS = 2;

export async function measure() {
  const targets = chooseTargets();
  const { startPostgresCluster } = await importBff('testing/postgres-cluster.js');
  const { createSession, sessionCookieName, hashToken } = await importBff('auth/session.js');
  const { openDatabase } = await importBff('db/database.js');
  const { tenantBySlug } = await importBff('tenants/queries.js');

  const cleanups = [];
  try {
    const cluster = await startPostgresCluster();
    cleanups.push(() => cluster.stop());
    const sinks = await startDeliverySinks();
    cleanups.push(() => sinks.stop());
    const env = {
      ...sinks.env,
      DATABASE_URL: cluster.url,
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      CARE_MODE: 'production',
      DATABASE_POOL_SIZE: '20',
      SECRET_KEY: randomBytes(32).toString('base64'),
    };
    await runNode([bffCli, 'seed'], { cwd: repoRoot, env, timeoutMs: 90_000, what: 'care-bff seed' });

    // One session per connection, all of one client, as 50 people reading at once would have.
    const database = await openDatabase({ databaseUrl: cluster.url, poolSize: 4 });
    cleanups.push(() => database.close());
    const tenant = await tenantBySlug(database.db, TENANT);
    if (!tenant) throw new Error(`the seed has no tenant ${TENANT}`);
    const account = await database.db
      .selectFrom('accounts as a')
      .innerJoin('account_clients as ac', (join) => join.onRef('ac.tenant_id', '=', 'a.tenant_id').onRef('ac.account_id', '=', 'a.id'))
      .select(['a.id as accountId', 'ac.client_id as clientId'])
      .where('a.tenant_id', '=', tenant.id)
      .where('a.status', '=', 'active')
      .where('a.username', '=', USERNAME)
      .where('ac.relation', '=', 'self')
      .executeTakeFirst();
    if (!account) throw new Error(`${TENANT} has no active account ${USERNAME} linked to a client`);
    const sessions = [];
    for (let i = 0; i < CONNECTIONS; i++) {
      const { token, id } = await createSession(database.db, { tenant, ...account, state: 'active', ip: null, userAgent: null });
      sessions.push({ id, hash: hashToken(token), cookie: `${sessionCookieName(TENANT)}=${token}` });
    }

    const rows = [];
    for (const target of targets) {
      const statements = await captureStatements(env, target, sessions[0]);

      // The BFF idles while the raw loop runs. Alternating rounds share out whatever else the
      // machine is doing between the two rates, instead of giving it all to one of them.
      const bff = await startBff(env);
      cleanups.push(() => bff.stop());
      await expectOk(bff.url + target.path, sessions[0].cookie);
      const bffRounds = [];
      const rawRounds = [];
      const raw = rawPgLoop(cluster.url, statements, sessions);
      cleanups.push(() => raw.close());
      await driveBff(bff.url + target.path, sessions, WARMUP_S);
      await raw.run(WARMUP_S);
      const cpu = { bff: 0, postgres: 0, bffRequests: 0, rawPostgres: 0, rawRequests: 0 };
      for (let round = 0; round < ROUNDS; round++) {
        let before = cpuTicks(bff.pid, cluster);
        bffRounds.push(await driveBff(bff.url + target.path, sessions, DURATION_S / ROUNDS));
        let after = cpuTicks(bff.pid, cluster);
        cpu.bff += after.process - before.process;
        cpu.postgres += after.postgres - before.postgres;
        cpu.bffRequests += bffRounds[round].requests;
        before = after;
        rawRounds.push(await raw.run(DURATION_S / ROUNDS));
        after = cpuTicks(bff.pid, cluster);
        cpu.rawPostgres += after.postgres - before.postgres;
        cpu.rawRequests += rawRounds[round].requests;
      }
      const perRequest = (ticks, requests) => ((ticks * 1000) / CLOCK_TICKS / Math.max(1, requests)).toFixed(2);
      const load = combine(bffRounds);
      const rawRate = combine(rawRounds);
      // The next read gets the machine to itself (the cleanups below tolerate a second stop).
      await raw.close().catch(() => {});
      await bff.stop();

      const ratio = load.rate / rawRate.rate;
      const label = target.fallback ? `${target.label} [fallback: ${target.fallback}]` : target.label;
      rows.push(
        {
          figure: `BFF on PostgreSQL: ${label}, ${CONNECTIONS} connections, ${ROUNDS}×${DURATION_S / ROUNDS} s`,
          measured:
            `${Math.round(load.rate)} req/s, ${(load.bytesPerResponse / 1000).toFixed(1)} KB/response${load.problems}; ` +
            `CPU per request: BFF ${perRequest(cpu.bff, cpu.bffRequests)} ms, PostgreSQL ${perRequest(cpu.postgres, cpu.bffRequests)} ms ` +
            `(in the raw loop's rounds ${perRequest(cpu.rawPostgres, cpu.rawRequests)} ms)`,
          target: '',
          ok: null,
        },
        {
          figure: `raw pg of the same ${statements.length} statement(s), ${CONNECTIONS} workers, pool 50, ${ROUNDS}×${DURATION_S / ROUNDS} s`,
          measured: `${Math.round(rawRate.rate)} req/s (p50 ${rawRate.p50.toFixed(1)} ms / p99 ${rawRate.p99.toFixed(1)} ms)`,
          target: '',
          ok: null,
        },
        {
          figure: `${target.label}: BFF rate / raw pg rate`,
          measured: `${ratio.toFixed(2)}×`,
          target: '≥ 0.6×',
          ok: ratio >= 0.6 && !load.problems,
        },
        {
          figure: `${target.label}: latency at ${CONNECTIONS} connections, p50 / p99 (worse round); p99 / raw pg p99`,
          measured:
            `${load.p50.toFixed(0)} ms / ${load.p99.toFixed(0)} ms; ${(load.p99 / rawRate.p99).toFixed(2)}× ` +
            `(left out: the first answer on each new connection, up to ${load.firstAnswerMaxMs.toFixed(0)} ms)`,
          target: 'p99 ≤ 1.5× raw pg p99',
          ok: load.p99 <= 1.5 * rawRate.p99,
        },
        {
          figure: `${target.label}: database round trips per request`,
          measured: `${statements.length}: ${statements.map(describe).join('; ')}`,
          target: '≤ 2',
          ok: statements.length <= 2,
          detail: { statements: statements.map(({ sql }) => sql.replace(/\s+/g, ' ').trim()) },
        },
      );
    }
    return rows;
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
  }
}

/**
 * The reports list of a month (SPEC's authenticated read) and of a year (issue 4: 1,000 reports)
 * once it exists; until then the session read, which runs the same session check.
 */
function chooseTargets() {
  if (existsSync(join(bffDist, 'reports/routes.js'))) {
    return ['month', 'year'].map((period) => ({
      path: `/api/tenants/${TENANT}/reports?period=${period}`,
      label: `GET reports?period=${period}`,
    }));
  }
  const authRoutes = join(bffDist, 'auth/routes.js');
  if (existsSync(authRoutes) && /['"`]\/session['"`]/.test(readFileSync(authRoutes, 'utf8'))) {
    return [{ path: `/api/tenants/${TENANT}/auth/session`, label: 'GET auth/session', fallback: 'reports not built yet' }];
  }
  throw new NotBuiltError('packages/bff/dist/reports/routes.js and the auth/session route');
}

async function startBff(env, { nodeOptions = [], extraEnv = {} } = {}) {
  const port = await freePort();
  const child = startNode([bffCli, 'start'], { cwd: repoRoot, env: { ...env, ...extraEnv, PORT: String(port) }, nodeOptions });
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForOk(`${url}/readyz`, { timeoutMs: 30_000, child });
  } catch (error) {
    await child.stop();
    throw error;
  }
  return { url, pid: child.pid, stop: () => child.stop() };
}

async function expectOk(url, cookie) {
  const response = await fetch(url, { headers: { cookie } });
  const body = await response.text();
  if (response.status !== 200) throw new Error(`GET ${url} answered ${response.status}: ${body.slice(0, 200)}`);
  return body;
}

/**
 * Starts a BFF that records its statements, warms it (tenant cache, prepared pools) with two
 * requests, and returns what the third one sent.
 */
export async function captureStatements(env, target, session) {
  const dir = mkdtempSync(join(tmpdir(), 'care-bench-sql-'));
  const file = join(dir, 'statements.jsonl');
  const bff = await startBff(env, {
    nodeOptions: ['--import', pathToFileURL(join(repoRoot, 'bench/lib/capture-sql.mjs')).href],
    extraEnv: { BENCH_SQL_CAPTURE: file, BENCH_PG_FROM: join(bffDir, 'package.json') },
  });
  try {
    const lines = () => (existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : []);
    for (let i = 0; i < 2; i++) await expectOk(bff.url + target.path, session.cookie);
    // Work the BFF does after answering (e.g. an audit insert not awaited) belongs to the request too.
    await sleep(300);
    const before = lines().length;
    await expectOk(bff.url + target.path, session.cookie);
    await sleep(300);
    const statements = lines()
      .slice(before)
      .map((line) => JSON.parse(line));
    if (!statements.length) throw new Error('captured no statements: is the SQL capture hook loaded?');
    return statements.map((s) => ({ sql: s.sql, params: decodeParams(s.params) }));
  } finally {
    await bff.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Linux's USER_HZ: /proc/<pid>/stat counts CPU time in 1/100 s. */
const CLOCK_TICKS = 100;

/**
 * CPU time so far (user + system, in clock ticks) of a process and of the cluster's PostgreSQL
 * processes: the postmaster and its children, the backends.
 */
function cpuTicks(pid, cluster) {
  const postmaster = cluster.postmasterPid();
  let postgres = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = procStat(entry);
    if (!stat) continue;
    // The postmaster's own, and what its ended backends used (it waited for them): a pool that
    // closes an idle connection takes nothing back from the sum.
    if (Number(entry) === postmaster) postgres += stat.ticks + stat.childTicks;
    else if (stat.ppid === postmaster) postgres += stat.ticks;
  }
  return { process: procStat(pid)?.ticks ?? 0, postgres };
}

function procStat(pid) {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // "pid (comm) state ppid …": comm may hold spaces, so split after its closing parenthesis.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]), childTicks: Number(fields[13]) + Number(fields[14]) };
  } catch {
    return undefined; // ended meanwhile
  }
}

/**
 * One autocannon run; every connection is another signed-in person. Its latencies leave out the
 * first answer on each connection: autocannon opens its 50 connections anew in every run, and on
 * a busy machine the kernel and the BFF take them on one by one, so that those first answers
 * (up to a second) measure a connection storm, not the read. The raw loop's pool holds its
 * connections from its warm-up on. `firstAnswerMaxMs` keeps the left-out figure in sight.
 */
export async function driveBff(url, sessions, seconds) {
  let next = 0;
  const latencies = [];
  let firstAnswerMaxMs = 0;
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: seconds,
    setupClient: (client) => {
      client.setHeaders({ cookie: sessions[next++ % sessions.length].cookie });
      let first = true;
      client.on('response', (status, bytes, responseTime) => {
        if (first) firstAnswerMaxMs = Math.max(firstAnswerMaxMs, responseTime);
        else if (status === 200) latencies.push(responseTime);
        first = false;
      });
    },
  });
  latencies.sort((a, b) => a - b);
  return {
    requests: result.requests.total,
    seconds: result.duration,
    bytes: result.throughput.total,
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    firstAnswerMaxMs,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  };
}

/** Rounds into one figure: rates over the total time, p50 weighted by requests, the worse p99. */
export function combine(rounds) {
  const requests = rounds.reduce((sum, r) => sum + r.requests, 0);
  const seconds = rounds.reduce((sum, r) => sum + r.seconds, 0);
  const count = (key) => rounds.reduce((sum, r) => sum + (r[key] ?? 0), 0);
  const failures = [
    ['non2xx', 'non-2xx'],
    ['errors', 'errors'],
    ['timeouts', 'timeouts'],
  ]
    .filter(([key]) => count(key))
    .map(([key, label]) => `${count(key)} ${label}`);
  return {
    rate: requests / seconds,
    p50: rounds.reduce((sum, r) => sum + r.p50 * r.requests, 0) / Math.max(1, requests),
    p99: Math.max(...rounds.map((r) => r.p99)),
    firstAnswerMaxMs: Math.max(...rounds.map((r) => r.firstAnswerMaxMs ?? 0)),
    bytesPerResponse: count('bytes') / Math.max(1, requests),
    problems: failures.length ? ` (${failures.join(', ')})` : '',
  };
}

/** The captured statements of one request, for another session: its token hash and id swapped in. */
function statementsFor(statements, from, to) {
  return statements.map(({ sql, params }) => ({
    sql,
    params: params.map((value) => (Buffer.isBuffer(value) && value.equals(from.hash) ? to.hash : value === from.id ? to.id : value)),
  }));
}

/**
 * A bare pg pool running the request's statements in order, one worker per session; `run(seconds)`
 * returns a round like driveBff's.
 */
export function rawPgLoop(url, statements, sessions) {
  const pg = requireFromBff('pg');
  const pool = new pg.Pool({ connectionString: url, max: CONNECTIONS });
  pool.on('error', () => {});
  const perWorker = sessions.map((session) => statementsFor(statements, sessions[0], session));
  return {
    async run(seconds) {
      const latencies = [];
      const until = performance.now() + seconds * 1000;
      const worker = async (mine) => {
        while (performance.now() < until) {
          const started = performance.now();
          const client = await pool.connect();
          try {
            for (const { sql, params } of mine) await client.query(sql, params);
          } finally {
            client.release();
          }
          latencies.push(performance.now() - started);
        }
      };
      const started = performance.now();
      await Promise.all(perWorker.map(worker));
      latencies.sort((a, b) => a - b);
      const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * q))] ?? NaN;
      return { requests: latencies.length, seconds: (performance.now() - started) / 1000, p50: at(0.5), p99: at(0.99) };
    },
    close: () => pool.end(),
  };
}

/** `update sessions (+ accounts, account_clients)`: the statement's verb, its table, the others it reads. */
export function describe({ sql }) {
  const touched = [...sql.matchAll(/\b(insert\s+into|update|delete\s+from|from|join)\s+"?(\w+)"?/gi)]
    .map((m) => ({
      verb: m[1]
        .split(/\s/)[0]
        .toLowerCase()
        .replace(/^(from|join)$/, 'select'),
      table: m[2],
    }))
    .filter(({ table }) => !/^(select|lateral)$/i.test(table));
  if (!touched.length) return sql.replace(/\s+/g, ' ').trim().slice(0, 40);
  const [main, ...rest] = touched;
  const others = [...new Set(rest.map((t) => t.table))].filter((table) => table !== main.table);
  return `${main.verb} ${main.table}${others.length ? ` (+ ${others.join(', ')})` : ''}`;
}
