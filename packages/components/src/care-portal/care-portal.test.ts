import { ContextConsumer } from '@lit/context';
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { LitElement } from 'lit';
import { portalContext } from '../shared/context.js';
import type { CarePortal } from './care-portal.component.js';
import './care-portal.js';

/** Shows what a widget inside the portal receives, as a real widget would read it. */
class PortalStateProbe extends LitElement {
  private readonly portal = new ContextConsumer(this, { context: portalContext, subscribe: true });

  get state() {
    return this.portal.value;
  }

  override render() {
    const state = this.portal.value;
    return html`<p>${state?.tenant?.name ?? ''}</p>`;
  }
}
customElements.define('test-portal-state-probe', PortalStateProbe);

async function settled(portal: CarePortal) {
  await waitUntil(() => portal.getAttribute('state') !== 'loading', 'the portal stays loading', { timeout: 8000 });
  await portal.updateComplete;
  return portal;
}

const alertOf = (portal: CarePortal) => portal.shadowRoot!.querySelector<HTMLElement>('[part="error"]');

describe('<care-portal>', () => {
  it('loads its organisation and gives it to the widgets inside', async () => {
    const portal = await fixture<CarePortal>(html`
      <care-portal tenant="zorggroep-de-linde" api="">
        <test-portal-state-probe></test-portal-state-probe>
      </care-portal>
    `);
    const probe = portal.querySelector<PortalStateProbe>('test-portal-state-probe')!;
    await settled(portal);
    await probe.updateComplete;

    expect(portal.getAttribute('state')).to.equal('ready');
    expect(probe.state?.status).to.equal('ready');
    expect(probe.state?.tenant?.slug).to.equal('zorggroep-de-linde');
    expect(probe.shadowRoot!.textContent).to.contain('De Linde');
    expect(probe.state?.locale).to.equal('nl');
    // No lang attribute of its own, so the host's content inside keeps the page's language.
    expect(portal.hasAttribute('lang')).to.equal(false);
    expect(probe.state?.api.url('/reports')).to.equal('/api/tenants/zorggroep-de-linde/reports');
    expect(alertOf(portal)).to.equal(null);
    await expect(portal).to.be.accessible();
  });

  it('announces that it is ready to the host page', async () => {
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    const ready = oneEvent(host, 'care-portal-ready');
    host.innerHTML = '<care-portal tenant="thuiszorg-het-baken" api=""></care-portal>';
    const event = await ready;
    expect(event.detail.tenant.slug).to.equal('thuiszorg-het-baken');
    expect(event.bubbles && event.composed).to.equal(true);
  });

  it('shows a Dutch alert for an organisation it does not know, and keeps its content', async () => {
    const portal = await settled(await fixture<CarePortal>(html`<care-portal tenant="bestaat-niet" api=""><p>Welkom</p></care-portal>`));
    expect(portal.getAttribute('state')).to.equal('error');
    const alert = alertOf(portal)!;
    expect(alert.getAttribute('role')).to.equal('alert');
    expect(alert.textContent).to.contain('Deze organisatie is niet bekend.');
    expect(portal.shadowRoot!.querySelector('slot')).to.not.equal(null);
    await expect(portal).to.be.accessible();
  });

  it('shows the not-reachable alert when the BFF cannot be reached', async () => {
    const portal = await settled(
      await fixture<CarePortal>(html`<care-portal tenant="zorggroep-de-linde" api="http://127.0.0.1:9"></care-portal>`),
    );
    expect(portal.getAttribute('state')).to.equal('error');
    expect(portal.portalState.error?.kind).to.equal('offline');
    expect(alertOf(portal)!.textContent).to.contain('Het cliëntportaal is op dit moment niet bereikbaar. Probeer het later opnieuw.');
    await expect(portal).to.be.accessible();
  });

  it('shows the not-reachable alert when the api address answers with something else than the BFF', async () => {
    const portal = await settled(await fixture<CarePortal>(html`<care-portal tenant="zorggroep-de-linde" api="/geen-bff"></care-portal>`));
    expect(portal.getAttribute('state')).to.equal('error');
    expect(alertOf(portal)!.textContent).to.contain('niet bereikbaar');
  });

  it('speaks English when lang="en"', async () => {
    const portal = await fixture<CarePortal>(html`
      <care-portal tenant="zorggroep-de-linde" api="" lang="en">
        <test-portal-state-probe></test-portal-state-probe>
      </care-portal>
    `);
    await settled(portal);
    expect(portal.querySelector<PortalStateProbe>('test-portal-state-probe')!.state?.locale).to.equal('en');

    portal.setAttribute('lang', 'nl');
    await portal.updateComplete;
    expect(portal.portalState.locale).to.equal('nl');

    const unknown = await settled(await fixture<CarePortal>(html`<care-portal tenant="nobody" api="" lang="en"></care-portal>`));
    // The English texts load on first use, which may still be under way.
    await waitUntil(() => alertOf(unknown)?.textContent?.includes('This organisation is not known.'), 'the alert is not in English', {
      timeout: 8000,
    });
  });

  it('loads the other organisation when the tenant attribute changes', async () => {
    const portal = await settled(await fixture<CarePortal>(html`<care-portal tenant="bestaat-niet" api=""></care-portal>`));
    expect(portal.getAttribute('state')).to.equal('error');
    portal.setAttribute('tenant', 'thuiszorg-het-baken');
    await waitUntil(() => portal.getAttribute('state') === 'ready', 'the portal did not reload', { timeout: 8000 });
    expect(portal.portalState.tenant?.slug).to.equal('thuiszorg-het-baken');
    expect(alertOf(portal)).to.equal(null);
  });

  it('passes a session set by the login widget on to the widgets', async () => {
    const portal = await fixture<CarePortal>(html`
      <care-portal tenant="zorggroep-de-linde" api=""><test-portal-state-probe></test-portal-state-probe></care-portal>
    `);
    await settled(portal);
    const probe = portal.querySelector<PortalStateProbe>('test-portal-state-probe')!;
    portal.setSession({ accountId: 'a1', displayName: 'Mevrouw Jansen', clientId: 'c1', state: 'active' });
    await portal.updateComplete;
    expect(probe.state?.session?.displayName).to.equal('Mevrouw Jansen');
    expect(probe.state?.tenant?.slug).to.equal('zorggroep-de-linde');
    portal.setSession(null);
    await portal.updateComplete;
    expect(probe.state?.session).to.equal(null);
  });

  it('can be loaded twice, as when a page has both the bundle and a per-widget module', async () => {
    const first = customElements.get('care-portal');
    // Another URL is another module instance: its define() runs again.
    const sameModuleAgain = './care-portal.ts?second-copy';
    await import(sameModuleAgain);
    expect(customElements.get('care-portal')).to.equal(first);
  });
});
