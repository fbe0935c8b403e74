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
