import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';

export interface FieldError {
  /** Dotted path of the offending field in the request, e.g. `to` or `items.3.text`. */
  field: string;
  detail: string;
}

/**
 * An error that becomes an RFC 9457 problem response. `type` is a URI reference relative to the
 * BFF (`/problems/<code>`), documented in docs/; `code` repeats its last segment for clients.
 */
export class Problem extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    readonly title: string,
    readonly detail?: string,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(detail ?? title);
    this.name = 'Problem';
  }

  static badRequest(detail: string, errors: FieldError[] = []) {
    return new Problem(400, 'validation', 'De invoer is niet geldig.', detail, errors.length ? { errors } : {});
  }
  static unauthorized(detail = 'U bent niet (meer) ingelogd.') {
    return new Problem(401, 'unauthenticated', 'Niet ingelogd', detail);
  }
  static forbidden(detail: string) {
    return new Problem(403, 'forbidden', 'Geen toegang', detail);
  }
  static notFound(detail = 'Dit bestaat niet of u heeft er geen toegang toe.') {
    return new Problem(404, 'not-found', 'Niet gevonden', detail);
  }
  static conflict(detail: string) {
    return new Problem(409, 'conflict', 'Conflict', detail);
  }
  static tooManyRequests(detail: string, retryAfterSeconds: number) {
    return new Problem(429, 'rate-limited', 'Te veel pogingen', detail, { retryAfter: retryAfterSeconds });
  }
  /** The database is down, failing over, or too busy to answer in time (docs/operations.md). */
  static databaseUnavailable() {
    return new Problem(
      503,
      'database-unavailable',
      'Tijdelijk niet beschikbaar',
      'The data cannot be reached right now. Please try again in a few seconds.',
      { retryAfter: 2 },
    );
  }
  static requestTimeout() {
    return new Problem(
      503,
      'request-timeout',
      'Tijdelijk niet beschikbaar',
      'This took too long to answer. Please try again in a few seconds.',
      { retryAfter: 2 },
    );
  }
}

export function problemBody(problem: Problem, instance: string, requestId: string | undefined) {
  return {
    type: `/problems/${problem.code}`,
    title: problem.title,
    status: problem.status,
    ...(problem.detail ? { detail: problem.detail } : {}),
    instance,
    code: problem.code,
    ...(requestId ? { requestId } : {}),
    ...problem.extensions,
  };
}

export function problemResponse(c: Context, problem: Problem): Response {
  const body = problemBody(problem, new URL(c.req.url).pathname, c.get('requestId') as string | undefined);
  const headers: Record<string, string> = { 'content-type': 'application/problem+json; charset=utf-8' };
  const retryAfter = problem.extensions['retryAfter'];
  if (typeof retryAfter === 'number') headers['retry-after'] = String(retryAfter);
  return c.body(JSON.stringify(body), problem.status, headers);
}

export function fieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => ({
    field: issue.path.length ? issue.path.join('.') : '(body)',
    detail: issue.message,
  }));
}

/** Parses a request body or query with a zod schema; a mismatch is a 400 naming every field. */
export function parseOr400<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const result = schema.safeParse(input);
  if (!result.success) {
    const errors = fieldErrors(result.error);
    throw Problem.badRequest(errors.map((e) => `${e.field}: ${e.detail}`).join('; '), errors);
  }
  return result.data;
}

export async function readJson(c: Context): Promise<unknown> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/([a-z.+-]*\+)?json\b/i.test(type)) {
    throw new Problem(415, 'unsupported-media-type', 'Verkeerd formaat', 'Send the body as application/json.');
  }
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    throw Problem.badRequest('The request body is not valid JSON.', [{ field: '(body)', detail: 'not valid JSON' }]);
  }
  // PostgreSQL text cannot hold U+0000; refused here rather than as a database error.
  if (jsonHasNul(body))
    throw Problem.badRequest('The request body contains a NUL character (\\u0000).', [{ field: '(body)', detail: 'contains U+0000' }]);
  return body;
}

/** True when any string (or key) anywhere in a parsed JSON value holds U+0000. */
function jsonHasNul(value: unknown): boolean {
  const stack: unknown[] = [value];
  while (stack.length) {
    const item = stack.pop();
    if (typeof item === 'string') {
      if (item.includes('\0')) return true;
    } else if (Array.isArray(item)) {
      for (const inner of item) stack.push(inner);
    } else if (item && typeof item === 'object') {
      for (const [key, inner] of Object.entries(item)) {
        if (key.includes('\0')) return true;
        stack.push(inner);
      }
    }
  }
  return false;
}
