/**
 * Whether an error means "the database cannot serve this now" rather than "this request is
 * wrong": the server is down, restarting or failing over, a connection was cut, no pooled
 * connection came free in time, or a statement ran into statement_timeout. The API answers
 * those with 503 and Retry-After (see app.ts), never 500.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; current = current.cause, depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && (NETWORK_CODES.has(code) || SQLSTATES.has(code) || code.startsWith('08'))) return true;
    if (MESSAGES.some((pattern) => pattern.test(current instanceof Error ? current.message : ''))) return true;
  }
  return false;
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

// 08xxx connection exceptions are matched by class above.
const SQLSTATES = new Set([
  '57P01', // admin_shutdown: pg_terminate_backend, or a fast shutdown
  '57P02', // crash_shutdown: another backend crashed
  '57P03', // cannot_connect_now: starting up, or recovering
  '57014', // query_canceled: statement_timeout
  '53300', // too_many_connections
  '25006', // read_only_sql_transaction: a fail-over left us on a standby for a moment
]);

// pg and Kysely say these in plain text, without a code.
const MESSAGES = [
  /^Connection terminated/,
  /timeout exceeded when trying to connect/,
  /is not queryable/,
  /^Query read timeout/,
  /driver has already been destroyed/,
  /Cannot use a pool after calling end/,
];
