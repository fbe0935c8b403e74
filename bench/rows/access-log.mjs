// The access log ("Wie heeft mijn dossier bekeken?") of a year of a busy client: 10,000 staff
// accesses from the ECD beside the client's own portal reads. GET /access-log?period=year by one
// reader, then under 4 connections beside a bare `pg` loop replaying the statements the BFF sent
// for that read (as rows/read.mjs), and the year's PDF.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { activeSessions, openBffDatabase, startBff, startSeededPostgres, tenantOrThrow } from '../lib/bff.mjs';
import { bffCli, bffDist, NotBuiltError, requireFromBff } from '../lib/paths.mjs';
import autocannon from 'autocannon';
import { captureStatements, combine, describe, rawPgLoop } from './read.mjs';

export const name = 'access-log';
export const timeoutMs = 170_000;

const TENANT = 'zorggroep-de-linde';
const USERNAME = 'j.de.vries';
const EVENTS = 10_000;
// A year's log is 10,000 lines (about 2 MB of JSON) per answer: a few readers at once, not 50.
const CONNECTIONS = 4;
const WARMUP_S = 2;
const DURATION_S = 8;
const ROUNDS = 2;

export async function measure() {
  if (!existsSync(bffCli)) throw new NotBuiltError('packages/bff/dist/cli.js');
  if (!existsSync(join(bffDist, 'access-log/pdf.js'))) throw new NotBuiltError('packages/bff/dist/access-log/pdf.js');
  const cleanups = [];
  try {
    const pg = await startSeededPostgres();
    cleanups.push(() => pg.stop());
    const database = await openBffDatabase(pg.url, 4);
    cleanups.push(() => database.close());
    const tenant = await tenantOrThrow(database.db, TENANT);
    const { account, sessions } = await activeSessions(database.db, tenant, USERNAME, CONNECTIONS);
    const events = await topUpStaffAccesses(pg.url, tenant.id, account.clientId);

    const target = {
      path: `/api/tenants/${TENANT}/access-log?period=year`,
      label: `GET access-log?period=year (${events} staff accesses)`,
    };
    // The outbox worker's poll can fall inside the capture window: it is not the request's.
    const statements = (await captureStatements(pg.env, target, sessions[0])).filter(({ sql }) => !/^\s*update "?outbox"?/i.test(sql));
    const bff = await startBff(pg.env);
    cleanups.push(() => bff.stop());
    const raw = rawPgLoop(pg.url, statements, sessions);
    cleanups.push(() => raw.close());

    const single = [];
    for (let i = 0; i < 3; i++) single.push(await timed(bff.url + target.path, sessions[0].cookie));
    const pdf = [];
    for (let i = 0; i < 3; i++) pdf.push(await timed(`${bff.url}/api/tenants/${TENANT}/access-log.pdf?period=year`, sessions[0].cookie));
    await drive(bff.url + target.path, sessions, WARMUP_S);
    await raw.run(WARMUP_S);
    const bffRounds = [];
    const rawRounds = [];
    // Alternating rounds share out whatever else the machine does between the two rates.
    for (let round = 0; round < ROUNDS; round++) {
      bffRounds.push(await drive(bff.url + target.path, sessions, DURATION_S / ROUNDS));
      rawRounds.push(await raw.run(DURATION_S / ROUNDS));
    }
    const load = combine(bffRounds);
    const rawRate = combine(rawRounds);
    const median = (list) => list.map((r) => r.ms).sort((a, b) => a - b)[1];
    const lines = JSON.parse(single[0].body).items.length;
    return [
      {
        figure: `access log of a year, one reader: ${target.label}, median of 3`,
        measured: `${median(single).toFixed(0)} ms (${lines} lines, ${(single[0].bytes / 1000).toFixed(0)} KB)`,
        target: '',
        ok: null,
      },
      {
        figure: 'access log of a year as PDF (GET access-log.pdf?period=year), one reader, median of 3',
        measured: `${median(pdf).toFixed(0)} ms (${(pdf[0].bytes / 1000).toFixed(0)} KB)`,
        target: '',
        ok: null,
      },
      {
        figure: `BFF on PostgreSQL: ${target.label}, ${CONNECTIONS} connections, ${ROUNDS}×${DURATION_S / ROUNDS} s`,
        measured: `${Math.round(load.rate)} req/s, p50 ${load.p50.toFixed(0)} ms / p99 ${load.p99} ms, ${(load.bytesPerResponse / 1000).toFixed(1)} KB/response${load.problems}`,
        target: '',
        ok: null,
      },
      {
        figure: `raw pg of the same ${statements.length} statement(s), ${CONNECTIONS} workers, ${ROUNDS}×${DURATION_S / ROUNDS} s`,
        measured: `${Math.round(rawRate.rate)} req/s (p50 ${rawRate.p50.toFixed(1)} ms / p99 ${rawRate.p99.toFixed(1)} ms)`,
        target: '',
        ok: null,
      },
      {
        figure: 'access log of a year: BFF rate / raw pg rate; round trips',
        measured: `${(load.rate / rawRate.rate).toFixed(2)}×; ${statements.length}: ${statements.map(describe).join('; ')}`,
        target: '≤ 2 round trips',
        ok: statements.length <= 2 && !load.problems,
        detail: { statements: statements.map(({ sql }) => sql.replace(/\s+/g, ' ').trim()) },
      },
    ];
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
  }
}

/** Fills the year to EVENTS staff accesses of the client (about one every 52 minutes); returns how many there are. */
async function topUpStaffAccesses(url, tenantId, clientId) {
  const pgModule = requireFromBff('pg');
  const client = new pgModule.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(
      `insert into staff_access_events (tenant_id, client_id, ecd_id, occurred_at, staff_user_id, staff_name, staff_role,
         organisation_unit, data_category, action, break_the_glass)
       select $1, $2, 'bench-' || g, now() - g * interval '52 minutes', 'u-' || (g % 12), 'Medewerker ' || (g % 12),
              (array['Wijkverpleegkundige', 'Verzorgende IG', 'Helpende'])[1 + g % 3], 'Team De Linde Noord',
              (array['reports', 'measurements', 'client-plan', 'appointments'])[1 + g % 4], 'view', g % 997 = 0
       from generate_series(1, $3::int) g
       on conflict do nothing`,
      [tenantId, clientId, EVENTS],
    );
    const { rows } = await client.query(
      `select count(*)::int as n from staff_access_events where tenant_id = $1 and client_id = $2 and occurred_at > now() - interval '1 year'`,
      [tenantId, clientId],
    );
    return rows[0].n;
  } finally {
    await client.end();
  }
}

async function timed(url, cookie) {
  const started = performance.now();
  const response = await fetch(url, { headers: { cookie } });
  const bytes = Buffer.from(await response.arrayBuffer());
  if (response.status !== 200) throw new Error(`GET ${url} answered ${response.status}: ${bytes.toString('utf8', 0, 200)}`);
  return { ms: performance.now() - started, bytes: bytes.length, body: bytes.toString('utf8', 0, url.includes('.pdf') ? 0 : bytes.length) };
}

/** rows/read.mjs's driveBff, with one connection per session here (read.mjs's has 50). */
async function drive(url, sessions, seconds) {
  let next = 0;
  const result = await autocannon({
    url,
    connections: sessions.length,
    duration: seconds,
    timeout: 30,
    setupClient: (client) => client.setHeaders({ cookie: sessions[next++ % sessions.length].cookie }),
  });
  return {
    requests: result.requests.total,
    seconds: result.duration,
    bytes: result.throughput.total,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  };
}
