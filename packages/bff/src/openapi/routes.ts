import { Hono } from 'hono';
import type { AppEnv } from '../http/app-env.js';
import { openApiDocument } from './openapi.js';

/** GET /api/openapi.json: the widget API's OpenAPI document, readable from any origin. */
export function openApiRoutes() {
  const body = JSON.stringify(openApiDocument);
  return new Hono<AppEnv>().get('/', (c) =>
    c.body(body, 200, {
      'content-type': 'application/json; charset=utf-8',
      'access-control-allow-origin': '*',
      'cache-control': 'public, max-age=300',
    }),
  );
}
