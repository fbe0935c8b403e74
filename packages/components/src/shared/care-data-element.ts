import { ContextConsumer } from '@lit/context';
import { LitElement, type PropertyDeclarations, type PropertyValues } from 'lit';
import { ApiError, CareApiClient, defaultApiBase } from './api-client.js';
import { confirmDialog, type ConfirmDialog, type ConfirmDialogOptions } from './confirm-dialog.js';
import { portalContext, whenPortalDefined, type PortalSession, type PortalState } from './context.js';
import { emit } from './events.js';
import { focusAfterUpdate } from './focus.js';
import type { Locale } from './i18n.js';
import { DraftKey } from './idempotency.js';
import { isLocale, MessagesController, type Params, type WidgetMessages } from './messages.js';
import { periodFilter, type PeriodFilter, type PeriodFilterOptions } from './period-filter.js';
import { stateMessages, type StatesKey } from './states.messages.js';

/** Where a widget's data is: on its way, there, or not coming (and why). */
import type { LoadState } from './states.js';
export type { LoadState };

export interface CareSessionExpiredDetail {
  /** `session-expired` (it ran out or was revoked) or `unauthenticated` (no session at all). */
  code: string;
  tenant: string;
}

export interface CareNavigateDetail {
  /** The tag of the widget, e.g. `care-reports`. */
  widget: string;
  /** The view the client asked for, e.g. `all`. */
  view: string;
}

let instances = 0;

/**
 * What every data widget (reports, measurements, agenda) shares: inside `<care-portal>` it takes
 * the API client, locale and session from the portal; alone it builds a client from its own
 * `tenant` and `api` attributes. It loads when it has a client, again when the session changes,
 * and turns errors into one of the shared states, telling the host when the session is gone.
 * Alone, it also ends the session with the other widgets of its organisation on the page: the
 * first `care-session-expired` of any of them, or `care-logout`, clears them all.
 * `K` are the keys of the widget's own texts, which `t()` reads.
 */
export abstract class CareDataElement<K extends string = string> extends LitElement {
  static override properties: PropertyDeclarations = {
    tenant: { type: String },
    api: { type: String },
    language: { type: String, attribute: 'lang' },
    loadState: { state: true },
  };

  /** Slug of the care organisation, when used without `<care-portal>`. */
  declare tenant: string | undefined;
  /** Base URL of the BFF, when used without `<care-portal>`; `""` is the page's own origin. */
  declare api: string | undefined;
  /** `nl` or `en` (attribute `lang`); when absent, the portal's language, else Dutch. */
  declare language: string | undefined;
  declare protected loadState: LoadState;

  protected readonly portal = new ContextConsumer(this, { context: portalContext, subscribe: true });
  /** The Idempotency-Key of the widget's draft (a new report, measurement or appointment). */
  protected readonly draftKey = new DraftKey();
  private ownClient: CareApiClient | undefined;
  private loadedWith: CareApiClient | undefined;
  private loadedSession: PortalSession | null | undefined;
  private loading: AbortController | undefined;
  /** A prefix for ids unique in the page, e.g. `care-reports-3`. */
  protected readonly uid = `${this.localName}-${++instances}`;

  /** `texts`: the widget's own catalogue; `more`: others it renders (they load with it). */
  constructor(
    private readonly texts: WidgetMessages<K>,
    ...more: Array<WidgetMessages<string>>
  ) {
    super();
    new MessagesController(this, [texts, ...more, stateMessages], () => this.locale);
    this.tenant = undefined;
    this.api = undefined;
    this.language = undefined;
    this.loadState = { status: 'loading' };
  }

  /** Loads the widget's data; throws an ApiError (or an AbortError when `signal` aborts). */
  protected abstract fetchData(client: CareApiClient, signal: AbortSignal): Promise<void>;

  /** Forgets the data of a session that ended. */
  protected abstract clearData(): void;

  protected get portalState(): PortalState | undefined {
    return this.portal.value;
  }

