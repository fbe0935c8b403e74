// PDF of a year of reports (≥ 1,000) from the BFF on real PostgreSQL: time to the last byte and
// the BFF process's peak resident memory above its idle level.
//
// The signed-in client is the seed's j.de.vries (a year of reports); should the seed give fewer
// than 1,000 in the year, bench reports are added to reach it. The BFF serves a small PDF first
// (warm code paths, fonts loaded), then idles; its VmRSS then is "idle". Each of 3 downloads
// resets the peak (`5` into /proc/<pid>/clear_refs, so VmHWM restarts from the current RSS) and
// samples VmRSS every 10 ms; the peak is the larger of VmHWM after the download and the highest
// sample. Reported: the median time and the largest peak above idle (MB = 10^6 B).
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { activeSession, memoryOf, openBffDatabase, startBff, startSeededPostgres, tenantOrThrow } from '../lib/bff.mjs';
import { bffCli, bffDist, NotBuiltError } from '../lib/paths.mjs';

export const name = 'pdf';
export const timeoutMs = 60_000;

const TENANT = 'zorggroep-de-linde';
const USERNAME = 'j.de.vries';
const REPORTS = 1000;
const RUNS = 3;

export async function measure() {
  if (!existsSync(bffCli)) throw new NotBuiltError('packages/bff/dist/cli.js');
  if (!existsSync(join(bffDist, 'reports/pdf.js'))) throw new NotBuiltError('packages/bff/dist/reports/pdf.js');
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
    const api = `${bff.url}/api/tenants/${TENANT}`;
    const get = (path) => fetch(`${api}${path}`, { headers: { cookie: session.cookie } });

    let inYear = await countYear(get);
    const added = Math.max(0, REPORTS - inYear);
    if (added) {
      await addReports(database.db, tenant.id, session.clientId, added);
      inYear = await countYear(get);
    }

    // Warm: the code paths of a PDF, on a week.
    const warm = await get('/reports.pdf?period=week');
    if (warm.status !== 200) throw new Error(`GET reports.pdf?period=week answered ${warm.status}: ${(await warm.text()).slice(0, 200)}`);
    await warm.arrayBuffer();
    await sleep(500);
    const idle = (await memoryOf(bff.pid)).rss;

    const runs = [];
    for (let run = 0; run < RUNS; run++) runs.push(await download(get, bff.pid));
    const times = runs.map((r) => r.ms).sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)];
    const worstPeak = Math.max(...runs.map((r) => r.peak)) - idle;
    const { bytes, pages } = runs[0];
    const mb = (b) => `${(b / 1e6).toFixed(0)} MB`;
    const what = `${inYear} reports${added ? ` (${added} bench reports added)` : ''}, ${pages} pages, ${(bytes / 1e6).toFixed(2)} MB`;
    return [
      {
        figure: `PDF of a year of reports: GET reports.pdf?period=year to the last byte, median of ${RUNS}`,
        measured: `${(median / 1000).toFixed(2)} s (${times.map((t) => (t / 1000).toFixed(2)).join(' / ')} s; ${what})`,
        target: '< 1.5 s',
        ok: median < 1500 && inYear >= REPORTS,
      },
      {
        figure: `peak RSS of the BFF during that download above idle, worst of ${RUNS}`,
        measured: `${mb(worstPeak)} (idle ${mb(idle)}, peaks ${runs.map((r) => mb(r.peak)).join(' / ')}; ${runs[0].hwmReset ? 'VmHWM reset + ' : ''}10 ms samples)`,
        target: '< 150 MB',
        ok: worstPeak < 150e6,
        detail: { idleRss: idle, runs },
      },
    ];
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
  }
}

export async function countYear(get) {
  const response = await get('/reports?period=year');
  if (response.status !== 200)
    throw new Error(`GET reports?period=year answered ${response.status}: ${(await response.text()).slice(0, 200)}`);
  return (await response.json()).items.length;
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
  let type;
  try {
    const response = await get('/reports.pdf?period=year');
    status = response.status;
    type = response.headers.get('content-type');
    body = Buffer.from(await response.arrayBuffer());
  } finally {
    sampling = false;
  }
  const ms = performance.now() - started;
  await sampler;
  const { hwm } = await memoryOf(pid);
  if (status !== 200) throw new Error(`GET reports.pdf?period=year answered ${status}: ${body.toString('utf8', 0, 200)}`);
  if (body.toString('latin1', 0, 5) !== '%PDF-')
    throw new Error(`reports.pdf is not a PDF (${type}, starts ${JSON.stringify(body.toString('latin1', 0, 20))})`);
  const pages = body.toString('latin1').match(/\/Type\s*\/Page\b(?!s)/g)?.length ?? 0;
  return { ms, bytes: body.length, pages, peak: Math.max(sampled, hwmReset ? hwm : 0), sampledPeak: sampled, hwm, hwmReset };
}

/** Bench reports spread over the last 300 days, written by staff, like the seed's. */
export async function addReports(db, tenantId, clientId, count) {
  const now = Date.now();
  const rows = Array.from({ length: count }, (_, i) => ({
    tenant_id: tenantId,
    client_id: clientId,
    written_at: new Date(now - ((i + 1) / (count + 1)) * 300 * 86_400_000),
    author_name: 'Bench',
    author_kind: 'staff',
    text: `Rapportage ${i + 1} van de benchmark. Cliënt heeft goed geslapen en heeft ontbeten; de wond is verzorgd en ziet er rustig uit.`,
  }));
  for (let at = 0; at < rows.length; at += 500)
    await db
      .insertInto('reports')
      .values(rows.slice(at, at + 500))
      .execute();
}
