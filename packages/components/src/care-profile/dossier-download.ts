import { html, nothing } from 'lit';
import { MessagesController } from '../shared/messages.js';
import { problemText } from '../shared/states.js';
import { dossierMessages, type nl } from './dossier-download.messages.js';
import type { ProfilePartHost } from './part-host.js';

type State = { status: 'idle' | 'busy' | 'done' } | { status: 'error'; text: string };

/**
 * "Download mijn dossier" (Wabvpz art. 15d): the whole file as one ZIP (GET /dossier.zip) through
 * the API client, so it works with a BFF on another site. Busy while the BFF makes it; a refusal
 * (the limit of a few a day) stays beside the button, and only a 401 ends the widget's session.
 * Loaded by <care-profile> only for the client and a legal representative.
 */
export class DossierDownload {
  private state: State = { status: 'idle' };

  constructor(private readonly host: ProfilePartHost) {
    new MessagesController(host, [dossierMessages], () => host.locale);
  }

  private t(key: keyof typeof nl) {
    return dossierMessages.t(this.host.locale, key);
  }

  private set(state: State) {
    this.state = state;
    this.host.requestUpdate();
  }

  reset() {
    this.state = { status: 'idle' };
  }

  private readonly download = (event: MouseEvent) => {
    event.preventDefault();
    const link = event.currentTarget as HTMLAnchorElement;
    const client = this.host.client;
    if (!client || this.state.status === 'busy') return;
    this.set({ status: 'busy' });
    import('../shared/save-file.js')
      .then((module) => module.saveFile(client, link))
      .then(() => this.set({ status: 'done' }))
      .catch((failure: unknown) => {
        const error = this.host.apiError(failure);
        if (error.kind === 'session-expired') return this.reset();
        const locale = this.host.locale;
        const text =
          error.status === 429
            ? locale === 'nl' && error.detail
              ? error.detail
              : this.t('profile.dossier.limited')
            : problemText(error, locale);
        this.set({ status: 'error', text });
      });
  };

  render() {
    const state = this.state;
    const busy = state.status === 'busy';
    const today = new Date();
    const day = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`;
    const hint = this.host.idFor('dossier-hint');
    return html`<div part="dossier" aria-busy=${busy ? 'true' : 'false'}>
      <p class="hint" id=${hint}>${this.t('profile.dossier.hint')}</p>
      <a
        part="button dossier-download"
        class="button button--secondary"
        href=${this.host.client?.url('/dossier.zip') ?? ''}
        download=${`dossier-${day}.zip`}
        aria-describedby=${hint}
        aria-disabled=${busy ? 'true' : 'false'}
        @click=${this.download}
        >${this.t(busy ? 'profile.dossier.busy' : 'profile.dossier.download')}</a
      >
      <p part="status" class="status" role="status">
        ${busy ? this.t('profile.dossier.busyStatus') : state.status === 'done' ? this.t('profile.dossier.done') : ''}
      </p>
      ${state.status === 'error' ? html`<div part="error" role="alert"><p>${state.text}</p></div>` : nothing}
    </div>`;
  }
}
