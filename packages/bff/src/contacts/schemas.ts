import { z } from 'zod';
import { codeConfirmationBody, codeSent } from '../contract/confirmation.js';
import { dateTime, idParam, listOf, ok, problem, read, write, type Operation } from '../contract/operations.js';
import { plainLine } from '../http/plain-text.js';
import { relationships, rightAreas } from './rights.js';

const legalRelationships = ['legal-representative', 'mentor', 'curator', 'administrator'] as const;

export const rightsSchema = z
  .strictObject(Object.fromEntries(rightAreas.map((area) => [area, z.boolean()])) as Record<(typeof rightAreas)[number], z.ZodBoolean>)
  .describe('A right per area: reports, measurements, agenda, messages, plan (read), profile, board (the bulletin board, later).')
  .meta({ id: 'ContactRights' });

/** In a request every area is optional (absent: no right); an unknown area is refused by name. */
const rightsInput = z.strictObject(
  Object.fromEntries(rightAreas.map((area) => [area, z.boolean({ error: 'true or false' }).default(false)])) as Record<
    (typeof rightAreas)[number],
    z.ZodDefault<z.ZodBoolean>
  >,
);

export const relationshipSchema = z.enum(relationships);

export const contact = z
  .strictObject({
    id: z.string().describe("The contact person's account id"),
    name: z.string(),
    email: z.string().nullable(),
    mobile: z.string().nullable(),
    relationship: relationshipSchema,
    relationshipLabel: z.string().describe('Dutch, as the portal shows it: "dochter"'),
    rights: rightsSchema,
    locked: z.boolean().describe('Set by the organisation (legal representative): the client cannot change or remove it'),
    legalRepresentative: z.boolean().describe('May sign or reject the client plan'),
    status: z.enum(['invited', 'active', 'disabled']).describe('invited: has not activated the account from the e-mail yet'),
    invitationValidUntil: dateTime()
      .nullable()
      .describe('invited: until when the newest invitation link works; null once it expired, was used up or replaced'),
    addedAt: dateTime(),
  })
  .meta({ id: 'Contact' });

/** Dutch mobile (06…, +316…, 00316…) or any international number in E.164, stored as E.164. */
const mobileNumber = z
  .string({ error: 'required' })
  .max(40, 'too long')
  .transform((input, ctx) => {
    const compact = input.replace(/[\s.\-()]/g, '');
    const dutch = /^(?:0|\+310?|00310?)(6\d{8})$/.exec(compact);
    if (dutch) return `+31${dutch[1]}`;
    if (/^\+[1-9]\d{7,14}$/.test(compact)) return compact;
    ctx.addIssue({ code: 'custom', message: 'Vul een mobiel nummer in, bijvoorbeeld 06 12345678.' });
    return z.NEVER;
  });

const clientChosenRelationship = relationshipSchema.refine(
  (value) => !(legalRelationships as readonly string[]).includes(value),
  'Een wettelijk vertegenwoordiger (mentor, curator, bewindvoerder) legt uw zorgorganisatie vast.',
);

export const newContactBody = z.object({
  name: z.string({ error: 'required' }).overwrite(plainLine).trim().min(1, 'Vul een naam in.').max(100, 'at most 100 characters'),
  email: z.string({ error: 'required' }).trim().max(254, 'too long').pipe(z.email('Vul een geldig e-mailadres in.')),
  mobile: mobileNumber,
  relationship: clientChosenRelationship,
  rights: rightsInput,
  /** The page the invitation link opens (one of the tenant's origins). */
  pageUrl: z.string().max(2000).optional(),
});

export const invitationBody = z.object({
  /** The page the new link opens (one of the tenant's origins). */
  pageUrl: z.string().max(2000).optional(),
});

export const invitationSent = z
  .strictObject({
    email: z.string().describe('Where the invitation went'),
    validUntil: dateTime().describe('Until when the new link works'),
  })
  .meta({ id: 'InvitationSent' });

export const contactChangeBody = z.object({ relationship: clientChosenRelationship, rights: rightsInput });

/** The same body again with the code: the code confirms exactly that body. */
export const newContactConfirmBody = newContactBody.extend(codeConfirmationBody.shape);
export const contactChangeConfirmBody = contactChangeBody.extend(codeConfirmationBody.shape);

