import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppEnv } from './app-env.js';
import { Problem, problemResponse, type Text } from './problem.js';

/** Sign-in bodies are a username, a password, a code: a few hundred bytes. */
export const AUTH_BODY_LIMIT = 8 * 1024;
/** The largest widget body is a report or message of 4,000 characters (up to 16 KB in UTF-8), or an appointment. */
export const DATA_BODY_LIMIT = 64 * 1024;
/** A photo for the bulletin board, as the phone sends it (board/schemas.ts). */
export const PHOTO_BODY_LIMIT = 10 * 1024 * 1024;

function limited(maxSize: number, detail: Text = `The request body is larger than ${maxSize / 1024} KB.`): MiddlewareHandler<AppEnv> {
  return bodyLimit({
    maxSize,
    onError: (c) => {
      const response = problemResponse(c, new Problem(413, 'too-large', { nl: 'Te groot', en: 'Too large' }, detail));
      // The rest of the body is never read, so the connection cannot carry another request: say so,
      // or a keep-alive client sends its next request into a socket the server is closing.
      response.headers.set('connection', 'close');
      return response;
    },
  });
}

const forAuth = limited(AUTH_BODY_LIMIT);
const forData = limited(DATA_BODY_LIMIT);
const forPhoto = limited(PHOTO_BODY_LIMIT, {
  nl: 'Deze foto is groter dan 10 MB. Kies een kleinere foto.',
  en: 'This photo is larger than 10 MB. Choose a smaller photo.',
});
const photoUpload = /^\/api\/tenants\/[^/]+\/board\/photos\/?$/;

/**
 * The widgets' API reads no body larger than it needs, and refuses it before anything parses it
 * (or counts it against a per-address limit): a few parallel 100 MB bodies would otherwise fill
 * the process. The integration API sets its own, larger limits per route (batches, PDFs).
 */
export function widgetBodyLimit(): MiddlewareHandler<AppEnv> {
  return (c, next) => {
    // node-server gives a GET or HEAD no body at all, so there is nothing to limit; asking
    // (hono's bodyLimit reads `c.req.raw.body`) would build a whole fetch Request per read.
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    if (/^\/api\/tenants\/[^/]+\/auth\//.test(c.req.path)) return forAuth(c, next);
    if (c.req.method === 'POST' && photoUpload.test(c.req.path)) return forPhoto(c, next);
    return forData(c, next);
  };
}
