import { randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIntegrationKey } from '../integration/keys.js';
import { ecdToken, type SigningKey } from '../integration/integration-test-kit.js';
import { openApiDocument as integrationDocument } from '../integration/openapi.js';
import type { RunningServer } from '../server.js';
import { sessionCookieName } from '../auth/session.js';
import { databaseKind, databaseUnderTest } from '../testing/database-under-test.js';
import { signedInClient } from '../testing/signed-in.js';
import { startTestBff } from '../testing/test-bff.js';
import type { TestDatabase } from '../testing/test-database.js';
import { tenantBySlug, type TenantRecord } from '../tenants/queries.js';
import { openApiDocument as widgetDocument } from './openapi.js';

/**
 * A seeded fuzz of every route in both OpenAPI documents against a real BFF over HTTP: values
 * of the documented shapes, mutated (wrong types, junk strings, NUL, bidi, huge, invalid JSON,
 * oversized bodies, forged origins and tokens). Whatever comes in, no 5xx, every error a
 * problem+json, and memory that does not grow with the number of requests.
 */
const SEED = 20261201;
const REQUESTS = 2400;
const PARALLEL = 6;

type Schema = {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  format?: string;
  $ref?: string;
  oneOf?: Schema[];
  anyOf?: Schema[];
  maxLength?: number;
};
type Operation = {
  parameters?: { name: string; in: string; schema?: Schema }[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
};
interface Route {
  api: 'widget' | 'integration';
  method: string;
  path: string;
  operation: Operation;
  components: Record<string, Schema>;
}

function routesOf(
  document: { paths: Record<string, Record<string, unknown>>; components?: { schemas?: Record<string, Schema> } },
  api: Route['api'],
): Route[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
      .map(([method, operation]) => ({
        api,
        method: method.toUpperCase(),
        path,
        operation: operation as Operation,
        components: document.components?.schemas ?? {},
      })),
  );
}

/** mulberry32: small, seeded, good enough to pick test inputs. */
function random(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (max: number) => Math.floor(next() * max);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
  return { next, int, pick, chance: (p: number) => next() < p };
}
type Random = ReturnType<typeof random>;

const junkStrings = [
  '',
  ' ',
  'a',
  '0',
  '-1',
  '1e309',
  'NaN',
  'null',
  'true',
  '00000000-0000-0000-0000-000000000000',
  '2026-13-45',
  '2026-02-30T25:61:00+01:00',
  '9999-12-31T23:59:59+14:00',
  '../../etc/passwd',
  '%00',
  '\u0000',
  'a\u0000b',
  '\u202Efdp.exe',
  '\uFEFF\u200B',
  '\uD800',
  '😀'.repeat(50),
  '<script>alert(1)</script>',
  "' or 1=1 --",
  '${jndi:ldap://x}',
  '\r\nSet-Cookie: x=1',
  'x'.repeat(5000),
  '06 12345678',
  '+31612345678',
  'iemand@example.nl',
  '1234-567890',
  'zorggroep-de-linde',
];

function junkValue(r: Random, depth = 0): unknown {
  switch (r.int(depth > 2 ? 5 : 8)) {
    case 0:
      return r.pick(junkStrings);
    case 1:
      return r.pick([0, -1, 1.5, 2 ** 53 + 1, -1e308, 1e308]);
    case 2:
      return r.chance(0.5);
    case 3:
      return null;
    case 4:
      return randomText(r);
    case 5:
      return Array.from({ length: r.int(4) }, () => junkValue(r, depth + 1));
    case 6:
      return Object.fromEntries(
        Array.from({ length: r.int(4) }, () => [
          r.pick(['id', 'code', 'text', '__proto__', 'constructor', 'items', 'x\u0000']),
          junkValue(r, depth + 1),
        ]),
      );
    default:
      return Array.from({ length: 200 + r.int(2000) }, () => r.int(10));
  }
}

function randomText(r: Random) {
  const alphabet = 'abcdefghijklmnopqrstuvwxyzABC0123456789 -_.,:;/?#[]@!$&()*+=%\'"\\éëïü€\u202E\u2066\t\n';
  return Array.from({ length: r.int(60) }, () => alphabet[r.int(alphabet.length)]).join('');
}

function resolve(schema: Schema | undefined, components: Record<string, Schema>): Schema {
  if (!schema) return {};
  if (schema.$ref) return resolve(components[schema.$ref.split('/').pop()!], components);
  return schema;
}

