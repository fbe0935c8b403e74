import { html, type TemplateResult } from 'lit/html.js';
import { t as loginT } from '../care-login.messages.js';
import type { Activation, LoginFlow, LoginView, StepModule } from '../login-flow.js';
import { form, input, link, required, submit } from './form.js';
import { newPasswordFields } from './new-password.js';
import { stepMessages, t } from './steps.messages.js';
import { stepStyles } from './steps.styles.js';

/** A forgotten password, and the links of the e-mails: `?reset=` and `?activate=`. */
function forgot(flow: LoginFlow, data: FormData) {
  const username = String(data.get('username') ?? '').trim();
  if (!username) return flow.fail(required(flow, loginT(flow, 'username')), ['username']);
  return flow.run(async () => {
    await flow.api.post('/auth/password/forgot', { username, pageUrl: location.href });
    await flow.go('forgot-sent');
  });
}

/** "Terug naar inloggen". */
const backLink = (flow: LoginFlow) => link(loginT(flow, 'back'), () => flow.go('login'));

/** The link's token must not stay in the address bar or the history once it is used. */
function forgetLinkToken() {
  const url = new URL(location.href);
  url.searchParams.delete('reset');
  url.searchParams.delete('activate');
  history.replaceState(history.state, '', url);
}

type LinkParam = 'reset' | 'activate';

/** Per flow, the token whose check is under way or done. */
const checking = new WeakMap<LoginFlow, string | undefined>();

/**
 * Asks the BFF, as the page of a link opens, whether the link still works, then shows the step
 * again with the focus on its heading: on a phone that scrolls the login into view. An answer
 * that does not come counts as valid; the form then says what the BFF says when it is sent.
 */
async function checkLink(flow: LoginFlow, param: LinkParam) {
  const step = flow.view.step;
  let answer: NonNullable<LoginView['link']> = { state: 'valid' };
  try {
    answer = await flow.api.post<NonNullable<LoginView['link']>>('/auth/links/check', { link: param, token: flow.view.token });
  } catch {
    // Offline, or a BFF without the check: the form as before.
  }
  if (flow.view.step === step) await flow.go(step, { link: answer });
}

/** The step of a link: "Even geduld" while it is checked, what to do next when it no longer works, else `valid`. */
function linkStep(flow: LoginFlow, param: LinkParam, valid: () => TemplateResult) {
  const { link: checked, token } = flow.view;
  if (!checked) {
    // Once per link, after this render.
    if (!checking.has(flow) || checking.get(flow) !== token) {
      checking.set(flow, token);
      queueMicrotask(() => void checkLink(flow, param));
    }
    return form(
      flow,
      t(flow, param === 'reset' ? 'reset.heading' : 'activate.heading'),
      () => undefined,
      html`<p role="status">${t(flow, 'link.checking')}</p>`,
    );
  }
  if (checked.state === 'valid') return valid();
  const toLogin = () => {
    forgetLinkToken();
    return flow.go('login', { token: undefined, link: undefined });
  };
  if (param === 'activate' && checked.accountActive) {
    return form(
      flow,
      t(flow, 'link.activeHeading'),
      toLogin,
      html`<p>${t(flow, 'link.active')}</p>${submit(flow, t(flow, 'link.toLogin'))}`,
    );
  }
  const why = html`<p>${t(flow, `link.${checked.state}`)}</p>`;
  if (param === 'reset') {
    return form(
      flow,
      t(flow, 'link.heading'),
      () => (forgetLinkToken(), flow.go('forgot', { token: undefined, link: undefined })),
      html`
      ${why}
      <p>${t(flow, 'link.newReset')}</p>
      <div class="care-login__actions">${submit(flow, t(flow, 'link.requestReset'))} ${link(loginT(flow, 'back'), toLogin)}</div>
    `,
    );
  }
  const tenant = flow.state?.tenant;
  const phone = tenant?.contact.phone;
  return form(
    flow,
    t(flow, 'link.heading'),
    toLogin,
    html`
    ${why}
    <p>${t(flow, phone ? 'link.newInvitationPhone' : 'link.newInvitation', { organisation: tenant?.name ?? '', phone: phone ?? '' })}</p>
    ${submit(flow, t(flow, 'link.toLogin'))}
  `,
  );
}

function reset(flow: LoginFlow, data: FormData) {
  return flow.run(async () => {
    await flow.api.post('/auth/password/reset', {
      token: flow.view.token,
      newPassword: data.get('newPassword'),
      repeatPassword: data.get('repeatPassword'),
    });
    forgetLinkToken();
    await flow.go('login', { token: undefined, notice: t(flow, 'resetDone') });
  });
}

