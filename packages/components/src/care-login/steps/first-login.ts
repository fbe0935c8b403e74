import { html, nothing } from 'lit';
import { ApiError } from '../../shared/api-client.js';
import type { AuthStep, CareLogin, FirstLogin, StepModule } from '../care-login.component.js';
import { newPasswordFields, t } from './new-password.js';
import { stepMessages } from './steps.messages.js';
import { stepStyles } from './steps.styles.js';

/** The first login: a new password of the client's own, then the terms of use. */
export async function enterFirstLogin(login: CareLogin, remaining: Array<'password' | 'terms'>, focus = true) {
  if (!login.view.firstLogin) login.patch({ firstLogin: await login.apiClient.get<FirstLogin>('/auth/first-login') });
  await login.go(remaining[0] ?? 'terms', { newPassword: '', repeatPassword: '' }, focus);
}

function savePassword(login: CareLogin, form: FormData) {
  return login.run(async () =>
    login.afterStep(
      await login.apiClient.post<AuthStep>('/auth/first-login/password', {
        newPassword: form.get('newPassword'),
        repeatPassword: form.get('repeatPassword'),
      }),
    ),
  );
}

function acceptTerms(login: CareLogin, form: FormData) {
  if (!form.get('accept')) return login.fail(t(login, 'terms.required'), ['accept']);
  return login.run(async () => {
    try {
      await login.afterStep(
        await login.apiClient.post<AuthStep>('/auth/first-login/terms', { version: login.view.firstLogin!.terms.version }),
      );
    } catch (error) {
      // New terms were published while the client was reading: show those.
      if (error instanceof ApiError && error.code === 'terms-version-changed') {
        login.patch({ firstLogin: await login.apiClient.get<FirstLogin>('/auth/first-login') });
      }
      throw error;
    }
  });
}

function renderPassword(login: CareLogin) {
  const firstLogin = login.view.firstLogin;
  return login.form(
    t(login, 'newPassword.heading'),
    (f) => savePassword(login, f),
    html`
    <p>${t(login, 'newPassword.firstLogin')}</p>
    <input type="text" name="username" autocomplete="username" .value=${firstLogin?.username ?? ''} hidden readonly />
    ${newPasswordFields(login, 'newPassword', firstLogin?.passwordPolicy, firstLogin?.username ?? null, 'newPassword.submit')}
  `,
  );
}

function renderTerms(login: CareLogin) {
  const terms = login.view.firstLogin?.terms;
  const invalid = login.view.invalid.includes('accept');
  const id = login.idOf('accept');
  return login.form(
    t(login, 'terms.heading'),
    (f) => acceptTerms(login, f),
    html`
    <p>${t(login, 'terms.intro', { version: terms?.version ?? '' })}</p>
    <div class="care-login__terms" tabindex="0" role="region" aria-label=${t(login, 'terms.heading').replace('\u00AD', '')}>${terms?.text ?? ''}</div>
    <div class="care-login__check">
      <input
        type="checkbox"
        id=${id}
        name="accept"
        aria-invalid=${invalid ? 'true' : 'false'}
        aria-describedby=${invalid ? login.idOf('error') : nothing}
      />
      <label for=${id}>${t(login, 'terms.accept')}</label>
    </div>
    <div class="care-login__actions">${login.submit(t(login, 'terms.submit'))}</div>
  `,
  );
}

export const steps: StepModule['steps'] = { password: renderPassword, terms: renderTerms };
export { stepMessages as messages, stepStyles as styles };
