import { describe, expect, it } from 'vitest';
import { createApp } from '../app.js';
import { DEVELOPMENT_SECRET_KEY, loadConfig } from '../config.js';
import type { DatabaseHandle } from '../db/database.js';
import { createLogger } from '../http/logger.js';
import type { Outbox } from '../outbox/delivery.js';
import { checkAnswer, ContractViolation } from '../testing/contract-check.js';
import { openApiDocument } from './openapi.js';
import { widgetOperations } from './widget-operations.js';

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

  it('documents no route the app does not have', () => {
    const routes = appWithoutDatabase()
      .routes.filter((r) => r.path.startsWith('/api/tenants/:tenant') && r.method !== 'ALL')
      .map((r) => `${r.method.toLowerCase()} ${openApiPath(r.path)}`);
    const phantom = widgetOperations.map((op) => `${op.method} ${op.path}`).filter((op) => !routes.includes(op));
    expect(phantom).toEqual([]);
  });

  it('refers only to schemas it defines', () => {
    const text = JSON.stringify(openApiDocument);
    const refs = [...text.matchAll(/"#\/components\/schemas\/(\w+)"/g)].map((m) => m[1]);
    for (const name of new Set(refs)) expect(openApiDocument.components.schemas, name).toHaveProperty(name!);
  });
});

describe('the contract check every in-process test app runs', () => {
  const report = {
    id: 'r1',
    writtenAt: '2026-03-01T09:30:00.000Z',
    author: 'Ans',
    authorKind: 'staff',
    own: false,
    text: 'Goed geslapen.',
  };
  const answer = (body: unknown, status = 200, type = 'application/json') =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': type } });

  it('accepts an answer as the contract describes it', async () => {
    await expect(checkAnswer('GET', '/api/tenants/t/reports/latest', answer({ items: [report] }))).resolves.toBeUndefined();
  });

  it('fails on a missing field, an extra field, a wrong type or an undocumented status', async () => {
    const { own: _, ...withoutOwn } = report;
    await expect(checkAnswer('GET', '/api/tenants/t/reports/latest', answer({ items: [withoutOwn] }))).rejects.toThrow(/items\.0\.own/);
    await expect(checkAnswer('GET', '/api/tenants/t/reports/latest', answer({ items: [{ ...report, extra: 1 }] }))).rejects.toThrow(
      /Unrecognized key: "extra"/,
    );
    await expect(checkAnswer('POST', '/api/tenants/t/reports', answer({ ...report, own: 'yes' }, 201))).rejects.toThrow(ContractViolation);
    await expect(checkAnswer('POST', '/api/tenants/t/reports', answer(report, 200))).rejects.toThrow(/has no 200 answer/);
  });

  it('fails on a problem answer that is not RFC 9457 as the BFF writes it', async () => {
    const bad = answer({ title: 'Niet ingelogd', status: 401 }, 401, 'application/problem+json');
    await expect(checkAnswer('GET', '/api/tenants/t/reports', bad)).rejects.toThrow(ContractViolation);
  });
});
