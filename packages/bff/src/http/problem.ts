import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';

/**
 * A text a person reads in a widget: Dutch, with its English when there is one. A plain string
 * is the same in both languages (developer-facing texts, already English).
 */
export type Text = string | { readonly nl: string; readonly en: string };

export type Language = 'nl' | 'en';

export function inLanguage(text: Text, language: Language): string {
  return typeof text === 'string' ? text : text[language];
}

/** The longest Accept-Language read; a longer one (attacker-chosen, no browser sends it) is Dutch. */
const MAX_ACCEPT_LANGUAGE = 256;

/**
 * The language of a problem's texts: English only when the request's preferred language (the
 * first tag of highest q) is English (`en`, `en-GB`…), otherwise Dutch, as without the header.
 */
export function problemLanguage(acceptLanguage: string | undefined): Language {
  if (!acceptLanguage || acceptLanguage.length > MAX_ACCEPT_LANGUAGE) return 'nl';
  let best = { tag: '', q: 0 };
  for (const range of acceptLanguage.split(',', 32)) {
    const [tag = '', ...params] = range.trim().toLowerCase().split(';');
    const q = params.map((p) => /^\s*q\s*=\s*([01](?:\.\d{0,3})?)\s*$/.exec(p)?.[1]).find(Boolean);
    const weight = q === undefined ? 1 : Math.min(Number(q), 1);
    if (weight > best.q) best = { tag: tag.trim(), q: weight };
  }
  return /^en(-|$)/.test(best.tag) ? 'en' : 'nl';
}

export const TEMPORARILY_UNAVAILABLE: Text = { nl: 'Tijdelijk niet beschikbaar', en: 'Temporarily unavailable' };

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
    readonly title: Text,
    readonly detail?: Text,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(inLanguage(detail ?? title, 'nl'));
    this.name = 'Problem';
  }

  static badRequest(detail: Text, errors: FieldError[] = []) {
    return new Problem(
      400,
      'validation',
      { nl: 'De invoer is niet geldig.', en: 'The input is not valid.' },
      detail,
      errors.length ? { errors } : {},
    );
  }
  static unauthorized(detail: Text = { nl: 'U bent niet (meer) ingelogd.', en: 'You are not signed in (any more).' }) {
    return new Problem(401, 'unauthenticated', { nl: 'Niet ingelogd', en: 'Not signed in' }, detail);
  }
  static forbidden(detail: Text) {
    return new Problem(403, 'forbidden', { nl: 'Geen toegang', en: 'No access' }, detail);
  }
  static notFound(
    detail: Text = { nl: 'Dit bestaat niet of u heeft er geen toegang toe.', en: 'This does not exist or you have no access to it.' },
  ) {
    return new Problem(404, 'not-found', { nl: 'Niet gevonden', en: 'Not found' }, detail);
  }
  static conflict(detail: Text) {
    return new Problem(409, 'conflict', 'Conflict', detail);
  }
  static tooManyRequests(detail: Text, retryAfterSeconds: number) {
    return new Problem(429, 'rate-limited', { nl: 'Te veel pogingen', en: 'Too many attempts' }, detail, { retryAfter: retryAfterSeconds });
  }
  /** The database is down, failing over, or too busy to answer in time (docs/operations.md). */
  static databaseUnavailable() {
    return new Problem(
      503,
      'database-unavailable',
      TEMPORARILY_UNAVAILABLE,
      'The data cannot be reached right now. Please try again in a few seconds.',
      { retryAfter: 2 },
    );
  }
  static requestTimeout() {
    return new Problem(
      503,
      'request-timeout',
      TEMPORARILY_UNAVAILABLE,
      'This took too long to answer. Please try again in a few seconds.',
      { retryAfter: 2 },
    );
  }
}

export function problemBody(problem: Problem, instance: string, requestId: string | undefined, language: Language = 'nl') {
  return {
    type: `/problems/${problem.code}`,
    title: inLanguage(problem.title, language),
    status: problem.status,
    ...(problem.detail ? { detail: inLanguage(problem.detail, language) } : {}),
    instance,
    code: problem.code,
    ...(requestId ? { requestId } : {}),
    ...problem.extensions,
  };
}

/** The problem as RFC 9457 JSON, its texts in the request's language (problemLanguage). */
export function problemResponse(c: Context, problem: Problem): Response {
  const language = problemLanguage(c.req.header('accept-language'));
  const body = problemBody(problem, new URL(c.req.url).pathname, c.get('requestId') as string | undefined, language);
  const headers: Record<string, string> = {
    'content-type': 'application/problem+json; charset=utf-8',
    'content-language': language,
  };
  const retryAfter = problem.extensions['retryAfter'];
  if (typeof retryAfter === 'number') headers['retry-after'] = String(retryAfter);
  const response = c.body(JSON.stringify(body), problem.status, headers);
  response.headers.append('vary', 'Accept-Language');
  return response;
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
    throw new Problem(415, 'unsupported-media-type', { nl: 'Verkeerd formaat', en: 'Wrong format' }, 'Send the body as application/json.');
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
