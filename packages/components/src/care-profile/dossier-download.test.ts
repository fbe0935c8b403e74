import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../care-portal/care-portal.js';
import { nextDownload } from '../shared/testing/downloads.js';
import { removeTestContact, testSession } from '../shared/testing/test-session.js';
import type { CareProfile } from './care-profile.component.js';
import './care-profile.js';

// "Download mijn dossier" against the real BFF: the ZIP the browser saves, opened with unzip.
const LINDE = 'zorggroep-de-linde';
const BAKEN = 'thuiszorg-het-baken';

const $ = <T extends Element = HTMLElement>(el: CareProfile, selector: string) => el.shadowRoot!.querySelector<T>(selector);
const dossierLink = (el: CareProfile) => $<HTMLAnchorElement>(el, 'a[part~="dossier-download"]');
const text = (node: Element | null) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

async function inPortal(tenant: string, lang = 'nl') {
  const portal = await fixture(html`<care-portal tenant=${tenant} api="" lang=${lang}><care-profile></care-profile></care-portal>`);
  const el = portal.querySelector('care-profile')!;
  await waitUntil(() => $(el, '[part~="name"]'), 'the profile did not load', { timeout: 8000 });
  await el.updateComplete;
  return el;
}

const DOSSIER_TIMEOUT = 60_000;

/**
 * The download loads with the profile, for the client and a legal representative, as a chunk of
 * its own: in the first test the dev server still compiles it, which on a loaded machine took
 * more than 8 s once.
 */
async function dossierShown(el: CareProfile) {
  await waitUntil(() => dossierLink(el), 'no "Download mijn dossier"', { timeout: 20_000 });
  return dossierLink(el)!;
}

describe('<care-profile>: Download mijn dossier', function () {
  this.timeout(120_000);

  // First: the test runner's dev server answers a repeated GET of one address from its cache, so
  // the refusal must come before a ZIP of the same address.
  it('ends the session when the BFF no longer knows it', async () => {
    await testSession(LINDE, 'j.de.vries');
    const el = await inPortal(LINDE);
    // The download is there before the session ends behind the widget's back, as when the session
    // ran out while the page was open.
    const link = await dossierShown(el);
    await fetch(`/api/tenants/${LINDE}/auth/logout`, { method: 'POST', headers: { 'X-Care-Widgets': '1' } });
    const expired = oneEvent(el, 'care-session-expired');
    link.click();
    // Logged out: the cookie is gone too, so the BFF says `unauthenticated`.
    expect((await expired).detail).to.deep.equal({ code: 'unauthenticated', tenant: LINDE });
    await el.updateComplete;
    expect(dossierLink(el)).to.equal(null);
    expect($(el, '[part~="name"]')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('downloads the whole file as one ZIP, busy while it is made, then says it is done', async () => {
    await testSession(LINDE, 'j.de.vries');
    const el = await inPortal(LINDE);
    const link = await dossierShown(el);
    expect(text(link)).to.equal('Download mijn dossier');
    expect(link.download).to.match(/^dossier-\d{4}-\d{2}-\d{2}\.zip$/);
    expect(text(el.shadowRoot!.getElementById(link.getAttribute('aria-describedby')!))).to.contain('Een kopie van uw hele dossier');
    await expect(el).to.be.accessible();

    const saved = nextDownload({ timeout: DOSSIER_TIMEOUT, unzip: { json: 'dossier.json' } });
    link.click();
    await el.updateComplete;
    expect(link.getAttribute('aria-disabled')).to.equal('true');
    expect(text(link)).to.equal('Dossier wordt klaargemaakt…');
    expect(text($(el, '[part~="dossier"] [role="status"]'))).to.equal('Uw dossier wordt klaargemaakt. Dit kan een minuut duren.');
    await expect(el).to.be.accessible();
    // A second click while it is made starts nothing.
    link.click();

    const zip = await saved;
    expect(zip.fileName).to.equal(link.download);
    expect(zip.head.startsWith('PK')).to.equal(true);
    for (const entry of [
      'dossier.json',
      'LEESMIJ.txt',
      'rapportages.pdf',
      'rapportages.json',
      'metingen.pdf',
      'afspraken.json',
      'berichten.pdf',
      'clientplan.json',
      'persoonlijke-gegevens.pdf',
      'contactpersonen.json',
      'inzage-logboek.pdf',
    ]) {
      expect(zip.entries).to.include(entry);
    }
    expect(zip.entries!.some((entry) => entry.startsWith('clientplan/') && entry.endsWith('.pdf'))).to.equal(true);
    const manifest = zip.json as { client: string; downloadedBy: { relation: string }; counts: Record<string, number> };
    expect(manifest.client).to.equal('Johanna de Vries');
    expect(manifest.downloadedBy.relation).to.equal('client');
    expect(manifest.counts['reports']).to.be.greaterThan(0);

    await waitUntil(() => link.getAttribute('aria-disabled') === 'false', 'the button stayed busy', { timeout: 8000 });
    expect(text($(el, '[part~="dossier"] [role="status"]'))).to.contain('Uw dossier is gedownload.');
    await expect(el).to.be.accessible();
  });

  it('shows the limit of a few downloads a day beside the button, in English too', async () => {
    await testSession(BAKEN, 'w.dejonge@example.nl');
    const el = await inPortal(BAKEN, 'en');
    const link = await dossierShown(el);
    // The English texts load on first use.
    await waitUntil(() => text(link) === 'Download my file', 'the English label did not come');
    // The 3 of today, used up elsewhere (another tab, another device). The query only keeps the
    // test runner's dev server from answering a repeated GET from its cache.
    for (let n = 0; n < 3; n++) {
      const response = await fetch(`/api/tenants/${BAKEN}/dossier.zip?n=${n}`);
      expect(response.status).to.equal(200);
      await response.arrayBuffer();
    }
    link.click();
    await waitUntil(() => $(el, '[part~="dossier"] [role="alert"]'), 'no refusal shown', { timeout: DOSSIER_TIMEOUT });
    expect(text($(el, '[part~="dossier"] [role="alert"]'))).to.equal(
      'You have already downloaded your file a few times today. Please try again tomorrow.',
    );
    expect(link.getAttribute('aria-disabled')).to.equal('false');
    // The profile itself is still there.
    expect($(el, '[part~="name"]')).to.exist;
    await expect(el).to.be.accessible();
  });

  it('offers no download to a contact person who only may read the profile', async () => {
    await testSession(LINDE, 'j.de.vries', { contact: { rights: ['profile'] } });
    const el = await inPortal(LINDE);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(dossierLink(el)).to.equal(null);
    await removeTestContact(LINDE, 'j.de.vries');
  });
});
