/**
 * OpenAPI 3.1 description of the HTTP API the widgets call (everything under
 * /api/tenants/{tenant}), served at GET /api/openapi.json. Written by hand beside the routers it
 * describes; openapi.test.ts checks that every widget route of the app is in it.
 * The ECD's integration API is described in docs/integration-api.md.
 */
type Schema = Record<string, unknown>;

const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: Schema) => ({ 'application/json': { schema } });
const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: ref('Problem') } } });
const ok = (description: string, schema?: Schema) => (schema ? { description, content: json(schema) } : { description });
const list = (item: string, extra: Record<string, Schema> = {}): Schema => ({
  type: 'object',
  required: ['items', ...Object.keys(extra)],
  properties: { ...extra, items: { type: 'array', items: ref(item) } },
});
const str: Schema = { type: 'string' };
const nullableStr: Schema = { type: ['string', 'null'] };
const int: Schema = { type: 'integer' };
const bool: Schema = { type: 'boolean' };
const dateTime: Schema = { type: 'string', format: 'date-time' };
const date: Schema = { type: 'string', format: 'date', description: 'Europe/Amsterdam calendar day, YYYY-MM-DD' };
const obj = (properties: Record<string, Schema>, required = Object.keys(properties)): Schema => ({ type: 'object', required, properties });

const query = (name: string, schema: Schema, description?: string) => ({
  name,
  in: 'query',
  required: false,
  schema,
  ...(description ? { description } : {}),
});
const pathParam = (name: string, description: string) => ({ name, in: 'path', required: true, schema: str, description });
const periodParams = [
  query('period', { enum: ['week', 'month', 'year'] }, 'A period ending today; not together with from/to.'),
  query('from', date, 'First day (with `to`).'),
  query('to', date, 'Last day, included (with `from`); at most 367 days after `from`.'),
];
const limit = (max: number, dflt: number) => query('limit', { type: 'integer', minimum: 1, maximum: max, default: dflt });
const idempotencyKey = {
  name: 'Idempotency-Key',
  in: 'header',
  required: true,
  schema: { type: 'string', minLength: 8, maxLength: 200 },
  description: 'One key per submit, the same on every retry of it: a retry returns the first answer (`Idempotent-Replayed: true`).',
};

const codeNotSent =
  '`sms-not-sent` / `email-not-sent`: the provider did not take the code ("De sms kon niet worden verstuurd. Probeer het over een paar minuten opnieuw."); the code budgets are not used up. Also `database-unavailable`.';
const signedIn = [{ session: [] }];
const writes = [{ session: [], csrf: [] }];
const common = {
  '401': problem('No session, or it expired (`unauthenticated`, `session-expired`).'),
  '403': problem('A first login is not finished (`first-login-incomplete`), or the write came from an origin the tenant does not allow.'),
  '503': problem(
    'The database is unreachable or too slow (`database-unavailable`), or the answer took too long (`request-timeout`); `Retry-After` says when to try again.',
  ),
};
const read = (tag: string, summary: string, responses: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  tags: [tag],
  summary,
  security: signedIn,
  ...extra,
  responses: { ...responses, ...common },
});
const write = (
  tag: string,
  summary: string,
  body: Schema | undefined,
  responses: Record<string, unknown>,
  extra: Record<string, unknown> = {},
) => ({
  tags: [tag],
  summary,
  security: writes,
  ...(body ? { requestBody: { required: true, content: json(body) } } : {}),
  ...extra,
  responses: { ...responses, '400': problem('Validation failed: `errors[]` names each field.'), ...common },
});
const auth = (summary: string, body: Schema | undefined, responses: Record<string, unknown>, description?: string) => ({
  tags: ['auth'],
  summary,
  ...(description ? { description } : {}),
  security: [{ csrf: [] }, { session: [], csrf: [] }],
  ...(body ? { requestBody: { required: true, content: json(body) } } : {}),
  responses: { ...responses, '429': problem('Rate limited, login delayed or second factor locked; `Retry-After` says how long.') },
});

