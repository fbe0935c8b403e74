#!/usr/bin/env node
// `pnpm bench`: measures the figures of SPEC.md's "Figures to reach" and prints one table.
// A figure group is one module in rows/ (see README.md); add its name to ROWS below.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { NotBuiltError } from './lib/paths.mjs';
import { formatTable } from './lib/table.mjs';

const ROWS = [
  'bundle',
  'code-step',
  'coldstart',
  'read',
  'login',
  'sms',
  'pdf',
  'render',
  'integration',
  'messages',
  'faults',
  'board',
  'access-log',
  'dossier',
];

// `pnpm bench -- --only=read` passes the `--` on.
const args = process.argv.slice(2).filter((arg) => arg !== '--');
const { values } = parseArgs({ args, options: { only: { type: 'string' }, json: { type: 'string' } } });
const only = values.only
  ?.split(',')
  .map((name) => name.trim())
  .filter(Boolean);
const unknown = only?.filter((name) => !ROWS.includes(name)) ?? [];
if (unknown.length) {
  console.error(`Unknown row group(s): ${unknown.join(', ')}. Known: ${ROWS.join(', ')}.`);
  process.exit(2);
}
const selected = only ? ROWS.filter((name) => only.includes(name)) : ROWS;

// Other work on the machine skews every figure: the load average goes into the results with them.
const { cpus, loadavg } = await import('node:os');
const loadAtStart = loadavg()[0];
const results = [];
const startedAll = performance.now();
for (const name of selected) {
  const started = performance.now();
  process.stderr.write(`bench: ${name}…\n`);
  let rows;
  try {
    const row = await import(`./rows/${name}.mjs`);
    rows = await withDeadline(row.measure(), row.timeoutMs ?? 120_000, row.name ?? name);
  } catch (error) {
    rows = [
      error instanceof NotBuiltError
        ? { figure: name, measured: error.message, target: '', ok: null }
        : { figure: name, measured: `error: ${firstLines(error)}`, target: '', ok: false },
    ];
    if (!(error instanceof NotBuiltError)) process.stderr.write(`bench: ${name} failed: ${error?.stack ?? error}\n`);
  }
  const seconds = (performance.now() - started) / 1000;
  process.stderr.write(`bench: ${name} done in ${seconds.toFixed(1)} s\n`);
  for (const row of rows) results.push({ group: name, ...row });
}

const outFile = values.json ?? fileURLToPath(new URL('./results.json', import.meta.url));
writeFileSync(
  outFile,
  `${JSON.stringify({ date: new Date().toISOString(), node: process.version, cpus: cpus().length, loadAverageAtStart: loadAtStart, rows: results }, null, 2)}\n`,
);

console.log(`\n${formatTable(results)}\n`);
console.log(
  `${results.filter((r) => r.ok === false).length} of ${results.filter((r) => r.ok !== null).length} figures with a target missed; ${((performance.now() - startedAll) / 1000).toFixed(0)} s; load average at start ${loadAtStart.toFixed(2)} on ${cpus().length} cores; results in ${outFile}`,
);
// Row modules close what they open; a leftover handle must not keep the bench alive.
process.exit(0);

/** A row module bounds its own time; this is the backstop when one hangs anyway. */
function withDeadline(promise, ms, name) {
  let timer;
  const deadline = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${name} did not finish within ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

function firstLines(error) {
  const text = error instanceof Error ? error.message : String(error);
  const lines = text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  // A child's stack trace: its first line naming an error says more than the last.
  const cause = lines.slice(1).find((line) => /^(\w*Error|ERR_|FATAL)|\b\w*Error: |refused/.test(line));
  return [lines[0], cause].filter(Boolean).join(' ← ').slice(0, 240);
}
