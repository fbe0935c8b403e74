// <care-story-portal>: gives the widgets inside it what <care-portal> would, with a FakeCareApi,
// through the same context (portalContext). Stories set its state directly: no tenant to load.
import { ContextProvider } from '@lit/context';
import { html, LitElement, type PropertyValues } from 'lit';
import { ApiError } from '../../packages/components/src/shared/api-client.js';
import { portalContext, type PortalSession, type PortalState } from '../../packages/components/src/shared/context.js';
import type { Locale } from '../../packages/components/src/shared/i18n.js';
import { FakeCareApi, type FakeApiOptions } from '../fake-api.js';
import * as data from '../fake-data.js';

export const activeSession: PortalSession = {
  accountId: 'acc-1',
  displayName: data.signedIn.displayName,
  clientId: data.signedIn.clientId,
  state: 'active',
};

export class CareStoryPortal extends LitElement {
  static override properties = {
    fake: { attribute: false },
    locale: { type: String },
    status: { type: String },
  };

  declare fake: FakeApiOptions;
  declare locale: Locale;
  /** The portal's own state: `ready`, or `loading`/`error` to show how widgets wait for it. */
  declare status: PortalState['status'];

  private readonly provider = new ContextProvider(this, { context: portalContext });
  private session: PortalSession | null = null;

  constructor() {
    super();
    this.fake = {};
    this.locale = 'nl';
    this.status = 'ready';
  }

  /** As on <care-portal>: the login tells it the session. */
  setSession(session: PortalSession | null): void {
    this.session = session;
    this.provider.setValue({ ...this.provider.value, session });
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('fake')) this.session = this.fake.session === 'active' ? activeSession : null;
    const tenant = data.tenants[this.fake.tenant ?? 'zorggroep-de-linde'];
    const state: PortalState = {
      status: this.status,
      tenant: this.status === 'ready' ? tenant : undefined,
      locale: this.locale,
      api: new FakeCareApi(this.fake),
      session: this.session,
      error: this.status === 'error' ? ApiError.offline() : undefined,
    };
    this.provider.setValue(state);
  }

  protected override render() {
    return html`<slot></slot>`;
  }
}

customElements.define('care-story-portal', CareStoryPortal);

declare global {
  interface HTMLElementTagNameMap {
    'care-story-portal': CareStoryPortal;
  }
}
