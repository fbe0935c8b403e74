import { readFileSync } from 'node:fs';
import { ConfigError, type Config } from '../config.js';
import type { Logger } from '../http/logger.js';
import { missingDeliveryVariables } from './delivery-config.js';
import { consoleDelivery, providerDelivery, type DeliveryProvider } from './delivery.js';
import { createSmsProvider } from './sms-providers.js';
import { createSmtpTransport } from './smtp.js';

/** Production cannot sign anyone in without SMS and e-mail: a ConfigError names what is missing. */
export function requireDeliveryConfig(config: Config): void {
  if (config.mode !== 'production') return;
  const missing = missingDeliveryVariables(config.delivery);
  if (missing.length) throw new ConfigError(missing);
}

/** The demo prints every message (and keeps it for /dev/outbox); production uses the configured gateway and relay. */
export function deliveryFromConfig(config: Config, logger: Logger): DeliveryProvider {
  const { sms, smtp } = config.delivery;
  if (config.mode === 'demo' || !sms.provider || sms.provider === 'console' || !smtp.url || !smtp.from) return consoleDelivery(logger);
  return providerDelivery(
    createSmsProvider({
      provider: sms.provider,
      apiKey: sms.apiKey ?? '',
      accountSid: sms.accountSid,
      baseUrl: sms.baseUrl,
      timeoutMs: sms.timeoutMs,
    }),
    createSmtpTransport({
      url: smtp.url,
      from: smtp.from,
      requireTls: smtp.requireTls,
      ...(smtp.caFile ? { ca: readFileSync(smtp.caFile, 'utf8') } : {}),
    }),
  );
}
