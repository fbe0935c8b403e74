import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { CareLogin } from '../care-login/care-login.component.js';
import '../care-login/care-login.js';
import '../care-profile/care-profile.js';
import '../care-reports/care-reports.js';
import { adoptLast, backgroundIn } from '../shared/testing/adopted-styles.js';
import { clock } from '../shared/testing/clock.js';
import { testSession } from '../shared/testing/test-session.js';
import type { CarePortal } from './care-portal.component.js';
import './care-portal.js';
import { clientPickerStyles } from './client-picker.styles.js';
import { forgetFullViews } from '../shared/testing/address.js';

// A full view left open must not reopen in the next test's widgets (the address keeps it).
afterEach(forgetFullViews);

/*
 * The end of a session must be visible at once (a shared computer in a care home): the first 401
 * anywhere, a logout in another tab, or the idle timeout clear every widget and bring the login
 * back, saying why. Sessions come from the test runner (no SMS spent).
 */

const LINDE = 'zorggroep-de-linde';

async function portalWithWidgets() {
  const portal = await fixture<CarePortal>(html`
    <care-portal tenant=${LINDE} api="">
      <care-login></care-login>
      <care-profile></care-profile>
      <care-reports></care-reports>
    </care-portal>
  `);
  const login = portal.querySelector('care-login')!;
  const profile = portal.querySelector('care-profile')!;
  const reports = portal.querySelector('care-reports')!;
  await waitUntil(() => step(login) === 'done', 'the login did not show the signed-in step', { timeout: 8000 });
  await waitUntil(
    () => shadowText(profile).includes('Johanna de Vries') && reports.shadowRoot!.querySelector('[part="item"]'),
    'the widgets did not load',
    {
      timeout: 8000,
    },
  );
  return { portal, login, profile, reports };
}

const step = (login: CareLogin) => login.querySelector('form')?.dataset['step'];
const shadowText = (element: Element) => element.shadowRoot?.textContent ?? '';
const notice = (login: CareLogin) => login.querySelector('[part="notice"]')?.textContent?.trim();
const warning = (portal: CarePortal) => portal.shadowRoot!.querySelector<HTMLDialogElement>('[part~="session-warning"]');
const buttonIn = (root: ParentNode, text: string) => [...root.querySelectorAll('button')].find((b) => b.textContent!.trim() === text)!;

async function signedOutEverywhere(widgets: { login: CareLogin; profile: Element; reports: Element }, reason: string) {
  await waitUntil(() => step(widgets.login) === 'login', 'the login did not come back', { timeout: 8000 });
  expect(notice(widgets.login)).to.equal(reason);
  expect(widgets.login.textContent).to.not.contain('U bent ingelogd als');
  for (const widget of [widgets.profile, widgets.reports]) {
    await waitUntil(() => shadowText(widget).includes('U bent niet ingelogd.'), `${widget.localName} still shows the client's data`, {
      timeout: 8000,
    });
  }
  expect(shadowText(widgets.profile)).to.not.contain('Johanna de Vries');
  expect(widgets.reports.shadowRoot!.querySelector('[part="item"]')).to.equal(null);
}

async function bffSession() {
  return ((await (await fetch(`/api/tenants/${LINDE}/auth/session`)).json()) as { state: string }).state;
}

afterEach(async () => {
  await fetch(`/api/tenants/${LINDE}/auth/logout`, { method: 'POST', headers: { 'X-Care-Widgets': '1' }, credentials: 'include' });
});

