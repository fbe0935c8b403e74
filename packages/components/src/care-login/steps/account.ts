import { html, nothing } from 'lit/html.js';
import type { AccountView, LoginFlow, SecondFactorMethod, SecondFactorSettings, StepModule, TotpEnrolment } from '../login-flow.js';
import { codeField } from './code.js';
import { codeMessages, t as codeT } from './code.messages.js';
import { input, link, submit } from './form.js';
import { newPasswordFields } from './new-password.js';
import { whileSignedIn } from './signed-in.js';
import { stepMessages, t } from './steps.messages.js';
import { stepStyles } from './steps.styles.js';

/**
 * "Mijn inloggegevens": the signed-in client changes the password and chooses the second factor,
 * including the enrolment of an authenticator app (seeds 003/004 §2, 000, 002).
 */

const METHODS: SecondFactorMethod[] = ['sms', 'email', 'totp'];

function account(flow: LoginFlow): AccountView {
  return flow.view.account ?? { section: 'password' };
}

function patchAccount(flow: LoginFlow, changes: Partial<AccountView>) {
  flow.patch({ account: { ...account(flow), ...changes } });
}

/** The factors are asked once the step shows; until then the section is absent. */
async function loadFactors(flow: LoginFlow) {
  const factors = await flow.api.get<SecondFactorSettings>('/auth/second-factor').catch(() => undefined);
  if (flow.view.step === 'account') patchAccount(flow, { factors, choice: factors?.current ?? undefined });
}

function changePassword(flow: LoginFlow, form: HTMLFormElement) {
  patchAccount(flow, { section: 'password' });
  const data = new FormData(form);
  return flow.run(async () => {
    await flow.api.post('/auth/password/change', {
      currentPassword: data.get('currentPassword'),
      newPassword: data.get('newPassword'),
      repeatPassword: data.get('repeatPassword'),
    });
    form.reset();
    flow.patch({ newPassword: '', repeatPassword: '', showPassword: false, notice: t(flow, 'account.passwordChanged') });
  });
}

/** Choosing the app without one enrolled starts the enrolment: a QR code and a key to type. */
function choose(flow: LoginFlow, choice: SecondFactorMethod) {
  patchAccount(flow, { section: 'factor', choice, enrolment: undefined });
  if (choice !== 'totp' || account(flow).factors?.totpEnrolled) return;
  return flow.run(async () => patchAccount(flow, { enrolment: await flow.api.post<TotpEnrolment>('/auth/totp/enrol', {}) }));
}

function saveFactor(flow: LoginFlow, form: HTMLFormElement) {
  const { choice, enrolment } = account(flow);
  patchAccount(flow, { section: 'factor' });
  if (enrolment) {
    const code = String(new FormData(form).get('code') ?? '');
    if (!/^\d{6}$/.test(code)) return flow.fail(codeT(flow, 'code.invalid'), ['code']);
    return flow.run(async () => {
      const factors = await flow.api.post<SecondFactorSettings>('/auth/totp/confirm', { code });
      patchAccount(flow, { factors, choice: 'totp', enrolment: undefined });
      flow.patch({ notice: t(flow, 'account.totpDone') });
    });
  }
  return flow.run(async () => {
    const factors = await flow.api.put<SecondFactorSettings>('/auth/second-factor', { method: choice });
    patchAccount(flow, { factors });
    flow.patch({ notice: t(flow, 'account.factorSaved') });
  });
}

/** The step's alert and notice, in the form the last action came from; ids stay unique. */
function messages(flow: LoginFlow, section: AccountView['section']) {
  const own = account(flow).section === section;
  const { error, notice } = flow.view;
  return html`<div class="care-login__notice" part="notice" role="status">${own ? notice || nothing : nothing}</div>
    <div class="care-login__alert" part="error" role="alert" id=${flow.idOf(own ? 'error' : `error-${section}`)}>${own ? error || nothing : nothing}</div>`;
}

function onSubmit(flow: LoginFlow, save: (flow: LoginFlow, form: HTMLFormElement) => unknown) {
  return (e: SubmitEvent) => {
    e.preventDefault();
    if (!flow.view.busy) void save(flow, e.currentTarget as HTMLFormElement);
  };
}

