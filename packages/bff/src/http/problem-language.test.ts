import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authTestApp } from '../auth/auth-test-kit.js';
import { databaseUnderTest } from '../testing/database-under-test.js';
import { createSession } from '../auth/session.js';
import { addContact } from '../contacts/queries.js';
import { noRights } from '../contacts/rights.js';
import { createClientWithAccount, createTenant } from '../testing/fixtures.js';
import { clientRequest, signedInClient } from '../testing/signed-in.js';
import type { TestDatabase } from '../testing/test-database.js';
import { widgetNames } from '../tenants/settings.js';
import { clearTenantCache } from '../tenants/tenant-context.js';
import { problemLanguage } from './problem.js';

let database: TestDatabase;
let phoneCounter = 0;

beforeAll(async () => {
  database = await databaseUnderTest();
});
afterAll(async () => {
  await database?.close();
});

describe('problemLanguage', () => {
  it.each([
    ['en-GB,en;q=0.9', 'en'],
    ['en', 'en'],
    ['EN-us', 'en'],
    ['nl;q=0.5, en;q=0.9', 'en'],
    ['nl', 'nl'],
    ['nl-NL,nl;q=0.9,en;q=0.8', 'nl'],
    ['en;q=0.1,nl', 'nl'],
    ['fr,en;q=0.9', 'nl'],
    ['en;q=0', 'nl'],
    ['english', 'nl'],
    ['*', 'nl'],
    ['', 'nl'],
    [undefined, 'nl'],
    [`en,${'x'.repeat(5_000)}`, 'nl'],
  ] as const)('%s → %s', (header, language) => {
    expect(problemLanguage(header)).toBe(language);
  });
});

type Answer = { status: number; body: Record<string, unknown>; headers: Headers };

async function answer(response: Response | Promise<Response>): Promise<Answer> {
  const done = await response;
  return { status: done.status, body: (await done.json()) as Record<string, unknown>, headers: done.headers };
}

/** A contact person of a new client with only the right to read the reports, signed in. */
async function daughterWithReportsOnly() {
  const tenant = await createTenant(database.db);
  clearTenantCache();
  const client = await signedInClient(database.db, tenant);
  const added = await addContact(
    database.db,
    { tenantId: tenant.id, clientId: client.clientId },
    {
      name: 'Els de Vries',
      email: `els.${client.username}@example.nl`,
      mobile: '+31687654321',
      relationship: 'daughter',
      rights: { ...noRights, reports: true },
      invitedByAccountId: client.accountId,
    },
  );
  if (added.outcome !== 'added') throw new Error('not added');
  await database.db.updateTable('accounts').set({ status: 'active' }).where('id', '=', added.accountId).execute();
  const { token } = await createSession(database.db, {
    tenant,
    accountId: added.accountId,
    clientId: client.clientId,
    state: 'active',
    ip: null,
    userAgent: null,
  });
  return { tenant, token, clientName: `Test ${client.username}` };
}

/** A request a widget makes that fails, with the texts it must answer in each language. */
interface Case {
  name: string;
  send: (acceptLanguage: Record<string, string>) => Promise<Answer>;
  status: number;
  nl: { title: string; detail: string };
  en: { title: string; detail: string };
}

