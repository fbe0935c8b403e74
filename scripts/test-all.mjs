#!/usr/bin/env node
// Runs every test of the project: the README's test command and CI's (.ci/run).
// Installs what a fresh Debian machine lacks (Chromium, PostgreSQL server binaries) with apt-get,
// checks formatting and lint, builds, type-checks, then runs the BFF tests on PGlite and PostgreSQL, the component tests in
// Chromium and the end-to-end tests, and ends with one line: "N passed, N failed".
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const resultsDir = join(root, '.test-results');
const isRoot = process.getuid?.() === 0;

function log(message) {
  console.log(`\n\x1b[1m▶ ${message}\x1b[0m`);
}

function aptInstall(packages) {
  const sudo = isRoot ? [] : ['sudo'];
  const run = (args) =>
    execFileSync(sudo.length ? 'sudo' : args[0], sudo.length ? args : args.slice(1), {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  run(['apt-get', 'update']);
  run(['apt-get', 'install', '-y', '--no-install-recommends', ...packages]);
}

function ensureChromium() {
  const path = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (existsSync(path)) return;
  log(`Chromium not found at ${path}: installing it with apt-get`);
  aptInstall(['chromium']);
}

function ensurePostgres() {
  if (process.env.PG_BIN && existsSync(join(process.env.PG_BIN, 'initdb'))) return;
  const base = '/usr/lib/postgresql';
  const found = existsSync(base) && readdirSync(base).some((v) => existsSync(join(base, v, 'bin', 'initdb')));
  if (found) return;
  log('PostgreSQL server binaries not found: installing them with apt-get');
  aptInstall(['postgresql']);
}

const steps = [];
function step(name, command, args, { results, env = {} } = {}) {
  log(name);
  const started = Date.now();
  const { status } = spawnSync(command, args, {
    stdio: 'inherit',
    cwd: root,
    env: { ...process.env, FORCE_COLOR: process.env.FORCE_COLOR ?? '1', ...env },
  });
  steps.push({ name, ok: status === 0, seconds: (Date.now() - started) / 1000, results });
  return status === 0;
}

function counts(file) {
  if (!file || !existsSync(file)) return undefined;
  const json = JSON.parse(readFileSync(file, 'utf8'));
  // vitest's JSON reporter (jest-compatible) or our web-test-runner summary reporter
  return {
    passed: json.numPassedTests ?? json.passed ?? 0,
    failed: json.numFailedTests ?? json.failed ?? 0,
    skipped: (json.numPendingTests ?? json.skipped ?? 0) + (json.numTodoTests ?? 0),
  };
}

rmSync(resultsDir, { recursive: true, force: true });
mkdirSync(resultsDir, { recursive: true });

ensureChromium();
ensurePostgres();

const pnpm = 'pnpm';
step('Format: every file as Prettier writes it (pnpm format)', pnpm, ['exec', 'prettier', '--check', '--log-level', 'warn', '.']);
step('Lint: typescript-eslint, unused code, import circles (pnpm lint)', pnpm, ['run', 'lint']);
const built = step('Build every package', pnpm, ['run', 'build']);
if (built) {
  step('Type-check', pnpm, ['run', 'typecheck']);
  step('Docs: element, token and part references match the build', process.execPath, ['docs/generate-element-reference.mjs', '--check']);
  const themeResults = join(resultsDir, 'themes.json');
  step(
    'Theme contrast checker tests',
    pnpm,
    [
      '--filter',
      '@care-widgets/themes',
      'exec',
      'vitest',
      'run',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${themeResults}`,
    ],
    { results: themeResults },
  );
  const bffResults = join(resultsDir, 'bff.json');
  step(
    'BFF tests on PGlite and PostgreSQL',
    pnpm,
    ['--filter', '@care-widgets/bff', 'exec', 'vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${bffResults}`],
    { results: bffResults },
  );
  const componentResults = join(resultsDir, 'components.json');
  step('Component tests in Chromium', pnpm, ['--filter', '@care-widgets/components', 'run', 'test'], {
    results: componentResults,
    env: { CARE_TEST_RESULTS: componentResults },
  });
  const storyResults = join(resultsDir, 'stories-a11y.json');
  step('Storybook build and axe on every story in every theme', pnpm, ['--filter', '@care-widgets/stories', 'run', 'test:a11y'], {
    results: storyResults,
    env: { CARE_TEST_RESULTS: storyResults, STORYBOOK_DISABLE_TELEMETRY: '1' },
  });
  const e2eResults = join(resultsDir, 'e2e.json');
  step(
    'End-to-end tests',
    pnpm,
    [
      'exec',
      'vitest',
      'run',
      '--config',
      'e2e/vitest.config.ts',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${e2eResults}`,
    ],
    { results: e2eResults },
  );
}

let passed = 0;
let failed = 0;
let skipped = 0;
console.log('\n\x1b[1mSummary\x1b[0m');
for (const s of steps) {
  const c = counts(s.results);
  if (c) {
    passed += c.passed;
    failed += c.failed;
    skipped += c.skipped;
  }
  if (!s.ok && (!c || c.failed === 0)) failed += 1; // a step that failed outside any test still fails the run
  const detail = c ? ` (${c.passed} passed, ${c.failed} failed${c.skipped ? `, ${c.skipped} skipped` : ''})` : '';
  console.log(`  ${s.ok ? '✔' : '✘'} ${s.name}${detail} — ${s.seconds.toFixed(1)} s`);
}
const allOk = steps.length > 0 && steps.every((s) => s.ok) && passed > 0;
console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(allOk ? 0 : 1);
