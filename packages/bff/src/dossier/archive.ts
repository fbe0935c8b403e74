import { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import { ZipFile } from 'yazl';
import { groupAccessLog } from '../access-log/grouping.js';
import { accessLogCsv } from '../access-log/routes.js';
import type { AccessLogLine } from '../access-log/queries.js';
import type { AppointmentView } from '../agenda/queries.js';
import type { BoardPostView } from '../board/queries.js';
import type { ContactView } from '../contacts/queries.js';
import { areaLabels, rightAreas } from '../contacts/rights.js';
import type { Database } from '../db/schema.js';
import type { ClientScope } from '../http/session-types.js';
import { plainLine } from '../http/plain-text.js';
import type { MeasurementTypeView, MeasurementView } from '../measurements/queries.js';
import type { MessageView } from '../messages/queries.js';
import { planPdf, plansOf, type PlanView } from '../plans/queries.js';
import type { profileView } from '../profile/queries.js';
import { pdfOffThread, reportsPdf } from '../reports/pdf-workers.js';
import type { PdfEntry } from './pdf.js';
import {
  appointmentPages,
  boardPhotoBytes,
  boardPhotoEntries,
  boardPostPages,
  measurementPages,
  measurementTypesOf,
  messagePages,
  reportPages,
  type BoardPhotoEntry,
  type DossierCounts,
} from './queries.js';
import { DOSSIER_FORMAT, type DossierPart, type dossierManifest } from './schemas.js';
import type { z } from 'zod';
import { amsterdamDate, isoDate } from '../time/amsterdam-time.js';

export interface DossierInput {
  db: Kysely<Database>;
  scope: ClientScope;
  organisation: string;
  parts: DossierPart[];
  counts: DossierCounts;
  downloadedBy: z.infer<typeof dossierManifest>['downloadedBy'];
  generatedAt: Date;
  profile?: ReturnType<typeof profileView> | undefined;
  contacts?: ContactView[] | undefined;
  /** Read before the download starts, in the statement that audits it (access-log/queries.ts). */
  accessLog?: AccessLogLine[] | undefined;
  onError: (error: unknown) => void;
}

const zone = 'Europe/Amsterdam';
const when = new Intl.DateTimeFormat('nl-NL', {
  timeZone: zone,
  weekday: 'short',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});
const clock = new Intl.DateTimeFormat('nl-NL', { timeZone: zone, hour: '2-digit', minute: '2-digit' });
const day = new Intl.DateTimeFormat('nl-NL', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' });
const calendarDay = (iso: string) => day.format(new Date(`${iso}T00:00:00Z`));

/** `metingen.json`'s `types` and the measurement PDF: a type's label, unit and value format. */
function measurementText(types: Map<string, MeasurementTypeView>, m: MeasurementView): PdfEntry {
  const type = types.get(m.type);
  const keys = type?.components.map((component) => component.key) ?? Object.keys(m.values);
  const value = keys
    .map((key) => m.values[key])
    .filter((v) => v !== undefined)
    .map((v) => v.toLocaleString('nl-NL', { minimumFractionDigits: type?.decimals ?? 0, maximumFractionDigits: type?.decimals ?? 2 }))
    .join('/');
  return {
    heading: `${when.format(new Date(m.measuredAt))} · ${type?.label ?? m.type}`,
    lines: [
      `${value} ${type?.unit ?? ''}`.trim(),
      m.source === 'client' ? `Ingevoerd in het portaal door ${m.author}` : `Gemeten door ${m.author}`,
    ],
  };
}

function appointmentText(a: AppointmentView): PdfEntry {
  return {
    heading: `${when.format(new Date(a.startsAt))}–${clock.format(new Date(a.endsAt))} · ${a.title}`,
    lines: [
      ...(a.location ? [`Waar: ${a.location}`] : []),
      ...(a.careWorker ? [`Met: ${a.careWorker}`] : []),
      ...(a.description ? [a.description] : []),
      ...(a.source === 'client' ? ['Zelf in het portaal gezet'] : []),
    ],
  };
}

function messageText(m: MessageView): PdfEntry {
  return { heading: `${when.format(new Date(m.sentAt))} · ${m.own ? `${m.sender.name} (uzelf)` : m.sender.name}`, lines: [m.body] };
}

/** A post with its photos' files in the ZIP and every reply under it. */
function boardPostText(post: BoardPostView, photoPaths: Map<string, string>): PdfEntry {
  return {
    heading: `${when.format(new Date(post.createdAt))} · ${post.author.label}`,
    lines: [
      ...(post.text ? [post.text] : []),
      ...post.photos.map((photo) => {
        const path = photoPaths.get(photo.id);
        return `Foto: ${photo.description}${path ? ` (${path})` : ''}`;
      }),
      ...post.replies.map((reply) => `Reactie van ${reply.author.label}, ${when.format(new Date(reply.createdAt))}: ${reply.text}`),
    ],
  };
}

const boardPhotoFolder = 'prikbord/fotos/';
const photoExtensions: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' };

/** `prikbord/fotos/<day>-<post id, short>-<n>.jpg`, ASCII; the whole post id where two posts of a day start alike. */
function boardPhotoPaths(photos: BoardPhotoEntry[]): Map<string, string> {
  const paths = new Map<string, string>();
  const used = new Set<string>();
  for (const photo of photos) {
    const extension = photoExtensions[photo.contentType] ?? 'bin';
    const name = (postId: string) => `${boardPhotoFolder}${photo.day}-${postId}-${photo.position + 1}.${extension}`;
    let path = name(photo.postId.slice(0, 8));
    if (used.has(path)) path = name(photo.postId);
    used.add(path);
    paths.set(photo.id, path);
  }
  return paths;
}

function profileEntries(p: NonNullable<DossierInput['profile']>): PdfEntry[] {
  const address = p.address
    ? [
        [p.address.street, p.address.houseNumber, p.address.extra].filter(Boolean).join(' '),
        [p.address.postalCode, p.address.city].filter(Boolean).join(' '),
      ]
        .filter(Boolean)
        .join(', ')
    : null;
  const fields: [string, string | null][] = [
    ['Naam', p.name],
    ['Aanhef in brieven', p.formalName],
    ['Geboortedatum', p.dateOfBirth ? calendarDay(p.dateOfBirth) : null],
    ['Leeftijd', p.age === null ? null : `${p.age} jaar`],
    ['Burgerlijke staat', p.maritalStatus],
    ['Geboorteplaats', p.placeOfBirth],
    ['Nationaliteit', p.nationality],
    ['BSN', p.bsn],
    ['Adres', address],
    ['Telefoon', p.phone],
    ['Mobiel', p.mobile],
    ['E-mailadres', p.email],
  ];
  return fields.filter(([, value]) => value).map(([label, value]) => ({ heading: label, lines: [value!] }));
}

function contactEntry(contact: ContactView): PdfEntry {
  const rights = rightAreas.filter((area) => contact.rights[area]).map((area) => areaLabels[area]);
  return {
    heading: `Contactpersoon: ${contact.name} (${contact.relationshipLabel})`,
    lines: [
      rights.length ? `Mag zien: ${rights.join(', ')}` : 'Heeft (nog) geen rechten',
      ...(contact.legalRepresentative ? ['Wettelijk vertegenwoordiger, vastgelegd door de zorgorganisatie'] : []),
      ...(contact.status === 'invited' ? ['Uitgenodigd, nog niet geactiveerd'] : []),
    ],
  };
}

async function* mapped<T, U>(batches: AsyncIterable<T[]>, each: (item: T) => U): AsyncGenerator<U[]> {
  for await (const batch of batches) yield batch.map(each);
}

async function* once<T>(items: T[]): AsyncGenerator<T[]> {
  if (items.length) yield items;
}

/**
 * A JSON file of the ZIP, written a batch at a time: `{…header, "items":[` then each batch, then
 * `]}`. The items are never all in memory at once.
 */
function jsonFile(head: Record<string, unknown>, batches: AsyncIterable<unknown[]>): Readable {
  async function* bytes() {
    const opening = JSON.stringify({ format: DOSSIER_FORMAT, ...head, items: [] });
    yield Buffer.from(opening.slice(0, -2));
    let first = true;
    for await (const batch of batches) {
      if (!batch.length) continue;
      const text = batch.map((item) => JSON.stringify(item)).join(',\n');
      yield Buffer.from(first ? `\n${text}` : `,\n${text}`);
      first = false;
    }
    yield Buffer.from(first ? ']}\n' : '\n]}\n');
  }
  return Readable.from(bytes(), { objectMode: false });
}

/** A file name inside the ZIP from a stored name: letters, digits, dot, dash; never a path. */
function safeFileName(stored: string, fallback: string): string {
  const cleaned = plainLine(stored)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[.-]+|-+$/g, '')
    .slice(0, 80);
  return /\.pdf$/i.test(cleaned) ? cleaned : `${cleaned || fallback}.pdf`;
}

const descriptions: Record<string, string> = {
  'rapportages.pdf': 'Alle rapportages, om te lezen en te printen',
  'rapportages.json': 'Alle rapportages, voor een computerprogramma',
  'metingen.pdf': 'Alle metingen',
  'metingen.json': 'Alle metingen en de meetsoorten',
  'afspraken.pdf': 'Alle afspraken, ook die van vroeger',
  'afspraken.json': 'Alle afspraken',
  'berichten.pdf': 'Alle berichten met het zorgteam',
  'berichten.json': 'Alle berichten',
  'prikbord.pdf': 'Alle berichten en reacties op het prikbord, met de beschrijving van elke foto',
  'prikbord.json': 'Het prikbord, voor een computerprogramma',
  'clientplan.json': 'De documenten van het cliëntplan en wie ze ondertekende of afkeurde',
  'persoonlijke-gegevens.pdf': 'Uw persoonlijke gegevens en uw contactpersonen',
  'persoonlijke-gegevens.json': 'Uw persoonlijke gegevens',
  'contactpersonen.json': 'De mensen die uw portaal mogen zien, en wat',
  'inzage-logboek.pdf': 'Wie heeft uw dossier bekeken, en wanneer',
  'inzage-logboek.csv': 'Het inzagelogboek voor een spreadsheet',
  'inzage-logboek.json': 'Het inzagelogboek',
};

/**
 * The dossier as a ZIP stream. Each entry is made only when the ZIP reaches it
 * (addReadStreamLazy) and read a page at a time, so memory holds about one page of rows and one
 * entry's buffers, whatever the size of the file. A cancelled download stops the entry being made.
 */
export async function dossierZip(input: DossierInput): Promise<Readable> {
  const { db, scope, parts, counts, generatedAt } = input;
  const has = (part: DossierPart) => parts.includes(part);
  const zip = new ZipFile();
  const pdfHead = { organisation: input.organisation, clientName: counts.clientName, generatedAt };
  const json = (head: Record<string, unknown>, batches: AsyncIterable<unknown[]>) =>
    jsonFile({ generatedAt: generatedAt.toISOString(), ...head }, batches);
  const files: z.infer<typeof dossierManifest>['files'] = [];
  const entries: [string, DossierPart, () => Readable, boolean][] = [];
  const add = (path: string, part: DossierPart, make: () => Readable, compress = true, description = descriptions[path]) => {
    entries.push([path, part, make, compress]);
    files.push({ path, part, description: description ?? 'Document van het cliëntplan, zoals opgeslagen' });
  };
  /** A stored file read when the ZIP reaches it: one in memory at a time. */
  const stored = (read: () => Promise<Uint8Array | undefined>) => () =>
    Readable.from(
      (async function* () {
        const bytes = await read();
        if (bytes) yield Buffer.from(bytes);
      })(),
      { objectMode: false },
    );

  const today = isoDate(amsterdamDate(generatedAt));
  if (has('reports')) {
    add(
      'rapportages.pdf',
      'reports',
      () =>
        reportsPdf({
          ...pdfHead,
          period: { from: counts.firstReportDay ?? today, to: today },
          total: counts.reports,
          batches: reportPages(db, scope),
        }),
      false,
    );
    add('rapportages.json', 'reports', () => json({ part: 'reports' }, reportPages(db, scope)));
  }
  if (has('measurements')) {
    const types = await measurementTypesOf(db, scope.tenantId);
    const byCode = new Map(types.map((type) => [type.code, type]));
    add(
      'metingen.pdf',
      'measurements',
      () =>
        pdfOffThread('dossier-part', {
          ...pdfHead,
          title: 'Metingen',
          summary: [`Aantal metingen: ${counts.measurements}`],
          empty: 'Er zijn geen metingen.',
          batches: mapped(measurementPages(db, scope), (m) => measurementText(byCode, m)),
        }),
      false,
    );
    add('metingen.json', 'measurements', () => json({ part: 'measurements', types }, measurementPages(db, scope)));
  }
  if (has('appointments')) {
    add(
      'afspraken.pdf',
      'appointments',
      () =>
        pdfOffThread('dossier-part', {
          ...pdfHead,
          title: 'Afspraken',
          summary: [`Aantal afspraken: ${counts.appointments}`, 'Nieuwste afspraak eerst; afgezegde afspraken staan er niet in.'],
          empty: 'Er zijn geen afspraken.',
          batches: mapped(appointmentPages(db, scope), appointmentText),
        }),
      false,
    );
    add('afspraken.json', 'appointments', () => json({ part: 'appointments' }, appointmentPages(db, scope)));
  }
  if (has('messages')) {
    add(
      'berichten.pdf',
      'messages',
      () =>
        pdfOffThread('dossier-part', {
          ...pdfHead,
          title: 'Berichten',
          summary: [`Aantal berichten: ${counts.messages}`, 'Nieuwste bericht eerst.'],
          empty: 'Er zijn geen berichten.',
          batches: mapped(messagePages(db, scope), messageText),
        }),
      false,
    );
    add('berichten.json', 'messages', () => json({ part: 'messages' }, messagePages(db, scope)));
  }
  if (has('board')) {
    const reader = { ...scope, isClient: input.downloadedBy.relation === 'client' };
    const photos = await boardPhotoEntries(db, scope, generatedAt);
    const photoPaths = boardPhotoPaths(photos);
    add(
      'prikbord.pdf',
      'board',
      () =>
        pdfOffThread('dossier-part', {
          ...pdfHead,
          title: 'Prikbord',
          summary: [
            `Aantal berichten: ${counts.board}`,
            ...(photos.length
              ? ['Nieuwste bericht eerst, met de reacties eronder; de foto’s staan als bestand in de map prikbord/fotos.']
              : []),
          ],
          empty: 'Er staan nog geen berichten op het prikbord.',
          batches: mapped(boardPostPages(db, reader, generatedAt), (post) => boardPostText(post, photoPaths)),
        }),
      false,
    );
    add('prikbord.json', 'board', () =>
      json(
        { part: 'board' },
        mapped(boardPostPages(db, reader, generatedAt), (post) => ({
          ...post,
          // A post that came in after the photos were listed: its photos have no file in this ZIP.
          photos: post.photos.flatMap((photo) => {
            const path = photoPaths.get(photo.id);
            return path ? [{ ...photo, path }] : [];
          }),
        })),
      ),
    );
    for (const photo of photos) {
      add(
        photoPaths.get(photo.id)!,
        'board',
        stored(() => boardPhotoBytes(db, scope, photo.id)),
        false,
        'Foto van het prikbord, zoals opgeslagen',
      );
    }
  }
  if (has('plans')) {
    const plans = await plansOf(db, scope);
    const used = new Set<string>();
    const withPaths = plans.map((plan: PlanView) => {
      let path = `clientplan/${plan.date}-${safeFileName(plan.fileName, 'clientplan')}`;
      for (let n = 2; used.has(path); n++) path = path.replace(/(-\d+)?\.pdf$/i, `-${n}.pdf`);
      used.add(path);
      return { ...plan, path };
    });
    for (const plan of withPaths) {
      add(
        plan.path,
        'plans',
        stored(async () => (await planPdf(db, scope, plan.id))?.pdf),
        false,
      );
    }
    add('clientplan.json', 'plans', () => json({ part: 'plans' }, once(withPaths)));
  }
  if (has('profile') && input.profile) {
    const profile = input.profile;
    const contacts = has('contacts') ? (input.contacts ?? []) : [];
    add('persoonlijke-gegevens.pdf', 'profile', () =>
      pdfOffThread('dossier-part', {
        ...pdfHead,
        title: 'Persoonlijke gegevens',
        summary: has('contacts') ? [`Contactpersonen: ${contacts.length}`] : [],
        empty: 'Er zijn geen persoonlijke gegevens.',
        batches: once([...profileEntries(profile), ...contacts.map(contactEntry)]),
      }),
    );
    add('persoonlijke-gegevens.json', 'profile', () =>
      Readable.from([
        Buffer.from(
          `${JSON.stringify({ format: DOSSIER_FORMAT, part: 'profile', generatedAt: generatedAt.toISOString(), profile }, null, 2)}\n`,
        ),
      ]),
    );
  }
  if (has('contacts')) {
    add('contactpersonen.json', 'contacts', () => json({ part: 'contacts' }, once(input.contacts ?? [])));
  }
  if (has('access-log')) {
    const lines = input.accessLog ?? [];
    const groups = groupAccessLog(lines);
    add('inzage-logboek.pdf', 'access-log', () =>
      pdfOffThread('access-log', {
        ...pdfHead,
        period: { from: lines.length ? isoDate(amsterdamDate(new Date(lines.at(-1)!.at))) : today, to: today },
        total: lines.length,
        batches: chunks(groups, 500),
      }),
    );
    add('inzage-logboek.csv', 'access-log', () => Readable.from([Buffer.from(accessLogCsv(lines))]));
    add('inzage-logboek.json', 'access-log', () => json({ part: 'access-log' }, chunks(lines, 500)));
  }

  const manifest: z.infer<typeof dossierManifest> = {
    format: DOSSIER_FORMAT,
    generatedAt: generatedAt.toISOString(),
    organisation: input.organisation,
    client: counts.clientName,
    downloadedBy: input.downloadedBy,
    parts,
    counts: Object.fromEntries(parts.map((part) => [part, partCount(part, input)])),
    files,
  };
  const options = { mtime: generatedAt };
  zip.addBuffer(Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`), 'dossier.json', options);
  zip.addBuffer(Buffer.from(readme(input, files)), 'LEESMIJ.txt', options);

  let current: Readable | undefined;
  for (const [path, , make, compress] of entries) {
    zip.addReadStreamLazy(path, { ...options, compress }, (callback) => {
      current = make();
      current.once('error', input.onError);
      callback(null, current);
    });
  }
  zip.end();
  const output = zip.outputStream as Readable;
  output.once('close', () => current?.destroy());
  return output;
}

function partCount(part: DossierPart, input: DossierInput): number {
  const { counts } = input;
  switch (part) {
    case 'reports':
      return counts.reports;
    case 'measurements':
      return counts.measurements;
    case 'appointments':
      return counts.appointments;
    case 'messages':
      return counts.messages;
    case 'board':
      return counts.board;
    case 'plans':
      return counts.plans;
    case 'profile':
      return input.profile ? 1 : 0;
    case 'contacts':
      return input.contacts?.length ?? 0;
    case 'access-log':
      return input.accessLog?.length ?? 0;
  }
}

async function* chunks<T>(items: T[], size: number): AsyncGenerator<T[]> {
  for (let at = 0; at < items.length; at += size) yield items.slice(at, at + size);
}

/** The files for LEESMIJ.txt: the board's photos as one line for their folder. */
function readmeLines(files: { path: string; description: string }[]): string[] {
  const photos = files.filter((file) => file.path.startsWith(boardPhotoFolder));
  const lines = files.filter((file) => !photos.includes(file)).map((file) => `  ${file.path}  ${file.description}`);
  if (photos.length) lines.push(`  ${boardPhotoFolder}  De foto’s van het prikbord (${photos.length}), zoals opgeslagen`);
  return lines;
}

function readme(input: DossierInput, files: { path: string; description: string }[]): string {
  const lines = [
    `Dossier van ${input.counts.clientName} bij ${input.organisation}`,
    `Gemaakt op ${when.format(input.generatedAt)} voor ${input.downloadedBy.name}.`,
    '',
    'Dit is een kopie van alles wat u in het cliëntportaal kunt zien (Wet aanvullende bepalingen',
    'verwerking persoonsgegevens in de zorg, artikel 15d). De PDF-bestanden zijn om te lezen en te',
    'printen; de JSON-bestanden zijn dezelfde gegevens voor een computerprogramma, zoals een',
    'persoonlijke gezondheidsomgeving (PGO). Bewaar dit bestand op een veilige plek: het bevat',
    'gegevens over uw gezondheid.',
    '',
    'In dit bestand:',
    '  dossier.json  Overzicht van dit bestand, voor een computerprogramma',
    ...readmeLines(files),
    '',
  ];
  return lines.join('\r\n');
}
