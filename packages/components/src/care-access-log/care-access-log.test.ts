import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../care-portal/care-portal.js';
import { runDataWidgetStateSuite } from '../shared/testing/data-widget-states.js';
import { nextDownload } from '../shared/testing/downloads.js';
import { signIn } from '../shared/testing/sign-in.js';
import { testSession } from '../shared/testing/test-session.js';
import type { CareAccessLog } from './care-access-log.component.js';
import './care-access-log.js';

const LINDE = 'zorggroep-de-linde';

const root = (el: CareAccessLog) => el.shadowRoot!;
const $ = <T extends Element = HTMLElement>(el: CareAccessLog, selector: string) => root(el).querySelector<T>(selector);
const $$ = <T extends Element = HTMLElement>(el: CareAccessLog, selector: string) => [...root(el).querySelectorAll<T>(selector)];
const button = (el: CareAccessLog, text: string) =>
  $$<HTMLButtonElement>(el, 'button').find((b) => b.textContent!.includes(text)) as HTMLButtonElement;
const lines = (el: CareAccessLog) => $$(el, '[part~="item"]');
const text = (node: Element) => node.textContent!.replace(/\s+/g, ' ').trim();

async function settled(el: CareAccessLog) {
  await el.updateComplete;
  await waitUntil(() => el.shadowRoot && !$(el, '[aria-busy="true"]'), 'the access log stays loading', { timeout: 8000 });
  await el.updateComplete;
  return el;
}

async function inPortal(lang = '') {
  const portal = await fixture(html`<care-portal tenant=${LINDE} api="" lang=${lang}><care-access-log></care-access-log></care-portal>`);
  if (!lang) portal.removeAttribute('lang');
  return settled(portal.querySelector('care-access-log')!);
}

async function customPeriod(el: CareAccessLog, from: string, to: string) {
  if (button(el, 'Periode kiezen').getAttribute('aria-expanded') !== 'true') button(el, 'Periode kiezen').click();
  await el.updateComplete;
  $<HTMLInputElement>(el, '[name="from"]')!.value = from;
  $<HTMLInputElement>(el, '[name="to"]')!.value = to;
  button(el, 'Tonen').click();
  await el.updateComplete;
}

const amsterdamDay = (date: Date) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Amsterdam' }).format(date);

