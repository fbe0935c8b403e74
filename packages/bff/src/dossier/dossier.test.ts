import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession } from '../auth/session.js';
import { addContact } from '../contacts/queries.js';
import { noRights, type Rights } from '../contacts/rights.js';
import { databaseUnderTest } from '../testing/database-under-test.js';
import { createTenant } from '../testing/fixtures.js';
import { pdfText } from '../testing/pdf-text.js';
import { clientRequest, signedInClient, type SignedInClient } from '../testing/signed-in.js';
import { createTestApp } from '../testing/test-app.js';
import type { TestDatabase } from '../testing/test-database.js';
import type { TenantRecord } from '../tenants/queries.js';
import { widgetNames } from '../tenants/settings.js';
import { clearTenantCache } from '../tenants/tenant-context.js';
import { streamDossierPartPdf } from './pdf.js';
import { dossierFiles, dossierManifest } from './schemas.js';

let database: TestDatabase;
let app: ReturnType<typeof createTestApp>['app'];
let tenant: TenantRecord;
let alice: SignedInClient;
let bob: SignedInClient;
// A full collection before each sample: what is left is what the server holds on to.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const scratch = mkdtempSync(join(tmpdir(), 'dossier-test-'));

type Who = { tenant: TenantRecord; token: string };
const download = (who: Who) => clientRequest(app, who, '/dossier.zip');

/** The ZIP as `unzip` sees it: the names of its entries and each entry's bytes. */
function unzipped(bytes: Uint8Array) {
  const file = join(scratch, `${createHash('sha256').update(bytes).digest('hex')}.zip`);
  writeFileSync(file, bytes);
  // -t checks every entry's CRC: a ZIP cut short or corrupted fails here.
  execFileSync('unzip', ['-tq', file]);
  const names = execFileSync('unzip', ['-Z1', file], { encoding: 'utf8' }).trim().split('\n');
  const read = (name: string) => execFileSync('unzip', ['-p', file, name], { maxBuffer: 512 * 1024 * 1024 });
  return { names, read, json: (name: string) => JSON.parse(read(name).toString('utf8')) as unknown };
}

async function fetchZip(who: Who) {
  const response = await download(who);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('application/zip');
  expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="dossier-\d{4}-\d{2}-\d{2}\.zip"$/);
  return unzipped(new Uint8Array(await response.arrayBuffer()));
}

async function pdfFile(text: string): Promise<Buffer> {
  const parts: Buffer[] = [];
  const stream = streamDossierPartPdf({
    organisation: 'ECD',
    clientName: 'x',
    title: text,
    summary: [],
    empty: text,
    generatedAt: new Date(),
    batches: (async function* () {})(),
  });
  for await (const chunk of stream) parts.push(chunk as Buffer);
  return Buffer.concat(parts);
}

// node-pg sends a JavaScript array as a PostgreSQL array; a jsonb array must go as JSON text.
const json = (value: unknown) => JSON.stringify(value) as never;

