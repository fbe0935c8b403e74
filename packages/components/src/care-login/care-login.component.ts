import { ContextConsumer } from '@lit/context';
import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { ApiError, CareApiClient, defaultApiBase } from '../shared/api-client.js';
import { codeDigits, codeInput, receiveSmsCode } from '../shared/code-input/code-input.js';
import { portalContext, type PortalSession, type PortalState } from '../shared/context.js';
import { isLocale, msg, type Locale, type MessageKey } from '../shared/i18n.js';
import { adoptLightDomStyles } from '../shared/light-dom-styles.js';
import { careLoginStyles } from './care-login.styles.js';
import { passwordChecklist, renderChecklist, type PasswordPolicy } from './password-checklist.js';

type Channel = 'sms' | 'email' | 'totp';

/** The code step as the BFF describes it (POST /auth/login, /auth/code/resend, GET /auth/session). */
interface SecondFactorStep {
  channel: Channel;
  prefix: string | null;
  codeSent?: boolean;
  resendAvailableInSeconds: number;
  destinationHint: string | null;
  trustedDeviceDays: number;
}

type FirstLoginStep = 'password' | 'terms';

interface SignedIn {
  accountId: string;
  displayName: string;
  clientId: string | null;
}

type AuthStep =
  | ({ step: 'second-factor' } & SecondFactorStep)
  | { step: 'first-login'; remaining: FirstLoginStep[] }
  | { step: 'done'; session: SignedIn };

interface FirstLogin {
  remaining: FirstLoginStep[];
  terms: { version: string; text: string };
  passwordPolicy: PasswordPolicy;
  username: string;
}

interface SessionView extends SignedIn {
  state: 'second_factor' | 'pending' | 'active';
  secondFactor?: SecondFactorStep | null;
  firstLogin?: { remaining: FirstLoginStep[] };
}

interface Activation {
  usernameSuggestion: string;
  passwordPolicy: PasswordPolicy;
}

type Step = 'loading' | 'login' | 'code' | 'password' | 'terms' | 'done' | 'forgot' | 'forgot-sent' | 'reset' | 'activate' | 'activate-choose';

/** Everything the login shows; one object, replaced on every change. */
interface LoginView {
  step: Step;
  busy: boolean;
  /** The alert of the step, as the BFF worded it or our own. */
  error: string;
  /** Names of the fields the error is about (aria-invalid). */
  invalid: string[];
  /** A confirmation for the client ("Er is een nieuwe inlogcode verstuurd."). */
  notice: string;
  showPassword: boolean;
  username: string;
  challenge?: SecondFactorStep;
  code: string;
  trust: boolean;
  /** When "Opnieuw versturen" becomes available, in ms since the epoch. */
  resendAt: number;
  newPassword: string;
  repeatPassword: string;
  firstLogin?: FirstLogin;
  session?: SignedIn;
  /** The ?reset= or ?activate= token of the page's link. */
  token?: string;
  dateOfBirth?: string;
  activation?: Activation;
}

export interface CareLoginDetail {
  displayName: string;
  clientId: string | null;
  /** True when the page was opened with a session that was already signed in. */
  restored: boolean;
}

/** A <care-portal> somewhere above, in this tree or a host's. */
interface PortalElement extends Element {
  setSession(session: PortalSession | null): void;
}

let instances = 0;

