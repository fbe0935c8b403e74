import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Polls `url` every `intervalMs` until it answers 200; resolves with the elapsed milliseconds
 * since `since`. Rejects when the process ends first or the deadline passes.
 */
export async function waitForOk(url, { since = performance.now(), intervalMs = 50, timeoutMs = 60_000, child } = {}) {
  let exited = false;
  child?.exited.then(() => (exited = true));
  while (true) {
    if (exited) throw new Error(`the process ended before ${url} answered:\n${child.output()}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
      await response.arrayBuffer();
      if (response.status === 200) return performance.now() - since;
    } catch {
      // not listening yet
    }
    if (performance.now() - since > timeoutMs) {
      throw new Error(`${url} not ready after ${timeoutMs / 1000} s${child ? `:\n${child.output()}` : ''}`);
    }
    await sleep(intervalMs);
  }
}
