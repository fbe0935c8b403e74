import { css, html } from 'lit';
import type { CareLogin, StepModule } from '../care-login.component.js';
import { signedInMessages } from './signed-in.messages.js';

/** Signed in: who, "Uitloggen" and "Mijn inloggegevens" (steps/account.ts). Loaded after the code. */
type SignedInMessageKey = Parameters<typeof signedInMessages.t>[1];
const t = (login: CareLogin, key: SignedInMessageKey, params?: Record<string, string | number>) =>
  signedInMessages.t(login.locale, key, params);

function logout(login: CareLogin) {
  return login.run(async () => {
    await login.apiClient.post('/auth/logout', {});
    void login.go('login', { session: undefined, notice: t(login, 'loggedOut') });
    login.dispatchEvent(new CustomEvent('care-logout', { bubbles: true, composed: true }));
  });
}

function renderSignedIn(login: CareLogin) {
  return login.form(
    t(login, 'done.heading'),
    () => logout(login),
    html`
    <p>${t(login, 'done.as', { name: login.view.session?.displayName ?? '' })}</p>
    <div class="care-login__actions">${login.submit(t(login, 'logout'))} ${login.link(t(login, 'account'), () => login.run(() => login.go('account')))}</div>
  `,
  );
}

export const steps: StepModule['steps'] = { done: renderSignedIn };
export const styles = css``;
export { signedInMessages as messages };
