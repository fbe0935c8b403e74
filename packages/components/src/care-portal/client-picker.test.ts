import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import type { CareLogin } from '../care-login/care-login.component.js';
import { codeSentTo, latestOutboxId, logIn, submit, type, until } from '../care-login/login-testing.js';
import '../care-login/care-login.js';
import '../care-agenda/care-agenda.js';
import '../care-reports/care-reports.js';
import { adoptLast, backgroundIn } from '../shared/testing/adopted-styles.js';
import { pageScrollsSideways, setViewport } from '../shared/testing/narrow-screen.js';
import { testSession } from '../shared/testing/test-session.js';
import type { CarePortal } from './care-portal.component.js';
import './care-portal.js';
import { sessionWatchStyles } from './session-watch.styles.js';

/*
 * "Van wie wilt u het dossier bekijken?" (client-picker.ts): Marieke de Vries (demo m.de.vries) is
 * the daughter of Johanna de Vries and the mantelzorger of Hendrik van der Meer, with other rights
 * for each. She signs in for real (the SMS code from the dev outbox), picks a client, and switches.
 */

const LINDE = 'zorggroep-de-linde';
const MARIEKE = { username: 'm.de.vries', password: 'DeLinde-naaste1!', mobile: '+31687654321' };
const headers = { 'Content-Type': 'application/json', 'X-Care-Widgets': '1' };

const text = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
const inShadow = (el: Element, selector: string) => el.shadowRoot!.querySelector<HTMLElement>(selector);
const visible = (el: Element | null | undefined) => Boolean(el?.checkVisibility());
const choices = (portal: CarePortal) => [...portal.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part~="client-choice"]')];
const choice = (portal: CarePortal, name: string) => choices(portal).find((b) => text(b).startsWith(name))!;
const items = (widget: Element) => widget.shadowRoot!.querySelectorAll('[part~="item"]').length;

async function mountPortal() {
  const portal = await fixture<CarePortal>(html`
    <care-portal tenant=${LINDE} api="">
      <care-login></care-login>
      <care-reports></care-reports>
      <care-agenda></care-agenda>
    </care-portal>
  `);
  await waitUntil(() => portal.portalState.sessionChecked && portal.querySelector('care-login form'), 'the portal did not start', {
    timeout: 8000,
  });
  return {
    portal,
    login: portal.querySelector<CareLogin>('care-login')!,
    reports: portal.querySelector('care-reports')!,
    agenda: portal.querySelector('care-agenda')!,
  };
}

afterEach(async () => {
  await setViewport(1280);
  await fetch(`/api/tenants/${LINDE}/auth/logout`, { method: 'POST', headers, credentials: 'include' });
});

