import { ContextEvent } from '@lit/context';
import { html, LitElement, nothing, type CSSResult, type PropertyValues, type TemplateResult } from 'lit';
import { ApiError, CareApiClient, defaultApiBase, type PublicTenant } from '../shared/api-client.js';
import { portalContext, whenPortalDefined, type PortalState } from '../shared/context.js';
import type { Locale } from '../shared/i18n.js';
import { adoptLightDomStyles } from '../shared/light-dom-styles.js';
import { isLocale, MessagesController, type Params, type WidgetMessages } from '../shared/messages.js';
import { loginMessages, type LoginMessageKey } from './care-login.messages.js';
import { careLoginStyles } from './care-login.styles.js';
import type { AccountView } from './steps/account.js';

type Channel = 'sms' | 'email' | 'totp';

/** The code step as the BFF describes it (POST /auth/login, /auth/code/resend, GET /auth/session). */
export interface SecondFactorStep {
  channel: Channel;
  prefix: string | null;
  codeSent?: boolean;
  resendAvailableInSeconds: number;
  destinationHint: string | null;
  trustedDeviceDays: number;
}

type FirstLoginStep = 'password' | 'terms';

export interface SignedIn {
  accountId: string;
  displayName: string;
  clientId: string | null;
}

export type AuthStep =
  | ({ step: 'second-factor' } & SecondFactorStep)
  | { step: 'first-login'; remaining: FirstLoginStep[] }
  | { step: 'done'; session: SignedIn };

export type PasswordPolicy = PublicTenant['passwordPolicy'];

export interface FirstLogin {
  remaining: FirstLoginStep[];
  terms: { version: string; text: string };
  passwordPolicy: PasswordPolicy;
  username: string;
}

export interface SessionView extends SignedIn {
  state: 'signed-out' | 'second_factor' | 'pending' | 'active';
  secondFactor?: SecondFactorStep | null;
  firstLogin?: { remaining: FirstLoginStep[] };
}

export interface Activation {
  usernameSuggestion: string;
  passwordPolicy: PasswordPolicy;
}

type Step =
  | 'loading'
  | 'login'
  | 'code'
  | 'password'
  | 'terms'
  | 'done'
  | 'account'
  | 'forgot'
  | 'forgot-sent'
  | 'reset'
  | 'activate'
  | 'activate-choose';

/** Everything the login shows; one object, replaced on every change. */
export interface LoginView {
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
  /** What the BFF said of that link when the page opened (steps/recovery.ts). */
  link?: { state: 'valid' | 'used' | 'expired' | 'replaced' | 'unknown'; accountActive?: boolean };
  dateOfBirth?: string;
  activation?: Activation;
  /** "Mijn inloggegevens" (steps/account.ts). */
  account?: AccountView;
}

/**
 * The steps after the first screen, in modules of their own that the login loads on first use
 * (steps/*.ts): the code (loaded while the password is checked), and the steps few clients see
 * (first login, forgotten password, the reset and activation links, the signed-in client's
 * password and second factor).
 */
export interface StepModule {
  steps: Partial<Record<Step, (login: CareLogin) => TemplateResult>>;
  messages: WidgetMessages<string> | Array<WidgetMessages<string>>;
  styles: CSSResult;
  /** Called when the login goes from one of these steps to another step, or leaves the page. */
  leave?: (login: CareLogin) => void;
}

const signInSteps = () => import('./steps/sign-in.js');
const codeStep = () => import('./steps/code.js');
const firstLoginSteps = () => import('./steps/first-login.js');
const linkSteps = () => import('./steps/recovery.js');
const stepModules: Partial<Record<Step, () => Promise<StepModule>>> = {
  code: codeStep,
  done: () => import('./steps/signed-in.js'),
  password: firstLoginSteps,
  terms: firstLoginSteps,
  forgot: linkSteps,
  'forgot-sent': linkSteps,
  reset: linkSteps,
  activate: linkSteps,
  'activate-choose': linkSteps,
  account: () => import('./steps/account.js'),
};

export interface CareLoginDetail {
  accountId: string;
  displayName: string;
  clientId: string | null;
  /** True when the page was opened with a session that was already signed in. */
  restored: boolean;
}

