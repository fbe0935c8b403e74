import { createHash } from 'node:crypto';
import { sql, type Insertable, type Kysely, type Transaction } from 'kysely';
import { createInvitation } from '../auth/links.js';
import { relationshipLabels } from '../contacts/rights.js';
import { hashPassword } from '../auth/passwords.js';
import type { Database, MeasurementComponent } from '../db/schema.js';
import { createLogger } from '../http/logger.js';
import { consoleDelivery, createOutbox, type Outbox } from '../outbox/delivery.js';
import { tenantBySlug } from '../tenants/queries.js';
import { parseTenantSettings } from '../tenants/settings.js';
import { addDays, amsterdamDate, amsterdamTime, isoDate, type LocalDate } from '../time/amsterdam-time.js';
import { seedBoard } from './board.js';
import { fictionalBsn } from './bsn.js';
import { appointmentRows, INACTIVE_DAYS, measurementRows, reportRows, type HistoryContext, staffAccessRows } from './care-history.js';
import { clientPlan } from './client-plan.js';
import {
  demoAllowedOrigins,
  demoTenants,
  displayName,
  fullName,
  type DemoClient,
  type DemoContact,
  type DemoInvitee,
  type DemoTenant,
} from './demo-tenants.js';
import { demoMeasurementTypes } from './measurement-types.js';
import { messageRows } from './message-thread.js';
import { renderPlanPdf } from './plan-pdf.js';
import { SeededRandom } from './random.js';

export interface DemoAccountCredentials {
  username: string;
  password: string;
  displayName: string;
  clientName: string;
  note: string;
}

/** An invited account: no password yet; the activation link of its e-mail is in the dev outbox. */
export interface DemoInvitedAccount {
  email: string;
  displayName: string;
  clientName: string;
  /** YYYY-MM-DD, which the activation asks for. */
  dateOfBirth: string;
  /** The example page the activation link opens, relative to the demo's origin. */
  examplePage: string;
}

export interface DemoSeedResult {
  /** false when the demo tenants were already there and nothing was inserted. */
  created: boolean;
  /**
   * Demo tenants an older seed wrote (a data directory kept from before): left as they are, so
   * they lack what this seed adds; `version` is theirs (null: from before versions were kept).
   */
  outdated: { slug: string; name: string; version: number | null }[];
  tenants: {
    slug: string;
    name: string;
    accounts: DemoAccountCredentials[];
    invited: DemoInvitedAccount[];
    /** Relatives and representatives; `clientName` lists every client they may see. */
    contacts: DemoAccountCredentials[];
  }[];
}

export interface DemoSeedOptions {
  /** Every date of the demo data is relative to this moment; the same `now` gives the same data. */
  now?: Date;
  /**
   * Where the invitation e-mails go: the server's outbox. Without one they are recorded through
   * an outbox of the console provider, so they still land in the outbox table (`care-bff seed`).
   */
  outbox?: Outbox;
  /** The origin the demo's example pages are served from; the activation links point there. */
  demoOrigin?: string;
}

export const DEFAULT_DEMO_ORIGIN = 'http://127.0.0.1:8787';

/**
 * The version of the demo data this seed writes, kept per tenant (migration 0014). Raise it when
 * the demo data changes in a way a data directory seeded before lacks (new people, new rows, other
 * logins): the demo then says that the directory is out of date instead of quietly showing old data.
 *   1: contact persons with their own messages and read marks (issue 16), the bulletin board.
 */
export const DEMO_SEED_VERSION = 1;

/** Rows per insert statement: well below PostgreSQL's 65,535 parameters, few round trips. */
const BATCH = 500;

/**
 * Loads the two fictional care organisations of the demo, each with two clients and a year of
 * their reports, measurements, appointments, messages and client plans. Idempotent: a tenant
 * that already exists is left alone, so the demo can seed on every start.
 */
