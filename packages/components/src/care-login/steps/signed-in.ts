import { html } from 'lit/html.js';
import { emit } from '../../shared/events.js';
import type { LoginFlow, StepModule } from '../login-flow.js';
import { form, link, submit } from './form.js';
import { signedInMessages, t } from './signed-in.messages.js';
import { stepStyles } from './steps.styles.js';

/** Signed in: who, "Uitloggen" and "Mijn inloggegevens" (steps/account.ts). Loaded after the code. */

/** Signed in (also account.ts): when the portal ends the session (idle, a 401, a logout in another tab), back to the login, saying why. */
export function whileSignedIn(flow: LoginFlow) {
  const state = flow.state;
  if (state?.signedOutReason && !state.session) void flow.go('login', { session: undefined, notice: state.signedOutReason });
  // Alone on a page: a widget beside it that the BFF refused (401) ends the session here too.
  if (!flow.portal && !alone.has(flow)) {
    alone.add(flow);
    document.addEventListener('care-session-expired', (event) => {
      const { tenant } = (event as CustomEvent<{ tenant: string }>).detail;
      if (flow.view.step === 'done' && tenant === flow.api.tenantSlug)
        void flow.go('login', { session: undefined, notice: t(flow, 'expired') });
    });
  }
}

/** The logins without a portal that listen for the session's end elsewhere on the page. */
const alone = new WeakSet<LoginFlow>();

function logout(flow: LoginFlow) {
  return flow.run(async () => {
    await flow.api.post('/auth/logout', {});
    void flow.go('login', { session: undefined, notice: t(flow, 'loggedOut') });
    emit(flow.host, 'care-logout', undefined);
  });
}

function renderSignedIn(flow: LoginFlow) {
  return form(
    flow,
    t(flow, 'done.heading'),
    () => logout(flow),
    html`
    <p>${t(flow, 'done.as', { name: flow.view.session?.displayName ?? '' })}</p>
    <div class="care-login__actions">${submit(flow, t(flow, 'logout'))} ${link(t(flow, 'account'), () => flow.run(() => flow.go('account')))}</div>
  `,
  );
}

/** The signed-in view (after-first-screen.ts). */
export const signedInStep: StepModule = {
  steps: { done: renderSignedIn },
  messages: signedInMessages,
  styles: stepStyles,
  update: whileSignedIn,
};
