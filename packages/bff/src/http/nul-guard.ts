import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app.js';
import { Problem } from './problem.js';

/**
 * PostgreSQL text cannot hold U+0000: a NUL in a path segment or query would make the database
 * throw (a 500) instead of simply finding nothing. Refused here, before any route reads it; JSON
 * bodies are checked by readJson().
 */
export function refuseNulInUrl(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (/%00|\0/.test(c.req.url)) {
      throw Problem.badRequest('The address contains a NUL character (%00).', [{ field: '(url)', detail: 'contains U+0000' }]);
    }
    await next();
  };
}

/** True when any string (or key) anywhere in a parsed JSON value holds U+0000. */
export function jsonHasNul(value: unknown): boolean {
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
