import { z } from 'zod';
import { relationshipSchema, rightsSchema } from '../contacts/schemas.js';
import { authStep, dateTime, ok, problem, route, signedIn } from '../contract/operations.js';
import { passwordPolicy, terms } from '../tenants/schemas.js';

const factor = z.enum(['sms', 'email', 'totp']);
const firstLoginStep = z.enum(['password', 'terms']);

const codeStepFields = {
  channel: factor,
  prefix: z.string().nullable().describe('Shown fixed before the 6-digit field ("1234-"); null for TOTP or when no code was sent.'),
  resendAvailableInSeconds: z.int().describe('Countdown for "Opnieuw versturen"; after a refused send, until a send is allowed again'),
  expiresInSeconds: z.int(),
  destinationHint: z.string().nullable().describe('Where the code went, masked: "••••••••5678" or "j•••@example.nl"'),
  trustedDeviceDays: z.int().describe('0: do not offer "Deze computer vertrouwen".'),
};

export const secondFactorStep = z
  .strictObject({ step: z.literal('second-factor'), ...codeStepFields, codeSent: z.boolean() })
  .meta({ id: 'SecondFactorStep' });

export const signedInStep = z.strictObject({
  step: z.literal('done'),
  session: z.strictObject({ state: z.literal('active'), accountId: z.string(), displayName: z.string(), clientId: z.string().nullable() }),
});
export const firstLoginNext = z.strictObject({ step: z.literal('first-login'), remaining: z.array(firstLoginStep) });

/** What comes after a sign-in step: the code, the first-login steps, or signed in. */
export const authStepAnswer = z.union([secondFactorStep, firstLoginNext, signedInStep]).meta({ id: 'AuthStep' });

/** The open code step of a session (GET /auth/session). */
export const sessionSecondFactor = z.strictObject(codeStepFields);

const sessionTimes = {
  relation: z.enum(['self', 'contact']),
  tenant: z.string(),
  idleExpiresAt: dateTime(),
  absoluteExpiresAt: dateTime(),
  idleTimeoutMinutes: z.int().describe('For the idle warning, free of any difference between the two clocks'),
  absoluteExpiresInSeconds: z.int(),
};

export const sessionView = z
  .discriminatedUnion('state', [
    z.strictObject({ state: z.literal('signed-out') }),
    z.strictObject({
      state: z.literal('second_factor'),
      accountId: z.null(),
      displayName: z.null(),
      clientId: z.null(),
      ...sessionTimes,
      secondFactor: sessionSecondFactor.nullable().describe('The open code step; null when none is open'),
    }),
    z.strictObject({
      state: z.literal('pending'),
      accountId: z.string(),
      displayName: z.string(),
      clientId: z.null(),
      ...sessionTimes,
      firstLogin: z.strictObject({ remaining: z.array(firstLoginStep) }).describe('The first-login steps left'),
    }),
    z.strictObject({
      state: z.literal('active'),
      accountId: z.string(),
      displayName: z.string(),
      clientId: z.string().nullable(),
      ...sessionTimes,
      clientName: z.string().nullable().describe('The current client, e.g. "Johanna de Vries"'),
      relationship: relationshipSchema.nullable().describe("A contact person's relationship to the current client; null for the client"),
      rights: rightsSchema.describe('What the person may see of the current client: every area for the client'),
      mayDecidePlan: z.boolean().describe('The client, or a legal representative with the plan right'),
      mayDownloadDossier: z.boolean().describe('The client, or a legal representative: GET /dossier.zip'),
      clientCount: z.int().describe('How many clients the account may see: with more than 1, offer the choice (GET /clients)'),
    }),
  ])
  .meta({ id: 'Session' });

export const secondFactorSettings = z
  .strictObject({
    current: factor.nullable(),
    allowed: z.array(factor),
    totpEnrolled: z.boolean(),
    destinations: z.strictObject({ sms: z.string().nullable(), email: z.string().nullable() }),
    resendCooldownSeconds: z.int(),
  })
  .meta({ id: 'SecondFactorSettings' });

