import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sessionCookieName } from './auth/session.js';
import { storeStaffMessage } from './messages/queries.js';
import { ensureBuiltCli, listening, productionEnvironment, startBffProcess, type BffProcess } from './testing/bff-process.js';
import { EventReader } from './testing/event-reader.js';
import { createTenant } from './testing/fixtures.js';
import { startPostgresCluster, type PostgresCluster } from './testing/postgres-cluster.js';
import { signedInClient, type SignedInClient } from './testing/signed-in.js';
import { openTestDatabase, type TestDatabase } from './testing/test-database.js';

// Fault injection on a throwaway cluster of this file's own: it is crashed and restarted, and the
// BFF runs as `care-bff start` in a child process, as in production (durable commits, production mode).
let cluster: PostgresCluster;
let database: TestDatabase;
let alice: SignedInClient;
let env: Record<string, string>;
const children: BffProcess[] = [];

beforeAll(async () => {
  await ensureBuiltCli();
  cluster = await startPostgresCluster({ durable: true });
  database = await openTestDatabase('postgres', cluster.url);
  alice = await signedInClient(database.db, await createTenant(database.db, { allowedOrigins: ['http://localhost'] }));
  env = { DATABASE_URL: database.url!, ...productionEnvironment(), MIGRATE_ON_START: 'true' };
}, 120_000);
afterEach(async () => {
  for (const child of children.splice(0)) await child.kill();
});
afterAll(async () => {
  await database?.close().catch(() => {});
  await cluster?.stop();
});

async function bff(extra: Record<string, string> = {}, options?: { waitForListening?: boolean }) {
  const child = await startBffProcess({ ...env, ...extra }, options);
  children.push(child);
  return child;
}

function api(child: BffProcess, path: string, init: RequestInit & { json?: unknown } = {}) {
  const { json, ...rest } = init;
  const headers = new Headers(rest.headers);
  headers.set('cookie', `${sessionCookieName(alice.tenant.slug)}=${alice.token}`);
  if (json !== undefined) {
    headers.set('content-type', 'application/json');
    headers.set('origin', 'http://localhost');
    headers.set('x-care-widgets', '1');
    headers.set('idempotency-key', randomUUID());
  }
  return fetch(`${child.url}/api/tenants/${alice.tenant.slug}${path}`, {
    ...rest,
    method: rest.method ?? (json !== undefined ? 'POST' : 'GET'),
    headers,
    ...(json !== undefined ? { body: JSON.stringify(json) } : {}),
    signal: rest.signal ?? AbortSignal.timeout(10_000),
  });
}

async function expectDatabaseUnavailable(response: Response) {
  expect(response.status).toBe(503);
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
  expect(await response.json()).toMatchObject({ status: 503, code: 'database-unavailable' });
}

/** Polls until `path` answers 200; the milliseconds it took. */
async function untilOk(child: BffProcess, path: string, ms = 15_000) {
  const started = performance.now();
  for (;;) {
    const response = await api(child, path).catch(() => undefined);
    await response?.arrayBuffer();
    if (response?.status === 200) return performance.now() - started;
    if (performance.now() - started > ms) throw new Error(`${path} did not answer 200 within ${ms} ms (last ${response?.status})`);
    await sleep(50);
  }
}

async function readyStatus(child: BffProcess) {
  const started = performance.now();
  const response = await fetch(`${child.url}/readyz`, { signal: AbortSignal.timeout(5000) });
  await response.arrayBuffer();
  return { status: response.status, ms: performance.now() - started };
}

/** Writes through a connection of the test's own, retrying while the server is still starting up. */
async function storeWhenUp(body: string) {
  for (let attempt = 0; ; attempt++) {
    try {
      return await storeStaffMessage(database.db, { tenantId: alice.tenant.id, clientId: alice.clientId, senderName: 'Zr. Jansen', body });
    } catch (error) {
      if (attempt > 200) throw error;
      await sleep(25);
    }
  }
}

