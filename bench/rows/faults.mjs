// Database faults and shutdown (issue 10), on a throwaway PostgreSQL with production durability
// (fsync and synchronous_commit on), the BFF as `care-bff start` children in production mode.
//
// 1. Kill under load: 50 bench clients in De Linde, each its own account and session, one
//    request in flight each, alternating POST messages (fresh Idempotency-Key, body tagged with
//    the run) and GET messages?limit=5. After 2 s the postmaster gets `kill -9` (its orphaned
//    backends go by themselves or are killed by pid); 3 s later PostgreSQL starts again (crash
//    recovery), and a prober polls GET messages every 20 ms. Figures: the BFF process still
//    runs; answers other than 200/201/503 (and network errors) from the kill until the first
//    200; seconds from `pg_ctl start` returning (the server accepts connections) to the first 200;
//    messages answered 201 against rows with the run's tag (every acknowledged one must be there).
// 2. LISTEN drop: one client's stream open (fetch, text/event-stream); 60 staff replies stored
//    over the bench's own connection 15 ms apart (insert + pg_notify in one transaction), and
//    after replies 15, 30 and 45 the BFF's LISTEN backend is ended with pg_terminate_backend
//    (application_name care-bff-listener), once the previous drop's listener is back. Figure: replies that did not arrive on the stream
//    within 5 s of the last one.
// 3. SIGTERM: a second BFF child (SHUTDOWN_GRACE_MS 20000). The bench locks reports and messages
//    (access exclusive, in an open transaction), starts 30 GET reports?period=month, 10 POST
//    messages and 10 GET reports.pdf?period=year (they all wait on the lock), sends SIGTERM,
//    waits 500 ms, commits. Figure: requests that did not get their full 200/201 answer; the
//    exit code beside it.
// 4. PDFs: j.de.vries with ≥ 1,000 reports in the year (topped up as the pdf row does); 10
//    workers download reports.pdf?period=year back to back for 8 s while 4 workers call
//    GET messages/unread-count (session check + one query) and one polls /healthz. Figure: p99
//    of the unread-count calls during the PDFs; beside it the p99 without PDFs, /healthz's p99
//    and the PDFs finished.
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { activeSession, insertBenchClients, openBffDatabase, startBff, startSeededPostgres, tenantOrThrow } from '../lib/bff.mjs';
import { fixedConcurrency, percentile } from '../lib/load.mjs';
import { bffCli, bffDist, importBff, NotBuiltError, requireFromBff } from '../lib/paths.mjs';
import { addReports, countYear } from './pdf.mjs';

export const name = 'faults';
export const timeoutMs = 150_000;

const TENANT = 'zorggroep-de-linde';
const CLIENTS = 50;

export async function measure() {
  if (!existsSync(bffCli)) throw new NotBuiltError('packages/bff/dist/cli.js');
  if (!existsSync(join(bffDist, 'db/unavailable.js'))) throw new NotBuiltError('packages/bff/dist/db/unavailable.js');
  const { createSession, sessionCookieName } = await importBff('auth/session.js');
  const { storeStaffMessage } = await importBff('messages/queries.js');
  const cleanups = [];
  const rows = [];
  try {
    const pg = await startSeededPostgres({ durable: true, poolSize: 20 });
    cleanups.push(() => pg.stop());
    const setup = await openBffDatabase(pg.url, 4);
    cleanups.push(() => setup.close());
    const tenant = await tenantOrThrow(setup.db, TENANT);
    const clients = await insertBenchClients(setup.db, tenant, { count: CLIENTS, label: 'faults', mobileBase: 81_000_000 });
    const cookies = [];
    for (const client of clients) {
      const { token } = await createSession(setup.db, {
        tenant,
        accountId: client.accountId,
        clientId: client.clientId,
        state: 'active',
        ip: null,
        userAgent: null,
      });
      cookies.push(`${sessionCookieName(TENANT)}=${token}`);
    }
    const env = { ...pg.env, LOG_LEVEL: 'warn' };

    const bff = await startBff(env);
    cleanups.push(() => bff.stop());
    rows.push(...(await orErrorRows('PostgreSQL killed under load', () => killUnderLoad({ bff, pg, setup, cookies }))));
    rows.push(
      ...(await orErrorRows('live replies lost around a LISTEN drop', () =>
        listenDrop({ bff, setup, tenant, client: clients[0], cookie: cookies[0], storeStaffMessage }),
      )),
    );
    rows.push(...(await orErrorRows('PDF p99', () => pdfLoad({ bff, setup, tenant }))));
    await bff.stop();

    const draining = await startBff({ ...env, SHUTDOWN_GRACE_MS: '20000' });
    cleanups.push(() => draining.stop());
    rows.push(
      ...(await orErrorRows('in-flight requests cut by SIGTERM', () => sigterm({ bff: draining, pgUrl: pg.url, setup, tenant, cookies }))),
    );
    return rows;
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
  }
}