async function fillFile(who: SignedInClient, label: string) {
  const { id: tenantId } = tenant;
  const clientId = who.clientId;
  const day = (n: number) => new Date(Date.now() - n * 86_400_000);
  await database.db
    .updateTable('clients')
    .set({ first_name: label, last_name: 'de Vries', street: 'Lindelaan', house_number: '12', postal_code: '1234 AB', city: 'Utrecht' })
    .where('id', '=', clientId)
    .execute();
  await database.db
    .insertInto('reports')
    .values(
      Array.from({ length: 7 }, (_, i) => ({
        tenant_id: tenantId,
        client_id: clientId,
        written_at: day(i * 40 + 1),
        author_name: 'Zr. Jansen',
        author_kind: 'staff' as const,
        text: `${label}: rapportage ${i + 1}, goed geslapen en één wandeling gemaakt.`,
      })),
    )
    .execute();
  const [weight] = await database.db
    .selectFrom('measurement_types')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('code', '=', 'gewicht')
    .execute();
  await database.db
    .insertInto('measurements')
    .values([
      {
        tenant_id: tenantId,
        client_id: clientId,
        type_id: weight!.id,
        measured_at: day(2),
        values: json({ value: 71.5 }),
        source: 'staff',
        author_name: 'Zr. Jansen',
      },
      {
        tenant_id: tenantId,
        client_id: clientId,
        type_id: weight!.id,
        measured_at: day(9),
        values: json({ value: 72.25 }),
        source: 'staff',
        author_name: 'Zr. Jansen',
      },
    ])
    .execute();
  await database.db
    .insertInto('appointments')
    .values([
      {
        tenant_id: tenantId,
        client_id: clientId,
        starts_at: day(-3),
        ends_at: new Date(day(-3).getTime() + 3_600_000),
        title: `${label}: fysiotherapie`,
        source: 'care_team',
        location: 'Kamer 2',
      },
      {
        tenant_id: tenantId,
        client_id: clientId,
        starts_at: day(30),
        ends_at: new Date(day(30).getTime() + 1_800_000),
        title: `${label}: huisarts`,
        source: 'care_team',
      },
    ])
    .execute();
  await database.db
    .insertInto('messages')
    .values([
      {
        tenant_id: tenantId,
        client_id: clientId,
        sender_kind: 'staff',
        sender_name: 'Zr. Jansen',
        body: `${label}: morgen kom ik om tien uur.`,
        sent_at: day(1),
      },
      {
        tenant_id: tenantId,
        client_id: clientId,
        sender_kind: 'client',
        sender_name: label,
        sender_account_id: who.accountId,
        body: `${label}: dank u wel!`,
        sent_at: day(0.5),
      },
    ])
    .execute();
  for (const [title, fileName] of [
    ['Zorgleefplan', 'Zorgleefplan 1.0.pdf'],
    ['Zorgleefplan', 'Zorgleefplan 1.0.pdf'],
  ] as const) {
    const pdf = await pdfFile(`${label} ${title}`);
    await database.db
      .insertInto('plan_documents')
      .values({
        tenant_id: tenantId,
        client_id: clientId,
        title,
        version: '1.0',
        document_date: '2026-05-12',
        file_name: fileName,
        pdf,
        sha256: createHash('sha256').update(pdf).digest('hex'),
      })
      .execute();
  }
}

/** A photo as the board stores it: a screen-size and a thumbnail JPEG, different bytes. */
async function storedPhoto(red: number) {
  const jpeg = (width: number, height: number) =>
    sharp({ create: { width, height, channels: 3, background: { r: red, g: 120, b: 200 } } })
      .jpeg({ quality: 82 })
      .toBuffer();
  return { screen: await jpeg(160, 120), thumbnail: await jpeg(48, 36) };
}

/**
 * Posts on a client's board, oldest first: each with its author, time, text, photos (stored
 * bytes) and replies. Returns each post's id and its photos' ids and screen bytes, in order.
 */