describe('<care-portal>: whose file, for a person with more than one client', () => {
  it('asks after signing in, shows nothing of a client before the choice, and carries the choice to every widget', async () => {
    await setViewport(320);
    const { portal, login, reports, agenda } = await mountPortal();
    const before = await latestOutboxId(MARIEKE.mobile);
    await logIn(login, MARIEKE.username, MARIEKE.password);
    await until(login, 'code');
    await type(login, 'code', (await codeSentTo(MARIEKE.mobile, before)).code);
    await submit(login);

    await waitUntil(() => visible(inShadow(portal, '[part~="client-picker"]')), 'no client picker after signing in', { timeout: 8000 });
    const heading = inShadow(portal, '[part~="client-picker"] h2')!;
    expect(text(heading)).to.equal('Van wie wilt u het dossier bekijken?');
    await waitUntil(() => portal.shadowRoot!.activeElement === heading, 'the focus did not move to the question');
    expect(choices(portal).map(text)).to.deep.equal([
      'Hendrik van der Meer Uw relatie: mantelzorger',
      'Johanna de Vries Uw relatie: dochter',
    ]);
    // The portal's content waits behind the question: no widget shows, none has data.
    expect(visible(reports) || visible(agenda) || visible(login), 'the widgets hide while the question is open').to.equal(false);
    expect(items(reports) + items(agenda)).to.equal(0);
    expect(pageScrollsSideways(), 'the list fits 320 px').to.equal(false);
    // The picker's styles and the idle warning's load after the sign-in, in either order: neither
    // may restyle the other's buttons (the warning's filled primary button made the choices'
    // dark "Uw relatie" text unreadable on green).
    adoptLast(portal.shadowRoot!, sessionWatchStyles.styleSheet!);
    expect(getComputedStyle(choices(portal)[0]!).backgroundColor, 'a choice after the warning’s sheet').to.equal(
      backgroundIn(portal.shadowRoot!, 'var(--care-color-background, #fff)'),
    );
    await expect(portal).to.be.accessible();

    const changed = oneEvent(portal, 'care-client-changed');
    choice(portal, 'Hendrik van der Meer').click();
    const { detail } = await changed;
    expect(detail).to.deep.include({ name: 'Hendrik van der Meer', relationship: 'informal-carer' });
    expect(detail.clientId).to.equal(portal.portalState.session!.clientId);

    // Hendrik gave her the agenda but not the reports.
    await waitUntil(() => items(agenda) > 0, 'the agenda of Hendrik did not load', { timeout: 8000 });
    await waitUntil(() => text(inShadow(reports, '[part~="no-access"]')) !== '', 'the reports did not say she has no access', {
      timeout: 8000,
    });
    expect(text(inShadow(reports, '[part~="no-access"]'))).to.equal('U heeft geen toegang tot de rapportages van Hendrik van der Meer.');
    const bar = inShadow(portal, '[part~="client-bar"]')!;
    expect(text(bar)).to.equal('U bekijkt het dossier van Hendrik van der Meer. Ander dossier kiezen');
    const switchButton = bar.querySelector('button')!;
    await waitUntil(() => portal.shadowRoot!.activeElement === switchButton, 'the focus did not go to "Ander dossier kiezen"');
    expect(pageScrollsSideways(), 'the line fits 320 px').to.equal(false);
    await expect(portal).to.be.accessible();

    // Later she switches to her mother: the agenda empties at once, then loads Johanna's.
    switchButton.click();
    await waitUntil(() => visible(inShadow(portal, '[part~="client-picker"]')), 'the list did not open again');
    expect(text(choice(portal, 'Hendrik van der Meer'))).to.contain('(nu geopend)');
    const hendriksAgenda = agenda.shadowRoot!.innerHTML;
    const seen: number[] = [];
    const watch = new MutationObserver(() => seen.push(items(agenda)));
    const again = oneEvent(portal, 'care-client-changed');
    choice(portal, 'Johanna de Vries').click();
    expect((await again).detail.name).to.equal('Johanna de Vries');
    watch.observe(agenda.shadowRoot!, { subtree: true, childList: true, characterData: true });
    await agenda.updateComplete;
    expect(items(agenda), "no moment of Hendrik's appointments").to.equal(0);
    await waitUntil(() => text(inShadow(reports, '[part~="list"]')) !== '' || items(reports) > 0, "Johanna's reports did not load", {
      timeout: 8000,
    });
    await waitUntil(() => items(agenda) > 0, "Johanna's agenda did not load", { timeout: 8000 });
    watch.disconnect();
    expect(seen[0] ?? 0, 'the first render after the switch shows no appointments').to.equal(0);
    expect(agenda.shadowRoot!.innerHTML).to.not.equal(hendriksAgenda);
    expect(text(inShadow(portal, '[part~="client-bar"] p'))).to.equal('U bekijkt het dossier van Johanna de Vries.');
  });

  it('offers the switch on a page opened later in the same session', async () => {
    await testSession(LINDE, MARIEKE.username, { clientOf: 'j.de.vries' });
    const { portal, reports } = await mountPortal();
    await waitUntil(() => visible(inShadow(portal, '[part~="client-bar"]')), 'no switch for a session with two clients', { timeout: 8000 });
    expect(text(inShadow(portal, '[part~="client-bar"] p'))).to.equal('U bekijkt het dossier van Johanna de Vries.');
    expect(inShadow(portal, '[part~="client-picker"]'), 'no question: the file was chosen before').to.equal(null);
    await waitUntil(() => items(reports) > 0, "Johanna's reports did not load", { timeout: 8000 });
  });

  it('asks nothing of a client with only an own file', async () => {
    await testSession(LINDE, 'j.de.vries');
    const { portal, reports } = await mountPortal();
    await waitUntil(() => items(reports) > 0, 'the reports did not load', { timeout: 8000 });
    expect(inShadow(portal, '[part~="client-bar"]')).to.equal(null);
    expect(inShadow(portal, '[part~="client-picker"]')).to.equal(null);
  });
});