describe('PostgreSQL goes away under load', () => {
  it('the process survives, answers only 503 problem+json while it is away, and serves again once it is back', async () => {
    const child = await bff();
    await untilOk(child, '/messages');
    const statuses: Record<string, number> = {};
    const acknowledged: string[] = [];
    let running = true;
    const worker = async (i: number) => {
      for (let n = 0; running; n++) {
        const response = await (
          n % 2 ? api(child, '/messages?limit=5') : api(child, '/messages', { json: { body: `last ${i}-${n}` } })
        ).catch((error: Error) => error);
        if (response instanceof Error) {
          statuses[`network: ${response.message}`] = (statuses[`network: ${response.message}`] ?? 0) + 1;
          continue;
        }
        statuses[response.status] = (statuses[response.status] ?? 0) + 1;
        if (response.status === 201) acknowledged.push(((await response.json()) as { id: string }).id);
        else if (response.status === 503) await expectDatabaseUnavailable(response);
        else await response.arrayBuffer();
        if (response.status === 503) await sleep(20);
      }
    };
    const workers = Array.from({ length: 8 }, (_, i) => worker(i));
    await sleep(400);

    await cluster.crash();
    const ready = await readyStatus(child);
    expect(ready.status).toBe(503);
    expect(ready.ms).toBeLessThan(1500);
    await sleep(1000);
    expect(child.alive).toBe(true);
    await expectDatabaseUnavailable(await api(child, '/messages'));

    await cluster.restart();
    await untilOk(child, '/messages', 10_000);
    expect((await readyStatus(child)).status).toBe(200);
    running = false;
    await Promise.all(workers);

    expect(child.alive).toBe(true);
    expect(Object.keys(statuses).sort()).toEqual(expect.arrayContaining(['200', '201', '503']));
    expect(Object.keys(statuses).filter((status) => !['200', '201', '503'].includes(status))).toEqual([]);
    expect(child.output()).not.toMatch(/unhandled error|Unhandled 'error' event/i);
    // Every message the BFF acknowledged is stored (durable commits).
    const stored = new Set(
      (await database.db.selectFrom('messages').select('id').where('client_id', '=', alice.clientId).execute()).map((row) => row.id),
    );
    expect(acknowledged.filter((id) => !stored.has(id))).toEqual([]);
  });

  it('an open message stream gets every message stored right after PostgreSQL restarts', async () => {
    const child = await bff();
    const response = await api(child, '/messages/stream', { signal: AbortSignal.timeout(30_000) });
    expect(response.status).toBe(200);
    const stream = new EventReader(response);
    await stream.unread();

    await cluster.crash();
    await sleep(300);
    await cluster.restart();
    // Stored before the BFF listens again: no notification tells it.
    const stored = [await storeWhenUp('na de herstart 1'), await storeWhenUp('na de herstart 2')];
    const received = [(await stream.message(5000)).id, (await stream.message(5000)).id];
    expect(received.sort()).toEqual(stored.map((s) => s.id).sort());
    await stream.close();
  });

  it('starting while the database is down waits with a clear log line, then comes up by itself', async () => {
    await cluster.crash();
    const child = await bff({}, { waitForListening: false });
    await child.waitForOutput(/database not reachable; waiting for it before starting/, 10_000);
    await sleep(500);
    expect(child.alive).toBe(true);
    await cluster.restart();
    await listening(child, 15_000);
    await untilOk(child, '/messages');
  });
});

describe('nothing waits for ever', () => {
  it('a statement stuck behind a lock gives 503, a full pool gives a fast 503, and /readyz still answers', async () => {
    const child = await bff({ DATABASE_STATEMENT_TIMEOUT_MS: '1500', DATABASE_POOL_SIZE: '2', DATABASE_ACQUIRE_TIMEOUT_MS: '300' });
    await untilOk(child, '/reports');
    const locker = new pg.Client({ connectionString: database.url! });
    await locker.connect();
    try {
      await locker.query('begin');
      await locker.query('lock table reports in access exclusive mode');
      const started = performance.now();
      const blocked = [api(child, '/reports'), api(child, '/reports')];
      await sleep(300);
      // Both pooled connections now wait on the lock.
      const queued = performance.now();
      await expectDatabaseUnavailable(await api(child, '/messages'));
      expect(performance.now() - queued).toBeLessThan(1200);
      const ready = await readyStatus(child);
      expect(ready.status).toBe(200);
      expect(ready.ms).toBeLessThan(1000);
      for (const response of await Promise.all(blocked)) await expectDatabaseUnavailable(response);
      expect(performance.now() - started).toBeLessThan(4000);
    } finally {
      await locker.query('rollback').catch(() => {});
      await locker.end();
    }
    await untilOk(child, '/reports');
  });
});

describe('SIGTERM', () => {
  it('finishes the requests in flight, tells open streams to reconnect, and exits cleanly', async () => {
    const child = await bff({ SHUTDOWN_GRACE_MS: '10000' });
    await untilOk(child, '/reports');
    const stream = new EventReader(await api(child, '/messages/stream', { signal: AbortSignal.timeout(30_000) }));
    await stream.unread();

    const locker = new pg.Client({ connectionString: database.url! });
    await locker.connect();
    let inFlight: Promise<Response>[];
    try {
      await locker.query('begin');
      await locker.query('lock table reports, messages in exclusive mode');
      inFlight = [
        ...Array.from({ length: 6 }, () => api(child, '/reports', { signal: AbortSignal.timeout(20_000) })),
        ...Array.from({ length: 4 }, (_, i) =>
          api(child, '/messages', { json: { body: `tijdens het stoppen ${i}` }, signal: AbortSignal.timeout(20_000) }),
        ),
      ];
      await sleep(500);
      child.signal('SIGTERM');
      // The open stream is told to come back (elsewhere) and ends, without a socket error.
      expect((await stream.next((e) => e.retry !== undefined && e.retry !== '3000', 3000)).retry).toMatch(/^\d+$/);
      expect(await stream.ended(3000)).toBe(true);
      // No new connections while draining.
      await expect(fetch(`${child.url}/healthz`, { signal: AbortSignal.timeout(2000) })).rejects.toThrow();
      await sleep(500);
    } finally {
      await locker.query('commit').catch(() => {});
      await locker.end();
    }
    const answers = await Promise.all(inFlight);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 201, 201, 201, 201]);
    const sent = await Promise.all(answers.filter((r) => r.status === 201).map(async (r) => ((await r.json()) as { id: string }).id));
    const stored = await database.db.selectFrom('messages').select('id').where('id', 'in', sent).execute();
    expect(stored).toHaveLength(4);

    expect(await child.exited).toEqual({ code: 0, signal: null });
    expect(child.output()).not.toMatch(/driver has already been destroyed|unhandled error/i);
  });
});
