import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../care-portal/care-portal.js';
import { runDataWidgetStateSuite } from '../shared/testing/data-widget-states.js';
import { overflowingParts, pageScrollsSideways, setViewport } from '../shared/testing/narrow-screen.js';
import {
  latestOutboxId,
  outboxMessage,
  removeTestContact,
  restorePassword,
  TEST_CONTACT,
  testSession,
} from '../shared/testing/test-session.js';
import { addressLine, type CareProfile } from './care-profile.component.js';
import './care-profile.js';

// Sessions come from the test runner without a login code: the mobile change needs the code.
const LINDE = 'zorggroep-de-linde';
const BAKEN = 'thuiszorg-het-baken';

const $ = <T extends Element = HTMLElement>(el: CareProfile, selector: string) => el.shadowRoot!.querySelector<T>(selector);
const $$ = <T extends Element = HTMLElement>(el: CareProfile, selector: string) => [...el.shadowRoot!.querySelectorAll<T>(selector)];
const button = (el: CareProfile, text: string) =>
  $$<HTMLButtonElement>(el, 'button').find((b) => b.textContent!.replace(/\s+/g, ' ').trim().startsWith(text));
const labels = (el: CareProfile) => $$(el, 'dt').map((dt) => dt.textContent!.trim());
const valueOf = (el: CareProfile, label: string) =>
  $$(el, '[part~="field"]')
    .find((row) => row.querySelector('dt')!.textContent!.trim() === label)
    ?.querySelector('dd')!
    .textContent!.replace(/\s+/g, ' ')
    .trim();
const newValue = (el: CareProfile) => $<HTMLInputElement>(el, '[part~="change-form"] input')!;
const passwordField = (el: CareProfile) => $<HTMLInputElement>(el, '[part~="change-form"] input[type="password"]')!;
/** What testSession gives the account whose details change: the current password is asked for. */
const PASSWORD = 'Profiel-Test-2026!';

async function settled(el: CareProfile) {
  await el.updateComplete;
  await waitUntil(() => !$(el, '[aria-busy="true"]'), 'the profile stays loading', { timeout: 8000 });
  await el.updateComplete;
  return el;
}

async function inPortal(tenant: string, lang = '') {
  const portal = await fixture(html`<care-portal tenant=${tenant} api="" lang=${lang}><care-profile></care-profile></care-portal>`);
  if (!lang) portal.removeAttribute('lang');
  return settled(portal.querySelector('care-profile')!);
}

async function type(el: CareProfile, input: HTMLInputElement, text: string) {
  input.value = text;
  input.dispatchEvent(new InputEvent('input'));
  await el.updateComplete;
}

function pageParam(name: string, value: string | null) {
  const url = new URL(location.href);
  if (value === null) url.searchParams.delete(name);
  else url.searchParams.set(name, value);
  history.replaceState(null, '', url);
}

