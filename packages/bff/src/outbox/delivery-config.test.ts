import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config.js';
import { requireDeliveryConfig } from './delivery-from-config.js';

const problems = (environment: Record<string, string>) => {
  try {
    requireDeliveryConfig(loadConfig(environment));
    return [];
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.problems.map((p) => p.variable);
  }
};

describe('production refuses to start without a way to send SMS and e-mail', () => {
  it('names every missing variable at once; console is the demo’s only', () => {
    expect(problems({})).toEqual(['SMS_PROVIDER', 'SMTP_URL', 'MAIL_FROM']);
    expect(problems({ SMS_PROVIDER: 'console', SMTP_URL: 'smtp://relay.example:587', MAIL_FROM: 'portaal@zorg.example' })).toEqual([
      'SMS_PROVIDER',
    ]);
    expect(problems({ SMS_PROVIDER: 'twilio', SMTP_URL: 'smtps://relay.example', MAIL_FROM: 'portaal@zorg.example' })).toEqual([
      'SMS_API_KEY',
      'SMS_ACCOUNT_SID',
    ]);
    expect(
      problems({ SMS_PROVIDER: 'spryng', SMS_API_KEY: 'k', SMTP_URL: 'smtp://relay.example:587', MAIL_FROM: 'portaal@zorg.example' }),
    ).toEqual([]);
    expect(problems({ CARE_MODE: 'demo' })).toEqual([]);
  });

  it('refuses a provider, relay URL or sender it does not know, naming the variable', () => {
    expect(() => loadConfig({ SMS_PROVIDER: 'nexmo' })).toThrowError(/SMS_PROVIDER/);
    expect(() => loadConfig({ SMTP_URL: 'http://relay.example' })).toThrowError(/SMTP_URL: must be an smtp:\/\/ or smtps:\/\/ URL/);
    expect(() => loadConfig({ MAIL_FROM: 'portaal' })).toThrowError(/MAIL_FROM/);
  });
});
