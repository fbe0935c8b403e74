import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './app-env.js';
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