describe('<care-profile>', () => {
  afterEach(async () => {
    pageParam('confirm-email', null);
    await restorePassword(BAKEN, 'a.vanderhoek@example.nl');
    await restorePassword(LINDE, 'h.van.der.meer');
  });

  it('writes an address without the parts the ECD left empty', () => {
    const address = { street: 'Dorpsstraat', houseNumber: '12', extra: null, postalCode: '1234 AB', city: 'Ede' };
    expect(addressLine(address)).to.equal('Dorpsstraat 12, 1234 AB Ede');
    expect(addressLine({ ...address, street: null, houseNumber: null })).to.equal('1234 AB Ede');
    expect(addressLine({ ...address, city: null })).to.equal('Dorpsstraat 12, 1234 AB');
    expect(addressLine({ street: null, houseNumber: null, extra: 'Kamer 4', postalCode: null, city: null })).to.equal(null);
  });

  it('shows a short card and, with "Volledig profiel", every field of seed 004 and whom to contact', async () => {
    await testSession(LINDE, 'j.de.vries');
    const el = await inPortal(LINDE);
    expect($(el, 'h2')!.textContent).to.equal('Cliëntprofiel');
    expect($(el, '[part~="name"]')!.textContent).to.equal('Johanna de Vries');
    expect(labels(el)).to.deep.equal(['Geboortedatum', 'Leeftijd']);
    expect(valueOf(el, 'Geboortedatum')).to.match(/^17 april \d{4}$/);
    expect(valueOf(el, 'Leeftijd')).to.match(/^\d+ jaar$/);
    const toggle = button(el, 'Volledig profiel')!;
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    expect(el.shadowRoot!.getElementById(toggle.getAttribute('aria-controls')!)).to.exist;
    await expect(el).to.be.accessible();

    toggle.click();
    await el.updateComplete;
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    expect(el.hasAttribute('expanded')).to.equal(true);
    expect(labels(el)).to.deep.equal([
      'Geboortedatum',
      'Leeftijd',
      'Burgerlijke staat',
      'Geboorteplaats',
      'Nationaliteit',
      'BSN',
      'Laatste woonadres',
      'Extra info na straat',
      '(Mobiele) telefoon',
      'Mobiel nummer',
      'E-mailadres',
    ]);
    expect(valueOf(el, 'Burgerlijke staat')).to.equal('Weduwe');
    expect(valueOf(el, 'Geboorteplaats')).to.equal('Amsterdam');
    expect(valueOf(el, 'BSN')).to.match(/^\*+\d{3}$/);
    expect(valueOf(el, 'Laatste woonadres')).to.equal('Lindenlaan 14, 1215 AB Hilversum');
    expect(valueOf(el, 'Extra info na straat')).to.equal('Niet bekend');
    expect(valueOf(el, '(Mobiele) telefoon')).to.equal('035 621 45 87');
    expect(valueOf(el, 'Mobiel nummer')).to.equal('+31612345678 Wijzigen mobiel nummer');
    expect(valueOf(el, 'E-mailadres')).to.equal('j.devries@example.nl Wijzigen e-mailadres');
    // Only these two may change; for the rest the tenant's contact is named.
    expect($$(el, '[part~="button"]').filter((b) => b.textContent!.includes('Wijzigen'))).to.have.length(2);
    const contact = $(el, '[part~="contact"]')!.textContent!.replace(/\s+/g, ' ');
    expect(contact).to.contain('De andere gegevens kunt u niet zelf wijzigen. Klopt er iets niet?');
    expect(contact).to.contain('Zorggroep De Linde');
    expect(contact).to.contain('035 760 12 34');
    await expect(el).to.be.accessible();
  });

  it('changes the mobile number after the password and a code to the current address, then an SMS code to the new number', async () => {
    await testSession(BAKEN, 'a.vanderhoek@example.nl', { password: PASSWORD });
    const el = await inPortal(BAKEN);
    button(el, 'Volledig profiel')!.click();
    await el.updateComplete;
    const old = valueOf(el, 'Mobiel nummer')!.split(' ')[0]!;
    button(el, 'Wijzigen mobiel nummer')!.click();
    // The change form loads on first use.
    await waitUntil(() => {
      const input = $(el, '[part~="change-form"] input');
      return input !== null && el.shadowRoot!.activeElement === input;
    }, 'the change form did not open with the focus in it');
    expect(newValue(el).type).to.equal('tel');
    expect(newValue(el).autocomplete).to.equal('tel');
    expect(newValue(el).labels![0]!.textContent).to.equal('Nieuw mobiel nummer');
    expect(passwordField(el).autocomplete).to.equal('current-password');
    expect(passwordField(el).labels![0]!.textContent).to.equal('Huidig wachtwoord');
    await expect(el).to.be.accessible();

    // Checked before any code is sent: not a number, no password, the number it already is (by the BFF), a wrong password.
    await type(el, newValue(el), '12345');
    button(el, 'Verder')!.click();
    await el.updateComplete;
    expect($(el, '.field-error')!.textContent).to.equal('Vul een Nederlands mobiel nummer in, bijvoorbeeld 06 12345678.');
    expect(newValue(el).getAttribute('aria-invalid')).to.equal('true');
    await type(el, newValue(el), '06 9876 5432');
    button(el, 'Verder')!.click();
    await el.updateComplete;
    expect($(el, '.field-error')!.textContent).to.equal('Vul uw huidige wachtwoord in.');
    expect(el.shadowRoot!.activeElement?.id).to.equal(passwordField(el).id);
    await type(el, newValue(el), old);
    await type(el, passwordField(el), PASSWORD);
    button(el, 'Verder')!.click();
    await waitUntil(
      () => $(el, '.field-error')?.textContent === 'Dit is al uw mobiele nummer.',
      'the BFF never said it is the same number',
      { timeout: 8000 },
    );
    await type(el, newValue(el), '06 9876 5432');
    await type(el, passwordField(el), 'Niet-mijn-wachtwoord');
    button(el, 'Verder')!.click();
    await waitUntil(() => $(el, '.field-error')?.textContent === 'Het wachtwoord is niet juist.', 'a wrong password was taken', {
      timeout: 8000,
    });
    expect(passwordField(el).getAttribute('aria-invalid')).to.equal('true');

    // The first code goes to the current address (Het Baken signs in with an e-mail code), not to the new number.
    const beforeIdentity = await latestOutboxId('a.vanderhoek@example.nl');
    const before = await latestOutboxId('+31698765432');
    await type(el, passwordField(el), PASSWORD);
    button(el, 'Verder')!.click();
    await waitUntil(() => $(el, 'input[autocomplete="one-time-code"]'), 'no identity code step', { timeout: 8000 });
    expect($(el, '[part~="confirm-form"]')!.textContent).to.contain('Bevestig eerst dat u het bent.');
    expect($(el, '[part~="confirm-form"]')!.textContent).to.contain('We hebben een bevestigingscode gestuurd naar a');
    expect(await latestOutboxId('+31698765432')).to.equal(before);
    await expect(el).to.be.accessible();
    const [, , identityCode] = /(\d{4})-(\d{6})/.exec(
      (await outboxMessage('a.vanderhoek@example.nl', beforeIdentity, /bevestigingscode is \d{4}-\d{6}/)).body,
    )!;
    await type(el, $<HTMLInputElement>(el, 'input[autocomplete="one-time-code"]')!, identityCode!);
    button(el, 'Bevestigen')!.click();

    const [, prefix, code] = /(\d{4})-(\d{6})/.exec((await outboxMessage('+31698765432', before, /bevestigingscode is \d{4}-\d{6}/)).body)!;
    await waitUntil(
      () => $(el, '[part~="confirm-form"]')?.textContent?.includes('U wijzigt uw mobiele nummer'),
      'no code step for the new number',
      { timeout: 8000 },
    );
    expect($(el, '.care-code__prefix')!.textContent).to.equal(`${prefix}-`);
    expect($(el, '[part~="confirm-form"]')!.textContent).to.contain('U wijzigt uw mobiele nummer in +31698765432.');
    expect(valueOf(el, 'Mobiel nummer')).to.contain(old);
    expect(valueOf(el, 'Mobiel nummer')).to.contain('Nieuw nummer +31698765432 is nog niet bevestigd.');
    await expect(el).to.be.accessible();

    const changed = oneEvent(el, 'care-profile-changed');
    const input = $<HTMLInputElement>(el, 'input[autocomplete="one-time-code"]')!;
    await type(el, input, code!);
    button(el, 'Bevestigen')!.click();
    expect((await changed).detail).to.deep.equal({ field: 'mobile', value: '+31698765432' });
    await el.updateComplete;
    expect(valueOf(el, 'Mobiel nummer')).to.equal('+31698765432 Wijzigen mobiel nummer');
    expect($(el, '[part~="status"][role="status"]')!.textContent).to.equal('Uw mobiele nummer is gewijzigd in +31698765432.');
    expect(el.shadowRoot!.activeElement?.textContent).to.contain('Wijzigen');
    const profile = (await (await fetch(`/api/tenants/${BAKEN}/profile`)).json()) as { mobile: string; pending: { mobile: string | null } };
    expect(profile.mobile).to.equal('+31698765432');
    expect(profile.pending.mobile).to.equal(null);
  });

  it('asks for a new e-mail address and the password, proves it is the client by SMS, says where the link went, and confirms it when the link opens the page', async () => {
    await testSession(LINDE, 'h.van.der.meer', { password: PASSWORD });
    const el = await inPortal(LINDE);
    button(el, 'Volledig profiel')!.click();
    await el.updateComplete;
    button(el, 'Wijzigen e-mailadres')!.click();
    await waitUntil(() => $(el, '[part~="change-form"] input'), 'the change form did not open');
    expect(newValue(el).type).to.equal('email');
    await type(el, newValue(el), 'geen-adres');
    button(el, 'Verder')!.click();
    await el.updateComplete;
    expect($(el, '.field-error')!.textContent).to.equal('Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.nl.');
    await type(el, newValue(el), 'H.VanDerMeer@example.nl');
    button(el, 'Verder')!.click();
    await el.updateComplete;
    expect($(el, '.field-error')!.textContent).to.equal('Dit is al uw e-mailadres.');

    const address = `hendrik.${Date.now()}@example.nl`;
    const before = await latestOutboxId(address);
    const mobile = '+31623456789';
    const beforeIdentity = await latestOutboxId(mobile);
    await type(el, newValue(el), address);
    await type(el, passwordField(el), PASSWORD);
    button(el, 'Verder')!.click();
    await waitUntil(() => $(el, 'input[autocomplete="one-time-code"]'), 'no identity code step', { timeout: 8000 });
    expect($(el, '[part~="confirm-form"]')!.textContent).to.contain('Bevestig eerst dat u het bent.');
    expect($(el, '[part~="confirm-form"]')!.textContent).to.contain('We hebben een bevestigingscode gestuurd naar ••••••••6789');
    expect(await latestOutboxId(address)).to.equal(before);
    const [, , identityCode] = /(\d{4})-(\d{6})/.exec(
      (await outboxMessage(mobile, beforeIdentity, /bevestigingscode is \d{4}-\d{6}/)).body,
    )!;
    await type(el, $<HTMLInputElement>(el, 'input[autocomplete="one-time-code"]')!, identityCode!);
    button(el, 'Bevestigen')!.click();
    await waitUntil(() => $(el, '[part~="status"]')!.textContent!.includes('bevestigingslink'), 'no link sent', { timeout: 8000 });
    expect($(el, '[part~="status"]')!.textContent).to.equal(
      `We hebben een bevestigingslink gestuurd naar ${address}. Open de link binnen 24 uur om de wijziging af te ronden.`,
    );
    expect(valueOf(el, 'E-mailadres')).to.contain('h.vandermeer@example.nl');
    expect(valueOf(el, 'E-mailadres')).to.contain(`Nieuw adres ${address} is nog niet bevestigd.`);
    const mail = await outboxMessage(address, before, /confirm-email=/);
    const token = /confirm-email=([^\s&]+)/.exec(mail.body)![1]!;

    // The link opens the page: the widget confirms, says so, and takes the token out of the address.
    pageParam('confirm-email', token);
    const changed = new Promise<CustomEvent>((resolve) =>
      document.addEventListener('care-profile-changed', (e) => resolve(e as CustomEvent), { once: true }),
    );
    const opened = await inPortal(LINDE);
    expect(new URL(location.href).searchParams.has('confirm-email')).to.equal(false);
    expect((await changed).detail).to.deep.equal({ field: 'email', value: address });
    await waitUntil(() => $(opened, '[part~="status"]')!.textContent!.includes('gewijzigd'), 'not confirmed', { timeout: 8000 });
    expect($(opened, '[part~="status"]')!.textContent).to.equal(`Uw e-mailadres is gewijzigd in ${address}.`);
    button(opened, 'Volledig profiel')!.click();
    await opened.updateComplete;
    expect(valueOf(opened, 'E-mailadres')).to.equal(`${address} Wijzigen e-mailadres`);
    await expect(opened).to.be.accessible();
  });

  it('says a used or unknown link is no longer valid, also without a session', async () => {
    await testSession(LINDE, 'j.de.vries', { revoked: true });
    pageParam('confirm-email', 'not-a-real-token');
    const el = await fixture<CareProfile>(html`<care-profile tenant=${LINDE} api=""></care-profile>`);
    await waitUntil(() => $(el, '[part~="error"] p')?.textContent?.includes('link'), 'no link message', { timeout: 8000 });
    const alerts = $$(el, '[role="alert"]').map((a) => a.textContent!.replace(/\s+/g, ' ').trim());
    expect(alerts).to.include('Deze link is niet meer geldig. Vraag in het portaal opnieuw om uw e-mailadres te wijzigen.');
    await waitUntil(() => alerts.length === 2 || $$(el, '[role="alert"]').length === 2, 'no session-expired state', { timeout: 8000 });
    expect(
      $$(el, '[role="alert"]')
        .map((a) => a.textContent)
        .join(' '),
    ).to.contain('Uw sessie is verlopen.');
    expect(new URL(location.href).searchParams.has('confirm-email')).to.equal(false);
    await expect(el).to.be.accessible();
  });

  it('shows a contact person without the profile right no client data, but "Uw eigen gegevens" to change with her password and codes', async () => {
    await testSession(LINDE, 'j.de.vries', { contact: { rights: [] }, password: PASSWORD });
    try {
      const el = await inPortal(LINDE);
      await waitUntil(() => $(el, '[part~="own"]'), 'no "Uw eigen gegevens"', { timeout: 8000 });
      expect($(el, '[part~="name"]')).to.equal(null);
      expect(el.shadowRoot!.textContent).to.contain('U heeft geen toegang tot de persoonlijke gegevens van Johanna de Vries.');
      const own = $(el, '[part~="own"]')!;
      expect(own.querySelector('h3')!.textContent).to.equal('Uw eigen gegevens');
      expect(own.getAttribute('aria-labelledby')).to.equal(own.querySelector('h3')!.id);
      expect(valueOf(el, 'Mobiel nummer')).to.equal(`${TEST_CONTACT.mobile} Wijzigen mobiel nummer`);
      expect(valueOf(el, 'E-mailadres')).to.equal(`${TEST_CONTACT.username} Wijzigen e-mailadres`);
      await expect(el).to.be.accessible();

      const change = button(el, 'Wijzigen mobiel nummer')!;
      change.focus();
      change.click();
      await waitUntil(() => {
        const input = $(el, '[part~="own"] [part~="change-form"] input');
        return input !== null && el.shadowRoot!.activeElement === input;
      }, 'the change form did not open in "Uw eigen gegevens" with the focus in it');
      // Cancelled, the focus is back on "Wijzigen"; opened again, the BFF refuses her own number (no code spent).
      button(el, 'Annuleren')!.click();
      await waitUntil(() => el.shadowRoot!.activeElement === button(el, 'Wijzigen mobiel nummer'), 'the focus did not return');
      button(el, 'Wijzigen mobiel nummer')!.click();
      await waitUntil(() => $(el, '[part~="own"] [part~="change-form"] input'), 'the change form did not open again');
      await type(el, newValue(el), TEST_CONTACT.mobile);
      await type(el, passwordField(el), PASSWORD);
      $<HTMLFormElement>(el, '[part~="change-form"]')!.requestSubmit();
      await waitUntil(
        () => $(el, '.field-error')?.textContent === 'Dit is al uw mobiele nummer.',
        'the BFF never said it is her number already',
        { timeout: 8000 },
      );

      const newMobile = '+31687650001';
      const beforeIdentity = await latestOutboxId(TEST_CONTACT.mobile);
      const before = await latestOutboxId(newMobile);
      await type(el, newValue(el), '06 8765 0001');
      $<HTMLFormElement>(el, '[part~="change-form"]')!.requestSubmit();
      await waitUntil(() => $(el, 'input[autocomplete="one-time-code"]'), 'no identity code step', { timeout: 8000 });
      // The first code goes to her own current number, not to the new one.
      const [, , identityCode] = /(\d{4})-(\d{6})/.exec(
        (await outboxMessage(TEST_CONTACT.mobile, beforeIdentity, /bevestigingscode is \d{4}-\d{6}/)).body,
      )!;
      expect(await latestOutboxId(newMobile)).to.equal(before);
      await type(el, $<HTMLInputElement>(el, 'input[autocomplete="one-time-code"]')!, identityCode!);
      button(el, 'Bevestigen')!.click();
      const [, , code] = /(\d{4})-(\d{6})/.exec((await outboxMessage(newMobile, before, /bevestigingscode is \d{4}-\d{6}/)).body)!;
      await waitUntil(
        () => valueOf(el, 'Mobiel nummer')?.includes(`Nieuw nummer ${newMobile} is nog niet bevestigd.`),
        'the new number is not shown as waiting for its code',
        { timeout: 8000 },
      );
      expect($(el, '[part~="own"] [part~="confirm-form"]')!.textContent).to.contain(`U wijzigt uw mobiele nummer in ${newMobile}.`);
      await expect(el).to.be.accessible();

      const changed = oneEvent(el, 'care-profile-changed');
      await type(el, $<HTMLInputElement>(el, 'input[autocomplete="one-time-code"]')!, code!);
      button(el, 'Bevestigen')!.click();
      expect((await changed).detail).to.deep.equal({ field: 'mobile', value: newMobile });
      await el.updateComplete;
      expect(valueOf(el, 'Mobiel nummer')).to.equal(`${newMobile} Wijzigen mobiel nummer`);
      expect($(el, '[part~="own"] [role="status"]')!.textContent).to.equal(`Uw mobiele nummer is gewijzigd in ${newMobile}.`);
      await waitUntil(() => el.shadowRoot!.activeElement === button(el, 'Wijzigen mobiel nummer'), 'the focus did not return');
      // Her own account changed at the BFF; the client's record did not.
      const account = (await (await fetch(`/api/tenants/${LINDE}/profile/account`)).json()) as { mobile: string };
      expect(account.mobile).to.equal(newMobile);
    } finally {
      await restorePassword(LINDE, TEST_CONTACT.username);
      await removeTestContact(LINDE, 'j.de.vries');
    }
  });

  it("shows a contact person with the profile right the client's data, not to change, and her own in English at 320 px", async () => {
    await testSession(LINDE, 'j.de.vries', { contact: { rights: ['profile'] } });
    await setViewport(320, 640);
    try {
      const el = await inPortal(LINDE, 'en');
      await waitUntil(() => $(el, '[part~="own"] h3')?.textContent === 'Your own details', 'no "Your own details" in English', {
        timeout: 8000,
      });
      expect($(el, '[part~="name"]')!.textContent).to.equal('Johanna de Vries');
      button(el, 'Full profile')!.click();
      await el.updateComplete;
      // The client's number and address are the client's to change; hers are in her own part.
      const changes = $$(el, '[part~="button"]').filter((b) => b.textContent!.includes('Change'));
      expect(changes).to.have.length(2);
      expect(changes.every((b) => b.closest('[part~="own"]'))).to.equal(true);
      expect(valueOf(el, 'E-mail address')).to.equal('j.devries@example.nl');
      button(el, 'Change e-mail address')!.click();
      await waitUntil(() => $(el, '[part~="own"] [part~="change-form"] input[type="email"]'), 'no change form for her address');
      $<HTMLFormElement>(el, '[part~="change-form"]')!.requestSubmit();
      await el.updateComplete;
      expect($(el, '.field-error')!.textContent).to.equal('Enter a valid e-mail address, for example name@example.nl.');
      expect(overflowingParts(el)).to.deep.equal([]);
      expect(pageScrollsSideways()).to.equal(false);
      await expect(el).to.be.accessible();
    } finally {
      await setViewport(800, 600);
      await removeTestContact(LINDE, 'j.de.vries');
    }
  });

  it('speaks English with lang="en" and fits a 320 px wide phone, expanded', async () => {
    await testSession(LINDE, 'j.de.vries');
    const el = await inPortal(LINDE, 'en');
    await waitUntil(() => $(el, 'h2')!.textContent === 'Client profile', 'English never arrived');
    button(el, 'Full profile')!.click();
    el.style.width = '320px';
    await el.updateComplete;
    expect(labels(el)).to.include('Date of birth');
    // The whom-to-contact notice in English too, not half Dutch.
    expect($(el, '[part~="contact"]')!.textContent).to.contain(
      'You cannot change the other details yourself. Is something wrong? Contact your personal counsellor',
    );
    expect($(el, '[part~="contact"]')!.textContent).to.not.contain('Klopt er iets niet');
    expect($(el, '[part~="base"]')!.scrollWidth).to.be.at.most(320);
    await expect(el).to.be.accessible();
  });
});

runDataWidgetStateSuite({
  tag: 'care-profile',
  tenant: 'zorggroep-de-linde',
  username: 'j.de.vries',
  // A client always has a profile: no empty state.
  noAccess: 'U heeft geen toegang tot de persoonlijke gegevens van Johanna de Vries.',
});
