// Messages ("Berichten") on real PostgreSQL: sends per second, and how long a care team reply
// takes from its commit to its text in an open <care-messages> in Chromium.
//
// One throwaway PostgreSQL (seeded), one BFF child in demo mode on it (demo mode only adds the
// /examples pages and /dev routes; it is what serves the bench page from the BFF's own origin, so
// the session cookie and the stream need no CORS).
//
// 1. Sends: 200 bench clients, each with its own portal account (relation self) and an active
//    session made in the database, in Zorggroep De Linde. POST /api/tenants/…/messages with a
//    fresh Idempotency-Key each, JSON body, Origin = the BFF's origin and X-Care-Widgets: 1; the
//    request i uses client i mod 200, so the 20 in flight are always 20 different threads. Each
//    send is the whole route: session check, insert + pg_notify + audit row in one transaction.
//    100 warm-up sends, then 20 in flight for 5 s.
// 2. Staff reply → visible: the bench page holds
//    <care-portal tenant api="<BFF origin>"><care-messages></care-messages></care-portal>,
//    signed in as j.de.vries through a session made in the database (its __Host- cookie added to
//    the browser context). Once the widget's first load is done and its stream has said `unread`
//    (the BFF subscribed before writing it), 100 times, 100-200 ms apart: the bench process stores
//    a staff message for that client over its own database connection — storeStaffMessage(), the
//    insert and pg_notify in one transaction, as the ECD integration or another BFF instance
//    would — and takes Date.now() right after COMMIT. In the page a MutationObserver on the
//    document and every shadow root inside the widget takes Date.now() when the message's text
//    is first in the DOM (same machine clock). The figure is appeared − stored, median and p99;
//    every one of the 100 must appear. PostgreSQL sends the NOTIFY at COMMIT, so on a busy
//    machine the page can show a reply a few ms before the commit's answer is back here: a few
//    small negative values are expected; appeared − the store call's start (insert included) is
//    the upper bound, shown beside it. The EventSource's own arrival time is shown too (stream
//    vs render).
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { activeSession, insertBenchClients, openBffDatabase, startBff, startSeededPostgres, tenantOrThrow } from '../lib/bff.mjs';
import { describeFailures, fixedConcurrency, percentile } from '../lib/load.mjs';
import { bffCli, componentsDist, importBff, NotBuiltError } from '../lib/paths.mjs';

export const name = 'messages';
export const timeoutMs = 60_000;

const TENANT = 'zorggroep-de-linde';
const USERNAME = 'j.de.vries';
const SEND_CLIENTS = 200;
const SEND_CONCURRENCY = 20;
const SEND_SECONDS = 5;
const SEND_WARMUP = 100;
const REPLIES = 100;
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

const benchPage = `<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><title>bench: care-messages</title>
<script type="module" src="/widgets/care-widgets.bundle.js"></script></head>
<body><main id="bench"></main></body></html>
`;

