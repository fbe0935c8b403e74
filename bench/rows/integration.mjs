// The ECD integration API on real PostgreSQL: a batch upsert of 10,000 reports (10 requests of
// 1,000, each with its own signed token), the same batches again (all unchanged), and a page of
// 1,000 items of the changes feed. The BFF runs as a child on a throwaway cluster, as in production.
import { randomBytes } from 'node:crypto';
import { waitForOk } from '../lib/http.mjs';
import { bffCli, importBff, repoRoot } from '../lib/paths.mjs';
import { freePort, runNode, startNode } from '../lib/processes.mjs';
import { startDeliverySinks } from '../lib/delivery-sinks.mjs';

export const name = 'integration';
export const timeoutMs = 150_000;

const TENANT = 'bench-ecd';
const REPORTS = 10_000;
const BATCH = 1_000;
const CLIENTS = 100;
const FEED_PAGE = 1_000;
const FEED_ROUNDS = 20;

export async function measure() {
  const { startPostgresCluster } = await importBff('testing/postgres-cluster.js');
  const { openDatabase } = await importBff('db/database.js');
  const { tenantBySlug } = await importBff('tenants/queries.js');
  const { createIntegrationKey } = await importBff('integration/keys.js');
  const { ecdToken } = await importBff('integration/integration-test-kit.js');

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
      DATABASE_POOL_SIZE: '10',
      SECRET_KEY: randomBytes(32).toString('base64'),
    };
    await runNode([bffCli, 'migrate'], { cwd: repoRoot, env, timeoutMs: 60_000, what: 'care-bff migrate' });
    const database = await openDatabase({ databaseUrl: cluster.url, poolSize: 2 });
    cleanups.push(() => database.close());
    await database.db.insertInto('tenants').values({ slug: TENANT, name: 'Zorggroep Bench', settings: {} }).execute();
    const tenant = await tenantBySlug(database.db, TENANT);
    const key = await createIntegrationKey(database.db, tenant.id, { alg: 'ES256', label: 'bench' });

    const port = await freePort();
    const child = startNode([bffCli, 'start'], { cwd: repoRoot, env: { ...env, PORT: String(port) } });
    cleanups.push(() => child.stop());
    const base = `http://127.0.0.1:${port}`;
    await waitForOk(`${base}/readyz`, { timeoutMs: 30_000, child });
    const api = `${base}/integration/v1/tenants/${TENANT}`;
    const call = async (method, path, body) => {
      const response = await fetch(api + path, {
        method,
        headers: { authorization: `Bearer ${await ecdToken(key, tenant)}`, ...(body ? { 'content-type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      });
      const json = await response.json();
      if (response.status !== 200) throw new Error(`${method} ${path} answered ${response.status}: ${JSON.stringify(json).slice(0, 300)}`);
      return json;
    };

    const clients = Array.from({ length: CLIENTS }, (_, i) => ({
      ecdId: `C-${i}`,
      firstName: 'Cliënt',
      lastName: `Bench ${i}`,
      dateOfBirth: '1940-01-01',
    }));
    await call('POST', '/clients', { items: clients });
    const reports = Array.from({ length: REPORTS }, (_, i) => ({
      ecdId: `R-${i}`,
      clientEcdId: `C-${i % CLIENTS}`,
      writtenAt: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(),
      authorName: 'Zr. Jansen',
      text: `Rapportage ${i}: mevrouw heeft goed geslapen, ontbijt gegeten en is na de koffie een half uur buiten geweest. Wond ziet er rustig uit.`,
    }));
    const batches = [];
    for (let start = 0; start < REPORTS; start += BATCH) batches.push(reports.slice(start, start + BATCH));

    const pushAll = async (expect) => {
      const started = performance.now();
      const perBatch = [];
      for (const items of batches) {
        const t = performance.now();
        const summary = await call('POST', '/reports', { items });
        perBatch.push(performance.now() - t);
        if (summary[expect] !== items.length)
          throw new Error(`expected ${items.length} ${expect}, got ${JSON.stringify({ ...summary, results: undefined })}`);
      }
      const seconds = (performance.now() - started) / 1000;
      perBatch.sort((a, b) => a - b);
      return { rate: REPORTS / seconds, seconds, p50: perBatch[Math.floor(perBatch.length / 2)] };
    };
    const created = await pushAll('created');
    const unchanged = await pushAll('unchanged');

    // What clients did in the portal: client-written reports, fed to the change log by its triggers.
    const clientIds = (await database.db.selectFrom('clients').select('id').where('tenant_id', '=', tenant.id).execute()).map((r) => r.id);
    await database.db
      .insertInto('reports')
      .values(
        Array.from({ length: FEED_PAGE + 10 }, (_, i) => ({
          tenant_id: tenant.id,
          client_id: clientIds[i % clientIds.length],
          written_at: new Date(),
          author_name: 'Cliënt',
          author_kind: 'client',
          text: `Zelf geschreven ${i}: vandaag een goede dag gehad.`,
        })),
      )
      .execute();
    const times = [];
    let bytes = 0;
    for (let round = 0; round < FEED_ROUNDS + 2; round++) {
      const token = await ecdToken(key, tenant);
      const t = performance.now();
      const response = await fetch(`${api}/changes?limit=${FEED_PAGE}`, { headers: { authorization: `Bearer ${token}` } });
      const body = await response.text();
      const ms = performance.now() - t;
      if (response.status !== 200) throw new Error(`GET changes answered ${response.status}: ${body.slice(0, 300)}`);
      const page = JSON.parse(body);
      if (page.items.length !== FEED_PAGE) throw new Error(`the changes page held ${page.items.length} items, not ${FEED_PAGE}`);
      if (round >= 2) times.push(ms); // two warm-up rounds
      bytes = body.length;
    }
    times.sort((a, b) => a - b);
    const p50 = times[Math.floor(times.length / 2)];
    const p95 = times[Math.min(times.length - 1, Math.floor(times.length * 0.95))];

    return [
      {
        figure: `ECD batch upsert: ${REPORTS.toLocaleString('en')} reports in ${REPORTS / BATCH} requests of ${BATCH.toLocaleString('en')} (new)`,
        measured: `${Math.round(created.rate).toLocaleString('en')} items/s (${created.seconds.toFixed(2)} s; ${created.p50.toFixed(0)} ms per batch, p50)`,
        target: '',
        ok: null,
      },
      {
        figure: `ECD batch upsert: the same ${REPORTS.toLocaleString('en')} again (all unchanged)`,
        measured: `${Math.round(unchanged.rate).toLocaleString('en')} items/s (${unchanged.seconds.toFixed(2)} s; ${unchanged.p50.toFixed(0)} ms per batch, p50)`,
        target: '',
        ok: null,
      },
      {
        figure: `ECD changes feed: a page of ${FEED_PAGE.toLocaleString('en')} items, p50 / p95 of ${FEED_ROUNDS}`,
        measured: `${p50.toFixed(1)} ms / ${p95.toFixed(1)} ms (${(bytes / 1000).toFixed(0)} KB; ${Math.round((FEED_PAGE / p50) * 1000).toLocaleString('en')} items/s)`,
        target: '',
        ok: null,
      },
    ];
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
  }
}
