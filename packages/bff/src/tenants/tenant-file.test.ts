import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseUnderTest } from '../testing/database-under-test.js';
import { createTestApp } from '../testing/test-app.js';
import type { TestDatabase } from '../testing/test-database.js';
import { describePlan } from './cli.js';
import { applyTenant, parseTenantFile, planTenant, tenantAsFile, tenantFileJsonSchema, TenantFileError } from './tenant-file.js';

const exampleText = readFileSync(new URL('../../../../examples/tenants/zorgcentrum-de-berken.json', import.meta.url), 'utf8');
const committedSchema = readFileSync(new URL('../../tenant.schema.json', import.meta.url), 'utf8');

let database: TestDatabase;
beforeAll(async () => {
  database = await databaseUnderTest();
});
afterAll(async () => {
  await database?.close();
});

const withChanges = (changes: Record<string, unknown>) =>
  JSON.stringify({ ...(JSON.parse(exampleText) as Record<string, unknown>), ...changes });
const problemsOf = (text: string) => {
  try {
    parseTenantFile(text);
    return [];
  } catch (error) {
    if (error instanceof TenantFileError) return error.problems;
    throw error;
  }
};

describe('the tenant file', () => {
  it('has a committed JSON Schema that is the one generated from the zod schema (care-bff tenant schema > packages/bff/tenant.schema.json)', () => {
    expect(JSON.parse(committedSchema)).toEqual(tenantFileJsonSchema());
    expect(JSON.parse(exampleText).$schema).toBe('../../packages/bff/tenant.schema.json');
  });

  it('refuses an invalid file with every error naming its path', () => {
    expect(
      problemsOf(
        withChanges({
          slug: 'Berken!',
          passwordPolicy: { minLength: 4, requireDigt: true },
          secondFactors: { allowed: ['sms'], default: 'totp' },
          allowedOrigins: ['niet-een-url'],
          measurementTypes: [
            { code: 'pols', label: 'Pols', unit: 'slagen/min', components: [{ key: 'value', label: 'Hartslag', min: 220, max: 30 }] },
          ],
          smsSender: 'typo',
        }),
      ),
    ).toEqual([
      'slug: lower-case letters, digits and -, 2 to 63 characters',
      'allowedOrigins[0]: Invalid URL',
      'passwordPolicy.minLength: Too small: expected number to be >=8',
      'passwordPolicy: Unrecognized key: "requireDigt"',
      'measurementTypes[0].components: every component needs min < max',
      '(file): Unrecognized key: "smsSender"',
      'secondFactors.default: the default second factor must be one of the allowed ones',
    ]);
    expect(problemsOf('{ "slug": ')).toEqual([expect.stringMatching(/^\(file\): not JSON: /)]);
  });

  it('switches every widget on or off, the contact persons, access log, activity and board too', () => {
    const some = ['login', 'reports', 'contacts', 'access-log', 'activity', 'board'];
    expect(parseTenantFile(withChanges({ enabledWidgets: some })).enabledWidgets).toEqual(some);
    const all = (tenantFileJsonSchema() as { properties: { enabledWidgets: { default: string[] } } }).properties.enabledWidgets.default;
    expect(all).toEqual(expect.arrayContaining(['contacts', 'access-log', 'activity', 'board']));
    expect(problemsOf(withChanges({ enabledWidgets: ['prikbord'] }))).toEqual([expect.stringMatching(/^enabledWidgets\[0\]: /)]);
    expect(problemsOf(withChanges({ enabledWidgets: ['reports', 'agenda'] }))).toEqual([
      'enabledWidgets: must include "login": every widget signs in through it',
    ]);
  });
});

