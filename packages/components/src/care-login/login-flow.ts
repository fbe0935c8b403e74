import { ContextEvent } from '@lit/context';
import type {
  ActivationInvite,
  AuthStep,
  FirstLoginView,
  PasswordPolicy,
  SecondFactorSettings,
  SessionSecondFactor,
  SessionView,
  SignedInStep,
  TotpEnrolment,
} from '@care-widgets/bff/api-types';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { TemplateResult } from 'lit/html.js';
import { ApiError, CareApiClient, defaultApiBase } from '../shared/api-client.js';
import { portalContext, whenPortalDefined, type PortalState } from '../shared/context.js';
import type { Locale } from '../shared/i18n.js';
import { isLocale, MessagesController, type WidgetMessages } from '../shared/messages.js';
import { adoptLightDomStyles } from '../shared/light-dom-styles.js';
import { loginMessages, t } from './care-login.messages.js';
import { careLoginStyles } from './care-login.styles.js';

/** The code step as the BFF describes it (POST /auth/login, /auth/code/resend, GET /auth/session). */
export type SecondFactorStep = SessionSecondFactor & { codeSent?: boolean };
export type SignedIn = SignedInStep['session'];
export type { AuthStep, PasswordPolicy, SecondFactorSettings, SessionView, TotpEnrolment };
export type FirstLogin = FirstLoginView;
export type Activation = ActivationInvite;
export type SecondFactorMethod = SecondFactorSettings['allowed'][number];

/** "Mijn inloggegevens" (steps/account.ts). */
export interface AccountView {
  /** Which form the step's alert and notice belong to. */
  section: 'password' | 'factor';
  factors?: SecondFactorSettings;
  choice?: SecondFactorMethod;
  enrolment?: TotpEnrolment;
}

export interface CareLoginDetail {
  accountId: string;
  displayName: string;
  clientId: string | null;
  /** True when the page was opened with a session that was already signed in. */
  restored: boolean;
}

export type Step =
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
  /** The code step's (set as it is entered, steps/code.ts): the challenge, the digits typed, "trust this computer". */
  challenge?: SecondFactorStep;
  code?: string;
  trust?: boolean;
  /** When "Opnieuw versturen" becomes available, in ms since the epoch. */
  resendAt?: number;
  /** The new password's two fields (steps/new-password.ts), for its live checklist. */
  newPassword?: string;
  repeatPassword?: string;
  firstLogin?: FirstLogin;
  session?: SignedIn;
  /** The ?reset= or ?activate= token of the page's link. */
  token?: string;
  /** What the BFF said of that link when the page opened (steps/recovery.ts). */
  link?: { state: 'valid' | 'used' | 'expired' | 'replaced' | 'unknown'; accountActive?: boolean; proof?: 'dateOfBirth' | 'mobile' };
  /** The activation's proof as typed, `{ dateOfBirth }` or `{ mobile }`: sent again with the new password. */
  proof?: Record<string, string>;
  activation?: Activation;
  account?: AccountView;
}

/**
 * The steps after the first screen, each a module of its own (steps/*.ts) that the flow loads on
 * first use, all of them in one chunk (after-first-screen.ts): the code, and the steps few
 * clients see (first login, forgotten password, the reset and activation links, the signed-in
 * client's password and second factor).
 */
export interface StepModule {
  steps: Partial<Record<Step, (flow: LoginFlow) => TemplateResult>>;
  messages: WidgetMessages<string> | Array<WidgetMessages<string>>;
  /** CSS text (shared/css-text.ts), adopted into the login's root when the first of these steps shows. */
  styles: string;
  /** Called before each render while one of these steps shows. */
  update?: (flow: LoginFlow) => void;
  /** Called when the flow goes from one of these steps to another step, or the login leaves the page. */
  leave?: (flow: LoginFlow) => void;
}

/** answers.ts: where each answer of the BFF leads, and the errors of every step. */
export interface Answers {
  resume(flow: LoginFlow, session: SessionView): Promise<boolean>;
  afterStep(flow: LoginFlow, result: AuthStep): Promise<unknown>;
  showError(flow: LoginFlow, cause: unknown): Promise<unknown>;
}

