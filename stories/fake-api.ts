// A fake BFF for the stories: canned Dutch data and configurable states, never the network.
//
// - `FakeCareApi` implements CareApiClient's interface (it is one, with `request` answered here);
//   the stories give it to widgets through the portal context (support/story-portal.ts).
// - `registerFakeBackend()` gives the same answers to code that builds its own client from an
//   `api` URL, such as <care-portal> itself: the network guard (support/network-guard.ts) routes
//   fetches to that URL here and refuses every other request that leaves Storybook.
import { ApiError, CareApiClient, type FieldError, type RequestOptions } from '../packages/components/src/shared/api-client.js';
import * as data from './fake-data.js';

/** What every data read answers: the canned data, nothing, or one of the failure states. */
/** `no-access`: the data routes refuse a contact person without the right, as the BFF does. */
export type DataState = 'ready' | 'empty' | 'loading' | 'error' | 'offline' | 'session-expired' | 'no-access';

/** Where the client is in the login (GET /auth/session). */
export type SessionState = 'signed-out' | 'second-factor' | 'first-login' | 'active';

export interface FakeRequest {
  method: string;
  /** Path below the tenant, without the query: '' (the tenant), '/reports', '/plans/p-1/decision'. */
  path: string;
  query: URLSearchParams;
  body: unknown;
  params: Record<string, string>;
}

export type FakeHandler = (request: FakeRequest) => unknown;

export interface FakeApiOptions {
  tenant?: keyof typeof data.tenants;
  /** State of every data read (reports, measurements, agenda, messages, plans, profile, access log). */
  data?: DataState;
  session?: SessionState;
  /** Steps still open in a first login (default both). */
  firstLogin?: Array<'password' | 'terms'>;
  /**
   * Replaces single routes, keyed `'METHOD /path'` with `:param` segments, e.g.
   * `'POST /auth/login': () => { throw problem(401, 'invalid-credentials', …) }`. A handler that
   * returns `forever` never answers.
   */
  routes?: Record<string, FakeHandler>;
  /** Milliseconds before each answer, to see spinners in the browser (default 0). */
  latencyMs?: number;
}

/** Returned by a handler: this request never answers (a loading state that stays). */
export const forever = Symbol('forever');

/** An RFC 9457 problem as the BFF sends it, as the client turns it into an ApiError. */
export function problem(
  status: number,
  code: string,
  title: string,
  detail?: string,
  extra: { errors?: FieldError[]; retryAfter?: number; requestId?: string; extensions?: Record<string, unknown> } = {},
): ApiError {
  return new ApiError({
    kind: status === 401 ? 'session-expired' : 'problem',
    status,
    code,
    title,
    detail,
    errors: extra.errors,
    retryAfter: extra.retryAfter,
    requestId: extra.requestId ?? 'req-7f3a2c',
    extensions: extra.extensions,
  });
}

