import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Keys derived from the deployment's SECRET_KEY. A stolen database alone then neither lets an
 * attacker brute-force a one-time code from its hash (10^6 candidates would take milliseconds
 * against a plain SHA-256) nor read TOTP secrets. Set once at start-up.
 */
let keys: { mac: Buffer; seal: Buffer } | undefined;

const STRICT_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * Why a SECRET_KEY value is not a usable key, or undefined when it is: strict base64 of at least
 * 32 bytes that look random. 32 zero bytes, a repeated pattern or a base64-encoded passphrase
 * are refused: HKDF stretches nothing, so the derived keys are only as strong as this input.
 * (32 random bytes have ~30 distinct values and are all printable ASCII with odds of 10^-14.)
 */
export function secretKeyProblem(text: string): string | undefined {
  const advice = 'use at least 32 random bytes, base64-encoded (e.g. `openssl rand -base64 32`)';
  if (!STRICT_BASE64.test(text)) return `must be strict base64 (A-Z a-z 0-9 + /, = padding, no spaces): ${advice}`;
  const key = Buffer.from(text, 'base64');
  if (key.length < 32) return `must be at least 32 bytes, base64-encoded: ${advice}`;
  if (new Set(key).size < 16) return `has too few distinct byte values to be random: ${advice}`;
  if (key.every((byte) => byte >= 0x20 && byte <= 0x7e)) return `decodes to readable text (a passphrase?), not random bytes: ${advice}`;
  return undefined;
}

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