/**
 * The login of the client portal: username and password, the code by SMS, e-mail or an
 * authenticator app, the first login's new password and terms of use, a forgotten password's
 * reset link and the activation of an invited account (`?reset=` and `?activate=` in the page's
 * address). Inside `<care-portal>` it tells the portal the session; alone it needs `tenant`.
 *
 * Rendered into the light DOM, not a shadow root: password managers and the browser's
 * one-time-code autofill do not reliably see inputs in shadow roots, so the credential fields
 * are native inputs in a real `<form>` of the page. Its styles are adopted into the document (or
 * the shadow root it lives in) and every selector starts with `care-login .care-login`; the
 * element's own tags are reset with `all: revert` so the host page's element styles do not leak
 * in. Theme it with the `--care-*` tokens; `part` attributes mark the stable pieces, which a
 * host page reaches as `care-login [part~="button"]` (there is no shadow root for `::part()`).
 *
 * @summary Login with password and SMS code, first login, forgotten password, activation.
 *
 * @fires care-login - Signed in. `detail: { displayName, clientId, restored }`; bubbles, composed.
 * @fires care-logout - Signed out with "Uitloggen". Bubbles, composed.
 *
 * @csspart form - The form of the current step.
 * @csspart heading - The step's heading (an h2 that receives focus when the step changes).
 * @csspart input - Every text, password and code input.
 * @csspart code-input - The 6-digit code input.
 * @csspart label - The labels of the inputs.
 * @csspart button - The main button of a step.
 * @csspart link - Link-like buttons: "Wachtwoord vergeten?", "Terug naar inloggen".
 * @csspart error - The alert with the step's error.
 * @csspart notice - A confirmation, e.g. that a new code was sent.
 * @csspart checklist - The password rules with ✓ and ✗.
 *
 * @cssproperty --care-font-family - Font. Default: inherited from the page.
 * @cssproperty --care-font-size - Base size; never below 16px. Default: 1em of the page.
 * @cssproperty --care-color-text - Text colour.
 * @cssproperty --care-color-text-muted - Hints.
 * @cssproperty --care-color-background - Input background.
 * @cssproperty --care-color-surface - Background of the terms text and of the code prefix.
 * @cssproperty --care-color-border - Input borders.
 * @cssproperty --care-color-primary - Buttons and links.
 * @cssproperty --care-color-primary-text - Text on buttons.
 * @cssproperty --care-color-focus - Focus outline.
 * @cssproperty --care-color-danger - Error border, ✗ marks, invalid inputs.
 * @cssproperty --care-color-danger-surface - Background of the error alert.
 * @cssproperty --care-color-danger-text - Text of the error alert.
 * @cssproperty --care-color-success - ✓ marks and the confirmation's border.
 * @cssproperty --care-radius - Corner radius.
 *
 * @attr tenant - Slug of the care organisation, when used without `<care-portal>`.
 * @attr api - Base URL of the BFF, when used without `<care-portal>` (as on `<care-portal>`).
 * @attr lang - `nl` or `en`; when absent, the portal's language.
 */
export class CareLogin extends LitElement {
  static override properties = {
    tenant: { type: String },
    api: { type: String },
    language: { type: String, attribute: 'lang' },
    view: { state: true },
  };

  declare tenant: string | undefined;
  declare api: string | undefined;
  declare language: string | undefined;
  declare protected view: LoginView;

  private readonly portal = new ContextConsumer(this, { context: portalContext, subscribe: true });
  /** The state of a login without a portal around it. */
  private own: PortalState | undefined;
  private startedWith: CareApiClient | undefined;
  private readonly uid = `care-login-${++instances}`;
  private focusHeading = false;
  private focusError = false;
  private ticker: ReturnType<typeof setInterval> | undefined;
  private webOtp: AbortController | undefined;

  constructor() {
    super();
    this.view = {
      step: 'loading',
      busy: false,
      error: '',
      invalid: [],
      notice: '',
      showPassword: false,
      username: '',
      code: '',
      trust: false,
      resendAt: 0,
      newPassword: '',
      repeatPassword: '',
    };
  }

  protected override createRenderRoot() {
    return this;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    adoptLightDomStyles(this, careLoginStyles);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.leaveCodeStep();
  }

  private get state(): PortalState | undefined {
    return this.portal.value ?? this.own;
  }

  private get locale(): Locale {
    return isLocale(this.language) ? this.language : (this.state?.locale ?? 'nl');
  }

  private t(key: MessageKey, params?: Record<string, string | number>) {
    return msg(this.locale, key, params);
  }

  private idOf(name: string) {
    return `${this.uid}-${name}`;
  }

  private patch(changes: Partial<LoginView>) {
    this.view = { ...this.view, ...changes };
  }

