import { expect } from '@open-wc/testing';
import { ApiError, CareApiClient } from './api-client.js';

const problem = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/problem+json; charset=utf-8', ...headers },
  });

describe('ApiError.fromResponse', () => {
  it('reads an RFC 9457 body with field errors', async () => {
    const error = await ApiError.fromResponse(
      problem(400, {
        type: '/problems/validation',
        title: 'De invoer is niet geldig.',
        status: 400,
        detail: 'to: must be a date',
        instance: '/api/tenants/x/reports',
        code: 'validation',
        requestId: 'req-42',
        errors: [{ field: 'to', detail: 'must be a date' }, { nonsense: true }],
      }),
    );
    expect(error).to.be.instanceOf(ApiError);
    expect(error.kind).to.equal('problem');
    expect(error.status).to.equal(400);
    expect(error.code).to.equal('validation');
    expect(error.title).to.equal('De invoer is niet geldig.');
    expect(error.detail).to.equal('to: must be a date');
    expect(error.requestId).to.equal('req-42');
    expect(error.errors).to.deep.equal([{ field: 'to', detail: 'must be a date' }]);
  });

  it('treats 401 as an expired session', async () => {
    const error = await ApiError.fromResponse(problem(401, { title: 'Niet ingelogd', status: 401, code: 'unauthenticated' }));
    expect(error.kind).to.equal('session-expired');
    expect(error.code).to.equal('unauthenticated');
  });

  it('takes retryAfter from the body or else the Retry-After header', async () => {
    const fromBody = await ApiError.fromResponse(problem(429, { code: 'rate-limited', title: 'Te veel pogingen', retryAfter: 30 }));
    expect(fromBody.retryAfter).to.equal(30);
    const fromHeader = await ApiError.fromResponse(
      problem(429, { code: 'rate-limited', title: 'Te veel pogingen' }, { 'retry-after': '12' }),
    );
    expect(fromHeader.retryAfter).to.equal(12);
  });

  it('still gives status and code for a proxy error page that is not JSON', async () => {
    const error = await ApiError.fromResponse(
      new Response('<h1>Bad gateway</h1>', { status: 502, statusText: 'Bad Gateway', headers: { 'content-type': 'text/html' } }),
    );
    expect(error.kind).to.equal('problem');
    expect(error.status).to.equal(502);
    expect(error.code).to.equal('http-502');
    expect(error.title).to.equal('Bad Gateway');
  });
});

describe('CareApiClient', () => {
  let calls: Array<{ url: string; init: RequestInit }>;
  let reply: () => Promise<Response>;
  const realFetch = window.fetch;

  beforeEach(() => {
    calls = [];
    reply = async () => new Response(JSON.stringify({ ok: true }), { headers: { 'content-type': 'application/json' } });
    window.fetch = async (input: RequestInfo | URL, init: RequestInit = {}) => {
      calls.push({ url: String(input), init });
      return reply();
    };
  });
  afterEach(() => {
    window.fetch = realFetch;
  });

  it('puts every path under the tenant and sends credentials and the widget header', async () => {
    const api = new CareApiClient('https://bff.example/', 'zorggroep-de-linde');
    await api.get('/reports?period=week');
    expect(calls[0]!.url).to.equal('https://bff.example/api/tenants/zorggroep-de-linde/reports?period=week');
    expect(calls[0]!.init.credentials).to.equal('include');
    const headers = new Headers(calls[0]!.init.headers);
    expect(headers.get('Accept')).to.equal('application/json');
    expect(headers.get('X-Care-Widgets')).to.equal('1');
    expect(headers.get('Content-Type')).to.equal(null);
  });

  it('asks for the BFF’s texts in its lang, Dutch unless told, not in the browser’s language', async () => {
    const api = new CareApiClient('', 'zorggroep-de-linde');
    await api.get('/reports');
    api.lang = 'en';
    await api.get('/reports');
    expect(calls.map((call) => new Headers(call.init.headers).get('Accept-Language'))).to.deep.equal(['nl', 'en']);
  });

  it('sends JSON bodies and the idempotency key', async () => {
    const api = new CareApiClient('', 'thuiszorg-het-baken');
    await api.post('/reports', { text: 'Goed geslapen' }, { idempotencyKey: 'k-1' });
    const { url, init } = calls[0]!;
    expect(url).to.equal('/api/tenants/thuiszorg-het-baken/reports');
    expect(init.method).to.equal('POST');
    expect(init.body).to.equal('{"text":"Goed geslapen"}');
    const headers = new Headers(init.headers);
    expect(headers.get('Content-Type')).to.equal('application/json');
    expect(headers.get('Idempotency-Key')).to.equal('k-1');
  });

  it('reads the tenant itself at the empty path', async () => {
    await new CareApiClient('', 'zorggroep-de-linde').tenant();
    expect(calls[0]!.url).to.equal('/api/tenants/zorggroep-de-linde');
    expect(calls[0]!.init.method).to.equal('GET');
  });

  it('turns a failed fetch into an offline ApiError', async () => {
    reply = () => Promise.reject(new TypeError('Failed to fetch'));
    const error = await new CareApiClient('', 'x').get('/reports').catch((e: unknown) => e);
    expect(error).to.be.instanceOf(ApiError);
    expect((error as ApiError).kind).to.equal('offline');
    expect((error as ApiError).status).to.equal(0);
  });

  it('lets an abort through as an abort, not as offline', async () => {
    reply = () => Promise.reject(new DOMException('The user aborted a request.', 'AbortError'));
    const error = await new CareApiClient('', 'x').get('/reports').catch((e: unknown) => e);
    expect(error).to.be.instanceOf(DOMException);
  });

  it('resolves a 204 to undefined', async () => {
    reply = async () => new Response(null, { status: 204 });
    expect(await new CareApiClient('', 'x').delete('/measurements/1')).to.equal(undefined);
  });
});
