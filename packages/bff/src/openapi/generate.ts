/**
 * Turns contract entries (contract/operations.ts) into OpenAPI 3.1 paths and component schemas
 * with `z.toJSONSchema()`: requests as zod reads them (input), answers as the BFF writes them
 * (output). Used for the widget API (openapi/openapi.ts) and the integration API
 * (integration/openapi.ts); a schema with a `.meta({ id })` becomes a named component.
 */
import { z } from 'zod';
import { problemSchema, type Operation, type ResponseSpec } from '../contract/operations.js';

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
      ...(op.operationId ? { operationId: op.operationId } : {}),
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