  /** To another step: its heading gets the focus, unless the page just opened. */
  private go(step: Step, changes: Partial<LoginView> = {}, focus = true) {
    if (step !== 'code') this.leaveCodeStep();
    this.focusHeading = focus;
    this.patch({ error: '', invalid: [], notice: '', showPassword: false, ...changes, step });
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (!this.portal.value && this.tenant && (changed.has('tenant') || changed.has('api'))) void this.loadOwnTenant();
    const state = this.state;
    if (state?.status === 'ready' && state.tenant && state.api !== this.startedWith) {
      this.startedWith = state.api;
      void this.start(state.api);
    }
  }

  protected override updated(): void {
    if (this.focusHeading) {
      this.focusHeading = false;
      this.querySelector<HTMLElement>('.care-login__heading')?.focus();
    }
    if (this.focusError) {
      this.focusError = false;
      const field = this.querySelector<HTMLInputElement>('.care-login [aria-invalid="true"]');
      field?.focus();
      if (field && field.type !== 'checkbox' && field.type !== 'date') field.select();
    }
  }

  private async loadOwnTenant() {
    const api = new CareApiClient(this.api ?? defaultApiBase(), this.tenant!);
    this.own = { status: 'loading', locale: 'nl', api, session: null };
    this.requestUpdate();
    try {
      const tenant = await api.tenant();
      if (this.own?.api !== api) return;
      this.own = { status: 'ready', tenant, locale: isLocale(tenant.defaultLocale) ? tenant.defaultLocale : 'nl', api, session: null };
    } catch (error) {
      if (this.own?.api !== api) return;
      this.own = { status: 'error', locale: 'nl', api, session: null, error: error instanceof ApiError ? error : ApiError.offline(error) };
    }
    this.requestUpdate();
  }

  /** Where the page opened: a reset or activation link, a session in progress, or none. */
  private async start(api: CareApiClient) {
    const params = new URLSearchParams(location.search);
    const reset = params.get('reset');
    const activate = params.get('activate');
    if (reset) return this.go('reset', { token: reset }, false);
    if (activate) return this.go('activate', { token: activate }, false);
    try {
      const session = await api.get<SessionView>('/auth/session');
      if (api !== this.startedWith) return;
      if (session.state === 'active') return this.signedIn(session, true);
      if (session.state === 'second_factor' && session.secondFactor) return this.enterCode({ ...session.secondFactor, codeSent: true }, false);
      if (session.state === 'pending') return await this.firstLoginStep(session.firstLogin?.remaining ?? ['password', 'terms'], false);
    } catch {
      // Not signed in (401), or the BFF cannot be reached: the form says so when it is sent.
    }
    if (api === this.startedWith) this.go('login', {}, false);
  }

  private get apiClient(): CareApiClient {
    return this.state!.api;
  }

  /** Runs one request of a step: busy while it runs, never twice at once, errors in the alert. */
  private async run(work: () => Promise<unknown>) {
    if (this.view.busy) return;
    this.patch({ busy: true, error: '', invalid: [], notice: '' });
    try {
      await work();
    } catch (error) {
      this.showError(error);
    } finally {
      this.patch({ busy: false });
    }
  }

  private showError(cause: unknown) {
    if (!(cause instanceof ApiError)) {
      console.error(cause);
      return this.fail(this.t('login.error.generic'));
    }
    if (cause.kind === 'offline') return this.fail(this.t('login.error.offline'));
    if (cause.status === 401 && cause.code !== 'invalid-credentials' && this.view.step !== 'login') {
      return this.go('login', { error: this.t('login.error.sessionExpired') });
    }
    let text = cause.detail ?? cause.title;
    if (cause.status === 429 && cause.retryAfter && !/\d/.test(text)) {
      text += ` ${this.t('login.error.wait', { time: this.duration(cause.retryAfter) })}`;
    }
    const fields = cause.errors.map((e) => e.field);
    if (cause.code === 'invalid-credentials') fields.push('password');
    return this.fail(text, fields);
  }

