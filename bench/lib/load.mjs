// A bounded load loop with a fixed number of requests in flight, for requests that differ one
// from the next (another account, cookie or address each time), where autocannon's fixed
// request set does not fit.

/**
 * Runs `request(i)` with `concurrency` in flight until `seconds` pass or `max` requests were
 * started. `request` resolves `true` for a success, or a short string naming the failure.
 * Returns `{ requests, ok, seconds, rate (successes/s), p50, p99, failures: { reason: count } }`.
 */
export async function fixedConcurrency({ concurrency, seconds, max = Infinity, request, startAt = 0 }) {
  const latencies = [];
  const failures = {};
  let next = startAt;
  const end = startAt + max;
  const started = performance.now();
  const until = started + seconds * 1000;
  const worker = async () => {
    while (performance.now() < until && next < end) {
      const i = next++;
      const t0 = performance.now();
      let outcome;
      try {
        outcome = await request(i);
      } catch (error) {
        outcome = error?.cause?.code ?? error?.name ?? 'error';
      }
      if (outcome === true) latencies.push(performance.now() - t0);
      else failures[outcome] = (failures[outcome] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    requests: next - startAt,
    ok: latencies.length,
    next,
    seconds: elapsed,
    rate: latencies.length / elapsed,
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    failures,
  };
}

/** Nearest-rank percentile of sorted numbers; NaN for none. */
export function percentile(sorted, q) {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(sorted.length * q) - 1))];
}

/** `(12 × 401 invalid-credentials, 3 × ECONNRESET)`, or '' when nothing failed. */
export function describeFailures(failures) {
  const parts = Object.entries(failures).map(([reason, count]) => `${count} × ${reason}`);
  return parts.length ? ` (failed: ${parts.join(', ')})` : '';
}