  /** The API client: the portal's, or one of this widget's own; its `lang` this widget's. */
  protected get client(): CareApiClient | undefined {
    const client = this.sourceClient;
    if (client) client.lang = this.locale;
    return client;
  }

  private get sourceClient(): CareApiClient | undefined {
    const portal = this.portal.value;
    if (portal) return portal.status === 'ready' ? portal.api : undefined;
    if (!this.tenant) return undefined;
    const base = this.api ?? defaultApiBase();
    if (!this.ownClient || this.ownClient.apiBase !== base.replace(/\/+$/, '') || this.ownClient.tenantSlug !== this.tenant) {
      this.ownClient = new CareApiClient(base, this.tenant);
    }
    return this.ownClient;
  }

  protected get locale(): Locale {
    if (isLocale(this.language)) return this.language;
    return this.portal.value?.locale ?? 'nl';
  }

  /** One of the widget's own texts in its language, placeholders `{name}` filled. */
  protected t(key: K, params?: Params): string {
    return this.texts.t(this.locale, key, params);
  }

  /** An id unique in the page for the widget's element `name`; `values.systolic` becomes `…-values-systolic`, usable in a selector. */
  protected idFor(name: string): string {
    return `${this.uid}-${name.replace(/[^\w-]/g, '-')}`;
  }

  /** A shared text (states, OK, Annuleren…) in the widget's language. */
  protected common(key: StatesKey, params?: Params): string {
    return stateMessages.t(this.locale, key, params);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // A login elsewhere on the page (a standalone <care-login>) may end the signed-out state.
    document.addEventListener('care-login', this.onLogin);
    document.addEventListener('care-session-expired', this.onSessionEnd);
    document.addEventListener('care-logout', this.onSessionEnd);
    window.addEventListener('online', this.onOnline);
    whenPortalDefined(
      this,
      () => this.portal.hostConnected(),
      () =>
        (this.loadState = {
          status: 'error',
          error: new ApiError({ kind: 'problem', status: 0, code: 'portal-not-defined', title: '<care-portal> is not defined' }),
        }),
    );
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('care-login', this.onLogin);
    document.removeEventListener('care-session-expired', this.onSessionEnd);
    document.removeEventListener('care-logout', this.onSessionEnd);
    window.removeEventListener('online', this.onOnline);
    this.loading?.abort();
    this.loading = undefined;
    this.loadedWith = undefined;
    this.loadedSession = undefined;
  }

  private readonly onLogin = () => {
    const state = this.loadState;
    if ((state.status === 'error' && state.error.kind === 'session-expired') || (state.status === 'signed-out' && !this.portal.value)) {
      this.reload();
    }
  };

  /**
   * Alone on a page (no portal to do it): the first 401 of any widget of the same organisation, or
   * "Uitloggen" in a `<care-login>` beside it, clears this widget's data too, saying why.
   */
  private readonly onSessionEnd = (event: Event) => {
    const from = event.composedPath()[0] as { tenant?: unknown };
    const detail = (event as CustomEvent<Partial<CareSessionExpiredDetail> | undefined>).detail;
    if (this.portal.value || from === this || (detail ? detail.tenant : from.tenant) !== this.client?.tenantSlug) return;
    this.loading?.abort();
    this.clearData();
    this.loadState = {
      status: 'signed-out',
      reason: detail ? (detail.code === 'session-expired' ? 'sessionExpired' : undefined) : 'loggedOut',
    };
  };

