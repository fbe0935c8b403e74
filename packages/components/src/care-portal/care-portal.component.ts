import { ContextProvider } from '@lit/context';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { ApiError, CareApiClient, defaultApiBase, type PublicTenant } from '../shared/api-client.js';
import { portalContext, type PortalSession, type PortalState } from '../shared/context.js';
import { emit } from '../shared/events.js';
import type { Locale } from '../shared/i18n.js';
import { isLocale, MessagesController } from '../shared/messages.js';
import { loadTenantTheme, themeUrl } from '../shared/tenant-theme.js';
import { portalMessages } from './care-portal.messages.js';
import { carePortalStyles } from './care-portal.styles.js';
import type { ClientPicker } from './client-picker.js';
import type { SessionWatch } from './session-watch.js';

export interface CarePortalReadyDetail {
  tenant: PublicTenant;
}

export interface CarePortalErrorDetail {
  error: ApiError;
}

/**
 * Provides tenant settings, locale, session and the API client to every care widget inside it.
 * Widgets placed outside a portal work alone with their own attributes.
 *
 * It also applies the tenant's theme: it fetches `{api}/themes/{tenant}.css` from the BFF and
 * adopts it into its own shadow root, where the theme's `:host` rule sets the `--care-*` tokens on
 * the portal element; every widget inside inherits them. Nothing is added to the host page's
 * document. A host page still overrides any token by setting it on `care-portal` itself (a page's
 * rule for the element beats the element's own `:host` rule); tokens set on an ancestor such as
 * `:root` apply only with `theme="none"`, where the page supplies every token itself.
 *
 * A person with access to more than one client (a daughter of a mother and a father) chooses
 * after signing in whose file to see, and can switch later; the widgets wait for the choice and
 * reload for each new client. A client with only an own file sees no choice.
 *
 * The portal also makes the session the same in every tab and ends it visibly. A sign-in, or a
 * switch to another client, in one tab of the same portal shows in the others without a reload.
 * The first `care-session-expired` of any widget, or a logout in another tab, clears every
 * widget's data and brings the login back with the reason. Two minutes before the tenant's idle
 * timeout it asks "Bent u er nog?" with "Ingelogd blijven"; two minutes before the session's
 * absolute limit, which nothing extends, it says "U wordt over 2 minuten uitgelogd. Log daarna
 * opnieuw in." (WCAG 2.2.1). At either moment it logs out.
 *
 * @summary The client portal of one care organisation.
 *
 * @slot - The widgets of the portal (`<care-login>`, `<care-reports>`, …) and any host content.
 *
 * @fires care-portal-ready - The tenant settings are loaded. `detail: { tenant }`.
 * @fires care-portal-error - The tenant settings could not be loaded. `detail: { error }` (an `ApiError`).
 * @fires care-client-changed - A person with access to more than one client chose whose file to see, after signing in or later. `detail: { clientId, name, relationship }`. Every widget reloads for that client.
 *
 * @csspart error - The alert shown when the portal cannot load its organisation.
 * @csspart client-picker - "Van wie wilt u het dossier bekijken?": the list of clients, shown instead of the portal's content after signing in.
 * @csspart client-choice - One client in that list (a button).
 * @csspart client-bar - "U bekijkt het dossier van …" with "Ander dossier kiezen", for a person with more than one client.
 * @csspart session-warning - The dialog shown two minutes before the idle timeout or the absolute limit of the session.
 *
 * @cssproperty --care-font-family - Font of the portal's own texts. Default: inherited from the page.
 * @cssproperty --care-color-text - Text colour. Default: inherited from the page.
 * @cssproperty --care-color-danger - Border colour of the error alert.
 * @cssproperty --care-color-danger-surface - Background of the error alert.
 * @cssproperty --care-color-danger-text - Text colour of the error alert.
 * @cssproperty --care-radius - Corner radius of boxes.
 *
 * @attr state - Reflects the loading state: `loading`, `ready` or `error`. Read-only.
 * @attr theme - `none`: do not load the tenant's theme from the BFF (the host page sets the tokens).
 */
export class CarePortal extends LitElement {
  static override styles = carePortalStyles;

  static override properties = {
    tenant: { type: String },
    api: { type: String },
    // The native `lang` attribute: the element's own `lang` property stays the native one, and an
    // absent attribute must stay absent so host content inside keeps the page's language.
    language: { type: String, attribute: 'lang' },
    theme: { type: String },
    portal: { state: true },
  };

