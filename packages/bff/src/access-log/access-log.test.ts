import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession } from '../auth/session.js';
import { databaseUnderTest } from '../testing/database-under-test.js';
import { pdfText } from '../testing/pdf-text.js';
import { createClientWithAccount, createTenant } from '../testing/fixtures.js';
import { clientRequest, signedInClient, type SignedInClient } from '../testing/signed-in.js';
import { createTestApp } from '../testing/test-app.js';
import type { TestDatabase } from '../testing/test-database.js';
import type { TenantRecord } from '../tenants/queries.js';
import type { AccessLogLine } from './queries.js';

let database: TestDatabase;
let app: ReturnType<typeof createTestApp>['app'];
let tenant: TenantRecord;

beforeAll(async () => {
  database = await databaseUnderTest();
  tenant = await createTenant(database.db);
  app = createTestApp(database).app;
});
afterAll(async () => {
  await database?.close();
});

const staffAccess = (client: SignedInClient, ecdId: string, minutesAgo: number, extra: Record<string, unknown> = {}) =>
  database.db
    .insertInto('staff_access_events')
    .values({
      tenant_id: client.tenant.id,
      client_id: client.clientId,
      ecd_id: ecdId,
      occurred_at: new Date(Date.now() - minutesAgo * 60_000),
      staff_user_id: 'u-1',
      staff_name: 'Sanne Visser',
      staff_role: 'Wijkverpleegkundige',
      organisation_unit: 'Wijkteam Oost',
      data_category: 'client-plan',
      action: 'view',
      ...extra,
    })
    .execute();

/** A contact person of `client` (a daughter, all rights unless told) with a signed-in session. */
async function contactOf(client: SignedInClient, rights: Record<string, boolean> = {}) {
  const relative = await createClientWithAccount(database.db, client.tenant);
  await database.db
    .insertInto('account_clients')
    .values({
      tenant_id: client.tenant.id,
      account_id: relative.accountId,
      client_id: client.clientId,
      relation: 'contact',
      relationship: 'daughter',
      rights: { reports: true, measurements: true, agenda: true, messages: true, plan: true, profile: true, ...rights },
    })
    .execute();
  const { token } = await createSession(database.db, {
    tenant: client.tenant,
    accountId: relative.accountId,
    clientId: client.clientId,
    state: 'active',
    ip: null,
    userAgent: null,
  });
  return { tenant: client.tenant, token, name: `Test ${relative.username}` };
}

async function accessLog(client: { tenant: TenantRecord; token: string }, query = '') {
  const response = await clientRequest(app, client, `/access-log${query}`);
  expect(response.status).toBe(200);
  return ((await response.json()) as { items: AccessLogLine[] }).items;
}

describe('GET /access-log', () => {
  it("shows the client's own reads and downloads, and the staff's accesses from the ECD, newest first", async () => {
    const client = await signedInClient(database.db, tenant);
    await staffAccess(client, 'E-1', 60, { break_the_glass: true });
    expect((await clientRequest(app, client, '/reports')).status).toBe(200);
    expect((await clientRequest(app, client, '/measurements')).status).toBe(200);
    const lines = await accessLog(client);
    expect(lines.map((line) => [line.actor, line.category, line.action])).toEqual([
      ['client', 'measurements', 'view'],
      ['client', 'reports', 'view'],
      ['staff', 'client-plan', 'view'],
    ]);
    expect(lines[2]).toMatchObject({ name: null, role: 'Wijkverpleegkundige', organisation: 'Wijkteam Oost', breakTheGlass: true });
    // Reading the log is audited, but is not itself a line of it.
    expect((await accessLog(client)).length).toBe(3);
    const audited = await database.db
      .selectFrom('audit_log')
      .select('action')
      .where('client_id', '=', client.clientId)
      .where('action', '=', 'access-log.list')
      .execute();
    expect(audited.length).toBe(2);
  });

  it("never shows another client's lines, and keeps to the period", async () => {
    const client = await signedInClient(database.db, tenant);
    const other = await signedInClient(database.db, tenant);
    await staffAccess(other, 'E-2', 5);
    await staffAccess(client, 'E-3', 60 * 24 * 40);
    expect((await clientRequest(app, other, '/reports')).status).toBe(200);
    expect(await accessLog(client)).toEqual([]);
    expect((await accessLog(client, '?period=year')).length).toBe(1);
    expect((await accessLog(other)).length).toBe(2);
  });

  it('names a contact person by name and relation, in the list and the CSV', async () => {
    const client = await signedInClient(database.db, tenant);
    const daughter = await contactOf(client);
    expect((await clientRequest(app, daughter, '/reports')).status).toBe(200);
    expect((await accessLog(client))[0]).toMatchObject({
      actor: 'contact',
      name: daughter.name,
      relationship: 'daughter',
      category: 'reports',
    });
    const csv = await (await clientRequest(app, client, '/access-log.csv')).text();
    expect(csv).toContain(`"Contactpersoon";"${daughter.name} (dochter)";"";"";"Rapportages";"bekeken";"nee"`);
  });

  it('names staff only where the tenant shows names', async () => {
    const naming = await createTenant(database.db, { accessLog: { showStaffNames: true } });
    const client = await signedInClient(database.db, naming);
    await staffAccess(client, 'E-4', 5);
    expect((await accessLog(client))[0]).toMatchObject({ actor: 'staff', name: 'Sanne Visser' });
  });

  it('is for a contact person only with the accessLog right, whose own accesses are "U zelf" there', async () => {
    const client = await signedInClient(database.db, tenant);
    const without = await contactOf(client);
    const refused = await clientRequest(app, without, '/access-log');
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ code: 'no-right', area: 'accessLog' });
    expect((await clientRequest(app, without, '/access-log.pdf')).status).toBe(403);

    const daughter = await contactOf(client, { accessLog: true });
    expect((await clientRequest(app, client, '/reports')).status).toBe(200);
    expect((await clientRequest(app, daughter, '/reports')).status).toBe(200);
    const seen = await accessLog(daughter);
    expect(seen.map((line) => [line.actor, line.byYou])).toEqual([
      ['contact', true],
      ['client', false],
    ]);
    expect((await accessLog(client)).map((line) => [line.actor, line.byYou])).toEqual([
      ['contact', false],
      ['client', true],
    ]);
    const csv = await (await clientRequest(app, daughter, '/access-log.csv')).text();
    expect(csv).toContain('"U zelf";');
    expect(csv).toContain('"Cliënt";"";"";"";"Rapportages";"bekeken";"nee"');
    expect((await clientRequest(app, { tenant }, '/access-log')).status).toBe(401);
  });
});