export const contactCodeSent = codeSent
  .extend({ widens: z.array(z.enum(rightAreas)).describe('The areas this change hands out') })
  .meta({ id: 'ContactCodeSent' });

export const accountClient = z
  .strictObject({
    id: z.string(),
    name: z.string(),
    relation: z.enum(['self', 'contact']),
    relationship: relationshipSchema.nullable(),
    relationshipLabel: z.string().nullable(),
    rights: rightsSchema.nullable().describe('null for the own dossier: every right'),
    legalRepresentative: z.boolean(),
  })
  .meta({ id: 'AccountClient' });

export const accountClients = listOf(accountClient, { currentClientId: z.string().nullable() });
export const switchClientBody = z.object({ clientId: z.string({ error: 'required' }).max(100) });

const contactIdParam = idParam("The contact person's account id");

export const contactOperations: Operation[] = [
  read({
    path: '/contacts',
    tag: 'contacts',
    summary: 'The people with access to the client portal, alphabetically',
    responses: { '200': ok('Alphabetical by name', listOf(contact)), '403': problem('Not the client: `forbidden`') },
  }),
  write('post', {
    path: '/contacts',
    tag: 'contacts',
    summary: 'Add a person: sends the SMS code that confirms it',
    body: newContactBody,
    responses: {
      '202': ok('Code sent to the client’s mobile number; confirm with POST /contacts/confirm', contactCodeSent),
      '409': problem('Already a contact (`contact-exists`), the client’s own address (`contact-is-client`), no mobile (`no-mobile`)'),
      '429': problem('Too many codes'),
    },
  }),
  write('post', {
    path: '/contacts/confirm',
    tag: 'contacts',
    summary: 'Add a person with the code: the invitation e-mail goes out',
    body: newContactConfirmBody,
    responses: { '201': ok('The new contact person', contact), '409': problem('Already a contact, or the client’s own address') },
  }),
  write('put', {
    path: '/contacts/{id}',
    params: contactIdParam,
    tag: 'contacts',
    summary: 'Change relationship and rights; a wider right first needs an SMS code',
    body: contactChangeBody,
    responses: {
      '200': ok('Changed (nothing widened)', contact),
      '202': ok('A right is widened: code sent; confirm with PUT /contacts/{id}/confirm', contactCodeSent),
      '403': problem('Locked by the organisation: `contact-locked`'),
      '404': problem('No such contact person'),
    },
  }),
  write('put', {
    path: '/contacts/{id}/confirm',
    params: contactIdParam,
    tag: 'contacts',
    summary: 'Change with the code',
    body: contactChangeConfirmBody,
    responses: { '200': ok('Changed', contact), '403': problem('Locked: `contact-locked`'), '404': problem('No such contact person') },
  }),
  write('post', {
    path: '/contacts/{id}/invitation',
    params: contactIdParam,
    tag: 'contacts',
    summary: 'Send the invitation again to a person who has not activated yet: the earlier link stops working',
    body: invitationBody,
    responses: {
      '202': ok('A new invitation e-mail is on its way', invitationSent),
      '403': problem('Locked by the organisation: `contact-locked`'),
      '404': problem('No such contact person'),
      '409': problem('The person has activated the account already: `contact-active`'),
      '429': problem('Sent 3 times in 24 hours already: `Retry-After` says when again'),
    },
  }),
  write('delete', {
    path: '/contacts/{id}',
    params: contactIdParam,
    tag: 'contacts',
    summary: 'Remove a person: their sessions for this client end at once',
    responses: { '204': ok('Removed'), '403': problem('Locked: `contact-locked`'), '404': problem('No such contact person') },
  }),
  read({
    path: '/clients',
    tag: 'contacts',
    summary: 'The clients this account may see ("Van wie wilt u het dossier bekijken?")',
    responses: { '200': ok('Own dossier first, then by name', accountClients) },
  }),
  write('put', {
    path: '/clients/current',
    tag: 'contacts',
    summary: 'Switch the session to another client of the account',
    body: switchClientBody,
    responses: { '200': ok('The client now shown', accountClient), '404': problem('Not a client of this account') },
  }),
];