/** Problems the login stories use, worded as the BFF words them. */
export const problems = {
  invalidCredentials: () => problem(401, 'invalid-credentials', 'Inloggen mislukt', 'De gebruikersnaam of het wachtwoord is niet juist.'),
  loginDelayed: (seconds = 8) =>
    problem(429, 'login-delayed', 'Even wachten', `Probeer het over ${seconds} seconden opnieuw.`, { retryAfter: seconds }),
  secondFactorLocked: () =>
    problem(
      429,
      'second-factor-locked',
      'Tijdelijk geblokkeerd',
      'Te vaak een onjuiste code ingevoerd. Probeer het over 15 minuten opnieuw.',
      { retryAfter: 900 },
    ),
  invalidCode: (attemptsLeft = 3) =>
    Object.assign(
      problem(400, 'invalid-code', 'Onjuiste code', 'De code is niet juist.', {
        errors: [{ field: 'code', detail: 'De code is niet juist.' }],
      }),
      { attemptsLeft },
    ),
  codeExpired: () => problem(400, 'code-expired', 'Code verlopen', 'Deze code is niet meer geldig. Vraag een nieuwe code aan.'),
  noSecondFactor: () =>
    problem(403, 'no-second-factor', 'Geen inlogmethode', 'Er is geen mobiel nummer bekend. Neem contact op met uw zorgorganisatie.'),
  smsNotSent: () =>
    problem(
      503,
      'sms-not-sent',
      'De sms is niet verstuurd',
      'De sms kon niet worden verstuurd. Probeer het over een paar minuten opnieuw.',
      { retryAfter: 120 },
    ),
  invalidLink: () => problem(400, 'invalid-link', 'Link verlopen', 'Deze link is verlopen of al gebruikt.'),
  serverError: () => problem(500, 'internal', 'Er ging iets mis', 'Something went wrong on our side.'),
  sessionExpired: () => problem(401, 'session-expired', 'Sessie verlopen', 'Uw sessie is verlopen. Log opnieuw in.'),
  forbidden: (detail: string) => problem(403, 'forbidden', 'Niet toegestaan', detail),
  /**
   * A data route of an area the contact person has no right to (docs/rights-model.md), worded as
   * the BFF words it in the language the widget asked for (Accept-Language).
   */
  noAccess: (path: string, language: 'nl' | 'en') => {
    const clientName = 'Johanna de Vries';
    const en = language === 'en';
    if (path.startsWith('/contacts')) {
      return en
        ? problem(403, 'client-only', 'Only for the client', `Only ${clientName} can see or change this.`, { extensions: { clientName } })
        : problem(403, 'client-only', 'Alleen voor de cliënt', `Alleen ${clientName} zelf kan dit zien of wijzigen.`, {
            extensions: { clientName },
          });
    }
    const [area, label, english] =
      (
        [
          ['/reports', 'reports', 'de rapportages', 'the reports'],
          ['/measurements', 'measurements', 'de metingen', 'the measurements'],
          ['/appointments', 'agenda', 'de agenda', 'the agenda'],
          ['/messages', 'messages', 'de berichten', 'the messages'],
          ['/plans', 'plan', 'het cliëntplan', 'the client plan'],
          ['/profile', 'profile', 'de persoonlijke gegevens', 'the personal details'],
          ['/access-log', 'accessLog', 'het inzageoverzicht', 'the access log'],
          ['/board', 'board', 'het prikbord', 'the bulletin board'],
        ] as const
      )
        .filter(([prefix]) => path.startsWith(prefix))
        .map(([, a, l, e]) => [a, l, e] as const)[0] ?? [];
    if (!area) return undefined;
    return en
      ? problem(403, 'no-right', 'No access', `You do not have access to ${english} of ${clientName}.`, {
          extensions: { area, clientName },
        })
      : problem(403, 'no-right', 'Geen toegang', `U heeft geen toegang tot ${label} van ${clientName}.`, {
          extensions: { area, clientName },
        });
  },
};

const backends = new Map<string, FakeBackend>();
let nextBackend = 1;

const dataPrefixes = [
  '/reports',
  '/measurements',
  '/appointments',
  '/messages',
  '/plans',
  '/profile',
  '/access-log',
  '/activity',
  '/contacts',
  '/board',
];

function sessionView(options: FakeApiOptions) {
  const base = {
    relation: 'self',
    tenant: options.tenant ?? 'zorggroep-de-linde',
    idleExpiresAt: data.at(0, '23:30'),
    absoluteExpiresAt: data.at(1, '08:00'),
  };
  switch (options.session ?? 'signed-out') {
    case 'signed-out':
      throw problem(401, 'unauthenticated', 'Niet ingelogd');
    case 'second-factor':
      return { ...base, state: 'second_factor', displayName: null, clientId: null, secondFactor: data.secondFactorSms };
    case 'first-login':
      return {
        ...base,
        state: 'pending',
        displayName: data.signedIn.displayName,
        clientId: null,
        firstLogin: { remaining: options.firstLogin ?? ['password', 'terms'] },
      };
    case 'active':
      return { ...base, state: 'active', ...data.signedIn, secondFactor: null };
  }
}

