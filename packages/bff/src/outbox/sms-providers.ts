/**
 * SMS gateways over HTTP, each with the request its public API documents. The recipient is
 * always E.164 (+31612345678); each adapter writes it the way its API wants it.
 */

export interface SmsRequest {
  /** E.164, e.g. +31612345678. */
  to: string;
  /** Alphanumeric sender id (at most 11 characters) or a number. */
  from: string;
  text: string;
  /** Our outbox row, echoed by providers that take a reference. */
  reference: string;
}

export interface SmsProvider {
  readonly name: SmsProviderName;
  send(sms: SmsRequest): Promise<{ providerMessageId: string | null }>;
}

export const smsProviderNames = ['spryng', 'cm', 'messagebird', 'twilio'] as const;
export type SmsProviderName = (typeof smsProviderNames)[number];

/**
 * A delivery that did not happen. `permanent`: retrying cannot help (an invalid number, a
 * refused message); otherwise (timeout, 5xx, 429, refused credentials the operator can fix) a
 * retry later may succeed. The message never contains the text that was to be sent.
 */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}

export interface SmsProviderSettings {
  provider: SmsProviderName;
  apiKey: string;
  /** Twilio's Account SID (the API key is then its Auth Token). */
  accountSid?: string | undefined;
  /** Overrides the provider's endpoint (tests, regional endpoints). */
  baseUrl?: string | undefined;
  timeoutMs?: number;
}

export const defaultBaseUrls: Record<SmsProviderName, string> = {
  spryng: 'https://rest.spryngsms.com/v1',
  cm: 'https://gw.messaging.cm.com',
  messagebird: 'https://rest.messagebird.com',
  twilio: 'https://api.twilio.com',
};

export function createSmsProvider(settings: SmsProviderSettings): SmsProvider {
  const base = (settings.baseUrl ?? defaultBaseUrls[settings.provider]).replace(/\/$/, '');
  const timeoutMs = settings.timeoutMs ?? 10_000;
  const post = (path: string, headers: Record<string, string>, body: string) =>
    postTo(settings.provider, `${base}${path}`, headers, body, timeoutMs);
  switch (settings.provider) {
    // Spryng REST v1: POST /v1/messages, Bearer key; recipients without the plus.
    case 'spryng':
      return {
        name: 'spryng',
        async send(sms) {
          const answer = await post(
            '/messages',
            { authorization: `Bearer ${settings.apiKey}`, 'content-type': 'application/json', accept: 'application/json' },
            JSON.stringify({
              body: sms.text,
              encoding: 'auto',
              originator: sms.from,
              recipients: [sms.to.slice(1)],
              route: 'business',
              reference: sms.reference,
            }),
          );
          return { providerMessageId: stringField(answer.json, 'id') };
        },
      };
    // CM.com Business Messaging: POST /v1.0/message, product token in the body (and header); numbers with 00.
    case 'cm':
      return {
        name: 'cm',
        async send(sms) {
          const answer = await post(
            '/v1.0/message',
            { 'x-cm-producttoken': settings.apiKey, 'content-type': 'application/json', accept: 'application/json' },
            JSON.stringify({
              messages: {
                authentication: { producttoken: settings.apiKey },
                msg: [
                  {
                    from: sms.from,
                    to: [{ number: `00${sms.to.slice(1)}` }],
                    body: { type: 'auto', content: sms.text },
                    reference: sms.reference,
                    allowedChannels: ['SMS'],
                  },
                ],
              },
            }),
          );
          // CM answers 200 with errorCode 0 when every message was accepted; its id is our reference.
          const errorCode = numberField(answer.json, 'errorCode');
          if (errorCode !== null && errorCode !== 0)
            throw new DeliveryError(`cm refused the message (errorCode ${errorCode})`, true, answer.status);
          return { providerMessageId: sms.reference };
        },
      };
    // MessageBird (legacy REST): POST /messages, "AccessKey" authorisation; answers 201 with the message id.
    case 'messagebird':
      return {
        name: 'messagebird',
        async send(sms) {
          const answer = await post(
            '/messages',
            { authorization: `AccessKey ${settings.apiKey}`, 'content-type': 'application/json', accept: 'application/json' },
            JSON.stringify({ originator: sms.from, body: sms.text, recipients: [sms.to.slice(1)], reference: sms.reference }),
          );
          return { providerMessageId: stringField(answer.json, 'id') };
        },
      };
    // Twilio: POST /2010-04-01/Accounts/{sid}/Messages.json, HTTP Basic sid:token, form-encoded To/From/Body.
    case 'twilio': {
      const sid = settings.accountSid ?? '';
      return {
        name: 'twilio',
        async send(sms) {
          const answer = await post(
            `/2010-04-01/Accounts/${encodeURIComponent(sid)}/Messages.json`,
            {
              authorization: `Basic ${Buffer.from(`${sid}:${settings.apiKey}`).toString('base64')}`,
              'content-type': 'application/x-www-form-urlencoded',
              accept: 'application/json',
            },
            new URLSearchParams({ To: sms.to, From: sms.from, Body: sms.text }).toString(),
          );
          return { providerMessageId: stringField(answer.json, 'sid') };
        },
      };
    }
  }
}

async function postTo(
  provider: string,
  url: string,
  headers: Record<string, string>,
  body: string,
  timeoutMs: number,
): Promise<{ status: number; json: unknown }> {
  let response: Response;
  try {
    response = await fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    const reason =
      error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')
        ? `no answer within ${timeoutMs} ms`
        : 'could not be reached';
    throw new DeliveryError(`${provider} ${reason}`, false);
  }
  const text = await response.text().catch(() => '');
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  if (response.ok) return { status: response.status, json };
  throw new DeliveryError(`${provider} answered ${response.status}${describeError(json)}`, isPermanent(response.status), response.status);
}

/**
 * 400 and 422 reject this message (an invalid or unreachable number): never retried. Refused
 * credentials (401, 403), a wrong endpoint (404), throttling (429) and server errors are retried:
 * the operator or the provider can fix them while the code is still valid.
 */
function isPermanent(status: number) {
  return status === 400 || status === 422;
}

/** The provider's own error code and short text, bounded, for the log (never the message text). */
function describeError(json: unknown): string {
  if (!json || typeof json !== 'object') return '';
  const record = json as Record<string, unknown>;
  const code =
    record['code'] ??
    record['errorCode'] ??
    (Array.isArray(record['errors']) ? (record['errors'][0] as Record<string, unknown> | undefined)?.['code'] : undefined);
  return code === undefined ? '' : ` (code ${String(code).slice(0, 40)})`;
}

function stringField(json: unknown, key: string): string | null {
  const value = json && typeof json === 'object' ? (json as Record<string, unknown>)[key] : undefined;
  return typeof value === 'string' || typeof value === 'number' ? String(value).slice(0, 200) : null;
}

function numberField(json: unknown, key: string): number | null {
  const value = json && typeof json === 'object' ? (json as Record<string, unknown>)[key] : undefined;
  return typeof value === 'number' ? value : null;
}
