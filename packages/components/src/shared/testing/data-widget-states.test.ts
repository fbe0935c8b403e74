import { expect } from '@open-wc/testing';
import { html, nothing } from 'lit';
import type { CareApiClient } from '../api-client.js';
import { CareDataElement } from '../care-data-element.js';
import { defineMessages } from '../messages.js';
import { renderLoadState } from '../states.js';
import { dataWidgetStateChecks, runDataWidgetStateSuite, type DataWidgetState, type DataWidgetStateSetup } from './data-widget-states.js';

const texts = defineMessages({ heading: 'Plannen' }, () => Promise.resolve({ default: { heading: 'Plans' } }));

/** The smallest data widget: the client's plans, in the shared states. */
class CareStatesDone extends CareDataElement<'heading'> {
  static override properties = { ...CareDataElement.properties, count: { state: true } };
  declare count: number | undefined;

  constructor() {
    super(texts);
  }

  protected override async fetchData(client: CareApiClient, signal: AbortSignal) {
    this.count = (await client.get<{ items: unknown[] }>('/plans', { signal })).items.length;
  }

  protected override clearData() {
    this.count = undefined;
  }

  override render() {
    const state = this.loadState;
    return html`<section aria-busy=${state.status === 'loading' ? 'true' : 'false'}>
      <h2>${this.t('heading')}</h2>
      ${renderLoadState(state, this.locale, () => this.reload())}
      ${state.status === 'ready' ? html`<p class="state state--empty">${this.count ? `${this.count} plannen` : 'Geen plannen.'}</p>` : nothing}
    </section>`;
  }
}
customElements.define('care-states-done', CareStatesDone);

/** The same widget with the states done wrong: nothing while loading, one alert for every problem, no empty text. */
class CareStatesWrong extends CareStatesDone {
  override render() {
    const state = this.loadState;
    return html`<section aria-busy=${state.status === 'loading' ? 'true' : 'false'}>
      <h2>Plannen</h2>
      ${
        state.status === 'error'
          ? html`<div role="alert">
              <p>Er ging iets mis bij het ophalen van de gegevens. Probeer het later opnieuw.</p>
              <button type="button" @click=${() => this.reload()}>Opnieuw proberen</button>
            </div>`
          : nothing
      }
      ${state.status === 'ready' && this.count ? html`<p>${this.count} plannen</p>` : nothing}
    </section>`;
  }
}
customElements.define('care-states-wrong', CareStatesWrong);

const setup = (tag: string): DataWidgetStateSetup => ({
  tag,
  tenant: 'zorggroep-de-linde',
  username: 'j.de.vries',
  empty: { answer: (path) => (path === '/plans' ? { items: [] } : undefined), text: 'Geen plannen.' },
  noAccess: 'U heeft geen toegang tot het cliëntplan van Johanna de Vries.',
  widget: 'plan',
});

runDataWidgetStateSuite(setup('care-states-done'));

describe('the shared state suite', () => {
  const failures: Record<DataWidgetState, RegExp> = {
    loading: /shows no status while loading/,
    empty: /says "Geen plannen\."/,
    error: /the error alert/,
    offline: /the offline alert/,
    'session expired': /the session-expired alert/,
    'no access': /shows no status without the right/,
    'not offered': /shows no status when not offered/,
  };
  for (const [state, reason] of Object.entries(failures) as Array<[DataWidgetState, RegExp]>) {
    it(`fails for a widget that mishandles ${state}`, async () => {
      let failure: unknown;
      try {
        await dataWidgetStateChecks[state](setup('care-states-wrong'));
      } catch (error) {
        failure = error;
      }
      expect(String(failure)).to.match(reason);
    });
  }
});