  private readonly onOnline = () => {
    if (this.loadState.status === 'error' && this.loadState.error.kind === 'offline') this.reload();
  };

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    const portal = this.portal.value;
    if (portal && portal.status !== 'ready') {
      this.loadedWith = undefined;
      if (portal.status === 'error' && portal.error) this.loadState = { status: 'error', error: portal.error };
      else if (this.loadState.status !== 'loading') this.loadState = { status: 'loading' };
      return;
    }
    const client = this.client;
    if (!client) return;
    if (!portal) {
      // Alone: the widget asks, and a refusal becomes its session-expired state.
      if (client !== this.loadedWith) {
        this.loadedWith = client;
        this.startLoad(client);
      }
      return;
    }
    if (portal.sessionChecked === false) {
      if (this.loadState.status !== 'loading') this.loadState = { status: 'loading' };
      return;
    }
    const session = portal.session;
    // A widget the organisation does not offer asks all the same: the BFF says so, signed in or not.
    if (!session && portal.tenant?.enabledWidgets.includes(this.localName.slice(5) as never) !== false) {
      // Nobody signed in (or just logged out): ask nothing, and show nothing of a last client.
      if (this.loadState.status !== 'signed-out') {
        this.loading?.abort();
        this.clearData();
        this.loadState = { status: 'signed-out' };
      }
      this.loadedWith = client;
      this.loadedSession = null;
      return;
    }
    if (client !== this.loadedWith || !samePerson(session, this.loadedSession)) {
      // Another client's file: not one moment of the last one's data.
      if (this.loadedSession?.clientId !== session?.clientId) this.clearData();
      this.loadedWith = client;
      this.loadedSession = session;
      this.startLoad(client);
    }
  }

  /** The shared delete confirmation (shared/confirm-dialog.ts), in the widget's language. */
  protected confirmDialog<T>(options: Omit<ConfirmDialogOptions<T>, 'locale'>): ConfirmDialog<T> {
    return confirmDialog(this, { ...options, locale: () => this.locale });
  }

  /** The shared period filter (shared/period-filter.ts): loads again when another period is chosen. */
  protected periodFilter(options: Pick<PeriodFilterOptions, 'id' | 'shown'>): PeriodFilter {
    return periodFilter(this, {
      ...options,
      locale: () => this.locale,
      ready: () => this.loadState.status === 'ready',
      reload: () => this.reload(),
    });
  }

  /** Loads again, e.g. from a retry button or after another period was chosen. */
  protected reload(): void {
    const client = this.client;
    if (client) this.startLoad(client);
  }

  private startLoad(client: CareApiClient): void {
    this.loading?.abort();
    const controller = new AbortController();
    this.loading = controller;
    this.loadState = { status: 'loading' };
    this.fetchData(client, controller.signal).then(
      () => {
        if (this.loading !== controller) return;
        this.loading = undefined;
        this.loadState = { status: 'ready' };
      },
      (error: unknown) => {
        if (this.loading !== controller) return;
        this.loading = undefined;
        if (controller.signal.aborted) return;
        this.loadState = { status: 'error', error: this.apiError(error) };
      },
    );
  }

  /**
   * Any failure as an ApiError. A 401 also tells the host page, so it can show the login again;
   * callers that handle a write's error use this too.
   */
  protected apiError(error: unknown): ApiError {
    const apiError = error instanceof ApiError ? error : ApiError.offline(error);
    if (apiError.kind === 'session-expired') {
      this.clearData();
      this.loadState = { status: 'error', error: apiError };
      emit(this, 'care-session-expired', { code: apiError.code, tenant: this.client?.tenantSlug ?? this.tenant ?? '' });
    }
    return apiError;
  }

  /**
   * The click of a link to a file of the BFF (`href` from the client's `url()`, `download` its name):
   * fetched through the API client and saved from memory, so it works with a BFF on another site,
   * and a refusal shows as the widget's error or session-expired state instead of a page of JSON.
   */
  protected readonly saveFile = (event: MouseEvent) => {
    const link = event.currentTarget as HTMLAnchorElement;
    const client = this.client;
    if (!client) return;
    event.preventDefault();
    // The saving itself loads with the first download.
    import('./save-file.js')
      .then((module) => module.saveFile(client, link))
      .catch((error: unknown) => {
        this.loadState = { status: 'error', error: this.apiError(error) };
      });
  };

  /**
   * Asks the host whether it routes to another view itself (`preventDefault()` on `care-navigate`);
   * returns true when the widget should switch in place.
   */
  protected navigate(view: string): boolean {
    return emit(this, 'care-navigate', { widget: this.localName, view }, true);
  }
}