async function orErrorRows(figure, measureSome) {
  try {
    return await measureSome();
  } catch (error) {
    process.stderr.write(`bench: faults: ${figure} failed: ${error?.stack ?? error}\n`);
    return [
      {
        figure,
        measured: `error: ${(error instanceof Error ? error.message : String(error)).split('\n')[0].slice(0, 240)}`,
        target: '',
        ok: false,
      },
    ];
  }
}

function request(bff, cookie, path, { json, signal = AbortSignal.timeout(15_000), method } = {}) {
  const headers = { cookie };
  if (json !== undefined)
    Object.assign(headers, { origin: bff.url, 'x-care-widgets': '1', 'content-type': 'application/json', 'idempotency-key': randomUUID() });
  return fetch(`${bff.url}/api/tenants/${TENANT}${path}`, {
    method: method ?? (json !== undefined ? 'POST' : 'GET'),
    headers,
    body: json !== undefined ? JSON.stringify(json) : undefined,
    signal,
  });
}

async function killUnderLoad({ bff, pg, setup, cookies }) {
  const tag = `faults-${Date.now().toString(36)}`;
  const acknowledged = new Set();
  const during = {};
  let phase = 'before';
  let running = true;
  const count = (key) => {
    if (phase !== 'before') during[key] = (during[key] ?? 0) + 1;
  };
  const worker = async (i) => {
    for (let n = 0; running; n++) {
      try {
        const response = await (n % 2
          ? request(bff, cookies[i], '/messages?limit=5')
          : request(bff, cookies[i], '/messages', { json: { body: `${tag} ${i}-${n}` } }));
        const body = await response.json().catch(() => ({}));
        if (response.status === 201) acknowledged.add(body.id);
        if (![200, 201].includes(response.status)) count(`${response.status}${body.code ? ` ${body.code}` : ''}`);
        if (response.status === 503) await sleep(50);
      } catch (error) {
        count(`network: ${error?.cause?.code ?? error?.name ?? 'error'}`);
        await sleep(50);
      }
    }
  };
  const workers = cookies.map((_, i) => worker(i));
  await sleep(2000);
  phase = 'down';
  await pg.cluster.killPostmaster();
  await sleep(3000);
  await pg.cluster.restart();
  const up = performance.now();
  let firstOk;
  while (performance.now() - up < 20_000) {
    const response = await request(bff, cookies[0], '/messages?limit=1', { signal: AbortSignal.timeout(3000) }).catch(() => undefined);
    await response?.arrayBuffer();
    if (response?.status === 200) {
      firstOk = performance.now() - up;
      break;
    }
    await sleep(20);
  }
  phase = 'after';
  await sleep(1000);
  running = false;
  await Promise.all(workers);
  const survived = bff.child.alive;

  const stored = await setup.db.selectFrom('messages').select('id').where('body', 'like', `${tag} %`).execute();
  const storedIds = new Set(stored.map((r) => r.id));
  const lost = [...acknowledged].filter((id) => !storedIds.has(id)).length;
  const other5xx = Object.entries(during)
    .filter(([key]) => !key.startsWith('503') && (/^5/.test(key) || key.startsWith('network')))
    .reduce((n, [, c]) => n + c, 0);
  const others = Object.entries(during).filter(([key]) => !key.startsWith('503') && !/^5/.test(key) && !key.startsWith('network'));
  const answered503 = Object.entries(during)
    .filter(([key]) => key.startsWith('503'))
    .reduce((n, [, c]) => n + c, 0);
  return [
    {
      figure: `PostgreSQL killed (kill -9 of the postmaster) under load, ${CLIENTS} clients: BFF process survived`,
      measured: survived ? 'yes' : 'no',
      target: 'yes',
      ok: survived,
    },
    {
      figure: '5xx other than 503 (and network errors) from the kill until after the first 200',
      measured: `${other5xx} (${answered503} × 503${others.length ? `; also ${others.map(([k, c]) => `${c} × ${k}`).join(', ')}` : ''})`,
      target: '0',
      ok: other5xx === 0,
      detail: during,
    },
    {
      figure: 'seconds from PostgreSQL accepting connections again to the first 200',
      measured: firstOk === undefined ? 'no 200 within 20 s' : `${(firstOk / 1000).toFixed(2)} s`,
      target: '< 2 s',
      ok: firstOk !== undefined && firstOk < 2000,
    },
    {
      figure: 'messages acknowledged (201) vs stored, around the kill',
      measured: `${acknowledged.size} acknowledged, ${stored.length} stored; ${lost} acknowledged but missing${stored.length > acknowledged.size - lost ? `; ${stored.length - (acknowledged.size - lost)} stored without a 201 (cut at the kill; a retry with the same Idempotency-Key returns them)` : ''}`,
      target: '0 acknowledged missing',
      ok: lost === 0 && acknowledged.size > 0,
    },
  ];
}

