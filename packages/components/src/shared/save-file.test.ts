import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../care-agenda/care-agenda.js';
import '../care-plan/care-plan.js';
import type { CarePortal } from '../care-portal/care-portal.component.js';
import '../care-portal/care-portal.js';
import '../care-reports/care-reports.js';
import { nextDownload } from './testing/downloads.js';
import { crossSiteTestSession, restoreTenant } from './testing/test-session.js';

/*
 * A host page on another site than the BFF (the page on localhost, the BFF on 127.0.0.1, the
 * tenant with crossSiteEmbedding): the session cookie is partitioned under the host's site, so a
 * link's navigation to the BFF would arrive without it and show the BFF's JSON. The widgets fetch
 * their files with the cookie and save them from memory.
 */

const LINDE = 'zorggroep-de-linde';

const link = (widget: Element, part: string) => widget.shadowRoot!.querySelector<HTMLAnchorElement>(`a[part~="${part}"]`)!;

async function portalOnAnotherSite() {
  const { api } = await crossSiteTestSession(LINDE, 'j.de.vries');
  expect(new URL(api).hostname).to.not.equal(location.hostname);
  const portal = await fixture<CarePortal>(html`
    <care-portal tenant=${LINDE} api=${api}>
      <care-plan></care-plan>
      <care-reports view="all"></care-reports>
      <care-agenda></care-agenda>
    </care-portal>
  `);
  const [plan, reports, agenda] = ['care-plan', 'care-reports', 'care-agenda'].map((tag) => portal.querySelector(tag)!);
  await waitUntil(
    () => link(plan!, 'download') && link(reports!, 'download') && link(agenda!, 'ics'),
    'the widgets did not load from the BFF',
    {
      timeout: 8000,
    },
  );
  return { api, plan: plan!, reports: reports!, agenda: agenda! };
}

async function download(anchor: HTMLAnchorElement) {
  const saved = nextDownload();
  anchor.click();
  return saved;
}

describe('downloads on a host of another site', () => {
  after(() => restoreTenant(LINDE));

  it('saves the plan PDF, the reports PDF and the .ics files with the session', async () => {
    const { plan, reports, agenda } = await portalOnAnotherSite();
    const page = location.href;

    const planPdf = await download(link(plan, 'download'));
    expect(planPdf.fileName).to.equal(link(plan, 'download').download);
    expect(planPdf.head).to.match(/^%PDF-/);

    const reportsPdf = await download(link(reports, 'download'));
    expect(reportsPdf.fileName).to.match(/^rapportages-\d{4}-\d{2}-\d{2}-tot-\d{4}-\d{2}-\d{2}\.pdf$/);
    expect(reportsPdf.head).to.match(/^%PDF-/);

    const ics = await download(link(agenda, 'ics'));
    expect(ics.fileName).to.match(/^afspraak-\d{4}-\d{2}-\d{2}\.ics$/);
    expect(ics.head).to.match(/^BEGIN:VCALENDAR/);
    const allIcs = await download(link(agenda, 'ics-all'));
    expect(allIcs.fileName).to.equal('afspraken.ics');
    expect(allIcs.head).to.match(/^BEGIN:VCALENDAR/);

    // The page stayed where it was: no navigation to the BFF.
    expect(location.href).to.equal(page);
  });

  it('shows a refused download as the end of the session, not as a page of JSON', async () => {
    const { api, plan, reports } = await portalOnAnotherSite();
    // Logged out elsewhere: the BFF no longer knows the session.
    await fetch(`${api}/api/tenants/${LINDE}/auth/logout`, { method: 'POST', headers: { 'X-Care-Widgets': '1' }, credentials: 'include' });

    const expired = oneEvent(plan, 'care-session-expired');
    link(plan, 'download').click();
    await expired;
    for (const widget of [plan, reports]) {
      await waitUntil(
        () => widget.shadowRoot!.textContent!.includes('U bent niet ingelogd.'),
        `${widget.localName} still shows the client's data`,
        { timeout: 8000 },
      );
    }
    expect(plan.shadowRoot!.querySelector('[part="item"]')).to.equal(null);
    await expect(plan).to.be.accessible();
  });
});
