import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const packageDir = fileURLToPath(new URL('../../', import.meta.url));
const cli = join(packageDir, 'dist', 'cli.js');

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : entry.name.endsWith('.ts') ? statSync(path).mtimeMs : 0);
  }
  return newest;
}

/** Builds dist/ when a source file is newer than dist/cli.js, so a child process runs the code under test. */
export async function ensureBuiltCli(): Promise<string> {
  let built = 0;
  try {
    built = statSync(cli).mtimeMs;
  } catch {
    // not built yet
  }
  if (built < newestSource(join(packageDir, 'src'))) {
    await promisify(execFile)(
      process.execPath,
      [join(packageDir, '../../node_modules/typescript/bin/tsc'), '-p', join(packageDir, 'tsconfig.build.json')],
      { cwd: packageDir },
    );
  }
  return cli;
}

/**
 * What production mode needs to start, for tests that send no SMS or e-mail: a throwaway server
 * key, and delivery settings pointing at a port nothing listens on.
 */
export function productionEnvironment(): Record<string, string> {
  return {
    CARE_MODE: 'production',
    SECRET_KEY: randomBytes(32).toString('base64'),
    SMS_PROVIDER: 'spryng',
    SMS_API_KEY: 'unused',
    SMS_BASE_URL: 'http://127.0.0.1:9/v1',
    SMTP_URL: 'smtp://127.0.0.1:9',
    MAIL_FROM: 'portaal@test.invalid',
  };
}

export interface BffProcess {
  readonly pid: number;
  /** Set once the server logged its address. */
  url: string;
  /** Everything it printed so far (capped at a few MB). */
  output(): string;
  readonly alive: boolean;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves once a printed line matches, or rejects after `ms`. */
  waitForOutput(pattern: RegExp, ms?: number): Promise<void>;
  signal(signal: NodeJS.Signals): void;
  /** SIGKILL by pid, if it still runs. */
  kill(): Promise<void>;
}

/**
 * Production mode refuses to start without an SMS gateway and SMTP. These processes send no
 * message, so both point at a loopback port where nothing listens (a test that needs delivery
 * passes its own).
 */
const unreachableProviders = {
  SMS_PROVIDER: 'spryng',
  SMS_API_KEY: 'not-used',
  SMS_BASE_URL: 'http://127.0.0.1:9/v1',
  SMTP_URL: 'smtp://127.0.0.1:9',
  MAIL_FROM: 'portaal@bff-process.invalid',
};

/**
 * `care-bff start` as a child process on a free loopback port, as an operator runs it: for
 * tests of what only a whole process shows (it survives a fault, drains on SIGTERM).
 * `waitForListening: false` returns at once (e.g. while the database is still down).
 */
export async function startBffProcess(env: Record<string, string>, options: { waitForListening?: boolean } = {}): Promise<BffProcess> {
  const path = await ensureBuiltCli();
  const child = spawn(process.execPath, [path, 'start'], {
    cwd: packageDir,
    env: { ...process.env, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info', ...unreachableProviders, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    if (output.length < 8e6) output += chunk.toString();
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let alive = true;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => {
      alive = false;
      resolve({ code, signal });
    });
  });
  const process_: BffProcess = {
    pid: child.pid!,
    url: '',
    output: () => output,
    get alive() {
      return alive;
    },
    exited,
    async waitForOutput(pattern, ms = 20_000) {
      const deadline = performance.now() + ms;
      while (!pattern.test(output)) {
        if (!alive) throw new Error(`care-bff start ended before printing ${pattern}:\n${output.slice(-3000)}`);
        if (performance.now() > deadline)
          throw new Error(`care-bff start did not print ${pattern} within ${ms} ms:\n${output.slice(-3000)}`);
        await sleep(20);
      }
    },
    signal: (signal) => void child.kill(signal),
    async kill() {
      if (!alive) return;
      process.kill(child.pid!, 'SIGKILL');
      await exited;
    },
  };
  if (options.waitForListening !== false) await listening(process_);
  return process_;
}

/** Waits for the 'listening' log line and takes the URL from it. */
export async function listening(bff: BffProcess, ms = 20_000): Promise<string> {
  await bff.waitForOutput(/"msg":"listening"/, ms);
  bff.url = /"msg":"listening".*?"url":"([^"]+)"/.exec(bff.output())![1]!;
  return bff.url;
}