async function listenDrop({ bff, setup, tenant, client, cookie, storeStaffMessage }) {
  const { sql } = requireFromBff('kysely');
  const abort = new AbortController();
  const response = await request(bff, cookie, '/messages/stream', { signal: abort.signal });
  if (response.status !== 200) throw new Error(`messages/stream answered ${response.status}`);
  const received = new Set();
  let ready;
  const unread = new Promise((resolve) => (ready = resolve));
  const reading = (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of response.body) {
        buffer += decoder.decode(chunk, { stream: true });
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (block.includes('event: unread')) ready();
          const id = /^id: (.+)$/m.exec(block)?.[1];
          if (block.includes('event: message') && id) received.add(id);
        }
      }
    } catch {
      // aborted at the end
    }
  })();
  await unread;
  const stored = [];
  let drops = 0;
  for (let i = 1; i <= 60; i++) {
    stored.push(
      (
        await storeStaffMessage(setup.db, {
          tenantId: tenant.id,
          clientId: client.clientId,
          senderName: 'Zr. Bench',
          body: `LISTEN-drop bericht ${i}`,
        })
      ).id,
    );
    if (i % 15 === 0 && i < 60) {
      // The previous drop's listener must be back first, or there is nothing to end.
      for (let waited = 0; waited < 5000; waited += 20) {
        const { rows } = await sql`select count(*)::int as n from pg_stat_activity where application_name = 'care-bff-listener'`.execute(
          setup.db,
        );
        if (rows[0].n > 0) break;
        await sleep(20);
      }
      const { rows } =
        await sql`select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'care-bff-listener'`.execute(setup.db);
      drops += rows.length;
    }
    await sleep(15);
  }
  const deadline = performance.now() + 5000;
  while (stored.some((id) => !received.has(id)) && performance.now() < deadline) await sleep(50);
  abort.abort();
  await reading;
  const lost = stored.filter((id) => !received.has(id)).length;
  return [
    {
      figure: `live replies lost around a LISTEN drop (${stored.length} stored, ${drops} drops of the LISTEN backend)`,
      measured: String(lost),
      target: '0',
      ok: lost === 0 && drops === 3,
    },
  ];
}