export const firstLoginView = z.strictObject({
  remaining: z.array(firstLoginStep),
  terms,
  passwordPolicy,
  username: z.string(),
});

export const totpEnrolment = z.strictObject({
  otpauthUri: z.string(),
  qrDataUrl: z.string().describe('The otpauth URI as a PNG QR code'),
  manualKey: z.string().describe('The secret in groups of four, to type in'),
  issuer: z.string(),
  accountName: z.string(),
});

const username = z.string().trim().min(1, 'required').max(200);
const secret = z.string().min(1, 'required').max(1000);
const newPasswordFields = { newPassword: secret, repeatPassword: z.string().max(1000) };
const linkToken = z.string().min(1, 'required').max(200);
const dateOfBirth = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD')
  .meta({ format: 'date' });
const code = z.string().trim().min(1, 'required').max(20);

export const loginBody = z.object({ username, password: secret });
export const codeVerifyBody = z.object({ code, trustDevice: z.boolean().optional() });
export const newPasswordBody = z.object(newPasswordFields);
export const acceptTermsBody = z.object({ version: z.string().min(1, 'required').max(100) });
export const forgotPasswordBody = z.object({
  username,
  pageUrl: z.string().max(2000).optional().describe('The page the reset link opens'),
});
export const linkCheckBody = z.object({ link: z.enum(['reset', 'activate']), token: linkToken });
export const resetPasswordBody = z.object({ token: linkToken, ...newPasswordFields });
export const changePasswordBody = z.object({ currentPassword: secret, ...newPasswordFields });
export const chooseSecondFactorBody = z.object({ method: factor });
export const totpConfirmBody = z.object({ code });
/** A client proves who they are with their date of birth, a contact person with the mobile number they were invited with. */
const activationProof = {
  dateOfBirth: dateOfBirth.optional().describe('For a client (`proof: "dateOfBirth"` from /auth/links/check)'),
  mobile: z
    .string()
    .max(40)
    .optional()
    .describe('For a contact person (`proof: "mobile"`): the number they were invited with, e.g. 06 12345678'),
};
export const activationVerifyBody = z.object({ token: linkToken, ...activationProof });
export const activationCompleteBody = z.object({
  token: linkToken,
  ...activationProof,
  username: z.string().trim().min(3, 'at least 3 characters').max(100).optional(),
  password: z.string().min(1, 'required').max(1000),
  repeatPassword: z.string().max(1000),
});

export const activationInvite = z.strictObject({ displayName: z.string(), usernameSuggestion: z.string(), passwordPolicy });

export const linkState = z.strictObject({
  state: z.enum(['valid', 'used', 'expired', 'replaced', 'unknown']),
  accountActive: z.boolean().optional().describe('Only for `activate`'),
  proof: z
    .enum(['dateOfBirth', 'mobile'])
    .optional()
    .describe('Only for a valid `activate` link: what the person types to prove who they are (a contact person: their mobile number)'),
});

const codeNotSent = problem(
  '`sms-not-sent` / `email-not-sent`: the provider did not take the code ("De sms kon niet worden verstuurd. Probeer het over een paar minuten opnieuw."); the code budgets are not used up. Also `database-unavailable`.',
);
const loginNext = z.strictObject({ step: z.literal('login') });