/** The modules of the steps after the first screen, loaded on first use; the element names them (care-login.component.ts). */
export type StepModules = Partial<Record<Step, () => Promise<StepModule>>>;

/** The element the flow runs in: <care-login>, with its attributes. */
export interface LoginHost extends ReactiveControllerHost, HTMLElement {
  tenant?: string | undefined;
  api?: string | undefined;
  language?: string | undefined;
}

const ignore = () => undefined;

let instances = 0;

/**
 * The login's state machine: the portal's state (or its own, alone on a page), the step shown and
 * what it holds, one request at a time with its errors, and the loading of the steps' modules.
 * The steps render from it and act through it; the element renders its current step.
 */
export class LoginFlow implements ReactiveController {
  view: LoginView = {
    step: 'loading',
    busy: false,
    error: '',
    invalid: [],
    notice: '',
    showPassword: false,
    username: '',
  };
  /** The surrounding <care-portal>'s state, kept current while connected (see #askPortal). */
  portal: PortalState | undefined;
  /** The state of a login without a portal around it. */
  #own: PortalState | undefined;
  /** The modules of the steps loaded so far, by step. */
  readonly loaded: Partial<Record<Step, StepModule>> = {};
  /** What the element focuses after the next render: a selector (see care-login.component.ts). */
  focus = '';
  readonly #steps: StepModules;
  #leavePortal: (() => void) | undefined;
  readonly #onPortal = (state: PortalState, unsubscribe?: () => void) => {
    if (this.#leavePortal !== unsubscribe) this.#leavePortal?.();
    this.#leavePortal = unsubscribe;
    this.portal = state;
    this.host.requestUpdate();
  };
  #startedWith: CareApiClient | undefined;
  /** The `api` and `tenant` the login asked for its own tenant with. */
  #ownFor = '';
  readonly #uid = `care-login-${++instances}`;
  readonly #catalogues: Array<WidgetMessages<string>> = [loginMessages];

  declare readonly host: LoginHost;
  /** Loads answers.ts: when the page opens mid-login or signed in, or with the first request of a step. */
  declare readonly answers: () => Promise<Answers>;

