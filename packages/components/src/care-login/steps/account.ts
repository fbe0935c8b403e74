import { css, html, nothing, unsafeCSS } from 'lit';
import { codeInput } from '../../shared/code-input/code-input.js';
import type { CareLogin, StepModule } from '../care-login.component.js';
import { scope } from '../care-login.styles.js';
import { codeStepStyles } from './code.js';
import { codeMessages } from './code.messages.js';
import { newPasswordFields, t } from './new-password.js';
import { stepMessages } from './steps.messages.js';
import { stepStyles } from './steps.styles.js';

/**
 * "Mijn inloggegevens": the signed-in client changes the password and chooses the second factor,
 * including the enrolment of an authenticator app (seeds 003/004 §2, 000, 002).
 */

export type SecondFactorMethod = 'sms' | 'email' | 'totp';

/** GET /auth/second-factor, PUT /auth/second-factor and POST /auth/totp/confirm. */
export interface SecondFactorSettings {
  current: SecondFactorMethod | null;
  allowed: SecondFactorMethod[];
  totpEnrolled: boolean;
  destinations: { sms: string | null; email: string | null };
}

/** POST /auth/totp/enrol. */
export interface TotpEnrolment {
  qrDataUrl: string;
  manualKey: string;
  issuer: string;
  accountName: string;
}

export interface AccountView {
  /** Which form the step's alert and notice belong to. */
  section: 'password' | 'factor';
  factors?: SecondFactorSettings;
  choice?: SecondFactorMethod;
  enrolment?: TotpEnrolment;
}

const METHODS: SecondFactorMethod[] = ['sms', 'email', 'totp'];

function account(login: CareLogin): AccountView {
  return login.view.account ?? { section: 'password' };
}

function patchAccount(login: CareLogin, changes: Partial<AccountView>) {
  login.patch({ account: { ...account(login), ...changes } });
}

/** The factors are asked once the step shows; until then the section is absent. */
async function loadFactors(login: CareLogin) {
  const factors = await login.apiClient.get<SecondFactorSettings>('/auth/second-factor').catch(() => undefined);
  if (login.view.step === 'account') patchAccount(login, { factors, choice: factors?.current ?? undefined });
}

function changePassword(login: CareLogin, form: HTMLFormElement) {
  patchAccount(login, { section: 'password' });
  const data = new FormData(form);
  return login.run(async () => {
    await login.apiClient.post('/auth/password/change', {
      currentPassword: data.get('currentPassword'),
      newPassword: data.get('newPassword'),
      repeatPassword: data.get('repeatPassword'),
    });
    form.reset();
    login.patch({ newPassword: '', repeatPassword: '', showPassword: false, notice: t(login, 'account.passwordChanged') });
  });
}

/** Choosing the app without one enrolled starts the enrolment: a QR code and a key to type. */
function choose(login: CareLogin, choice: SecondFactorMethod) {
  patchAccount(login, { section: 'factor', choice, enrolment: undefined });
  if (choice !== 'totp' || account(login).factors?.totpEnrolled) return;
  return login.run(async () => patchAccount(login, { enrolment: await login.apiClient.post<TotpEnrolment>('/auth/totp/enrol', {}) }));
}

function saveFactor(login: CareLogin, form: HTMLFormElement) {
  const { choice, enrolment } = account(login);
  patchAccount(login, { section: 'factor' });
  if (enrolment) {
    const code = String(new FormData(form).get('code') ?? '');
    if (!/^\d{6}$/.test(code)) return login.fail(codeMessages.t(login.locale, 'code.invalid'), ['code']);
    return login.run(async () => {
      const factors = await login.apiClient.post<SecondFactorSettings>('/auth/totp/confirm', { code });
      patchAccount(login, { factors, choice: 'totp', enrolment: undefined });
      login.patch({ notice: t(login, 'account.totpDone') });
    });
  }
  return login.run(async () => {
    const factors = await login.apiClient.put<SecondFactorSettings>('/auth/second-factor', { method: choice });
    patchAccount(login, { factors });
    login.patch({ notice: t(login, 'account.factorSaved') });
  });
}

/** The step's alert and notice, in the form the last action came from; ids stay unique. */
function messages(login: CareLogin, section: AccountView['section']) {
  const own = account(login).section === section;
  const { error, notice } = login.view;
  return html`<div class="care-login__notice" part="notice" role="status">${own ? notice || nothing : nothing}</div>
    <div class="care-login__alert" part="error" role="alert" id=${login.idOf(own ? 'error' : `error-${section}`)}>${own ? error || nothing : nothing}</div>`;
}

function onSubmit(login: CareLogin, save: (login: CareLogin, form: HTMLFormElement) => unknown) {
  return (e: SubmitEvent) => {
    e.preventDefault();
    if (!login.view.busy) void save(login, e.currentTarget as HTMLFormElement);
  };
}

