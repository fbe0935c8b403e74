import { html } from 'lit/html.js';
import type { PasswordPolicy } from '../login-flow.js';
import type { Locale } from '../../shared/i18n.js';
import { stepMessages, type StepMessageKey } from './steps.messages.js';

/**
 * The rules of the BFF's password policy (packages/bff/src/auth/password-policy.ts) that a
 * browser can check while the client types. "Not a common password" needs the BFF's list of
 * ~49,000 passwords: the BFF checks it on saving and its answer is shown then.
 */
export type ChecklistRule = 'minLength' | 'maxLength' | 'lowercase' | 'uppercase' | 'digit' | 'special' | 'notUsername' | 'repeatMatches';

export interface RuleResult {
  rule: ChecklistRule;
  ok: boolean;
}

/** Same limit as the BFF's MAX_PASSWORD_LENGTH. */
const MAX_LENGTH = 128;

export function passwordChecklist(password: string, repeat: string, policy: PasswordPolicy, username: string | null): RuleResult[] {
  const length = [...password].length;
  const rules: RuleResult[] = [{ rule: 'minLength', ok: length >= policy.minLength }];
  if (length > MAX_LENGTH) rules.push({ rule: 'maxLength', ok: false });
  if (policy.requireLowercase) rules.push({ rule: 'lowercase', ok: /\p{Ll}/u.test(password) });
  if (policy.requireUppercase) rules.push({ rule: 'uppercase', ok: /\p{Lu}/u.test(password) });
  if (policy.requireDigit) rules.push({ rule: 'digit', ok: /\p{Nd}/u.test(password) });
  if (policy.requireSpecial) rules.push({ rule: 'special', ok: /[^\p{L}\p{Nd}]/u.test(password) });
  const name = username?.trim().toLowerCase();
  if (name) rules.push({ rule: 'notUsername', ok: password.length > 0 && !password.toLowerCase().includes(name) });
  rules.push({ rule: 'repeatMatches', ok: password.length > 0 && password === repeat });
  return rules;
}

/**
 * The live checklist: every rule says ✓ or ✗ in text (colour is extra), and screen readers hear
 * the rules that change, politely.
 */
export function renderChecklist(id: string, rules: RuleResult[], policy: PasswordPolicy, locale: Locale) {
  const t = (key: StepMessageKey, n: number | string = '') => stepMessages.t(locale, key, { n });
  const n: Partial<Record<ChecklistRule, number>> = { minLength: policy.minLength, maxLength: MAX_LENGTH };
  return html`<div class="checklist" part="checklist" id=${id}>
    <p class="checklist__title">${t('newPassword.rules')}</p>
    <ul aria-live="polite">
      ${rules.map(
        ({ rule, ok }) =>
          html`<li class=${ok ? 'ok' : 'no'} data-rule=${rule}>
            <span class="checklist__mark" aria-hidden="true">${ok ? '✓' : '✗'}</span>
            ${t(`rule.${rule}`, n[rule])}
            <span class="sr-only">(${t(ok ? 'rule.ok' : 'rule.notOk')})</span>
          </li>`,
      )}
    </ul>
  </div>`;
}
