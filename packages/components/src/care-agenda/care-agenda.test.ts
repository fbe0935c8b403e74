import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../care-portal/care-portal.js';
import { amsterdamToday } from '../shared/date-format.js';
import { runDataWidgetStateSuite } from '../shared/testing/data-widget-states.js';
import { signIn } from '../shared/testing/sign-in.js';
import type { Appointment, CareAgenda } from './care-agenda.component.js';
import './care-agenda.js';
import { forgetFullViews } from '../shared/testing/address.js';

// A full view left open must not reopen in the next test's widgets (the address keeps it).
afterEach(forgetFullViews);

const BAKEN = 'thuiszorg-het-baken';
const LINDE = 'zorggroep-de-linde';

const root = (el: CareAgenda) => el.shadowRoot!;
const $ = <T extends Element = HTMLElement>(el: CareAgenda, selector: string) => root(el).querySelector<T>(selector);
const $$ = <T extends Element = HTMLElement>(el: CareAgenda, selector: string) => [...root(el).querySelectorAll<T>(selector)];
const button = (el: CareAgenda, text: string) =>
  $$<HTMLButtonElement>(el, 'button').find((b) => b.textContent!.includes(text)) as HTMLButtonElement;
const field = (el: CareAgenda, name: string) => $<HTMLInputElement>(el, `form [name="${name}"]`)!;
const errorOf = (el: CareAgenda, name: string) => {
  const id = field(el, name).getAttribute('aria-describedby');
  return id ? ($(el, `#${id}`)?.textContent ?? '') : '';
};
const dayPattern =
  /^(maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag) \d{1,2} (januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december)( \d{4})?$/;

async function settled(el: CareAgenda) {
  await el.updateComplete;
  await waitUntil(() => !$(el, '[aria-busy="true"]'), 'the agenda stays loading', { timeout: 8000 });
  await el.updateComplete;
  return el;
}

async function inPortal(tenant: string, view: 'home' | 'all' = 'home') {
  const portal = await fixture(html`<care-portal tenant=${tenant} api=""><care-agenda view=${view}></care-agenda></care-portal>`);
  return settled(portal.querySelector('care-agenda')!);
}