  /** `steps`: the module of each step after the first screen (named by the element, which loads nothing itself). */
  constructor(host: LoginHost, steps: StepModules, answers: () => Promise<Answers>) {
    this.host = host;
    this.answers = answers;
    this.#steps = steps;
    host.addController(this);
    new MessagesController(host, this.#catalogues, () => this.locale);
  }

  hostConnected() {
    adoptLightDomStyles(this.host, careLoginStyles);
    this.#askPortal();
    whenPortalDefined(
      this.host,
      () => this.#askPortal(),
      () => {
        this.#own = { status: 'error' } as PortalState;
        this.host.requestUpdate();
      },
    );
  }

  /**
   * Asks the surrounding <care-portal> for its state and every change of it with @lit/context's
   * request event. The widgets' ContextConsumer controller would do the same, but its chunk is
   * more than the login's first screen can spare (SPEC: 12 KB with lit).
   */
  #askPortal() {
    this.host.dispatchEvent(new ContextEvent(portalContext, this.host, this.#onPortal, true));
  }

  hostDisconnected() {
    this.loaded[this.view.step]?.leave?.(this);
    this.#leavePortal?.();
    this.#leavePortal = undefined;
  }

  hostUpdate() {
    // Alone on a page, with `tenant` (and `api`): the login asks the BFF for the tenant itself, again when they change.
    const { tenant, api } = this.host;
    if (!this.portal && tenant && this.#ownFor !== (this.#ownFor = `${api} ${tenant}`)) void this.#useOwnTenant(tenant, api);
    const state = this.state;
    if (state?.status === 'ready' && state.tenant && state.api !== this.#startedWith) {
      this.#startedWith = state.api;
      void this.#start(state.api);
    }
    this.loaded[this.view.step]?.update?.(this);
  }

  get state(): PortalState | undefined {
    return this.portal ?? this.#own;
  }

  get locale(): Locale {
    const { language } = this.host;
    return isLocale(language) ? language : (this.state?.locale ?? 'nl');
  }

  /** The API client, its `lang` the login's. */
  get api(): CareApiClient {
    const { api } = this.state!;
    api.lang = this.locale;
    return api;
  }

  idOf(name: string) {
    return `${this.#uid}-${name}`;
  }

  patch(changes: Partial<LoginView>) {
    this.view = { ...this.view, ...changes };
    this.host.requestUpdate();
  }

  /** Loads the module of `step` with its styles and its texts in the current language, once. */
  async load(step: Step) {
    const load = this.#steps[step];
    if (load && !this.loaded[step]) {
      const module = await load();
      adoptLightDomStyles(this.host, module.styles);
      for (const messages of [module.messages].flat()) if (!this.#catalogues.includes(messages)) this.#catalogues.push(messages);
      await Promise.all(this.#catalogues.map((messages) => messages.load(this.locale)));
      for (const name in module.steps) this.loaded[name as Step] = module;
    }
  }

  /**
   * To another step: its heading gets the focus, unless the page just opened. A step of a module
   * not loaded yet is shown once the module and its texts in the current language are there.
   */
  async go(step: Step, changes: Partial<LoginView> = {}, focus = true) {
    await this.load(step);
    if (step !== this.view.step) this.loaded[this.view.step]?.leave?.(this);
    this.focus = focus ? '.care-login__heading' : '';
    this.patch({ error: '', invalid: [], notice: '', showPassword: false, ...changes, step });
  }

  async #useOwnTenant(slug: string, base: string | undefined) {
    const api = new CareApiClient(base ?? defaultApiBase(), slug);
    this.#own = { status: 'loading', locale: 'nl', api, session: null };
    this.host.requestUpdate();
    try {
      const tenant = await api.tenant();
      if (this.#own?.api !== api) return;
      this.#own = { status: 'ready', tenant, locale: tenant.defaultLocale === 'en' ? 'en' : 'nl', api, session: null };
    } catch (error) {
      if (this.#own?.api !== api) return;
      this.#own = { status: 'error', locale: 'nl', api, session: null, error: error instanceof ApiError ? error : ApiError.offline(error) };
    }
    this.host.requestUpdate();
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
    try {
      if (reset) return await this.go('reset', { token: reset }, false);
      if (activate) return await this.go('activate', { token: activate }, false);
      const session = await api.get<SessionView>('/auth/session');
      await texts;
      if (api !== this.#startedWith) return;
      // Signed out, nothing but the fields is needed yet: the steps' chunk loads after they show.
      if (session.state !== 'signed-out' && (await (await this.answers()).resume(this, session))) return;
    } catch {
      // The BFF cannot be reached: the form says so when it is sent.
    }
    await texts.catch(ignore);
    if (api !== this.#startedWith) return;
    await this.go('login', {}, false);
    // Once the fields are there, the code step may load: it is then ready however fast the password is.
    this.load('code').catch(ignore);
  }

  /** Runs one request of a step: busy while it runs, never twice at once, errors in the alert. */
  async run(work: () => Promise<unknown>) {
    if (this.view.busy) return;
    this.patch({ busy: true, error: '', invalid: [], notice: '' });
    try {
      await work();
    } catch (error) {
      const answers = await this.answers().catch(ignore);
      if (answers) await answers.showError(this, error);
      else this.fail(t(this, 'unavailable'));
    } finally {
      this.patch({ busy: false });
    }
  }

  /**
   * Sends a step of signing in (the password, the code, the first login's password and terms) and
   * goes where the BFF's answer leads (answers.ts, fetched meanwhile if it is not there yet).
   */
  async send(path: string, body: object) {
    const [answers, result] = await Promise.all([this.answers(), this.api.post<AuthStep>(path, body)]);
    return answers.afterStep(this, result);
  }

  /** The step's alert; with `invalid`, those fields are marked and the first gets the focus. */
  fail(error: string, invalid: string[] = []) {
    if (invalid.length) this.focus = '[aria-invalid=true]';
    this.patch({ error, invalid });
  }
}
