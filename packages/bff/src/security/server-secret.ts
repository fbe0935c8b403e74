import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Keys derived from the deployment's SECRET_KEY. A stolen database alone then neither lets an
 * attacker brute-force a one-time code from its hash (10^6 candidates would take milliseconds
 * against a plain SHA-256) nor read TOTP secrets. Set once at start-up.
 */
let keys: { mac: Buffer; seal: Buffer } | undefined;

export function configureServerSecret(secret: Buffer) {
  if (secret.length < 32) throw new Error('The server secret must be at least 32 bytes.');
  const derive = (purpose: string) => Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), `care-widgets ${purpose}`, 32));
  keys = { mac: derive('one-time code hash'), seal: derive('secret sealing') };
}

function current() {
  if (!keys) throw new Error('configureServerSecret() has not been called');
  return keys;
}

/** HMAC-SHA256 under the server key: for short secrets that a plain hash would not protect. */
export function keyedHash(message: string): Buffer {
  return createHmac('sha256', current().mac).update(message, 'utf8').digest();
}

const SEALED_PREFIX = 'v1.';

/** AES-256-GCM: `v1.` + base64url(iv ‖ tag ‖ ciphertext). */
export function sealSecret(plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', current().seal, iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return SEALED_PREFIX + Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString('base64url');
}

/** Opens a sealed secret; throws when it was sealed under another key or altered. */
export function openSecret(sealed: string): string {
  if (!sealed.startsWith(SEALED_PREFIX)) throw new Error('Not a sealed secret');
  const raw = Buffer.from(sealed.slice(SEALED_PREFIX.length), 'base64url');
  const decipher = createDecipheriv('aes-256-gcm', current().seal, raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
}
