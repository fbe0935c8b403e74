import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKind, databaseUnderTest } from './testing/database-under-test.js';
import { createTestApp } from './testing/test-app.js';
import type { TestDatabase } from './testing/test-database.js';
import { Problem } from './http/problem.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await databaseUnderTest();
});
afterAll(async () => {
  await database?.close();
});

describe('health and readiness', () => {
  it('reports the process up and the database reachable', async () => {
    const { app } = createTestApp(database);
    expect((await app.request('/healthz')).status).toBe(200);
    const ready = await app.request('/readyz');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', database: { kind: databaseKind, reachable: true } });
  });
});

describe('errors as problem+json', () => {
  it('answers an unknown address with a 404 problem', async () => {
    const { app } = createTestApp(database);
    const response = await app.request('/no/such/page');
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ status: 404, code: 'not-found', instance: '/no/such/page' });
    expect(body['requestId']).toBe(response.headers.get('x-request-id'));
  });

  it('never shows a stack trace, but logs the error with the request id', async () => {
    const { app, logLines } = createTestApp(database);
    app.get('/explode', () => {
      throw new Error('secret internal detail at /srv/app.js:12');
    });
    const response = await app.request('/explode');
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(text).not.toMatch(/secret internal detail|at \/srv|Error:/);
    const body = JSON.parse(text) as { requestId: string; code: string };
    expect(body.code).toBe('internal');
    const logged = logLines.find((line) => line['msg'] === 'unhandled error');
    expect(logged).toMatchObject({ level: 'error', requestId: body.requestId });
  });

  it('passes a problem through with its status, field errors and Retry-After', async () => {
    const { app } = createTestApp(database);
    app.get('/limited', () => {
      throw Problem.tooManyRequests('Wait a little.', 30);
    });
    app.get('/invalid', () => {
      throw Problem.badRequest('to: must be a date', [{ field: 'to', detail: 'must be a date' }]);
    });
    const limited = await app.request('/limited');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('30');
    const invalid = await app.request('/invalid');
    expect(await invalid.json()).toMatchObject({ status: 400, errors: [{ field: 'to', detail: 'must be a date' }] });
  });
});

describe('request ids and logs', () => {
  it('keeps a caller-supplied request id and logs each request as one JSON line', async () => {
    const { app, logLines } = createTestApp(database);
    const response = await app.request('/healthz', { headers: { 'X-Request-Id': 'trace-abc-123' } });
    expect(response.headers.get('x-request-id')).toBe('trace-abc-123');
    expect(logLines).toContainEqual(
      expect.objectContaining({ msg: 'request', requestId: 'trace-abc-123', status: 200, path: '/healthz', method: 'GET' }),
    );
  });

  it('makes up a request id when none is sent', async () => {
    const { app } = createTestApp(database);
    const response = await app.request('/healthz');
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('tenants', () => {
  it('serves the public settings of a tenant and 404s an unknown one', async () => {
    await database.db
      .insertInto('tenants')
      .values({
        slug: 'zorg-test',
        name: 'Zorg Test',
        settings: { trustedDeviceDays: 7, secondFactors: { allowed: ['email', 'totp'], default: 'email' } } as never,
      })
      .execute();
    const { app } = createTestApp(database);
    const found = await app.request('/api/tenants/zorg-test');
    expect(found.status).toBe(200);
    const tenant = (await found.json()) as Record<string, unknown>;
    expect(tenant).toMatchObject({ slug: 'zorg-test', name: 'Zorg Test', trustedDeviceDays: 7, secondFactors: { default: 'email' } });
    // Defaults fill what the tenant did not set; secrets such as the full terms stay out.
    expect(tenant).toMatchObject({ passwordPolicy: { minLength: 10 } });
    expect(JSON.stringify(tenant)).not.toMatch(/allowedOrigins/);

    const missing = await app.request('/api/tenants/nobody-here');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ code: 'tenant-not-found' });
  });
});

describe('tenant themes', () => {
  it('serves the tenant’s theme as CSS custom properties, and the base theme for an unknown theme name', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'themes-'));
    writeFileSync(join(dir, 'base.css'), ':root { --care-color-primary: #0b5cad; }');
    writeFileSync(join(dir, 'groen.css'), ':root { --care-color-primary: #2f6b3a; }');
    await database.db
      .insertInto('tenants')
      .values({ slug: 'groen', name: 'Groen', settings: { theme: 'groen' } as never })
      .execute();
    await database.db
      .insertInto('tenants')
      .values({ slug: 'kaal', name: 'Kaal', settings: { theme: 'bestaat-niet' } as never })
      .execute();
    const { app } = createTestApp(database, { themesDir: dir });
    const green = await app.request('/themes/groen.css');
    expect(green.headers.get('content-type')).toMatch(/^text\/css/);
    expect(await green.text()).toContain('#2f6b3a');
    expect(await (await app.request('/themes/kaal.css')).text()).toContain('#0b5cad');
    expect((await app.request('/themes/niemand.css')).status).toBe(404);
  });
});

describe('development outbox', () => {
  it('lists what was sent, newest first, in demo mode', async () => {
    const tenant = await database.db
      .insertInto('tenants')
      .values({ slug: 'outbox-test', name: 'Outbox Test', settings: {} as never })
      .returning('id')
      .executeTakeFirstOrThrow();
    const { app, outbox, delivered } = createTestApp(database, { mode: 'demo' });
    await outbox.send({
      tenantId: tenant.id,
      channel: 'sms',
      recipient: '+31600000001',
      sender: 'Test',
      body: 'Uw inlogcode is 1234-000001',
    });
    await outbox.send({
      tenantId: tenant.id,
      channel: 'email',
      recipient: 'a@example.nl',
      sender: 'Test',
      subject: 'Activeren',
      body: 'second',
    });
    expect(delivered).toHaveLength(2);
    const response = await app.request('/dev/outbox?tenant=outbox-test');
    expect(response.status).toBe(200);
    const rows = (await response.json()) as { body: string; channel: string; status: string }[];
    expect(rows.map((r) => r.body)).toEqual(['second', 'Uw inlogcode is 1234-000001']);
    expect(rows[0]).toMatchObject({ channel: 'email', status: 'sent' });
  });

  it('does not exist in production mode', async () => {
    const { app } = createTestApp(database, { mode: 'production' });
    expect((await app.request('/dev/outbox')).status).toBe(404);
  });
});

describe('readiness when the database is gone', () => {
  it('answers 503 instead of hanging or crashing', async () => {
    const separate = await databaseUnderTest();
    const { app } = createTestApp(separate);
    await separate.close();
    const response = await app.request('/readyz');
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ code: 'not-ready', database: { reachable: false } });
  });
});