const secondFactorStep = obj(
  {
    step: { const: 'second-factor' },
    channel: { enum: ['sms', 'email', 'totp'] },
    prefix: { ...nullableStr, description: 'Shown fixed before the 6-digit field ("1234-"); null for TOTP or when no code was sent.' },
    codeSent: bool,
    resendAvailableInSeconds: int,
    expiresInSeconds: int,
    destinationHint: nullableStr,
    trustedDeviceDays: { ...int, description: '0: do not offer "Deze computer vertrouwen".' },
  },
  ['step', 'channel', 'prefix', 'resendAvailableInSeconds', 'destinationHint', 'trustedDeviceDays'],
);
const authStep: Schema = {
  oneOf: [
    ref('SecondFactorStep'),
    obj({ step: { const: 'first-login' }, remaining: { type: 'array', items: { enum: ['password', 'terms'] } } }),
    obj({ step: { const: 'done' }, session: obj({ state: { const: 'active' }, displayName: str, clientId: str }) }),
  ],
};
const passwordChange = obj({ newPassword: str, repeatPassword: str });
const identityChallenge = obj(
  {
    challengeId: { type: 'string', format: 'uuid' },
    channel: {
      type: 'string',
      enum: ['sms', 'email', 'totp'],
      description: 'Where the code is: an SMS to the current number, an e-mail to the current address, or the authenticator app.',
    },
    prefix: nullableStr,
    expiresInSeconds: int,
    destinationHint: nullableStr,
  },
  ['challengeId', 'channel'],
);
const codeConfirmation = obj({
  challengeId: { type: 'string', format: 'uuid' },
  code: { type: 'string', description: '"567890" or the whole "1234-567890".' },
});
const codeSent = obj(
  {
    challengeId: { type: 'string', format: 'uuid' },
    prefix: nullableStr,
    expiresInSeconds: int,
    resendAvailableInSeconds: int,
    destinationHint: nullableStr,
  },
  ['challengeId'],
);