/** A value of the documented shape, sometimes bent out of it. */
function valueFor(r: Random, raw: Schema | undefined, components: Record<string, Schema>, depth = 0): unknown {
  if (r.chance(0.08) || depth > 5) return junkValue(r);
  const schema = resolve(raw, components);
  const variants = schema.oneOf ?? schema.anyOf;
  if (variants) return valueFor(r, r.pick(variants), components, depth + 1);
  if (schema.enum) return r.chance(0.85) ? r.pick(schema.enum) : r.pick(junkStrings);
  const type = Array.isArray(schema.type) ? r.pick(schema.type) : schema.type;
  switch (type) {
    case 'object': {
      const properties = schema.properties ?? {};
      const body: Record<string, unknown> = {};
      for (const [name, property] of Object.entries(properties)) {
        if (schema.required?.includes(name) ? r.chance(0.95) : r.chance(0.6)) body[name] = valueFor(r, property, components, depth + 1);
      }
      if (r.chance(0.05)) body[r.pick(['extra', '__proto__', 'ecdId'])] = junkValue(r);
      return body;
    }
    case 'array':
      return Array.from({ length: r.chance(0.03) ? 1001 : r.int(4) }, () => valueFor(r, schema.items, components, depth + 1));
    case 'integer':
      return r.pick([0, 1, 5, 20, 100, -3, 10_000_000]);
    case 'number':
      return r.pick([0, 72.4, 128, -1, 1e9, 36.6]);
    case 'boolean':
      return r.chance(0.5);
    case 'null':
      return null;
    default:
      return stringFor(r, schema);
  }
}

function stringFor(r: Random, schema: Schema): string {
  if (r.chance(0.3)) return r.pick(junkStrings);
  switch (schema.format) {
    case 'uuid':
      return randomUUID();
    case 'date':
      return r.pick(['2026-03-01', '1941-03-28', '2026-02-29']);
    case 'date-time':
      return r.pick(['2026-03-01T10:00:00+01:00', '2026-03-01T10:30:00Z', new Date(Date.now() + 86_400_000).toISOString()]);
    case 'email':
      return `fuzz-${r.int(1000)}@example.nl`;
    default:
      return randomText(r);
  }
}

/** A URL cannot carry a lone surrogate (encodeURIComponent throws on one). */
const wellFormed = (text: string) => text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '');

let database: TestDatabase | undefined;
let server: RunningServer;
let tenant: TenantRecord;
let sessionCookie: string;
let key: SigningKey;

beforeAll(async () => {
  if (databaseKind === 'postgres') database = await databaseUnderTest();
  server = await startTestBff(database?.url ? { databaseUrl: database.url } : {});
  tenant = (await tenantBySlug(server.database.db, 'zorggroep-de-linde'))!;
  const client = await signedInClient(server.database.db, tenant);
  sessionCookie = `${sessionCookieName(tenant.slug)}=${client.token}`;
  key = await createIntegrationKey(server.database.db, tenant.id);
});
afterAll(async () => {
  await server?.close(0);
  await database?.close();
});