export async function seedDemo(db: Kysely<Database>, options: DemoSeedOptions = {}): Promise<DemoSeedResult> {
  const now = options.now ?? new Date();
  const slugs = demoTenants.map((t) => t.slug);
  const seeded = await db
    .selectFrom('tenants as t')
    .leftJoin('demo_seed as d', 'd.tenant_id', 't.id')
    .select(['t.slug', 't.name', 'd.version'])
    .where('t.slug', 'in', slugs)
    .execute();
  const existing = new Set(seeded.map((row) => row.slug));
  const outdated = seeded
    .filter((row) => (row.version ?? 0) < DEMO_SEED_VERSION)
    .map((row) => ({ slug: row.slug, name: row.name, version: row.version }));
  let created = false;
  // Quiet: the e-mails are read in /dev/outbox, and tests seed often.
  const quiet = createLogger('warn');
  const outbox = options.outbox ?? createOutbox(db, consoleDelivery(quiet), quiet);
  const demoOrigin = options.demoOrigin ?? DEFAULT_DEMO_ORIGIN;
  const allowedOrigins = demoAllowedOrigins(demoOrigin);
  for (const tenant of demoTenants) {
    if (existing.has(tenant.slug)) {
      await followDemoPort(db, tenant.slug, allowedOrigins);
      continue;
    }
    const invitedAccountId = await seedTenant(db, tenant, now, allowedOrigins);
    if (invitedAccountId === undefined) continue;
    created = true;
    // After the commit: the invitation reads the account through \`db\`, and PGlite has one connection.
    await inviteDemoAccount(db, outbox, tenant, invitedAccountId, demoOrigin);
  }
  return { created, outdated, tenants: demoCredentials() };
}

/**
 * What the console says when the demo's data is older than this seed: which organisations, and
 * how to start over. Empty when the data is current. `pgliteDataDir`: the embedded database's
 * folder, when the demo runs on it.
 */
export function outdatedDemoNotice(result: DemoSeedResult, where: { pgliteDataDir?: string | undefined }): string {
  if (!result.outdated.length) return '';
  const versions = result.outdated.map((t) => `${t.name}: ${t.version === null ? 'no version recorded' : `version ${t.version}`}`);
  const fix = where.pgliteDataDir
    ? [
        `  To start over with the current demo data: stop the demo, delete the folder`,
        `    ${where.pgliteDataDir}`,
        `  and start the demo again (pnpm demo). Everything done in the demo so far is lost with it.`,
      ]
    : [
        '  To start over with the current demo data: stop the demo, point DATABASE_URL at an empty',
        '  database (or drop and create this one) and start the demo again.',
      ];
  return [
    '',
    `WARNING: the demo data was written by an older demo seed (${versions.join('; ')}; this seed is version ${DEMO_SEED_VERSION}).`,
    '  It is kept as it was, so newer demo people and data are missing and some logins above may not',
    '  work (see the README).',
    ...fix,
    '',
  ].join('\n');
}

/**
 * A demo tenant seeded on another port (a data directory kept from before) gets the origins of
 * this one, or the CORS check refuses its example pages and the WebOTP line of each login SMS
 * names the wrong port.
 */
async function followDemoPort(db: Kysely<Database>, slug: string, allowedOrigins: string[]): Promise<void> {
  const row = await db.selectFrom('tenants').select('settings').where('slug', '=', slug).executeTakeFirstOrThrow();
  const settings = parseTenantSettings(row.settings);
  if (settings.allowedOrigins.join(' ') === allowedOrigins.join(' ')) return;
  await db
    .updateTable('tenants')
    .set({ settings: { ...settings, allowedOrigins } })
    .where('slug', '=', slug)
    .execute();
}

async function inviteDemoAccount(
  db: Kysely<Database>,
  outbox: Outbox,
  tenant: DemoTenant,
  accountId: string,
  demoOrigin: string,
): Promise<void> {
  const record = await tenantBySlug(db, tenant.slug);
  if (!record) throw new Error(`The demo tenant ${tenant.slug} is missing after seeding it.`);
  const pageUrl = new URL(tenant.invitee.examplePage, demoOrigin).toString();
  // The BFF's origin is the demo origin too, so a demo on another port still gets working links.
  await createInvitation(db, outbox, { tenant: record, accountId, pageUrl, bffOrigin: new URL(demoOrigin).origin });
}

