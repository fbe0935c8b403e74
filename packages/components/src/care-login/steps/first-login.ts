import { html, nothing } from 'lit/html.js';
import { ApiError } from '../../shared/api-client.js';
import type { FirstLogin, LoginFlow, StepModule } from '../login-flow.js';
import { form, submit } from './form.js';
import { newPasswordFields } from './new-password.js';
import { stepMessages, t } from './steps.messages.js';
import { stepStyles } from './steps.styles.js';

/** The first login: a new password of the client's own, then the terms of use (answers.ts leads here). */
function savePassword(flow: LoginFlow, data: FormData) {
  return flow.run(() =>
    flow.send('/auth/first-login/password', { newPassword: data.get('newPassword'), repeatPassword: data.get('repeatPassword') }),
  );
}

function acceptTerms(flow: LoginFlow, data: FormData) {
  if (!data.get('accept')) return flow.fail(t(flow, 'terms.required'), ['accept']);
  return flow.run(async () => {
    try {
      await flow.send('/auth/first-login/terms', { version: flow.view.firstLogin!.terms.version });
    } catch (error) {
      // New terms were published while the client was reading: show those.
      if (error instanceof ApiError && error.code === 'terms-version-changed') {
        flow.patch({ firstLogin: await flow.api.get<FirstLogin>('/auth/first-login') });
      }
      throw error;
    }
  });
}

function renderPassword(flow: LoginFlow) {
  const firstLogin = flow.view.firstLogin;
  return form(
    flow,
    t(flow, 'newPassword.heading'),
    (f) => savePassword(flow, f),
    html`
    <p>${t(flow, 'newPassword.firstLogin')}</p>
    <input type="text" name="username" autocomplete="username" .value=${firstLogin?.username ?? ''} hidden readonly />
    ${newPasswordFields(flow, 'newPassword', firstLogin?.passwordPolicy, firstLogin?.username ?? null, 'newPassword.submit')}
  `,
  );
}

function renderTerms(flow: LoginFlow) {
  const terms = flow.view.firstLogin?.terms;
  const invalid = flow.view.invalid.includes('accept');
  const id = flow.idOf('accept');
  return form(
    flow,
    t(flow, 'terms.heading'),
    (f) => acceptTerms(flow, f),
    html`
    <p>${t(flow, 'terms.intro', { version: terms?.version ?? '' })}</p>
    <div class="care-login__terms" tabindex="0" role="region" aria-label=${t(flow, 'terms.heading').replace('\u00AD', '')}>${terms?.text ?? ''}</div>
    <div class="care-login__check">
      <input
        type="checkbox"
        id=${id}
        name="accept"
        aria-invalid=${invalid ? 'true' : 'false'}
        aria-describedby=${invalid ? flow.idOf('error') : nothing}
      />
      <label for=${id}>${t(flow, 'terms.accept')}</label>
    </div>
    <div class="care-login__actions">${submit(flow, t(flow, 'terms.submit'))}</div>
  `,
  );
}

/** The first login's steps (after-first-screen.ts). */
export const firstLoginSteps: StepModule = {
  steps: { password: renderPassword, terms: renderTerms },
  messages: stepMessages,
  styles: stepStyles,
};
