import type { MiddlewareHandler } from 'hono';
import { Problem } from './problem.js';

/**
 * A request that has no response after `ms` gets a 503 (0: no limit). Only the time to the
 * response counts: an event stream or a PDF download, once it has started, is not cut.
 */
export function requestTimeout(ms: number): MiddlewareHandler {
  return async (_c, next) => {
    if (!ms) return next();
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(Problem.requestTimeout()), ms);
    });
    try {
      await Promise.race([next(), expired]);
    } finally {
      clearTimeout(timer);
    }
  };
}