function defaultRoutes(options: FakeApiOptions): Record<string, FakeHandler> {
  const tenant = data.tenants[options.tenant ?? 'zorggroep-de-linde'];
  const empty = options.data === 'empty';
  const list = <T>(items: T[]) => (empty ? [] : items);
  const period = (q: URLSearchParams, fallbackDays: number) => ({
    from: q.get('from') ?? data.dateOf(-fallbackDays),
    to: q.get('to') ?? data.dateOf(0),
  });
  const done = { step: 'done', session: { state: 'active', ...data.signedIn } };
  type SecondFactors = {
    current: 'sms' | 'email' | 'totp';
    allowed: string[];
    totpEnrolled: boolean;
    destinations: { sms: string | null; email: string | null };
    resendCooldownSeconds: number;
  };
  let secondFactors: SecondFactors = {
    current: tenant.secondFactors.default,
    allowed: tenant.secondFactors.allowed,
    totpEnrolled: false,
    destinations: { sms: '••••••••5678', email: 'a•••@voorbeeld.nl' },
    resendCooldownSeconds: 30,
  };
  const agendaSettings = { notice: tenant.agenda.indicativeTimeNotice, clientMayAddAppointments: tenant.agenda.clientMayAddAppointments };
  const plans = [data.plans.undecided, data.plans.signed, data.plans.rejected];
  const unread = data.messages.filter((m) => !m.own && !m.readAt).length;
  return {
    'GET ': () => tenant,
    'GET /terms': () => data.terms,
    'GET /auth/session': () => sessionView(options),
    'POST /auth/login': () => ({ step: 'second-factor', ...data.secondFactorSms, trustedDeviceDays: tenant.trustedDeviceDays }),
    'POST /auth/code/resend': () => ({ step: 'second-factor', ...data.secondFactorSms, trustedDeviceDays: tenant.trustedDeviceDays }),
    'POST /auth/code/verify': () => done,
    'GET /auth/first-login': () => ({
      remaining: options.firstLogin ?? ['password', 'terms'],
      terms: data.terms,
      passwordPolicy: tenant.passwordPolicy,
      username: 'a.deboer',
    }),
    'POST /auth/first-login/password': () => ({ step: 'first-login', remaining: ['terms'] }),
    'POST /auth/first-login/terms': () => done,
    'POST /auth/logout': () => undefined,
    'POST /auth/password/forgot': () => ({ accepted: true }),
    'POST /auth/password/reset': () => ({ step: 'login' }),
    'POST /auth/links/check': () => ({ state: 'valid', accountActive: false }),
    'POST /auth/password/change': () => ({ changed: true }),
    'GET /auth/second-factor': () => secondFactors,
    'PUT /auth/second-factor': ({ body }) =>
      (secondFactors = { ...secondFactors, current: (body as { method: SecondFactors['current'] }).method }),
    'POST /auth/totp/enrol': () => data.totpEnrolment,
    'POST /auth/totp/confirm': () => (secondFactors = { ...secondFactors, current: 'totp', totpEnrolled: true }),
    'POST /auth/activation/verify': () => ({
      displayName: data.signedIn.displayName,
      usernameSuggestion: 'a.deboer@voorbeeld.nl',
      passwordPolicy: tenant.passwordPolicy,
    }),
    'POST /auth/activation/complete': () => ({ step: 'login', username: 'a.deboer@voorbeeld.nl' }),

    'GET /reports/latest': ({ query }) => ({ items: list(data.reports.slice(0, Number(query.get('limit') ?? 3))) }),
    'GET /reports': ({ query }) => ({ period: period(query, 7), items: list(data.reports) }),
    'POST /reports': ({ body }) => ({
      id: 'r-new',
      writtenAt: new Date().toISOString(),
      author: 'Anna de Boer',
      authorKind: 'client',
      own: true,
      text: (body as { text: string }).text,
    }),

    'GET /measurements/types': () => ({ items: data.measurementTypes }),
    'GET /measurements/recent': ({ query }) => ({ items: list(data.measurements.slice(0, Number(query.get('limit') ?? 5))) }),
    'GET /measurements': ({ query }) => {
      const type = query.get('type');
      return { period: period(query, 365), type, items: list(data.measurements.filter((m) => !type || m.type === type)) };
    },
    'POST /measurements': ({ body }) => ({
      id: 'm-new',
      measuredAt: new Date().toISOString(),
      source: 'client',
      author: 'Anna de Boer',
      deletable: true,
      ...(body as object),
    }),
    'DELETE /measurements/:id': () => undefined,

    'GET /appointments/upcoming': ({ query }) => ({
      ...agendaSettings,
      items: list(data.appointments.slice(0, Number(query.get('limit') ?? 4))),
    }),
    'GET /appointments': ({ query }) => ({ ...agendaSettings, period: period(query, 0), items: list(data.appointments) }),
    'POST /appointments': ({ body }) => ({ ...data.appointments[3], ...(body as object), id: 'a-new', source: 'client', editable: true }),
    'PUT /appointments/:id': ({ body, params }) => ({ ...data.appointments[3], ...(body as object), id: params['id'] }),
    'DELETE /appointments/:id': () => undefined,

    'GET /messages': () => ({ items: list(data.messages), nextBefore: null, unreadCount: empty ? 0 : unread }),
    'GET /messages/unread-count': () => ({ unreadCount: empty ? 0 : unread }),
    'POST /messages': ({ body }) => ({
      id: 'b-new',
      body: (body as { body: string }).body,
      sentAt: new Date().toISOString(),
      sender: { kind: 'client', name: 'Anna de Boer' },
      own: true,
      readAt: null,
    }),
    'POST /messages/read': () => ({ marked: unread, unreadCount: 0 }),

    'GET /plans': () => ({ items: list(plans), mayDecide: true }),
    'POST /plans/:id/decision': ({ body }) => ({
      challengeId: 'ch-plan-1',
      ...data.secondFactorSms,
      decision: (body as { decision: string }).decision,
    }),
    'POST /plans/:id/decision/confirm': ({ params }) => {
      const plan = plans.find((p) => p.id === params['id']) ?? data.plans.undecided;
      return { ...plan, status: 'signed', decision: { by: 'Anna de Boer', at: new Date().toISOString(), reason: null } };
    },

    'GET /profile': () => data.profile,
    'GET /profile/account': () => data.ownAccount,

    'GET /contacts': () => ({ items: list(data.contacts) }),
    // Adding a person, or a wider right, is confirmed with an SMS code; a narrower right is saved at once.
    'POST /contacts': () => ({ challengeId: 'ch-contact-1', ...data.secondFactorSms, widens: ['reports'] }),
    'POST /contacts/confirm': ({ body }) => {
      const { challengeId: _challenge, code: _code, pageUrl: _page, ...person } = body as Record<string, unknown>;
      return {
        ...data.contacts[1],
        ...person,
        id: 'c-new',
        relationshipLabel: 'contactpersoon',
        status: 'invited',
        invitationValidUntil: new Date(Date.now() + 14 * 24 * 3600_000).toISOString(),
        addedAt: new Date().toISOString(),
      };
    },
    'PUT /contacts/:id': ({ params, body }) => {
      const current = data.contacts.find((c) => c.id === params['id']) ?? data.contacts[0]!;
      const rights = (body as { rights: Record<string, boolean> }).rights;
      const widens = Object.keys(rights).filter((area) => rights[area] && !current.rights[area as keyof typeof current.rights]);
      return widens.length ? { challengeId: 'ch-contact-2', ...data.secondFactorSms, widens } : { ...current, ...(body as object) };
    },
    'PUT /contacts/:id/confirm': ({ params, body }) => {
      const { challengeId: _challenge, code: _code, ...change } = body as Record<string, unknown>;
      return { ...(data.contacts.find((c) => c.id === params['id']) ?? data.contacts[0]), ...change };
    },
    'DELETE /contacts/:id': () => undefined,
    'POST /contacts/:id/invitation': ({ params }) => ({
      email: data.contacts.find((c) => c.id === params['id'])?.email ?? 'jeroen.deboer@voorbeeld.nl',
      validUntil: new Date(Date.now() + 14 * 24 * 3600_000).toISOString(),
    }),

    'GET /board': () => ({ items: list(data.boardPosts), nextBefore: null, unreadCount: empty ? 0 : 2 }),
    'GET /board/unread-count': () => ({ unreadCount: empty ? 0 : 2 }),
    'POST /board/read': () => ({ unreadCount: 0 }),
    'POST /board/photos': () => ({
      id: `ph-up-${Date.now()}`,
      contentType: 'image/jpeg',
      thumbnail: { url: data.boardPhotos.tulips.thumbnail.url, width: 480, height: 360 },
      screen: { url: data.boardPhotos.tulips.screen.url, width: 480, height: 360 },
      quota: { usedBytes: 4_200_000, limitBytes: 200_000_000 },
    }),
    'DELETE /board/photos/:id': () => undefined,
    'POST /board/posts': ({ body }) => {
      const post = body as { text: string; photos: Array<{ id: string; description: string }> };
      return {
        id: `bp-new-${Date.now()}`,
        author: data.boardAuthors.client,
        createdAt: new Date().toISOString(),
        text: post.text,
        photos: post.photos.map((p) => ({ ...data.boardPhotos.tulips, id: p.id, description: p.description })),
        replies: [],
        replyCount: 0,
        canDelete: true,
      };
    },
    'POST /board/posts/:id/replies': ({ params, body }) => ({
      id: `br-new-${Date.now()}`,
      postId: params['id'],
      author: data.boardAuthors.client,
      createdAt: new Date().toISOString(),
      text: (body as { text: string }).text,
      canDelete: true,
    }),
    'DELETE /board/posts/:id': () => undefined,
    'DELETE /board/replies/:id': () => undefined,

    'GET /access-log': ({ query }) => ({ period: period(query, 7), items: list(data.accessLog) }),
    // Empty: the first visit ever, with nothing planned.
    'GET /activity': () => (empty ? data.firstVisit : data.activity),
    // The client's own details, and a contact person's own account, change the same way.
    ...detailChangeRoutes('/profile'),
    ...detailChangeRoutes('/profile/account'),
  };
}