describe('<care-portal>: a session that ends', () => {
  it('clears every widget and brings the login back at the first 401 of any widget', async () => {
    await testSession(LINDE, 'j.de.vries');
    const widgets = await portalWithWidgets();
    // The BFF ended the session (revoked elsewhere, or its own timeout): the page still holds a cookie the BFF refuses.
    await testSession(LINDE, 'j.de.vries', { revoked: true });
    buttonIn(widgets.reports.shadowRoot!, 'Alle rapportages').click();

    await signedOutEverywhere(widgets, 'Uw sessie is verlopen. Log opnieuw in.');
    expect(widgets.portal.portalState.session).to.equal(null);
    await expect(widgets.login).to.be.accessible();
  });

  it('follows a logout in another tab of the same portal', async () => {
    await testSession(LINDE, 'j.de.vries');
    // Two portals of the same organisation stand for two tabs: each has its own BroadcastChannel.
    const here = await portalWithWidgets();
    const otherTab = await portalWithWidgets();

    buttonIn(otherTab.login, 'Uitloggen').click();
    await waitUntil(() => step(otherTab.login) === 'login', 'the other tab did not log out', { timeout: 8000 });

    await signedOutEverywhere(here, 'U bent in een ander venster uitgelogd.');
    expect(notice(otherTab.login)).to.equal('U bent uitgelogd.');
    expect(await bffSession()).to.equal('signed-out');
  });

  it('warns two minutes before the idle timeout, stays signed in on request, and logs out at the timeout', async () => {
    await clock.install();
    await testSession(LINDE, 'j.de.vries');
    const widgets = await portalWithWidgets();
    const { portal } = widgets;
    expect(warning(portal)).to.equal(null);

    // De Linde logs out after 30 minutes without a request.
    await clock.fastForward(28 * 60_000 + 1000);
    await waitUntil(() => warning(portal)?.open, 'no warning before the idle timeout', { timeout: 8000 });
    const dialog = warning(portal)!;
    expect(dialog.textContent).to.contain('Bent u er nog?');
    expect(dialog.textContent).to.contain('U wordt over 2 minuten uitgelogd');
    expect(portal.shadowRoot!.activeElement?.textContent?.trim()).to.equal('Ingelogd blijven');
    await expect(portal).to.be.accessible();
    // The client picker's styles (client-picker.test.ts) load after the sign-in too, and may be
    // adopted after the warning's: the main button stays filled with the primary colour.
    adoptLast(portal.shadowRoot!, clientPickerStyles.styleSheet!);
    const primary = backgroundIn(portal.shadowRoot!, 'var(--care-button-background-color, var(--care-color-primary, #0b5cad))');
    expect(getComputedStyle(buttonIn(dialog, 'Ingelogd blijven')).backgroundColor, 'the main button after the picker’s sheet').to.equal(
      primary,
    );

    buttonIn(dialog, 'Ingelogd blijven').click();
    await waitUntil(() => !warning(portal), 'the warning stayed', { timeout: 8000 });
    // The client stays: 28 more minutes later the warning comes again, not the login.
    await clock.fastForward(27 * 60_000);
    expect(step(widgets.login)).to.equal('done');
    expect(await bffSession()).to.equal('active');
    await clock.fastForward(60_000 + 1000);
    await waitUntil(() => warning(portal)?.open, 'no second warning', { timeout: 8000 });

    await clock.fastForward(2 * 60_000);
    await signedOutEverywhere(widgets, 'U bent uitgelogd omdat u 30 minuten niets heeft gedaan.');
    expect(warning(portal)).to.equal(null);
    // Logged out at the BFF too, not only on the page.
    await waitUntil(async () => (await bffSession()) === 'signed-out', 'the BFF session is still active', { timeout: 8000 });
  });

  it('warns two minutes before the absolute limit, which cannot be extended, and logs out at the limit', async () => {
    await clock.install();
    // A session whose absolute limit (hours away in the demo) is 5 minutes away; the idle timeout is 30 minutes.
    await testSession(LINDE, 'j.de.vries', { absoluteMinutes: 5 });
    const widgets = await portalWithWidgets();
    const { portal } = widgets;

    await clock.fastForward(3 * 60_000 + 1000);
    await waitUntil(() => warning(portal)?.open, 'no warning before the absolute limit', { timeout: 8000 });
    const dialog = warning(portal)!;
    expect(dialog.querySelector('h2')!.textContent).to.equal('U wordt bijna uitgelogd');
    expect(dialog.textContent).to.contain('U wordt over 2 minuten uitgelogd. Log daarna opnieuw in.');
    // Nothing to extend: no "Ingelogd blijven", only "OK" and "Nu uitloggen".
    expect([...dialog.querySelectorAll('button')].map((b) => b.textContent!.trim())).to.deep.equal(['OK', 'Nu uitloggen']);
    expect(portal.shadowRoot!.activeElement?.textContent?.trim()).to.equal('OK');
    await expect(portal).to.be.accessible();

    buttonIn(dialog, 'OK').click();
    await waitUntil(() => !warning(portal), 'the warning stayed', { timeout: 8000 });
    // Seen once is enough: the minute after, it does not come back, and the client is still signed in.
    await clock.fastForward(60_000);
    expect(warning(portal)).to.equal(null);
    expect(step(widgets.login)).to.equal('done');

    await clock.fastForward(60_000);
    await signedOutEverywhere(widgets, 'U bent uitgelogd, omdat u de langst toegestane tijd ingelogd was. Log opnieuw in.');
    await waitUntil(async () => (await bffSession()) === 'signed-out', 'the BFF session is still active', { timeout: 8000 });
  });
});