function daysFromToday(days: number) {
  const [y, m, d] = amsterdamToday().split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

async function type(el: CareAgenda, name: string, value: string) {
  const input = field(el, name);
  input.value = value;
  input.dispatchEvent(new Event('input'));
  await el.updateComplete;
}

async function save(el: CareAgenda) {
  $<HTMLFormElement>(el, 'form')!.requestSubmit();
  await el.updateComplete;
}

describe('<care-agenda>', () => {
  before(async () => {
    await signIn('baken');
    await signIn('linde');
  });

  it('shows the first 4 appointments to come with the indicative-time notice and calendar links', async () => {
    const el = await inPortal(BAKEN);
    expect($(el, 'h2')!.textContent).to.equal('Afspraken');
    expect($(el, '[part~="notice"]')!.textContent).to.equal(
      'De tijden zijn bij benadering; de zorgverlener kan een half uur eerder of later komen.',
    );
    const items = $$(el, '[part~="item"]');
    expect(items).to.have.length(4);
    for (const item of items) {
      expect(item.querySelector('time')!.textContent).to.match(/^\w+dag \d+ \w+( \d{4})?, \d{2}:\d{2} – \d{2}:\d{2} uur$/);
      const ics = item.querySelector<HTMLAnchorElement>('a[part~="ics"]')!;
      expect(ics.textContent!.replace(/\s+/g, ' ').trim()).to.match(/^Toevoegen aan agenda: .+, \w+dag \d+ \w+/);
      expect(new URL(ics.href).pathname).to.match(new RegExp(`^/api/tenants/${BAKEN}/appointments/[0-9a-f-]{36}\\.ics$`));
    }
    const starts = items.map((item) => Date.parse(item.querySelector('time')!.getAttribute('datetime')!));
    expect([...starts].sort((a, b) => a - b)).to.deep.equal(starts);
    await expect(el).to.be.accessible();

    const one = await fetch(items[0]!.querySelector<HTMLAnchorElement>('a[part~="ics"]')!.href);
    expect(one.headers.get('content-type')).to.match(/^text\/calendar/);
    const ics = await one.text();
    expect(ics).to.match(/^BEGIN:VCALENDAR\r\n/);
    expect(ics.match(/BEGIN:VEVENT/g)).to.have.length(1);

    const allLink = $<HTMLAnchorElement>(el, 'a[part~="ics-all"]')!;
    expect(allLink.textContent!.trim()).to.equal('Alle afspraken in agenda zetten');
    const everything = await (await fetch(allLink.href)).text();
    expect(everything.match(/BEGIN:VEVENT/g)!.length).to.be.greaterThan(4);
  });

  it('shows "Alle afspraken" grouped by Amsterdam day under headings like "maandag 23 november"', async () => {
    const el = await inPortal(BAKEN);
    const navigate = oneEvent(el, 'care-navigate');
    button(el, 'Alle afspraken').click();
    expect((await navigate).detail.view).to.equal('all');
    await settled(el);
    expect($(el, 'h2')!.textContent).to.equal('Alle afspraken');
    const days = $$(el, '[part~="day"]');
    expect(days.length).to.be.greaterThan(20);
    const headings = days.map((day) => day.querySelector('h3')!.textContent!);
    for (const heading of headings) expect(heading).to.match(dayPattern);
    expect(new Set(headings).size).to.equal(headings.length);

    const list = (await (await fetch(`/api/tenants/${BAKEN}/appointments`)).json()) as { items: Appointment[] };
    const byDay = new Map<string, number>();
    for (const a of list.items) byDay.set(a.localDate, (byDay.get(a.localDate) ?? 0) + 1);
    expect(days.length).to.equal(byDay.size);
    expect(days.map((day) => day.querySelectorAll('[part~="item"]').length)).to.deep.equal([...byDay.values()]);
    await expect(el).to.be.accessible();
  });

  it('lets a Het Baken client add, change and remove an own appointment, checking each field', async () => {
    const el = await inPortal(BAKEN);
    const add = button(el, 'Afspraak toevoegen');
    add.click();
    await el.updateComplete;
    expect(root(el).activeElement === field(el, 'title'), 'focus is on Omschrijving').to.equal(true);
    expect(root(el).textContent).to.contain('Het zorgteam ziet de afspraken die u hier toevoegt.');

    await type(el, 'date', daysFromToday(0));
    await type(el, 'start', '00:01');
    await type(el, 'end', '00:00');
    await save(el);
    expect(errorOf(el, 'title')).to.equal('Vul een omschrijving in.');
    expect(errorOf(el, 'start')).to.equal('Dit moment is al voorbij. Kies een moment in de toekomst.');
    expect(root(el).activeElement === field(el, 'title'), 'focus is on the first wrong field').to.equal(true);
    await expect(el).to.be.accessible();

    await type(el, 'title', 'Kapper');
    await type(el, 'date', daysFromToday(3));
    await type(el, 'start', '10:00');
    await type(el, 'end', '09:30');
    await save(el);
    expect(errorOf(el, 'title')).to.equal('');
    expect(errorOf(el, 'end')).to.equal('De eindtijd moet na de begintijd liggen.');

    await type(el, 'end', '11:00');
    await type(el, 'location', 'Kapsalon Lange Noordstraat, Middelburg');
    const saved = oneEvent(el, 'care-appointment-saved');
    await save(el);
    const { appointment } = (await saved).detail;
    expect(appointment).to.include({
      title: 'Kapper',
      localDate: daysFromToday(3),
      localStart: '10:00',
      localEnd: '11:00',
      editable: true,
    });
    await settled(el);
    await waitUntil(() => $(el, '[role="status"]')!.textContent === 'Uw afspraak is toegevoegd.', 'no saved message');

    button(el, 'Alle afspraken').click();
    await settled(el);
    const mine = () => $$(el, '[part~="item"]').find((li) => li.querySelector('.appointment__title')!.textContent === 'Kapper')!;
    expect(mine().querySelector('[part~="own-badge"]')!.textContent).to.equal('Door u toegevoegd');
    expect(mine().closest('[part~="day"]')!.querySelector('h3')!.textContent).to.match(dayPattern);
    // The care team's appointments cannot be changed here.
    const careTeam = $$(el, '[part~="item"]').filter((li) => !li.querySelector('[part~="own-badge"]'));
    expect(careTeam.length).to.be.greaterThan(0);
    for (const li of careTeam) expect(li.querySelector('[part~="edit"], [part~="remove"]') === null).to.equal(true);

    mine().querySelector<HTMLButtonElement>('[part~="edit"]')!.click();
    await el.updateComplete;
    expect(field(el, 'title').value).to.equal('Kapper');
    await type(el, 'title', 'Kapper (knippen en föhnen)');
    await save(el);
    await waitUntil(() => $(el, '[role="status"]')!.textContent === 'Uw afspraak is gewijzigd.', 'no changed message', { timeout: 8000 });
    await waitUntil(() => mine() === undefined, 'the old title stays');

    const changed = $$(el, '[part~="item"]').find(
      (li) => li.querySelector('.appointment__title')!.textContent === 'Kapper (knippen en föhnen)',
    )!;
    changed.querySelector<HTMLButtonElement>('[part~="remove"]')!.click();
    await el.updateComplete;
    const dialog = $<HTMLDialogElement>(el, 'dialog')!;
    expect(dialog.open).to.equal(true);
    expect(dialog.textContent).to.contain('Weet u zeker dat u deze afspraak wilt verwijderen?');
    expect(root(el).activeElement === button(el, 'Annuleren'), 'focus is on Annuleren').to.equal(true);
    await expect(el).to.be.accessible();
    const removed = oneEvent(el, 'care-appointment-removed');
    button(el, 'Verwijderen').click();
    await removed;
    await waitUntil(() => !$(el, 'dialog'), 'the dialog stays open');
    expect($(el, '[role="status"]')!.textContent).to.equal('De afspraak is verwijderd.');
    const list = (await (await fetch(`/api/tenants/${BAKEN}/appointments`)).json()) as { items: Appointment[] };
    expect(list.items.some((a) => a.id === appointment.id)).to.equal(false);
  });

  it('offers no "Afspraak toevoegen" where the organisation does not allow it, and shows its own notice', async () => {
    const el = await inPortal(LINDE);
    expect($(el, '[part~="notice"]')!.textContent).to.equal(
      'Let op! De tijden van de afspraken zijn een indicatie. Houdt u alstublieft rekening met een afwijking van tot 60 minuten.',
    );
    expect(button(el, 'Afspraak toevoegen')).to.equal(undefined);
    expect($(el, '[part~="edit"]') === null, 'no Wijzigen').to.equal(true);
  });

  it('works alone, in English', async () => {
    const el = await settled(await fixture<CareAgenda>(html`<care-agenda tenant=${BAKEN} api="" lang="en"></care-agenda>`));
    await waitUntil(() => $(el, 'h2')!.textContent === 'Appointments', 'no English');
    expect(button(el, 'All appointments')).to.exist;
    expect($(el, 'a[part~="ics"]')!.textContent).to.contain('Add to calendar');
  });

  it('offers to try again when the BFF cannot be reached', async () => {
    const el = await settled(await fixture<CareAgenda>(html`<care-agenda tenant=${BAKEN} api="http://127.0.0.1:9"></care-agenda>`));
    expect($(el, '[role="alert"]')!.textContent).to.contain('Er is geen verbinding met het cliëntportaal.');
    expect(button(el, 'Opnieuw proberen')).to.exist;
    await expect(el).to.be.accessible();
  });

  // Last: it ends this page's Het Baken session.
  it('clears its data on logout and tells the host when the BFF no longer knows the session', async () => {
    const portal = await fixture<import('../care-portal/care-portal.component.js').CarePortal>(
      html`<care-portal tenant=${BAKEN} api=""><care-agenda></care-agenda></care-portal>`,
    );
    const el = await settled(portal.querySelector('care-agenda')!);
    await waitUntil(() => portal.portalState.status === 'ready', 'the portal stays loading');
    portal.setSession({ accountId: 'a', displayName: 'A.C. van der Hoek', clientId: 'c', state: 'active' });
    await waitUntil(() => $$(el, '[part~="item"]').length > 0, 'no appointments after the login', { timeout: 8000 });
    portal.setSession(null);
    await waitUntil(() => $$(el, '[part~="item"]').length === 0, 'the appointments stay after the logout');
    expect($$(el, '[part~="item"]')).to.have.length(0);
    expect($(el, '[role="status"].state')!.textContent).to.equal('U bent niet ingelogd. Log in om uw gegevens te zien.');

    await fetch(`/api/tenants/${BAKEN}/auth/logout`, { method: 'POST', headers: { 'X-Care-Widgets': '1' } });
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    const expired = oneEvent(host, 'care-session-expired');
    host.innerHTML = `<care-agenda tenant="${BAKEN}" api=""></care-agenda>`;
    expect((await expired).detail).to.deep.equal({ code: 'unauthenticated', tenant: BAKEN });
    const alone = await settled(host.querySelector('care-agenda')!);
    expect($(alone, '.state--signed-out')!.textContent).to.equal('U bent niet ingelogd. Log in om uw gegevens te zien.');
    expect($(alone, '[part~="notice"]') === null, 'no notice without a session').to.equal(true);
    await expect(alone).to.be.accessible();
  });
});

runDataWidgetStateSuite({
  tag: 'care-agenda',
  tenant: 'zorggroep-de-linde',
  username: 'j.de.vries',
  empty: {
    answer: (path) => (path.startsWith('/appointments') ? { notice: null, clientMayAddAppointments: false, items: [] } : undefined),
    text: 'Er zijn geen afspraken gepland.',
  },
  noAccess: 'U heeft geen toegang tot de agenda van Johanna de Vries.',
});
