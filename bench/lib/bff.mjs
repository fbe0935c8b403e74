// Shared by the rows that need a BFF on real PostgreSQL (login, pdf): a throwaway cluster with
// the demo seed, a BFF child on it, a signed-in session made directly in the database.
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { startDeliverySinks } from './delivery-sinks.mjs';
import { waitForOk } from './http.mjs';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { bffCli, bffDist, importBff, repoRoot } from './paths.mjs';
import { freePort, runNode, startNode } from './processes.mjs';

/**
 * A throwaway PostgreSQL cluster (testing/postgres-cluster.js) migrated and seeded by
 * `care-bff seed`, with loopback SMS and SMTP sinks (production mode needs both). Returns
 * `{ url, env, sinks, stop, cluster }`; `env` is what a BFF child needs on it;
 * `durable`: fsync and synchronous_commit on, as in production (the `faults` row crashes it).
 */
export async function startSeededPostgres({ poolSize = 20, durable = false } = {}) {
  const { startPostgresCluster } = await importBff('testing/postgres-cluster.js');
  const cluster = await startPostgresCluster({ durable });
  const sinks = await startDeliverySinks();
  const env = {
    ...sinks.env,
    DATABASE_URL: cluster.url,
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    CARE_MODE: 'production',
    DATABASE_POOL_SIZE: String(poolSize),
    // Production mode wants a key of its own; a throwaway one for a throwaway database.
    SECRET_KEY: randomBytes(32).toString('base64'),
  };
  try {
    await runNode([bffCli, 'seed'], { cwd: repoRoot, env, timeoutMs: 40_000, what: 'care-bff seed' });
  } catch (error) {
    await sinks.stop();
    await cluster.stop();
    throw error;
  }
  return {
    url: cluster.url,
    env,
    /** What the loopback SMS gateway and SMTP server received (lib/delivery-sinks.mjs). */
    sinks,
    stop: async () => {
      await sinks.stop();
      await cluster.stop();
    },
    cluster,
  };
}

/** `care-bff start` (add `'--demo'` in `args`) on a free port; resolves once /readyz answers 200. */
export async function startBff(env, { args = [], nodeOptions = [], readyTimeoutMs = 30_000 } = {}) {
  const port = await freePort();
  const child = startNode([bffCli, 'start', ...args], { cwd: repoRoot, env: { ...env, PORT: String(port) }, nodeOptions });
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForOk(`${url}/readyz`, { timeoutMs: readyTimeoutMs, child });
  } catch (error) {
    await child.stop();
    // The table shows an error's first line: name what the child said, not only that it ended.
    const said = child
      .output()
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean);
    const cause = said.find((line) => /error|invalid|required|refused|EADDRINUSE/i.test(line) && !/^at /.test(line)) ?? said.at(-1);
    throw new Error(`care-bff start ${args.join(' ')} did not get ready${cause ? `: ${cause}` : ''}\n${error.message}`, { cause: error });
  }
  return { url, port, pid: child.pid, child, stop: () => child.stop() };
}

/** Opens the BFF's own database layer on `url`; `close()` when done. */
export async function openBffDatabase(url, poolSize = 8) {
  const { openDatabase } = await importBff('db/database.js');
  return openDatabase({ databaseUrl: url, poolSize });
}

export async function tenantOrThrow(db, slug) {
  const { tenantBySlug } = await importBff('tenants/queries.js');
  const tenant = await tenantBySlug(db, slug);
  if (!tenant) throw new Error(`the seed has no tenant ${slug}`);
  return tenant;
}

/**
 * `count` active sessions of `username` (its own client first), made in the database as the BFF's
 * code step would leave them, one per simulated reader. Returns `{ account: { accountId, clientId },
 * sessions: [{ id, hash, cookie }] }`; `hash` is the token's as the BFF stores it (for replaying the
 * BFF's statements as another session).
 */
