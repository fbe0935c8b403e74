import { spawn } from 'node:child_process';
import { createServer } from 'node:net';

/** Every child still running, so that a crash or Ctrl-C of the bench leaves none behind. */
const running = new Set();

function killAllSync() {
  for (const child of running) {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}
process.once('exit', killAllSync);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    killAllSync();
    process.exit(130);
  });
}

export async function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts `node <args>` in its own process group, keeping the last lines of its output for error
 * messages. `child.stop()` asks politely (SIGTERM), then kills the group.
 */
export function startNode(args, { env = {}, cwd, nodeOptions = [] } = {}) {
  const child = spawn(process.execPath, [...nodeOptions, ...args], {
    cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  running.add(child);
  const tail = [];
  const keep = (chunk) => {
    for (const line of chunk.toString().split('\n')) {
      if (!line.trim()) continue;
      tail.push(line);
      if (tail.length > 30) tail.shift();
    }
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise((resolve) => {
    child.once('exit', (code, signal) => {
      running.delete(child);
      resolve({ code, signal });
    });
    child.once('error', (error) => {
      running.delete(child);
      tail.push(String(error));
      resolve({ code: -1, signal: null });
    });
  });

  return {
    pid: child.pid,
    exited,
    output: () => tail.join('\n'),
    get alive() {
      return running.has(child);
    },
    async stop(graceMs = 5000) {
      if (!running.has(child)) return exited;
      try {
        process.kill(child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
      const timer = setTimeout(() => {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }, graceMs);
      const result = await exited;
      clearTimeout(timer);
      // Anything the child itself started goes with it.
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // group already empty
      }
      return result;
    },
  };
}

/** Runs `node <args>` to completion; rejects with its output when it fails or takes too long. */
export async function runNode(args, { env, cwd, timeoutMs = 120_000, what = args.join(' ') } = {}) {
  const child = startNode(args, { env, cwd });
  const timer = setTimeout(() => void child.stop(1000), timeoutMs);
  const { code, signal } = await child.exited;
  clearTimeout(timer);
  if (code !== 0) {
    throw new Error(
      `${what} failed (${signal ?? `exit ${code}`}${signal === 'SIGTERM' ? `, over ${timeoutMs / 1000} s` : ''}):\n${child.output()}`,
    );
  }
  return child.output();
}

/** Peak resident set size of a live process, in bytes (Linux). */
export async function peakRss(pid) {
  const { readFile } = await import('node:fs/promises');
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const match = /^VmHWM:\s+(\d+)\s+kB/m.exec(status);
  if (!match) throw new Error(`no VmHWM in /proc/${pid}/status`);
  return Number(match[1]) * 1024;
}
