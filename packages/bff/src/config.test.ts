import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, requireSecretKey } from './config.js';

describe('configuration from the environment', () => {
  it('starts with safe defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config.mode).toBe('production');
    expect(config.port).toBe(8787);
    expect(config.host).toBe('127.0.0.1');
    expect(config.databaseUrl).toBeUndefined();
    expect(config.trustedProxies).toEqual([]);
  });

  it('refuses to run in production without a secret key, or with a short one', () => {
    expect(() => requireSecretKey(loadConfig({}))).toThrowError(/SECRET_KEY: required in production/);
    expect(() => loadConfig({ SECRET_KEY: Buffer.alloc(16).toString('base64') })).toThrowError(/SECRET_KEY: must be at least 32 bytes/);
    expect(loadConfig({ CARE_MODE: 'demo' }).secretKey?.length).toBeGreaterThanOrEqual(32);
  });

  it('demands 32 bytes of real entropy in strict base64 from SECRET_KEY', () => {
    const random = randomBytes(32).toString('base64');
    expect(loadConfig({ SECRET_KEY: random }).secretKey).toEqual(Buffer.from(random, 'base64'));
    expect(loadConfig({ SECRET_KEY: randomBytes(48).toString('base64') }).secretKey).toHaveLength(48);
    const refused = {
      'zero bytes': Buffer.alloc(32).toString('base64'),
      'a repeated pattern': Buffer.from('abcd'.repeat(8)).toString('base64'),
      'a passphrase': Buffer.from('correct horse battery staple, again!').toString('base64'),
      'plain text': 'this is my very long secret key for the portal!!',
      base64url: randomBytes(32).toString('base64url').replace(/^./, '-'),
      'base64 with a stray character': `${random.slice(0, 10)}*${random.slice(11)}`,
    };
    for (const [what, value] of Object.entries(refused)) {
      expect(() => loadConfig({ SECRET_KEY: value }), what).toThrowError(/SECRET_KEY: /);
    }
  });

  it('names the variable whose value is wrong', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrowError(/PORT/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://localhost/db' })).toThrowError(/DATABASE_URL: must be a postgres/);
    expect(() => loadConfig({ CARE_MODE: 'staging' })).toThrowError(/CARE_MODE/);
  });

  it('reports every bad variable at once', () => {
    try {
      loadConfig({ PORT: '-1', LOG_LEVEL: 'loud' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).problems.map((p) => p.variable).sort()).toEqual(['LOG_LEVEL', 'PORT']);
    }
  });

  it('treats an empty variable as unset and reads lists', () => {
    const config = loadConfig({ CARE_MODE: 'demo', PORT: '', TRUSTED_PROXIES: '10.0.0.1, 10.0.0.2', MIGRATE_ON_START: 'false' });
    expect(config.port).toBe(8787);
    expect(config.trustedProxies).toEqual(['10.0.0.1', '10.0.0.2']);
    expect(config.migrateOnStart).toBe(false);
  });
});
