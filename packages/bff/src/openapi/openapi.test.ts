import { describe, expect, it } from 'vitest';
import { createApp } from '../app.js';
import { DEVELOPMENT_SECRET_KEY, loadConfig } from '../config.js';
import type { DatabaseHandle } from '../db/database.js';
import { createLogger } from '../http/logger.js';
import type { Outbox } from '../outbox/delivery.js';
import { openApiDocument } from './openapi.js';

// Neither the document nor the route table needs a database.
function appWithoutDatabase() {
  const config = loadConfig({}, { mode: 'demo', secretKey: DEVELOPMENT_SECRET_KEY });
  return createApp({
    config,
    database: { db: {} } as unknown as DatabaseHandle,
    outbox: {} as Outbox,
    logger: createLogger('error', () => {}),
  });
}

/** '/api/tenants/:tenant/appointments/:file{[0-9a-fA-F-]{36}\\.ics}' -> '/appointments/{id}.ics' */
function openApiPath(honoPath: string): string {
  return (
    honoPath
      .replace('/api/tenants/:tenant', '')
      .replace(/:file\{.*\.ics\}$/, '{id}.ics')
      .replace(/:(\w+)/g, '{$1}')
      .replace(/\/$/, '') || '/'
  );
}

describe('OpenAPI document of the widget API', () => {
  it('is served at /api/openapi.json to any origin', async () => {
    const response = await appWithoutDatabase().request('/api/openapi.json');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/json');
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    const body = (await response.json()) as typeof openApiDocument;
    expect(body.openapi).toBe('3.1.0');
    expect(Object.keys(body.paths)).toContain('/reports');
  });

  it('describes every route the widgets can call', () => {
    const routes = appWithoutDatabase()
      .routes.filter((r) => r.path.startsWith('/api/tenants/:tenant') && r.method !== 'ALL')
      .map((r) => `${r.method.toLowerCase()} ${openApiPath(r.path)}`);
    const documented = Object.entries(openApiDocument.paths).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method} ${path}`),
    );
    const missing = [...new Set(routes)].filter((route) => !documented.includes(route));
    expect(missing).toEqual([]);
  });

  it('refers only to schemas it defines', () => {
    const text = JSON.stringify(openApiDocument);
    const refs = [...text.matchAll(/"#\/components\/schemas\/(\w+)"/g)].map((m) => m[1]);
    for (const name of new Set(refs)) expect(openApiDocument.components.schemas, name).toHaveProperty(name!);
  });
});
