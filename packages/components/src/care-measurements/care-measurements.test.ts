import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../care-portal/care-portal.js';
import { runDataWidgetStateSuite } from '../shared/testing/data-widget-states.js';
import { signIn } from '../shared/testing/sign-in.js';
import type { CareMeasurements, Measurement } from './care-measurements.component.js';
import './care-measurements.js';
import { forgetFullViews } from '../shared/testing/address.js';

// A full view left open must not reopen in the next test's widgets (the address keeps it).
afterEach(forgetFullViews);

const LINDE = 'zorggroep-de-linde';

const root = (el: CareMeasurements) => el.shadowRoot!;
const $ = <T extends Element = HTMLElement>(el: CareMeasurements, selector: string) => root(el).querySelector<T>(selector);
const $$ = <T extends Element = HTMLElement>(el: CareMeasurements, selector: string) => [...root(el).querySelectorAll<T>(selector)];
const button = (el: CareMeasurements, text: string) =>
  $$<HTMLButtonElement>(el, 'button').find((b) => b.textContent!.includes(text)) as HTMLButtonElement;
const field = (el: CareMeasurements, name: string) => $<HTMLInputElement>(el, `[name="${name}"]`)!;
const errorOf = (el: CareMeasurements, input: Element) =>
  (input.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => $(el, `#${id}`))
    .find((node) => node?.classList.contains('field-error'))?.textContent ?? '';

async function settled(el: CareMeasurements) {
  await el.updateComplete;
  await waitUntil(() => !$(el, '[aria-busy="true"]'), 'the measurements stay loading', { timeout: 8000 });
  await el.updateComplete;
  return el;
}

async function inPortal(view: 'home' | 'all' = 'home', type?: string) {
  const portal = await fixture(
    html`<care-portal tenant=${LINDE} api=""><care-measurements view=${view} type=${type ?? ''}></care-measurements></care-portal>`,
  );
  const el = portal.querySelector('care-measurements')!;
  if (type === undefined) el.removeAttribute('type');
  return settled(el);
}

