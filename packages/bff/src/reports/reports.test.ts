import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfText } from '../testing/pdf-text.js';
import { databaseUnderTest } from '../testing/database-under-test.js';
import { createTenant } from '../testing/fixtures.js';
import { clientRequest, signedInClient, type SignedInClient } from '../testing/signed-in.js';
import { createTestApp } from '../testing/test-app.js';
import type { TestDatabase } from '../testing/test-database.js';
import type { TenantRecord } from '../tenants/queries.js';
import { clearTenantCache } from '../tenants/tenant-context.js';
import { amsterdamDate, amsterdamTime, addDays, isoDate } from '../time/amsterdam-time.js';

let database: TestDatabase;
let app: ReturnType<typeof createTestApp>['app'];
let tenant: TenantRecord;
let otherTenant: TenantRecord;
let alice: SignedInClient;
let bob: SignedInClient;
let carol: SignedInClient;

const signedIn = (t: TenantRecord) => signedInClient(database.db, t);
const call = (t: TenantRecord, token: string | undefined, path: string, init: RequestInit = {}) =>
  clientRequest(app, { tenant: t, token }, path, init);
const get = (who: { token: string }, path: string) => call(tenant, who.token, path);
const postReport = (who: { token: string }, body: unknown, key?: string) =>
  call(tenant, who.token, '/reports', { method: 'POST', body: JSON.stringify(body), headers: key ? { 'idempotency-key': key } : {} });

async function addReport(clientId: string, writtenAt: Date, text: string, author = 'Zr. Jansen', t = tenant) {
  return database.db
    .insertInto('reports')
    .values({ tenant_id: t.id, client_id: clientId, written_at: writtenAt, author_name: author, author_kind: 'staff', text })
    .returning('id')
    .executeTakeFirstOrThrow();
}

const auditCount = async (action: string, clientId: string) =>
  Number(
    (
      await database.db
        .selectFrom('audit_log')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('action', '=', action)
        .where('client_id', '=', clientId)
        .executeTakeFirstOrThrow()
    ).n,
  );

const today = amsterdamDate(new Date());
const daysAgo = (days: number, hour = 10) => amsterdamTime(addDays(today, -days), hour);

beforeAll(async () => {
  database = await databaseUnderTest();
  tenant = await createTenant(database.db);
  otherTenant = await createTenant(database.db);
  clearTenantCache();
  app = createTestApp(database).app;
  alice = await signedIn(tenant);
  bob = await signedIn(tenant);
  carol = await signedIn(otherTenant);
  await addReport(alice.clientId, daysAgo(1), 'Mevrouw heeft goed geslapen. De cliënt is geïnformeerd over één nieuwe afspraak.');
  await addReport(alice.clientId, daysAgo(3), 'Wondzorg gedaan, wond ziet er rustig uit.', 'Dhr. de Vries');
  await addReport(alice.clientId, daysAgo(20), 'Deze is van vorige maand.');
  await addReport(alice.clientId, daysAgo(200), 'Deze is van een half jaar geleden.');
  await addReport(bob.clientId, daysAgo(1), 'Rapportage over Bob, niet voor Alice.');
  await addReport(carol.clientId, daysAgo(1), 'Rapportage van een andere organisatie.', 'X', otherTenant);
});
afterAll(async () => {
  await database?.close();
});

