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
}

/** What <care-portal> provides to every widget inside it. A new object on every change. */
export interface PortalState {
  status: 'loading' | 'ready' | 'error';
  tenant?: PublicTenant | undefined;
  locale: Locale;
  api: CareApiClient;
  session: PortalSession | null;
  error?: ApiError | undefined;
}

export const portalContext = createContext<PortalState>(Symbol.for('care-widgets.portal'));