function collectGarbage() {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

async function fuzzRequest(r: Random, route: Route) {
  const slug = r.chance(0.9) ? tenant.slug : r.pick(['onbekend', 'a'.repeat(300), 'DE-LINDE', 'de%00linde', '%E2%80%AE', '..', 'x']);
  let path = route.path
    .replace('{tenant}', slug)
    .replace(/\{(\w+)\}/g, () => (r.chance(0.7) ? randomUUID() : encodeURIComponent(wellFormed(r.pick(junkStrings))) || 'x'));
  const query = new URLSearchParams();
  for (const parameter of route.operation.parameters ?? []) {
    if (parameter.in === 'query' && r.chance(0.6)) query.set(parameter.name, String(valueFor(r, parameter.schema, route.components)));
  }
  if (r.chance(0.05)) query.set(r.pick(['limit', 'from', 'x']), r.pick(junkStrings));
  path += query.size ? `?${query}` : '';
  if (r.chance(0.02)) path += `${path.includes('?') ? '&' : '?'}q=%00`;

  const headers: Record<string, string> = {};
  let body: string | undefined;
  if (route.method !== 'GET' && route.method !== 'DELETE') {
    const schema = Object.values(route.operation.requestBody?.content ?? {})[0]?.schema;
    const roll = r.next();
    if (roll < 0.05) body = '{"unterminated": ';
    // Over the widget limit (the integration API's 16 MB limits have tests of their own).
    else if (roll < 0.08 && route.api === 'widget') body = JSON.stringify({ text: 'x'.repeat(70_000) });
    else if (roll < 0.2) body = JSON.stringify(junkValue(r));
    else body = JSON.stringify(valueFor(r, schema, route.components) ?? {});
    headers['content-type'] = r.chance(0.95)
      ? 'application/json'
      : r.pick(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data']);
  }
  let url: string;
  if (route.api === 'widget') {
    url = `${server.url}/api/tenants/${slug}${path === '/' ? '' : path}`;
    // Logging out would end the session the rest of the run uses.
    if (r.chance(0.7) && route.path !== '/auth/logout') headers['cookie'] = sessionCookie;
    if (route.method !== 'GET') {
      headers['origin'] = r.chance(0.9) ? server.url : r.pick(['http://evil.example', 'null']);
      if (r.chance(0.93)) headers['x-care-widgets'] = '1';
    }
  } else {
    url = `${server.url}/integration/v1${path}`;
    const roll = r.next();
    if (roll < 0.7) headers['authorization'] = `Bearer ${await ecdToken(key, tenant)}`;
    else if (roll < 0.85) headers['authorization'] = `Bearer ${r.pick(['a.b.c', 'eyJhbGciOiJub25lIn0.e30.', `${'x'.repeat(2000)}.y.z`])}`;
  }
  try {
    const response = await send(url, route.method, headers, body);
    return { method: route.method, url: url.slice(0, 200), ...response };
  } catch (error) {
    return {
      method: route.method,
      url: url.slice(0, 200),
      status: 599,
      type: '',
      text: `${String(error)}; body of ${body?.length ?? 0}: ${body?.slice(0, 100)}`,
    };
  }
}

/**
 * One request on a connection of its own (keep-alive reuse would add the client's own races to
 * what is measured); an event stream is cut once its headers arrived.
 */
function send(
  url: string,
  method: string,
  headers: Record<string, string>,
  body: string | undefined,
): Promise<{ status: number; type: string; text: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { method, headers, agent: false }, (response) => {
      const type = String(response.headers['content-type'] ?? '');
      if (type.includes('text/event-stream')) {
        response.destroy();
        resolve({ status: response.statusCode!, type, text: '' });
        return;
      }
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode!, type, text: Buffer.concat(chunks).toString('utf8').slice(0, 300) }));
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end(body);
  });
}

describe('fuzzing every route of both OpenAPI documents', () => {
  it(`answers ${REQUESTS} seeded requests without a 5xx, every error as problem+json, in flat memory`, { timeout: 120_000 }, async () => {
    const routes = [...routesOf(widgetDocument as never, 'widget'), ...routesOf(integrationDocument as never, 'integration')];
    expect(routes.length).toBeGreaterThan(50);
    const r = random(SEED);
    const plan = Array.from({ length: REQUESTS }, (_, i) => routes[i % routes.length]!).sort(() => r.next() - 0.5);
    const failures: Awaited<ReturnType<typeof fuzzRequest>>[] = [];
    const statuses = new Map<number, number>();
    const heap: number[] = [];
    let next = 0;
    const worker = async () => {
      while (next < plan.length) {
        const index = next++;
        const result = await fuzzRequest(random(SEED + index), plan[index]!);
        statuses.set(result.status, (statuses.get(result.status) ?? 0) + 1);
        if (result.status >= 500 || (result.status >= 400 && !result.type.startsWith('application/problem+json'))) failures.push(result);
        if (index % 400 === 399) {
          collectGarbage();
          heap.push(process.memoryUsage().heapUsed);
        }
      }
    };
    await Promise.all(Array.from({ length: PARALLEL }, worker));
    expect(failures, JSON.stringify(failures.slice(0, 5), null, 1)).toEqual([]);
    // Mostly refused, but not only: the fuzz reached the routes themselves too.
    expect([...statuses.entries()].filter(([status]) => status < 300).reduce((sum, [, n]) => sum + n, 0)).toBeGreaterThan(REQUESTS / 20);
    // Flat: after warming up, the heap does not grow with the number of requests.
    const warm = heap[1]!;
    expect(Math.max(...heap.slice(2)) - warm).toBeLessThan(48 * 1024 * 1024);
  });
});