describe('tenant apply', () => {
  it('creates the tenant from the example file, and applying it again changes nothing', async () => {
    const file = parseTenantFile(exampleText);
    const dryRun = await planTenant(database.db, file);
    expect(dryRun.exists).toBe(false);
    expect(await database.db.selectFrom('tenants').select('id').where('slug', '=', file.slug).executeTakeFirst()).toBeUndefined();

    const created = await applyTenant(database.db, file);
    expect(describePlan(created, false)).toMatch(/^zorgcentrum-de-berken: created \(\d+ changes\)\n {2}\+ tenant: /);
    const stored = await tenantAsFile(database.db, file.slug);
    expect(stored).toMatchObject({
      name: 'Zorgcentrum De Berken',
      passwordPolicy: { minLength: 12 },
      sms: { sender: 'DeBerken' },
      email: { replyTo: 'clientenservice@zorgcentrum-de-berken.example.nl' },
    });
    expect((stored!['measurementTypes'] as { code: string }[]).map((t) => t.code)).toEqual([
      'bloeddruk',
      'gewicht',
      'temperatuur',
      'saturatie',
    ]);
    // What `show` prints is a file `apply` accepts, and it describes exactly this tenant.
    const shown = parseTenantFile(JSON.stringify(stored));
    expect((await planTenant(database.db, shown)).changes).toEqual([]);

    const updatedAt = (await database.db.selectFrom('tenants').select('updated_at').where('slug', '=', file.slug).executeTakeFirstOrThrow())
      .updated_at;
    const again = await applyTenant(database.db, parseTenantFile(exampleText));
    expect(describePlan(again, false)).toBe('zorgcentrum-de-berken: up to date; nothing changed.');
    expect(
      (await database.db.selectFrom('tenants').select('updated_at').where('slug', '=', file.slug).executeTakeFirstOrThrow()).updated_at,
    ).toEqual(updatedAt);
  });

  it('--dry-run prints what would change and writes nothing; apply then changes exactly that', async () => {
    const file = parseTenantFile(withChanges({ slug: 'de-berken-proef' }));
    await applyTenant(database.db, file);
    const changed = parseTenantFile(
      withChanges({
        slug: 'de-berken-proef',
        passwordPolicy: { minLength: 14 },
        measurementTypes: [
          {
            code: 'gewicht',
            label: 'Lichaamsgewicht',
            unit: 'kg',
            decimals: 1,
            components: [{ key: 'value', label: 'Gewicht', min: 20, max: 300 }],
          },
        ],
      }),
    );
    const plan = await planTenant(database.db, changed);
    expect(describePlan(plan, true).split('\n')).toEqual([
      'de-berken-proef: would update (2 changes); nothing was written (--dry-run)',
      '  ~ settings.passwordPolicy: {"minLength":12,"requireLowercase":true,"requireUppercase":true,"requireDigit":true,"requireSpecial":true,"maxAgeDays":null} -> {"minLength":14,"requireLowercase":true,"requireUppercase":true,"requireDigit":true,"requireSpecial":true,"maxAgeDays":null}',
      '  ~ measurementTypes.gewicht: {"label":"Gewicht","unit":"kg","decimals":1,"components":[{"key":"value","label":"Gewicht","min":20,"max":300}],"sort_order":20,"client_may_enter":true} -> {"label":"Lichaamsgewicht","unit":"kg","decimals":1,"components":[{"key":"value","label":"Gewicht","min":20,"max":300}],"sort_order":10,"client_may_enter":true}',
      '  = measurementTypes.bloeddruk: not in the file, kept',
      '  = measurementTypes.temperatuur: not in the file, kept',
      '  = measurementTypes.saturatie: not in the file, kept',
    ]);
    expect((await tenantAsFile(database.db, 'de-berken-proef'))!['passwordPolicy']).toMatchObject({ minLength: 12 });
    await applyTenant(database.db, changed);
    expect((await tenantAsFile(database.db, 'de-berken-proef'))!['passwordPolicy']).toMatchObject({ minLength: 14 });
    expect((await planTenant(database.db, changed)).changes.filter((c) => c.change !== 'keep')).toEqual([]);
  });

  it('reaches a running instance at once, not after its 10-second cache', async () => {
    const file = parseTenantFile(withChanges({ slug: 'de-berken-live' }));
    await applyTenant(database.db, file);
    const { app } = createTestApp(database);
    const name = async () => ((await (await app.request('/api/tenants/de-berken-live')).json()) as { name: string }).name;
    expect(await name()).toBe('Zorgcentrum De Berken');
    await new Promise((resolve) => setTimeout(resolve, 200)); // the instance is listening by now
    await applyTenant(database.db, parseTenantFile(withChanges({ slug: 'de-berken-live', name: 'Zorgcentrum De Berken en De Eik' })));
    await expect.poll(name, { timeout: 3_000, interval: 50 }).toBe('Zorgcentrum De Berken en De Eik');
  });
});
