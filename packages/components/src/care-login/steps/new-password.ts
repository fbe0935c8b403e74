import { html, nothing } from 'lit';
import type { CareLogin, PasswordPolicy } from '../care-login.component.js';
import { passwordChecklist, renderChecklist } from './password-checklist.js';
import { stepMessages, type StepMessageKey } from './steps.messages.js';

export const t = (login: CareLogin, key: StepMessageKey, params?: Record<string, string | number>) =>
  stepMessages.t(login.locale, key, params);

/**
 * A new password twice with the live checklist of the rules, for the first login, a reset link
 * and an activation. The button works once every rule has its ✓.
 */
export function newPasswordFields(
  login: CareLogin,
  name: 'newPassword' | 'password',
  policy: PasswordPolicy | undefined,
  username: string | null,
  submitKey: StepMessageKey,
) {
  const { view } = login;
  const rulesOf = policy ?? login.state!.tenant!.passwordPolicy;
  const rules = passwordChecklist(view.newPassword, view.repeatPassword, rulesOf, username);
  const ready = rules.every((r) => r.ok);
  const checklistId = login.idOf('checklist');
  const activation = view.step === 'activate-choose';
  return html`
    ${login.input(name, t(login, activation ? 'activate.password' : 'newPassword.new'), login.passwordType, 'new-password', {
      describedBy: checklistId,
      onInput: (newPassword) => login.patch({ newPassword }),
    })}
    ${login.input('repeatPassword', t(login, activation ? 'activate.repeat' : 'newPassword.repeat'), login.passwordType, 'new-password', {
      onInput: (repeatPassword) => login.patch({ repeatPassword }),
    })}
    ${login.passwordToggle()} ${renderChecklist(checklistId, rules, rulesOf, login.locale)}
    <p class="care-login__hint">${t(login, 'newPassword.tip')}</p>
    <div class="care-login__actions">${login.submit(t(login, submitKey), !ready)}</div>
    ${ready ? nothing : html`<p class="care-login__hint">${t(login, 'newPassword.notReady')}</p>`}
  `;
}
