import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '../auth/passwords.js';
import type { Database } from '../db/schema.js';
import { parseTenantSettings, type PasswordPolicy } from '../tenants/settings.js';
import { databaseUnderTest } from '../testing/database-under-test.js';
import type { TestDatabase } from '../testing/test-database.js';
import { amsterdamDate } from '../time/amsterdam-time.js';
import { isValidBsn } from '../validation/bsn.js';
import { reportRows } from './care-history.js';
import { clientPlan } from './client-plan.js';
import { DEMO_SEED_VERSION, demoCredentialsText, outdatedDemoNotice, seedDemo, type DemoSeedResult } from './demo-seed.js';
import { messagePage, unreadCount } from '../messages/queries.js';
import { demoTenants } from './demo-tenants.js';
import { renderPlanPdf } from './plan-pdf.js';
import { SeededRandom } from './random.js';

// A fixed moment whose year of history crosses both DST changes.
const now = new Date('2025-06-02T09:30:00Z');
const yearAgo = new Date(now.getTime() - 365 * 86_400_000);

let database: TestDatabase;
let first: DemoSeedResult;

beforeAll(async () => {
  database = await databaseUnderTest();
  first = await seedDemo(database.db, { now });
});

afterAll(async () => {
  await database?.close();
});

function meetsPolicy(password: string, policy: PasswordPolicy): boolean {
  return (
    password.length >= policy.minLength &&
    (!policy.requireLowercase || /[a-z]/.test(password)) &&
    (!policy.requireUppercase || /[A-Z]/.test(password)) &&
    (!policy.requireDigit || /\d/.test(password)) &&
    (!policy.requireSpecial || /[^A-Za-z0-9]/.test(password))
  );
}

const tables: (keyof Database)[] = [
  'tenants',
  'clients',
  'accounts',
  'account_clients',
  'measurement_types',
  'reports',
  'measurements',
  'appointments',
  'messages',
  'staff_access_events',
  'plan_documents',
  'plan_decisions',
  'outbox',
  'challenges',
];

async function rowCounts(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const row = await database.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    counts[table] = Number(row.n);
  }
  return counts;
}

async function invitationMails(email: string) {
  return database.db
    .selectFrom('outbox')
    .select(['body', 'subject'])
    .where('channel', '=', 'email')
    .where('recipient', '=', email)
    .execute();
}

