import { html, type TemplateResult } from 'lit';
import type { Activation, CareLogin, LoginView, StepModule } from '../care-login.component.js';
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

type LinkParam = 'reset' | 'activate';

/** Per login, the token whose check is under way or done. */
const checking = new WeakMap<CareLogin, string | undefined>();

/**
 * Asks the BFF, as the page of a link opens, whether the link still works, then shows the step
 * again with the focus on its heading: on a phone that scrolls the login into view. An answer
 * that does not come counts as valid; the form then says what the BFF says when it is sent.
 */
async function checkLink(login: CareLogin, param: LinkParam) {
  const step = login.view.step;
  let link: NonNullable<LoginView['link']> = { state: 'valid' };
  try {
    link = await login.apiClient.post<NonNullable<LoginView['link']>>('/auth/links/check', { link: param, token: login.view.token });
  } catch {
    // Offline, or a BFF without the check: the form as before.
  }
  if (login.view.step === step) await login.go(step, { link });
}

/** The step of a link: "Even geduld" while it is checked, what to do next when it no longer works, else `form`. */
function linkStep(login: CareLogin, param: LinkParam, form: () => TemplateResult) {
  const { link, token } = login.view;
  if (!link) {
    // Once per link, after this render.
    if (!checking.has(login) || checking.get(login) !== token) {
      checking.set(login, token);
      queueMicrotask(() => void checkLink(login, param));
    }
    return login.form(
      t(login, param === 'reset' ? 'reset.heading' : 'activate.heading'),
      () => undefined,
      html`<p role="status">${t(login, 'link.checking')}</p>`,
    );
  }
  if (link.state === 'valid') return form();
  const toLogin = () => {
    forgetLinkToken();
    return login.go('login', { token: undefined, link: undefined });
  };
  if (param === 'activate' && link.accountActive) {
    return login.form(
      t(login, 'link.activeHeading'),
      toLogin,
      html`<p>${t(login, 'link.active')}</p>${login.submit(t(login, 'link.toLogin'))}`,
    );
  }
  const why = html`<p>${t(login, `link.${link.state}`)}</p>`;
  if (param === 'reset') {
    return login.form(
      t(login, 'link.heading'),
      () => (forgetLinkToken(), login.go('forgot', { token: undefined, link: undefined })),
      html`
      ${why}
      <p>${t(login, 'link.newReset')}</p>
      <div class="care-login__actions">${login.submit(t(login, 'link.requestReset'))} ${login.link(login.t('back'), toLogin)}</div>
    `,
    );
  }
  const tenant = login.state?.tenant;
  const phone = tenant?.contact.phone;
  return login.form(
    t(login, 'link.heading'),
    toLogin,
    html`
    ${why}
    <p>${t(login, phone ? 'link.newInvitationPhone' : 'link.newInvitation', { organisation: tenant?.name ?? '', phone: phone ?? '' })}</p>
    ${login.submit(t(login, 'link.toLogin'))}
  `,
  );
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
    await login.go('activate-choose', {
      activation,
      dateOfBirth,
      username: activation.usernameSuggestion,
      newPassword: '',
      repeatPassword: '',
    });
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
    login.form(
      t(login, 'forgot.heading'),
      (f) => forgot(login, f),
      html`
      <p>${t(login, 'forgot.intro')}</p>
      ${login.input('username', login.t('username'), 'text', 'username', { value: login.view.username })}
      <div class="care-login__actions">${login.submit(t(login, 'forgot.submit'))} ${login.backLink()}</div>
    `,
    ),
  'forgot-sent': (login) =>
    login.form(
      t(login, 'forgot.heading'),
      () => login.go('login'),
      html`
      <p>${t(login, 'forgot.sent')}</p>
      ${login.submit(login.t('back'))}
    `,
    ),
  reset: (login) =>
    linkStep(login, 'reset', () =>
      login.form(
        t(login, 'reset.heading'),
        (f) => reset(login, f),
        html`
        <p>${t(login, 'reset.intro')}</p>
        ${newPasswordFields(login, 'newPassword', undefined, null, 'newPassword.submit')}
        <div class="care-login__actions">${login.backLink()}</div>
      `,
      ),
    ),
  activate: (login) =>
    linkStep(login, 'activate', () =>
      login.form(
        t(login, 'activate.heading'),
        (f) => verifyActivation(login, f),
        html`
        <p>${t(login, 'activate.intro')}</p>
        ${login.input('dateOfBirth', t(login, 'activate.dateOfBirth'), 'date', 'bday')}
        ${login.submit(t(login, 'activate.verify'))}
      `,
      ),
    ),
  'activate-choose': (login) =>
    login.form(
      t(login, 'activate.choose'),
      (f) => completeActivation(login, f),
      html`
      <p>${t(login, 'activate.chooseIntro')}</p>
      ${login.input('username', login.t('username'), 'text', 'username', {
        value: login.view.activation?.usernameSuggestion ?? '',
        onInput: (username) => login.patch({ username }),
      })}
      ${newPasswordFields(login, 'password', login.view.activation?.passwordPolicy, login.view.username, 'activate.submit')}
    `,
    ),
};
export { stepMessages as messages, stepStyles as styles };
