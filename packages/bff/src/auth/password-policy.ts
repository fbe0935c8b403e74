import { dictionary } from '@zxcvbn-ts/language-common';
import type { Text } from '../http/problem.js';
import type { PasswordPolicy } from '../tenants/settings.js';

/**
 * The tenant's password rules, checked rule by rule so that the BFF can say which one fails and
 * the widget can show the same checklist. Rule names are part of the API (docs/auth-api.md).
 */
export type PasswordRule = 'minLength' | 'maxLength' | 'lowercase' | 'uppercase' | 'digit' | 'special' | 'notCommon' | 'notUsername';

export interface RuleResult {
  rule: PasswordRule;
  ok: boolean;
}

/** Long passphrases are welcome; the cap only keeps hashing cheap for an attacker's megabyte. */
export const MAX_PASSWORD_LENGTH = 128;

// The ~49,000 most common passwords from breach corpora (zxcvbn's list, lower case), plus the
// Dutch ones a Dutch list would add at the top.
const dutchCommon = [
  'wachtwoord',
  'welkom',
  'welkom01',
  'welkom123',
  'geheim',
  'zomer',
  'winter',
  'voorjaar',
  'herfst',
  'hallo',
  'ajax',
  'feyenoord',
  'psv',
  'nederland',
  'amsterdam',
  'rotterdam',
  'vivium',
  'zorg',
  'portaal',
  'clientportaal',
];
const common: ReadonlySet<string> = new Set([...(dictionary['passwords-common'] as string[]), ...dutchCommon]);

/**
 * A password is common if it is on the list, also after the decorations people add to satisfy a
 * policy: capitals, a year or a number, an exclamation mark ("Welkom2024!").
 */
export function isCommonPassword(password: string): boolean {
  const lower = password.toLowerCase().trim();
  if (common.has(lower)) return true;
  const bare = lower.replace(/[\d\W_]+$/u, '').replace(/^[\d\W_]+/u, '');
  return bare.length > 0 && common.has(bare);
}

export function evaluatePassword(password: string, policy: PasswordPolicy, context: { username?: string | null } = {}): RuleResult[] {
  const length = [...password].length;
  const results: RuleResult[] = [
    { rule: 'minLength', ok: length >= policy.minLength },
    { rule: 'maxLength', ok: length <= MAX_PASSWORD_LENGTH },
  ];
  if (policy.requireLowercase) results.push({ rule: 'lowercase', ok: /\p{Ll}/u.test(password) });
  if (policy.requireUppercase) results.push({ rule: 'uppercase', ok: /\p{Lu}/u.test(password) });
  if (policy.requireDigit) results.push({ rule: 'digit', ok: /\p{Nd}/u.test(password) });
  // Seed 000 counts a space as a special character too.
  if (policy.requireSpecial) results.push({ rule: 'special', ok: /[^\p{L}\p{Nd}]/u.test(password) });
  results.push({ rule: 'notCommon', ok: !isCommonPassword(password) });
  const username = context.username?.trim().toLowerCase();
  if (username) results.push({ rule: 'notUsername', ok: !password.toLowerCase().includes(username) });
  return results;
}

export const passwordAcceptable = (results: RuleResult[]) => results.every((r) => r.ok);

/** Explanations for a problem response, one per failed rule. */
export function ruleMessage(rule: PasswordRule, policy: PasswordPolicy): Text {
  switch (rule) {
    case 'minLength':
      return { nl: `Gebruik ten minste ${policy.minLength} tekens.`, en: `Use at least ${policy.minLength} characters.` };
    case 'maxLength':
      return { nl: `Gebruik hoogstens ${MAX_PASSWORD_LENGTH} tekens.`, en: `Use at most ${MAX_PASSWORD_LENGTH} characters.` };
    case 'lowercase':
      return { nl: 'Gebruik minimaal 1 kleine letter.', en: 'Use at least 1 lower-case letter.' };
    case 'uppercase':
      return { nl: 'Gebruik minimaal 1 hoofdletter.', en: 'Use at least 1 capital letter.' };
    case 'digit':
      return { nl: 'Gebruik minimaal 1 cijfer.', en: 'Use at least 1 digit.' };
    case 'special':
      return {
        nl: 'Gebruik minimaal 1 speciaal teken, zoals . - _ ! @ # $ % of een spatie.',
        en: 'Use at least 1 special character, such as . - _ ! @ # $ % or a space.',
      };
    case 'notCommon':
      return {
        nl: 'Dit wachtwoord wordt te vaak gebruikt. Kies een ander wachtwoord.',
        en: 'This password is used too often. Choose another password.',
      };
    case 'notUsername':
      return { nl: 'Het wachtwoord mag uw gebruikersnaam niet bevatten.', en: 'The password must not contain your username.' };
  }
}