describe('seedDemo', () => {
  it('creates two care organisations whose login policies differ', async () => {
    expect(first.created).toBe(true);
    const tenants = await database.db.selectFrom('tenants').selectAll().orderBy('slug').execute();
    expect(tenants.map((t) => t.slug)).toEqual(['thuiszorg-het-baken', 'zorggroep-de-linde']);

    const linde = parseTenantSettings(tenants.find((t) => t.slug === 'zorggroep-de-linde')!.settings);
    const baken = parseTenantSettings(tenants.find((t) => t.slug === 'thuiszorg-het-baken')!.settings);
    expect(linde.secondFactors.allowed).toEqual(['sms']);
    expect(baken.secondFactors).toEqual({ allowed: ['email', 'totp'], default: 'email' });
    expect(linde.passwordPolicy.minLength).toBe(10);
    expect(baken.passwordPolicy.minLength).toBe(12);
    expect(baken.passwordPolicy.maxAgeDays).toBe(90);
    expect(linde.trustedDeviceDays).toBe(0);
    expect(baken.trustedDeviceDays).toBe(7);
    expect(linde.agenda.indicativeTimeNotice).toContain('60 minuten');
    expect(linde.agenda.clientMayAddAppointments).toBe(false);
    expect(baken.agenda.clientMayAddAppointments).toBe(true);
    expect(linde.theme).not.toBe(baken.theme);
    expect(linde.terms.version).not.toBe(baken.terms.version);
  });

  it('gives every demo account a password that opens it and meets its organisation’s policy', async () => {
    for (const tenant of first.tenants) {
      const row = await database.db
        .selectFrom('tenants')
        .select(['id', 'settings'])
        .where('slug', '=', tenant.slug)
        .executeTakeFirstOrThrow();
      const policy = parseTenantSettings(row.settings).passwordPolicy;
      expect(tenant.accounts).toHaveLength(2);
      for (const credentials of tenant.accounts) {
        const account = await database.db
          .selectFrom('accounts')
          .select(['password_hash'])
          .where('tenant_id', '=', row.id)
          .where('username', '=', credentials.username)
          .executeTakeFirstOrThrow();
        expect(await verifyPassword(account.password_hash!, credentials.password)).toBe(true);
        expect(await verifyPassword(account.password_hash!, `${credentials.password}x`)).toBe(false);
        expect(meetsPolicy(credentials.password, policy), credentials.password).toBe(true);
      }
    }
  });

  it('has one ready account and one that must change its password and accept the terms, per organisation', async () => {
    const accounts = await database.db
      .selectFrom('accounts')
      .innerJoin('tenants', 'tenants.id', 'accounts.tenant_id')
      .select([
        'tenants.slug',
        'tenants.settings',
        'accounts.must_change_password',
        'accounts.terms_version_accepted',
        'accounts.status',
        'accounts.second_factor',
      ])
      .where('accounts.status', '!=', 'invited')
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('account_clients')
            .select('account_clients.client_id')
            .whereRef('account_clients.tenant_id', '=', 'accounts.tenant_id')
            .whereRef('account_clients.account_id', '=', 'accounts.id')
            .where('account_clients.relation', '=', 'self'),
        ),
      )
      .execute();
    for (const slug of ['zorggroep-de-linde', 'thuiszorg-het-baken']) {
      const own = accounts.filter((a) => a.slug === slug);
      const ready = own.filter((a) => !a.must_change_password);
      const firstLogin = own.filter((a) => a.must_change_password);
      expect(ready).toHaveLength(1);
      expect(firstLogin).toHaveLength(1);
      expect(ready[0]!.terms_version_accepted).toBe(parseTenantSettings(ready[0]!.settings).terms.version);
      expect(firstLogin[0]!.terms_version_accepted).toBeNull();
      expect(own.every((a) => a.status === 'active')).toBe(true);
      expect(own.every((a) => a.second_factor === parseTenantSettings(a.settings).secondFactors.default)).toBe(true);
    }
  });

  it('gives clients full, fictional Dutch profiles', async () => {
    const clients = await database.db.selectFrom('clients').selectAll().execute();
    expect(clients).toHaveLength(6);
    for (const client of clients) {
      expect(isValidBsn(client.bsn!), client.bsn!).toBe(true);
      expect(client.postal_code).toMatch(/^\d{4} [A-Z]{2}$/);
      expect(client.mobile_phone).toMatch(/^\+316\d{8}$/);
      expect(client.email).toMatch(/@example\.nl$/);
      expect(client.nationality).toBe('Nederlandse');
      const age = now.getUTCFullYear() - Number(client.date_of_birth.slice(0, 4));
      expect(age).toBeGreaterThanOrEqual(70);
      expect(age).toBeLessThanOrEqual(91);
    }
  });

  it('writes a year of reports: at least 900 in the last 365 days for one client of each organisation', async () => {
    const perClient = await database.db
      .selectFrom('reports')
      .innerJoin('tenants', 'tenants.id', 'reports.tenant_id')
      .select(['tenants.slug', 'reports.client_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('written_at', '>', yearAgo)
      .where('written_at', '<=', now)
      .groupBy(['tenants.slug', 'reports.client_id'])
      .execute();
    for (const slug of ['zorggroep-de-linde', 'thuiszorg-het-baken']) {
      const most = Math.max(...perClient.filter((r) => r.slug === slug).map((r) => Number(r.n)));
      expect(most).toBeGreaterThanOrEqual(900);
    }
    const future = await database.db.selectFrom('reports').select('id').where('written_at', '>', now).execute();
    expect(future).toHaveLength(0);

    const byClient = await database.db.selectFrom('reports').select(['author_kind', 'author_account_id', 'text']).execute();
    const own = byClient.filter((r) => r.author_kind === 'client');
    expect(own.length).toBeGreaterThan(0);
    expect(own.every((r) => r.author_account_id !== null)).toBe(true);
    expect(byClient.some((r) => r.text.includes('\n\n') && r.text.length > 600)).toBe(true);
  });

  it('gives each client exactly one signed and one undecided plan, with intact PDFs', async () => {
    const plans = await database.db
      .selectFrom('plan_documents')
      .leftJoin('plan_decisions', (join) =>
        join
          .onRef('plan_decisions.tenant_id', '=', 'plan_documents.tenant_id')
          .onRef('plan_decisions.plan_document_id', '=', 'plan_documents.id'),
      )
      .select([
        'plan_documents.client_id',
        'plan_documents.version',
        'plan_documents.pdf',
        'plan_documents.sha256',
        'plan_decisions.decision',
        'plan_decisions.document_sha256',
        'plan_decisions.account_id',
      ])
      .execute();
    const clients = new Set(plans.map((p) => p.client_id));
    expect(clients.size).toBe(4);
    for (const clientId of clients) {
      const own = plans.filter((p) => p.client_id === clientId);
      expect(own).toHaveLength(2);
      expect(own.filter((p) => p.decision === null)).toHaveLength(1);
      const signed = own.filter((p) => p.decision === 'signed');
      expect(signed).toHaveLength(1);
      expect(signed[0]!.document_sha256).toBe(signed[0]!.sha256);
      const link = await database.db
        .selectFrom('account_clients')
        .select('relation')
        .where('account_id', '=', signed[0]!.account_id!)
        .where('client_id', '=', clientId)
        .executeTakeFirst();
      expect(link?.relation).toBe('self');
    }
    for (const plan of plans) {
      const bytes = Buffer.from(plan.pdf);
      expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(plan.sha256);
    }
  });

  it('fills the agenda ahead, at Amsterdam wall-clock times in summer and winter', async () => {
    const appointments = await database.db.selectFrom('appointments').select(['client_id', 'title', 'starts_at', 'source']).execute();
    const upcoming = appointments.filter((a) => a.starts_at > now);
    expect(new Set(upcoming.map((a) => a.client_id)).size).toBe(4);
    expect(upcoming.some((a) => a.title === 'Evaluatiegesprek')).toBe(true);
    expect(appointments.filter((a) => a.source === 'client')).toHaveLength(1);

    const hour = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Amsterdam', hour: '2-digit', hourCycle: 'h23' });
    const morning = appointments.filter((a) => a.title === 'Ochtendzorg');
    const months = new Set(morning.map((a) => amsterdamDate(a.starts_at).month));
    expect(months.has(1) && months.has(7)).toBe(true);
    expect(morning.every((a) => hour.format(a.starts_at) === '08')).toBe(true);
  });

  it('leaves the latest staff messages unread', async () => {
    const messages = await database.db
      .selectFrom('messages')
      .select(['client_id', 'sender_kind', 'sent_at', 'read_at'])
      .orderBy('sent_at')
      .execute();
    for (const clientId of new Set(messages.map((m) => m.client_id))) {
      const thread = messages.filter((m) => m.client_id === clientId);
      expect(thread.length).toBeGreaterThanOrEqual(10);
      const last = thread.at(-1)!;
      expect(last.sender_kind).toBe('staff');
      expect(last.read_at).toBeNull();
      expect(thread.some((m) => m.read_at !== null)).toBe(true);
    }
  });

  it("holds the care team's accesses from the ECD: daily reads of the past quarter, one under break-the-glass", async () => {
    const events = await database.db
      .selectFrom('staff_access_events')
      .select(['client_id', 'occurred_at', 'staff_role', 'data_category', 'break_the_glass'])
      .execute();
    // The clients with a care history (not the invitees, who have none yet).
    const clients = await database.db.selectFrom('reports').select('client_id as id').distinct().execute();
    expect(clients.length).toBe(4);
    const dayMs = 86_400_000;
    for (const { id } of clients) {
      const own = events.filter((event) => event.client_id === id);
      expect(own.length).toBeGreaterThanOrEqual(90);
      const times = own.map((event) => event.occurred_at.getTime());
      expect(Math.max(...times)).toBeLessThanOrEqual(Date.now());
      expect((Math.max(...times) - Math.min(...times)) / dayMs).toBeGreaterThan(89);
      expect((Math.max(...times) - Math.min(...times)) / dayMs).toBeLessThan(92);
      expect(new Set(own.map((event) => event.data_category))).toEqual(new Set(['reports', 'measurements', 'client-plan']));
      expect(own.filter((event) => event.break_the_glass)).toEqual([
        expect.objectContaining({ staff_role: 'Verpleegkundige nachtdienst' }),
      ]);
    }
  });

  it('invites one client per organisation: no password yet, an activation e-mail in the outbox', async () => {
    for (const tenant of demoTenants) {
      const { person, examplePage } = tenant.invitee;
      const account = await database.db
        .selectFrom('accounts')
        .innerJoin('tenants', 'tenants.id', 'accounts.tenant_id')
        .innerJoin('account_clients', (join) =>
          join.onRef('account_clients.tenant_id', '=', 'accounts.tenant_id').onRef('account_clients.account_id', '=', 'accounts.id'),
        )
        .innerJoin('clients', (join) =>
          join.onRef('clients.tenant_id', '=', 'account_clients.tenant_id').onRef('clients.id', '=', 'account_clients.client_id'),
        )
        .select(['accounts.status', 'accounts.username', 'accounts.password_hash', 'clients.date_of_birth'])
        .where('tenants.slug', '=', tenant.slug)
        .where('accounts.email', '=', person.email)
        .executeTakeFirstOrThrow();
      expect(account).toEqual({ status: 'invited', username: person.email, password_hash: null, date_of_birth: person.dateOfBirth });

      const mails = await invitationMails(person.email);
      expect(mails).toHaveLength(1);
      expect(mails[0]!.body).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:8787${examplePage.replace(/\./g, '\\.')}\\?activate=\\S+$`, 'm'));
    }
    const credentials = first.tenants.flatMap((t) => t.invited);
    expect(credentials.map((c) => c.email)).toEqual(demoTenants.map((t) => t.invitee.person.email));
    const text = demoCredentialsText(first);
    expect(text).toContain('date of birth 12-03-1947');
    expect(text).toContain('Activatielink: zie /dev/outbox');
  });

  it('lets Marieke de Vries see two De Linde clients with the rights they gave her, and gives Het Baken a legal representative', async () => {
    const links = await database.db
      .selectFrom('account_clients as ac')
      .innerJoin('accounts as a', (join) => join.onRef('a.tenant_id', '=', 'ac.tenant_id').onRef('a.id', '=', 'ac.account_id'))
      .innerJoin('clients as c', (join) => join.onRef('c.tenant_id', '=', 'ac.tenant_id').onRef('c.id', '=', 'ac.client_id'))
      .innerJoin('tenants as t', 't.id', 'ac.tenant_id')
      .select(['t.slug', 'a.username', 'a.status', 'c.first_name', 'ac.relationship', 'ac.rights', 'ac.locked', 'ac.legal_representative'])
      .where('ac.relation', '=', 'contact')
      .orderBy('a.username')
      .orderBy('c.first_name')
      .execute();
    expect(links).toEqual([
      {
        slug: 'zorggroep-de-linde',
        username: 'm.de.vries',
        status: 'active',
        first_name: 'Hendrik',
        relationship: 'informal-carer',
        rights: { agenda: true, messages: true },
        locked: false,
        legal_representative: false,
      },
      {
        slug: 'zorggroep-de-linde',
        username: 'm.de.vries',
        status: 'active',
        first_name: 'Johanna',
        relationship: 'daughter',
        rights: { reports: true, agenda: true, messages: true, board: true },
        locked: false,
        legal_representative: false,
      },
      {
        slug: 'thuiszorg-het-baken',
        username: 's.kodde@example.nl',
        status: 'active',
        first_name: 'Willem',
        relationship: 'mentor',
        rights: {
          reports: true,
          measurements: true,
          agenda: true,
          messages: true,
          plan: true,
          profile: true,
          board: true,
          accessLog: true,
        },
        locked: true,
        legal_representative: true,
      },
    ]);
    for (const tenant of first.tenants) {
      const row = await database.db
        .selectFrom('tenants')
        .select(['id', 'settings'])
        .where('slug', '=', tenant.slug)
        .executeTakeFirstOrThrow();
      for (const credentials of tenant.contacts) {
        const account = await database.db
          .selectFrom('accounts')
          .select('password_hash')
          .where('tenant_id', '=', row.id)
          .where('username', '=', credentials.username)
          .executeTakeFirstOrThrow();
        expect(await verifyPassword(account.password_hash!, credentials.password)).toBe(true);
        expect(meetsPolicy(credentials.password, parseTenantSettings(row.settings).passwordPolicy)).toBe(true);
      }
    }
    expect(first.tenants[0]!.contacts[0]).toMatchObject({ username: 'm.de.vries', clientName: 'Johanna de Vries, Hendrik van der Meer' });
    expect(demoCredentialsText(first)).toContain('m.de.vries');
  });

  it("stores Marieke's messages to Johanna's care team with her account as sender, and her own read marks", async () => {
    const ids = async (username: string) =>
      database.db
        .selectFrom('accounts as a')
        .innerJoin('account_clients as ac', (join) => join.onRef('ac.tenant_id', '=', 'a.tenant_id').onRef('ac.account_id', '=', 'a.id'))
        .innerJoin('clients as c', (join) => join.onRef('c.tenant_id', '=', 'ac.tenant_id').onRef('c.id', '=', 'ac.client_id'))
        .select(['a.tenant_id', 'a.id', 'c.id as client_id', 'c.first_name'])
        .where('a.username', '=', username)
        .execute();
    const [johanna] = await ids('j.de.vries');
    const marieke = (await ids('m.de.vries')).find((link) => link.client_id === johanna!.client_id)!;
    const fromMarieke = await database.db
      .selectFrom('messages')
      .select(['sender_kind', 'sender_account_id', 'sender_name'])
      .where('client_id', '=', johanna!.client_id)
      .where('sender_kind', '=', 'contact')
      .execute();
    expect(fromMarieke.length).toBeGreaterThan(0);
    expect(fromMarieke.every((m) => m.sender_account_id === marieke.id && m.sender_name === 'Marieke de Vries (dochter)')).toBe(true);

    // Per reader: her own messages are never unread for her, Johanna's read marks are Johanna's own.
    const asJohanna = { tenantId: johanna!.tenant_id, clientId: johanna!.client_id, accountId: johanna!.id };
    const asMarieke = { ...asJohanna, accountId: marieke.id };
    const { items } = await messagePage(database.db, asMarieke, undefined, 100);
    const own = items.filter((m) => m.sender.kind === 'contact');
    expect(own.length).toBe(fromMarieke.length);
    expect(own.every((m) => m.own)).toBe(true);
    const mariekeUnread = await unreadCount(database.db, asMarieke);
    const johannaUnread = await unreadCount(database.db, asJohanna);
    expect(johannaUnread).toBeGreaterThan(0);
    // She last signed in 3 days ago: what came before is read by her, what came after is not.
    expect(mariekeUnread).toBeGreaterThan(0);
    expect(mariekeUnread).toBeLessThan(items.filter((m) => !m.own).length);
  });

  it('gives every client a bulletin board with posts, photos described for a screen reader, and replies', async () => {
    const boards = await database.db
      .selectFrom('clients as c')
      .innerJoin('tenants as t', 't.id', 'c.tenant_id')
      .select((eb) => [
        't.slug',
        'c.first_name',
        eb.selectFrom('board_posts as p').whereRef('p.client_id', '=', 'c.id').select(eb.fn.countAll<number>().as('n')).as('posts'),
        eb.selectFrom('board_replies as r').whereRef('r.client_id', '=', 'c.id').select(eb.fn.countAll<number>().as('n')).as('replies'),
        eb
          .selectFrom('board_photos as f')
          .whereRef('f.client_id', '=', 'c.id')
          .where('f.post_id', 'is not', null)
          .select(eb.fn.countAll<number>().as('n'))
          .as('photos'),
      ])
      .where('c.email', 'is not', null)
      .execute();
    expect(new Set(boards.map((b) => b.slug))).toEqual(new Set(demoTenants.map((t) => t.slug)));
    for (const board of boards.filter((b) => Number(b.posts) > 0)) {
      expect(Number(board.photos), board.first_name).toBeGreaterThanOrEqual(2);
      expect(Number(board.replies), board.first_name).toBeGreaterThanOrEqual(2);
    }
    expect(boards.filter((b) => Number(b.posts) >= 3).length).toBeGreaterThanOrEqual(demoTenants.length);
    const photo = await database.db
      .selectFrom('board_photos')
      .select(['description', 'content_type', 'screen'])
      .where('post_id', 'is not', null)
      .executeTakeFirstOrThrow();
    expect(photo.description?.length).toBeGreaterThan(10);
    expect(photo.content_type).toBe('image/jpeg');
    expect(Buffer.from(photo.screen).subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
    const marieke = await database.db
      .selectFrom('board_posts')
      .select(['author_name', 'author_relationship'])
      .where('author_kind', '=', 'contact')
      .execute();
    expect(marieke).toContainEqual({ author_name: 'Marieke de Vries', author_relationship: 'daughter' });
  });

  it('allows the example pages of the port the demo runs on, also after a restart on another port', async () => {
    const origins = async () =>
      (
        await database.db
          .selectFrom('tenants')
          .select(['slug', 'settings'])
          .where(
            'slug',
            'in',
            demoTenants.map((t) => t.slug),
          )
          .execute()
      ).map((row) => parseTenantSettings(row.settings).allowedOrigins);
    expect(await origins()).toEqual(demoTenants.map(() => ['http://127.0.0.1:8787', 'http://localhost:8787']));
    await seedDemo(database.db, { now, demoOrigin: 'http://127.0.0.1:9123' });
    expect(await origins()).toEqual(demoTenants.map(() => ['http://127.0.0.1:9123', 'http://localhost:9123']));
    await seedDemo(database.db, { now });
    expect(await origins()).toEqual(demoTenants.map(() => ['http://127.0.0.1:8787', 'http://localhost:8787']));
  });

  it('notices a database an older seed wrote, and says on the console how to start over', async () => {
    const versions = await database.db.selectFrom('demo_seed').select(['tenant_id', 'version']).execute();
    expect(versions.map((row) => row.version)).toEqual([DEMO_SEED_VERSION, DEMO_SEED_VERSION]);
    expect(first.outdated).toEqual([]);
    expect(outdatedDemoNotice(first, { pgliteDataDir: '/demo/.data/pglite' })).toBe('');

    // A data directory from before versions were kept, and one from an older seed.
    const [linde, baken] = await Promise.all(
      ['zorggroep-de-linde', 'thuiszorg-het-baken'].map((slug) =>
        database.db.selectFrom('tenants').select('id').where('slug', '=', slug).executeTakeFirstOrThrow(),
      ),
    );
    await database.db.deleteFrom('demo_seed').where('tenant_id', '=', linde!.id).execute();
    await database.db.updateTable('demo_seed').set({ version: 0 }).where('tenant_id', '=', baken!.id).execute();
    try {
      const again = await seedDemo(database.db, { now });
      expect(again.created).toBe(false);
      expect(again.outdated).toHaveLength(2);
      expect(again.outdated).toEqual(
        expect.arrayContaining([
          { slug: 'zorggroep-de-linde', name: 'Zorggroep De Linde', version: null },
          { slug: 'thuiszorg-het-baken', name: 'Thuiszorg Het Baken', version: 0 },
        ]),
      );
      const notice = outdatedDemoNotice(again, { pgliteDataDir: '/demo/.data/pglite' });
      expect(notice).toContain('WARNING: the demo data was written by an older demo seed');
      expect(notice).toContain('Zorggroep De Linde: no version recorded');
      expect(notice).toContain('Thuiszorg Het Baken: version 0');
      expect(notice).toContain(`this seed is version ${DEMO_SEED_VERSION}`);
      expect(notice).toContain('delete the folder\n    /demo/.data/pglite\n');
      expect(outdatedDemoNotice(again, {})).toContain('DATABASE_URL');
    } finally {
      await database.db.insertInto('demo_seed').values({ tenant_id: linde!.id, version: DEMO_SEED_VERSION }).execute();
      await database.db.updateTable('demo_seed').set({ version: DEMO_SEED_VERSION }).execute();
    }
  });

  it('changes nothing when seeded again, and still hands out the credentials', async () => {
    const before = await rowCounts();
    const again = await seedDemo(database.db, { now: new Date(now.getTime() + 86_400_000) });
    expect(again.created).toBe(false);
    expect(again.tenants).toEqual(first.tenants);
    expect(await rowCounts()).toEqual(before);
    expect(demoCredentialsText(again)).toContain(demoTenants[0]!.clients[0]!.account.password);
    for (const tenant of demoTenants) expect(await invitationMails(tenant.invitee.person.email)).toHaveLength(1);
  });

  it('generates the same history and the same plan PDFs for the same moment', async () => {
    const tenant = demoTenants[0]!;
    const client = tenant.clients[0]!;
    const generate = () =>
      reportRows({
        tenant,
        client,
        tenantId: 't',
        clientId: 'c',
        accountId: 'a',
        now,
        today: amsterdamDate(now),
        rng: new SeededRandom(client.key),
      });
    expect(generate()).toEqual(generate());

    const plan = clientPlan(tenant, client, {
      version: '1.0',
      documentDate: amsterdamDate(now),
      dateOfBirth: { year: 1941, month: 4, day: 17 },
      bsn: '999993653',
    });
    const [a, b] = [await renderPlanPdf(plan), await renderPlanPdf(plan)];
    expect(a.equals(b)).toBe(true);
  });
});