describe('<care-access-log>', () => {
  before(async () => {
    await signIn('linde');
  });

  it('shows the last week newest first, grouped by day, with who, what and the action in plain Dutch', async () => {
    const el = await inPortal();
    expect(text($(el, 'h2')!)).to.equal('Wie heeft mijn dossier bekeken?');
    expect(button(el, 'Laatste week').getAttribute('aria-pressed')).to.equal('true');
    const days = $$(el, '[part~="day-heading"]');
    expect(days.length).to.be.greaterThan(1);
    const times = lines(el).map((line) => line.querySelector('time')!.getAttribute('datetime')!);
    expect([...times].sort().reverse()).to.deep.equal(times);
    // The seed's morning round: a care team member by role and team read the reports.
    const staff = lines(el).find((line) => text(line).includes('Wijkverpleegkundige') || text(line).includes('Verzorgende IG'))!;
    expect(staff, 'a staff access').to.exist;
    expect(text(staff)).to.match(/^\d{2}:\d{2} .+, .+ (Rapportages|Metingen|Cliëntplan) bekeken$/);
    // This page's own reads are lines too ("U zelf"), but reading the log itself is not.
    const summary = text($(el, '[part~="summary"]')!);
    expect(summary).to.match(/^\d+ keer ingezien of gewijzigd van .+ tot en met .+$/);
    await expect(el).to.be.accessible();
  });

  it('marks an emergency access plainly', async () => {
    const el = await inPortal();
    button(el, 'Laatste jaar').click();
    await settled(el);
    const emergency = lines(el).filter((line) => line.querySelector('[part~="break-the-glass"]'));
    expect(emergency).to.have.length(1);
    expect(text(emergency[0]!)).to.match(
      /Verpleegkundige nachtdienst, Nachtdienst .+ Rapportages bekeken Noodtoegang: Ingezien met de noodprocedure/,
    );
    await expect(el).to.be.accessible();
  });

  it('shows a client’s own reads as "U zelf" after they happen', async () => {
    await fetch(`/api/tenants/${LINDE}/measurements`);
    const el = await inPortal();
    const own = lines(el).find((line) => text(line).includes('U zelf'));
    expect(own, 'an own access').to.exist;
    expect(text(own!)).to.match(/U zelf \S+ (bekeken|gedownload)/);
  });

  it('checks a chosen period at its fields and says so when nobody looked', async () => {
    const el = await inPortal();
    await customPeriod(el, '2001-02-01', '2001-01-01');
    expect(text($(el, '#' + $(el, '[name="from"]')!.getAttribute('aria-describedby'))!)).to.contain('De begindatum ligt na de einddatum');
    await customPeriod(el, '2001-01-01', '2001-01-31');
    await settled(el);
    expect(text($(el, '.state--empty')!)).to.equal('Niemand heeft uw dossier in deze periode ingezien.');
    expect($(el, '[part~="download"]')).to.equal(null);
    await customPeriod(el, '2001-01-01', '2003-01-31');
    await settled(el);
    expect(text($(el, '#' + $(el, '[name="to"]')!.getAttribute('aria-describedby'))!)).to.equal('Kies een periode van hoogstens een jaar.');
    await expect(el).to.be.accessible();
  });

  it('groups equal lines that follow each other, and opens a group to its times', async () => {
    for (let i = 0; i < 3; i++) await fetch(`/api/tenants/${LINDE}/reports`);
    const el = await inPortal();
    const group = $$(el, '[part~="group"]').find((summary) => /U zelf \d+× Rapportages bekeken$/.test(text(summary)))!;
    expect(group, 'a group of own report reads').to.exist;
    expect(Number(/(\d+)×/.exec(text(group))![1])).to.be.at.least(3);
    expect(text(group)).to.match(/^\d\d:\d\d–\d\d:\d\d U zelf/);
    const details = group.closest('details')!;
    expect(details.open).to.equal(false);
    group.click();
    await el.updateComplete;
    expect(details.open).to.equal(true);
    expect(text(details.querySelector('.hint')!)).to.match(/^Om \d\d:\d\d(, \d\d:\d\d){2,}\.$/);
    // The summary counts accesses, not lines.
    const counted = Number(/^(\d+) keer/.exec(text($(el, '[part~="summary"]')!))![1]);
    expect(counted).to.be.greaterThan(lines(el).length);
    await expect(el).to.be.accessible();
  });

  it('downloads a PDF of exactly the period shown, through the API client', async () => {
    const el = await inPortal();
    const link = $<HTMLAnchorElement>(el, 'a[part~="download-pdf"]')!;
    expect(text(link)).to.match(/^Download als PDF het overzicht van .+ tot en met .+$/);
    const url = new URL(link.href);
    expect(url.pathname).to.equal(`/api/tenants/${LINDE}/access-log.pdf`);
    expect(url.searchParams.get('to')).to.equal(amsterdamDay(new Date()));
    const saved = nextDownload();
    link.click();
    const file = await saved;
    expect(file.fileName).to.equal(`inzage-dossier-${url.searchParams.get('from')}-${url.searchParams.get('to')}.pdf`);
    expect(file.head).to.match(/^%PDF-/);
    expect(file.size).to.be.greaterThan(5000);
    expect($(el, '[role="alert"]')).to.equal(null);
  });

  it('downloads a CSV of exactly the period shown', async () => {
    const el = await inPortal();
    const link = $<HTMLAnchorElement>(el, 'a[part~="download-csv"]')!;
    expect(text(link)).to.match(/^Download als CSV het overzicht van .+ tot en met .+$/);
    const url = new URL(link.href);
    expect(url.pathname).to.equal(`/api/tenants/${LINDE}/access-log.csv`);
    expect(url.searchParams.get('to')).to.equal(amsterdamDay(new Date()));
    expect(link.getAttribute('download')).to.equal(`inzage-dossier-${url.searchParams.get('from')}-${url.searchParams.get('to')}.csv`);
    const response = await fetch(link.href);
    expect(response.status).to.equal(200);
    expect(response.headers.get('content-type')).to.contain('text/csv');
    expect((await response.text()).split('\r\n')[0]).to.equal(
      '"Datum";"Tijd";"Wie";"Naam";"Rol";"Organisatie";"Gegevens";"Handeling";"Noodtoegang"',
    );
  });

  it('names a contact person by name and relation', async () => {
    await testSession(LINDE, 'm.de.vries', { clientOf: 'j.de.vries' });
    expect((await fetch(`/api/tenants/${LINDE}/reports`)).status).to.equal(200);
    await testSession(LINDE, 'j.de.vries');
    const el = await inPortal();
    const line = lines(el).find((item) => text(item).includes('Uw contactpersoon'))!;
    expect(line, 'a line of the daughter').to.exist;
    expect(text(line)).to.match(/^\d\d:\d\d Uw contactpersoon Marieke de Vries \(dochter\) Rapportages bekeken$/);
    await expect(el).to.be.accessible();
  });

  it('works alone with tenant and api attributes, in English', async () => {
    const el = await settled(await fixture<CareAccessLog>(html`<care-access-log tenant=${LINDE} api="" lang="en"></care-access-log>`));
    await waitUntil(() => text($(el, 'h2')!) === 'Who looked at my file?', 'no English');
    expect(lines(el).some((line) => / (Reports|Measurements) viewed$/.test(text(line)))).to.equal(true);
  });

  it('offers to try again when the BFF cannot be reached', async () => {
    const el = await settled(
      await fixture<CareAccessLog>(html`<care-access-log tenant=${LINDE} api="http://127.0.0.1:9"></care-access-log>`),
    );
    expect(text($(el, '[role="alert"]')!)).to.contain('Er is geen verbinding met het cliëntportaal.');
    expect(button(el, 'Opnieuw proberen')).to.exist;
    await expect(el).to.be.accessible();
    el.api = '';
    await settled(el);
    expect(lines(el).length).to.be.greaterThan(0);
  });

  it('shows an error with a retry when the BFF answers with an error', async () => {
    const el = await settled(await fixture<CareAccessLog>(html`<care-access-log tenant="bestaat-niet" api=""></care-access-log>`));
    expect(text($(el, '[role="alert"]')!)).to.contain('Er ging iets mis bij het ophalen van de gegevens.');
    expect(button(el, 'Opnieuw proberen')).to.exist;
    await expect(el).to.be.accessible();
  });

  it('tells the host when there is no session, and shows no data', async () => {
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    const expired = oneEvent(host, 'care-session-expired');
    host.innerHTML = '<care-access-log tenant="thuiszorg-het-baken" api=""></care-access-log>';
    const event = await expired;
    expect(event.detail).to.deep.equal({ code: 'unauthenticated', tenant: 'thuiszorg-het-baken' });
    const el = await settled(host.querySelector('care-access-log')!);
    expect(text($(el, '.state--signed-out')!)).to.equal('U bent niet ingelogd. Log in om uw gegevens te zien.');
    expect(lines(el)).to.have.length(0);
    expect(button(el, 'Laatste week')).to.equal(undefined);
    await expect(el).to.be.accessible();
  });
});

runDataWidgetStateSuite({
  tag: 'care-access-log',
  tenant: 'zorggroep-de-linde',
  username: 'j.de.vries',
  empty: {
    answer: (path) => (path.startsWith('/access-log?') ? { items: [], period: { from: '2026-01-01', to: '2026-01-31' } } : undefined),
    text: 'Niemand heeft uw dossier in deze periode ingezien.',
  },
  noAccess: 'U heeft geen toegang tot het inzageoverzicht van Johanna de Vries.',
});
