import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authTestApp } from '../auth/auth-test-kit.js';
import { databaseUnderTest } from '../testing/database-under-test.js';
import { createClientWithAccount, createTenant } from '../testing/fixtures.js';
import type { TestDatabase } from '../testing/test-database.js';
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

/** A request a widget makes that fails, with the texts it must answer in each language. */
interface Case {
  name: string;
  send: (acceptLanguage: Record<string, string>) => Promise<{ status: number; body: Record<string, unknown>; headers: Headers }>;
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
});