  /** Slug of the care organisation, e.g. `zorggroep-de-linde`. */
  declare tenant: string;
  /**
   * Base URL of the BFF, e.g. `https://portaal.zorggroep.nl`. `""` means the page's own origin;
   * when absent, the origin the widget script was loaded from.
   */
  declare api: string | undefined;
  /** `nl` or `en` (attribute `lang`); when absent, the organisation's default language. */
  declare language: string | undefined;
  /** `none` keeps the tenant's theme out; absent: the theme the BFF serves for the tenant. */
  declare theme: string | undefined;
  declare protected portal: PortalState;

  private readonly provider: ContextProvider<typeof portalContext>;
  private loading: AbortController | undefined;
  private needsLoad = true;

  constructor() {
    super();
    this.tenant = '';
    this.api = undefined;
    this.language = undefined;
    this.theme = undefined;
    this.portal = {
      status: 'loading',
      locale: 'nl',
      api: new CareApiClient(defaultApiBase(), ''),
      session: null,
    };
    this.provider = new ContextProvider(this, { context: portalContext, initialValue: this.portal });
    new MessagesController(this, [portalMessages], () => this.portal.locale);
    // The login tells by events, so a login of another copy of care-widgets, or one defined before
    // the portal, still reaches it.
    this.addEventListener('care-login', ({ detail }) => {
      // After a fresh sign-in, client-picker.ts asks whose file to show before the widgets load.
      this.setSession({ ...detail, clientId: detail.clientId ?? '', state: 'active', chooseClient: !detail.restored });
    });
    this.addEventListener('care-logout', () => this.setSession(null));
    this.addEventListener('care-session-expired', () => void this.#watch?.then((watch) => watch.end('expired')));
  }

  #watch: Promise<SessionWatch> | undefined;
  /** Whether tab-sign-in.ts, which makes a sign-in in another tab show here, is loaded. */
  #tabs = false;
  #watching: SessionWatch | undefined;
  #picker: Promise<ClientPicker> | undefined;
  #picking: ClientPicker | undefined;

  /** The current portal state, as widgets see it through `portalContext`. */
  get portalState(): PortalState {
    return this.portal;
  }

  /**
   * Who is signed in; `null` after a logout, with the reason the login shows. The portal follows
   * its login's `care-login` and `care-logout` events itself.
   */
  setSession(session: PortalSession | null, signedOutReason?: string): void {
    this.portal = { ...this.portal, session, sessionChecked: !session?.chooseClient, signedOutReason };
  }

  /**
   * Shows the session the BFF has after a sign-in in another tab of the same portal: a fresh
   * start, as after a reload, so the login and every widget take it up. The portal calls it
   * itself; a host page has no need to.
   */
  followSession(session: PortalSession): void {
    const { api } = this.portal;
    this.portal = {
      ...this.portal,
      api: new CareApiClient(api.apiBase, api.tenantSlug),
      session,
      sessionChecked: true,
      signedOutReason: undefined,
    };
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.needsLoad) this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    if (this.loading) {
      this.loading.abort();
      this.loading = undefined;
      this.needsLoad = true;
    }
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('tenant') || changed.has('api')) this.needsLoad = true;
    if (this.needsLoad && this.isConnected) {
      this.needsLoad = false;
      void this.load();
      void this.applyTheme();
    } else if (changed.has('theme')) {
      void this.applyTheme();
    } else if (changed.has('language')) {
      this.portal = { ...this.portal, locale: this.localeFor(this.portal.tenant) };
    }
    if (changed.has('portal')) {
      if (this.portal.status === 'ready' && !this.#tabs) {
        this.#tabs = true;
        void import('./tab-sign-in.js').then((module) => new module.TabSignIn(this));
      }
      const { session } = this.portal;
      if (session) {
        this.#watch ??= import('./session-watch.js').then((module) => (this.#watching = new module.SessionWatch(this)));
      }
      // client-picker.ts itself sees whether there is a choice: after a sign-in, or with more than one client.
      if (session && !this.#picker)
        this.#picker = import('./client-picker.js').then((module) => (this.#picking = new module.ClientPicker(this)));
      this.provider.setValue(this.portal);
      this.setAttribute('state', this.portal.status);
    }
  }

