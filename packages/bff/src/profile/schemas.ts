import { z } from 'zod';
import { calendarDay, ok, problem, read, route, write } from '../contract/operations.js';
import { codeConfirmationBody, codeSent, identityChallenge } from '../contract/confirmation.js';

const nullableText = () => z.string().nullable();

export const profile = z
  .strictObject({
    name: z.string(),
    formalName: z.string().describe('As the ECD writes it on letters: "E. de Vries"'),
    dateOfBirth: calendarDay(),
    age: z.int().nullable(),
    maritalStatus: nullableText(),
    placeOfBirth: nullableText(),
    nationality: nullableText(),
    bsn: nullableText().describe('Masked'),
    address: z
      .strictObject({
        street: nullableText(),
        houseNumber: nullableText(),
        extra: nullableText(),
        postalCode: nullableText(),
        city: nullableText(),
      })
      .nullable(),
    phone: nullableText(),
    mobile: nullableText(),
    email: nullableText(),
    editable: z.array(z.enum(['mobile', 'email'])).describe('Empty for a contact person'),
    pending: z.strictObject({ mobile: nullableText(), email: nullableText() }).describe('Asked for, not confirmed yet'),
    mayDownloadDossier: z.boolean().describe('The client or a legal representative: offer "Download mijn dossier" (GET /dossier.zip)'),
    contact: z.strictObject({ text: z.string(), organisation: z.string(), phone: nullableText(), email: nullableText() }),
  })
  .meta({ id: 'Profile' });

const currentPassword = z.string().min(1, 'required').max(1000);
export const mobileChangeBody = z.object({ mobile: z.string().max(40, 'too long'), currentPassword });
export const emailChangeBody = z.object({
  email: z.string().trim().max(254, 'too long').pipe(z.email('not an e-mail address')),
  currentPassword,
  pageUrl: z.string().max(2000).optional().describe('The page the confirmation link opens'),
});
export const emailLinkBody = z.object({ token: z.string().min(1, 'required').max(200) });

const wrongPassword = problem('Validation failed: `errors[]` names each field; `wrong-password` (field currentPassword), `unchanged`');
const notOwn = problem(
  '`not-editable` for a contact person; a first login not finished; or the write came from an origin the tenant does not allow',
);

/** The own account of a contact person ("Uw eigen gegevens"): their login address and second factor. */
export const ownAccount = z
  .strictObject({
    name: z.string(),
    mobile: nullableText().describe('Where the login codes go'),
    email: nullableText().describe('Where the portal writes to'),
    pending: z.strictObject({ mobile: nullableText(), email: nullableText() }).describe('Asked for, not confirmed yet'),
  })
  .meta({ id: 'OwnAccount' });

/**
 * The change of a mobile number or e-mail address, at `prefix`: the client's own (`/profile`,
 * also the client record) or a contact person's own account (`/profile/account`).
 */
const detailChangeOperations = (prefix: '/profile' | '/profile/account', notAllowed: ReturnType<typeof problem>) => [
  write('post', {
    path: `${prefix}/mobile`,
    tag: 'profile',
    summary: 'Ask to change the mobile number: the current password, then a code through the current second factor',
    body: mobileChangeBody,
    responses: {
      '202': ok('Identity code sent (or: use the app)', identityChallenge.extend({ mobile: z.string() })),
      '400': wrongPassword,
      '403': notAllowed,
      '429': problem('Too many codes'),
    },
  }),
  write('post', {
    path: `${prefix}/mobile/verify`,
    tag: 'profile',
    summary: 'Check the identity code; then a code goes to the new number',
    body: codeConfirmationBody,
    responses: { '202': ok('Code sent to the new number', codeSent.extend({ mobile: z.string() })), '429': problem('Too many codes') },
  }),
  write('post', {
    path: `${prefix}/mobile/confirm`,
    tag: 'profile',
    summary: 'Confirm the new mobile number; the old number and the e-mail address are told',
    body: codeConfirmationBody,
    responses: { '200': ok('Changed', z.strictObject({ mobile: z.string() })) },
  }),
  write('post', {
    path: `${prefix}/email`,
    tag: 'profile',
    summary: 'Ask to change the e-mail address: the current password, then a code through the current second factor',
    body: emailChangeBody,
    responses: {
      '202': ok('Identity code sent (or: use the app)', identityChallenge.extend({ email: z.string() })),
      '400': wrongPassword,
      '403': notAllowed,
      '429': problem('Too many codes'),
    },
  }),
  write('post', {
    path: `${prefix}/email/verify`,
    tag: 'profile',
    summary: 'Check the identity code; then a link goes to the new address (confirmed at POST /profile/email/confirm)',
    body: codeConfirmationBody,
    responses: { '202': ok('Link sent', z.strictObject({ email: z.string(), expiresInSeconds: z.int() })) },
  }),
];

export const profileOperations = [
  read({
    path: '/profile',
    tag: 'profile',
    summary: 'Personal data (read-only but for mobile and e-mail)',
    responses: { '200': ok('Profile', profile), '404': problem('Not found') },
  }),
  ...detailChangeOperations('/profile', notOwn),
  read({
    path: '/profile/account',
    tag: 'profile',
    summary: "A contact person's own account: the mobile number of their login codes and their e-mail address",
    description: "Needs no right: it is the person's own, not the client's. The client changes theirs at /profile.",
    responses: { '200': ok('The own account', ownAccount), '403': problem('`client-profile`: the client uses /profile') },
  }),
  ...detailChangeOperations('/profile/account', problem('`client-profile`: the client changes theirs at /profile')),
  route(
    'post',
    {
      path: '/profile/email/confirm',
      tag: 'profile',
      summary: 'Confirm the new e-mail address from the link',
      body: emailLinkBody,
      responses: { '200': ok('Changed', z.strictObject({ email: z.string() })), '400': problem('`invalid-link`') },
    },
    [{ csrf: [] }],
  ),
];
