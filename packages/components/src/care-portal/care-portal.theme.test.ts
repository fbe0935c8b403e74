import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { CarePortal } from './care-portal.component.js';
import './care-portal.js';

// The BFF's /themes route is tested in the BFF; here the portal's side: what it fetches and how
// the tokens reach the widgets. Theme requests are answered here, the tenant by the real BFF.
const lindeTheme = ':root, :host { --care-color-primary: #2f6b3a; --care-radius: 4px; }';
const bakenTheme = ':root, :host { --care-color-primary: #1b4f72; --care-radius: 12px; }';
const requested: string[] = [];
const realFetch = window.fetch;

before(() => {
  window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input instanceof Request ? input.url : input);
    const theme = /\/themes\/([a-z0-9-]+)\.css$/.exec(url);
    if (!theme) return realFetch(input, init);
    requested.push(url);
    const css = theme[1] === 'zorggroep-de-linde' ? lindeTheme : theme[1] === 'thuiszorg-het-baken' ? bakenTheme : undefined;
    return Promise.resolve(css ? new Response(css, { headers: { 'content-type': 'text/css' } }) : new Response('', { status: 404 }));
  };
});
after(() => {
  window.fetch = realFetch;
});

const token = (element: Element, name: string) => getComputedStyle(element).getPropertyValue(name).trim();

async function themed(portal: CarePortal, name: string, value: string) {
  await waitUntil(() => token(portal, name) === value, `${name} did not become ${value} (is ${token(portal, name)})`, { timeout: 5000 });
}

describe('<care-portal> theme', () => {
  it('applies the tenant theme from the BFF to the widgets inside, without touching the page', async () => {
    const headBefore = document.head.innerHTML;
    const portal = await fixture<CarePortal>(html`<care-portal tenant="zorggroep-de-linde" api=""><p>Widget</p></care-portal>`);
    await themed(portal, '--care-color-primary', '#2f6b3a');
    // Inherited by the content inside, light DOM or shadow DOM.
    expect(token(portal.querySelector('p')!, '--care-radius')).to.equal('4px');
    expect(requested).to.include('/themes/zorggroep-de-linde.css');
    expect(document.head.innerHTML).to.equal(headBefore);
    expect(token(document.documentElement, '--care-color-primary')).to.equal('');
  });

  it('lets the host page override a token on the portal element', async () => {
    const portal = await fixture<CarePortal>(
      html`<care-portal tenant="zorggroep-de-linde" api="" style="--care-color-primary: #123456"></care-portal>`,
    );
    await themed(portal, '--care-radius', '4px');
    expect(token(portal, '--care-color-primary')).to.equal('#123456');
  });

  it('switches theme with the tenant', async () => {
    const portal = await fixture<CarePortal>(html`<care-portal tenant="zorggroep-de-linde" api=""></care-portal>`);
    await themed(portal, '--care-color-primary', '#2f6b3a');
    portal.setAttribute('tenant', 'thuiszorg-het-baken');
    await themed(portal, '--care-color-primary', '#1b4f72');
    expect(
      portal.shadowRoot!.adoptedStyleSheets.filter((s) => [...s.cssRules].some((r) => r.cssText.includes('--care-color-primary'))),
    ).to.have.length(1);
  });

  it('loads no theme with theme="none", leaving the tokens to the page', async () => {
    const count = requested.length;
    const wrapper = await fixture<HTMLDivElement>(html`<div style="--care-color-primary: #654321">
      <care-portal tenant="zorggroep-de-linde" api="" theme="none"></care-portal>
    </div>`);
    const portal = wrapper.querySelector('care-portal')!;
    await waitUntil(() => portal.getAttribute('state') === 'ready', 'the portal did not load', { timeout: 8000 });
    expect(requested.length).to.equal(count);
    expect(token(portal, '--care-color-primary')).to.equal('#654321');
  });

  it('works without a theme when the BFF has none', async () => {
    const portal = await fixture<CarePortal>(html`<care-portal tenant="bestaat-niet" api=""></care-portal>`);
    await waitUntil(() => portal.getAttribute('state') === 'error', 'the portal did not settle', { timeout: 8000 });
    expect(token(portal, '--care-color-primary')).to.equal('');
  });
});
