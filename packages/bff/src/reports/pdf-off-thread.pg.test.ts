import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionCookieName } from '../auth/session.js';
import { productionEnvironment, startBffProcess, type BffProcess } from '../testing/bff-process.js';
import { databaseUnderTest } from '../testing/database-under-test.js';
import { createTenant } from '../testing/fixtures.js';
import { pdfText } from '../testing/pdf-text.js';
import { signedInClient, type SignedInClient } from '../testing/signed-in.js';
import type { TestDatabase } from '../testing/test-database.js';

// The built BFF lays report PDFs out on a worker thread (reports/pdf-workers.ts); run from the
// TypeScript sources it cannot, so this runs `care-bff start` from dist/ as a child.
let database: TestDatabase;
let client: SignedInClient;
let bff: BffProcess;

beforeAll(async () => {
  database = await databaseUnderTest();
  client = await signedInClient(database.db, await createTenant(database.db));
  const now = Date.now();
  await database.db
    .insertInto('reports')
    .values(
      Array.from({ length: 300 }, (_, i) => ({
        tenant_id: client.tenant.id,
        client_id: client.clientId,
        written_at: new Date(now - (i + 1) * 86_400_000),
        author_name: 'Zr. Jansen',
        author_kind: 'staff' as const,
        text: `${i + 1}. Goed geslapen, ontbeten; de wond is verzorgd.`,
      })),
    )
    .execute();
  bff = await startBffProcess({ DATABASE_URL: database.url!, ...productionEnvironment(), MIGRATE_ON_START: 'false' });
}, 120_000);
afterAll(async () => {
  await bff?.kill();
  await database?.close();
});

const download = (signal?: AbortSignal, path = '/reports.pdf?period=year') =>
  fetch(`${bff.url}/api/tenants/${client.tenant.slug}${path}`, {
    headers: { cookie: `${sessionCookieName(client.tenant.slug)}=${client.token}` },
    signal: signal ?? AbortSignal.timeout(20_000),
  });

describe('report PDFs made off the main thread', () => {
  it('are the same PDFs, also in parallel and after a cancelled download', async () => {
    // A download given up half-way stops its worker; the next ones still get whole PDFs.
    const cancelled = new AbortController();
    const first = await download(cancelled.signal);
    expect(first.status).toBe(200);
    await first.body!.getReader().read();
    cancelled.abort();

    const responses = await Promise.all([download(), download(), download()]);
    for (const response of responses) {
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/pdf');
      const pages = await pdfText(new Uint8Array(await response.arrayBuffer()));
      const all = pages.join('\n');
      expect(all).toContain('Aantal rapportages: 300');
      for (const n of [1, 150, 300]) expect(all).toContain(`\n${n}. `);
      expect(pages.at(-1)).toContain(`Pagina ${pages.length} van ${pages.length}`);
    }
    expect(bff.alive).toBe(true);
    expect(bff.output()).not.toMatch(/"level":"error"/);
  });

  it('lay out the access log too, on the same pool, beside a reports PDF', async () => {
    const [log, reports] = await Promise.all([download(undefined, '/access-log.pdf?period=year'), download()]);
    expect(log.headers.get('content-type')).toBe('application/pdf');
    const text = (await pdfText(new Uint8Array(await log.arrayBuffer()))).join('\n').replace(/\s+/g, ' ');
    expect(text).toContain('Wie heeft mijn dossier bekeken?');
    // The downloads of the first test are lines of it now.
    expect(text).toMatch(/U zelf · \d+× Rapportages gedownload/);
    expect((await pdfText(new Uint8Array(await reports.arrayBuffer()))).join('\n')).toContain('Aantal rapportages: 300');
    expect(bff.output()).not.toMatch(/"level":"error"/);
  });
});
