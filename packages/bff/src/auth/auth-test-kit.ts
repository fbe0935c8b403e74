import type { Config } from '../config.js';
import type { DatabaseHandle } from '../db/database.js';
import { createTestApp } from '../testing/test-app.js';
import type { TenantRecord } from '../tenants/queries.js';

/**
 * A browser stand-in for auth tests: one cookie jar, the widgets' CSRF header and origin on
 * every request, against the real app. Shared by the auth test files only.
 */
export function authTestApp(database: DatabaseHandle, overrides: Partial<Config> = {}) {
  const test = createTestApp(database, overrides);
  return { ...test, browser: (tenant: TenantRecord, options: { peer?: string } = {}) => new TestBrowser(test.app, tenant, options.peer) };
}

export interface TestResponse {
  status: number;
  body: Record<string, unknown> & { code?: string };
  headers: Headers;
  setCookies: string[];
}

export class TestBrowser {
  readonly cookies = new Map<string, string>();
  constructor(
    private readonly app: ReturnType<typeof createTestApp>['app'],
    readonly tenant: TenantRecord,
    private readonly peer?: string,
  ) {}

  async request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<TestResponse> {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const response = await this.app.request(
      `/api/tenants/${this.tenant.slug}/auth${path}`,
      {
        method,
        headers: {
          origin: 'http://localhost',
          'x-care-widgets': '1',
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(cookie ? { cookie } : {}),
          ...headers,
        },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      },
      this.peer ? { incoming: { socket: { remoteAddress: this.peer } } } : undefined,
    );
    const setCookies = response.headers.getSetCookie();
    for (const line of setCookies) {
      const [pair = ''] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      if (/max-age=0/i.test(line) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as TestResponse['body']) : {}, headers: response.headers, setCookies };
  }

  post(path: string, body: unknown = {}, headers?: Record<string, string>) {
    return this.request('POST', path, body, headers);
  }
  get(path: string) {
    return this.request('GET', path);
  }
  put(path: string, body: unknown) {
    return this.request('PUT', path, body);
  }
}

/** The prefix and code of the last SMS or e-mail code sent to a recipient. */
export function lastCode(delivered: { recipient: string; body: string }[], recipient: string) {
  const message = [...delivered].reverse().find((m) => m.recipient === recipient && /Uw inlogcode is/.test(m.body));
  const match = message?.body.match(/Uw inlogcode is (\d{4})-(\d{6})/);
  if (!match) throw new Error(`no code sent to ${recipient}`);
  return { prefix: match[1]!, code: match[2]!, text: message!.body };
}
