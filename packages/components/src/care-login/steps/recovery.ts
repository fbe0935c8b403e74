import { html } from 'lit';
import type { Activation, CareLogin, StepModule } from '../care-login.component.js';
import { newPasswordFields, t } from './new-password.js';
import { stepMessages } from './steps.messages.js';
import { stepStyles } from './steps.styles.js';

/** A forgotten password, and the links of the e-mails: `?reset=` and `?activate=`. */
function forgot(login: CareLogin, form: FormData) {
  const username = String(form.get('username') ?? '').trim();
  if (!username) return login.fail(login.required(login.t('username')), ['username']);
  return login.run(async () => {
    await login.apiClient.post('/auth/password/forgot', { username, pageUrl: location.href });
    await login.go('forgot-sent');
  });
}

/** The link's token must not stay in the address bar or the history once it is used. */
function forgetLinkToken() {
  const url = new URL(location.href);
  url.searchParams.delete('reset');
  url.searchParams.delete('activate');
  history.replaceState(history.state, '', url);
}

function reset(login: CareLogin, form: FormData) {
  return login.run(async () => {
    await login.apiClient.post('/auth/password/reset', {
      token: login.view.token,
      newPassword: form.get('newPassword'),
      repeatPassword: form.get('repeatPassword'),
    });
    forgetLinkToken();
    await login.go('login', { token: undefined, notice: t(login, 'resetDone') });
  });
}

function verifyActivation(login: CareLogin, form: FormData) {
  const dateOfBirth = String(form.get('dateOfBirth') ?? '');
  if (!dateOfBirth) return login.fail(login.required(t(login, 'activate.dateOfBirth')), ['dateOfBirth']);
  return login.run(async () => {
    const activation = await login.apiClient.post<Activation>('/auth/activation/verify', { token: login.view.token, dateOfBirth });
    await login.go('activate-choose', { activation, dateOfBirth, username: activation.usernameSuggestion, newPassword: '', repeatPassword: '' });
  });
}

function completeActivation(login: CareLogin, form: FormData) {
  const { token, dateOfBirth } = login.view;
  return login.run(async () => {
    const done = await login.apiClient.post<{ username: string }>('/auth/activation/complete', {
      token,
      dateOfBirth,
      username: String(form.get('username') ?? '').trim(),
      password: form.get('password'),
      repeatPassword: form.get('repeatPassword'),
    });
    forgetLinkToken();
    await login.go('login', { token: undefined, activation: undefined, username: done.username, notice: t(login, 'activated') });
  });
}

export const steps: StepModule['steps'] = {
  forgot: (login) =>
    login.form(t(login, 'forgot.heading'), (f) => forgot(login, f), html`
      <p>${t(login, 'forgot.intro')}</p>
      ${login.input('username', login.t('username'), 'text', 'username', { value: login.view.username })}
      <div class="care-login__actions">${login.submit(t(login, 'forgot.submit'))} ${login.backLink()}</div>
    `),
  'forgot-sent': (login) =>
    login.form(t(login, 'forgot.heading'), () => login.go('login'), html`
      <p>${t(login, 'forgot.sent')}</p>
      ${login.submit(login.t('back'))}
    `),
  reset: (login) =>
    login.form(t(login, 'reset.heading'), (f) => reset(login, f), html`
      <p>${t(login, 'reset.intro')}</p>
      ${newPasswordFields(login, 'newPassword', undefined, null, 'newPassword.submit')}
      <div class="care-login__actions">${login.backLink()}</div>
    `),
  activate: (login) =>
    login.form(t(login, 'activate.heading'), (f) => verifyActivation(login, f), html`
      <p>${t(login, 'activate.intro')}</p>
      ${login.input('dateOfBirth', t(login, 'activate.dateOfBirth'), 'date', 'bday')}
      ${login.submit(t(login, 'activate.verify'))}
    `),
  'activate-choose': (login) =>
    login.form(t(login, 'activate.choose'), (f) => completeActivation(login, f), html`
      <p>${t(login, 'activate.chooseIntro')}</p>
      ${login.input('username', login.t('username'), 'text', 'username', {
        value: login.view.activation?.usernameSuggestion ?? '',
        onInput: (username) => login.patch({ username }),
      })}
      ${newPasswordFields(login, 'password', login.view.activation?.passwordPolicy, login.view.username, 'activate.submit')}
    `),
};
export { stepMessages as messages, stepStyles as styles };