/** Changing a mobile number or e-mail address at `prefix`: the current password, then a code to the current number. */
function detailChangeRoutes(prefix: '/profile' | '/profile/account'): Record<string, FakeHandler> {
  return {
    [`POST ${prefix}/mobile`]: ({ body }) => ({
      challengeId: 'ch-identity-1',
      ...data.secondFactorSms,
      mobile: (body as { mobile: string }).mobile,
    }),
    [`POST ${prefix}/mobile/verify`]: () => ({
      challengeId: 'ch-mobile-1',
      ...data.secondFactorSms,
      prefix: '7305',
      destinationHint: '••••••••4321',
      mobile: '06 87654321',
    }),
    [`POST ${prefix}/mobile/confirm`]: () => ({ mobile: '06 87654321' }),
    [`POST ${prefix}/email`]: ({ body }) => ({
      challengeId: 'ch-identity-2',
      ...data.secondFactorSms,
      email: (body as { email: string }).email,
    }),
    [`POST ${prefix}/email/verify`]: () => ({ email: 'nieuw@example.nl', expiresInSeconds: 86400 }),
  };
}

function matchRoute(routes: Record<string, FakeHandler>, method: string, path: string) {
  for (const [key, handler] of Object.entries(routes)) {
    const [routeMethod, routePath = ''] = key.split(' ');
    if (routeMethod !== method) continue;
    const want = routePath.split('/');
    const have = path.split('/');
    if (want.length !== have.length) continue;
    const params: Record<string, string> = {};
    if (
      want.every((segment, i) =>
        segment.startsWith(':') ? ((params[segment.slice(1)] = decodeURIComponent(have[i] ?? '')), true) : segment === have[i],
      )
    ) {
      return { handler, params };
    }
  }
  return undefined;
}