function demoCredentials(): DemoSeedResult['tenants'] {
  return demoTenants.map((tenant) => ({
    slug: tenant.slug,
    name: tenant.name,
    accounts: tenant.clients.map((client) => ({
      username: client.account.username,
      password: client.account.password,
      displayName: displayName(client.person),
      clientName: fullName(client.person),
      note: client.account.note,
    })),
    invited: [invitedCredentials(tenant.invitee)],
    contacts: tenant.contacts.map((contact) => ({
      username: contact.username,
      password: contact.password,
      displayName: displayName(contact.person),
      clientName: contact.links.map((link) => fullName(tenant.clients.find((client) => client.key === link.clientKey)!.person)).join(', '),
      note: contact.note,
    })),
  }));
}

function invitedCredentials(invitee: DemoInvitee): DemoInvitedAccount {
  return {
    email: invitee.person.email,
    displayName: displayName(invitee.person),
    clientName: fullName(invitee.person),
    dateOfBirth: invitee.person.dateOfBirth,
    examplePage: invitee.examplePage,
  };
}

/** The credentials as a block for the console when the demo starts. */
export function demoCredentialsText(result: DemoSeedResult): string {
  const lines = ['Demo accounts (fictional clients):'];
  const rows = result.tenants.flatMap((t) => [...t.accounts, ...t.contacts]);
  const userWidth = Math.max(...rows.map((a) => a.username.length));
  const passwordWidth = Math.max(...rows.map((a) => a.password.length));
  for (const tenant of result.tenants) {
    lines.push('', `  ${tenant.name} (tenant "${tenant.slug}")`);
    for (const account of tenant.accounts) {
      lines.push(`    ${account.username.padEnd(userWidth)}  ${account.password.padEnd(passwordWidth)}  ${account.clientName}`);
      lines.push(`    ${''.padEnd(userWidth)}  ${''.padEnd(passwordWidth)}  ${account.note}`);
    }
    for (const contact of tenant.contacts) {
      lines.push(`    ${contact.username.padEnd(userWidth)}  ${contact.password.padEnd(passwordWidth)}  ${contact.clientName}`);
      lines.push(`    ${''.padEnd(userWidth)}  ${''.padEnd(passwordWidth)}  ${contact.note}`);
    }
    for (const invited of tenant.invited) {
      const [year, month, day] = invited.dateOfBirth.split('-');
      lines.push(`    ${invited.email.padEnd(userWidth)}  ${'(invited)'.padEnd(passwordWidth)}  ${invited.clientName}`);
      lines.push(
        `    ${''.padEnd(userWidth)}  ${''.padEnd(passwordWidth)}  Not activated yet: date of birth ${day}-${month}-${year}. Activatielink: zie /dev/outbox`,
      );
    }
  }
  return lines.join('\n');
}

interface PreparedClient {
  client: DemoClient;
  dateOfBirth: LocalDate;
  bsn: string;
  passwordHash: string;
  plans: PreparedPlan[];
}

interface PreparedPlan {
  version: '1.0' | '2.0';
  documentDate: LocalDate;
  pdf: Buffer;
  sha256: string;
  fileName: string;
  /** When the client signed it; undefined while undecided. */
  signedAt?: Date;
}

