import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../care-portal/care-portal.js';
import { runDataWidgetStateSuite } from '../shared/testing/data-widget-states.js';
import { latestOutboxId, outboxMessage, removeTestContact, testSession } from '../shared/testing/test-session.js';
import type { CarePlan } from './care-plan.component.js';
import './care-plan.js';

// Sessions come from the test runner without a login code: every code of these accounts is
// needed here (3 per account per 15 minutes, shared with the login tests).
const LINDE = 'zorggroep-de-linde';
const BAKEN = 'thuiszorg-het-baken';
const CODE_SMS = /Uw bevestigingscode is (\d{4})-(\d{6})/;

const $ = <T extends Element = HTMLElement>(el: CarePlan, selector: string) => el.shadowRoot!.querySelector<T>(selector);
const $$ = <T extends Element = HTMLElement>(el: CarePlan, selector: string) => [...el.shadowRoot!.querySelectorAll<T>(selector)];
const button = (el: CarePlan, text: string) => $$<HTMLButtonElement>(el, 'button').find((b) => b.textContent!.trim().startsWith(text));
const items = (el: CarePlan) => $$(el, '[part~="item"]');
const codeField = (el: CarePlan) => $<HTMLInputElement>(el, 'input[autocomplete="one-time-code"]');

async function settled(el: CarePlan) {
  await el.updateComplete;
  await waitUntil(() => !$(el, '[aria-busy="true"]'), 'the plans stay loading', { timeout: 8000 });
  await el.updateComplete;
  return el;
}

async function inPortal(tenant: string, count = 1, lang = '') {
  const portal = await fixture(html`<care-portal tenant=${tenant} api="" lang=${lang}>
    ${Array.from({ length: count }, () => html`<care-plan></care-plan>`)}
  </care-portal>`);
  if (!lang) portal.removeAttribute('lang');
  const plans = [...portal.querySelectorAll('care-plan')];
  for (const plan of plans) await settled(plan);
  return plans;
}

async function typeCode(el: CarePlan, code: string) {
  const input = codeField(el)!;
  input.value = code;
  input.dispatchEvent(new InputEvent('input', { bubbles: true }));
  button(el, 'Bevestigen')!.click();
  await el.updateComplete;
  await waitUntil(() => !$(el, '[part~="confirm"][aria-disabled="true"]'), 'the confirmation never answered', { timeout: 8000 });
  await el.updateComplete;
}

const errorText = (el: CarePlan) => $(el, '[part~="confirm-form"] .field-error')?.textContent?.trim();