function renderPassword(flow: LoginFlow) {
  const username = flow.view.username;
  return html`<form class="care-login__form" part="form" method="post" action="#" novalidate data-step="account" aria-labelledby=${flow.idOf('password-heading')} @submit=${onSubmit(flow, changePassword)}>
    <h3 class="care-account__heading" id=${flow.idOf('password-heading')}>${t(flow, 'account.password')}</h3>
    ${messages(flow, 'password')}
    <p>${t(flow, 'account.passwordIntro')}</p>
    ${username ? html`<input type="text" name="username" autocomplete="username" .value=${username} hidden readonly />` : nothing}
    ${input(flow, 'currentPassword', t(flow, 'account.current'), 'password', 'current-password')}
    ${newPasswordFields(flow, 'newPassword', undefined, username || null, 'account.passwordSubmit')}
  </form>`;
}

function renderFactor(flow: LoginFlow) {
  const { factors, choice, enrolment } = account(flow);
  if (!factors) return nothing;
  const offered = METHODS.filter((m) => factors.allowed.includes(m));
  if (offered.length < 2 && offered[0] === factors.current) return nothing;
  const hintId = flow.idOf('factor-intro');
  const option = (method: SecondFactorMethod) => {
    const destination = method === 'totp' ? '' : factors.destinations[method];
    const id = flow.idOf(`factor-${method}`);
    return html`<div class="care-login__check">
      <input
        type="radio"
        id=${id}
        name="method"
        value=${method}
        .checked=${choice === method}
        ?disabled=${method !== 'totp' && !destination}
        @change=${() => choose(flow, method)}
      />
      <label for=${id}
        >${t(flow, `account.${method}`, { destination: destination ?? t(flow, 'account.unknown') })}
        ${method === factors.current ? t(flow, 'account.current.note') : nothing}</label
      >
    </div>`;
  };
  return html`<form class="care-login__form" part="form" method="post" action="#" novalidate data-step="account-factor" aria-labelledby=${flow.idOf('factor-heading')} @submit=${onSubmit(flow, saveFactor)}>
    <h3 class="care-account__heading" id=${flow.idOf('factor-heading')}>${t(flow, 'account.factor')}</h3>
    ${messages(flow, 'factor')}
    <p id=${hintId}>${t(flow, 'account.factorIntro')}</p>
    <fieldset class="care-account__choice" aria-describedby=${hintId}>
      <legend>${t(flow, 'account.factorLegend')}</legend>
      ${offered.map(option)}
    </fieldset>
    ${
      enrolment
        ? html`<p>${t(flow, 'account.enrolIntro')}</p>
          <img class="care-account__qr" src=${enrolment.qrDataUrl} alt=${t(flow, 'account.qr', { account: enrolment.accountName })} width="200" height="200" />
          <p class="care-account__key-label" id=${flow.idOf('key-label')}>${t(flow, 'account.key')}</p>
          <p class="care-account__key" aria-labelledby=${flow.idOf('key-label')}>${enrolment.manualKey
            .replace(/\s/g, '')
            .match(/.{1,4}/g)!
            .join(' ')}</p>
          ${codeField(flow, t(flow, 'account.code'), null, codeT(flow, 'code.hint'))}
          <div class="care-login__actions">${submit(flow, t(flow, 'account.confirm'))}</div>`
        : html`<div class="care-login__actions">${submit(flow, t(flow, 'account.factorSubmit'), !choice || choice === factors.current)}</div>`
    }
  </form>`;
}

function renderAccount(flow: LoginFlow) {
  if (!flow.view.account) {
    flow.view.account = { section: 'password' };
    queueMicrotask(() => void loadFactors(flow));
  }
  return html`<h2 class="care-login__heading" part="heading" tabindex="-1">${t(flow, 'account.heading')}</h2>
    ${renderPassword(flow)} ${renderFactor(flow)}
    <div class="care-login__actions">
      ${link(t(flow, 'account.back'), () => flow.go('done', { account: undefined, newPassword: '', repeatPassword: '', code: '' }))}
    </div>`;
}

/** "Mijn inloggegevens" (after-first-screen.ts). */
export const accountStep: StepModule = {
  steps: { account: renderAccount },
  messages: [stepMessages, codeMessages],
  styles: stepStyles,
  update: whileSignedIn,
};