/** Returns the invited account's id, or undefined when another process created the tenant first. */
async function seedTenant(db: Kysely<Database>, tenant: DemoTenant, now: Date, allowedOrigins: string[]): Promise<string | undefined> {
  const today = amsterdamDate(now);
  // Hashing and PDF rendering are the slow parts; they need no database, so they run before
  // the transaction takes the (on PGlite: only) connection.
  const prepared = await Promise.all(tenant.clients.map((client) => prepareClient(tenant, client, today)));
  const contactHashes = await Promise.all(tenant.contacts.map((contact) => hashPassword(contact.password)));
  const settings = parseTenantSettings({ ...tenant.settings, allowedOrigins });

  return db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('tenants')
      .values({ slug: tenant.slug, name: tenant.name, settings })
      .onConflict((oc) => oc.column('slug').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) return undefined;
    const tenantId = inserted.id;
    await trx.insertInto('demo_seed').values({ tenant_id: tenantId, version: DEMO_SEED_VERSION }).execute();

    const types = await trx
      .insertInto('measurement_types')
      .values(
        demoMeasurementTypes.map((type, index) => ({
          tenant_id: tenantId,
          code: type.code,
          label: type.label,
          unit: type.unit,
          decimals: type.decimals,
          // A JS array would reach node-postgres as a PostgreSQL array literal, not JSON.
          components: sql<MeasurementComponent[]>`${JSON.stringify(type.components)}::jsonb`,
          sort_order: (index + 1) * 10,
          client_may_enter: type.clientMayEnter,
        })),
      )
      .returning(['id', 'code'])
      .execute();
    const typeIds = new Map(types.map((t) => [t.code, t.id]));

    const clientIds = new Map<string, string>();
    for (const [index, p] of prepared.entries()) {
      clientIds.set(p.client.key, await seedClient(trx, tenant, tenantId, p, index, typeIds, now, today));
    }
    await seedContacts(trx, tenant, tenantId, clientIds, contactHashes, today);
    await seedBoards(trx, tenant, tenantId, clientIds, today);
    return seedInvitee(trx, tenant, tenantId, prepared.length, now);
  });
}

