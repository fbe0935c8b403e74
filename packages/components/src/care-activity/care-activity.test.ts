import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../care-portal/care-portal.js';
import '../care-messages/care-messages.js';
import type { CareNavigateDetail } from '../shared/care-data-element.js';
import { runDataWidgetStateSuite } from '../shared/testing/data-widget-states.js';
import { signIn } from '../shared/testing/sign-in.js';
import type { CareActivity } from './care-activity.component.js';
import './care-activity.js';
import { forgetFullViews } from '../shared/testing/address.js';

// A full view left open must not reopen in the next test's widgets (the address keeps it).
afterEach(forgetFullViews);

const LINDE = 'zorggroep-de-linde';

const $ = <T extends Element = HTMLElement>(el: CareActivity, selector: string) => el.shadowRoot!.querySelector<T>(selector);
const $$ = <T extends Element = HTMLElement>(el: CareActivity, selector: string) => [...el.shadowRoot!.querySelectorAll<T>(selector)];
const text = (node: Element) => node.textContent!.replace(/\s+/g, ' ').trim();

async function settled(el: CareActivity) {
  await el.updateComplete;
  await waitUntil(() => el.shadowRoot && !$(el, '[aria-busy="true"]'), 'the overview stays loading', { timeout: 8000 });
  await el.updateComplete;
  return el;
}

describe('<care-activity>', () => {
  before(async () => {
    await signIn('linde');
  });

  it('welcomes the client back and lists what is new since the previous visit, each line opening its widget', async () => {
    const portal = await fixture(
      html`<care-portal tenant=${LINDE} api=""><care-activity></care-activity><care-messages></care-messages></care-portal>`,
    );
    const el = await settled(portal.querySelector('care-activity')!);
    expect(text($(el, 'h2')!)).to.equal('Sinds uw vorige bezoek');
    expect(text($$(el, 'p')[0]!)).to.match(/^Welkom terug, .+\.$/);
    expect(text($$(el, 'p')[1]!)).to.match(/^Sinds (maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag) \d{1,2} [a-z]+ \d{4}:$/);
    const lines = $$(el, '.lines button').map(text);
    expect(lines.some((line) => /^(Geen nieuwe berichten|1 nieuw bericht|\d+ nieuwe berichten)$/.test(line))).to.equal(true);
    expect(
      lines.some((line) => /^(1 afspraak|\d+ afspraken) geweest$/.test(line)),
      lines.join(' / '),
    ).to.equal(true);
    expect(text($(el, 'h3')!)).to.equal('Volgende afspraak');
    await expect(el).to.be.accessible();

    const messages = portal.querySelector('care-messages')!;
    const navigated = oneEvent(el, 'care-navigate');
    $$<HTMLButtonElement>(el, '.lines button')
      .find((b) => /bericht/.test(text(b)))!
      .click();
    const event = (await navigated) as CustomEvent<CareNavigateDetail>;
    expect(event.detail).to.deep.equal({ widget: 'care-messages', view: 'all' });
    await waitUntil(() => messages.view === 'all', 'care-messages did not open its full view');
  });

  it('leaves the routing to a host page that prevents the event', async () => {
    const host = await fixture<HTMLDivElement>(
      html`<div><care-activity tenant=${LINDE} api="" lang="en"></care-activity><care-messages tenant=${LINDE} api=""></care-messages></div>`,
    );
    const el = await settled(host.querySelector('care-activity')!);
    await waitUntil(() => text($(el, 'h2')!) === 'Since your last visit', 'no English');
    host.addEventListener('care-navigate', (e) => e.preventDefault());
    $$<HTMLButtonElement>(el, '.lines button')[0]!.click();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(host.querySelector('care-messages')!.view).to.equal('home');
  });

  it('offers to try again when the BFF cannot be reached', async () => {
    const el = await settled(await fixture<CareActivity>(html`<care-activity tenant=${LINDE} api="http://127.0.0.1:9"></care-activity>`));
    expect(text($(el, '[role="alert"]')!)).to.contain('Er is geen verbinding met het cliëntportaal.');
    await expect(el).to.be.accessible();
    el.api = '';
    await settled(el);
    expect($$(el, '.lines button').length).to.be.greaterThan(0);
  });

  it('shows an error with a retry when the BFF answers with an error', async () => {
    const el = await settled(await fixture<CareActivity>(html`<care-activity tenant="bestaat-niet" api=""></care-activity>`));
    expect(text($(el, '[role="alert"]')!)).to.contain('Er ging iets mis bij het ophalen van de gegevens.');
    await expect(el).to.be.accessible();
  });

  it('tells the host when there is no session, and shows no data', async () => {
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    const expired = oneEvent(host, 'care-session-expired');
    host.innerHTML = '<care-activity tenant="thuiszorg-het-baken" api=""></care-activity>';
    expect((await expired).detail).to.deep.equal({ code: 'unauthenticated', tenant: 'thuiszorg-het-baken' });
    const el = await settled(host.querySelector('care-activity')!);
    expect(text($(el, '.state--signed-out')!)).to.equal('U bent niet ingelogd. Log in om uw gegevens te zien.');
    expect($$(el, '.lines button')).to.have.length(0);
    await expect(el).to.be.accessible();
  });
});

runDataWidgetStateSuite({
  tag: 'care-activity',
  tenant: 'zorggroep-de-linde',
  username: 'j.de.vries',
  empty: {
    answer: (path) =>
      path === '/activity'
        ? { displayName: 'J. de Vries', previousVisit: null, since: null, plansAwaitingDecision: 0, nextAppointment: null }
        : undefined,
    text: 'Er staan geen afspraken gepland.',
  },
  // The overview is never refused: a contact person sees only what the rights allow.
});