function setValue(input: HTMLInputElement | HTMLSelectElement, value: string) {
  input.value = value;
  input.dispatchEvent(new Event(input instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
}

async function openForm(el: CareMeasurements, type: string) {
  button(el, 'Nieuwe meting').click();
  await el.updateComplete;
  setValue($<HTMLSelectElement>(el, 'form select[name="type"]')!, type);
  await el.updateComplete;
}

async function submit(el: CareMeasurements) {
  $<HTMLFormElement>(el, 'form')!.requestSubmit();
  await el.updateComplete;
}

describe('<care-measurements>', () => {
  before(async () => {
    await signIn('linde');
  });

  it('shows the recent measurements with type, value, unit and time', async () => {
    const el = await inPortal();
    expect($(el, 'h2')!.textContent).to.equal('Metingen');
    const items = $$(el, '[part~="item"]');
    expect(items.length).to.be.within(1, 5);
    for (const item of items) {
      expect(item.querySelector('.measurement__type')!.textContent).to.match(
        /^(Bloeddruk|Gewicht|Temperatuur|Pols|Bloedsuiker|Zuurstofsaturatie|Pijnscore)$/,
      );
      // "Pijnscore 4", not "Pijnscore 4 score".
      const unit = item.querySelector('.measurement__type')!.textContent === 'Pijnscore' ? '' : ' (mmHg|kg|°C|slagen\\/min|mmol\\/L|%)';
      expect(item.querySelector('.measurement__value')!.textContent).to.match(new RegExp(`^\\d+(,\\d)?(\\/\\d+)?${unit}$`));
      expect(item.querySelector('time')!.getAttribute('datetime')).to.match(/Z$/);
    }
    // The care team's measurements have no "x".
    const staff = items.filter((item) => !item.querySelector('[part~="own-badge"]'));
    expect(staff.length).to.be.greaterThan(0);
    for (const item of staff) expect(item.querySelector('[part~="delete"]')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('shows "Alle metingen" per meetsoort as a chart with a text summary and a table', async () => {
    const el = await inPortal();
    button(el, 'Alle metingen').click();
    await settled(el);
    expect($(el, 'h2')!.textContent).to.equal('Alle metingen');
    const select = $<HTMLSelectElement>(el, 'select')!;
    expect(select.labels![0]!.textContent).to.equal('Meetsoort');
    expect([...select.options].map((o) => o.textContent)).to.include.members(['Alle meetsoorten', 'Bloeddruk', 'Gewicht', 'Pijnscore']);

    setValue(select, 'gewicht');
    await settled(el);
    const svg = $(el, 'svg')!;
    expect(svg.getAttribute('role')).to.equal('img');
    const summary = $(el, `#${svg.getAttribute('aria-labelledby')}`)!.textContent!;
    expect(summary).to.match(
      /^Gewicht van \d+ \w+ \d{4} tot en met \d+ \w+ \d{4}: \d+ metingen\. Laagste \d+,\d kg, hoogste \d+,\d kg, laatste \d+,\d kg\.$/,
    );
    expect($$(el, 'polyline')).to.have.length(1);
    await expect(el).to.be.accessible();

    const toggle = button(el, 'Tabel tonen');
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    toggle.click();
    await el.updateComplete;
    expect(button(el, 'Tabel verbergen').getAttribute('aria-expanded')).to.equal('true');
    const table = $(el, 'table')!;
    expect(table.querySelector('caption')!.textContent).to.match(/^Gewicht van .+ tot en met .+$/);
    expect([...table.querySelectorAll('th')].map((th) => th.textContent!.trim())).to.deep.equal([
      'Datum en tijd',
      'Waarde',
      'Ingevoerd door',
      'Acties',
    ]);
    expect(table.querySelectorAll('tbody tr').length).to.be.greaterThan(10);
    await expect(el).to.be.accessible();

    // Blood pressure: two lines, both named in the legend and the summary.
    setValue($<HTMLSelectElement>(el, 'select')!, 'bloeddruk');
    await settled(el);
    expect($$(el, 'polyline')).to.have.length(2);
    expect($(el, 'figcaption')!.textContent).to.match(/laatste \d+\/\d+ mmHg\.$/);
  });

  it('says so when a meetsoort has no measurements', async () => {
    const el = await inPortal('all', 'pijnscore');
    expect($(el, '.state--empty')!.textContent).to.equal('Er zijn geen metingen in deze periode.');
    expect($(el, 'svg') === null, 'no chart').to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('checks a new measurement at each field, naming it, before sending', async () => {
    const el = await inPortal();
    await openForm(el, 'bloeddruk');
    const systolic = field(el, 'values.systolic');
    const diastolic = field(el, 'values.diastolic');
    expect(systolic.labels![0]!.textContent).to.equal('Bovendruk (systolisch)');
    expect(diastolic.labels![0]!.textContent).to.equal('Onderdruk (diastolisch)');
    expect(systolic.parentElement!.querySelector('.unit')!.textContent).to.equal('mmHg');
    expect(systolic.inputMode).to.equal('decimal');
    // Only types the client may enter are offered.
    expect([...$<HTMLSelectElement>(el, 'form select')!.options].map((o) => o.value)).to.not.include('saturatie');

    await submit(el);
    expect(errorOf(el, systolic)).to.equal('Bovendruk (systolisch): vul een waarde in.');
    expect(errorOf(el, diastolic)).to.equal('Onderdruk (diastolisch): vul een waarde in.');
    expect(root(el).activeElement === systolic, 'focus is on Bovendruk').to.equal(true);

    setValue(systolic, '300');
    setValue(diastolic, '82,5');
    const when = field(el, 'measuredAt');
    const tomorrow = new Date(Date.now() + 86_400_000);
    setValue(when, `${tomorrow.toISOString().slice(0, 10)}T09:00`);
    await submit(el);
    expect(errorOf(el, systolic)).to.equal('Bovendruk (systolisch): vul een waarde in tussen 50 en 250 mmHg.');
    expect(errorOf(el, diastolic)).to.equal('Onderdruk (diastolisch): vul een heel getal in, zonder komma.');
    expect(errorOf(el, when)).to.equal('De datum en tijd mogen niet in de toekomst liggen.');
    expect(systolic.getAttribute('aria-invalid')).to.equal('true');
    await expect(el).to.be.accessible();

    setValue($<HTMLSelectElement>(el, 'form select')!, 'gewicht');
    await el.updateComplete;
    const weight = field(el, 'values.value');
    setValue(weight, '72,45');
    setValue(field(el, 'measuredAt'), field(el, 'measuredAt').max);
    await submit(el);
    expect(errorOf(el, weight)).to.equal('Gewicht: gebruik hoogstens 1 cijfer achter de komma.');
  });

  it('shows the BFF’s field errors at the field they name', async () => {
    const el = await inPortal();
    await openForm(el, 'bloeddruk');
    setValue(field(el, 'values.systolic'), '128');
    setValue(field(el, 'values.diastolic'), '82');
    // The form checks this itself; here the body is changed on its way, so the BFF's 400 is shown.
    const realFetch = window.fetch;
    window.fetch = (input, init) => {
      if (init?.method === 'POST' && String(input).endsWith('/measurements')) {
        const body = JSON.parse(String(init.body)) as { values: Record<string, number> };
        body.values['systolic'] = 300;
        return realFetch(input, { ...init, body: JSON.stringify(body) });
      }
      return realFetch(input, init);
    };
    try {
      await submit(el);
      await waitUntil(() => field(el, 'values.systolic').getAttribute('aria-invalid') === 'true', 'no field error from the BFF', {
        timeout: 8000,
      });
    } finally {
      window.fetch = realFetch;
    }
    expect(errorOf(el, field(el, 'values.systolic'))).to.equal('Bovendruk (systolisch): vul een waarde in tussen 50 en 250 mmHg.');
    expect(field(el, 'values.diastolic').getAttribute('aria-invalid')).to.equal('false');
  });

  it('saves a new measurement once, shows it, and deletes it after a confirmation', async () => {
    const el = await inPortal();
    await openForm(el, 'gewicht');
    setValue(field(el, 'values.value'), '71,8');
    let posts = 0;
    const realFetch = window.fetch;
    window.fetch = (input, init) => {
      if (init?.method === 'POST') posts += 1;
      return realFetch(input, init);
    };
    const created = oneEvent(el, 'care-measurement-created');
    try {
      $<HTMLFormElement>(el, 'form')!.requestSubmit();
      $<HTMLFormElement>(el, 'form')!.requestSubmit();
      await created;
    } finally {
      window.fetch = realFetch;
    }
    await el.updateComplete;
    expect(posts).to.equal(1);
    expect($(el, '[role="status"]')!.textContent).to.equal('Uw meting is bewaard.');
    const item = $$(el, '[part~="item"]').find((li) => li.querySelector('.measurement__value')!.textContent === '71,8 kg')!;
    expect(item.querySelector('[part~="own-badge"]')!.textContent).to.equal('Door u ingevoerd');
    const x = item.querySelector<HTMLButtonElement>('[part~="delete"]')!;
    expect(x.getAttribute('aria-label')).to.equal('Meting verwijderen');
    expect($(el, `#${x.getAttribute('aria-describedby')}`)!.textContent).to.contain('Gewicht');

    // Annuleren: nothing happens, focus back on the x.
    x.click();
    await el.updateComplete;
    const dialog = $<HTMLDialogElement>(el, 'dialog')!;
    expect(dialog.open).to.equal(true);
    expect(dialog.textContent).to.contain('Weet u zeker dat u deze meting wilt verwijderen?');
    expect(dialog.textContent).to.contain('71,8 kg');
    expect(root(el).activeElement === button(el, 'Annuleren'), 'focus is on Annuleren').to.equal(true);
    await expect(el).to.be.accessible();
    button(el, 'Annuleren').click();
    await waitUntil(() => !$(el, 'dialog'), 'the dialog stays open');
    expect(root(el).activeElement === x, 'focus is back on the x').to.equal(true);

    x.click();
    await el.updateComplete;
    const deleted = oneEvent(el, 'care-measurement-deleted');
    button(el, 'Verwijderen').click();
    const event = await deleted;
    await waitUntil(() => !$(el, 'dialog'), 'the dialog stays open');
    expect(root(el).activeElement === $(el, 'h2'), 'focus is on the heading').to.equal(true);
    expect($(el, '[role="status"]')!.textContent).to.equal('De meting is verwijderd.');
    const recent = (await (await fetch(`/api/tenants/${LINDE}/measurements/recent?limit=50`)).json()) as { items: Measurement[] };
    expect(recent.items.some((m) => m.id === event.detail.measurement.id)).to.equal(false);
  });

  it('shows the BFF’s refusal when a care team measurement would be deleted', async () => {
    const el = await inPortal('all', 'bloeddruk');
    button(el, 'Tabel tonen').click();
    await el.updateComplete;
    const own = $(el, 'tbody [part~="delete"]')!;
    const list = (await (await fetch(`/api/tenants/${LINDE}/measurements?type=bloeddruk&period=year`)).json()) as { items: Measurement[] };
    const staff = list.items.find((m) => !m.deletable)!;
    // The widget offers no x for it; a changed request reaches the BFF, which refuses.
    const realFetch = window.fetch;
    window.fetch = (input, init) => realFetch(init?.method === 'DELETE' ? String(input).replace(/[^/]+$/, staff.id) : input, init);
    try {
      own.click();
      await el.updateComplete;
      button(el, 'Verwijderen').click();
      await waitUntil(() => $(el, 'dialog [role="alert"]'), 'no refusal shown', { timeout: 8000 });
    } finally {
      window.fetch = realFetch;
    }
    expect($(el, 'dialog [role="alert"]')!.textContent).to.contain(
      'Deze meting is door uw zorgverlener ingevoerd. U kunt alleen metingen verwijderen die u zelf heeft ingevoerd.',
    );
    await expect(el).to.be.accessible();
  });

  it('offers to try again when the BFF cannot be reached', async () => {
    const el = await settled(
      await fixture<CareMeasurements>(html`<care-measurements tenant=${LINDE} api="http://127.0.0.1:9"></care-measurements>`),
    );
    expect($(el, '[role="alert"]')!.textContent).to.contain('Er is geen verbinding met het cliëntportaal.');
    expect(button(el, 'Opnieuw proberen')).to.exist;
    await expect(el).to.be.accessible();
  });

  it('tells the host when there is no session', async () => {
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    const expired = oneEvent(host, 'care-session-expired');
    host.innerHTML = '<care-measurements tenant="thuiszorg-het-baken" api="" lang="en"></care-measurements>';
    expect((await expired).detail.code).to.equal('unauthenticated');
    const el = await settled(host.querySelector('care-measurements')!);
    await waitUntil(() => $(el, 'h2')!.textContent === 'Measurements', 'no English');
    expect($(el, '.state--signed-out')!.textContent).to.equal('You are not logged in. Log in to see your data.');
    await expect(el).to.be.accessible();
  });
});

runDataWidgetStateSuite({
  tag: 'care-measurements',
  tenant: 'zorggroep-de-linde',
  username: 'j.de.vries',
  empty: { answer: (path) => (path.startsWith('/measurements/recent') ? { items: [] } : undefined), text: 'Er zijn nog geen metingen.' },
  noAccess: 'U heeft geen toegang tot de metingen van Johanna de Vries.',
});
