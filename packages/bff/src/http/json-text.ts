import type { Context } from 'hono';

/**
 * A JSON response around JSON text that is already made, e.g. by PostgreSQL
 * (`string_agg(row_to_json(…)::text, ',')`): the same answer as `c.json()`, without parsing rows
 * into objects and serialising them again. Text, not `bytea`: the pg driver reads results in text
 * format, where a `bytea` arrives hex-encoded at twice the size and has to be decoded back.
 * The answer is encoded once into one buffer of its exact length: a string `before + json + after`
 * would be copied whole to be flattened, then scanned for its length, then encoded (a year of
 * reports is 416 KB, which Dutch text makes a two-byte string of twice that).
 */
export function jsonText(c: Context, before: string, json: string, after: string): Response {
  const head = Buffer.byteLength(before);
  const body = Buffer.byteLength(json);
  const bytes = Buffer.allocUnsafe(head + body + Buffer.byteLength(after));
  bytes.write(before, 0);
  bytes.write(json, head);
  bytes.write(after, head + body);
  return c.body(bytes, 200, { 'content-type': 'application/json' });
}