function renderPassword(login: CareLogin) {
  const username = login.view.username;
  return html`<form class="care-login__form" part="form" method="post" action="#" novalidate data-step="account" aria-labelledby=${login.idOf('password-heading')} @submit=${onSubmit(login, changePassword)}>
    <h3 class="care-account__heading" id=${login.idOf('password-heading')}>${t(login, 'account.password')}</h3>
    ${messages(login, 'password')}
    <p>${t(login, 'account.passwordIntro')}</p>
    ${username ? html`<input type="text" name="username" autocomplete="username" .value=${username} hidden readonly />` : nothing}
    ${login.input('currentPassword', t(login, 'account.current'), login.passwordType, 'current-password')}
    ${newPasswordFields(login, 'newPassword', undefined, username || null, 'account.passwordSubmit')}
  </form>`;
}

function renderFactor(login: CareLogin) {
  const { factors, choice, enrolment } = account(login);
  if (!factors) return nothing;
  const offered = METHODS.filter((m) => factors.allowed.includes(m));
  if (offered.length < 2 && offered[0] === factors.current) return nothing;
  const invalid = login.view.invalid.includes('code');
  const hintId = login.idOf('factor-intro');
  const option = (method: SecondFactorMethod) => {
    const destination = method === 'totp' ? '' : factors.destinations[method];
    const id = login.idOf(`factor-${method}`);
    return html`<div class="care-login__check">
      <input
        type="radio"
        id=${id}
        name="method"
        value=${method}
        .checked=${choice === method}
        ?disabled=${method !== 'totp' && !destination}
        @change=${() => choose(login, method)}
      />
      <label for=${id}
        >${t(login, `account.${method}`, { destination: destination ?? t(login, 'account.unknown') })}
        ${method === factors.current ? t(login, 'account.current.note') : nothing}</label
      >
    </div>`;
  };
  return html`<form class="care-login__form" part="form" method="post" action="#" novalidate data-step="account-factor" aria-labelledby=${login.idOf('factor-heading')} @submit=${onSubmit(login, saveFactor)}>
    <h3 class="care-account__heading" id=${login.idOf('factor-heading')}>${t(login, 'account.factor')}</h3>
    ${messages(login, 'factor')}
    <p id=${hintId}>${t(login, 'account.factorIntro')}</p>
    <fieldset class="care-account__choice" aria-describedby=${hintId}>
      <legend>${t(login, 'account.factorLegend')}</legend>
      ${offered.map(option)}
    </fieldset>
    ${
      enrolment
        ? html`<p>${t(login, 'account.enrolIntro')}</p>
          <img class="care-account__qr" src=${enrolment.qrDataUrl} alt=${t(login, 'account.qr', { account: enrolment.accountName })} width="200" height="200" />
          <p class="care-account__key-label" id=${login.idOf('key-label')}>${t(login, 'account.key')}</p>
          <p class="care-account__key" aria-labelledby=${login.idOf('key-label')}>${enrolment.manualKey
            .replace(/\s/g, '')
            .match(/.{1,4}/g)!
            .join(' ')}</p>
          <div class="care-login__field">
            ${codeInput({
              id: login.idOf('code'),
              label: t(login, 'account.code'),
              prefix: null,
              value: login.view.code,
              describedBy: [login.idOf('code-hint'), invalid ? login.idOf('error') : ''].filter(Boolean).join(' '),
              invalid,
              onCode: (code) => login.patch({ code }),
            })}
            <p class="care-login__hint" id=${login.idOf('code-hint')}>${codeMessages.t(login.locale, 'code.hint')}</p>
          </div>
          <div class="care-login__actions">${login.submit(t(login, 'account.confirm'))}</div>`
        : html`<div class="care-login__actions">${login.submit(t(login, 'account.factorSubmit'), !choice || choice === factors.current)}</div>`
    }
  </form>`;
}

function renderAccount(login: CareLogin) {
  if (!login.view.account) {
    login.view.account = { section: 'password' };
    queueMicrotask(() => void loadFactors(login));
  }
  return html`<h2 class="care-login__heading" part="heading" tabindex="-1">${t(login, 'account.heading')}</h2>
    ${renderPassword(login)} ${renderFactor(login)}
    <div class="care-login__actions">
      ${login.link(t(login, 'account.back'), () => login.go('done', { account: undefined, newPassword: '', repeatPassword: '', code: '' }))}
    </div>`;
}

const s = unsafeCSS(scope);

const accountStyles = css`
  ${stepStyles}
  ${codeStepStyles}
  ${s} .care-account__heading {
    margin: 1.5em 0 0.5em;
    font-size: 1.125em;
  }
  ${s} .care-account__choice {
    margin: 0 0 1em;
    padding: 0;
    border: 0;
  }
  ${s} .care-account__choice legend {
    margin: 0 0 0.5em;
    padding: 0;
    font-weight: 600;
  }
  ${s} .care-account__qr {
    display: block;
    margin: 0 0 1em;
    border: 1px solid var(--care-color-border, #7b8794);
    border-radius: var(--care-radius, 6px);
  }
  ${s} .care-account__key-label {
    margin: 0 0 0.25em;
    font-weight: 600;
  }
  ${s} .care-account__key {
    margin: 0 0 1em;
    font-family: monospace;
    font-size: 1.125em;
    letter-spacing: 0.1em;
    word-spacing: 0.25em;
  }
`;

export const steps: StepModule['steps'] = { account: renderAccount };
const accountMessages: StepModule['messages'] = [stepMessages, codeMessages];
export { accountMessages as messages, accountStyles as styles };