describe('GET /access-log.csv', () => {
  it('is a semicolon CSV in Dutch, Amsterdam time, whose cells a spreadsheet cannot run as formulas', async () => {
    const client = await signedInClient(database.db, tenant);
    await staffAccess(client, 'E-5', 5, { staff_role: '=HYPERLINK("http://x")', action: 'download', data_category: 'reports' });
    const response = await clientRequest(app, client, '/access-log.csv');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toMatch(
      /^attachment; filename="inzage-dossier-\d{4}-\d\d-\d\d-\d{4}-\d\d-\d\d\.csv"$/,
    );
    const lines = (await response.text())
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('"Datum";"Tijd";"Wie";"Naam";"Rol";"Organisatie";"Gegevens";"Handeling";"Noodtoegang"');
    expect(lines[1]).toMatch(
      /^"\d{4}-\d\d-\d\d";"\d\d:\d\d";"Zorgteam";"";"'=HYPERLINK\(""http:\/\/x""\)";"Wijkteam Oost";"Rapportages";"gedownload";"nee"$/,
    );
    const audited = await database.db
      .selectFrom('audit_log')
      .select('details')
      .where('client_id', '=', client.clientId)
      .where('action', '=', 'access-log.download')
      .execute();
    expect(audited).toEqual([{ details: expect.objectContaining({ format: 'csv' }) }]);
  });
});

describe('GET /access-log.pdf', () => {
  it('is a readable Dutch PDF of the period, by day, with similar lines grouped and emergency access spelled out', async () => {
    const client = await signedInClient(database.db, tenant);
    const other = await signedInClient(database.db, tenant);
    const daughter = await contactOf(client);
    await staffAccess(client, 'E-6', 60 * 24 * 2, { break_the_glass: true, staff_role: 'Verpleegkundige nachtdienst' });
    await staffAccess(other, 'E-7', 5, { staff_role: 'Fysiotherapeut' });
    for (let i = 0; i < 3; i++) expect((await clientRequest(app, client, '/reports')).status).toBe(200);
    expect((await clientRequest(app, daughter, '/measurements')).status).toBe(200);

    const response = await clientRequest(app, client, '/access-log.pdf?period=month');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toMatch(
      /^attachment; filename="inzage-dossier-\d{4}-\d\d-\d\d-\d{4}-\d\d-\d\d\.pdf"$/,
    );
    const pages = await pdfText(new Uint8Array(await response.arrayBuffer()));
    expect(pages).toHaveLength(1);
    const text = pages[0]!.replace(/\s+/g, ' ');
    expect(text).toContain('Wie heeft mijn dossier bekeken?');
    expect(text).toContain(`Cliënt: Test ${client.username}`);
    expect(text).toMatch(/Periode: \d+ \S+ \d{4} tot en met \d+ \S+ \d{4}/);
    expect(text).toContain('Aantal keer ingezien of gewijzigd: 5');
    expect(text).toContain(`Uw contactpersoon ${daughter.name} (dochter) · Metingen bekeken`);
    expect(text).toMatch(/\d\d:\d\d(–\d\d:\d\d)? U zelf · 3× Rapportages bekeken/);
    expect(text).toMatch(/Verpleegkundige nachtdienst, Wijkteam Oost · Cliëntplan bekeken · Noodtoegang: ingezien met de noodprocedure/);
    expect(text).toMatch(/(Maandag|Dinsdag|Woensdag|Donderdag|Vrijdag|Zaterdag|Zondag) \d+ \S+ \d{4}/);
    expect(text).toContain('Pagina 1 van 1');
    expect(text).not.toContain('Fysiotherapeut');

    const audited = await database.db
      .selectFrom('audit_log')
      .select('details')
      .where('client_id', '=', client.clientId)
      .where('action', '=', 'access-log.download')
      .execute();
    expect(audited).toEqual([{ details: expect.objectContaining({ format: 'pdf' }) }]);
  });

  it('says so when nobody looked in the period', async () => {
    const client = await signedInClient(database.db, tenant);
    const response = await clientRequest(app, client, '/access-log.pdf?from=2001-01-01&to=2001-01-31');
    expect(response.status).toBe(200);
    const [text] = await pdfText(new Uint8Array(await response.arrayBuffer()));
    expect(text).toContain('Periode: 1 januari 2001 tot en met 31 januari 2001');
    expect(text).toContain('Aantal keer ingezien of gewijzigd: 0');
    expect(text).toContain('Niemand heeft uw dossier in deze periode ingezien.');
  });
});
