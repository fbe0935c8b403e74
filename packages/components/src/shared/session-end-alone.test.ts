import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { CareLogin } from '../care-login/care-login.component.js';
import '../care-login/care-login.js';
import '../care-messages/care-messages.js';
import '../care-reports/care-reports.js';
import { testSession } from './testing/test-session.js';
import { forgetFullViews } from './testing/address.js';

// A full view left open must not reopen in the next test's widgets (the address keeps it).
afterEach(forgetFullViews);

/*
 * Widgets on a host page without <care-portal> (each with its own `tenant` and `api`): the end of
 * the session at one of them must clear all of them at once, saying why, as the portal does. On a
 * shared computer a second widget must not keep showing the client's messages.
 */

const LINDE = 'zorggroep-de-linde';

const shadowText = (element: Element) => element.shadowRoot?.textContent ?? '';
const reportItems = (reports: Element) => reports.shadowRoot!.querySelectorAll('[part="item"]').length;
const messageItems = (messages: Element) => messages.shadowRoot!.querySelectorAll('[part~="message"]').length;
const button = (root: ParentNode, text: string) => [...root.querySelectorAll('button')].find((b) => b.textContent!.trim() === text)!;
const step = (login: CareLogin) => login.querySelector('form')?.dataset['step'];

async function hostPage(withLogin = false) {
  const page = await fixture<HTMLElement>(html`
    <div>
      ${withLogin ? html`<care-login tenant=${LINDE} api=""></care-login>` : ''}
      <care-reports tenant=${LINDE} api=""></care-reports>
      <care-messages tenant=${LINDE} api=""></care-messages>
    </div>
  `);
  const reports = page.querySelector('care-reports')!;
  const messages = page.querySelector('care-messages')!;
  await waitUntil(() => reportItems(reports) > 0 && messageItems(messages) > 0, 'the widgets did not load', { timeout: 8000 });
  return { page, reports, messages, login: page.querySelector('care-login') };
}

afterEach(async () => {
  await fetch(`/api/tenants/${LINDE}/auth/logout`, { method: 'POST', headers: { 'X-Care-Widgets': '1' }, credentials: 'include' });
});

describe('widgets without a portal: a session that ends', () => {
  it('clears every widget of the page at the first 401 of one, and each says why', async () => {
    await testSession(LINDE, 'j.de.vries');
    const { page, reports, messages } = await hostPage();

    // The BFF ended the session (revoked, or its own timeout); only the reports ask anything now.
    await testSession(LINDE, 'j.de.vries', { revoked: true });
    button(reports.shadowRoot!, 'Alle rapportages').click();

    const expired = 'Uw sessie is verlopen. Log opnieuw in om verder te gaan.';
    await waitUntil(() => shadowText(reports).includes(expired), 'the reports did not say the session expired', { timeout: 8000 });
    await waitUntil(() => shadowText(messages).includes(expired), 'the messages still show the client’s messages', { timeout: 8000 });
    expect(reportItems(reports)).to.equal(0);
    expect(messageItems(messages)).to.equal(0);
    // One alert (where it happened), a calm status in the others.
    expect(messages.shadowRoot!.querySelector('[role="alert"]')).to.equal(null);
    await expect(page).to.be.accessible();
  });

  it('brings a <care-login> beside them back to its form, with the reason, at the first 401', async () => {
    await testSession(LINDE, 'j.de.vries');
    const { reports, login } = await hostPage(true);
    await waitUntil(() => step(login!) === 'done', 'the login did not show the signed-in step', { timeout: 8000 });

    await testSession(LINDE, 'j.de.vries', { revoked: true });
    button(reports.shadowRoot!, 'Alle rapportages').click();
    await waitUntil(() => step(login!) === 'login', 'the login still says "U bent ingelogd als …"', { timeout: 8000 });
    expect(login!.querySelector('[role="status"]')!.textContent).to.contain('Uw sessie is verlopen. Log opnieuw in om verder te gaan.');
    expect(login!.textContent).not.to.contain('U bent ingelogd als');
    await expect(login!).to.be.accessible();
  });

  it('clears the widgets at "Uitloggen" of a <care-login> beside them', async () => {
    await testSession(LINDE, 'j.de.vries');
    const { page, reports, messages, login } = await hostPage(true);
    await waitUntil(() => step(login!) === 'done', 'the login did not show the signed-in step', { timeout: 8000 });

    button(login!, 'Uitloggen').click();
    const loggedOut = 'U bent uitgelogd. Log opnieuw in om uw gegevens te zien.';
    for (const widget of [reports, messages]) {
      await waitUntil(() => shadowText(widget).includes(loggedOut), `${widget.localName} still shows the client’s data`, { timeout: 8000 });
    }
    expect(reportItems(reports) + messageItems(messages)).to.equal(0);
    await expect(page).to.be.accessible();
  });
});
