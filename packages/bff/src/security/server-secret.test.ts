import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { configureServerSecret, keyedHash, openSecret, sealSecret } from './server-secret.js';

describe('server secret', () => {
  it('seals a TOTP secret so the stored value reveals nothing and opens it again', () => {
    configureServerSecret(randomBytes(32));
    const sealed = sealSecret('JBSWY3DPEHPK3PXP');
    expect(sealed).not.toContain('JBSWY3DPEHPK3PXP');
    expect(sealed).not.toBe(sealSecret('JBSWY3DPEHPK3PXP'));
    expect(openSecret(sealed)).toBe('JBSWY3DPEHPK3PXP');
  });

  it('refuses a sealed value that was altered or sealed under another key', () => {
    configureServerSecret(randomBytes(32));
    const sealed = sealSecret('secret');
    const altered = sealed.slice(0, -2) + (sealed.endsWith('A') ? 'BB' : 'AA');
    expect(() => openSecret(altered)).toThrow();
    configureServerSecret(randomBytes(32));
    expect(() => openSecret(sealed)).toThrow();
  });

  it('hashes codes under the key, so the same code gives another hash under another key', () => {
    configureServerSecret(Buffer.alloc(32, 1));
    const first = keyedHash('challenge:123456');
    configureServerSecret(Buffer.alloc(32, 2));
    expect(keyedHash('challenge:123456').equals(first)).toBe(false);
  });

  it('refuses a short secret', () => {
    expect(() => configureServerSecret(Buffer.alloc(16))).toThrow(/32 bytes/);
  });
});