  private fail(error: string, invalid: string[] = []) {
    this.focusError = invalid.length > 0;
    this.patch({ error, invalid });
  }

  private duration(seconds: number) {
    return seconds < 120 ? this.t('login.seconds', { n: seconds }) : this.t('login.minutes', { n: Math.ceil(seconds / 60) });
  }

  private async afterStep(result: AuthStep) {
    if (result.step === 'second-factor') return this.enterCode(result);
    if (result.step === 'first-login') return this.firstLoginStep(result.remaining);
    return this.signedIn(result.session, false);
  }

  // --- step 1: username and password ------------------------------------------------------

  private login(form: FormData) {
    const username = String(form.get('username') ?? '').trim();
    const password = String(form.get('password') ?? '');
    const missing = [!username && 'username', !password && 'password'].filter((f): f is string => Boolean(f));
    if (missing.length) {
      return this.fail(missing.map((f) => this.t('login.required', { field: this.t(`login.${f}` as MessageKey).toLowerCase() })).join(' '), missing);
    }
    this.patch({ username, firstLogin: undefined });
    return this.run(async () => this.afterStep(await this.apiClient.post<AuthStep>('/auth/login', { username, password })));
  }

  // --- step 2: the code ----------------------------------------------------------------------

  private enterCode(challenge: SecondFactorStep, focus = true) {
    const notSent = challenge.codeSent === false && challenge.channel !== 'totp';
    this.go('code', { challenge, code: '', trust: false, resendAt: Date.now() + challenge.resendAvailableInSeconds * 1000 }, focus);
    if (notSent) this.patch({ error: this.t('login.code.notSent', { time: this.duration(challenge.resendAvailableInSeconds) }) });
    this.startTicker();
    if (challenge.channel === 'sms') this.listenForSms(challenge.prefix);
  }

  private startTicker() {
    this.ticker ??= setInterval(() => {
      if (Date.now() >= this.view.resendAt && this.ticker) {
        clearInterval(this.ticker);
        this.ticker = undefined;
      }
      this.requestUpdate();
    }, 1000);
  }

  /** WebOTP: where the browser can read the SMS itself, the code fills in and is sent. */
  private listenForSms(prefix: string | null) {
    this.webOtp?.abort();
    const controller = new AbortController();
    this.webOtp = controller;
    void receiveSmsCode(controller.signal).then((code) => {
      if (!code || controller.signal.aborted || this.view.step !== 'code') return;
      this.patch({ code: codeDigits(code, prefix) });
      void this.verify();
    });
  }

  private leaveCodeStep() {
    this.webOtp?.abort();
    this.webOtp = undefined;
    if (this.ticker) clearInterval(this.ticker);
    this.ticker = undefined;
  }

  private verify() {
    const { code, challenge, trust } = this.view;
    if (!/^\d{6}$/.test(code)) return this.fail(this.t('login.code.invalid'), ['code']);
    const full = challenge?.prefix ? `${challenge.prefix}-${code}` : code;
    return this.run(async () => this.afterStep(await this.apiClient.post<AuthStep>('/auth/code/verify', { code: full, ...(trust ? { trustDevice: true } : {}) })));
  }

  private resend() {
    return this.run(async () => {
      try {
        const next = await this.apiClient.post<SecondFactorStep>('/auth/code/resend', {});
        this.enterCode(next, false);
        if (next.codeSent) this.patch({ notice: this.t('login.code.resent') });
      } catch (error) {
        if (error instanceof ApiError && error.status === 429 && error.retryAfter) {
          this.patch({ resendAt: Date.now() + error.retryAfter * 1000 });
          this.startTicker();
        }
        throw error;
      }
      this.querySelector<HTMLInputElement>('.care-code__input')?.focus();
    });
  }

  // --- first login: new password, terms -----------------------------------------------------------

  private async firstLoginStep(remaining: FirstLoginStep[], focus = true) {
    if (!this.view.firstLogin) this.patch({ firstLogin: await this.apiClient.get<FirstLogin>('/auth/first-login') });
    const next = remaining[0] ?? 'terms';
    this.go(next, { newPassword: '', repeatPassword: '' }, focus);
  }

