import { html, nothing } from 'lit/html.js';
import type { LoginFlow, PasswordPolicy } from '../login-flow.js';
import { input, passwordToggle, submit } from './form.js';
import { passwordChecklist, renderChecklist } from './password-checklist.js';
import { t, type StepMessageKey } from './steps.messages.js';

/**
 * A new password twice with the live checklist of the rules, for the first flow, a reset link
 * and an activation. The button works once every rule has its ✓.
 */
export function newPasswordFields(
  flow: LoginFlow,
  name: 'newPassword' | 'password',
  policy: PasswordPolicy | undefined,
  username: string | null,
  submitKey: StepMessageKey,
) {
  const { view } = flow;
  const rulesOf = policy ?? flow.state!.tenant!.passwordPolicy;
  const rules = passwordChecklist(view.newPassword ?? '', view.repeatPassword ?? '', rulesOf, username);
  const ready = rules.every((r) => r.ok);
  const checklistId = flow.idOf('checklist');
  const activation = view.step === 'activate-choose';
  return html`
    ${input(flow, name, t(flow, activation ? 'activate.password' : 'newPassword.new'), 'password', 'new-password', {
      describedBy: checklistId,
      onInput: (newPassword) => flow.patch({ newPassword }),
    })}
    ${input(flow, 'repeatPassword', t(flow, activation ? 'activate.repeat' : 'newPassword.repeat'), 'password', 'new-password', {
      onInput: (repeatPassword) => flow.patch({ repeatPassword }),
    })}
    ${passwordToggle(flow)} ${renderChecklist(checklistId, rules, rulesOf, flow.locale)}
    <p class="care-login__hint">${t(flow, 'newPassword.tip')}</p>
    <div class="care-login__actions">${submit(flow, t(flow, submitKey), !ready)}</div>
    ${ready ? nothing : html`<p class="care-login__hint">${t(flow, 'newPassword.notReady')}</p>`}
  `;
}
