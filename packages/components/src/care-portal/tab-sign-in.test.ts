import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { CareLogin } from '../care-login/care-login.component.js';
import '../care-login/care-login.js';
import '../care-profile/care-profile.js';
import '../care-reports/care-reports.js';
import { testSession } from '../shared/testing/test-session.js';
import type { CarePortal } from './care-portal.component.js';
import './care-portal.js';

/*
 * Two tabs of one portal share the BFF's session cookie, so signing in (or switching client) in one
 * must show in the other: no reload, no second login. Two portals of the same organisation on the
 * test page stand for two tabs, each with its own BroadcastChannel, as in care-portal.session.test.ts.
 * The sign-in of the "other tab" is a session from the test runner (no SMS spent), taken up by that
 * tab's login as after a reload; what travels between the tabs is the same.
 */

const LINDE = 'zorggroep-de-linde';

const step = (login: CareLogin) => login.querySelector('form')?.dataset['step'];
const shadowText = (element: Element) => element.shadowRoot?.textContent ?? '';
const items = (reports: Element) => reports.shadowRoot!.querySelectorAll('[part="item"]').length;

async function tab(widgets: 'login, profile, reports' | 'login, reports' = 'login, profile, reports') {
  const portal = await fixture<CarePortal>(html`
    <care-portal tenant=${LINDE} api="">
      <care-login></care-login>
      ${widgets.includes('profile') ? html`<care-profile></care-profile>` : ''}
      <care-reports></care-reports>
    </care-portal>
  `);
  await waitUntil(() => portal.portalState.sessionChecked && step(portal.querySelector('care-login')!), 'the portal did not start', {
    timeout: 8000,
  });
  return {
    portal,
    login: portal.querySelector('care-login')!,
    profile: portal.querySelector('care-profile'),
    reports: portal.querySelector('care-reports')!,
  };
}

const headers = { 'Content-Type': 'application/json', 'X-Care-Widgets': '1' };

afterEach(async () => {
  await fetch(`/api/tenants/${LINDE}/auth/logout`, { method: 'POST', headers, credentials: 'include' });
});

describe('<care-portal>: a sign-in in another tab', () => {
  it('shows the signed-in portal here too, without a reload and without a second login', async () => {
    const here = await tab();
    expect(step(here.login)).to.equal('login');
    await waitUntil(() => shadowText(here.reports).includes('U bent niet ingelogd.'), 'the reports did not wait for a login');
    const page = window.performance.getEntriesByType('navigation')[0];

    // The client signs in in the other tab.
    await testSession(LINDE, 'j.de.vries');
    const otherTab = await tab();
    await waitUntil(() => step(otherTab.login) === 'done', 'the other tab did not sign in', { timeout: 8000 });

    await waitUntil(() => step(here.login) === 'done', 'this tab still shows the login', { timeout: 8000 });
    expect(here.login.textContent).to.contain('U bent ingelogd als');
    await waitUntil(
      () => shadowText(here.profile!).includes('Johanna de Vries') && items(here.reports) > 0,
      'this tab did not load the client’s data',
      { timeout: 8000 },
    );
    // The same page and the same elements: nothing was reloaded.
    expect(window.performance.getEntriesByType('navigation')[0]).to.equal(page);
    expect(here.login.isConnected).to.equal(true);
    await expect(here.portal).to.be.accessible();
  });

  it('follows a switch to another client in another tab', async () => {
    // Marieke de Vries, daughter of Johanna de Vries (may read her reports) and mantelzorger of Hendrik van der Meer (may not).
    await testSession(LINDE, 'm.de.vries', { clientOf: 'j.de.vries' });
    const here = await tab('login, reports');
    const otherTab = await tab('login, reports');
    await waitUntil(() => items(here.reports) > 0 && items(otherTab.reports) > 0, 'the reports of Johanna de Vries did not load', {
      timeout: 8000,
    });

    // The other tab switches to Hendrik van der Meer, as the portal's client picker does.
    const clients = (await (await fetch(`/api/tenants/${LINDE}/clients`)).json()) as { items: Array<{ id: string; name: string }> };
    const hendrik = clients.items.find((client) => client.name.includes('Hendrik'))!;
    const switched = await fetch(`/api/tenants/${LINDE}/clients/current`, {
      method: 'PUT',
      headers,
      body: JSON.stringify({ clientId: hendrik.id }),
    });
    expect(switched.status).to.equal(200);
    otherTab.portal.setSession({ ...otherTab.portal.portalState.session!, clientId: hendrik.id });

    await waitUntil(() => here.portal.portalState.session?.clientId === hendrik.id, 'this tab stayed with Johanna de Vries', {
      timeout: 8000,
    });
    // No report of Johanna de Vries stays on screen: Marieke may not read Hendrik's reports.
    await waitUntil(() => shadowText(here.reports).includes('Hendrik van der Meer'), 'the reports did not reload for the new client', {
      timeout: 8000,
    });
    expect(items(here.reports)).to.equal(0);
    expect(step(here.login)).to.equal('done');
    await expect(here.portal).to.be.accessible();
  });
});
