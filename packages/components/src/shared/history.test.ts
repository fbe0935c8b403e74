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
  const reportsShown = () => button(reports, 'Alle rapportages') ?? button(reports, 'Terug naar het overzicht');
  await waitUntil(() => reportsShown() && button(messages, 'Alle berichten'), 'the widgets did not load', {
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

  describe('a reload or a shared link of "Alle …"', () => {
    const param = () => new URL(location.href).searchParams.get('care-reports');
    afterEach(() => {
      const url = new URL(location.href);
      url.searchParams.delete('care-reports');
      history.replaceState(null, '', url);
    });

    it('comes back to the full view after a reload: the view is in the page address', async () => {
      const first = await portal();
      button(first.reports, 'Alle rapportages').click();
      await first.reports.updateComplete;
      expect(param()).to.equal('all');
      // The page's own parameters stay.
      expect(new URL(location.href).searchParams.get('wtr-session-id')).to.not.equal(null);

      // A reload: the same address and history entry, new elements.
      const entries = history.length;
      const reloaded = await portal();
      expect(reloaded.reports.view).to.equal('all');
      expect(reloaded.messages.view).to.equal('home');
      await waitUntil(() => focusedHeading(reloaded.reports) === 'heading', 'the full view’s heading has no focus');
      await expect(reloaded.reports).to.be.accessible();

      // Back to the overview takes the entry "Alle rapportages" added, as before the reload.
      const back = popped();
      button(reloaded.reports, 'Terug naar het overzicht').click();
      await back;
      await reloaded.reports.updateComplete;
      expect(reloaded.reports.view).to.equal('home');
      expect(param()).to.equal(null);
      expect(history.length).to.equal(entries);
    });

    it('opens the full view from a shared link, and the way back stays on the page', async () => {
      const link = new URL(location.href);
      link.searchParams.set('care-reports', 'all');
      history.replaceState(null, '', link);
      const entries = history.length;
      const { reports } = await portal();
      expect(reports.view).to.equal('all');

      button(reports, 'Terug naar het overzicht').click();
      await reports.updateComplete;
      expect(reports.view).to.equal('home');
      // No entry of this page before the link: the address loses the view instead of going back.
      expect(param()).to.equal(null);
      expect(history.length).to.equal(entries);
    });

    it('leaves the address alone with history="none"', async () => {
      const link = new URL(location.href);
      link.searchParams.set('care-reports', 'all');
      history.replaceState(null, '', link);
      const { reports } = await portal('none');
      expect(reports.view).to.equal('home');
      button(reports, 'Alle rapportages').click();
      await reports.updateComplete;
      button(reports, 'Terug naar het overzicht').click();
      await reports.updateComplete;
      expect(param()).to.equal('all');
    });
  });
});
