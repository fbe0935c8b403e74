import { z } from 'zod';

/**
 * The widget API's contract, one entry per route: what it takes (path parameters, query, body,
 * headers) and what it answers, as zod schemas. Each feature declares its routes' entries in its
 * own `schemas.ts`; the routes parse their requests with those schemas, openapi/openapi.ts turns
 * them into the OpenAPI document, and the tests check every answer against them. This module
 * only depends on zod, so the widgets can import the inferred types (api-types.ts).
 */
export type Method = 'get' | 'post' | 'put' | 'delete';

export interface ResponseSpec {
  description: string;
  /** An `application/json` body. */
  json?: z.ZodType;
  /** An RFC 9457 `application/problem+json` body. */
  problem?: true;
  /** Any other body: a PDF, iCalendar, CSV, an event stream. */
  media?: { type: string; binary?: boolean };
}

export type SecurityRequirement = Record<string, string[]>;

export interface Operation {
  method: Method;
  /**
   * OpenAPI path below the API's server URL: for the widget API below /api/tenants/{tenant}, e.g.
   * `/reports/latest` or `/measurements/{id}`; for the integration API below /integration/v1.
   */
  path: string;
  operationId?: string;
  tags: string[];
  summary: string;
  description?: string;
  security?: SecurityRequirement[];
  /** Path parameters: a property per `{name}` of the path. */
  params?: z.ZodObject;
  query?: z.ZodObject;
  /** The request sends an Idempotency-Key header. */
  idempotencyKey?: true;
  body?: z.ZodType;
  responses: Record<string, ResponseSpec>;
}

export const ok = (description: string, json?: z.ZodType): ResponseSpec => (json ? { description, json } : { description });
export const problem = (description: string): ResponseSpec => ({ description, problem: true });
export const media = (description: string, type: string, binary = false): ResponseSpec => ({
  description,
  media: binary ? { type, binary } : { type },
});

export const signedIn: SecurityRequirement[] = [{ session: [] }];
export const writes: SecurityRequirement[] = [{ session: [], csrf: [] }];
/** Auth steps: a write (CSRF) with or without a session yet. */
export const authWrites: SecurityRequirement[] = [{ csrf: [] }, { session: [], csrf: [] }];

const signedInProblems = {
  '401': problem('No session, or it expired (`unauthenticated`, `session-expired`).'),
  '403': problem('A first login is not finished (`first-login-incomplete`), or the write came from an origin the tenant does not allow.'),
  '503': problem(
    'The database is unreachable or too slow (`database-unavailable`), or the answer took too long (`request-timeout`); `Retry-After` says when to try again.',
  ),
};

type Spec = Omit<Operation, 'method' | 'security' | 'tags'> & { tag: string };

function operation(method: Method, security: SecurityRequirement[], { tag, ...spec }: Spec, extra: Operation['responses']): Operation {
  return { method, tags: [tag], security, ...spec, responses: { ...extra, ...spec.responses } };
}

/** A read of the signed-in client's data. */
export const read = (spec: Spec): Operation => operation('get', signedIn, spec, signedInProblems);

/** A write by the signed-in client: a session, CSRF, and a 400 naming each bad field. */
export const write = (method: Exclude<Method, 'get'>, spec: Spec): Operation =>
  operation(method, writes, spec, { '400': problem('Validation failed: `errors[]` names each field.'), ...signedInProblems });

/** A step of signing in, resetting or activating (docs/auth-api.md). */
export const authStep = (spec: Omit<Spec, 'tag'>, method: Method = 'post'): Operation =>
  operation(
    method,
    authWrites,
    { tag: 'auth', ...spec },
    {
      '429': problem('Rate limited, login delayed or second factor locked; `Retry-After` says how long.'),
    },
  );

/** Any other route: no default responses. */
export const route = (method: Method, spec: Spec, security?: SecurityRequirement[]): Operation =>
  operation(method, security ?? [], spec, {});

// Building blocks shared by the features' schemas.

/** An instant as the BFF writes it: ISO 8601 in UTC (`toISOString()`). */
export const dateTime = () => z.iso.datetime();
/** A Europe/Amsterdam calendar day, YYYY-MM-DD. */
export const calendarDay = () => z.iso.date().describe('Europe/Amsterdam calendar day, YYYY-MM-DD');
export const uuid = () => z.uuid();

/** `{ items: [...] }` plus the given fields. */
export const listOf = <T extends z.ZodType, S extends z.core.$ZodLooseShape = Record<never, never>>(item: T, extra?: S) =>
  z.strictObject({ ...(extra ?? ({} as S)), items: z.array(item) });

/** The period a list or download covers, both days included. */
export const period = z.strictObject({ from: calendarDay(), to: calendarDay() }).meta({ id: 'Period' });

export const periodNames = ['week', 'month', 'year'] as const;

/** `?period=` or `?from=&to=`; time/period.ts checks the combination and the span. */
export const periodQuery = z.object({
  period: z
    .enum(periodNames, { error: 'must be week, month or year' })
    .optional()
    .describe('A period ending today; not together with from/to.'),
  from: z.string().optional().meta({ format: 'date', description: 'First day (with `to`).' }),
  to: z.string().optional().meta({ format: 'date', description: 'Last day, included (with `from`); at most 367 days after `from`.' }),
});

/** `?limit=`: how many, 1..max, `fallback` when absent. */
export const limitQuery = (max: number, fallback: number) => z.object({ limit: z.coerce.number().int().min(1).max(max).default(fallback) });

export const idParam = (description: string) => z.object({ id: z.string().describe(description) });

export const problemSchema = z
  .strictObject({
    type: z.string(),
    title: z.string(),
    status: z.int(),
    detail: z.string().optional(),
    instance: z.string(),
    code: z.string(),
    requestId: z.string().optional(),
    errors: z
      .array(z.strictObject({ field: z.string(), detail: z.string(), rule: z.string().optional().describe('The password rule not met') }))
      .optional(),
    rules: z
      .array(z.strictObject({ rule: z.string(), ok: z.boolean() }))
      .optional()
      .describe('`password-policy`: every rule of the policy, met or not'),
    retryAfter: z.int().optional(),
    attemptsLeft: z.int().optional(),
  })
  .catchall(z.unknown())
  .meta({ id: 'Problem', description: 'RFC 9457 problem details; switch on `code`.' });