export async function activeSessions(db, tenant, username, count) {
  const { createSession, sessionCookieName, hashToken } = await importBff('auth/session.js');
  const account = await db
    .selectFrom('accounts as a')
    .innerJoin('account_clients as ac', (join) => join.onRef('ac.tenant_id', '=', 'a.tenant_id').onRef('ac.account_id', '=', 'a.id'))
    .select(['a.id as accountId', 'ac.client_id as clientId'])
    .where('a.tenant_id', '=', tenant.id)
    .where('a.username', '=', username)
    .orderBy('ac.relation', 'desc')
    .executeTakeFirst();
  if (!account) throw new Error(`${tenant.slug} has no account ${username} linked to a client`);
  const sessions = [];
  for (let i = 0; i < count; i++) {
    const { token, id } = await createSession(db, { tenant, ...account, state: 'active', ip: null, userAgent: null });
    sessions.push({ id, hash: hashToken(token), cookie: `${sessionCookieName(tenant.slug)}=${token}` });
  }
  return { account, sessions };
}

/** One active session of `username`, as `activeSessions`: `{ cookie, accountId, clientId }`. */
export async function activeSession(db, tenant, username) {
  const { account, sessions } = await activeSessions(db, tenant, username, 1);
  return { cookie: sessions[0].cookie, ...account };
}

/** A process's resident set now (`VmRSS`) or its peak since start or the last reset (`VmHWM`), in bytes. */
export async function memoryOf(pid) {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = (field) => Number(new RegExp(`^${field}:\\s+(\\d+)\\s+kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
  return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
}

/**
 * Gives this process the server key of a BFF child started with `env` (SECRET_KEY), where the BFF
 * has one: one-time code hashes are keyed with it, so codes issued here must use the same key.
 */
export async function shareServerSecret(env) {
  if (!existsSync(join(bffDist, 'security/server-secret.js'))) return;
  const { configureServerSecret } = await importBff('security/server-secret.js');
  const { loadConfig, requireSecretKey } = await importBff('config.js');
  const config = loadConfig({ ...env });
  configureServerSecret(requireSecretKey ? requireSecretKey(config) : config.secretKey);
}

/**
 * `count` bench clients in `tenant`, each with its own active portal account (relation self);
 * `label` keeps usernames, e-mail addresses and mobile numbers apart between row groups.
 * Returns `[{ accountId, clientId }]`. Sessions are made in the database (`createSession`).
 */
export async function insertBenchClients(db, tenant, { count, label, mobileBase = 80_000_000 }) {
  const now = new Date();
  const clients = await db
    .insertInto('clients')
    .values(
      Array.from({ length: count }, (_, i) => ({
        tenant_id: tenant.id,
        first_name: 'Bench',
        last_name: `${label} ${String(i).padStart(3, '0')}`,
        date_of_birth: '1940-01-01',
      })),
    )
    .returning('id')
    .execute();
  const accounts = await db
    .insertInto('accounts')
    .values(
      clients.map((_, i) => {
        const n = String(i).padStart(3, '0');
        return {
          tenant_id: tenant.id,
          username: `bench-${label}-${n}@bench.invalid`,
          display_name: `Bench ${n}`,
          email: `bench-${label}-${n}@bench.invalid`,
          mobile_phone: `+316${String(mobileBase + i)}`,
          password_hash: 'unused: sessions are made in the database',
          password_changed_at: now,
          must_change_password: false,
          terms_version_accepted: tenant.settings.terms.version,
          terms_accepted_at: now,
          second_factor: 'sms',
          status: 'active',
        };
      }),
    )
    .returning('id')
    .execute();
  await db
    .insertInto('account_clients')
    .values(accounts.map((a, i) => ({ tenant_id: tenant.id, account_id: a.id, client_id: clients[i].id, relation: 'self' })))
    .execute();
  return accounts.map((a, i) => ({ accountId: a.id, clientId: clients[i].id }));
}