export const authOperations = [
  authStep({
    path: '/auth/login',
    summary: 'Username and password',
    body: loginBody,
    responses: {
      '200': ok('The next step; the session cookie is set', authStepAnswer),
      '401': problem('`invalid-credentials` — identical for unknown users'),
      '403': problem('`no-second-factor`'),
      '503': codeNotSent,
    },
  }),
  authStep({
    path: '/auth/code/resend',
    summary: 'Send a new code',
    responses: { '200': ok('The code step', secondFactorStep), '409': problem('`not-applicable` for TOTP'), '503': codeNotSent },
  }),
  authStep({
    path: '/auth/code/verify',
    summary: 'Check the second-factor code',
    body: codeVerifyBody,
    responses: {
      '200': ok('Signed in, or the first-login steps', authStepAnswer),
      '400': problem('`invalid-code` (with `attemptsLeft`) or `code-expired`'),
    },
  }),
  route('get', {
    path: '/auth/session',
    tag: 'auth',
    summary: 'The current session and its step; `{ state: "signed-out" }` without one',
    responses: { '200': ok('Session', sessionView) },
  }),
  authStep({ path: '/auth/logout', summary: 'Log out (revokes the session)', responses: { '204': ok('Logged out') } }),
  route(
    'get',
    {
      path: '/auth/first-login',
      tag: 'auth',
      summary: 'What the first login still needs',
      responses: { '200': ok('Steps, terms and policy', firstLoginView) },
    },
    signedIn,
  ),
  authStep({
    path: '/auth/first-login/password',
    summary: 'Choose a new password',
    body: newPasswordBody,
    responses: { '200': ok('Next step', authStepAnswer), '400': problem('`password-policy`'), '409': problem('`not-required`') },
  }),
  authStep({
    path: '/auth/first-login/terms',
    summary: 'Accept the terms of use',
    body: acceptTermsBody,
    responses: { '200': ok('Next step', authStepAnswer), '409': problem('`terms-version-changed`') },
  }),
  authStep({
    path: '/auth/password/forgot',
    summary: 'Ask for a reset link',
    body: forgotPasswordBody,
    responses: { '202': ok('Always accepted, whether or not the user exists', z.strictObject({ accepted: z.literal(true) })) },
  }),
  authStep({
    path: '/auth/password/reset',
    summary: 'Set a new password from a reset link',
    body: resetPasswordBody,
    responses: { '200': ok('Log in again', loginNext), '400': problem('`invalid-link`, `password-policy`') },
  }),
  authStep({
    path: '/auth/password/change',
    summary: 'Change the password',
    body: changePasswordBody,
    responses: {
      '200': ok('Changed; other sessions revoked', z.strictObject({ changed: z.literal(true) })),
      '400': problem('`wrong-password`, `password-policy`'),
    },
  }),
  route(
    'get',
    {
      path: '/auth/second-factor',
      tag: 'auth',
      summary: 'Second-factor settings',
      responses: { '200': ok('Settings', secondFactorSettings) },
    },
    signedIn,
  ),
  authStep(
    {
      path: '/auth/second-factor',
      summary: 'Choose the second factor',
      body: chooseSecondFactorBody,
      responses: {
        '200': ok('Settings', secondFactorSettings),
        '403': problem('`factor-not-allowed`'),
        '409': problem('`factor-not-ready`'),
      },
    },
    'put',
  ),
  authStep({
    path: '/auth/totp/enrol',
    summary: 'Start enrolling an authenticator app',
    responses: { '200': ok('Secret and QR code', totpEnrolment), '403': problem('`factor-not-allowed`') },
  }),
  authStep({
    path: '/auth/totp/confirm',
    summary: 'Confirm the app with a code',
    body: totpConfirmBody,
    responses: {
      '200': ok('Settings', secondFactorSettings),
      '400': problem('`invalid-code`'),
      '409': problem('`no-enrolment`'),
    },
  }),
  authStep({
    path: '/auth/links/check',
    summary: 'Whether a reset or activation link is still usable, without using it',
    body: linkCheckBody,
    responses: {
      '200': ok('What became of the link; `accountActive` only for `activate`', linkState),
      '429': problem('`too-many-requests` (per address)'),
    },
  }),
  authStep({
    path: '/auth/activation/verify',
    summary: 'Check an invitation link and date of birth',
    body: activationVerifyBody,
    responses: {
      '200': ok('Who is invited', activationInvite),
      '400': problem('`invalid-link`, `date-of-birth-mismatch`, `mobile-mismatch` (a contact person)'),
    },
  }),
  authStep({
    path: '/auth/activation/complete',
    summary: 'Activate the account',
    body: activationCompleteBody,
    responses: {
      '200': ok('Log in next', loginNext.extend({ username: z.string() })),
      '409': problem('`username-taken`'),
    },
  }),
];
