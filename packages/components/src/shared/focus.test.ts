import { expect, fixture, html } from '@open-wc/testing';
import { LitElement } from 'lit';
import { focusAfterUpdate } from './focus.js';

class FocusHost extends LitElement {
  static override properties = { step: { type: Number } };
  declare step: number;

  constructor() {
    super();
    this.step = 1;
  }

  override render() {
    return html`<button id="one">One</button>${this.step === 2 ? html`<button id="two">Two</button>` : ''}`;
  }
}
customElements.define('care-focus-host', FocusHost);

describe('focusAfterUpdate()', () => {
  it('focuses an element the next render brings, whether it is asked before or after the change', async () => {
    const host = await fixture<FocusHost>(html`<care-focus-host></care-focus-host>`);
    focusAfterUpdate(host, '#two');
    host.step = 2;
    await host.updateComplete;
    expect(host.shadowRoot!.activeElement?.id).to.equal('two');
  });

  it('lets the last call before the render win, and focuses only once', async () => {
    const host = await fixture<FocusHost>(html`<care-focus-host></care-focus-host>`);
    host.step = 2;
    focusAfterUpdate(host, '#one');
    focusAfterUpdate(host, '#two');
    await host.updateComplete;
    expect(host.shadowRoot!.activeElement?.id).to.equal('two');
    host.shadowRoot!.querySelector<HTMLElement>('#one')!.focus();
    host.requestUpdate();
    await host.updateComplete;
    expect(host.shadowRoot!.activeElement?.id).to.equal('one');
  });

  it('renders again when nothing else changed, so the focus still moves', async () => {
    const host = await fixture<FocusHost>(html`<care-focus-host></care-focus-host>`);
    focusAfterUpdate(host, '#one');
    await host.updateComplete;
    expect(host.shadowRoot!.activeElement?.id).to.equal('one');
  });
});