async function cases(): Promise<Case[]> {
  const tenant = await createTenant(database.db);
  clearTenantCache();
  const mobile = `+316${String(20_000_000 + phoneCounter++).slice(0, 8)}`;
  const person = await createClientWithAccount(database.db, tenant, { mobile });
  const test = authTestApp(database);
  const daughter = await daughterWithReportsOnly();
  const client = await signedInClient(database.db, tenant);
  const noBoard = await createTenant(database.db, { enabledWidgets: widgetNames.filter((name) => name !== 'board') });
  clearTenantCache();
  return [
    {
      name: 'a wrong password',
      send: (headers) => test.browser(tenant).post('/login', { username: person.username, password: 'not-the-password' }, headers),
      status: 401,
      nl: { title: 'Inloggen mislukt', detail: 'De gebruikersnaam of het wachtwoord is niet juist.' },
      en: { title: 'Sign-in failed', detail: 'The username or the password is not correct.' },
    },
    {
      name: 'a wrong sign-in code',
      send: async (headers) => {
        const browser = test.browser(tenant);
        expect((await browser.post('/login', { username: person.username, password: person.password })).status).toBe(200);
        return browser.post('/code/verify', { code: '000000' }, headers);
      },
      status: 400,
      nl: { title: 'Onjuiste code', detail: 'De code is niet juist. Controleer de code en probeer het opnieuw.' },
      en: { title: 'Incorrect code', detail: 'The code is not correct. Check the code and try again.' },
    },
    {
      name: 'a reset link that is not valid',
      send: (headers) =>
        test
          .browser(tenant)
          .post('/password/reset', { token: 'x'.repeat(43), newPassword: 'Ik zag 2 beren!', repeatPassword: 'Ik zag 2 beren!' }, headers),
      status: 400,
      nl: { title: 'Link niet meer geldig', detail: 'Deze link is verlopen of al gebruikt. Vraag een nieuwe link aan.' },
      en: { title: 'Link no longer valid', detail: 'This link has expired or has already been used. Ask for a new link.' },
    },
    {
      name: 'a contact person without the right to the measurements',
      send: (headers) => answer(clientRequest(test.app, daughter, '/measurements/recent', { headers })),
      status: 403,
      nl: { title: 'Geen toegang', detail: `U heeft geen toegang tot de metingen van ${daughter.clientName}.` },
      en: { title: 'No access', detail: `You do not have access to the measurements of ${daughter.clientName}.` },
    },
    {
      name: 'a widget the organisation does not offer',
      send: (headers) => answer(clientRequest(test.app, { tenant: noBoard }, '/board', { headers })),
      status: 404,
      nl: { title: 'Niet beschikbaar', detail: `${noBoard.name} biedt het prikbord niet aan in het cliëntportaal.` },
      en: { title: 'Not available', detail: `${noBoard.name} does not offer the bulletin board in the client portal.` },
    },
    {
      name: 'a mobile number that is not Dutch',
      send: (headers) =>
        answer(clientRequest(test.app, client, '/profile/mobile', { json: { mobile: '12', currentPassword: client.password }, headers })),
      status: 400,
      nl: { title: 'De invoer is niet geldig.', detail: 'mobile: Vul een Nederlands mobiel nummer in, bijvoorbeeld 06 12345678.' },
      en: { title: 'The input is not valid.', detail: 'mobile: Enter a Dutch mobile number, for example 06 12345678.' },
    },
    {
      name: 'a contact person who is no longer there',
      send: (headers) => answer(clientRequest(test.app, client, `/contacts/${randomUUID()}`, { method: 'DELETE', headers })),
      status: 404,
      nl: { title: 'Niet gevonden', detail: 'Deze contactpersoon bestaat niet (meer).' },
      en: { title: 'Not found', detail: 'This contact person does not exist (any more).' },
    },
    {
      name: 'a client plan that is not there',
      send: (headers) => answer(clientRequest(test.app, client, `/plans/${randomUUID()}/pdf`, { headers })),
      status: 404,
      nl: { title: 'Niet gevonden', detail: 'Dit cliëntplan bestaat niet of u heeft er geen toegang toe.' },
      en: { title: 'Not found', detail: 'This client plan does not exist or you have no access to it.' },
    },
    {
      name: 'a post no longer on the bulletin board',
      send: (headers) => answer(clientRequest(test.app, client, `/board/posts/${randomUUID()}`, { method: 'DELETE', headers })),
      status: 404,
      nl: { title: 'Niet gevonden', detail: 'Dit bericht staat niet (meer) op het prikbord.' },
      en: { title: 'Not found', detail: 'This post is not on the bulletin board (any more).' },
    },
    {
      name: 'an organisation that does not exist',
      send: (headers) => answer(test.app.request('/api/tenants/bestaat-niet/reports', { headers })),
      status: 404,
      nl: { title: 'Onbekende organisatie', detail: 'Deze zorgorganisatie is niet bekend.' },
      en: { title: 'Unknown organisation', detail: 'This care organisation is not known.' },
    },
  ];
}

describe('a problem answers in the language the widget asks for', () => {
  const english = { 'accept-language': 'en-GB,en;q=0.9' };
  const dutch: [string, Record<string, string>][] = [
    ['nl', { 'accept-language': 'nl' }],
    ['no header', {}],
    ['*', { 'accept-language': '*' }],
    ['a 5,000-character header', { 'accept-language': `en-GB,${'en;q=0.9,'.repeat(556)}`.slice(0, 5_000) }],
  ];

  it('English for Accept-Language: en-GB,en;q=0.9', async () => {
    for (const item of await cases()) {
      const response = await item.send(english);
      expect({ case: item.name, status: response.status, title: response.body['title'], detail: response.body['detail'] }).toEqual({
        case: item.name,
        status: item.status,
        ...item.en,
      });
      expect(response.headers.get('content-language')).toBe('en');
      expect(response.headers.get('vary')).toMatch(/accept-language/i);
    }
  });

  it.each(dutch)('Dutch, as before, for %s', async (_name, headers) => {
    for (const item of await cases()) {
      const response = await item.send(headers);
      expect({ case: item.name, status: response.status, title: response.body['title'], detail: response.body['detail'] }).toEqual({
        case: item.name,
        status: item.status,
        ...item.nl,
      });
      expect(response.headers.get('content-language')).toBe('nl');
    }
  });

  it('keeps Vary: Accept-Language beside the Origin of a site the organisation allows', async () => {
    const tenant = await createTenant(database.db, { allowedOrigins: ['https://www.zorg-voorbeeld.nl'] });
    clearTenantCache();
    const { app } = authTestApp(database);
    const response = await app.request(`/api/tenants/${tenant.slug}/reports`, {
      headers: { origin: 'https://www.zorg-voorbeeld.nl', 'accept-language': 'en' },
    });
    expect(response.status).toBe(401);
    expect(response.headers.get('access-control-allow-origin')).toBe('https://www.zorg-voorbeeld.nl');
    expect(response.headers.get('vary')?.split(/,\s*/).sort()).toEqual(['Accept-Language', 'Origin']);
  });
});
