import type { Context } from 'hono';

/**
 * A JSON response around JSON text that is already made, e.g. by PostgreSQL
 * (`string_agg(row_to_json(…)::text, ',')`): the same answer as `c.json()`, without parsing rows
 * into objects and serialising them again. Text, not `bytea`: the pg driver reads results in text
 * format, where a `bytea` arrives hex-encoded at twice the size and has to be decoded back.
 */
export function jsonText(c: Context, before: string, json: string, after: string): Response {
  return c.body(before + json + after, 200, { 'content-type': 'application/json' });
}
