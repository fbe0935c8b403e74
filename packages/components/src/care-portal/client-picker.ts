import { html, nothing, type LitElement, type ReactiveController } from 'lit';
import type { ApiError, CareApiClient } from '../shared/api-client.js';
import type { PortalSession, PortalState } from '../shared/context.js';
import { MessagesController } from '../shared/messages.js';
import { pickerMessages, type PickerMessageKey } from './client-picker.messages.js';
import { clientPickerStyles } from './client-picker.styles.js';

/** A client the signed-in person may see, as GET /clients lists it. */
export interface ClientChoice {
  id: string;
  name: string;
  relation: 'self' | 'contact';
  relationship: string | null;
  /** Dutch, e.g. "dochter". */
  relationshipLabel: string | null;
}

export interface CareClientChangedDetail {
  clientId: string;
  /** e.g. "Johanna de Vries". */
  name: string;
  /** What the signed-in person is to the client, e.g. `daughter`; null for the client's own account. */
  relationship: string | null;
}

/** What the picker uses of <care-portal>: its state, and showing the chosen client. */
export interface PickerPortal extends LitElement {
  readonly portalState: PortalState;
  setSession(session: PortalSession | null, signedOutReason?: string): void;
}

/**
 * "Van wie wilt u het dossier bekijken?": for a person with access to more than one client of the
 * tenant (a daughter of a mother and a father). Loaded by `<care-portal>` after a sign-in, and on
 * a page whose session already has more than one client. After a sign-in it asks the BFF for the
 * list; with one client it lets the widgets load at once, with more it shows the list instead of
 * the portal's content until one is picked (PUT /clients/current). Later a line "U bekijkt het
 * dossier van …" offers "Ander dossier kiezen". Every choice fires `care-client-changed`; the
 * widgets reload for the new client (the session's `clientId` changes).
 */
export class ClientPicker implements ReactiveController {
  readonly #portal: PickerPortal;
  #clients: ClientChoice[] | undefined;
  #asked: CareApiClient | undefined;
  #open = false;
  #busy = false;
  #failed = false;

  constructor(portal: PickerPortal) {
    this.#portal = portal;
    portal.addController(this);
    new MessagesController(portal, [pickerMessages], () => portal.portalState.locale);
    const root = portal.renderRoot as ShadowRoot;
    if (clientPickerStyles.styleSheet) root.adoptedStyleSheets = [...root.adoptedStyleSheets, clientPickerStyles.styleSheet];
    this.hostUpdate();
  }

  #t(key: PickerMessageKey, params?: Record<string, string>) {
    return pickerMessages.t(this.#portal.portalState.locale, key, params);
  }

  hostUpdate(): void {
    const { session, api } = this.#portal.portalState;
    if (!session) {
      this.#clients = undefined;
      this.#asked = undefined;
      this.#open = false;
    } else if (this.#asked !== api && (session.chooseClient || (session.clientCount ?? 0) > 1)) {
      this.#asked = api;
      void this.#load(api);
    }
    this.#portal.toggleAttribute('choosing-client', Boolean(session && this.#open && session.chooseClient));
  }

  async #load(api: CareApiClient) {
    let clients: ClientChoice[];
    try {
      clients = (await api.get<{ items: ClientChoice[] }>('/clients')).items;
    } catch {
      clients = [];
    }
    const session = this.#portal.portalState.session;
    if (api !== this.#portal.portalState.api || !session) return;
    this.#clients = clients;
    if (session.chooseClient && clients.length < 2) {
      // One client (or the list did not come): the widgets load for the session's client.
      this.#portal.setSession({ ...session, chooseClient: false, clientCount: clients.length || 1 });
      return;
    }
    if (session.chooseClient) this.#show();
    else this.#portal.requestUpdate();
  }

  #show() {
    this.#open = true;
    this.#failed = false;
    this.#portal.requestUpdate();
    this.#focus('[part~="client-picker"] h2');
  }

  async #choose(client: ClientChoice) {
    const { session, api } = this.#portal.portalState;
    if (!session || this.#busy) return;
    if (client.id === session.clientId && !session.chooseClient) {
      this.#close();
      return;
    }
    this.#busy = true;
    this.#failed = false;
    this.#portal.requestUpdate();
    try {
      await api.put('/clients/current', { clientId: client.id });
    } catch (error) {
      this.#busy = false;
      if ((error as ApiError).kind === 'session-expired') {
        this.#emit('care-session-expired', { code: (error as ApiError).code, tenant: api.tenantSlug });
        return;
      }
      this.#failed = true;
      this.#portal.requestUpdate();
      return;
    }
    this.#busy = false;
    this.#open = false;
    this.#portal.setSession({
      ...session,
      clientId: client.id,
      clientName: client.name,
      clientCount: this.#clients?.length ?? 2,
      chooseClient: false,
    });
    this.#emit('care-client-changed', { clientId: client.id, name: client.name, relationship: client.relationship });
    this.#focus('[part~="client-bar"] button');
  }

  // Not shared/events.ts and focus.ts: importing them here would split them out of the chunks every portal page loads.
  #emit<K extends 'care-client-changed' | 'care-session-expired'>(type: K, detail: HTMLElementEventMap[K]['detail']) {
    this.#portal.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }

  #focus(selector: string) {
    void this.#portal.updateComplete.then(() => this.#portal.renderRoot.querySelector<HTMLElement>(selector)?.focus());
  }

  #close() {
    this.#open = false;
    this.#portal.requestUpdate();
    this.#focus('[part~="client-bar"] button');
  }

  #relation(client: ClientChoice) {
    if (client.relation === 'self') return this.#t('picker.own');
    const relation =
      this.#portal.portalState.locale === 'nl' ? client.relationshipLabel : client.relationship && client.relationship.replace(/-/g, ' ');
    return relation ? this.#t('picker.relation', { relation }) : '';
  }

  render() {
    const { session } = this.#portal.portalState;
    const clients = this.#clients;
    if (!session || !clients || clients.length < 2) return nothing;
    if (!this.#open) {
      const name = clients.find((c) => c.id === session.clientId)?.name ?? session.clientName ?? '';
      return html`<div part="client-bar">
        <p>${this.#t('picker.viewing', { name })}</p>
        <button type="button" aria-haspopup="true" @click=${() => this.#show()}>${this.#t('picker.switch')}</button>
      </div>`;
    }
    return html`<section part="client-picker" aria-labelledby="care-client-picker-heading" aria-busy=${this.#busy ? 'true' : 'false'}>
      <h2 id="care-client-picker-heading" tabindex="-1">${this.#t('picker.heading')}</h2>
      <ul>
        ${clients.map((client) => {
          const current = client.id === session.clientId && !session.chooseClient;
          return html`<li>
            <button type="button" part="client-choice" aria-current=${current ? 'true' : nothing} @click=${() => void this.#choose(client)}>
              <strong>${client.name}</strong>
              <span>${this.#relation(client)}${current ? html` (${this.#t('picker.current')})` : nothing}</span>
            </button>
          </li>`;
        })}
      </ul>
      ${this.#failed ? html`<p role="alert">${this.#t('picker.failed')}</p>` : nothing}
    </section>`;
  }
}
