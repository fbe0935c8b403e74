import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { CarePortal } from '../care-portal/care-portal.component.js';
import '../care-portal/care-portal.js';
import type { CareMessages } from '../care-messages/care-messages.component.js';
import '../care-messages/care-messages.js';
import type { CareReports } from '../care-reports/care-reports.component.js';
import '../care-reports/care-reports.js';
import { testSession } from './testing/test-session.js';

/* "Alle rapportages" and the like are a page to the client: the browser's Back returns to the overview. */

const LINDE = 'zorggroep-de-linde';

const button = (widget: Element, text: string) =>
  [...widget.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.trim().includes(text)) as HTMLButtonElement;

async function portal(reportsHistory?: string) {
  const page = await fixture<CarePortal>(html`
    <care-portal tenant=${LINDE} api="">
      <care-reports history=${reportsHistory ?? ''}></care-reports>
      <care-messages></care-messages>
    </care-portal>
  `);
  const reports = page.querySelector<CareReports>('care-reports')!;
  const messages = page.querySelector<CareMessages>('care-messages')!;
  if (!reportsHistory) reports.removeAttribute('history');
  await waitUntil(() => button(reports, 'Alle rapportages') && button(messages, 'Alle berichten'), 'the widgets did not load', {
    timeout: 8000,
  });
  return { reports, messages };
}

const popped = () => new Promise((resolve) => window.addEventListener('popstate', resolve, { once: true }));
const focusedHeading = (widget: Element) => widget.shadowRoot!.activeElement?.getAttribute('part');

describe('Back from "Alle …"', () => {
  before(() => testSession(LINDE, 'j.de.vries'));

  it('returns to the overview with the browser’s Back, and Forward opens the full view again', async () => {
    const { reports, messages } = await portal();
    const entries = history.length;
    button(reports, 'Alle rapportages').click();
    await reports.updateComplete;
    expect(reports.view).to.equal('all');
    expect(history.length).to.equal(entries + 1);

    let back = popped();
    history.back();
    await back;
    await reports.updateComplete;
    expect(reports.view).to.equal('home');
    expect(focusedHeading(reports)).to.equal('heading');
    expect(messages.view).to.equal('home');

    back = popped();
    history.forward();
    await back;
    await reports.updateComplete;
    expect(reports.view).to.equal('all');
    // "Terug naar het overzicht" takes the same way back, so Back after it does not reopen the full view.
    back = popped();
    button(reports, 'Terug naar het overzicht').click();
    await reports.updateComplete;
    expect(reports.view).to.equal('home');
    await back;
    await reports.updateComplete;
    expect(reports.view).to.equal('home');
    expect(history.length).to.equal(entries + 1);
  });

  it('keeps each widget’s own entry: Back from all messages leaves the reports as they were', async () => {
    const { reports, messages } = await portal();
    button(messages, 'Alle berichten').click();
    await messages.updateComplete;
    const back = popped();
    history.back();
    await back;
    await messages.updateComplete;
    expect(messages.view).to.equal('home');
    expect(reports.view).to.equal('home');
  });

  it('adds no entry with history="none", or when the host routes itself', async () => {
    const optedOut = await portal('none');
    const entries = history.length;
    button(optedOut.reports, 'Alle rapportages').click();
    await optedOut.reports.updateComplete;
    expect(optedOut.reports.view).to.equal('all');
    expect(history.length).to.equal(entries);

    const routed = await portal();
    routed.reports.addEventListener('care-navigate', (event) => event.preventDefault());
    button(routed.reports, 'Alle rapportages').click();
    await routed.reports.updateComplete;
    expect(routed.reports.view).to.equal('home');
    expect(history.length).to.equal(entries);
  });
});
