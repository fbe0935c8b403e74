import { html, nothing, type LitElement, type ReactiveController } from 'lit';
import type { CareApiClient } from '../shared/api-client.js';
import type { PortalSession, PortalState } from '../shared/context.js';
import { MessagesController } from '../shared/messages.js';
import { sessionMessages, type SessionMessageKey } from './session-watch.messages.js';
import { sessionWatchStyles } from './session-watch.styles.js';

/** What the watch uses of <care-portal>: its state, and signing out with a reason. */
export interface WatchedPortal extends LitElement {
  readonly portalState: PortalState;
  setSession(session: PortalSession | null, signedOutReason?: string): void;
}

/**
 * Why a session ended: "Uitloggen" (here or in the warning), a 401 from the BFF, no activity, or
 * the absolute limit of the session (the tenant's `absoluteHours`), which no activity extends.
 */
export type SessionEnd = 'logout' | 'expired' | 'idle' | 'limit';

/** The warning shown: before the idle timeout (can be extended) or before the absolute limit (cannot). */
type Warning = 'idle' | 'limit';

/** What the tabs of one portal tell each other over their BroadcastChannel. */
interface TabMessage {
  ended?: SessionEnd;
  /** A request of the session reached the BFF, which restarted its idle timeout (ms since the epoch). */
  activeAt?: number;
}

interface SessionTimes {
  state: string;
  idleTimeoutMinutes?: number;
  absoluteExpiresInSeconds?: number;
}

/** WCAG 2.2.1 asks for a warning with at least 20 seconds to react; two minutes suits older readers. */
const WARN_BEFORE_MS = 2 * 60_000;

/**
 * Makes the end of a session visible in every tab of the portal at once. Loaded by `<care-portal>`
 * when someone signs in, so a signed-out page never downloads it.
 *
 * - A logout or a 401 in one tab tells the other tabs of the same portal (BroadcastChannel per BFF
 *   and tenant); each clears its widgets' data and brings the login back with the reason.
 * - The BFF ends a session after the tenant's idle timeout; every request of the session restarts
 *   it, in any tab. Two minutes before, a modal dialog offers "Ingelogd blijven"; at the timeout
 *   the portal logs out itself, so the page never shows a client's data after the BFF forgot them.
 * - The absolute limit cannot be extended: two minutes before it, the dialog says so ("Log daarna
 *   opnieuw in") with only "OK" and "Nu uitloggen", once; at the limit the portal logs out.
 */
export class SessionWatch implements ReactiveController {
  readonly #portal: WatchedPortal;
  #session: PortalSession | null = null;
  #api: CareApiClient | undefined;
  #channel: BroadcastChannel | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #idleMs = 30 * 60_000;
  #absoluteAt = Infinity;
  #activeAt = 0;
  #warning: Warning | undefined;
  /** The reader closed the warning before the absolute limit: it does not come back. */
  #limitSeen = false;