let instances = 0;

/**
 * The login of the client portal: username and password, the code by SMS, e-mail or an
 * authenticator app, the first login's new password and terms of use, a forgotten password's
 * reset link and the activation of an invited account (`?reset=` and `?activate=` in the page's
 * address). Inside `<care-portal>` it tells the portal the session; alone it needs `tenant`.
 * Signed in, "Mijn inloggegevens" beside "Uitloggen" lets the client change the password and,
 * where the organisation offers a choice, the second factor, enrolling an authenticator app.
 *
 * Rendered into the light DOM, not a shadow root: password managers and the browser's
 * one-time-code autofill do not reliably see inputs in shadow roots, so the credential fields
 * are native inputs in a real `<form>` of the page. Its styles are adopted into the document (or
 * the shadow root it lives in) and every selector starts with `care-login .care-login`; the
 * element's own tags are reset with `all: revert` so the host page's element styles do not leak
 * in. Theme it with the `--care-*` tokens; `part` attributes mark the stable pieces, which a
 * host page reaches as `care-login [part~="button"]` (there is no shadow root for `::part()`).
 *
 * Username and password are in this module; the code step loads while the password is checked,
 * the rarer steps when first needed, with their styles; Dutch is inline while English is loaded
 * on first use.
 *
 * @summary Login with password and SMS code, first login, forgotten password, activation, own login details.
 *
 * @fires care-login - Signed in. `detail: { accountId, displayName, clientId, restored }`; bubbles, composed. `<care-portal>` follows it.
 * @fires care-logout - Signed out with "Uitloggen". Bubbles, composed. `<care-portal>` follows it.
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
 * @cssproperty --care-font-size - Base size; everything inside is in em. Default: `medium`, the reader's browser setting.
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
    /** @private Read by the steps in steps/; not part of the element's API. */
    view: { state: true },
  };

  declare tenant: string | undefined;
  declare api: string | undefined;
  declare language: string | undefined;
  /** @internal */
  declare view: LoginView;

  /** The surrounding <care-portal>'s state, kept current while connected (see #askPortal). */
  #portal: PortalState | undefined;
  #leavePortal: (() => void) | undefined;
  readonly #onPortal = (state: PortalState, unsubscribe?: () => void) => {
    if (this.#leavePortal !== unsubscribe) this.#leavePortal?.();
    this.#leavePortal = unsubscribe;
    this.#portal = state;
    this.requestUpdate();
  };
  /** The state of a login without a portal around it. */
  #own: PortalState | undefined;
  #startedWith: CareApiClient | undefined;
  readonly #uid = `care-login-${++instances}`;
  #focusHeading = false;
  #focusError = false;
  /** Renderers of the steps loaded so far, and what to do when leaving them (see StepModule). */
  readonly #loaded: StepModule['steps'] = {};
  readonly #leave: Partial<Record<Step, (login: CareLogin) => void>> = {};
  readonly #catalogues: Array<WidgetMessages<string>> = [loginMessages];

  constructor() {
    super();
    new MessagesController(this, this.#catalogues, () => this.locale);
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
    this.#askPortal();
    whenPortalDefined(
      this,
      () => this.#askPortal(),
      () => {
        this.#own = { status: 'error' } as PortalState;
        this.requestUpdate();
      },
    );
  }

  /**
   * Asks the surrounding <care-portal> for its state and every change of it with @lit/context's
   * request event. The widgets' ContextConsumer controller would do the same, but its chunk is
   * more than the login's first screen can spare (SPEC: 12 KB with lit).
   */
  #askPortal() {
    this.dispatchEvent(new ContextEvent(portalContext, this, this.#onPortal, true));
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#leave[this.view.step]?.(this);
    this.#leavePortal?.();
    this.#leavePortal = undefined;
  }

  /** @internal */
  get state(): PortalState | undefined {
    return this.#portal ?? this.#own;
  }

  /** @internal */
  get locale(): Locale {
    return isLocale(this.language) ? this.language : (this.state?.locale ?? 'nl');
  }

  /** @internal */
  t(key: LoginMessageKey, params?: Params) {
    return loginMessages.t(this.locale, key, params);
  }

  /** @internal */
  idOf(name: string) {
    return `${this.#uid}-${name}`;
  }

  /** @internal */
  patch(changes: Partial<LoginView>) {
    this.view = { ...this.view, ...changes };
  }

  /**
   * To another step: its heading gets the focus, unless the page just opened. A step of a module
   * not loaded yet is shown once the module and its texts in the current language are there.
   * @internal
   */
  async go(step: Step, changes: Partial<LoginView> = {}, focus = true) {
    const load = stepModules[step];
    if (load && !this.#loaded[step]) {
      const module = await load();
      adoptLightDomStyles(this, module.styles);
      for (const messages of [module.messages].flat()) if (!this.#catalogues.includes(messages)) this.#catalogues.push(messages);
      await Promise.all(this.#catalogues.map((messages) => messages.load(this.locale)));
      Object.assign(this.#loaded, module.steps);
      for (const name of Object.keys(module.steps) as Step[]) if (module.leave) this.#leave[name] = module.leave;
    }
    if (step !== this.view.step) this.#leave[this.view.step]?.(this);
    this.#focusHeading = focus;
    this.patch({ error: '', invalid: [], notice: '', showPassword: false, ...changes, step });
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (!this.#portal && this.tenant && (changed.has('tenant') || changed.has('api'))) void this.#loadOwnTenant();
    const state = this.state;
    if (state?.status === 'ready' && state.tenant && state.api !== this.#startedWith) {
      this.#startedWith = state.api;
      void this.#start(state.api);
    }
    // The portal ended the session (idle, a 401, a logout in another tab): back to the login, saying why.
    const { step } = this.view;
    if (state?.signedOutReason && !state.session && (step === 'done' || step === 'account')) {
      void this.go('login', { session: undefined, notice: state.signedOutReason });
    }
  }

  protected override updated(): void {
    if (this.#focusHeading) {
      this.#focusHeading = false;
      this.querySelector<HTMLElement>('.care-login__heading')?.focus();
    }
    if (this.#focusError) {
      this.#focusError = false;
      const field = this.querySelector<HTMLInputElement>('.care-login [aria-invalid="true"]');
      field?.focus();
      if (field && field.type !== 'checkbox' && field.type !== 'date') field.select();
    }
  }

  async #loadOwnTenant() {
    const api = new CareApiClient(this.api ?? defaultApiBase(), this.tenant!);
    this.#own = { status: 'loading', locale: 'nl', api, session: null };
    this.requestUpdate();
    try {
      const tenant = await api.tenant();
      if (this.#own?.api !== api) return;
      this.#own = { status: 'ready', tenant, locale: tenant.defaultLocale === 'en' ? 'en' : 'nl', api, session: null };
    } catch (error) {
      if (this.#own?.api !== api) return;
      this.#own = { status: 'error', locale: 'nl', api, session: null, error: error instanceof ApiError ? error : ApiError.offline(error) };
    }
    this.requestUpdate();
  }

  /**
   * Where the page opened: a reset or activation link, a session in progress, or none. The texts
   * in the page's language load meanwhile, so an English page never shows Dutch first.
   */
  async #start(api: CareApiClient) {
    const params = new URLSearchParams(location.search);
    const reset = params.get('reset');
    const activate = params.get('activate');
    const texts = loginMessages.load(this.locale);
    const afterFields = signInSteps();
    afterFields.catch(() => undefined);
    try {
      if (reset) return await this.go('reset', { token: reset }, false);
      if (activate) return await this.go('activate', { token: activate }, false);
      const session = await api.get<SessionView>('/auth/session');
      await texts;
      if (api !== this.#startedWith) return;
      if (session.state !== 'signed-out' && (await (await afterFields).resume(this, session))) return;
    } catch {
      // The BFF cannot be reached: the form says so when it is sent.
    }
    await texts.catch(() => undefined);
    if (api !== this.#startedWith) return;
    await this.go('login', {}, false);
    // Once the fields are there, the code step may load: it is then ready however fast the password is.
    codeStep().catch(() => undefined);
  }

  /** @internal */
  get apiClient(): CareApiClient {
    return this.state!.api;
  }

  /**
   * Runs one request of a step: busy while it runs, never twice at once, errors in the alert.
   * @internal
   */
  async run(work: () => Promise<unknown>) {
    if (this.view.busy) return;
    this.patch({ busy: true, error: '', invalid: [], notice: '' });
    try {
      await work();
    } catch (error) {
      const steps = await signInSteps().catch(() => undefined);
      if (steps) await steps.showError(this, error);
      else this.fail(this.t('unavailable'));
    } finally {
      this.patch({ busy: false });
    }
  }

  /** @internal */
  fail(error: string, invalid: string[] = []) {
    this.#focusError = invalid.length > 0;
    this.patch({ error, invalid });
  }

  /** "Vul uw gebruikersnaam in." for an empty field; `label` is the field's label. @internal */
  required(label: string) {
    return this.t('required', { field: label.toLowerCase() });
  }

  /** @internal */
  async afterStep(result: AuthStep) {
    return (await signInSteps()).afterStep(this, result);
  }

  // --- step 1: username and password; the answer is handled in steps/sign-in.ts -------------

  #login(form: FormData) {
    const username = String(form.get('username') ?? '').trim();
    const password = String(form.get('password') ?? '');
    const missing = [!username && 'username', !password && 'password'].filter((f): f is 'username' | 'password' => Boolean(f));
    if (missing.length) return this.fail(missing.map((f) => this.required(this.t(f))).join(' '), missing);
    this.patch({ username, firstLogin: undefined });
    // The code step's module loads while the BFF checks the password (argon2id takes a while anyway).
    codeStep().catch(() => undefined);
    return this.run(async () => this.afterStep(await this.apiClient.post<AuthStep>('/auth/login', { username, password })));
  }

  // --- rendering --------------------------------------------------------------------------------------

  protected override render() {
    const state = this.state;
    if (state?.status === 'error' && !this.#portal) {
      return html`<div class="care-login"><p class="care-login__alert" part="error" role="alert">${this.t('unavailable')}</p></div>`;
    }
    if (state?.status !== 'ready' || this.view.step === 'loading') return nothing;
    return html`<div class="care-login" lang=${this.locale}>${this.#renderStep()}</div>`;
  }

  #renderStep(): TemplateResult {
    const { step } = this.view;
    const lazy = this.#loaded[step];
    if (lazy) return lazy(this);
    return this.#renderLogin();
  }

  /** Every step is a real form, so Enter sends it and password managers see it. @internal */
  form(heading: string, onSubmit: (form: FormData) => unknown, body: TemplateResult) {
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

  /** @internal */
  input(
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

  /** @internal */
  submit(label: string, disabled = false) {
    const busy = this.view.busy;
    return html`<button class="care-login__button" part="button" type="submit" ?disabled=${disabled} aria-busy=${busy ? 'true' : 'false'}>
      ${busy ? this.t('busy') : label}
    </button>`;
  }

  /** @internal */
  link(label: string, onClick: () => unknown) {
    return html`<button class="care-login__link" part="link" type="button" @click=${onClick}>${label}</button>`;
  }

  /** @internal */
  backLink() {
    return this.link(this.t('back'), () => this.go('login'));
  }

  /** @internal */
  passwordToggle() {
    const shown = this.view.showPassword;
    return html`<button
      class="care-login__toggle"
      type="button"
      aria-pressed=${shown ? 'true' : 'false'}
      @click=${() => this.patch({ showPassword: !shown })}
    >
      <span class="care-login__box" aria-hidden="true">${shown ? '✓' : ''}</span>${this.t('showPassword')}
    </button>`;
  }

  /** @internal */
  get passwordType() {
    return this.view.showPassword ? 'text' : 'password';
  }

  #renderLogin() {
    const channel = this.state?.tenant?.secondFactors.default ?? 'sms';
    return this.form(
      this.t('heading'),
      (f) => this.#login(f),
      html`
      ${this.input('username', this.t('username'), 'text', 'username', { value: this.view.username })}
      ${this.input('password', this.t('password'), this.passwordType, 'current-password')} ${this.passwordToggle()}
      <div class="care-login__actions">
        ${this.submit(this.t(`submit.${channel}`))}
        ${this.link(this.t('forgot'), () => this.run(() => this.go('forgot')))}
      </div>
    `,
    );
  }
}
