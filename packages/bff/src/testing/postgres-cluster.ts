import { execFile, execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface PostgresCluster {
  /** Superuser URL of the cluster's `postgres` database, on 127.0.0.1. */
  url: string;
  port: number;
  stop(): Promise<void>;
  /** The postmaster's process id while it runs (from postmaster.pid). */
  postmasterPid(): number | undefined;
  /** Stops the server at once, as a crash would (`pg_ctl stop -m immediate`): every connection cut, no checkpoint. */
  crash(): Promise<void>;
  /** `kill -9` of the postmaster; then its backends, by pid, once they have had a moment to notice. */
  killPostmaster(): Promise<void>;
  /** Starts the server again on the same port and data (after crash recovery). */
  restart(): Promise<void>;
}

export interface PostgresClusterOptions {
  /** fsync and synchronous_commit on, as in production: a crash loses no acknowledged commit. */
  durable?: boolean;
}

/** The newest installed PostgreSQL server binaries, or PG_BIN. */
export function findPostgresBin(): string {
  if (process.env['PG_BIN']) return process.env['PG_BIN'];
  const base = '/usr/lib/postgresql';
  const versions = existsSync(base)
    ? readdirSync(base)
        .filter((v) => existsSync(join(base, v, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (!versions[0]) throw new Error('No PostgreSQL server binaries found under /usr/lib/postgresql; install postgresql or set PG_BIN.');
  return join(base, versions[0], 'bin');
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts a throwaway PostgreSQL cluster in a temporary directory on a loopback port, tuned for
 * tests (no fsync). PostgreSQL refuses to run as root, so as root it runs as the `postgres` user.
 */
export async function startPostgresCluster(clusterOptions: PostgresClusterOptions = {}): Promise<PostgresCluster> {
  const bin = findPostgresBin();
  const dir = mkdtempSync(join(tmpdir(), 'care-pg-'));
  const dataDir = join(dir, 'data');
  const asRoot = process.getuid?.() === 0;
  const command = (tool: string, args: string[]) =>
    asRoot ? { file: 'runuser', args: ['-u', 'postgres', '--', join(bin, tool), ...args] } : { file: join(bin, tool), args };
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(dir, uid, gid);
    chmodSync(dir, 0o700);
  }

  const initdb = command('initdb', ['-D', dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-locale', '--no-sync']);
  await run(initdb.file, initdb.args);

  const port = await freePort();
  const options = [
    `-p ${port}`,
    '-c listen_addresses=127.0.0.1',
    `-c unix_socket_directories=${dir}`,
    ...(clusterOptions.durable
      ? ['-c fsync=on', '-c synchronous_commit=on']
      : ['-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off']),
    '-c max_connections=300',
    '-c shared_buffers=128MB',
  ].join(' ');
  const start = command('pg_ctl', ['-D', dataDir, '-o', options, '-l', join(dir, 'server.log'), '-w', '-t', '60', 'start']);
  await run(start.file, start.args);
  const postmasterPid = () => {
    try {
      return Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]) || undefined;
    } catch {
      return undefined;
    }
  };

  const stopSync = () => {
    try {
      const stop = command('pg_ctl', ['-D', dataDir, '-m', 'immediate', '-w', 'stop']);
      execFileSync(stop.file, stop.args, { stdio: 'ignore' });
    } catch {
      // already stopped
    }
    rmSync(dir, { recursive: true, force: true });
  };
  // A crashed test run must not leave a server behind.
  process.once('exit', stopSync);

  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    async stop() {
      process.removeListener('exit', stopSync);
      stopSync();
    },
    postmasterPid,
    async crash() {
      const stop = command('pg_ctl', ['-D', dataDir, '-m', 'immediate', '-w', '-t', '30', 'stop']);
      await run(stop.file, stop.args);
    },
    async killPostmaster() {
      const pid = postmasterPid();
      if (!pid) throw new Error('the cluster is not running');
      const backends = childrenOf(pid);
      process.kill(pid, 'SIGKILL');
      // Orphaned backends end by themselves when they notice; whatever is left after 5 s is killed.
      for (let waited = 0; waited < 5000 && backends.some(alive); waited += 50) await sleep(50);
      for (const backend of backends.filter(alive)) process.kill(backend, 'SIGKILL');
      for (let waited = 0; waited < 2000 && [pid, ...backends].some(alive); waited += 20) await sleep(20);
    },
    async restart() {
      await run(start.file, start.args);
    },
  };
}

function childrenOf(parent: number): number[] {
  const children: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // "pid (comm) state ppid …": comm may hold spaces, so split after its closing parenthesis.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === parent) children.push(Number(entry));
    } catch {
      // ended meanwhile
    }
  }
  return children;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
