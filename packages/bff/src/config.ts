import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { deliveryConfig, deliveryEnvironment, type DeliveryConfig } from './outbox/delivery-config.js';
import { secretKeyProblem } from './security/server-secret.js';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

const booleanString = z.enum(['true', 'false', '1', '0']).transform((value) => value === 'true' || value === '1');

const environmentSchema = z.object({
  CARE_MODE: z.enum(['demo', 'production']).default('production'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  // Faults and timeouts (docs/operations.md).
  DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).max(3_600_000).default(15_000),
  DATABASE_ACQUIRE_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(3_000),
  READY_TIMEOUT_MS: z.coerce.number().int().min(50).max(60_000).default(1_000),
  REQUEST_TIMEOUT_MS: z.coerce.number().int().min(0).max(3_600_000).default(20_000),
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(600_000).default(20_000),
  PGLITE_DATA_DIR: z.string().min(1).default(`${repoRoot}.data/pglite`),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  /** Comma-separated addresses of reverse proxies whose X-Forwarded-For may be believed. */
  TRUSTED_PROXIES: z
    .string()
    .default('')
    .transform((value) =>
      value
        .split(',')
        .map((part) => part.trim())
        .filter(Boolean),
    ),
  WIDGETS_DIR: z.string().min(1).default(`${repoRoot}packages/components/dist`),
  EXAMPLES_DIR: z.string().min(1).default(`${repoRoot}examples`),
  THEMES_DIR: z.string().min(1).default(`${repoRoot}packages/themes/dist`),
  MIGRATE_ON_START: booleanString.default(true),
  /** At least 32 random bytes, base64: keys the one-time-code hashes and seals TOTP secrets. */
  SECRET_KEY: z
    .string()
    .superRefine((value, ctx) => {
      const problem = secretKeyProblem(value.trim());
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    })
    .transform((value) => Buffer.from(value.trim(), 'base64'))
    .optional(),
  /** The BFF's own origin as browsers see it (behind a proxy); by default the request's. */
  PUBLIC_ORIGIN: z.url().optional(),
  ...deliveryEnvironment,
});

export type Config = {
  mode: 'demo' | 'production';
  host: string;
  port: number;
  databaseUrl: string | undefined;
  databasePoolSize: number;
  /** statement_timeout of the pool's connections (0: none). */
  databaseStatementTimeoutMs: number;
  /** How long a request waits for a pooled connection before it gets a 503. */
  databaseAcquireTimeoutMs: number;
  /** /readyz's own database round trip gives up after this. */
  readyTimeoutMs: number;
  /** A request without a response by then gets a 503 (0: no limit); streams and downloads once started are not cut. */
  requestTimeoutMs: number;
  /** On SIGTERM, how long in-flight requests may take before their connections are cut. */
  shutdownGraceMs: number;
  pgliteDataDir: string;
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  trustedProxies: string[];
  widgetsDir: string;
  examplesDir: string;
  themesDir: string;
  migrateOnStart: boolean;
  publicOrigin: string | undefined;
  /** Always set in demo mode; in production only when SECRET_KEY is (the server refuses to start without). */
  secretKey: Buffer | undefined;
  /** SMS gateway and SMTP relay (production); the demo prints to the console. */
  delivery: DeliveryConfig;
};

/**
 * Demo and tests only: a fixed, public key. Production refuses to start without SECRET_KEY.
 */
export const DEVELOPMENT_SECRET_KEY = Buffer.from('care-widgets demo key; never use in production!', 'utf8');

export class ConfigError extends Error {
  constructor(readonly problems: { variable: string; message: string }[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  ${p.variable}: ${p.message}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** The server secret, or a ConfigError naming SECRET_KEY: the HTTP server does not start without it. */
export function requireSecretKey(config: Config): Buffer {
  if (config.secretKey) return config.secretKey;
  throw new ConfigError([
    {
      variable: 'SECRET_KEY',
      message: 'required in production: at least 32 random bytes, base64-encoded (e.g. `openssl rand -base64 32`)',
    },
  ]);
}

/** Reads and validates the environment; a bad value throws a ConfigError naming the variable. */
export function loadConfig(environment: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  // Empty variables count as unset, as a shell user expects from `FOO= cmd`.
  const present = Object.fromEntries(Object.entries(environment).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = environmentSchema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => ({ variable: String(issue.path[0] ?? '(environment)'), message: issue.message })),
    );
  }
  const env = parsed.data;
  const mode = overrides.mode ?? env.CARE_MODE;
  return {
    mode: env.CARE_MODE,
    host: env.HOST,
    port: env.PORT,
    databaseUrl: env.DATABASE_URL,
    databasePoolSize: env.DATABASE_POOL_SIZE,
    databaseStatementTimeoutMs: env.DATABASE_STATEMENT_TIMEOUT_MS,
    databaseAcquireTimeoutMs: env.DATABASE_ACQUIRE_TIMEOUT_MS,
    readyTimeoutMs: env.READY_TIMEOUT_MS,
    requestTimeoutMs: env.REQUEST_TIMEOUT_MS,
    shutdownGraceMs: env.SHUTDOWN_GRACE_MS,
    pgliteDataDir: env.PGLITE_DATA_DIR,
    logLevel: env.LOG_LEVEL,
    trustedProxies: env.TRUSTED_PROXIES,
    widgetsDir: env.WIDGETS_DIR,
    examplesDir: env.EXAMPLES_DIR,
    themesDir: env.THEMES_DIR,
    migrateOnStart: env.MIGRATE_ON_START,
    publicOrigin: env.PUBLIC_ORIGIN?.replace(/\/$/, ''),
    secretKey: env.SECRET_KEY ?? (mode === 'demo' ? DEVELOPMENT_SECRET_KEY : undefined),
    delivery: deliveryConfig(env),
    ...overrides,
  };
}