describe('reading reports', () => {
  it('shows the last 7 days by default, newest first, only the own client’s', async () => {
    const response = await get(alice, '/reports');
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      period: { from: string; to: string };
      items: { text: string; author: string; own: boolean; writtenAt: string }[];
    };
    expect(body.period).toEqual({ from: isoDate(addDays(today, -7)), to: isoDate(today) });
    expect(body.items.map((r) => r.text)).toEqual([
      'Mevrouw heeft goed geslapen. De cliënt is geïnformeerd over één nieuwe afspraak.',
      'Wondzorg gedaan, wond ziet er rustig uit.',
    ]);
    expect(body.items[0]).toMatchObject({ author: 'Zr. Jansen', authorKind: 'staff', own: false, writtenAt: daysAgo(1).toISOString() });
  });

  it('widens to the last month and year', async () => {
    const month = (await (await get(alice, '/reports?period=month')).json()) as { items: unknown[] };
    expect(month.items).toHaveLength(3);
    const year = (await (await get(alice, '/reports?period=year')).json()) as { items: unknown[] };
    expect(year.items).toHaveLength(4);
  });

  it('takes a chosen period as whole Amsterdam days, across the change to summer time', async () => {
    const sundayNight = await addReport(alice.clientId, new Date('2026-03-29T21:30:00Z'), 'Zondag 23:30 zomertijd.');
    const mondayEarly = await addReport(alice.clientId, new Date('2026-03-29T22:10:00Z'), 'Maandag 00:10 zomertijd.');
    const saturdayLate = await addReport(alice.clientId, new Date('2026-03-28T22:59:00Z'), 'Zaterdag 23:59 wintertijd.');
    const monday = (await (await get(alice, '/reports?from=2026-03-30&to=2026-03-30')).json()) as { items: { id: string }[] };
    expect(monday.items.map((r) => r.id)).toEqual([mondayEarly.id]);
    const weekend = (await (await get(alice, '/reports?from=2026-03-28&to=2026-03-29')).json()) as { items: { id: string }[] };
    expect(weekend.items.map((r) => r.id)).toEqual([sundayNight.id, saturdayLate.id]);
  });

  it('refuses a from after to, an unreadable date or a half period, naming the field', async () => {
    const cases: [string, string][] = [
      ['/reports?from=2026-03-10&to=2026-03-01', 'from'],
      ['/reports?from=2026-02-30&to=2026-03-01', 'from'],
      ['/reports?from=2026-03-01&to=gisteren', 'to'],
      ['/reports?from=2026-03-01', 'to'],
      ['/reports?period=decade', 'period'],
      ['/reports?from=2020-01-01&to=2026-01-01', 'to'],
      ['/reports/latest?limit=0', 'limit'],
    ];
    for (const [path, field] of cases) {
      const response = await get(alice, path);
      expect(response.status, path).toBe(400);
      expect(response.headers.get('content-type')).toMatch(/application\/problem\+json/);
      const problem = (await response.json()) as { errors: { field: string }[] };
      expect(
        problem.errors.map((e) => e.field),
        path,
      ).toContain(field);
    }
  });

  it('gives the latest three for the home view', async () => {
    const body = (await (await get(alice, '/reports/latest')).json()) as { items: { text: string }[] };
    expect(body.items).toHaveLength(3);
    expect(body.items[0]!.text).toMatch(/goed geslapen/);
  });

  it('needs a session of this tenant: another tenant’s session is worth nothing here', async () => {
    expect((await call(tenant, undefined, '/reports')).status).toBe(401);
    expect((await call(tenant, carol.token, '/reports')).status).toBe(401);
    const own = (await (await call(otherTenant, carol.token, '/reports')).json()) as { items: { text: string }[] };
    expect(own.items.map((r) => r.text)).toEqual(['Rapportage van een andere organisatie.']);
  });

  it('logs every read in the audit log, in the same statement as the read', async () => {
    const before = await auditCount('reports.list', bob.clientId);
    await get(bob, '/reports');
    await get(bob, '/reports?period=year');
    expect(await auditCount('reports.list', bob.clientId)).toBe(before + 2);
    const row = await database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('client_id', '=', bob.clientId)
      .where('action', '=', 'reports.list')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ actor_account_id: bob.accountId, tenant_id: tenant.id, outcome: 'success' });
    expect(row.details).toMatchObject({ from: expect.any(String), to: isoDate(today) });
  });
});

