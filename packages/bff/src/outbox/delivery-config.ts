import { z } from 'zod';
import { smsProviderNames, type SmsProviderName } from './sms-providers.js';

/** The delivery variables of the environment (see docs/bff-configuration.md). */
export const deliveryEnvironment = {
  /** `console` (the demo's: prints every message) or an SMS gateway. */
  SMS_PROVIDER: z.enum(['console', ...smsProviderNames]).optional(),
  SMS_API_KEY: z.string().min(1).optional(),
  /** Twilio only: the Account SID; SMS_API_KEY is then its Auth Token. */
  SMS_ACCOUNT_SID: z.string().min(1).optional(),
  /** Overrides the gateway's endpoint (a regional endpoint, a test server). */
  SMS_BASE_URL: z.url().optional(),
  SMS_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
  /** smtp://user:pass@host:587 (STARTTLS when offered) or smtps://user:pass@host:465. */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
    .optional(),
  /** Refuse an smtp:// server that does not offer STARTTLS. */
  SMTP_REQUIRE_TLS: z
    .enum(['true', 'false', '1', '0'])
    .transform((value) => value === 'true' || value === '1')
    .default(false),
  /** A PEM file of the CA that signed the relay's certificate, when it is not a public one. */
  SMTP_CA_FILE: z.string().min(1).optional(),
  /** The From and envelope address of every e-mail, e.g. portaal@zorg-voorbeeld.nl. */
  MAIL_FROM: z.email().optional(),
};

export interface DeliveryConfig {
  sms: {
    provider: SmsProviderName | 'console' | undefined;
    apiKey?: string | undefined;
    accountSid?: string | undefined;
    baseUrl?: string | undefined;
    timeoutMs: number;
  };
  smtp: { url: string | undefined; from: string | undefined; requireTls: boolean; caFile?: string | undefined };
}

type DeliveryEnvironment = z.output<z.ZodObject<typeof deliveryEnvironment>>;

export function deliveryConfig(env: DeliveryEnvironment): DeliveryConfig {
  return {
    sms: {
      provider: env.SMS_PROVIDER,
      apiKey: env.SMS_API_KEY,
      accountSid: env.SMS_ACCOUNT_SID,
      baseUrl: env.SMS_BASE_URL,
      timeoutMs: env.SMS_TIMEOUT_MS,
    },
    smtp: { url: env.SMTP_URL, from: env.MAIL_FROM, requireTls: env.SMTP_REQUIRE_TLS, caFile: env.SMTP_CA_FILE },
  };
}

/** What production lacks to deliver SMS and e-mail, by variable; empty when it can. */
export function missingDeliveryVariables(delivery: DeliveryConfig): { variable: string; message: string }[] {
  const missing: { variable: string; message: string }[] = [];
  const provider = delivery.sms.provider;
  if (!provider || provider === 'console') {
    missing.push({
      variable: 'SMS_PROVIDER',
      message: `required in production: one of ${smsProviderNames.join(', ')} (console is the demo's)`,
    });
  } else {
    if (!delivery.sms.apiKey) missing.push({ variable: 'SMS_API_KEY', message: `required for SMS_PROVIDER=${provider}` });
    if (provider === 'twilio' && !delivery.sms.accountSid)
      missing.push({ variable: 'SMS_ACCOUNT_SID', message: 'required for SMS_PROVIDER=twilio (the Account SID)' });
  }
  if (!delivery.smtp.url)
    missing.push({ variable: 'SMTP_URL', message: 'required in production: smtp://… or smtps://… of the mail relay' });
  if (!delivery.smtp.from) missing.push({ variable: 'MAIL_FROM', message: 'required in production: the From address of the e-mails' });
  return missing;
}
