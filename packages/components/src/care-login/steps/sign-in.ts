import { html } from 'lit/html.js';
import { t } from '../care-login.messages.js';
import type { LoginFlow } from '../login-flow.js';
import { form, input, link, passwordToggle, required, submit } from './form.js';

/**
 * The first screen: username and password. In the login's own module, with what every step
 * shares (form.ts); where the BFF's answer leads is in answers.ts, in the chunk that loads once the fields show.
 */
function signIn(flow: LoginFlow, data: FormData) {
  const username = String(data.get('username') ?? '').trim();
  const password = String(data.get('password') ?? '');
  const missing = [!username && 'username', !password && 'password'].filter((f): f is 'username' | 'password' => Boolean(f));
  if (missing.length) return flow.fail(missing.map((f) => required(flow, t(flow, f))).join(' '), missing);
  flow.patch({ username, firstLogin: undefined });
  // The code step's module has been loading since the fields showed (login-flow.ts); should it
  // not be there yet, it and the password check go at once (LoginFlow.send).
  return flow.run(() => flow.send('/auth/login', { username, password }));
}

export function renderSignIn(flow: LoginFlow) {
  const channel = flow.state?.tenant?.secondFactors.default ?? 'sms';
  return form(
    flow,
    t(flow, 'heading'),
    (data) => signIn(flow, data),
    html`
      ${input(flow, 'username', t(flow, 'username'), 'text', 'username', { value: flow.view.username })}
      ${input(flow, 'password', t(flow, 'password'), 'password', 'current-password')} ${passwordToggle(flow)}
      <div class="care-login__actions">
        ${submit(flow, t(flow, `submit.${channel}`))}
        ${link(t(flow, 'forgot'), () => flow.run(() => flow.go('forgot')))}
      </div>
    `,
  );
}