function never(signal: AbortSignal | undefined): Promise<never> {
  return new Promise((_, reject) =>
    signal?.addEventListener('abort', () => reject(new DOMException('Aborted', 'AbortError')), { once: true }),
  );
}

/** The answers of one fake BFF, shared by FakeCareApi and the fetch adapter. */
export class FakeBackend {
  readonly options: FakeApiOptions;
  /** Every request it answered, newest last: `'POST /auth/login'`. */
  readonly calls: string[] = [];
  /** The language of the request being answered, from its Accept-Language, as the BFF reads it. */
  language: 'nl' | 'en' = 'nl';
  private readonly routes: Record<string, FakeHandler>;

  constructor(options: FakeApiOptions = {}) {
    this.options = options;
    this.routes = { ...defaultRoutes(options), ...options.routes };
  }

  async answer(method: string, pathAndQuery: string, body: unknown, signal?: AbortSignal): Promise<unknown> {
    const url = new URL(pathAndQuery, 'https://fake.invalid');
    const path = url.pathname === '/' ? '' : url.pathname;
    this.calls.push(`${method} ${path}`);
    if (this.options.latencyMs) await new Promise((resolve) => setTimeout(resolve, this.options.latencyMs));

    const override = this.options.routes ? matchRoute(this.options.routes, method, path) : undefined;
    const isData = dataPrefixes.some(
      (prefix) => path === prefix || path.startsWith(`${prefix}/`) || path.startsWith(`${prefix}.`) || path.startsWith(`${prefix}?`),
    );
    if (!override && isData && method === 'GET') {
      switch (this.options.data) {
        case 'loading':
          return never(signal);
        case 'error':
          throw problem(500, 'internal', 'Er ging iets mis', 'Something went wrong on our side.');
        case 'offline':
          throw ApiError.offline(new TypeError('Failed to fetch'));
        case 'session-expired':
          throw problems.sessionExpired();
        case 'no-access': {
          // The activity overview is never refused: it shows only what the rights allow.
          // A contact person's own account needs no right either.
          const refusal = path.startsWith('/profile/account') ? undefined : problems.noAccess(path, this.language);
          if (refusal) throw refusal;
          break;
        }
        default:
      }
    }
    const route = override ?? matchRoute(this.routes, method, path);
    if (!route) throw problem(404, 'not-found', 'Niet gevonden', `The fake API has no route ${method} ${path}.`);
    const result = await route.handler({ method, path, query: url.searchParams, body, params: route.params });
    if (result === forever) return never(signal);
    return result;
  }
}

