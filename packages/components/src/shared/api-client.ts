import type { PublicTenant } from '@care-widgets/bff/api-types';
import type { Locale } from './i18n.js';

/** Public settings of a care organisation, as GET /api/tenants/:tenant returns them. */
export type { PublicTenant };

export interface FieldError {
  field: string;
  detail: string;
}

/**
 * What a widget needs to pick its message: `offline` (no answer at all), `session-expired`
 * (401), `problem` (any other error answer from the BFF).
 */
export type ApiErrorKind = 'offline' | 'session-expired' | 'problem';

export class ApiError extends Error {
  declare readonly kind: ApiErrorKind;
  /** HTTP status; 0 when the BFF could not be reached. */
  declare readonly status: number;
  declare readonly code: string;
  declare readonly title: string;
  declare readonly detail: string | undefined;
  declare readonly errors: FieldError[];
  declare readonly requestId: string | undefined;
  /** Seconds to wait before trying again (429), from the body or the Retry-After header. */
  declare readonly retryAfter: number | undefined;
  /** The problem's other members, e.g. `attemptsLeft` of a wrong code or the `plan` of a 409. */
  declare readonly extensions: Readonly<Record<string, unknown>>;

  constructor(init: {
    kind: ApiErrorKind;
    status: number;
    code: string;
    title: string;
    detail?: string | undefined;
    errors?: FieldError[] | undefined;
    requestId?: string | undefined;
    retryAfter?: number | undefined;
    extensions?: Record<string, unknown> | undefined;
    cause?: unknown;
  }) {
    const { cause, ...fields } = init;
    super(init.detail ?? init.title, cause === undefined ? undefined : { cause });
    Object.assign(this, fields, { name: 'ApiError', errors: init.errors ?? [], extensions: init.extensions ?? {} });
  }

  /** Also an ApiError of another copy of care-widgets on the page (the bundle beside a per-element module). */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return (value as Error | undefined)?.name === 'ApiError';
  }

  static offline(cause?: unknown): ApiError {
    return new ApiError({ kind: 'offline', status: 0, code: 'offline', title: 'Network error', cause });
  }

  /**
   * Turns an error response into an ApiError. Reads an RFC 9457 body when there is one; a proxy's
   * HTML error page or an empty body still gives a usable status and code.
   */
  static async fromResponse(response: Response): Promise<ApiError> {
    let body: Record<string, unknown> = {};
    const type = response.headers.get('content-type') ?? '';
    if (/json/i.test(type)) {
      try {
        const parsed: unknown = await response.json();
        if (parsed && typeof parsed === 'object') body = parsed as Record<string, unknown>;
      } catch {
        // A broken body must not hide the status.
      }
    }
    const str = (value: unknown) => (typeof value === 'string' ? value : undefined);
    const header = response.headers.get('retry-after');
    const retryAfter =
      typeof body['retryAfter'] === 'number' ? body['retryAfter'] : header !== null && /^\d+$/.test(header) ? Number(header) : undefined;
    return new ApiError({
      kind: response.status === 401 ? 'session-expired' : 'problem',
      status: response.status,
      code: str(body['code']) ?? (response.status === 401 ? 'unauthenticated' : `http-${response.status}`),
      title: str(body['title']) ?? (response.statusText || `HTTP ${response.status}`),
      detail: str(body['detail']),
      errors: Array.isArray(body['errors']) ? body['errors'].filter(isFieldError) : [],
      requestId: str(body['requestId']) ?? response.headers.get('x-request-id') ?? undefined,
      retryAfter,
      extensions: Object.fromEntries(Object.entries(body).filter(([key]) => !RFC9457_MEMBERS.has(key))),
    });
  }
}

const RFC9457_MEMBERS = new Set(['type', 'title', 'status', 'detail', 'instance', 'code', 'errors', 'requestId', 'retryAfter']);

function isFieldError(value: unknown): value is FieldError {
  if (!value || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  return typeof v['field'] === 'string' && typeof v['detail'] === 'string';
}

export interface RequestOptions {
  signal?: AbortSignal | undefined;
  /** Sent as `Idempotency-Key`, so a retried POST (flaky mobile network) is applied once. */
  idempotencyKey?: string | undefined;
}

/**
 * Talks to the BFF for one tenant. Cookies carry the session, so every request goes with
 * credentials; `X-Care-Widgets` is a header a cross-site form cannot send, the BFF's CSRF check.
 */
export class CareApiClient {
  readonly apiBase: string;
  readonly tenantSlug: string;
  /**
   * Sent as `Accept-Language`: the language of the BFF's error texts, the one the widget shows
   * (not the browser's). Each widget sets its own before it calls.
   */
  lang: Locale = 'nl';

  constructor(apiBase: string | null | undefined, tenantSlug: string) {
    this.apiBase = (apiBase ?? '').replace(/\/+$/, '');
    this.tenantSlug = tenantSlug;
  }

  /** Absolute or root-relative URL of a tenant path: '' is the tenant itself, '/reports' a feature. */
  url(path: string): string {
    const suffix = path === '' || path.startsWith('/') ? path : `/${path}`;
    return `${this.apiBase}/api/tenants/${encodeURIComponent(this.tenantSlug)}${suffix}`;
  }

  tenant(options: RequestOptions = {}): Promise<PublicTenant> {
    return this.get<PublicTenant>('', options);
  }

  get<T>(path: string, options: RequestOptions = {}): Promise<T> {
    return this.request<T>('GET', path, undefined, options);
  }

  post<T>(path: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
    return this.request<T>('POST', path, body, options);
  }

  put<T>(path: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
    return this.request<T>('PUT', path, body, options);
  }

  delete<T = void>(path: string, options: RequestOptions = {}): Promise<T> {
    return this.request<T>('DELETE', path, undefined, options);
  }

  /**
   * One call of the BFF. A JSON answer is parsed; any other (the PDF of a plan, an .ics) comes as
   * a Blob, fetched with the session's cookie, which a link's navigation to a BFF on another site
   * would not carry (the cookie is partitioned under the host's site).
   */
  async request<T>(method: string, path: string, body: unknown, options: RequestOptions = {}): Promise<T> {
    // Lower-case names: they compress with the response headers' names read below.
    const headers: Record<string, string> = { accept: 'application/json', 'accept-language': this.lang, 'x-care-widgets': '1' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;

    let response: Response;
    try {
      response = await fetch(this.url(path), {
        method,
        headers,
        credentials: 'include',
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
      });
    } catch (error) {
      // An abort is the caller's own doing, not the network's.
      if (error instanceof DOMException && error.name === 'AbortError') throw error;
      throw ApiError.offline(error);
    }
    if (!response.ok) throw await ApiError.fromResponse(response);
    this.onActivity?.();
    if (response.status === 204 || response.headers.get('content-length') === '0') return undefined as T;
    const type = response.headers.get('content-type') ?? '';
    return (await (/json/i.test(type) ? response.json() : response.blob())) as T;
  }

  /** Called after every answer that is not an error; a signed-in request restarts the session's idle timeout. */
  onActivity: (() => void) | undefined;
}

/**
 * Where the BFF is when the page does not say: the origin this script was served from, since the
 * BFF serves the widget bundle at /widgets/. Falls back to the page's own origin ('').
 */
export function defaultApiBase(): string {
  try {
    const origin = new URL(import.meta.url).origin;
    return origin === 'null' ? '' : origin;
  } catch {
    return '';
  }
}