export async function measure() {
  const bundle = join(componentsDist, 'care-widgets.bundle.js');
  if (!existsSync(bffCli)) throw new NotBuiltError('packages/bff/dist/cli.js');
  const { storeStaffMessage } = await importBff('messages/queries.js');
  if (typeof storeStaffMessage !== 'function') throw new NotBuiltError('storeStaffMessage in packages/bff/dist/messages/queries.js');
  const { createSession, sessionCookieName } = await importBff('auth/session.js');

  const rows = [];
  const cleanups = [];
  const started = performance.now();
  const phases = {};
  try {
    const dir = mkdtempSync(join(tmpdir(), 'care-bench-messages-'));
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(join(dir, 'bench-messages.html'), benchPage);

    const pg = await startSeededPostgres();
    cleanups.push(() => pg.stop());
    const setup = await openBffDatabase(pg.url, 8);
    cleanups.push(() => setup.close());
    const tenant = await tenantOrThrow(setup.db, TENANT);
    const clients = await insertBenchClients(setup.db, tenant, { count: SEND_CLIENTS, label: 'messages' });
    const cookieName = sessionCookieName(TENANT);
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
      cookies.push(`${cookieName}=${token}`);
    }
    phases.setupS = (performance.now() - started) / 1000;

    const bff = await startBff({ ...pg.env, EXAMPLES_DIR: dir }, { args: ['--demo'], readyTimeoutMs: 30_000 });
    cleanups.push(() => bff.stop());
    phases.bffReadyS = (performance.now() - started) / 1000;

    // --- 1. sends per second ----------------------------------------------------------------
    rows.push(await orErrorRow('message sends', () => measureSends(bff, cookies)));
    phases.sendsDoneS = (performance.now() - started) / 1000;

    // --- 2. staff reply → visible -----------------------------------------------------------
    rows.push(
      await orErrorRow('staff reply visible in an open <care-messages>', () =>
        measureReplies({ bff, setupDb: setup.db, tenant, pgUrl: pg.url, storeStaffMessage, bundle, cleanups }),
      ),
    );
    phases.repliesDoneS = (performance.now() - started) / 1000;
    for (const row of rows) row.detail = { ...row.detail, phases };
    return rows;
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
  }
}

/** One figure's failure (or missing part) is that figure's row; the other figure still runs. */
async function orErrorRow(figure, measureOne) {
  try {
    return await measureOne();
  } catch (error) {
    if (error instanceof NotBuiltError) return { figure, measured: error.message, target: '', ok: null };
    process.stderr.write(`bench: messages: ${figure} failed: ${error?.stack ?? error}\n`);
    const text = (error instanceof Error ? error.message : String(error)).split('\n')[0].slice(0, 240);
    return { figure, measured: `error: ${text}`, target: figure.startsWith('staff') ? '< 1 s at p99' : '', ok: false };
  }
}

async function measureSends(bff, cookies) {
  const url = `${bff.url}/api/tenants/${TENANT}/messages`;
  const run = `${process.pid}-${Date.now().toString(36)}`;
  const send = async (i) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        origin: bff.url,
        'x-care-widgets': '1',
        'content-type': 'application/json',
        'idempotency-key': `bench-send-${run}-${i}`,
        cookie: cookies[i % cookies.length],
      },
      body: JSON.stringify({ body: `Bench-bericht ${i}: hoe laat komt de zuster morgen?` }),
    });
    const body = await response.json().catch(() => ({}));
    if (response.status !== 201) return `${response.status} ${body.code ?? body.title ?? ''}`.trim();
    if (!body.id || body.own !== true) return '201 without an own message';
    return true;
  };
  const warm = await fixedConcurrency({ concurrency: SEND_CONCURRENCY, seconds: 10, max: SEND_WARMUP, request: send });
  const result = await fixedConcurrency({ concurrency: SEND_CONCURRENCY, seconds: SEND_SECONDS, startAt: warm.next, request: send });
  const failed = Object.keys(result.failures).length + Object.keys(warm.failures).length > 0;
  return {
    figure: `message sends (POST messages, Idempotency-Key each) on PostgreSQL, ${SEND_CONCURRENCY} in flight, ${SEND_SECONDS} s; ${cookies.length} clients, 1 session each`,
    measured:
      `${result.rate.toFixed(0)}/s, p50 ${result.p50.toFixed(1)} ms / p99 ${result.p99.toFixed(1)} ms (${result.ok} in ${result.seconds.toFixed(1)} s)` +
      describeFailures({ ...warm.failures, ...result.failures }),
    target: '',
    ok: failed ? false : null,
    detail: { warmup: warm, run: result },
  };
}