async function sigterm({ bff, pgUrl, setup, tenant, cookies }) {
  const pg = requireFromBff('pg');
  const session = await activeSession(setup.db, tenant, 'j.de.vries');
  const locker = new pg.Client({ connectionString: pgUrl });
  await locker.connect();
  let results;
  let exit;
  try {
    await locker.query('begin');
    await locker.query('lock table reports, messages in access exclusive mode');
    const full = async (promise, expected) => {
      try {
        const response = await promise;
        await response.arrayBuffer();
        return response.status === expected ? 'ok' : `${response.status}`;
      } catch (error) {
        return `network: ${error?.cause?.code ?? error?.name}`;
      }
    };
    const signal = () => AbortSignal.timeout(40_000);
    const inFlight = [
      ...Array.from({ length: 30 }, (_, i) => full(request(bff, cookies[i], '/reports?period=month', { signal: signal() }), 200)),
      ...Array.from({ length: 10 }, (_, i) =>
        full(request(bff, cookies[30 + i], '/messages', { json: { body: 'tijdens SIGTERM' }, signal: signal() }), 201),
      ),
      ...Array.from({ length: 10 }, () => full(request(bff, session.cookie, '/reports.pdf?period=year', { signal: signal() }), 200)),
    ];
    await sleep(1000);
    process.kill(bff.pid, 'SIGTERM');
    await sleep(500);
    await locker.query('commit');
    results = await Promise.all(inFlight);
    exit = await Promise.race([bff.child.exited, sleep(25_000).then(() => ({ code: 'still running' }))]);
  } finally {
    await locker.end().catch(() => {});
  }
  const cut = results.filter((r) => r !== 'ok');
  return [
    {
      figure: 'in-flight requests cut by SIGTERM (30 GET reports, 10 POST messages, 10 year PDFs waiting on a lock)',
      measured: `${cut.length} of ${results.length}${cut.length ? ` (${[...new Set(cut)].join(', ')})` : ''}; exit code ${exit.code ?? exit.signal}`,
      target: '0',
      ok: cut.length === 0 && exit.code === 0,
    },
  ];
}

export async function pdfLoad({ bff, setup, tenant }) {
  const session = await activeSession(setup.db, tenant, 'j.de.vries');
  const get = (path) => request(bff, session.cookie, path);
  let inYear = await countYear(get);
  if (inYear < 1000) {
    await addReports(setup.db, tenant.id, session.clientId, 1000 - inYear);
    inYear = await countYear(get);
  }
  const warm = await get('/reports.pdf?period=year');
  await warm.arrayBuffer();
  const unread = async () => {
    const response = await get('/messages/unread-count');
    await response.arrayBuffer();
    return response.status === 200 || `${response.status}`;
  };
  const quiet = await fixedConcurrency({ concurrency: 4, seconds: 3, request: unread });

  let rendering = true;
  let pdfs = 0;
  let pdfFailures = 0;
  const pdfWorker = async () => {
    while (rendering) {
      try {
        const response = await request(bff, session.cookie, '/reports.pdf?period=year', { signal: AbortSignal.timeout(60_000) });
        const bytes = Buffer.from(await response.arrayBuffer());
        if (response.status === 200 && bytes.toString('latin1', 0, 5) === '%PDF-') pdfs += 1;
        else pdfFailures += 1;
      } catch {
        pdfFailures += 1;
      }
    }
  };
  const health = [];
  const healthWorker = async () => {
    while (rendering) {
      const started = performance.now();
      const response = await fetch(`${bff.url}/healthz`);
      await response.arrayBuffer();
      health.push(performance.now() - started);
      await sleep(10);
    }
  };
  const workers = [...Array.from({ length: 10 }, pdfWorker), healthWorker()];
  await sleep(1000);
  const busy = await fixedConcurrency({ concurrency: 4, seconds: 8, request: unread });
  rendering = false;
  await Promise.all(workers);
  health.sort((a, b) => a - b);
  return [
    {
      figure: `other requests' p99 during 10 parallel year PDFs (${inYear} reports; GET messages/unread-count, 4 in flight, 8 s)`,
      measured: `${busy.p99.toFixed(0)} ms (p50 ${busy.p50.toFixed(0)} ms; without PDFs p99 ${quiet.p99.toFixed(0)} ms; /healthz p99 ${percentile(health, 0.99).toFixed(0)} ms; ${pdfs} PDFs made${pdfFailures ? `, ${pdfFailures} failed` : ''})`,
      target: '< 100 ms',
      ok: busy.p99 < 100 && Object.keys(busy.failures).length === 0 && pdfFailures === 0,
      detail: { busy, quiet, pdfs },
    },
  ];
}