  private saveFirstPassword(form: FormData) {
    return this.run(async () =>
      this.afterStep(
        await this.apiClient.post<AuthStep>('/auth/first-login/password', {
          newPassword: form.get('newPassword'),
          repeatPassword: form.get('repeatPassword'),
        }),
      ),
    );
  }

  private acceptTerms(form: FormData) {
    if (!form.get('accept')) return this.fail(this.t('login.terms.required'), ['accept']);
    return this.run(async () => {
      try {
        await this.afterStep(await this.apiClient.post<AuthStep>('/auth/first-login/terms', { version: this.view.firstLogin!.terms.version }));
      } catch (error) {
        // New terms were published while the client was reading: show those.
        if (error instanceof ApiError && error.code === 'terms-version-changed') {
          this.patch({ firstLogin: await this.apiClient.get<FirstLogin>('/auth/first-login') });
        }
        throw error;
      }
    });
  }

  // --- signed in ----------------------------------------------------------------------------------

  private portalElement(): PortalElement | null {
    for (let node: Node | null = this.parentNode; node; node = node instanceof ShadowRoot ? node.host : node.parentNode) {
      if (node instanceof Element && node.localName === 'care-portal' && 'setSession' in node) return node as PortalElement;
    }
    return null;
  }

  private signedIn(session: SignedIn, restored: boolean) {
    this.go('done', { session, firstLogin: undefined }, !restored);
    this.portalElement()?.setSession({ accountId: session.accountId, displayName: session.displayName, clientId: session.clientId ?? '', state: 'active' });
    this.dispatchEvent(
      new CustomEvent<CareLoginDetail>('care-login', {
        detail: { displayName: session.displayName, clientId: session.clientId, restored },
        bubbles: true,
        composed: true,
      }),
    );
  }

  private logout() {
    return this.run(async () => {
      await this.apiClient.post('/auth/logout', {});
      this.portalElement()?.setSession(null);
      this.go('login', { session: undefined, notice: this.t('login.loggedOut') });
      this.dispatchEvent(new CustomEvent('care-logout', { bubbles: true, composed: true }));
    });
  }

  // --- forgotten password, reset link, activation link ------------------------------------------------

  private forgot(form: FormData) {
    const username = String(form.get('username') ?? '').trim();
    if (!username) return this.fail(this.t('login.required', { field: this.t('login.username').toLowerCase() }), ['username']);
    return this.run(async () => {
      await this.apiClient.post('/auth/password/forgot', { username, pageUrl: location.href });
      this.go('forgot-sent');
    });
  }

  /** The link's token must not stay in the address bar or the history once it is used. */
  private forgetLinkToken() {
    const url = new URL(location.href);
    url.searchParams.delete('reset');
    url.searchParams.delete('activate');
    history.replaceState(history.state, '', url);
  }

  private reset(form: FormData) {
    return this.run(async () => {
      await this.apiClient.post('/auth/password/reset', {
        token: this.view.token,
        newPassword: form.get('newPassword'),
        repeatPassword: form.get('repeatPassword'),
      });
      this.forgetLinkToken();
      this.go('login', { token: undefined, notice: this.t('login.resetDone') });
    });
  }

  private verifyActivation(form: FormData) {
    const dateOfBirth = String(form.get('dateOfBirth') ?? '');
    if (!dateOfBirth) return this.fail(this.t('login.required', { field: this.t('login.activate.dateOfBirth').toLowerCase() }), ['dateOfBirth']);
    return this.run(async () => {
      const activation = await this.apiClient.post<Activation>('/auth/activation/verify', { token: this.view.token, dateOfBirth });
      this.go('activate-choose', { activation, dateOfBirth, username: activation.usernameSuggestion, newPassword: '', repeatPassword: '' });
    });
  }