  constructor(portal: WatchedPortal) {
    this.#portal = portal;
    portal.addController(this);
    new MessagesController(portal, [sessionMessages], () => portal.portalState.locale);
    const root = portal.renderRoot as ShadowRoot;
    if (sessionWatchStyles.styleSheet) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sessionWatchStyles.styleSheet];
    this.hostUpdate();
  }

  #t(key: SessionMessageKey, n?: number) {
    return sessionMessages.t(this.#portal.portalState.locale, key, n === undefined ? {} : { n });
  }

  hostUpdate(): void {
    const { session, api } = this.#portal.portalState;
    // A new client of the same BFF is the portal starting over with a sign-in of another tab.
    if (session && (!this.#session || api !== this.#api)) {
      this.#stop();
      this.#start(api);
    } else if (!session && this.#session) {
      // Signed out by the login's "Uitloggen" (this watch's own endings clear #session first); a new
      // tenant's client is a new portal, not a logout.
      if (api === this.#api) this.#tell({ ended: 'logout' });
      this.#stop();
    }
    this.#session = session;
  }

  hostUpdated(): void {
    const dialog = this.#portal.renderRoot.querySelector<HTMLDialogElement>('[part~="session-warning"]');
    if (dialog && !dialog.open) {
      dialog.showModal();
      dialog.querySelector('button')?.focus();
    }
  }

  hostDisconnected(): void {
    this.#stop();
    this.#session = null;
  }

  #start(api: CareApiClient) {
    this.#api = api;
    this.#activeAt = Date.now();
    api.onActivity = () => {
      this.#active(Date.now());
      this.#tell({ activeAt: this.#activeAt });
    };
    this.#channel?.close();
    this.#channel = new BroadcastChannel(`care-widgets ${new URL(api.url(''), location.href).href}`);
    this.#channel.onmessage = ({ data }: MessageEvent<TabMessage>) => {
      if (data.ended) this.end(data.ended === 'logout' ? 'elsewhere' : data.ended, false);
      else if (data.activeAt) this.#active(data.activeAt);
    };
    void this.#checkTimes(api);
  }

  /** Asks the BFF for the tenant's idle timeout and the absolute limit; the question itself restarts the idle timeout. */
  async #checkTimes(api: CareApiClient) {
    try {
      const times = await api.get<SessionTimes>('/auth/session');
      if (api !== this.#api || !this.#session) return;
      if (times.state !== 'active') return this.end('expired');
      if (times.idleTimeoutMinutes) this.#idleMs = times.idleTimeoutMinutes * 60_000;
      if (times.absoluteExpiresInSeconds !== undefined) this.#absoluteAt = Date.now() + times.absoluteExpiresInSeconds * 1000;
    } catch {
      // Offline for now: the defaults hold, and the next request tells more.
    }
    this.#schedule();
  }

  #active(at: number) {
    this.#activeAt = Math.max(this.#activeAt, at);
    if (this.#session) this.#schedule();
  }

  #schedule() {
    clearTimeout(this.#timer);
    const idleAt = this.#activeAt + this.#idleMs;
    const absoluteAt = this.#absoluteAt;
    const now = Date.now();
    if (absoluteAt <= now) return this.end('limit');
    if (idleAt <= now) return this.end('idle');
    // Whichever comes first is the one to warn about.
    const endsAt = Math.min(idleAt, absoluteAt);
    let warning: Warning | undefined;
    if (endsAt - WARN_BEFORE_MS <= now) warning = idleAt < absoluteAt ? 'idle' : this.#limitSeen ? undefined : 'limit';
    if (warning || warning !== this.#warning) this.#portal.requestUpdate();
    this.#warning = warning;
    // Once a minute while warning, so the minutes in the text count down.
    const moments = [idleAt, absoluteAt, idleAt - WARN_BEFORE_MS, absoluteAt - WARN_BEFORE_MS, warning ? now + 60_000 : Infinity];
    const next = Math.min(...moments.filter((moment) => moment > now));
    // setTimeout takes at most 2^31 - 1 ms (24.8 days); a later moment is looked at again then.
    this.#timer = setTimeout(() => this.#schedule(), Math.min(next - now, 2 ** 31 - 1));
  }

  #tell(message: TabMessage) {
    this.#channel?.postMessage(message);
  }

  #stop() {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#warning = undefined;
    this.#limitSeen = false;
    this.#channel?.close();
    this.#channel = undefined;
    if (this.#api) this.#api.onActivity = undefined;
  }

  /**
   * Ends the session on this page: every widget forgets its data and the login comes back with
   * `reason`. `tell` (the default) lets the other tabs know; an idle end or "Nu uitloggen" also
   * ends the session at the BFF.
   */
  end(reason: SessionEnd | 'elsewhere', tell = true): void {
    const api = this.#api;
    if (!this.#session || !api) return;
    if (tell) this.#tell({ ended: reason as SessionEnd });
    this.#session = null;
    this.#stop();
    const text = this.#t(`ended.${reason}`, Math.round(this.#idleMs / 60_000));
    this.#portal.setSession(null, text);
    if (tell && reason !== 'expired') void api.post('/auth/logout', {}).catch(() => undefined);
  }

  /** The dialog closed (its button or Escape): before the absolute limit the reader has seen it, which is all it asks. */
  #closed() {
    if (this.#warning === 'limit') {
      this.#limitSeen = true;
      this.#warning = undefined;
      this.#portal.requestUpdate();
    } else if (this.#warning) void this.#stay();
  }

  async #stay() {
    this.#warning = undefined;
    this.#portal.requestUpdate();
    const api = this.#api;
    try {
      const times = await api?.get<SessionTimes>('/auth/session');
      if (times && times.state !== 'active') this.end('expired');
    } catch {
      // No answer: the warning comes back when the time is nearly up.
      this.#schedule();
    }
  }

  render() {
    const warning = this.#warning;
    if (!warning) return nothing;
    const endsAt = warning === 'limit' ? this.#absoluteAt : this.#activeAt + this.#idleMs;
    const minutes = Math.max(1, Math.ceil((endsAt - Date.now()) / 60_000));
    const limit = warning === 'limit';
    // Escape closes the dialog: the reader is there, which is all the warning asks.
    return html`<dialog part="session-warning" aria-labelledby="care-session-warning" aria-describedby="care-session-warning-text" @close=${() => this.#closed()}>
      <h2 id="care-session-warning">${this.#t(limit ? 'limit.heading' : 'warning.heading')}</h2>
      <div id="care-session-warning-text">
        <p>${minutes === 1 ? this.#t(limit ? 'limit.one' : 'warning.one') : this.#t(limit ? 'limit.other' : 'warning.other', minutes)}</p>
        ${limit ? html`<p>${this.#t('limit.why')}</p>` : nothing}
      </div>
      <div class="actions">
        <button type="button" @click=${() => this.#closed()}>${this.#t(limit ? 'limit.ok' : 'warning.stay')}</button>
        <button type="button" @click=${() => this.end('logout')}>${this.#t('warning.logout')}</button>
      </div>
    </dialog>`;
  }
}
