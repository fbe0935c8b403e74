import type { Context } from 'hono';

/**
 * A JSON response whose text is already made, e.g. by PostgreSQL (`row_to_json`, `json_agg`):
 * the same answer as `c.json()`, without parsing rows into objects and serialising them again.
 */
export function jsonText(c: Context, text: string, status: 200 | 201 = 200): Response {
  return c.body(text, status, { 'content-type': 'application/json' });
}
