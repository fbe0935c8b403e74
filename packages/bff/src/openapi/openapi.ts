/**
 * OpenAPI 3.1 description of the HTTP API the widgets call (everything under
 * /api/tenants/{tenant}), served at GET /api/openapi.json. Generated from the features' contract
 * entries (`schemas.ts` beside each feature's routes, contract/operations.ts): the zod schemas the
 * routes parse their requests with and the tests check every answer against.
 * The ECD's integration API is described in integration/openapi.ts and docs/integration-api.md.
 */
import { z } from 'zod';
import { problemSchema, type Operation, type ResponseSpec } from '../contract/operations.js';
import { widgetOperations } from './widget-operations.js';

type JsonSchema = Record<string, unknown>;

/** zod writes a `pattern` beside `format` for dates, e-mail addresses and UUIDs; the format says it. */
function dropFormatPatterns({ jsonSchema }: { jsonSchema: JsonSchema }) {
  if (typeof jsonSchema['format'] === 'string' && typeof jsonSchema['pattern'] === 'string') delete jsonSchema['pattern'];
}

function rewriteRefs<T>(value: T): T {
  return JSON.parse(JSON.stringify(value).replaceAll('"#/$defs/', '"#/components/schemas/')) as T;
}

export function openApiDocumentOf(operations: Operation[]) {
  const schemas: Record<string, JsonSchema> = {};
  const convert = (schema: z.ZodType, io: 'input' | 'output'): JsonSchema => {
    const {
      $schema: _,
      $defs,
      ...json
    } = z.toJSONSchema(schema, { io, unrepresentable: 'any', override: dropFormatPatterns }) as JsonSchema;
    for (const [id, def] of Object.entries(($defs ?? {}) as Record<string, JsonSchema>)) {
      const named = rewriteRefs(def);
      if (schemas[id] && JSON.stringify(schemas[id]) !== JSON.stringify(named)) {
        throw new Error(`The schema ${id} reads differently as request (input) and as response (output): give each its own id`);
      }
      schemas[id] = named;
    }
    return rewriteRefs(json);
  };
  const problemRef = convert(problemSchema, 'output');

  const parameters = (object: z.ZodObject | undefined, where: 'path' | 'query') => {
    if (!object) return [];
    const json = convert(object, 'input') as { properties: Record<string, JsonSchema>; required?: string[] };
    return Object.entries(json.properties).map(([name, { description, ...schema }]) => ({
      name,
      in: where,
      required: where === 'path' || (json.required ?? []).includes(name),
      schema,
      ...(description ? { description } : {}),
    }));
  };
  const response = (spec: ResponseSpec) => {
    const { description } = spec;
    if (spec.problem) return { description, content: { 'application/problem+json': { schema: problemRef } } };
    if (spec.json) return { description, content: { 'application/json': { schema: convert(spec.json, 'output') } } };
    if (spec.media) {
      const schema = spec.media.binary ? { type: 'string', format: 'binary' } : { type: 'string' };
      return { description, content: { [spec.media.type]: { schema } } };
    }
    return { description };
  };

  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of operations) {
    const parameterList = [
      ...parameters(op.params, 'path'),
      ...parameters(op.query, 'query'),
      ...(op.idempotencyKey ? [idempotencyKeyHeader] : []),
    ];
    (paths[op.path] ??= {})[op.method] = {
      tags: op.tags,
      summary: op.summary,
      ...(op.description ? { description: op.description } : {}),
      ...(op.security?.length ? { security: op.security } : {}),
      ...(parameterList.length ? { parameters: parameterList } : {}),
      ...(op.body ? { requestBody: { required: true, content: { 'application/json': { schema: convert(op.body, 'input') } } } } : {}),
      responses: Object.fromEntries(Object.entries(op.responses).map(([status, spec]) => [status, response(spec)])),
    };
  }
  return { paths, schemas };
}

const idempotencyKeyHeader = {
  name: 'Idempotency-Key',
  in: 'header',
  required: true,
  schema: { type: 'string', minLength: 8, maxLength: 200 },
  description: 'One key per submit, the same on every retry of it: a retry returns the first answer (`Idempotent-Replayed: true`).',
};

const generated = openApiDocumentOf(widgetOperations);

export const openApiDocument = {
  openapi: '3.1.0',
  info: {
    title: 'care-widgets BFF — widget API',
    version: '0.1.0',
    description:
      'The JSON API the care widgets call. Every path is below `/api/tenants/{tenant}`. Sessions are cookies set by the BFF ' +
      '(`__Host-care-{tenant}`); every write needs `X-Care-Widgets: 1` and an allowed `Origin` (CSRF). Errors are ' +
      '`application/problem+json` (RFC 9457) with a stable `code`. Every read and write of client data is written to the ' +
      'NEN 7513 audit log. Guides: docs/auth-api.md, docs/data-api.md, docs/embedding.md, docs/security-model.md.',
    license: { name: 'Proprietary (demo)' },
  },
  servers: [{ url: '/api/tenants/{tenant}', variables: { tenant: { default: 'zorggroep-de-linde', description: 'The tenant slug.' } } }],
  tags: [
    { name: 'tenant', description: 'Public settings of the care organisation.' },
    { name: 'auth', description: 'Login with password and second factor, first login, reset, activation (docs/auth-api.md).' },
    { name: 'reports', description: '<care-reports>' },
    { name: 'measurements', description: '<care-measurements>' },
    { name: 'agenda', description: '<care-agenda>' },
    { name: 'messages', description: '<care-messages>' },
    { name: 'plans', description: '<care-plan>' },
    { name: 'profile', description: '<care-profile>' },
    { name: 'activity', description: '<care-activity>' },
    { name: 'access-log', description: '<care-access-log>' },
  ],
  paths: generated.paths,
  components: {
    securitySchemes: {
      session: {
        type: 'apiKey',
        in: 'cookie',
        name: '__Host-care-{tenant}',
        description: 'HttpOnly session cookie set by the BFF; SameSite=Lax, or None + Partitioned for cross-site tenants.',
      },
      csrf: { type: 'apiKey', in: 'header', name: 'X-Care-Widgets', description: 'Must be `1` on every write, from an allowed Origin.' },
    },
    schemas: generated.schemas,
  },
};
