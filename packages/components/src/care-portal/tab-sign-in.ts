import type { LitElement, ReactiveController } from 'lit';
import type { CareApiClient } from '../shared/api-client.js';
import type { PortalSession, PortalState } from '../shared/context.js';

/** What the tab sign-in uses of <care-portal>: its state, and taking over the BFF's session. */
export interface SignInPortal extends LitElement {
  readonly portalState: PortalState;
  setSession(session: PortalSession | null, signedOutReason?: string): void;
  followSession(session: PortalSession): void;
}

/** What the tabs of one portal tell each other: who is signed in now, for which client (`accountId clientId`). */
interface TabMessage {
  signedIn?: string;
}

interface SessionView {
  state: string;
  accountId?: string | null;
  displayName?: string | null;
  clientId?: string | null;
}

const keyOf = (session: PortalSession | null) => (session ? `${session.accountId} ${session.clientId}` : '');

/**
 * Makes a sign-in, or a switch to another client, in one tab of the portal show in its other
 * tabs too, without a reload and without signing in twice: the tabs share the BFF's session
 * cookie, so a tab that hears of it only asks the BFF who is signed in now. The end of a session
 * travels the other way in session-watch.ts. Loaded by `<care-portal>` once its organisation is
 * there, so a signed-out tab is listening before anyone signs in elsewhere.
 */
export class TabSignIn implements ReactiveController {
  readonly #portal: SignInPortal;
  #api: CareApiClient | undefined;
  #channel: BroadcastChannel | undefined;
  /** The session this tab shows, or last told the others of. */
  #shown = '';
  #asking: AbortController | undefined;

  constructor(portal: SignInPortal) {
    this.#portal = portal;
    portal.addController(this);
    this.hostUpdate();
  }

  hostUpdate(): void {
    const { status, api, session, tenant } = this.#portal.portalState;
    if (status !== 'ready' || !tenant) return;
    if (api.tenantSlug !== this.#api?.tenantSlug || api.apiBase !== this.#api.apiBase) this.#listen(api);
    this.#api = api;
    const shown = keyOf(session);
    if (shown === this.#shown) return;
    this.#shown = shown;
    // Signed in or switched here: a logout is session-watch.ts's to tell.
    if (session) this.#channel?.postMessage({ signedIn: shown } satisfies TabMessage);
  }

  hostConnected(): void {
    if (this.#api && !this.#channel) this.#listen(this.#api);
  }

  hostDisconnected(): void {
    this.#asking?.abort();
    this.#channel?.close();
    this.#channel = undefined;
  }

  #listen(api: CareApiClient) {
    this.#channel?.close();
    // Not session-watch.ts's channel: that one exists only while signed in.
    this.#channel = new BroadcastChannel(`care-widgets sign-in ${new URL(api.url(''), location.href).href}`);
    this.#channel.onmessage = ({ data }: MessageEvent<TabMessage>) => {
      if (typeof data?.signedIn === 'string' && data.signedIn !== this.#shown) void this.#follow();
    };
  }

  /** Asks the BFF who is signed in now, and shows that; a tab where someone else is busy signing in gets the same answer. */
  async #follow() {
    const api = this.#api;
    if (!api) return;
    this.#asking?.abort();
    const asking = (this.#asking = new AbortController());
    let view: SessionView;
    try {
      view = await api.get<SessionView>('/auth/session', { signal: asking.signal });
    } catch {
      return;
    }
    if (asking.signal.aborted || api !== this.#portal.portalState.api) return;
    if (view.state !== 'active' || !view.accountId || !view.clientId) return;
    const session: PortalSession = {
      accountId: view.accountId,
      displayName: view.displayName ?? '',
      clientId: view.clientId,
      state: 'active',
    };
    const current = this.#portal.portalState.session;
    this.#shown = keyOf(session);
    if (current?.accountId === session.accountId) this.#portal.setSession(session);
    else this.#portal.followSession(session);
  }
}