/**
 * What the activation link asks to prove (POST /auth/links/check): a client their date of birth,
 * a contact person the own mobile number they were invited with.
 */
const proofOf = (flow: LoginFlow) => (flow.view.link?.proof === 'mobile' ? 'mobile' : 'dateOfBirth');

function verifyActivation(flow: LoginFlow, data: FormData) {
  const name = proofOf(flow);
  const proof = { [name]: String(data.get(name) ?? '').trim() };
  if (!proof[name]) return flow.fail(required(flow, t(flow, `activate.${name}Word`)), [name]);
  return flow.run(async () => {
    const activation = await flow.api.post<Activation>('/auth/activation/verify', { token: flow.view.token, ...proof });
    await flow.go('activate-choose', {
      activation,
      proof,
      username: activation.usernameSuggestion,
      newPassword: '',
      repeatPassword: '',
    });
  });
}

function completeActivation(flow: LoginFlow, data: FormData) {
  const { token, proof } = flow.view;
  return flow.run(async () => {
    const done = await flow.api.post<{ username: string }>('/auth/activation/complete', {
      token,
      ...proof,
      username: String(data.get('username') ?? '').trim(),
      password: data.get('password'),
      repeatPassword: data.get('repeatPassword'),
    });
    forgetLinkToken();
    await flow.go('login', { token: undefined, activation: undefined, username: done.username, notice: t(flow, 'activated') });
  });
}

/** The date of birth, or the mobile number with an example of how to write it. */
function proofField(flow: LoginFlow) {
  const hint = flow.idOf('hint');
  return proofOf(flow) === 'mobile'
    ? html`${input(flow, 'mobile', t(flow, 'activate.mobile'), 'tel', 'tel', { describedBy: hint })}
        <p class="care-login__hint" id=${hint}>${t(flow, 'activate.mobileHint')}</p>`
    : input(flow, 'dateOfBirth', t(flow, 'activate.dateOfBirth'), 'date', 'bday');
}

/** A forgotten password and the links of the e-mails (after-first-screen.ts). */
export const recoverySteps: StepModule = {
  messages: stepMessages,
  styles: stepStyles,
  steps: {
    forgot: (flow) =>
      form(
        flow,
        t(flow, 'forgot.heading'),
        (f) => forgot(flow, f),
        html`
      <p>${t(flow, 'forgot.intro')}</p>
      ${input(flow, 'username', loginT(flow, 'username'), 'text', 'username', { value: flow.view.username })}
      <div class="care-login__actions">${submit(flow, t(flow, 'forgot.submit'))} ${backLink(flow)}</div>
    `,
      ),
    'forgot-sent': (flow) =>
      form(
        flow,
        t(flow, 'forgot.heading'),
        () => flow.go('login'),
        html`
      <p>${t(flow, 'forgot.sent')}</p>
      ${submit(flow, loginT(flow, 'back'))}
    `,
      ),
    reset: (flow) =>
      linkStep(flow, 'reset', () =>
        form(
          flow,
          t(flow, 'reset.heading'),
          (f) => reset(flow, f),
          html`
        <p>${t(flow, 'reset.intro')}</p>
        ${newPasswordFields(flow, 'newPassword', undefined, null, 'newPassword.submit')}
        <div class="care-login__actions">${backLink(flow)}</div>
      `,
        ),
      ),
    activate: (flow) =>
      linkStep(flow, 'activate', () =>
        form(
          flow,
          t(flow, 'activate.heading'),
          (f) => verifyActivation(flow, f),
          html`
        <p>${t(flow, 'activate.intro', { proof: t(flow, `activate.${proofOf(flow)}Word`) })}</p>
        ${proofField(flow)}
        ${submit(flow, t(flow, 'activate.verify'))}
      `,
        ),
      ),
    'activate-choose': (flow) =>
      form(
        flow,
        t(flow, 'activate.choose'),
        (f) => completeActivation(flow, f),
        html`
      <p>${t(flow, 'activate.chooseIntro')}</p>
      ${input(flow, 'username', loginT(flow, 'username'), 'text', 'username', {
        value: flow.view.activation?.usernameSuggestion ?? '',
        onInput: (username) => flow.patch({ username }),
      })}
      ${newPasswordFields(flow, 'password', flow.view.activation?.passwordPolicy, flow.view.username, 'activate.submit')}
    `,
      ),
  },
};