async function measureReplies({ bff, setupDb, tenant, pgUrl, storeStaffMessage, bundle, cleanups }) {
  if (!existsSync(bundle)) throw new NotBuiltError('packages/components/dist/care-widgets.bundle.js');
  if (!readFileSync(bundle, 'utf8').includes('CareMessages')) throw new NotBuiltError('<care-messages> in care-widgets.bundle.js');
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM} (set CHROMIUM_PATH)`);
  const { chromium } = await import('playwright-core');

  const session = await activeSession(setupDb, tenant, USERNAME);
  const [cookieName, token] = session.cookie.split('=');
  // The staff side: a connection of its own, not the BFF's nor the setup pool.
  const staff = await openBffDatabase(pgUrl, 1);
  cleanups.push(() => staff.close());

  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  cleanups.push(() => browser.close());
  const context = await browser.newContext();
  // By domain + path: Chromium refuses a Secure cookie given with an http:// url, but keeps one for
  // the host 127.0.0.1 (host-only, as __Host- wants) and sends it over http to loopback.
  await context.addCookies([
    { name: cookieName, value: token, domain: new URL(bff.url).hostname, path: '/', secure: true, httpOnly: true, sameSite: 'Lax' },
  ]);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.addInitScript(recordStream);
  await page.goto(`${bff.url}/examples/bench-messages.html`);
  const defined = await page.evaluate(async () => {
    await new Promise((resolve) => setTimeout(resolve, 0));
    return Boolean(customElements.get('care-messages'));
  });
  if (!defined) throw new NotBuiltError('<care-messages> registered by care-widgets.bundle.js');
  const signedIn = await page.evaluate(
    async (url) => (await fetch(url, { credentials: 'include' })).status,
    `/api/tenants/${TENANT}/messages/unread-count`,
  );
  if (signedIn !== 200)
    throw new Error(`the session cookie added to Chromium is not sent or not accepted (unread-count answered ${signedIn})`);

  await page.evaluate(
    ({ tenant, api }) => {
      document.querySelector('#bench').innerHTML =
        `<care-portal tenant="${tenant}" api="${api}"><care-messages></care-messages></care-portal>`;
    },
    { tenant: TENANT, api: bff.url },
  );
  const ready = await page
    .waitForFunction(() => window.__benchStreamReady === true, null, { timeout: 15_000, polling: 50 })
    .then(
      () => true,
      () => false,
    );
  if (!ready)
    throw new Error(
      `<care-messages> opened no message stream that answered within 15 s${errors.length ? ` (page errors: ${errors.join('; ').slice(0, 160)})` : ''}`,
    );
  await page.evaluate(installObserver);

  const run = Date.now().toString(36);
  const text = (i) => `Bench-antwoord ${run}-${i}: de zuster komt morgen om 9 uur.`;
  const stored = [];
  const calling = [];
  const storeMs = [];
  for (let i = 0; i < REPLIES; i++) {
    const t0 = performance.now();
    calling.push(Date.now());
    await storeStaffMessage(staff.db, { tenantId: tenant.id, clientId: session.clientId, senderName: 'Bench Zorgteam', body: text(i) });
    stored.push(Date.now());
    storeMs.push(performance.now() - t0);
    await sleep(100 + Math.random() * 100);
  }
  // Stragglers: up to 5 s after the last one.
  const expected = Array.from({ length: REPLIES }, (_, i) => `${run}-${i}`);
  await page
    .waitForFunction((keys) => keys.every((key) => window.__benchSeen[key] !== undefined), expected, { timeout: 5000, polling: 50 })
    .catch(() => {});
  const { seen, streamed } = await page.evaluate(() => ({ seen: window.__benchSeen, streamed: window.__benchStreamed }));

  const latencies = [];
  const fromCall = [];
  const streamLatencies = [];
  let missing = 0;
  expected.forEach((key, i) => {
    if (seen[key] === undefined) missing++;
    else {
      latencies.push(seen[key] - stored[i]);
      fromCall.push(seen[key] - calling[i]);
    }
    if (streamed[key] !== undefined) streamLatencies.push(streamed[key] - stored[i]);
  });
  latencies.sort((a, b) => a - b);
  fromCall.sort((a, b) => a - b);
  streamLatencies.sort((a, b) => a - b);
  storeMs.sort((a, b) => a - b);
  const p50 = percentile(latencies, 0.5);
  const p99 = percentile(latencies, 0.99);
  const fmt = (ms) => (Number.isNaN(ms) ? '—' : `${ms.toFixed(0)} ms`);
  return {
    figure: `staff reply stored (storeStaffMessage, own connection) → its text in an open <care-messages> in Chromium, ${REPLIES} replies 100-200 ms apart`,
    measured:
      `p50 ${fmt(p50)} / p99 ${fmt(p99)} (max ${fmt(latencies.at(-1) ?? NaN)}); ${latencies.length} of ${REPLIES} appeared` +
      `; from the store call's start p99 ${fmt(percentile(fromCall, 0.99))}` +
      `; on the EventSource p50 ${fmt(percentile(streamLatencies, 0.5))} / p99 ${fmt(percentile(streamLatencies, 0.99))}` +
      (errors.length ? `; page errors: ${errors.join('; ').slice(0, 120)}` : ''),
    target: '< 1 s at p99',
    ok: missing === 0 && p99 < 1000,
    detail: {
      appearedMs: latencies,
      // NOTIFY goes out at COMMIT; the commit's answer can reach this process after the page
      // already shows the message (negative values). From the call's start is the upper bound.
      beforeCommitAnswer: latencies.filter((ms) => ms < 0).length,
      fromStoreCallStartMs: fromCall,
      streamedMs: streamLatencies,
      storeCallMs: { p50: percentile(storeMs, 0.5), p99: percentile(storeMs, 0.99) },
      missing,
      pageErrors: errors,
    },
  };
}

