import { createContext } from '@lit/context';
import type { ApiError, CareApiClient, PublicTenant } from './api-client.js';
import type { Locale } from './i18n.js';

export type { PublicTenant } from './api-client.js';

export interface PortalSession {
  accountId: string;
  displayName: string;
  clientId: string;
  /** e.g. 'active', or a step the login widget still has to finish ('change-password', 'accept-terms'). */
  state: string;
  /** The current client's name, e.g. "Johanna de Vries", when known. */
  clientName?: string | null | undefined;
  /** How many clients the account may see; with more than one the portal offers the choice. */
  clientCount?: number | undefined;
  /** Just signed in: whose file to show is still to be chosen, so the widgets wait (sessionChecked is false). */
  chooseClient?: boolean | undefined;
}

/** What <care-portal> provides to every widget inside it. A new object on every change. */
export interface PortalState {
  status: 'loading' | 'ready' | 'error';
  tenant?: PublicTenant | undefined;
  locale: Locale;
  api: CareApiClient;
  session: PortalSession | null;
  /**
   * `false` while the portal still asks the BFF whether someone is signed in; widgets wait for
   * the answer instead of each firing a request that a signed-out visitor would get refused.
   * Absent (a state made outside the portal, e.g. in stories) counts as known.
   */
  sessionChecked?: boolean;
  error?: ApiError | undefined;
  /** Why the last session ended, in the portal's language ("U bent in een ander venster uitgelogd."), for the login to show. */
  signedOutReason?: string | undefined;
}

/** A global symbol, so the widgets of two copies of care-widgets on one page find each other's portal. */
export const portalContext = createContext<PortalState>(Symbol.for('care-widgets.portal'));

/**
 * For a widget inside a `<care-portal>` element that is not defined yet (its module loads after the
 * widget's): a portal upgraded later cannot answer the widget's first request for the context, so
 * `ask` runs again once it is defined (see portal-pending.ts; loaded only on such a page).
 */
export function whenPortalDefined(widget: Element, ask: () => void, missing: () => void): void {
  if (widget.closest('care-portal') && !customElements.get('care-portal')) {
    void import('./portal-pending.js').then((module) => module.waitForPortal(widget, ask, missing));
  }
}
