import { describe, expect, it } from 'vitest';
import { passwordPolicySchema } from '../tenants/settings.js';
import { evaluatePassword, isCommonPassword } from './password-policy.js';

const linde = passwordPolicySchema.parse({ minLength: 10 });
const baken = passwordPolicySchema.parse({
  minLength: 12,
  requireLowercase: false,
  requireUppercase: false,
  requireDigit: false,
  requireSpecial: true,
});

const failing = (password: string, policy = linde, username?: string) =>
  evaluatePassword(password, policy, { username: username ?? null })
    .filter((r) => !r.ok)
    .map((r) => r.rule);

describe('password policy', () => {
  it('names each rule that fails', () => {
    expect(failing('kort')).toEqual(['minLength', 'uppercase', 'digit', 'special']);
    expect(failing('Ik zag 2 beren broodjes smeren!')).toEqual([]);
    expect(failing('langgenoegzonderteken', baken)).toEqual(['special']);
    expect(failing('x'.repeat(129) + 'A1!', linde)).toEqual(['maxLength']);
  });

  it('counts a space as a special character (seed 000)', () => {
    expect(failing('Mijn Hond 2 Bello')).toEqual([]);
  });

  it('rejects the most common passwords, also with the usual decorations', () => {
    expect(isCommonPassword('password')).toBe(true);
    expect(isCommonPassword('Welkom2024!')).toBe(true);
    expect(isCommonPassword('Qwerty123!!')).toBe(true);
    expect(failing('Wachtwoord1!')).toEqual(['notCommon']);
    expect(isCommonPassword('Ik zag 2 beren!')).toBe(false);
  });

  it('refuses a password that contains the username', () => {
    expect(failing('Jansen-De-Vries-77!', linde, 'jansen')).toEqual(['notUsername']);
  });
});