async function addBoardPosts(
  clientId: string,
  posts: {
    author: { kind: 'client' | 'contact' | 'staff'; name: string; relationship?: 'daughter' | null; accountId?: string | null };
    daysAgo: number;
    text: string;
    photos?: { description: string; screen: Buffer; thumbnail: Buffer }[];
    replies?: { author: { kind: 'client' | 'contact' | 'staff'; name: string }; text: string }[];
  }[],
  { id: tenantId }: TenantRecord = tenant,
) {
  const added: { id: string; photos: { id: string; screen: Buffer }[] }[] = [];
  for (const post of posts) {
    const createdAt = new Date(Date.now() - post.daysAgo * 86_400_000);
    const { id } = await database.db
      .insertInto('board_posts')
      .values({
        tenant_id: tenantId,
        client_id: clientId,
        author_kind: post.author.kind,
        author_account_id: post.author.accountId ?? null,
        author_name: post.author.name,
        author_relationship: post.author.relationship ?? null,
        text: post.text,
        created_at: createdAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const photos: { id: string; screen: Buffer }[] = [];
    for (const [position, photo] of (post.photos ?? []).entries()) {
      const row = await database.db
        .insertInto('board_photos')
        .values({
          tenant_id: tenantId,
          client_id: clientId,
          post_id: id,
          position,
          description: photo.description,
          content_type: 'image/jpeg',
          thumbnail: photo.thumbnail,
          thumbnail_width: 48,
          thumbnail_height: 36,
          screen: photo.screen,
          screen_width: 160,
          screen_height: 120,
          stored_bytes: photo.screen.length + photo.thumbnail.length,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      photos.push({ id: row.id, screen: photo.screen });
    }
    for (const [n, reply] of (post.replies ?? []).entries()) {
      await database.db
        .insertInto('board_replies')
        .values({
          tenant_id: tenantId,
          client_id: clientId,
          post_id: id,
          author_kind: reply.author.kind,
          author_name: reply.author.name,
          text: reply.text,
          created_at: new Date(createdAt.getTime() + (n + 1) * 60_000),
        })
        .execute();
    }
    added.push({ id, photos });
  }
  return added;
}

async function contactSession(name: string, rights: Rights, legalRepresentative: boolean): Promise<Who> {
  const added = await addContact(
    database.db,
    { tenantId: tenant.id, clientId: alice.clientId },
    {
      name,
      email: `${name.toLowerCase().replace(/\W+/g, '.')}@example.nl`,
      mobile: '+31687654321',
      relationship: legalRepresentative ? 'mentor' : 'daughter',
      rights,
      invitedByAccountId: alice.accountId,
    },
  );
  if (added.outcome !== 'added') throw new Error(`${name} not added`);
  await database.db.updateTable('accounts').set({ status: 'active' }).where('id', '=', added.accountId).execute();
  if (legalRepresentative) {
    await database.db
      .updateTable('account_clients')
      .set({ locked: true, legal_representative: true })
      .where('account_id', '=', added.accountId)
      .execute();
  }
  const { token } = await createSession(database.db, {
    tenant,
    accountId: added.accountId,
    clientId: alice.clientId,
    state: 'active',
    ip: null,
    userAgent: null,
  });
  return { tenant, token };
}

const auditRows = async (clientId: string) =>
  database.db
    .selectFrom('audit_log')
    .select(['action', 'outcome', 'details', 'actor_account_id'])
    .where('client_id', '=', clientId)
    .orderBy('id')
    .execute();

let daughter: Who;
let mentor: Who;
let curator: Who;
/** Alice's board, oldest post first. */
let aliceBoard: Awaited<ReturnType<typeof addBoardPosts>>;

beforeAll(async () => {
  database = await databaseUnderTest();
  tenant = await createTenant(database.db);
  clearTenantCache();
  app = createTestApp(database).app;
  await database.db
    .insertInto('measurement_types')
    .values({
      tenant_id: tenant.id,
      code: 'gewicht',
      label: 'Gewicht',
      unit: 'kg',
      decimals: 1,
      sort_order: 1,
      components: json([{ key: 'value', label: 'Gewicht', min: 20, max: 300 }]),
    })
    .execute();
  alice = await signedInClient(database.db, tenant);
  bob = await signedInClient(database.db, tenant);
  await fillFile(alice, 'Alice');
  await fillFile(bob, 'Bob');
  daughter = await contactSession('Marieke Dochter', { ...noRights, reports: true, agenda: true }, false);
  mentor = await contactSession('Meneer Mentor', { ...noRights, reports: true, plan: true }, true);
  curator = await contactSession('Mevrouw Curator', { ...noRights, board: true }, true);
  const [birthday, cake, flowers] = [await storedPhoto(10), await storedPhoto(90), await storedPhoto(200)];
  aliceBoard = await addBoardPosts(alice.clientId, [
    {
      author: { kind: 'contact', name: 'Marieke de Vries', relationship: 'daughter' },
      daysAgo: 20,
      text: 'Alice: foto’s van de verjaardag.',
      photos: [
        { description: 'Moeder blaast de kaarsjes uit', ...birthday },
        { description: 'De taart met 85 erop', ...cake },
      ],
      replies: [
        { author: { kind: 'staff', name: 'Sanne Visser' }, text: 'Wat een mooie foto’s!' },
        { author: { kind: 'client', name: 'Alice de Vries' }, text: 'Dank je, lieverd.' },
      ],
    },
    { author: { kind: 'staff', name: 'Sanne Visser' }, daysAgo: 10, text: 'Zaterdag is de kerstmarkt in de recreatiezaal.' },
    { author: { kind: 'client', name: 'Alice de Vries', accountId: alice.accountId }, daysAgo: 8, text: 'Weggehaald bericht' },
    {
      author: { kind: 'client', name: 'Alice de Vries', accountId: alice.accountId },
      daysAgo: 3,
      text: 'De bloemen staan op tafel.',
      photos: [{ description: 'Bos tulpen in een vaas', ...flowers }],
    },
  ]);
  // Removed from the board: not in the copy.
  await database.db.deleteFrom('board_posts').where('tenant_id', '=', tenant.id).where('id', '=', aliceBoard[2]!.id).execute();
  await addBoardPosts(bob.clientId, [
    { author: { kind: 'client', name: 'Bob de Vries' }, daysAgo: 1, text: 'Bob: hallo', photos: [{ description: 'Bob', ...birthday }] },
  ]);
  // Something for the access log: Alice read her reports.
  expect((await clientRequest(app, alice, '/reports?period=year')).status).toBe(200);
}, 60_000);
afterAll(async () => {
  await database?.close();
  rmSync(scratch, { recursive: true, force: true });
});

describe('Download mijn dossier', () => {
  it('gives the client one ZIP with a PDF and JSON of every part, only hers', async () => {
    const before = (await auditRows(alice.clientId)).length;
    const zip = await fetchZip(alice);
    const photoNames = zip.names.filter((name) => name.startsWith('prikbord/fotos/'));
    expect(zip.names.filter((name) => !photoNames.includes(name)).sort()).toEqual(
      [
        'LEESMIJ.txt',
        'prikbord.json',
        'prikbord.pdf',
        'afspraken.json',
        'afspraken.pdf',
        'berichten.json',
        'berichten.pdf',
        'clientplan.json',
        'clientplan/2026-05-12-Zorgleefplan-1.0-2.pdf',
        'clientplan/2026-05-12-Zorgleefplan-1.0.pdf',
        'contactpersonen.json',
        'dossier.json',
        'inzage-logboek.csv',
        'inzage-logboek.json',
        'inzage-logboek.pdf',
        'metingen.json',
        'metingen.pdf',
        'persoonlijke-gegevens.json',
        'persoonlijke-gegevens.pdf',
        'rapportages.json',
        'rapportages.pdf',
      ].sort(),
    );

    const manifest = dossierManifest.parse(zip.json('dossier.json'));
    expect(manifest.client).toBe('Alice de Vries');
    expect(manifest.downloadedBy.relation).toBe('client');
    expect(manifest.counts).toMatchObject({ reports: 7, measurements: 2, appointments: 2, messages: 2, board: 3, plans: 2, contacts: 3 });
    expect(manifest.parts).toContain('board');

    // Every JSON file as its schema says (docs/dossier.md), with the items of the widget API.
    for (const [name, schema] of Object.entries(dossierFiles)) schema.parse(zip.json(name));
    const reports = dossierFiles['rapportages.json'].parse(zip.json('rapportages.json'));
    expect(reports.items.map((r) => r.text)).toEqual(
      Array.from({ length: 7 }, (_, i) => `Alice: rapportage ${i + 1}, goed geslapen en één wandeling gemaakt.`),
    );
    const measurements = dossierFiles['metingen.json'].parse(zip.json('metingen.json'));
    expect(measurements.items.map((m) => m.values['value'])).toEqual([71.5, 72.25]);
    expect(measurements.types.map((t) => t.label)).toEqual(['Gewicht']);
    const plans = dossierFiles['clientplan.json'].parse(zip.json('clientplan.json'));
    for (const plan of plans.items) {
      expect(createHash('sha256').update(zip.read(plan.path)).digest('hex')).toBe(plan.sha256);
    }
    // The board as it shows it: newest post first, authors as labelled there, every reply, and
    // each photo as a file with the stored screen-size bytes.
    const board = dossierFiles['prikbord.json'].parse(zip.json('prikbord.json'));
    expect(board.items.map((post) => [post.author.label, post.text])).toEqual([
      ['Alice de Vries', 'De bloemen staan op tafel.'],
      ['Sanne Visser (zorgteam)', 'Zaterdag is de kerstmarkt in de recreatiezaal.'],
      ['Marieke de Vries (dochter)', 'Alice: foto’s van de verjaardag.'],
    ]);
    expect(board.items[2]!.replies.map((reply) => [reply.author.label, reply.text])).toEqual([
      ['Sanne Visser (zorgteam)', 'Wat een mooie foto’s!'],
      ['Alice de Vries', 'Dank je, lieverd.'],
    ]);
    expect(board.items.map((post) => post.photos.map((photo) => photo.description))).toEqual([
      ['Bos tulpen in een vaas'],
      [],
      ['Moeder blaast de kaarsjes uit', 'De taart met 85 erop'],
    ]);
    // Alice may remove anything on her own board.
    expect(board.items.every((post) => post.canDelete)).toBe(true);
    const storedScreens = new Map(aliceBoard.flatMap((post) => post.photos.map((photo) => [photo.id, photo.screen] as const)));
    const photoPaths = board.items.flatMap((post) => post.photos.map((photo) => photo.path));
    expect(photoPaths.sort()).toEqual([...photoNames].sort());
    expect(photoNames).toHaveLength(3);
    for (const photo of board.items.flatMap((post) => post.photos)) {
      expect(photo.path).toMatch(/^prikbord\/fotos\/\d{4}-\d{2}-\d{2}-[0-9a-f]{8}-[1-6]\.jpg$/);
      expect(photo.path).toContain(board.items.find((post) => post.photos.includes(photo))!.id.slice(0, 8));
      expect(Buffer.compare(zip.read(photo.path), storedScreens.get(photo.id)!)).toBe(0);
    }
    expect(
      manifest.files
        .filter((file) => file.part === 'board')
        .map((file) => file.path)
        .sort(),
    ).toEqual(['prikbord.json', 'prikbord.pdf', ...photoNames].sort());
    const contacts = dossierFiles['contactpersonen.json'].parse(zip.json('contactpersonen.json'));
    expect(contacts.items.map((c) => c.name).sort()).toEqual(['Marieke Dochter', 'Meneer Mentor', 'Mevrouw Curator']);
    const log = dossierFiles['inzage-logboek.json'].parse(zip.json('inzage-logboek.json'));
    expect(log.items.some((line) => line.category === 'reports' && line.action === 'view' && line.actor === 'client')).toBe(true);

    // Readable PDFs, each with what it is about.
    for (const name of zip.names.filter((n) => n.endsWith('.pdf'))) expect(zip.read(name).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = async (name: string) => (await pdfText(new Uint8Array(zip.read(name)))).join('\n');
    expect(await text('rapportages.pdf')).toContain('Alice: rapportage 7, goed geslapen en één wandeling gemaakt.');
    expect(await text('rapportages.pdf')).toContain('Aantal rapportages: 7');
    expect(await text('metingen.pdf')).toContain('71,5 kg');
    expect(await text('afspraken.pdf')).toContain('Alice: fysiotherapie');
    expect(await text('berichten.pdf')).toContain('Alice: morgen kom ik om tien uur.');
    expect(await text('persoonlijke-gegevens.pdf')).toMatch(/Lindelaan 12, 1234 AB Utrecht[\s\S]*Marieke Dochter \(dochter\)/);
    expect(await text('inzage-logboek.pdf')).toContain('Rapportages bekeken');
    const boardText = await text('prikbord.pdf');
    expect(boardText).toContain('Aantal berichten: 3');
    expect(boardText).toMatch(/Marieke de Vries \(dochter\)[\s\S]*Alice: foto’s van de verjaardag\./);
    expect(boardText).toContain('Foto: Moeder blaast de kaarsjes uit');
    expect(boardText).toMatch(/Reactie van Sanne Visser \(zorgteam\)[\s\S]*Wat een mooie foto’s!/);
    expect(boardText).not.toContain('Weggehaald bericht');
    expect(boardText.indexOf('De bloemen staan op tafel.')).toBeLessThan(boardText.indexOf('Zaterdag is de kerstmarkt'));
    expect(zip.read('inzage-logboek.csv').toString('utf8')).toContain('"Rapportages";"bekeken"');
    expect(zip.read('LEESMIJ.txt').toString('utf8')).toContain('artikel 15d');
    expect(zip.read('LEESMIJ.txt').toString('utf8')).toMatch(/prikbord\.pdf .*prikbord/);

    // Not one byte of Bob's file.
    for (const name of zip.names) {
      const content = name.endsWith('.pdf') && !name.startsWith('clientplan/') ? await text(name) : zip.read(name).toString('latin1');
      expect(content, name).not.toContain('Bob');
    }

    // One audit row for the whole download, as the client.
    const added = (await auditRows(alice.clientId)).slice(before);
    expect(added.map((row) => row.action)).toEqual(['dossier.download']);
    expect(added[0]).toMatchObject({ outcome: 'success', actor_account_id: alice.accountId });
  });

  it('limits the downloads to a few a day per client, with a Dutch 429 and Retry-After', async () => {
    const carol = await signedInClient(database.db, tenant);
    for (let i = 0; i < 3; i++) {
      const response = await download(carol);
      expect(response.status).toBe(200);
      await response.arrayBuffer();
    }
    const refused = await download(carol);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(24 * 3600);
    expect(((await refused.json()) as { detail: string }).detail).toBe(
      'U heeft vandaag al een paar keer uw dossier gedownload. Probeer het morgen opnieuw.',
    );
    expect((await auditRows(carol.clientId)).filter((row) => row.action === 'dossier.download')).toHaveLength(3);
    // Another client's budget is their own.
    expect((await download(bob)).status).toBe(200);
  });

  it('refuses a contact person who is not a legal representative, and audits the refusal', async () => {
    const response = await download(daughter);
    expect(response.status).toBe(403);
    const body = (await response.json()) as { code: string; detail: string };
    expect(body.code).toBe('client-only');
    expect(body.detail).toBe('Alleen Alice de Vries zelf of een wettelijk vertegenwoordiger kan het hele dossier downloaden.');
    const last = (await auditRows(alice.clientId)).at(-1);
    expect(last).toMatchObject({ action: 'access.denied', outcome: 'denied' });
  });

  it('gives a legal representative the parts of their rights, without the access log or the contacts', async () => {
    const zip = await fetchZip(mentor);
    const manifest = dossierManifest.parse(zip.json('dossier.json'));
    expect(manifest.parts).toEqual(['reports', 'plans']);
    expect(manifest.downloadedBy).toEqual({ name: 'Meneer Mentor', relation: 'legal-representative' });
    expect(zip.names.filter((n) => !n.startsWith('clientplan/')).sort()).toEqual(
      ['LEESMIJ.txt', 'clientplan.json', 'dossier.json', 'rapportages.json', 'rapportages.pdf'].sort(),
    );
    const rows = await auditRows(alice.clientId);
    expect(rows.at(-1)).toMatchObject({ action: 'dossier.download', details: { parts: ['reports', 'plans'], format: 'zip' } });
  });

  it('gives a legal representative with the board right the board, its photos and nothing else', async () => {
    const zip = await fetchZip(curator);
    const manifest = dossierManifest.parse(zip.json('dossier.json'));
    expect(manifest.parts).toEqual(['board']);
    expect(zip.names.filter((n) => !n.startsWith('prikbord/fotos/')).sort()).toEqual(
      ['LEESMIJ.txt', 'dossier.json', 'prikbord.json', 'prikbord.pdf'].sort(),
    );
    expect(zip.names.filter((n) => n.startsWith('prikbord/fotos/'))).toHaveLength(3);
    const board = dossierFiles['prikbord.json'].parse(zip.json('prikbord.json'));
    expect(board.items).toHaveLength(3);
    // As the curator sees the board: none of it is theirs to remove.
    expect(board.items.some((post) => post.canDelete || post.author.own)).toBe(false);
  });

  it('says so in the board PDF when nothing is on the board', async () => {
    const erin = await signedInClient(database.db, tenant);
    const zip = await fetchZip(erin);
    const manifest = dossierManifest.parse(zip.json('dossier.json'));
    expect(manifest.counts['board']).toBe(0);
    expect(dossierFiles['prikbord.json'].parse(zip.json('prikbord.json')).items).toEqual([]);
    expect(zip.names.filter((n) => n.startsWith('prikbord/'))).toEqual([]);
    expect((await pdfText(new Uint8Array(zip.read('prikbord.pdf')))).join('\n')).toContain('Er staan nog geen berichten op het prikbord.');
  });

  it('leaves the board out where the organisation does not offer it', async () => {
    const noBoard = await createTenant(database.db, { enabledWidgets: widgetNames.filter((name) => name !== 'board') });
    const frank = await signedInClient(database.db, noBoard);
    await addBoardPosts(
      frank.clientId,
      [{ author: { kind: 'client', name: 'Frank' }, daysAgo: 1, text: 'Van voor het uitzetten' }],
      noBoard,
    );
    const zip = await fetchZip(frank);
    const manifest = dossierManifest.parse(zip.json('dossier.json'));
    expect(manifest.parts).not.toContain('board');
    expect(manifest.parts).toContain('reports');
    expect(zip.names.filter((n) => n.startsWith('prikbord'))).toEqual([]);
    expect(zip.read('LEESMIJ.txt').toString('utf8')).not.toContain('prikbord');
  });

  it('tells the widget who may download it', async () => {
    const session = async (who: Who) =>
      ((await (await clientRequest(app, who, '/auth/session')).json()) as { mayDownloadDossier: boolean }).mayDownloadDossier;
    expect(await session(alice)).toBe(true);
    expect(await session(mentor)).toBe(true);
    expect(await session(daughter)).toBe(false);
  });
});

describe('a large file', () => {
  it('streams: the server never holds the file whole', async () => {
    const dave = await signedInClient(database.db, tenant);
    // A first, empty copy: loading code, fonts and buffers once is not what this measures.
    await (await download(dave)).arrayBuffer();
    const paragraph = 'De cliënt heeft goed gegeten, is naar de dagbesteding geweest en had bezoek van haar dochter. '.repeat(12);
    const start = Date.now() - 360 * 86_400_000;
    for (let batch = 0; batch < 4; batch++) {
      await database.db
        .insertInto('reports')
        .values(
          Array.from({ length: 500 }, (_, i) => ({
            tenant_id: tenant.id,
            client_id: dave.clientId,
            written_at: new Date(start + (batch * 500 + i) * 3_600_000),
            author_name: 'Zr. Jansen',
            author_kind: 'staff' as const,
            text: `${batch * 500 + i + 1}. ${paragraph}`,
          })),
        )
        .execute();
    }
    // And 96 stored plan documents of 256 KB each, whose bytes do not compress.
    const plan = await pdfFile('Zorgleefplan');
    for (let n = 1; n <= 96; n++) {
      const pdf = Buffer.concat([plan, Buffer.from('\n%'), randomBytes(256 * 1024)]);
      await database.db
        .insertInto('plan_documents')
        .values({
          tenant_id: tenant.id,
          client_id: dave.clientId,
          title: `Zorgleefplan ${n}`,
          version: `${n}.0`,
          document_date: '2026-01-01',
          file_name: `Zorgleefplan ${n}.pdf`,
          pdf,
          sha256: createHash('sha256').update(pdf).digest('hex'),
        })
        .execute();
    }
    // And 16 board posts of 6 photos, each a screen-size version of 256 KB that does not compress.
    const thumbnail = (await storedPhoto(0)).thumbnail;
    await addBoardPosts(
      dave.clientId,
      Array.from({ length: 16 }, (_, n) => ({
        author: { kind: 'client' as const, name: 'Dave' },
        daysAgo: n + 1,
        text: `Foto's ${n + 1}`,
        photos: Array.from({ length: 6 }, (_, i) => ({ description: `Foto ${i + 1}`, screen: randomBytes(256 * 1024), thumbnail })),
      })),
    );
    const storedBytes = 2000 * paragraph.length + 96 * 256 * 1024 + 96 * 256 * 1024;

    const retained = () => {
      gc();
      const usage = process.memoryUsage();
      return usage.heapUsed + usage.arrayBuffers;
    };
    const baseline = retained();
    const response = await download(dave);
    expect(response.status).toBe(200);
    const reader = response.body!.getReader();
    const parts: Uint8Array[] = [];
    let received = 0;
    let sinceSample = 0;
    let peak = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      parts.push(value);
      received += value.byteLength;
      sinceSample += value.byteLength;
      if (sinceSample > 512 * 1024) {
        sinceSample = 0;
        // What the test itself holds (the bytes received so far) is not the server's.
        peak = Math.max(peak, retained() - baseline - received);
      }
    }
    const zip = unzipped(Buffer.concat(parts));
    const reports = dossierFiles['rapportages.json'].parse(zip.json('rapportages.json'));
    expect(reports.items).toHaveLength(2000);
    expect(new Set(reports.items.map((r) => r.id)).size).toBe(2000);
    expect(zip.names.filter((name) => name.startsWith('clientplan/'))).toHaveLength(96);
    expect(zip.names.filter((name) => name.startsWith('prikbord/fotos/'))).toHaveLength(96);
    expect(received).toBeGreaterThan(storedBytes * 0.9);
    // Held whole, the file would be 53 MB above the baseline (and more, once as rows and once as
    // bytes), its photos alone 25 MB; streamed, the server holds a page of rows, one stored PDF or
    // photo and the buffers in between.
    expect(peak).toBeLessThan(storedBytes / 2.5);
  }, 120_000);
});
