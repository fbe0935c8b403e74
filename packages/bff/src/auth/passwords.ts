import { hash, verify } from '@node-rs/argon2';

/**
 * argon2id with OWASP's minimum: m = 19 MiB, t = 2, p = 1. `Algorithm.Argon2id` is a const
 * enum that isolated modules cannot import, hence its value.
 */
const ARGON2ID = 2;
const argon2Options = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, argon2Options);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    // A malformed stored hash is a failed verification, never a crash with details to the client.
    return false;
  }
}
