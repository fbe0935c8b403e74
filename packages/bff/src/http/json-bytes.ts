import type { Context } from 'hono';

/**
 * A JSON response around a value whose UTF-8 bytes are already made, e.g. by PostgreSQL
 * (`convert_to(row_to_json(…)::text, 'UTF8')`): the same answer as `c.json()`, without parsing rows
 * into objects, serialising them again, or decoding and re-encoding the text on the way through.
 */
export function jsonBytes(c: Context, before: string, bytes: Uint8Array, after: string): Response {
  const body = Buffer.concat([Buffer.from(before), bytes, Buffer.from(after)]);
  return c.body(body, 200, { 'content-type': 'application/json' });
}