  private completeActivation(form: FormData) {
    const { token, dateOfBirth } = this.view;
    return this.run(async () => {
      const done = await this.apiClient.post<{ username: string }>('/auth/activation/complete', {
        token,
        dateOfBirth,
        username: String(form.get('username') ?? '').trim(),
        password: form.get('password'),
        repeatPassword: form.get('repeatPassword'),
      });
      this.forgetLinkToken();
      this.go('login', { token: undefined, activation: undefined, username: done.username, notice: this.t('login.activated') });
    });
  }

  // --- rendering --------------------------------------------------------------------------------------

  protected override render() {
    const state = this.state;
    if (state?.status === 'error' && !this.portal.value) {
      return html`<div class="care-login"><p class="care-login__alert" part="error" role="alert">${this.t('portal.error.unavailable')}</p></div>`;
    }
    if (state?.status !== 'ready' || this.view.step === 'loading') return nothing;
    return html`<div class="care-login" lang=${this.locale}>${this.renderStep()}</div>`;
  }

  private renderStep(): TemplateResult {
    switch (this.view.step) {
      case 'code':
        return this.renderCode();
      case 'password':
        return this.form(this.t('login.newPassword.heading'), (f) => this.saveFirstPassword(f), html`
          <p>${this.t('login.newPassword.firstLogin')}</p>
          <input type="text" name="username" autocomplete="username" .value=${this.view.firstLogin?.username ?? ''} hidden readonly />
          ${this.newPasswordFields('newPassword', this.view.firstLogin?.passwordPolicy, this.view.firstLogin?.username ?? null, 'login.newPassword.submit')}
        `);
      case 'terms':
        return this.renderTerms();
      case 'done':
        return this.form(this.t('login.done.heading'), () => this.logout(), html`
          <p>${this.t('login.done.as', { name: this.view.session?.displayName ?? '' })}</p>
          ${this.submit(this.t('login.logout'))}
        `);
      case 'forgot':
        return this.form(this.t('login.forgot.heading'), (f) => this.forgot(f), html`
          <p>${this.t('login.forgot.intro')}</p>
          ${this.input('username', this.t('login.username'), 'text', 'username', { value: this.view.username })}
          <div class="care-login__actions">${this.submit(this.t('login.forgot.submit'))} ${this.backLink()}</div>
        `);
      case 'forgot-sent':
        return this.form(this.t('login.forgot.heading'), () => this.go('login'), html`
          <p>${this.t('login.forgot.sent')}</p>
          ${this.submit(this.t('login.back'))}
        `);
      case 'reset':
        return this.form(this.t('login.reset.heading'), (f) => this.reset(f), html`
          <p>${this.t('login.reset.intro')}</p>
          ${this.newPasswordFields('newPassword', undefined, null, 'login.newPassword.submit')}
          <div class="care-login__actions">${this.backLink()}</div>
        `);
      case 'activate':
        return this.form(this.t('login.activate.heading'), (f) => this.verifyActivation(f), html`
          <p>${this.t('login.activate.intro')}</p>
          ${this.input('dateOfBirth', this.t('login.activate.dateOfBirth'), 'date', 'bday')}
          ${this.submit(this.t('login.activate.verify'))}
        `);
      case 'activate-choose':
        return this.form(this.t('login.activate.choose'), (f) => this.completeActivation(f), html`
          <p>${this.t('login.activate.chooseIntro')}</p>
          ${this.input('username', this.t('login.username'), 'text', 'username', {
            value: this.view.activation?.usernameSuggestion ?? '',
            onInput: (username) => this.patch({ username }),
          })}
          ${this.newPasswordFields('password', this.view.activation?.passwordPolicy, this.view.username, 'login.activate.submit')}
        `);
      default:
        return this.renderLogin();
    }
  }

  /** Every step is a real form, so Enter sends it and password managers see it. */
  private form(heading: string, onSubmit: (form: FormData) => unknown, body: TemplateResult) {
    const submit = (e: SubmitEvent) => {
      e.preventDefault();
      if (!this.view.busy) void onSubmit(new FormData(e.currentTarget as HTMLFormElement));
    };
    return html`<form class="care-login__form" part="form" method="post" action="#" novalidate data-step=${this.view.step} @submit=${submit}>
      <h2 class="care-login__heading" part="heading" tabindex="-1">${heading}</h2>
      <div class="care-login__notice" part="notice" role="status">${this.view.notice || nothing}</div>
      <div class="care-login__alert" part="error" role="alert" id=${this.idOf('error')}>${this.view.error || nothing}</div>
      ${body}
    </form>`;
  }