export const legacyDocument = {
  openapi: '3.1.0',
  info: {
    title: 'care-widgets BFF — widget API',
    version: '0.1.0',
    description:
      'The JSON API the care widgets call. Every path is below `/api/tenants/{tenant}`. Sessions are cookies set by the BFF ' +
      '(`__Host-care-{tenant}`); every write needs `X-Care-Widgets: 1` and an allowed `Origin` (CSRF). Errors are ' +
      '`application/problem+json` (RFC 9457) with a stable `code`. Every read and write of client data is written to the ' +
      'NEN 7513 audit log. Guides: docs/auth-api.md, docs/data-api.md, docs/embedding.md, docs/security-model.md.',
    license: { name: 'Proprietary (demo)' },
  },
  servers: [{ url: '/api/tenants/{tenant}', variables: { tenant: { default: 'zorggroep-de-linde', description: 'The tenant slug.' } } }],
  tags: [
    { name: 'tenant', description: 'Public settings of the care organisation.' },
    { name: 'auth', description: 'Login with password and second factor, first login, reset, activation (docs/auth-api.md).' },
    { name: 'reports', description: '<care-reports>' },
    { name: 'measurements', description: '<care-measurements>' },
    { name: 'agenda', description: '<care-agenda>' },
    { name: 'messages', description: '<care-messages>' },
    { name: 'plans', description: '<care-plan>' },
    { name: 'profile', description: '<care-profile>' },
    { name: 'activity', description: '<care-activity>' },
  ],
  paths: {
    '/': {
      get: {
        tags: ['tenant'],
        summary: 'Public settings of the tenant',
        responses: { '200': ok('The tenant', ref('PublicTenant')), '404': problem('`tenant-not-found`') },
      },
    },
    '/terms': {
      get: { tags: ['tenant'], summary: 'Current terms of use', responses: { '200': ok('Terms', obj({ version: str, text: str })) } },
    },

    '/auth/login': {
      post: auth('Username and password', obj({ username: str, password: str }), {
        '200': ok('The next step; the session cookie is set', authStep),
        '401': problem('`invalid-credentials` — identical for unknown users'),
        '403': problem('`no-second-factor`'),
        '503': problem(codeNotSent),
      }),
    },
    '/auth/code/resend': {
      post: auth('Send a new code', undefined, {
        '200': ok('The code step', ref('SecondFactorStep')),
        '409': problem('`not-applicable` for TOTP'),
        '503': problem(codeNotSent),
      }),
    },
    '/auth/code/verify': {
      post: auth('Check the second-factor code', obj({ code: str, trustDevice: bool }, ['code']), {
        '200': ok('Signed in, or the first-login steps', authStep),
        '400': problem('`invalid-code` (with `attemptsLeft`) or `code-expired`'),
      }),
    },
    '/auth/session': {
      get: {
        tags: ['auth'],
        summary: 'The current session and its step; `{ state: "signed-out" }` without one',
        responses: { '200': ok('Session', ref('Session')) },
      },
    },
    '/auth/logout': { post: auth('Log out (revokes the session)', undefined, { '204': ok('Logged out') }) },
    '/auth/first-login': {
      get: {
        tags: ['auth'],
        summary: 'What the first login still needs',
        security: signedIn,
        responses: {
          '200': ok(
            'Steps, terms and policy',
            obj({
              remaining: { type: 'array', items: str },
              terms: obj({ version: str, text: str }),
              passwordPolicy: ref('PasswordPolicy'),
              username: str,
            }),
          ),
        },
      },
    },
    '/auth/first-login/password': {
      post: auth('Choose a new password', passwordChange, {
        '200': ok('Next step', authStep),
        '400': problem('`password-policy`'),
        '409': problem('`not-required`'),
      }),
    },
    '/auth/first-login/terms': {
      post: auth('Accept the terms of use', obj({ version: str }), {
        '200': ok('Next step', authStep),
        '409': problem('`terms-version-changed`'),
      }),
    },
    '/auth/password/forgot': {
      post: auth('Ask for a reset link', obj({ username: str, pageUrl: str }, ['username']), {
        '202': ok('Always accepted, whether or not the user exists', obj({ accepted: bool })),
      }),
    },
    '/auth/password/reset': {
      post: auth('Set a new password from a reset link', obj({ token: str, newPassword: str, repeatPassword: str }), {
        '200': ok('Log in again', obj({ step: { const: 'login' } })),
        '400': problem('`invalid-link`, `password-policy`'),
      }),
    },
    '/auth/password/change': {
      post: auth('Change the password', obj({ currentPassword: str, newPassword: str, repeatPassword: str }), {
        '200': ok('Changed; other sessions revoked', obj({ changed: bool })),
        '400': problem('`wrong-password`, `password-policy`'),
      }),
    },
    '/auth/second-factor': {
      get: {
        tags: ['auth'],
        summary: 'Second-factor settings',
        security: signedIn,
        responses: { '200': ok('Settings', ref('SecondFactorSettings')) },
      },
      put: auth('Choose the second factor', obj({ method: { enum: ['sms', 'email', 'totp'] } }), {
        '200': ok('Settings', ref('SecondFactorSettings')),
        '403': problem('`factor-not-allowed`'),
        '409': problem('`factor-not-ready`'),
      }),
    },
    '/auth/totp/enrol': {
      post: auth('Start enrolling an authenticator app', undefined, {
        '200': ok('Secret and QR code', obj({ otpauthUri: str, qrDataUrl: str, manualKey: str, issuer: str, accountName: str })),
      }),
    },
    '/auth/totp/confirm': {
      post: auth('Confirm the app with a code', obj({ code: str }), {
        '200': ok('Settings', ref('SecondFactorSettings')),
        '400': problem('`invalid-code`'),
        '409': problem('`no-enrolment`'),
      }),
    },
    '/auth/links/check': {
      post: auth(
        'Whether a reset or activation link is still usable, without using it',
        obj({ link: { enum: ['reset', 'activate'] }, token: str }),
        {
          '200': ok(
            'What became of the link; `accountActive` only for `activate`',
            obj({ state: { enum: ['valid', 'used', 'expired', 'replaced', 'unknown'] }, accountActive: bool }, ['state']),
          ),
          '429': problem('`too-many-requests` (per address)'),
        },
      ),
    },
    '/auth/activation/verify': {
      post: auth('Check an invitation link and date of birth', obj({ token: str, dateOfBirth: date }), {
        '200': ok('Who is invited', obj({ displayName: str, usernameSuggestion: str, passwordPolicy: ref('PasswordPolicy') })),
        '400': problem('`invalid-link`, `date-of-birth-mismatch`'),
      }),
    },
    '/auth/activation/complete': {
      post: auth(
        'Activate the account',
        obj({ token: str, dateOfBirth: date, username: str, password: str, repeatPassword: str }, [
          'token',
          'dateOfBirth',
          'password',
          'repeatPassword',
        ]),
        { '200': ok('Log in next', obj({ step: { const: 'login' }, username: str })), '409': problem('`username-taken`') },
      ),
    },

    '/reports/latest': {
      get: read('reports', 'Latest reports (home view)', { '200': ok('Newest first', list('Report')) }, { parameters: [limit(20, 3)] }),
    },
    '/reports': {
      get: read(
        'reports',
        'Reports of a period (default: last week)',
        { '200': ok('Newest first', list('Report', { period: ref('Period') })), '400': problem('Bad period') },
        { parameters: periodParams },
      ),
      post: write(
        'reports',
        'The client writes a report',
        obj({ text: { type: 'string', minLength: 1, maxLength: 4000 } }),
        { '201': ok('The report', ref('Report')), '409': problem('Same Idempotency-Key, other body') },
        { parameters: [idempotencyKey] },
      ),
    },
    '/reports.pdf': {
      get: read(
        'reports',
        'PDF of the reports of a period',
        { '200': { description: 'A4 PDF', content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } } },
        { parameters: periodParams },
      ),
    },

    '/measurements/types': {
      get: read('measurements', 'The tenant’s measurement types', { '200': ok('In display order', list('MeasurementType')) }),
    },
    '/measurements/recent': {
      get: read(
        'measurements',
        'Newest measurements of any type',
        { '200': ok('Newest first', list('Measurement')) },
        { parameters: [limit(50, 5)] },
      ),
    },
    '/measurements': {
      get: read(
        'measurements',
        'Measurements of a period (default: last year), of one type or all',
        { '200': ok('Newest first', list('Measurement', { period: ref('Period'), type: nullableStr })) },
        { parameters: [query('type', str, 'A type code'), ...periodParams] },
      ),
      post: write(
        'measurements',
        'The client enters a measurement',
        obj({ type: str, values: { type: 'object', additionalProperties: { type: 'number' } }, measuredAt: dateTime }),
        { '201': ok('The measurement', ref('Measurement')) },
        { parameters: [idempotencyKey] },
      ),
    },
    '/measurements/{id}': {
      delete: write(
        'measurements',
        'Delete an own measurement',
        undefined,
        { '204': ok('Deleted'), '404': problem('Not found') },
        { parameters: [pathParam('id', 'Measurement id')] },
      ),
    },

    '/appointments/upcoming': {
      get: read(
        'agenda',
        'Next appointments',
        { '200': ok('Soonest first', list('Appointment', { notice: nullableStr, clientMayAddAppointments: bool })) },
        { parameters: [limit(50, 4)] },
      ),
    },
    '/appointments': {
      get: read(
        'agenda',
        'Appointments between two days (default: a year from today)',
        { '200': ok('Soonest first', list('Appointment', { notice: nullableStr, clientMayAddAppointments: bool, period: ref('Period') })) },
        { parameters: periodParams.slice(1) },
      ),
      post: write(
        'agenda',
        'The client adds an appointment (where the tenant allows it)',
        ref('AppointmentInput'),
        { '201': ok('The appointment', ref('Appointment')), '409': problem('Same Idempotency-Key, other appointment') },
        { parameters: [idempotencyKey] },
      ),
    },
    '/appointments/{id}': {
      put: write(
        'agenda',
        'Change an own appointment',
        ref('AppointmentInput'),
        { '200': ok('The appointment', ref('Appointment')), '404': problem('Not found') },
        { parameters: [pathParam('id', 'Appointment id')] },
      ),
      delete: write(
        'agenda',
        'Cancel an own appointment',
        undefined,
        { '204': ok('Cancelled'), '404': problem('Not found') },
        { parameters: [pathParam('id', 'Appointment id')] },
      ),
    },
    '/appointments/{id}.ics': {
      get: read(
        'agenda',
        'One appointment as iCalendar',
        { '200': { description: 'RFC 5545', content: { 'text/calendar': { schema: str } } } },
        { parameters: [pathParam('id', 'Appointment id')] },
      ),
    },
    '/appointments.ics': {
      get: read('agenda', 'Every upcoming appointment as iCalendar', {
        '200': { description: 'RFC 5545', content: { 'text/calendar': { schema: str } } },
      }),
    },

    '/messages': {
      get: read(
        'messages',
        'A page of the thread, newest first',
        { '200': ok('Page', obj({ items: { type: 'array', items: ref('Message') }, nextBefore: nullableStr, unreadCount: int })) },
        { parameters: [query('before', str, 'Id of the oldest message of the previous page'), limit(100, 20)] },
      ),
      post: write(
        'messages',
        'Send a message',
        obj({ body: { type: 'string', minLength: 1 } }),
        { '201': ok('The message', ref('Message')) },
        { parameters: [idempotencyKey] },
      ),
    },
    '/messages/unread-count': { get: read('messages', 'Number of unread messages', { '200': ok('Count', obj({ unreadCount: int })) }) },
    '/messages/read': {
      post: write('messages', 'Mark messages read', obj({ upTo: { type: 'string', description: 'A message id, or "all"' } }), {
        '200': ok('Marked', obj({ marked: int, unreadCount: int })),
      }),
    },
    '/messages/stream': {
      get: read(
        'messages',
        'New messages as they arrive (Server-Sent Events)',
        {
          '200': {
            description: '`message` events with a Message; `session-ended` when the session ends',
            content: { 'text/event-stream': { schema: str } },
          },
          '429': problem('`too-many-streams`: this session has six streams open already'),
        },
        { parameters: [query('lastEventId', str, 'Resume after this message id (or the Last-Event-ID header)')] },
      ),
    },

    '/plans': { get: read('plans', 'Client plan documents with their decision', { '200': ok('Newest first', list('Plan')) }) },
    '/plans/{id}/pdf': {
      get: read(
        'plans',
        'The plan document as stored',
        { '200': { description: 'PDF', content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } } },
        { parameters: [pathParam('id', 'Plan id')] },
      ),
    },
    '/plans/{id}/decision': {
      post: write(
        'plans',
        'Ask for the SMS code to sign or reject',
        obj({ decision: { enum: ['sign', 'reject'] }, reason: { type: 'string', maxLength: 1000 } }, ['decision']),
        { '202': ok('Code sent', codeSent), '409': problem('`plan-decided`') },
        { parameters: [pathParam('id', 'Plan id')] },
      ),
    },
    '/plans/{id}/decision/confirm': {
      post: write(
        'plans',
        'Confirm the decision with the code',
        { ...codeConfirmation, properties: { ...(codeConfirmation['properties'] as object), decision: { enum: ['sign', 'reject'] } } },
        { '200': ok('The decided plan', ref('Plan')), '409': problem('`plan-decided`') },
        { parameters: [pathParam('id', 'Plan id')] },
      ),
    },

    '/activity': {
      get: read('activity', 'What is new since the start of the account’s previous sign-in, and the next appointment', {
        '200': ok('The overview', ref('Activity')),
      }),
    },
    '/access-log': {
      get: read(
        'access-log',
        'Who accessed the client’s file in a period (default: last month), newest first; not for a contact person',
        {
          '200': ok('Newest first', list('AccessLogLine', { period: ref('Period') })),
          '400': problem('Bad period'),
          '403': problem('A contact person'),
        },
        { parameters: periodParams },
      ),
    },
    '/access-log.csv': {
      get: read(
        'access-log',
        'The access log of a period as CSV (semicolons, Dutch headings, Amsterdam time)',
        {
          '200': { description: 'CSV', content: { 'text/csv': { schema: str } } },
          '400': problem('Bad period'),
          '403': problem('A contact person'),
        },
        { parameters: periodParams },
      ),
    },

    '/profile': { get: read('profile', 'Personal data (read-only but for mobile and e-mail)', { '200': ok('Profile', ref('Profile')) }) },
    '/profile/mobile': {
      post: write(
        'profile',
        'Ask to change the mobile number: the current password, then a code through the current second factor',
        obj({ mobile: str, currentPassword: str }),
        {
          '202': ok('Identity code sent (or: use the app)', identityChallenge),
          '400': problem('`wrong-password` (field currentPassword), or field `mobile`'),
        },
      ),
    },
    '/profile/mobile/verify': {
      post: write('profile', 'Check the identity code; then a code goes to the new number', codeConfirmation, {
        '202': ok('Code sent to the new number', codeSent),
      }),
    },
    '/profile/mobile/confirm': {
      post: write('profile', 'Confirm the new mobile number', codeConfirmation, { '200': ok('Changed', obj({ mobile: str })) }),
    },
    '/profile/email': {
      post: write(
        'profile',
        'Ask to change the e-mail address: the current password, then a code through the current second factor',
        obj({ email: { type: 'string', format: 'email' }, currentPassword: str, pageUrl: str }, ['email', 'currentPassword']),
        {
          '202': ok('Identity code sent (or: use the app)', identityChallenge),
          '400': problem('`wrong-password` (field currentPassword), or field `email`'),
        },
      ),
    },
    '/profile/email/verify': {
      post: write('profile', 'Check the identity code; then a link goes to the new address', codeConfirmation, {
        '202': ok('Link sent', obj({ email: str, expiresInSeconds: int })),
      }),
    },
    '/profile/email/confirm': {
      post: {
        tags: ['profile'],
        summary: 'Confirm the new e-mail address from the link',
        security: [{ csrf: [] }],
        requestBody: { required: true, content: json(obj({ token: str })) },
        responses: { '200': ok('Changed', obj({ email: str })), '400': problem('`invalid-link`') },
      },
    },
  },
  components: {
    securitySchemes: {
      session: {
        type: 'apiKey',
        in: 'cookie',
        name: '__Host-care-{tenant}',
        description: 'HttpOnly session cookie set by the BFF; SameSite=Lax, or None + Partitioned for cross-site tenants.',
      },
      csrf: { type: 'apiKey', in: 'header', name: 'X-Care-Widgets', description: 'Must be `1` on every write, from an allowed Origin.' },
    },
    schemas: {
      Problem: {
        type: 'object',
        description: 'RFC 9457 problem details; switch on `code`.',
        required: ['type', 'title', 'status', 'code'],
        properties: {
          type: str,
          title: str,
          status: int,
          detail: str,
          instance: str,
          code: str,
          requestId: str,
          errors: { type: 'array', items: obj({ field: str, detail: str }, ['field', 'detail']) },
          retryAfter: int,
          attemptsLeft: int,
        },
      },
      Period: obj({ from: date, to: date }),
      PasswordPolicy: obj({
        minLength: int,
        requireLowercase: bool,
        requireUppercase: bool,
        requireDigit: bool,
        requireSpecial: bool,
        maxAgeDays: { type: ['integer', 'null'] },
      }),
      PublicTenant: obj({
        slug: str,
        name: str,
        theme: { ...str, description: 'Served as CSS at /themes/{tenant}.css' },
        defaultLocale: { enum: ['nl', 'en'] },
        enabledWidgets: { type: 'array', items: str },
        passwordPolicy: ref('PasswordPolicy'),
        secondFactors: obj({
          allowed: { type: 'array', items: { enum: ['sms', 'email', 'totp'] } },
          default: { enum: ['sms', 'email', 'totp'] },
        }),
        trustedDeviceDays: int,
        agenda: obj({ indicativeTimeNotice: nullableStr, clientMayAddAppointments: bool }),
        terms: obj({ version: str }),
        contact: obj({ phone: nullableStr, email: nullableStr }),
      }),
      SecondFactorStep: secondFactorStep,
      Session: obj(
        {
          state: { enum: ['signed-out', 'second_factor', 'pending', 'active'] },
          accountId: nullableStr,
          displayName: nullableStr,
          clientId: nullableStr,
          relation: { enum: ['self', 'contact'] },
          tenant: str,
          idleExpiresAt: dateTime,
          absoluteExpiresAt: dateTime,
          idleTimeoutMinutes: int,
          absoluteExpiresInSeconds: int,
          secondFactor: { oneOf: [ref('SecondFactorStep'), { type: 'null' }] },
          firstLogin: obj({ remaining: { type: 'array', items: str } }),
        },
        ['state'],
      ),
      SecondFactorSettings: obj({
        current: { enum: ['sms', 'email', 'totp', null] },
        allowed: { type: 'array', items: str },
        totpEnrolled: bool,
        destinations: obj({ sms: nullableStr, email: nullableStr }),
        resendCooldownSeconds: int,
      }),
      Activity: obj({
        displayName: str,
        previousVisit: {
          type: ['string', 'null'],
          format: 'date-time',
          description: 'Start of the previous sign-in; null on the first visit ever',
        },
        since: { oneOf: [obj({ reports: int, messages: int, appointmentsHeld: int, measurements: int }), { type: 'null' }] },
        plansAwaitingDecision: int,
        nextAppointment: {
          oneOf: [obj({ id: str, startsAt: dateTime, endsAt: dateTime, title: str, location: nullableStr }), { type: 'null' }],
        },
      }),
      AccessLogLine: obj({
        at: dateTime,
        actor: { enum: ['client', 'contact', 'staff', 'ecd'] },
        name: nullableStr,
        role: nullableStr,
        organisation: nullableStr,
        category: {
          enum: [
            'reports',
            'measurements',
            'client-plan',
            'appointments',
            'messages',
            'profile',
            'portal-input',
            'documents',
            'medication',
            'other',
          ],
        },
        action: { enum: ['view', 'download', 'create', 'update', 'delete', 'sign', 'reject'] },
        breakTheGlass: bool,
      }),
      Report: obj({
        id: str,
        writtenAt: dateTime,
        author: str,
        authorKind: { enum: ['staff', 'client', 'contact'] },
        own: bool,
        text: str,
      }),
      MeasurementType: obj({
        code: str,
        label: str,
        unit: str,
        decimals: int,
        clientMayEnter: bool,
        components: { type: 'array', items: obj({ key: str, label: str, min: { type: 'number' }, max: { type: 'number' } }) },
      }),
      Measurement: obj({
        id: str,
        type: str,
        measuredAt: dateTime,
        values: { type: 'object', additionalProperties: { type: 'number' } },
        source: str,
        author: str,
        deletable: bool,
      }),
      Appointment: obj({
        id: str,
        title: str,
        description: nullableStr,
        location: nullableStr,
        careWorker: nullableStr,
        startsAt: dateTime,
        endsAt: dateTime,
        localDate: date,
        localStart: str,
        localEnd: str,
        source: { enum: ['care_team', 'client'] },
        editable: bool,
      }),
      AppointmentInput: obj({ title: str, startsAt: dateTime, endsAt: dateTime, location: nullableStr, description: nullableStr }, [
        'title',
        'startsAt',
        'endsAt',
      ]),
      Message: obj({
        id: str,
        body: str,
        sentAt: dateTime,
        sender: obj({ kind: { enum: ['staff', 'client', 'contact'] }, name: str }),
        own: bool,
        readAt: { type: ['string', 'null'], format: 'date-time' },
      }),
      Plan: obj({
        id: str,
        title: str,
        version: str,
        date,
        fileName: str,
        sha256: str,
        status: { enum: ['undecided', 'signed', 'rejected'] },
        decision: { oneOf: [obj({ by: str, at: dateTime, reason: nullableStr }), { type: 'null' }] },
      }),
      Profile: {
        type: 'object',
        properties: {
          name: str,
          formalName: str,
          dateOfBirth: { type: ['string', 'null'], format: 'date' },
          age: { type: ['integer', 'null'] },
          maritalStatus: nullableStr,
          placeOfBirth: nullableStr,
          nationality: nullableStr,
          bsn: { ...nullableStr, description: 'Masked' },
          address: {
            oneOf: [
              obj({ street: nullableStr, houseNumber: nullableStr, extra: nullableStr, postalCode: nullableStr, city: nullableStr }),
              { type: 'null' },
            ],
          },
          phone: nullableStr,
          mobile: nullableStr,
          email: nullableStr,
          editable: { type: 'array', items: { enum: ['mobile', 'email'] } },
          pending: obj({ mobile: nullableStr, email: nullableStr }),
          contact: obj({ text: str, organisation: str, phone: nullableStr, email: nullableStr }),
        },
      },
    },
  },
} as const;