/**
 * A CareApiClient whose requests the FakeBackend answers. Its base URL is in the reserved
 * `.invalid` domain, so a link built from `url()` (a PDF download) can never reach a real server;
 * fetches to it are answered by the network guard.
 */
export class FakeCareApi extends CareApiClient {
  readonly backend: FakeBackend;

  constructor(source: FakeApiOptions | FakeBackend = {}) {
    const backend = source instanceof FakeBackend ? source : new FakeBackend(source);
    // Registered under its own base URL, so a widget that fetches `url()` itself gets the same answers.
    super(registerBackend(backend), backend.options.tenant ?? 'zorggroep-de-linde');
    this.backend = backend;
  }

  override async request<T>(method: string, path: string, body: unknown, options: RequestOptions = {}): Promise<T> {
    options.signal?.throwIfAborted();
    return (await this.backend.answer(method, path, body, options.signal)) as T;
  }
}

// --- The same answers over fetch, for elements that make their own client from an `api` URL. ---

function registerBackend(backend: FakeBackend): string {
  const base = `https://fake-${nextBackend++}.care-stories.invalid`;
  backends.set(base, backend);
  return base;
}

/** Whether `url` goes to a fake BFF of a story. */
export function isFakeBackend(url: URL): boolean {
  return backends.has(url.origin);
}

/** Registers a fake BFF and returns its base URL, for `<care-portal api=…>` in a story. */
export function registerFakeBackend(options: FakeApiOptions = {}): string {
  return registerBackend(new FakeBackend(options));
}

/** Theme CSS the fake BFF serves at /themes/<tenant>.css (set by the preview from packages/themes). */
let themeCss: (tenant: string) => string | undefined = () => undefined;
export function serveThemesFrom(lookup: (tenant: string) => string | undefined): void {
  themeCss = lookup;
}

/** Answers a fetch to a registered fake BFF; undefined when the URL is not one. */
export async function fakeFetch(url: URL, init: RequestInit = {}): Promise<Response | undefined> {
  const backend = backends.get(url.origin);
  if (!backend) return undefined;
  const theme = /^\/themes\/([a-z0-9-]+)\.css$/.exec(url.pathname);
  if (theme) {
    const slug = theme[1] as keyof typeof data.tenants;
    const css = themeCss(data.tenants[slug]?.theme ?? 'base');
    return css === undefined ? new Response('', { status: 404 }) : new Response(css, { headers: { 'content-type': 'text/css' } });
  }
  const tenantPath = /^\/api\/tenants\/([^/]+)(.*)$/.exec(url.pathname);
  if (!tenantPath) return problemResponse(problem(404, 'not-found', 'Niet gevonden'));
  const method = (init.method ?? 'GET').toUpperCase();
  const body = typeof init.body === 'string' ? JSON.parse(init.body) : undefined;
  backend.language = /^en\b/i.test(new Headers(init.headers).get('accept-language') ?? '') ? 'en' : 'nl';
  try {
    const answer = await backend.answer(method, `${tenantPath[2]}${url.search}`, body, init.signal ?? undefined);
    if (answer === undefined) return new Response(null, { status: 204 });
    return new Response(JSON.stringify(answer), { headers: { 'content-type': 'application/json' } });
  } catch (error) {
    if (error instanceof ApiError && error.kind === 'offline') throw new TypeError('Failed to fetch (fake offline)', { cause: error });
    if (error instanceof ApiError) return problemResponse(error);
    throw error;
  }
}

function problemResponse(error: ApiError): Response {
  const body = {
    type: `/problems/${error.code}`,
    title: error.title,
    status: error.status,
    detail: error.detail,
    code: error.code,
    errors: error.errors,
    requestId: error.requestId,
    retryAfter: error.retryAfter,
  };
  return new Response(JSON.stringify(body), { status: error.status, headers: { 'content-type': 'application/problem+json' } });
}