  private input(
    name: string,
    label: string,
    type: string,
    autocomplete: string,
    options: { value?: string; onInput?: (value: string) => void; describedBy?: string } = {},
  ) {
    const id = this.idOf(name);
    const invalid = this.view.invalid.includes(name);
    const describedBy = [options.describedBy, invalid ? this.idOf('error') : ''].filter(Boolean).join(' ');
    return html`<div class="care-login__field">
      <label class="care-login__label" part="label" for=${id}>${label}</label>
      <input
        class="care-login__input"
        part="input"
        id=${id}
        name=${name}
        type=${type}
        autocomplete=${autocomplete}
        autocapitalize="none"
        spellcheck="false"
        value=${options.value ?? nothing}
        aria-invalid=${invalid ? 'true' : 'false'}
        aria-describedby=${describedBy || nothing}
        @input=${options.onInput ? (e: Event) => options.onInput!((e.target as HTMLInputElement).value) : nothing}
      />
    </div>`;
  }

  private submit(label: string, disabled = false) {
    const busy = this.view.busy;
    return html`<button class="care-login__button" part="button" type="submit" ?disabled=${disabled} aria-busy=${busy ? 'true' : 'false'}>
      ${busy ? this.t('login.busy') : label}
    </button>`;
  }

  private backLink() {
    return html`<button class="care-login__link" part="link" type="button" @click=${() => this.go('login')}>${this.t('login.back')}</button>`;
  }

  private passwordToggle() {
    const shown = this.view.showPassword;
    return html`<button
      class="care-login__toggle"
      type="button"
      aria-pressed=${shown ? 'true' : 'false'}
      @click=${() => this.patch({ showPassword: !shown })}
    >
      <span class="care-login__box" aria-hidden="true">${shown ? '✓' : ''}</span>${this.t('login.showPassword')}
    </button>`;
  }

  private get passwordType() {
    return this.view.showPassword ? 'text' : 'password';
  }

  private renderLogin() {
    const channel = this.state?.tenant?.secondFactors.default ?? 'sms';
    return this.form(this.t('login.heading'), (f) => this.login(f), html`
      ${this.input('username', this.t('login.username'), 'text', 'username', { value: this.view.username })}
      ${this.input('password', this.t('login.password'), this.passwordType, 'current-password')} ${this.passwordToggle()}
      <div class="care-login__actions">
        ${this.submit(this.t(`login.submit.${channel}`))}
        <button class="care-login__link" part="link" type="button" @click=${() => this.go('forgot')}>${this.t('login.forgot')}</button>
      </div>
    `);
  }

