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
    // One bit of the ciphertext flipped. (Changing the last characters could change only the
    // unused bits of the last base64url character, which decode to the same bytes.)
    expect(sealed.startsWith('v1.')).toBe(true);
    const raw = Buffer.from(sealed.slice('v1.'.length), 'base64url');
    raw[raw.length - 1]! ^= 1;
    expect(() => openSecret(`v1.${raw.toString('base64url')}`)).toThrow();
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
