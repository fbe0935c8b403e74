// "Download mijn dossier" of a year of a busy client from the BFF on real PostgreSQL: time to the
// last byte of GET dossier.zip and the BFF process's peak resident memory above its idle level,
// measured as in pdf.mjs (VmHWM reset + VmRSS sampled every 10 ms).
//
// The client is the seed's j.de.vries, her year topped up to 1,000 reports (pdf.mjs). The daily
// limit of 3 downloads is lifted between runs by deleting the client's bucket in rate_limits.
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { activeSession, memoryOf, openBffDatabase, startBff, startSeededPostgres, tenantOrThrow } from '../lib/bff.mjs';
import { bffCli, bffDist, NotBuiltError } from '../lib/paths.mjs';
import { addReports, countYear } from './pdf.mjs';

export const name = 'dossier';
export const timeoutMs = 120_000;

const TENANT = 'zorggroep-de-linde';
const USERNAME = 'j.de.vries';
const REPORTS = 1000;
const RUNS = 3;

export async function measure() {
  if (!existsSync(bffCli)) throw new NotBuiltError('packages/bff/dist/cli.js');
  if (!existsSync(join(bffDist, 'dossier/routes.js'))) throw new NotBuiltError('packages/bff/dist/dossier/routes.js');
  const cleanups = [];
  try {
    const pg = await startSeededPostgres();
    cleanups.push(() => pg.stop());
    const database = await openBffDatabase(pg.url, 2);
    cleanups.push(() => database.close());
    const tenant = await tenantOrThrow(database.db, TENANT);
    const session = await activeSession(database.db, tenant, USERNAME);
    const bff = await startBff(pg.env);
    cleanups.push(() => bff.stop());
    const get = (path) => fetch(`${bff.url}/api/tenants/${TENANT}${path}`, { headers: { cookie: session.cookie } });
    const unlimited = () => database.db.deleteFrom('rate_limits').where('bucket', '=', `dossier:client:${session.clientId}`).execute();

    let inYear = await countYear(get);
    const added = Math.max(0, REPORTS - inYear);
    if (added) {
      await addReports(database.db, tenant.id, session.clientId, added);
      inYear = await countYear(get);
    }

    // Warm: one whole download (code paths, fonts, the PDF worker threads), then idle.
    await unlimited();
    await (
      await download(get, bff.pid)
    ).body;
    await sleep(500);
    const idle = (await memoryOf(bff.pid)).rss;

    const runs = [];
    for (let run = 0; run < RUNS; run++) {
      await unlimited();
      runs.push(await download(get, bff.pid));
    }
    const times = runs.map((r) => r.ms).sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)];
    const worstPeak = Math.max(...runs.map((r) => r.peak)) - idle;
    const mb = (b) => `${(b / 1e6).toFixed(0)} MB`;
    const what = `${inYear} reports in the year${added ? ` (${added} bench reports added)` : ''} and the rest of the seed's file, ZIP ${(runs[0].bytes / 1e6).toFixed(2)} MB`;
    return [
      {
        figure: `dossier ZIP of a year: GET dossier.zip to the last byte, median of ${RUNS}`,
        measured: `${(median / 1000).toFixed(2)} s (${times.map((t) => (t / 1000).toFixed(2)).join(' / ')} s; ${what})`,
        target: 'none',
        ok: inYear >= REPORTS,
      },
      {
        figure: `peak RSS of the BFF during that download above idle, worst of ${RUNS}`,
        measured: `${mb(worstPeak)} (idle ${mb(idle)}, peaks ${runs.map((r) => mb(r.peak)).join(' / ')}; ${runs[0].hwmReset ? 'VmHWM reset + ' : ''}10 ms samples)`,
        target: '< 150 MB',
        ok: worstPeak < 150e6,
        detail: { idleRss: idle, runs: runs.map(({ body: _body, ...run }) => run) },
      },
    ];
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
  }
}

/** One download, timed to its last byte, while the BFF's memory is watched. */
async function download(get, pid) {
  const hwmReset = await writeFile(`/proc/${pid}/clear_refs`, '5').then(
    () => true,
    () => false,
  );
  let sampled = 0;
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      sampled = Math.max(sampled, (await memoryOf(pid).catch(() => ({ rss: 0 }))).rss);
      await sleep(10);
    }
  })();
  const started = performance.now();
  let body;
  let status;
  try {
    const response = await get('/dossier.zip');
    status = response.status;
    body = Buffer.from(await response.arrayBuffer());
  } finally {
    sampling = false;
  }
  const ms = performance.now() - started;
  await sampler;
  const { hwm } = await memoryOf(pid);
  if (status !== 200) throw new Error(`GET dossier.zip answered ${status}: ${body.toString('utf8', 0, 200)}`);
  if (body.toString('latin1', 0, 2) !== 'PK') throw new Error('dossier.zip is not a ZIP');
  return { ms, bytes: body.length, peak: Math.max(sampled, hwmReset ? hwm : 0), hwm, hwmReset, body: Promise.resolve() };
}