  private renderCode() {
    const { challenge, code, invalid, busy } = this.view;
    const channel = challenge?.channel ?? 'sms';
    const prefix = challenge?.prefix ?? null;
    const totp = channel === 'totp';
    const wait = Math.max(0, Math.ceil((this.view.resendAt - Date.now()) / 1000));
    const days = challenge?.trustedDeviceDays ?? this.state?.tenant?.trustedDeviceDays ?? 0;
    const hintId = this.idOf('code-hint');
    const intro = totp
      ? this.t('login.code.totp')
      : this.t(`login.code.${channel}`, { destination: challenge?.destinationHint ?? '', prefix: prefix ?? 'xxxx' });
    return this.form(this.t('login.code.heading'), () => this.verify(), html`
      <p>${intro}</p>
      <div class="care-login__field">
        ${codeInput({
          id: this.idOf('code'),
          label: this.t(totp ? 'login.code.totpLabel' : 'login.code.label'),
          prefix,
          value: code,
          describedBy: [hintId, invalid.includes('code') ? this.idOf('error') : ''].filter(Boolean).join(' '),
          invalid: invalid.includes('code'),
          onCode: (digits) => this.patch({ code: digits }),
        })}
        <p class="care-login__hint" id=${hintId}>${prefix ? this.t('login.code.prefixNote') : this.t('login.code.hint')}</p>
      </div>
      ${days > 0
        ? html`<div class="care-login__check">
            <input
              type="checkbox"
              id=${this.idOf('trust')}
              name="trustDevice"
              .checked=${this.view.trust}
              aria-describedby=${this.idOf('trust-hint')}
              @change=${(e: Event) => this.patch({ trust: (e.target as HTMLInputElement).checked })}
            />
            <label for=${this.idOf('trust')}>${this.t('login.code.trust', { days })}</label>
            <p class="care-login__hint" id=${this.idOf('trust-hint')}>${this.t('login.code.trustHint', { days })}</p>
          </div>`
        : nothing}
      <div class="care-login__actions">
        ${this.submit(this.t(totp ? 'login.code.totpSubmit' : 'login.code.submit'))}
        ${totp
          ? nothing
          : html`<button
              class="care-login__button care-login__button--secondary"
              part="button resend"
              type="button"
              ?disabled=${wait > 0 || busy}
              aria-describedby=${wait > 0 ? this.idOf('resend-wait') : nothing}
              @click=${() => this.resend()}
            >
              ${this.t('login.code.resend')}
            </button>`}
      </div>
      ${!totp && wait > 0 ? html`<p class="care-login__hint care-login__countdown" id=${this.idOf('resend-wait')}>${this.t('login.code.resendIn', { n: wait })}</p>` : nothing}
      <div class="care-login__actions">${this.backLink()}</div>
    `);
  }

  private newPasswordFields(name: 'newPassword' | 'password', policy: PasswordPolicy | undefined, username: string | null, submitKey: MessageKey) {
    const rulesOf = policy ?? this.state!.tenant!.passwordPolicy;
    const rules = passwordChecklist(this.view.newPassword, this.view.repeatPassword, rulesOf, username);
    const ready = rules.every((r) => r.ok);
    const checklistId = this.idOf('checklist');
    const activation = this.view.step === 'activate-choose';
    return html`
      ${this.input(name, this.t(activation ? 'login.activate.password' : 'login.newPassword.new'), this.passwordType, 'new-password', {
        describedBy: checklistId,
        onInput: (newPassword) => this.patch({ newPassword }),
      })}
      ${this.input('repeatPassword', this.t(activation ? 'login.activate.repeat' : 'login.newPassword.repeat'), this.passwordType, 'new-password', {
        onInput: (repeatPassword) => this.patch({ repeatPassword }),
      })}
      ${this.passwordToggle()} ${renderChecklist(checklistId, rules, rulesOf, this.locale)}
      <p class="care-login__hint">${this.t('login.newPassword.tip')}</p>
      <div class="care-login__actions">${this.submit(this.t(submitKey), !ready)}</div>
      ${ready ? nothing : html`<p class="care-login__hint">${this.t('login.newPassword.notReady')}</p>`}
    `;
  }

  private renderTerms() {
    const terms = this.view.firstLogin?.terms;
    const invalid = this.view.invalid.includes('accept');
    return this.form(this.t('login.terms.heading'), (f) => this.acceptTerms(f), html`
      <p>${this.t('login.terms.intro', { version: terms?.version ?? '' })}</p>
      <div class="care-login__terms" tabindex="0" role="region" aria-label=${this.t('login.terms.heading')}>${terms?.text ?? ''}</div>
      <div class="care-login__check">
        <input
          type="checkbox"
          id=${this.idOf('accept')}
          name="accept"
          aria-invalid=${invalid ? 'true' : 'false'}
          aria-describedby=${invalid ? this.idOf('error') : nothing}
        />
        <label for=${this.idOf('accept')}>${this.t('login.terms.accept')}</label>
      </div>
      <div class="care-login__actions">${this.submit(this.t('login.terms.submit'))}</div>
    `);
  }
}
