import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSmsProvider, DeliveryError, type SmsProviderName } from './sms-providers.js';

/** One loopback HTTP server that records each request and answers what the test sets. */
interface Received {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
}
let server: Server;
let baseUrl: string;
let received: Received[] = [];
let answer: { status: number; body: unknown; delayMs?: number } = { status: 200, body: {} };

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      received.push({ method: request.method!, path: request.url!, headers: request.headers, body });
      const reply = () => {
        response.writeHead(answer.status, { 'content-type': 'application/json' });
        response.end(JSON.stringify(answer.body));
      };
      if (answer.delayMs) setTimeout(reply, answer.delayMs);
      else reply();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
  received = [];
});

const sms = { to: '+31612345678', from: 'DeLinde', text: 'Uw inlogcode is 1234-567890', reference: '42' };
const provider = (name: SmsProviderName, base = baseUrl, timeoutMs = 2_000) =>
  createSmsProvider({ provider: name, apiKey: 'key-123', accountSid: 'AC0123456789abcdef', baseUrl: base, timeoutMs });

describe('each provider sends the request its API documents', () => {
  it('spryng: POST /messages with a Bearer key, recipients without the plus', async () => {
    answer = { status: 200, body: { id: 'spryng-id-1', encoding: 'plain' } };
    expect(await provider('spryng').send(sms)).toEqual({ providerMessageId: 'spryng-id-1' });
    const [request] = received;
    expect(request).toMatchObject({ method: 'POST', path: '/messages' });
    expect(request!.headers['authorization']).toBe('Bearer key-123');
    expect(request!.headers['content-type']).toBe('application/json');
    expect(JSON.parse(request!.body)).toEqual({
      body: sms.text,
      encoding: 'auto',
      originator: 'DeLinde',
      recipients: ['31612345678'],
      route: 'business',
      reference: '42',
    });
  });

  it('cm: POST /v1.0/message with the product token, the number with 00, SMS only', async () => {
    answer = {
      status: 200,
      body: { details: 'Created 1 message(s)', errorCode: 0, messages: [{ to: '0031612345678', status: 'Accepted', reference: '42' }] },
    };
    expect(await provider('cm').send(sms)).toEqual({ providerMessageId: '42' });
    const [request] = received;
    expect(request).toMatchObject({ method: 'POST', path: '/v1.0/message' });
    expect(request!.headers['x-cm-producttoken']).toBe('key-123');
    expect(JSON.parse(request!.body)).toEqual({
      messages: {
        authentication: { producttoken: 'key-123' },
        msg: [
          {
            from: 'DeLinde',
            to: [{ number: '0031612345678' }],
            body: { type: 'auto', content: sms.text },
            reference: '42',
            allowedChannels: ['SMS'],
          },
        ],
      },
    });
  });

  it('messagebird: POST /messages with "AccessKey", answered 201 with the id', async () => {
    answer = { status: 201, body: { id: 'mb-id-7', recipients: { totalCount: 1 } } };
    expect(await provider('messagebird').send(sms)).toEqual({ providerMessageId: 'mb-id-7' });
    const [request] = received;
    expect(request).toMatchObject({ method: 'POST', path: '/messages' });
    expect(request!.headers['authorization']).toBe('AccessKey key-123');
    expect(JSON.parse(request!.body)).toEqual({ originator: 'DeLinde', body: sms.text, recipients: ['31612345678'], reference: '42' });
  });

  it('twilio: POST /2010-04-01/Accounts/{sid}/Messages.json, Basic sid:token, form-encoded', async () => {
    answer = { status: 201, body: { sid: 'SM0123', status: 'queued' } };
    expect(await provider('twilio').send(sms)).toEqual({ providerMessageId: 'SM0123' });
    const [request] = received;
    expect(request).toMatchObject({ method: 'POST', path: '/2010-04-01/Accounts/AC0123456789abcdef/Messages.json' });
    expect(request!.headers['authorization']).toBe(`Basic ${Buffer.from('AC0123456789abcdef:key-123').toString('base64')}`);
    expect(request!.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(new URLSearchParams(request!.body))).toEqual({ To: '+31612345678', From: 'DeLinde', Body: sms.text });
  });
});

describe('errors are told apart: permanent ones are never retried', () => {
  const failure = async (send: () => Promise<unknown>) => {
    const error = await send().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DeliveryError);
    return error as DeliveryError;
  };

  it('an invalid number (400, 422) is permanent; the message text is not in the error', async () => {
    answer = { status: 400, body: { code: 21211, message: "The 'To' number is not a valid phone number." } };
    const twilio = await failure(() => provider('twilio').send(sms));
    expect(twilio).toMatchObject({ permanent: true, status: 400 });
    expect(twilio.message).toBe('twilio answered 400 (code 21211)');
    answer = { status: 422, body: { errors: [{ code: 9, description: 'no (correct) recipients found' }] } };
    expect(await failure(() => provider('messagebird').send(sms))).toMatchObject({ permanent: true, status: 422 });
    answer = { status: 400, body: { details: 'No account found for the given authentication', errorCode: 101 } };
    const cm = await failure(() => provider('cm').send(sms));
    expect(cm.permanent).toBe(true);
    expect(cm.message).not.toContain('567890');
  });

  it('a server error, throttling, refused credentials, no answer in time or no server at all are transient', async () => {
    for (const status of [500, 503, 429, 401]) {
      answer = { status, body: {} };
      expect(await failure(() => provider('spryng').send(sms))).toMatchObject({ permanent: false, status });
    }
    answer = { status: 200, body: {}, delayMs: 400 };
    const slow = await failure(() => provider('spryng', baseUrl, 100).send(sms));
    expect(slow).toMatchObject({ permanent: false, message: 'spryng no answer within 100 ms' });
    answer = { status: 200, body: {} };
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const closedUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
    await new Promise((resolve) => closed.close(resolve));
    expect(await failure(() => provider('cm', closedUrl).send(sms))).toMatchObject({
      permanent: false,
      message: 'cm could not be reached',
    });
  });
});
