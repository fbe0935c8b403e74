import { describe, expect, it } from 'vitest';
import { createApp } from '../app.js';
import { DEVELOPMENT_SECRET_KEY, loadConfig } from '../config.js';
import type { DatabaseHandle } from '../db/database.js';
import { createLogger } from '../http/logger.js';
import type { Outbox } from '../outbox/delivery.js';
import { checkAnswer, ContractViolation } from '../testing/contract-check.js';
import { openApiDocument } from './openapi.js';
import { integrationOperations } from './schemas.js';

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

const routes = () =>
  appWithoutDatabase()
    .routes.filter((r) => r.path.startsWith('/integration/v1/tenants/:tenant') && r.method !== 'ALL')
    .map((r) => `${r.method.toLowerCase()} ${r.path.replace('/integration/v1', '').replace(/:(\w+)/g, '{$1}')}`);

describe('OpenAPI document of the integration API', () => {
  it('describes every route the ECD can call, and none the app does not have', () => {
    const served = [...new Set(routes())];
    const documented = Object.entries(openApiDocument.paths).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method} ${path}`),
    );
    expect(served.filter((route) => !documented.includes(route))).toEqual([]);
    expect(documented.filter((route) => !served.includes(route))).toEqual([]);
  });

  it('generates the answers from the schemas the tests check them with, and refers only to schemas it defines', () => {
    const schemas = openApiDocument.components.schemas as Record<string, { properties?: Record<string, unknown>; oneOf?: unknown[] }>;
    expect(Object.keys(schemas)).toEqual(expect.arrayContaining(['BatchResult', 'ItemResult', 'ChangesPage', 'Change', 'Problem']));
    expect(schemas['Change']!.oneOf).toHaveLength(15);
    const text = JSON.stringify(openApiDocument);
    const refs = [...text.matchAll(/"#\/components\/schemas\/(\w+)"/g)].map((m) => m[1]!);
    for (const name of new Set(refs)) expect(schemas, name).toHaveProperty(name);
    expect(new Set(integrationOperations.map((op) => op.operationId)).size).toBe(integrationOperations.length);
  });
});

describe('the contract check on integration answers', () => {
  const answer = (body: unknown, status = 200, type = 'application/json') =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': type } });
  const change = {
    cursor: '7.1',
    kind: 'message.created',
    occurredAt: '2026-03-01T09:30:00.000Z',
    client: { id: '0b0f8f43-6a55-4e2b-9a4f-7d3c1b1a2f10', ecdId: 'C-1' },
    resourceId: '5f1e0d4c-3b2a-4190-8f7e-6d5c4b3a2910',
    data: { sentAt: '2026-03-01T09:30:00.000Z', senderName: 'Johanna de Vries', senderKind: 'client', body: 'Dag' },
  };
  const feed = '/integration/v1/tenants/t/changes';

  it('accepts a page of changes as the contract describes it', async () => {
    await expect(checkAnswer('GET', feed, answer({ items: [change], next: '7.1', more: false }))).resolves.toBeUndefined();
  });

  it("fails on data that does not belong to the change's kind, and on a batch result without its counts", async () => {
    const wrong = { ...change, data: { ...change.data, typeCode: 'weight' } };
    await expect(checkAnswer('GET', feed, answer({ items: [wrong], next: '7.1', more: false }))).rejects.toThrow(/typeCode/);
    await expect(
      checkAnswer('GET', feed, answer({ items: [{ ...change, kind: 'message.read' }], next: '7.1', more: false })),
    ).rejects.toThrow(ContractViolation);
    const results = [{ index: 0, ecdId: 'R-1', status: 'created', id: change.resourceId }];
    await expect(checkAnswer('POST', '/integration/v1/tenants/t/reports', answer({ results, created: 1 }))).rejects.toThrow(/updated/);
    await expect(checkAnswer('PUT', '/integration/v1/tenants/t/reports/R-1', answer(results[0], 202))).rejects.toThrow(/has no 202 answer/);
  });
});