  private async load(): Promise<void> {
    this.loading?.abort();
    const controller = new AbortController();
    this.loading = controller;

    const api = new CareApiClient(this.api ?? defaultApiBase(), this.tenant);
    // A new tenant means a new session: the old one belongs to another organisation.
    this.portal = { status: 'loading', locale: this.localeFor(undefined), api, session: null, sessionChecked: false };

    if (!this.tenant) {
      this.fail(api, new ApiError({ kind: 'problem', status: 404, code: 'tenant-not-found', title: 'No tenant attribute' }));
      return;
    }
    try {
      const [tenant, session] = await Promise.all([api.tenant({ signal: controller.signal }), signedInSession(api, controller.signal)]);
      if (controller.signal.aborted) return;
      // A login widget that knows better (it just signed someone in) may have told us meanwhile.
      this.portal = {
        status: 'ready',
        tenant,
        locale: this.localeFor(tenant),
        api,
        session: this.portal.session ?? session,
        sessionChecked: true,
      };
      emit(this, 'care-portal-ready', { tenant });
    } catch (error) {
      if (controller.signal.aborted) return;
      this.fail(api, error instanceof ApiError ? error : ApiError.offline(error));
    } finally {
      if (this.loading === controller) this.loading = undefined;
    }
  }

  private themeSheet: CSSStyleSheet | HTMLStyleElement | undefined;
  private themeRequest = 0;

  /**
   * Adopts the tenant's theme into the shadow root, in parallel with loading the tenant. A theme
   * that does not load leaves the widgets on their fallback styles; the portal still works.
   */
  private async applyTheme(): Promise<void> {
    const request = ++this.themeRequest;
    const wanted = this.tenant && this.theme !== 'none' ? themeUrl(this.api ?? defaultApiBase(), this.tenant) : undefined;
    let sheet: CSSStyleSheet | string | undefined;
    if (wanted) {
      try {
        sheet = await loadTenantTheme(wanted);
      } catch {
        sheet = undefined;
      }
    }
    if (request !== this.themeRequest) return;
    await this.updateComplete;
    const root = this.renderRoot as ShadowRoot;
    if (this.themeSheet instanceof CSSStyleSheet) {
      const old = this.themeSheet;
      root.adoptedStyleSheets = root.adoptedStyleSheets.filter((s) => s !== old);
    } else this.themeSheet?.remove();
    this.themeSheet = undefined;
    if (sheet instanceof CSSStyleSheet) {
      // After Lit's own styles: the theme only sets custom properties on :host.
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
      this.themeSheet = sheet;
    } else if (typeof sheet === 'string') {
      const style = document.createElement('style');
      style.textContent = sheet;
      root.prepend(style);
      this.themeSheet = style;
    }
  }

  private fail(api: CareApiClient, error: ApiError): void {
    this.portal = { status: 'error', locale: this.localeFor(undefined), api, session: null, error };
    emit(this, 'care-portal-error', { error });
  }

  private localeFor(tenant: PublicTenant | undefined): Locale {
    if (isLocale(this.language)) return this.language;
    if (tenant && isLocale(tenant.defaultLocale)) return tenant.defaultLocale;
    return 'nl';
  }

  protected override render() {
    const { status, error, locale } = this.portal;
    return html`${status === 'error' && error ? this.renderError(error, locale) : nothing}${this.#watching?.render()}${this.#picking?.render()}<slot></slot>`;
  }

  private renderError(error: ApiError, locale: Locale) {
    const text = portalMessages.t(locale, error.code === 'tenant-not-found' ? 'portal.error.tenantNotFound' : 'portal.error.unavailable');
    return html`<div part="error" role="alert">
      ${text}
      ${
        error.requestId
          ? html`<span class="request-id">${portalMessages.t(locale, 'portal.error.requestId', { requestId: error.requestId })}</span>`
          : nothing
      }
    </div>`;
  }
}

/** Who is signed in at the BFF for this tenant, if anyone; a failed check counts as nobody. */
async function signedInSession(api: CareApiClient, signal: AbortSignal): Promise<PortalSession | null> {
  try {
    // The whole view: besides who and which client, its clientName and clientCount are the PortalSession's too.
    const view = await api.get<PortalSession>('/auth/session', { signal });
    return view.state === 'active' && view.accountId && view.clientId ? { ...view, displayName: view.displayName ?? '' } : null;
  } catch {
    return null;
  }
}
