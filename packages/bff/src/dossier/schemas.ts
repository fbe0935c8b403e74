import { z } from 'zod';
import { accessLogLine } from '../access-log/schemas.js';
import { appointment } from '../agenda/schemas.js';
import { boardPhoto, boardPost, boardReply } from '../board/schemas.js';
import { contact } from '../contacts/schemas.js';
import { dateTime, media, problem, read } from '../contract/operations.js';
import { measurement, measurementType } from '../measurements/schemas.js';
import { message } from '../messages/schemas.js';
import { plan } from '../plans/schemas.js';
import { profile } from '../profile/schemas.js';
import { report } from '../reports/schemas.js';

/**
 * The machine-readable half of "Download mijn dossier" (docs/dossier.md): the JSON files of the
 * ZIP. Each item has the shape the widget API gives the same thing, so one schema describes both.
 */
export const DOSSIER_FORMAT = 'care-widgets-dossier/1';

/** The parts of a dossier, as the manifest names them; the client gets every one of a widget the tenant offers. */
export const dossierParts = [
  'reports',
  'measurements',
  'appointments',
  'messages',
  'board',
  'plans',
  'profile',
  'contacts',
  'access-log',
] as const;
export type DossierPart = (typeof dossierParts)[number];

const header = {
  format: z.literal(DOSSIER_FORMAT),
  generatedAt: dateTime(),
};

export const dossierManifest = z.strictObject({
  ...header,
  organisation: z.string(),
  client: z.string().describe('The client’s name'),
  /** Who downloaded it: the client, or a legal representative on the client's behalf. */
  downloadedBy: z.strictObject({ name: z.string(), relation: z.enum(['client', 'legal-representative']) }),
  parts: z
    .array(z.enum(dossierParts))
    .describe(
      'What this copy holds: the parts the portal shows, without those of widgets the tenant does not offer; a legal representative gets the parts of their rights',
    ),
  counts: z.record(z.string(), z.int()).describe('Items per part'),
  files: z.array(z.strictObject({ path: z.string(), part: z.enum(dossierParts), description: z.string() })),
});

const items = <P extends DossierPart, T extends z.ZodType, E extends z.core.$ZodLooseShape = Record<never, never>>(
  part: P,
  item: T,
  extra?: E,
) => z.strictObject({ ...header, part: z.literal(part), ...(extra ?? ({} as E)), items: z.array(item) });

export const dossierFiles = {
  'rapportages.json': items('reports', report),
  'metingen.json': items('measurements', measurement, { types: z.array(measurementType) }),
  'afspraken.json': items('appointments', appointment),
  'berichten.json': items('messages', message),
  'prikbord.json': items(
    'board',
    boardPost.extend({
      photos: z.array(boardPhoto.extend({ path: z.string().describe('The screen-size version as a file in this ZIP') })),
      replies: z.array(boardReply).describe('Every reply, oldest first'),
    }),
  ),
  'clientplan.json': items('plans', plan.extend({ path: z.string().describe('The stored PDF in this ZIP') })),
  'persoonlijke-gegevens.json': z.strictObject({
    ...header,
    part: z.literal('profile'),
    profile: profile.omit({ editable: true, pending: true, mayDownloadDossier: true, contact: true }),
  }),
  'contactpersonen.json': items('contacts', contact),
  'inzage-logboek.json': items('access-log', accessLogLine),
} as const;

export const dossierOperations = [
  read({
    path: '/dossier.zip',
    tag: 'dossier',
    summary:
      'A copy of everything the client may see (Wabvpz art. 15d): readable PDFs and JSON in one streamed ZIP; for the client and a legal representative',
    description:
      'The ZIP holds `dossier.json` (the manifest), a PDF and a JSON file per part, the client plan documents as stored and the board’s photos; docs/dossier.md describes the layout. Each download is audited (`dossier.download`) and limited to a few per day per client.',
    responses: {
      '200': media('ZIP (application/zip), streamed', 'application/zip', true),
      '403': problem('A contact person who is not a legal representative (`client-only`), or a first login not finished'),
      '429': problem('Too many downloads today (`rate-limited`); `Retry-After` says when the next may start'),
    },
  }),
];