describe('the list as PostgreSQL writes it', () => {
  it('reads the same as the stored reports: microseconds cut to milliseconds, every character kept, an empty period empty', async () => {
    const dave = await signedIn(tenant);
    const text = 'Quotes " and \\ backslash, tab\t, newline\n, control \u0001, emoji 😀, ü, \u2028 end';
    const { id } = await database.db
      .insertInto('reports')
      .values({
        tenant_id: tenant.id,
        client_id: dave.clientId,
        written_at: sql<Date>`now() - interval '1 day' + interval '0.000999 second'`,
        author_name: 'Zr. "Ö"',
        author_kind: 'staff',
        text,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const stored = await sql<{
      micros: string;
    }>`select to_char(written_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') as micros from reports where id = ${id}`.execute(
      database.db,
    );
    const micros = stored.rows[0]!.micros;
    const response = await get(dave, '/reports');
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await response.json()) as { items: unknown[] };
    expect(body.items).toEqual([{ id, writtenAt: `${micros.slice(0, 23)}Z`, author: 'Zr. "Ö"', authorKind: 'staff', own: false, text }]);
    expect(await (await get(dave, '/reports?from=2020-01-01&to=2020-01-31')).json()).toEqual({
      period: { from: '2020-01-01', to: '2020-01-31' },
      items: [],
    });
    expect(await (await get(dave, '/reports/latest?limit=1')).json()).toEqual({ items: body.items });
  });
});

describe('writing a report', () => {
  it('stores the client’s report, marked as own, and shows it at once', async () => {
    const response = await postReport(bob, { text: '  Vandaag een wandeling gemaakt met mijn dochter.  ' }, 'write-key-0001');
    expect(response.status).toBe(201);
    const report = (await response.json()) as { id: string; own: boolean; authorKind: string; text: string };
    expect(report).toMatchObject({ own: true, authorKind: 'client', text: 'Vandaag een wandeling gemaakt met mijn dochter.' });
    const list = (await (await get(bob, '/reports')).json()) as { items: { id: string; own: boolean }[] };
    expect(list.items[0]).toMatchObject({ id: report.id, own: true });
    expect(await auditCount('reports.create', bob.clientId)).toBe(1);
  });

  it('never duplicates a retried submit, even when the retries race', async () => {
    const key = 'retry-key-0001';
    const responses = await Promise.all(Array.from({ length: 6 }, () => postReport(bob, { text: 'Dubbel verstuurd?' }, key)));
    expect(responses.map((r) => r.status)).toEqual(Array(6).fill(201));
    const ids = new Set(await Promise.all(responses.map(async (r) => ((await r.json()) as { id: string }).id)));
    expect(ids.size).toBe(1);
    const rows = await database.db
      .selectFrom('reports')
      .select('id')
      .where('client_id', '=', bob.clientId)
      .where('text', '=', 'Dubbel verstuurd?')
      .execute();
    expect(rows).toHaveLength(1);
    expect(responses.filter((r) => r.headers.get('idempotent-replayed') === 'true')).toHaveLength(5);
  });

  it('refuses the same key for another text', async () => {
    await postReport(bob, { text: 'Eerste tekst' }, 'reuse-key-0001');
    expect((await postReport(bob, { text: 'Andere tekst' }, 'reuse-key-0001')).status).toBe(409);
  });

  it('refuses empty or too long texts and a missing key, naming the field', async () => {
    const cases: [unknown, string | undefined, string][] = [
      [{ text: '   ' }, 'bad-key-0001', 'text'],
      [{ text: 'x'.repeat(4001) }, 'bad-key-0002', 'text'],
      [{}, 'bad-key-0003', 'text'],
      [{ text: 'Goed' }, undefined, 'Idempotency-Key'],
    ];
    for (const [body, key, field] of cases) {
      const response = await postReport(bob, body, key);
      expect(response.status).toBe(400);
      expect(((await response.json()) as { errors: { field: string }[] }).errors.map((e) => e.field)).toContain(field);
    }
  });

  it('refuses a write without the widgets’ CSRF header', async () => {
    const response = await call(tenant, bob.token, '/reports', {
      method: 'POST',
      body: JSON.stringify({ text: 'CSRF' }),
      headers: { 'idempotency-key': 'csrf-key-0001', 'x-care-widgets': '0' },
    });
    expect(response.status).toBe(403);
  });
});

describe('downloading reports as PDF', () => {
  it('is a real PDF of exactly the period, with names, Dutch characters, wrapped long texts and page numbers', async () => {
    const client = await signedIn(tenant);
    await database.db
      .updateTable('clients')
      .set({ first_name: 'Anneke', last_name_prefix: 'van', last_name: 'Brügge' })
      .where('id', '=', client.clientId)
      .execute();
    const long = Array.from({ length: 120 }, (_, i) => `Zin ${i + 1}: de cliënt is geïnformeerd over één wijziging in de zorg.`).join(' ');
    await addReport(client.clientId, amsterdamTime({ year: 2026, month: 11, day: 16 }, 8, 15), 'Eerste dag van de periode.');
    await addReport(client.clientId, amsterdamTime({ year: 2026, month: 11, day: 20 }, 14, 0), long, 'Zr. Özdemir');
    await addReport(client.clientId, amsterdamTime({ year: 2026, month: 11, day: 23 }, 23, 50), 'Laatste dag, laat op de avond.');
    await addReport(client.clientId, amsterdamTime({ year: 2026, month: 11, day: 24 }, 0, 5), 'BUITEN DE PERIODE');
    await addReport(client.clientId, amsterdamTime({ year: 2026, month: 11, day: 15 }, 23, 55), 'OOK BUITEN DE PERIODE');

    const response = await get(client, '/reports.pdf?from=2026-11-16&to=2026-11-23');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="rapportages-2026-11-16-tot-2026-11-23.pdf"');
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe('%PDF-');

    const pages = await pdfText(bytes);
    expect(pages.length).toBeGreaterThanOrEqual(2);
    const all = pages.join('\n');
    expect(all).toContain(tenant.name);
    expect(all).toContain('Cliënt: Anneke van Brügge');
    expect(all).toContain('16 november 2026 tot en met 23 november 2026');
    expect(all).toContain('Eerste dag van de periode.');
    expect(all).toContain('Laatste dag, laat op de avond.');
    expect(all).toContain('Zr. Özdemir');
    expect(all).toContain('de cliënt is geïnformeerd over één wijziging');
    expect(all).toContain('Zin 120: de cliënt');
    expect(all).not.toContain('BUITEN DE PERIODE');
    pages.forEach((text, i) => expect(text).toContain(`Pagina ${i + 1} van ${pages.length}`));
    expect(await auditCount('reports.download', client.clientId)).toBe(1);
  });

  it('writes a year of 1,000 reports into one PDF', async () => {
    const client = await signedIn(tenant);
    const start = amsterdamTime(addDays(today, -360), 7);
    const texts = [
      'Ochtendzorg gegeven. Mevrouw heeft goed ontbeten en is vrolijk. Medicatie ingenomen volgens lijst.',
      'Wondverzorging been links: wond is schoon, verband vervangen. De cliënt is geïnformeerd over het vervolg.',
      Array.from({ length: 25 }, () => 'Uitgebreid gesprek met de cliënt en de dochter over de zorg in de komende weken.').join(' '),
    ];
    await database.db
      .insertInto('reports')
      .values(
        Array.from({ length: 1000 }, (_, i) => ({
          tenant_id: tenant.id,
          client_id: client.clientId,
          written_at: new Date(start.getTime() + i * 31_000_000),
          author_name: i % 2 ? 'Zr. Jansen' : 'Br. El Amrani',
          author_kind: 'staff' as const,
          text: `${i + 1}. ${texts[i % 3]}`,
        })),
      )
      .execute();
    // How fast that is, is a figure of `pnpm bench` (the pdf row), not of this test: wall and CPU
    // time on a 2-core machine shared with other work say nothing about the code.
    const response = await get(client, '/reports.pdf?period=year');
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect(response.status).toBe(200);
    const pages = await pdfText(bytes);
    const all = pages.join('\n');
    expect(all).toContain('Aantal rapportages: 1000');
    for (const n of [1, 200, 201, 400, 401, 999, 1000]) expect(all).toContain(`\n${n}. `);
    expect(pages.at(-1)).toContain(`Pagina ${pages.length} van ${pages.length}`);
  });
});