describe('<care-plan>', () => {
  it('lists the plan documents under "Afdrukken", newest first, with version, date, status and the PDF', async () => {
    await testSession(LINDE, 'j.de.vries');
    const [el] = (await inPortal(LINDE)) as [CarePlan];
    expect($(el, 'h2')!.textContent).to.equal('Cliëntplan');
    expect($(el, 'h3')!.textContent).to.equal('Afdrukken');
    expect(items(el)).to.have.length(2);
    const [newest, older] = items(el) as [HTMLElement, HTMLElement];
    const dates = items(el).map((item) => item.querySelector('time')!.getAttribute('datetime')!);
    expect([...dates].sort().reverse()).to.deep.equal(dates);
    expect(newest.textContent).to.contain('versie 2.0');
    expect(newest.querySelector('[part~="status-badge"]')!.textContent).to.equal('Nog niet ondertekend');
    expect(button(el, 'Ondertekenen')).to.exist;
    expect(button(el, 'Afkeuren')).to.exist;
    expect(older.querySelector('[part~="status-badge"]')!.textContent).to.equal('Ondertekend');
    expect(older.querySelector('[part~="decision"]')!.textContent!.trim()).to.match(
      /^Ondertekend door J\.M\. de Vries op \w+ \d+ \w+\.? \d{4}/,
    );

    const download = newest.querySelector<HTMLAnchorElement>('[part~="download"]')!;
    expect(download.textContent).to.contain('Download');
    const pdf = await fetch(download.href);
    expect(pdf.headers.get('content-type')).to.equal('application/pdf');
    expect(new TextDecoder().decode((await pdf.arrayBuffer()).slice(0, 5))).to.equal('%PDF-');
    await expect(el).to.be.accessible();
  });

  it('shows a contact person who is not a legal representative the plan, but no "Ondertekenen" or "Afkeuren"', async () => {
    await testSession(LINDE, 'j.de.vries', { contact: { rights: ['plan'] } });
    try {
      const [el] = (await inPortal(LINDE)) as [CarePlan];
      const newest = items(el)[0]!;
      expect(newest.querySelector('[part~="status-badge"]')!.textContent).to.equal('Nog niet ondertekend');
      expect(newest.querySelector('.hint')!.textContent).to.equal(
        'Alleen een wettelijk vertegenwoordiger kan het cliëntplan ondertekenen of afkeuren.',
      );
      expect(button(el, 'Ondertekenen')).to.equal(undefined);
      expect(button(el, 'Afkeuren')).to.equal(undefined);
      expect(newest.querySelector('[part~="download"]')).not.to.equal(null);
      await expect(el).to.be.accessible();
    } finally {
      await removeTestContact(LINDE, 'j.de.vries');
    }
    // The client's own session still has both buttons.
    await testSession(LINDE, 'j.de.vries');
    const [own] = (await inPortal(LINDE)) as [CarePlan];
    expect(button(own, 'Ondertekenen')).not.to.equal(undefined);
    expect(items(own)[0]!.querySelector('.hint')!.textContent).to.contain('Kies daarna Ondertekenen');
  });

  it('signs with an SMS code: tries left after a wrong code, "Nieuwe code aanvragen" when used up, then "Ondertekend door … op …"', async () => {
    await testSession(LINDE, 'h.van.der.meer');
    const phone = '+31623456789';
    // A second copy, still showing the plan undecided, meets the decision later (409).
    const [el, stale] = (await inPortal(LINDE, 2)) as [CarePlan, CarePlan];
    const planId = items(el)[0]!.dataset['plan']!;

    let before = await latestOutboxId(phone);
    button(el, 'Ondertekenen')!.click();
    await waitUntil(() => codeField(el), 'no code field', { timeout: 8000 });
    let sms = CODE_SMS.exec((await outboxMessage(phone, before, CODE_SMS)).body)!;
    expect($(el, '.care-code__prefix')!.textContent).to.equal(`${sms[1]}-`);
    expect(el.shadowRoot!.activeElement?.id).to.equal(codeField(el)!.id);
    expect(codeField(el)!.labels![0]!.textContent).to.equal('Bevestigingscode');
    const title = items(el)[0]!.querySelector('strong')!.textContent!;
    expect($(el, '[part~="confirm-form"]')!.textContent).to.contain(`U ondertekent ${title} versie 2.0.`);
    await expect(el).to.be.accessible();

    const wrong = sms[2] === '000000' ? '111111' : '000000';
    await typeCode(el, wrong);
    expect(errorText(el)).to.equal('De code is niet juist. U kunt het nog 2 keer proberen.');
    expect(codeField(el)!.getAttribute('aria-invalid')).to.equal('true');
    expect(el.shadowRoot!.activeElement?.id).to.equal(codeField(el)!.id);
    await typeCode(el, wrong);
    expect(errorText(el)).to.equal('De code is niet juist. U kunt het nog 1 keer proberen.');
    await typeCode(el, wrong);
    expect(errorText(el)).to.equal('Deze code is niet meer geldig. Vraag een nieuwe code aan.');
    expect(button(el, 'Bevestigen')).to.equal(undefined);

    before = await latestOutboxId(phone);
    button(el, 'Nieuwe code aanvragen')!.click();
    sms = CODE_SMS.exec((await outboxMessage(phone, before, CODE_SMS)).body)!;
    await waitUntil(() => button(el, 'Bevestigen'), 'no new code step');
    expect($(el, '[part~="confirm-form"] [role="status"]')!.textContent).to.equal('Er is een nieuwe code verstuurd.');
    expect($(el, '.care-code__prefix')!.textContent).to.equal(`${sms[1]}-`);

    const signed = oneEvent(el, 'care-plan-signed');
    await typeCode(el, sms[2]!);
    const event = await signed;
    expect(event.detail.planId).to.equal(planId);
    expect(Date.now() - Date.parse(event.detail.decidedAt)).to.be.within(0, 60_000);
    expect(event.bubbles && event.composed).to.equal(true);
    const decision = items(el)[0]!.querySelector('[part~="decision"]')!;
    expect(decision.textContent!.trim()).to.match(/^Ondertekend door H\.J\. van der Meer op /);
    expect(el.shadowRoot!.activeElement?.id).to.equal(decision.id);
    expect($(el, '[part~="status"][role="status"]')!.textContent).to.equal('U heeft het cliëntplan ondertekend.');
    expect(button(el, 'Ondertekenen')).to.equal(undefined);
    await expect(el).to.be.accessible();

    // The stale copy tries to reject: the BFF says it is decided (no code is sent), the copy catches up.
    before = await latestOutboxId(phone);
    button(stale, 'Afkeuren')!.click();
    await stale.updateComplete;
    button(stale, 'Code per sms aanvragen')!.click();
    await waitUntil(() => $(stale, '[part~="error"]'), 'no 409 message', { timeout: 8000 });
    expect($(stale, '[part~="error"]')!.textContent!.trim()).to.equal(
      'Over dit cliëntplan is al besloten. Hieronder ziet u hoe het nu staat.',
    );
    await settled(stale);
    expect(items(stale)[0]!.querySelector('[part~="decision"]')!.textContent).to.match(/Ondertekend door H\.J\. van der Meer/);
    expect(await latestOutboxId(phone)).to.equal(before);
  });

  it('rejects with an optional reason (counter up to 1,000 characters) and shows "Afgekeurd … Reden: …"', async () => {
    await testSession(BAKEN, 'w.dejonge@example.nl');
    const phone = '+31634567890';
    const [el] = (await inPortal(BAKEN)) as [CarePlan];
    const before = await latestOutboxId(phone);
    button(el, 'Afkeuren')!.click();
    await el.updateComplete;
    const reason = $<HTMLTextAreaElement>(el, 'textarea[name="reason"]')!;
    expect(el.shadowRoot!.activeElement?.id).to.equal(reason.id);
    expect(reason.labels![0]!.textContent).to.equal('Reden (niet verplicht)');
    expect(reason.maxLength).to.equal(1000);
    const counter = () => $(el, '.counter')!.textContent;
    expect(counter()).to.equal('Nog 1000 tekens');
    reason.value = 'Ik wil het eerst met mijn dochter bespreken.';
    reason.dispatchEvent(new InputEvent('input'));
    await el.updateComplete;
    expect(counter()).to.equal(`Nog ${1000 - reason.value.length} tekens`);
    await expect(el).to.be.accessible();

    button(el, 'Code per sms aanvragen')!.click();
    await waitUntil(() => codeField(el), 'no code field', { timeout: 8000 });
    const sms = CODE_SMS.exec((await outboxMessage(phone, before, CODE_SMS)).body)!;
    expect($(el, '[part~="confirm-form"]')!.textContent).to.contain('af.');
    const rejected = oneEvent(el, 'care-plan-rejected');
    await typeCode(el, sms[2]!);
    expect((await rejected).detail.planId).to.equal(items(el)[0]!.dataset['plan']);
    const decision = items(el)[0]!.querySelector('[part~="decision"]')!.textContent!.replace(/\s+/g, ' ').trim();
    expect(decision).to.match(/^Afgekeurd door .+ op .+\. Reden: Ik wil het eerst met mijn dochter bespreken\.$/);
    expect(items(el)[0]!.querySelector('[part~="status-badge"]')!.textContent).to.equal('Afgekeurd');
  });

  it('shows the session-expired, offline and empty states', async () => {
    await testSession(LINDE, 'j.de.vries', { revoked: true });
    const expired = await fixture<CarePlan>(html`<care-plan tenant=${LINDE} api=""></care-plan>`);
    await waitUntil(() => $(expired, '[role="alert"]'), 'no session-expired state', { timeout: 8000 });
    expect($(expired, '[role="alert"]')!.textContent).to.contain('Uw sessie is verlopen. Log opnieuw in om verder te gaan.');
    await expect(expired).to.be.accessible();

    await testSession(LINDE, 'j.de.vries');
    const realFetch = window.fetch;
    window.fetch = () => Promise.reject(new TypeError('Failed to fetch'));
    let offline: CarePlan;
    try {
      offline = await settled(await fixture<CarePlan>(html`<care-plan tenant=${LINDE} api=""></care-plan>`));
    } finally {
      window.fetch = realFetch;
    }
    expect($(offline, '[role="alert"]')!.textContent).to.contain('Er is geen verbinding met het cliëntportaal.');
    button(offline, 'Opnieuw proberen')!.click();
    await settled(offline);
    expect(items(offline)).to.have.length(2);

    window.fetch = async (input, init) =>
      String(input).endsWith('/plans')
        ? new Response('{"items":[]}', { headers: { 'content-type': 'application/json' } })
        : realFetch(input, init);
    try {
      const empty = await settled(await fixture<CarePlan>(html`<care-plan tenant=${LINDE} api=""></care-plan>`));
      expect($(empty, '.state--empty')!.textContent).to.equal('Er is nog geen cliëntplan voor u.');
    } finally {
      window.fetch = realFetch;
    }
  });

  it('speaks English with lang="en" and fits a 320 px wide phone', async () => {
    await testSession(LINDE, 'j.de.vries');
    const [el] = (await inPortal(LINDE, 1, 'en')) as [CarePlan];
    await waitUntil(() => $(el, 'h2')!.textContent === 'Client plan', 'English never arrived');
    expect(button(el, 'Sign')).to.exist;
    expect(button(el, 'Reject')).to.exist;
    el.style.width = '320px';
    await el.updateComplete;
    expect($(el, '[part~="base"]')!.scrollWidth).to.be.at.most(320);
    await expect(el).to.be.accessible();
  });
});

runDataWidgetStateSuite({
  tag: 'care-plan',
  tenant: 'zorggroep-de-linde',
  username: 'j.de.vries',
  empty: { answer: (path) => (path === '/plans' ? { items: [] } : undefined), text: 'Er is nog geen cliëntplan voor u.' },
  noAccess: 'U heeft geen toegang tot het cliëntplan van Johanna de Vries.',
});