/**
 * 200 bench clients in the tenant, each with a ready portal account of its own (relation self:
 * current terms, fresh password, no first-login steps). Returns `[{ clientId, accountId }]`.
 */
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// --- run in the page ------------------------------------------------------------------------

/**
 * Init script: notes when a message stream has said `unread` (the BFF writes it after it
 * subscribed to the thread's notifications) and when each bench reply arrived on it.
 */
function recordStream() {
  window.__benchStreamReady = false;
  window.__benchStreamed = {};
  window.__benchSeen = {};
  const Original = window.EventSource;
  window.EventSource = class BenchEventSource extends Original {
    constructor(url, init) {
      super(url, init);
      if (!String(url).includes('/messages/stream')) return;
      this.addEventListener('unread', () => (window.__benchStreamReady = true));
      this.addEventListener('message', (event) => {
        const at = Date.now();
        const match = /Bench-antwoord (\w+-\d+):/.exec(event.data);
        if (match) window.__benchStreamed[match[1]] ??= at;
      });
    }
  };
}

/**
 * A MutationObserver on the document and on every shadow root inside it (new ones are observed
 * as they appear): at each batch of changes, every bench reply whose text is now in the DOM gets
 * the time it was first seen.
 */
function installObserver() {
  const observed = new WeakSet();
  const observer = new MutationObserver(() => check());
  const observe = (root) => {
    if (observed.has(root)) return;
    observed.add(root);
    observer.observe(root, { childList: true, subtree: true, characterData: true });
  };
  const check = () => {
    const at = Date.now();
    const texts = [];
    const walk = (root) => {
      texts.push(root.textContent ?? '');
      for (const el of root.querySelectorAll('*')) {
        if (el.shadowRoot) {
          observe(el.shadowRoot);
          walk(el.shadowRoot);
        }
      }
    };
    walk(document.body);
    for (const text of texts) {
      for (const match of text.matchAll(/Bench-antwoord (\w+-\d+):/g)) window.__benchSeen[match[1]] ??= at;
    }
  };
  observe(document.body);
  check();
}