/**
 * A data widget with a home block and an "Alle …" view (reports, measurements, agenda, messages).
 * Switching asks the host first (`care-navigate`), and moves the focus to the new view's heading.
 * "Alle …" adds an entry to the browser's history, with the view in the page address
 * (`?care-reports=all`), so the browser's Back button returns to the overview instead of
 * leaving the page, and a reload or a shared link opens the full view again; `history="none"`
 * leaves the history and the address to a host page that routes itself.
 */
export abstract class CareViewElement<K extends string = string> extends CareDataElement<K> {
  static override properties: PropertyDeclarations = {
    view: { type: String, reflect: true },
    history: { type: String },
  };

  /** `home` (the block on the start page) or `all` (the full view). */
  declare view: 'home' | 'all';
  /** `none`: "Alle …" adds no entry to the browser's history and leaves the page address alone. */
  declare history: string | undefined;
  /** Whether "Alle …" was opened from the home block, so the full view offers the way back. */
  protected openedFromHome = false;

  constructor(texts: WidgetMessages<K>, ...more: Array<WidgetMessages<string>>) {
    super(texts, ...more);
    this.view = 'home';
  }

  /** This widget's key in `history.state`; without `care-widgets:`, its parameter in the page address. */
  private get historyKey(): string {
    return `care-widgets:${this.localName}${this.id ? `#${this.id}` : ''}`;
  }

  /** The page address with this widget's full view (`?care-reports=all`) or without it. */
  private address(all: boolean): URL {
    const url = new URL(location.href);
    url.searchParams[all ? 'set' : 'delete'](this.historyKey.slice(13), 'all');
    return url;
  }

  /** Whether the page address (after a reload, from a shared link, Back or Forward) shows this widget's full view. */
  private inAddress(): boolean {
    return this.history !== 'none' && new URLSearchParams(location.search).get(this.historyKey.slice(13)) === 'all';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('popstate', this.onPopState);
    // A reload or a shared link of the full view: back in it, its heading focused, as after "Alle …".
    if (this.view === 'home' && this.inAddress() && this.navigate('all')) this.show('all');
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('popstate', this.onPopState);
  }

  private readonly onPopState = () => {
    const view = this.inAddress() ? 'all' : 'home';
    if (this.history !== 'none' && view !== this.view && this.navigate(view)) this.show(view);
  };

  protected showAll(): void {
    if (!this.navigate('all')) return;
    if (this.history !== 'none' && this.view !== 'all') {
      const state: unknown = history.state;
      history.pushState({ ...(state && typeof state === 'object' ? state : {}), [this.historyKey]: 'all' }, '', this.address(true));
    }
    this.show('all');
  }

  protected backHome(): void {
    if (!this.navigate('home')) return;
    // Leaves the entry "Alle …" added, as the browser's Back would, so Back does not reopen it; a
    // full view opened from a link has no entry before it on this page, only its address to undo.
    if (this.inAddress()) {
      if ((history.state as Record<string, unknown> | null)?.[this.historyKey]) history.back();
      else history.replaceState(history.state, '', this.address(false));
    }
    this.show('home');
  }

  private show(view: 'home' | 'all'): void {
    this.openedFromHome = view === 'all';
    this.view = view;
    focusAfterUpdate(this, '[part~="heading"]');
  }
}

declare global {
  interface HTMLElementEventMap {
    'care-navigate': CustomEvent<CareNavigateDetail>;
    'care-session-expired': CustomEvent<CareSessionExpiredDetail>;
  }
}

/** Nobody and nobody is the same too: a widget not offered, asking signed out, asks once. */
function samePerson(a: PortalSession | null | undefined, b: PortalSession | null | undefined): boolean {
  return a === b || Boolean(a && b && a.accountId === b.accountId && a.clientId === b.clientId);
}