/** The invited client: a profile and an account without a password, like the ECD integration makes. */
async function seedInvitee(trx: Transaction<Database>, tenant: DemoTenant, tenantId: string, index: number, now: Date): Promise<string> {
  const { person } = tenant.invitee;
  const settings = parseTenantSettings(tenant.settings);
  const createdAt = new Date(now.getTime() - 2 * 86_400_000);
  const { id: clientId } = await trx
    .insertInto('clients')
    .values({
      tenant_id: tenantId,
      ecd_id: ecdId(tenant, index),
      initials: person.initials,
      first_name: person.firstName,
      last_name_prefix: person.lastNamePrefix,
      last_name: person.lastName,
      date_of_birth: person.dateOfBirth,
      marital_status: person.maritalStatus,
      place_of_birth: person.placeOfBirth,
      nationality: 'Nederlandse',
      bsn: fictionalBsn(new SeededRandom(`${tenant.slug}/invitee`)),
      street: person.street,
      house_number: person.houseNumber,
      address_extra: person.addressExtra,
      postal_code: person.postalCode,
      city: person.city,
      phone: person.phone,
      mobile_phone: person.mobilePhone,
      email: person.email,
      created_at: createdAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const { id: accountId } = await trx
    .insertInto('accounts')
    .values({
      tenant_id: tenantId,
      username: person.email,
      display_name: displayName(person),
      email: person.email,
      mobile_phone: person.mobilePhone,
      password_hash: null,
      second_factor: settings.secondFactors.default,
      status: 'invited',
      created_at: createdAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('account_clients')
    .values({ tenant_id: tenantId, account_id: accountId, client_id: clientId, relation: 'self' })
    .execute();
  return accountId;
}

/** "ZDL-104233": the organisation's initials and a number, like an ECD's client number. */
function ecdId(tenant: DemoTenant, index: number): string {
  return `${tenant.shortName
    .split(' ')
    .map((word) => word[0])
    .join('')}-${104233 + index * 7919}`;
}

async function prepareClient(tenant: DemoTenant, client: DemoClient, today: LocalDate): Promise<PreparedClient> {
  const rng = new SeededRandom(client.key);
  const { birthday, age } = client.person;
  const birthdayPassed = today.month > birthday.month || (today.month === birthday.month && today.day >= birthday.day);
  const dateOfBirth = { year: today.year - age - (birthdayPassed ? 0 : 1), month: birthday.month, day: birthday.day };
  const bsn = fictionalBsn(rng);
  const ready = client.account.state === 'ready';

  // The older plan was signed shortly after it came out; the messages of the thread refer to it.
  const older = { version: '1.0' as const, documentDate: addDays(today, ready ? -197 : -267) };
  const newer = { version: '2.0' as const, documentDate: addDays(today, -12) };
  const signedAt = amsterdamTime(addDays(today, ready ? -195 : -264), ready ? 20 : 15, ready ? 5 : 20);

  const [passwordHash, ...plans] = await Promise.all([
    hashPassword(client.account.password),
    ...[older, newer].map(async ({ version, documentDate }): Promise<PreparedPlan> => {
      const pdf = await renderPlanPdf(clientPlan(tenant, client, { version, documentDate, dateOfBirth, bsn }));
      return {
        version,
        documentDate,
        pdf,
        sha256: createHash('sha256').update(pdf).digest('hex'),
        fileName: `${asciiSlug(tenant.planTitle)}-${asciiSlug(client.person.lastNamePrefix + ' ' + client.person.lastName)}-${isoDate(documentDate)}-v${version}.pdf`,
        ...(version === '1.0' ? { signedAt } : {}),
      };
    }),
  ]);
  return { client, dateOfBirth, bsn, passwordHash: passwordHash as string, plans: plans as PreparedPlan[] };
}

async function seedClient(
  trx: Transaction<Database>,
  tenant: DemoTenant,
  tenantId: string,
  prepared: PreparedClient,
  index: number,
  typeIds: ReadonlyMap<string, string>,
  now: Date,
  today: LocalDate,
): Promise<string> {
  const { client, dateOfBirth, bsn, passwordHash } = prepared;
  const { person, account } = client;
  const ready = account.state === 'ready';
  const daysAgo = (days: number, hour = 10, minute = 0) => amsterdamTime(addDays(today, -days), hour, minute);

  const { id: clientId } = await trx
    .insertInto('clients')
    .values({
      tenant_id: tenantId,
      ecd_id: ecdId(tenant, index),
      initials: person.initials,
      first_name: person.firstName,
      last_name_prefix: person.lastNamePrefix,
      last_name: person.lastName,
      date_of_birth: isoDate(dateOfBirth),
      marital_status: person.maritalStatus,
      place_of_birth: person.placeOfBirth,
      nationality: 'Nederlandse',
      bsn,
      street: person.street,
      house_number: person.houseNumber,
      address_extra: person.addressExtra,
      postal_code: person.postalCode,
      city: person.city,
      phone: person.phone,
      mobile_phone: person.mobilePhone,
      email: person.email,
      team: tenant.teamName,
      created_at: daysAgo(400),
    })
    .returning('id')
    .executeTakeFirstOrThrow();

  const settings = parseTenantSettings(tenant.settings);
  const { id: accountId } = await trx
    .insertInto('accounts')
    .values({
      tenant_id: tenantId,
      username: account.username,
      display_name: displayName(person),
      email: person.email,
      mobile_phone: person.mobilePhone,
      password_hash: passwordHash,
      // Het Baken's passwords expire after 90 days: the ready account changed it recently.
      password_changed_at: ready ? daysAgo(23, 19, 40) : daysAgo(60, 11, 40),
      must_change_password: !ready,
      // A re-issued account accepts the terms again, like a new one.
      terms_version_accepted: ready ? settings.terms.version : null,
      terms_accepted_at: ready ? daysAgo(330, 20, 12) : null,
      second_factor: settings.secondFactors.default,
      totp_secret: null,
      totp_last_used_step: null,
      status: 'active',
      last_login_at: ready ? daysAgo(1, 19, 30) : daysAgo(INACTIVE_DAYS, 21, 30),
      created_at: daysAgo(340),
    })
    .returning('id')
    .executeTakeFirstOrThrow();

  await trx
    .insertInto('account_clients')
    .values({ tenant_id: tenantId, account_id: accountId, client_id: clientId, relation: 'self' })
    .execute();

  const context: HistoryContext = { tenant, client, tenantId, clientId, accountId, now, today, rng: new SeededRandom(client.key) };
  await insertBatched(trx, 'reports', reportRows(context));
  await insertBatched(trx, 'measurements', measurementRows(context, typeIds));
  await insertBatched(trx, 'appointments', appointmentRows(context));
  await insertBatched(trx, 'messages', messageRows(context));
  // Read marks are the client's own (per reader, migration 0012).
  await sql`insert into message_reads (tenant_id, message_id, account_id, client_id, read_at)
    select tenant_id, id, ${accountId}, client_id, read_at from messages
     where tenant_id = ${tenantId} and client_id = ${clientId} and read_at is not null
       and sender_account_id is distinct from ${accountId}`.execute(trx);
  await insertBatched(trx, 'staff_access_events', staffAccessRows(context));

  for (const plan of prepared.plans) {
    const { id: planId } = await trx
      .insertInto('plan_documents')
      .values({
        tenant_id: tenantId,
        client_id: clientId,
        ecd_id: null,
        title: tenant.planTitle,
        version: plan.version,
        document_date: isoDate(plan.documentDate),
        file_name: plan.fileName,
        pdf: plan.pdf,
        sha256: plan.sha256,
        created_at: amsterdamTime(plan.documentDate, 9, 0),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (plan.signedAt) {
      await trx
        .insertInto('plan_decisions')
        .values({
          tenant_id: tenantId,
          plan_document_id: planId,
          client_id: clientId,
          decision: 'signed',
          reason: null,
          decided_at: plan.signedAt,
          account_id: accountId,
          decided_by_name: displayName(person),
          ip: '198.51.100.23',
          user_agent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36',
          document_sha256: plan.sha256,
        })
        .execute();
    }
  }
  return clientId;
}

/**
 * The relatives and representatives of the demo, each with an own activated account (SMS or
 * e-mail code like the tenant's clients) and links with rights; a legal representative's link is
 * the organisation's (locked), the others the client's own choice.
 */
async function seedContacts(
  trx: Transaction<Database>,
  tenant: DemoTenant,
  tenantId: string,
  clientIds: ReadonlyMap<string, string>,
  passwordHashes: string[],
  today: LocalDate,
): Promise<void> {
  const settings = parseTenantSettings(tenant.settings);
  const daysAgo = (days: number, hour = 10) => amsterdamTime(addDays(today, -days), hour, 0);
  const lastLogin = daysAgo(3, 20);
  for (const [index, contact] of tenant.contacts.entries()) {
    const { id: accountId } = await trx
      .insertInto('accounts')
      .values({
        tenant_id: tenantId,
        username: contact.username,
        display_name: fullName(contact.person),
        email: contact.person.email,
        mobile_phone: contact.person.mobilePhone,
        password_hash: passwordHashes[index]!,
        password_changed_at: daysAgo(30),
        must_change_password: false,
        terms_version_accepted: settings.terms.version,
        terms_accepted_at: daysAgo(60),
        second_factor: settings.secondFactors.default,
        status: 'active',
        last_login_at: lastLogin,
        created_at: daysAgo(60),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const [linkIndex, link] of contact.links.entries()) {
      const clientId = clientIds.get(link.clientKey);
      if (!clientId) throw new Error(`Demo contact ${contact.username} names an unknown client ${link.clientKey}`);
      const self = await trx
        .selectFrom('account_clients')
        .select('account_id')
        .where('tenant_id', '=', tenantId)
        .where('client_id', '=', clientId)
        .where('relation', '=', 'self')
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('account_clients')
        .values({
          tenant_id: tenantId,
          account_id: accountId,
          client_id: clientId,
          relation: 'contact',
          relationship: link.relationship,
          rights: Object.fromEntries(link.rights.map((area) => [area, true])),
          locked: link.legalRepresentative === true,
          legal_representative: link.legalRepresentative === true,
          ecd_id: link.legalRepresentative ? `${tenant.slug}-rel-${index + 1}-${linkIndex + 1}` : null,
          invited_by_account_id: link.legalRepresentative ? null : self.account_id,
          created_at: daysAgo(60 - linkIndex),
        })
        .execute();
      if (link.rights.includes('messages')) await claimContactMessages(trx, tenantId, clientId, accountId, lastLogin, contact, link);
    }
  }
}

/**
 * The thread's messages the script has this person write (message-thread.ts names the writer as
 * the care team sees it: "Marieke de Vries (dochter)") become their account's own; they have read
 * what came before they last signed in. Read marks are per reader (migration 0012).
 */
async function claimContactMessages(
  trx: Transaction<Database>,
  tenantId: string,
  clientId: string,
  accountId: string,
  lastLogin: Date,
  contact: DemoContact,
  link: DemoContact['links'][number],
): Promise<void> {
  const senderName = `${fullName(contact.person)} (${relationshipLabels[link.relationship]})`;
  await trx
    .updateTable('messages')
    .set({ sender_account_id: accountId })
    .where('tenant_id', '=', tenantId)
    .where('client_id', '=', clientId)
    .where('sender_kind', '=', 'contact')
    .where('sender_account_id', 'is', null)
    .where('sender_name', '=', senderName)
    .execute();
  await sql`insert into message_reads (tenant_id, message_id, account_id, client_id, read_at)
    select tenant_id, id, ${accountId}, client_id, least(sent_at + interval '2 hours', ${lastLogin})
      from messages
     where tenant_id = ${tenantId} and client_id = ${clientId} and sent_at < ${lastLogin}
       and sender_account_id is distinct from ${accountId}`.execute(trx);
}

/** Each client's bulletin board, with the first contact person who has the board right. */
async function seedBoards(
  trx: Transaction<Database>,
  tenant: DemoTenant,
  tenantId: string,
  clientIds: ReadonlyMap<string, string>,
  today: LocalDate,
): Promise<void> {
  for (const client of tenant.clients) {
    const clientId = clientIds.get(client.key)!;
    const links = await trx
      .selectFrom('account_clients as ac')
      .innerJoin('accounts as a', (join) => join.onRef('a.tenant_id', '=', 'ac.tenant_id').onRef('a.id', '=', 'ac.account_id'))
      .select(['ac.account_id', 'ac.relation', 'ac.relationship', 'ac.rights', 'a.display_name'])
      .where('ac.tenant_id', '=', tenantId)
      .where('ac.client_id', '=', clientId)
      .orderBy('ac.created_at')
      .execute();
    const self = links.find((link) => link.relation === 'self')!;
    const contact = links.find((link) => link.relation === 'contact' && link.rights['board'] === true);
    await seedBoard(trx, {
      tenantId,
      clientId,
      client: { kind: 'client', accountId: self.account_id, name: fullName(client.person), relationship: null },
      contact: contact && {
        kind: 'contact',
        accountId: contact.account_id,
        name: contact.display_name,
        relationship: contact.relationship,
      },
      staffName: tenant.staff[0]!,
      announcement:
        tenant.slug === 'zorggroep-de-linde'
          ? 'Zaterdag is de kerstmarkt in de recreatiezaal, van 14.00 tot 16.30 uur. Familie en vrienden zijn van harte welkom!'
          : 'Volgende week dinsdag komt de pedicure weer langs. Wilt u een afspraak? Laat het ons weten.',
      daysAgo: (days, hour = 10, minute = 0) => amsterdamTime(addDays(today, -days), hour, minute),
    });
  }
}

type BulkTable = 'reports' | 'measurements' | 'appointments' | 'messages' | 'staff_access_events';

async function insertBatched<T extends BulkTable>(trx: Transaction<Database>, table: T, rows: Insertable<Database[T]>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) {
    await trx
      .insertInto(table)
      .values(rows.slice(i, i + BATCH))
      .execute();
  }
}

/** "Cliëntplan" -> "clientplan", "van der Meer" -> "van-der-meer" */
function asciiSlug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .trim()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}
