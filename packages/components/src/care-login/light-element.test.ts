import { expect, fixture, html } from '@open-wc/testing';
import type { ReactiveController } from 'lit';
import { html as template } from 'lit/html.js';
import { LightElement } from './light-element.js';

/** An element of the test's making: it shows its three properties and logs what happens to it. */
class Shown extends LightElement {
  static override attributes = { tenant: 'tenant', api: 'api', lang: 'language' };
  declare tenant: string | undefined;
  declare api: string | undefined;
  declare language: string | undefined;
  log: string[] = [];
  fail = false;
  again = false;
  /** As LoginFlow does: a controller added in the constructor, here of an element upgraded in the page. */
  connects = 0;

  constructor() {
    super();
    this.addController({ hostConnected: () => (this.connects += 1) });
  }

  protected override render() {
    this.log.push('render');
    if (this.fail) throw new Error('render failed');
    return template`<p>${this.tenant ?? '-'} ${this.api ?? '-'} ${this.language ?? '-'}</p>`;
  }

  protected override updated() {
    this.log.push('updated');
    if (this.again) {
      this.again = false;
      this.requestUpdate();
    }
  }
}

let tags = 0;
/** A new tag per test, so that a test can make its elements before their class is defined. */
const defineShown = () => {
  const tag = `light-element-test-${++tags}`;
  customElements.define(tag, class extends Shown {});
  return tag;
};

const logTo = (log: string[]): ReactiveController => ({
  hostConnected: () => log.push('connected'),
  hostDisconnected: () => log.push('disconnected'),
  hostUpdate: () => log.push('hostUpdate'),
  hostUpdated: () => log.push('hostUpdated'),
});

const text = (element: Element) => element.querySelector('p')?.textContent;

describe('LightElement', () => {
  it('renders into its light DOM, from its attributes and properties, also those set before its class was defined', async () => {
    const tag = `light-element-test-${tags + 1}`;
    const parent = await fixture(html`<div></div>`);
    parent.innerHTML = `<${tag} tenant="de-linde"></${tag}>`;
    const element = parent.firstElementChild as Shown;
    (element as unknown as Record<string, string>).api = '/bff';
    expect(defineShown()).to.equal(tag);
    await element.updateComplete;
    expect(element.shadowRoot).to.equal(null);
    expect(text(element)).to.equal('de-linde /bff -');
    expect(element.connects).to.equal(1);

    element.api = '/bff-2';
    await element.updateComplete;
    expect(text(element)).to.equal('de-linde /bff-2 -');

    element.setAttribute('lang', 'en');
    await element.updateComplete;
    expect(element.language).to.equal('en');
    expect(text(element)).to.equal('de-linde /bff-2 en');

    element.tenant = 'de-beuk';
    element.removeAttribute('lang');
    await element.updateComplete;
    expect(text(element)).to.equal('de-beuk /bff-2 -');
    expect(element.language).to.equal(undefined);
  });

  it('starts updating once connected, one update for many requests, and tells its controllers in Lit’s order', async () => {
    const element = document.createElement(defineShown()) as Shown;
    const log = element.log;
    element.addController(logTo(log));
    element.tenant = 'de-linde';
    element.requestUpdate();
    await new Promise((resolve) => setTimeout(resolve));
    expect(log).to.deep.equal([]);

    document.body.append(element);
    expect(await element.updateComplete).to.equal(true);
    expect(log).to.deep.equal(['connected', 'hostUpdate', 'render', 'hostUpdated', 'updated']);

    log.length = 0;
    element.api = '/bff';
    element.language = 'nl';
    element.language = 'nl';
    element.requestUpdate();
    await element.updateComplete;
    expect(log).to.deep.equal(['hostUpdate', 'render', 'hostUpdated', 'updated']);
    expect(text(element)).to.equal('de-linde /bff nl');

    log.length = 0;
    const late: string[] = [];
    element.addController(logTo(late));
    expect(late).to.deep.equal(['connected']);
    element.remove();
    expect(log).to.deep.equal(['disconnected']);
    expect(late).to.deep.equal(['connected', 'disconnected']);
  });

  it('waits in updateComplete for what updated() asks for, and updates again after an error in render', async () => {
    const tag = defineShown();
    const element = await fixture<Shown>(`<${tag}></${tag}>`);
    await element.updateComplete;

    element.again = true;
    element.requestUpdate();
    expect(await element.updateComplete).to.equal(false);
    expect(await element.updateComplete).to.equal(true);
    expect(element.log.filter((entry) => entry === 'render')).to.have.length(3);

    element.fail = true;
    element.requestUpdate();
    let failure: unknown;
    await element.updateComplete.catch((error: unknown) => (failure = error));
    expect(String(failure)).to.contain('render failed');

    element.fail = false;
    element.tenant = 'de-linde';
    expect(await element.updateComplete).to.equal(true);
    expect(text(element)).to.equal('de-linde - -');
  });
});
