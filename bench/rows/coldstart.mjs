// Demo start to /readyz on the embedded PGlite: once with a fresh data directory (migrations and
// the demo seed included), once more on the directory the first start left behind.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitForOk } from '../lib/http.mjs';
import { bffCli, NotBuiltError, repoRoot } from '../lib/paths.mjs';
import { freePort, peakRss, startNode } from '../lib/processes.mjs';

export const name = 'coldstart';
export const timeoutMs = 100_000;

export async function measure() {
  if (!existsSync(bffCli)) throw new NotBuiltError('packages/bff/dist/cli.js');
  const dataDir = join(mkdtempSync(join(tmpdir(), 'care-bench-pglite-')), 'data');
  try {
    const fresh = await demoStart(dataDir, 45_000);
    const existing = await demoStart(dataDir, 30_000);
    return [
      {
        figure: 'demo start to /readyz on PGlite, first time (migrations + demo seed)',
        measured: seconds(fresh.ms),
        target: '< 10 s',
        ok: fresh.ms < 10_000,
      },
      {
        figure: 'demo start to /readyz on PGlite, existing data directory',
        measured: seconds(existing.ms),
        target: '< 3 s',
        ok: existing.ms < 3_000,
      },
      {
        figure: 'peak RSS (VmHWM) of the demo BFF at ready: first / existing',
        measured: `${mib(fresh.rss)} / ${mib(existing.rss)} (MiB = 2^20 B)`,
        target: '',
        ok: null,
      },
    ];
  } finally {
    rmSync(join(dataDir, '..'), { recursive: true, force: true });
  }
}

async function demoStart(dataDir, timeoutMs) {
  const port = await freePort();
  const started = performance.now();
  const child = startNode([bffCli, 'start', '--demo'], {
    cwd: repoRoot,
    env: { PORT: String(port), HOST: '127.0.0.1', PGLITE_DATA_DIR: dataDir, LOG_LEVEL: 'warn', DATABASE_URL: '' },
  });
  try {
    const ms = await waitForOk(`http://127.0.0.1:${port}/readyz`, { since: started, intervalMs: 50, timeoutMs, child });
    const rss = await peakRss(child.pid);
    return { ms, rss };
  } finally {
    const { code, signal } = await child.stop(10_000);
    // The second start needs the data directory the first one closed cleanly.
    if (code !== 0 && signal !== 'SIGTERM') process.stderr.write(`coldstart: demo BFF ended with ${signal ?? `exit ${code}`}\n`);
  }
}

const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`;
const mib = (bytes) => `${Math.round(bytes / 2 ** 20)} MiB`;
