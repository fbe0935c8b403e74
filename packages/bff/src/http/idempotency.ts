import type { Context } from 'hono';
import { Problem } from './problem.js';

/**
 * The Idempotency-Key header of a create request: the widget makes one key per submit and
 * sends it again on every retry, so the retry finds the first attempt's row instead of adding one.
 */
export function idempotencyKey(c: Context): string {
  const key = c.req.header('idempotency-key');
  if (key === undefined || key === '') {
    throw Problem.badRequest('Send an Idempotency-Key header (e.g. a random UUID), the same on every retry.', [
      { field: 'Idempotency-Key', detail: 'required' },
    ]);
  }
  if (!/^[\x21-\x7e]{8,200}$/.test(key)) {
    throw Problem.badRequest('The Idempotency-Key header must be 8 to 200 visible ASCII characters.', [
      { field: 'Idempotency-Key', detail: 'not 8-200 visible ASCII characters' },
    ]);
  }
  return key;
}

/** Ids in paths are UUIDs; anything else cannot exist, and must not reach a uuid column. */
export function isUuid(text: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(text);
}
