import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../care-access-log/care-access-log.js';
import '../care-activity/care-activity.js';
import '../care-agenda/care-agenda.js';
import '../care-login/care-login.js';
import '../care-measurements/care-measurements.js';
import '../care-messages/care-messages.js';
import '../care-plan/care-plan.js';
import type { CarePortal } from '../care-portal/care-portal.component.js';
import '../care-portal/care-portal.js';
import '../care-profile/care-profile.js';
import '../care-reports/care-reports.js';
import { overflowingParts, pageScrollsSideways, setViewport } from './testing/narrow-screen.js';
import { addLongTitles, removeLongTitles, testSession } from './testing/test-session.js';
import { forgetFullViews } from './testing/address.js';

// A full view left open must not reopen in the next test's widgets (the address keeps it).
afterEach(forgetFullViews);

/*
 * WCAG 1.4.10 Reflow: at 320 px no widget, in any state, is wider than its box, and the page never
 * scrolls sideways. Every state a client can reach by clicking is checked, with a 200-character
 * unbroken title (an ECD that names documents by code) in the plan and the agenda.
 */

const LINDE = 'zorggroep-de-linde';
const longTitle = 'Zorgleefplanevaluatiegesprek'.repeat(8).slice(0, 200);
const widgets = [
  'care-login',
  'care-reports',
  'care-measurements',
  'care-agenda',
  'care-messages',
  'care-plan',
  'care-profile',
  'care-access-log',
  'care-activity',
];

const root = (widget: Element): ParentNode => widget.shadowRoot ?? widget;
const button = (widget: Element, text: string) =>
  [...root(widget).querySelectorAll('button')].find((b) => b.textContent!.trim().startsWith(text)) as HTMLButtonElement | undefined;

/** Every widget, in `state`, within its box; the page not wider than the screen. */
async function fits(portal: CarePortal, state: string, problems: string[]) {
  await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  for (const tag of widgets) {
    const widget = portal.querySelector(tag);
    if (widget) for (const part of overflowingParts(widget)) problems.push(`${state}: <${tag}> ${part}`);
  }
  if (pageScrollsSideways()) problems.push(`${state}: the page scrolls sideways (${document.documentElement.scrollWidth} px)`);
}

async function click(portal: CarePortal, tag: string, text: string) {
  const widget = portal.querySelector(tag)!;
  await waitUntil(() => button(widget, text), `<${tag}> has no button "${text}"`, { timeout: 8000 });
  button(widget, text)!.click();
  await waitUntil(() => !root(widget).querySelector('[part~="status"].state--loading, [aria-busy="true"]'), `<${tag}> stays busy`, {
    timeout: 8000,
  });
}

async function portalPage(api = '', style = '') {
  return fixture<CarePortal>(html`
    <care-portal tenant=${LINDE} api=${api} style=${style}>
      <care-login></care-login>
      <care-reports></care-reports>
      <care-measurements></care-measurements>
      <care-agenda></care-agenda>
      <care-messages></care-messages>
      <care-plan></care-plan>
      <care-profile></care-profile>
      <care-access-log></care-access-log>
      <care-activity></care-activity>
    </care-portal>
  `);
}

describe('every widget at 320 px', () => {
  before(async () => {
    await setViewport(320, 640);
    await addLongTitles(LINDE, 'j.de.vries', longTitle);
  });
  after(async () => {
    await removeLongTitles(LINDE, 'j.de.vries');
    await setViewport(800, 600);
  });

  it('fits signed in, in every view and form', async function () {
    this.timeout(60_000);
    expect(await signedInStates()).to.deep.equal([]);
  });

  it('fits signed out, and when the BFF cannot be reached', async () => {
    await fetch(`/api/tenants/${LINDE}/auth/logout`, { method: 'POST', headers: { 'X-Care-Widgets': '1' }, credentials: 'include' });
    const problems: string[] = [];
    const signedOut = await portalPage();
    await waitUntil(() => signedOut.querySelector('care-login form'), 'no login form', { timeout: 8000 });
    await fits(signedOut, 'signed out', problems);
    await click(signedOut, 'care-login', 'Wachtwoord vergeten');
    await fits(signedOut, 'forgotten password', problems);

    const offline = await portalPage('http://127.0.0.1:9');
    await waitUntil(() => offline.getAttribute('state') === 'error', 'the portal did not give up', { timeout: 8000 });
    await fits(offline, 'offline', problems);
    expect(problems).to.deep.equal([]);
  });
});

describe('every widget with 200 % text (WCAG 1.4.4)', () => {
  before(async () => {
    // 200 % browser zoom of a 1280 px window lays out 640 px.
    await setViewport(640, 720);
    await addLongTitles(LINDE, 'j.de.vries', longTitle);
  });
  after(async () => {
    await removeLongTitles(LINDE, 'j.de.vries');
    await setViewport(800, 600);
  });

  it('fits signed in, in every view and form, with the text twice the reader’s size', async function () {
    this.timeout(60_000);
    expect(await signedInStates('--care-font-size: 200%', false)).to.deep.equal([]);
  });
});

/** Signs in and clicks through every view and form, collecting what does not fit. */
async function signedInStates(style = '', planCode = true) {
  await testSession(LINDE, 'j.de.vries');
  const portal = await portalPage('', style);
  const plan = portal.querySelector('care-plan')!;
  await waitUntil(() => root(plan).textContent!.includes(longTitle.slice(0, 40)), 'the plan with the long title did not load', {
    timeout: 8000,
  });
  await waitUntil(() => root(portal.querySelector('care-agenda')!).querySelector('[part="item"]'), 'the agenda did not load', {
    timeout: 8000,
  });
  const problems: string[] = [];
  await fits(portal, 'home', problems);

  await click(portal, 'care-reports', 'Alle rapportages');
  await fits(portal, 'all reports', problems);
  await click(portal, 'care-reports', 'Periode kiezen');
  await fits(portal, 'reports: own period', problems);
  await click(portal, 'care-reports', 'Nieuwe rapportage');
  await fits(portal, 'reports: new report', problems);

  await click(portal, 'care-access-log', 'Laatste jaar');
  await fits(portal, 'access log: a year', problems);
  await click(portal, 'care-access-log', 'Periode kiezen');
  await fits(portal, 'access log: own period', problems);

  await click(portal, 'care-measurements', 'Alle metingen');
  await fits(portal, 'all measurements (chart)', problems);
  await click(portal, 'care-measurements', 'Tabel tonen');
  await fits(portal, 'measurements: table', problems);
  await click(portal, 'care-measurements', 'Nieuwe meting');
  await fits(portal, 'measurements: new measurement', problems);

  await click(portal, 'care-agenda', 'Alle afspraken');
  await fits(portal, 'all appointments', problems);
  await click(portal, 'care-messages', 'Alle berichten');
  await fits(portal, 'all messages', problems);

  await click(portal, 'care-profile', 'Volledig profiel');
  await fits(portal, 'full profile', problems);
  await click(portal, 'care-login', 'Mijn inloggegevens');
  await fits(portal, 'own login details', problems);

  if (planCode) {
    // Signing the plan with the long title: the code by SMS, in the prefix + 6 digits field.
    await click(portal, 'care-plan', 'Ondertekenen');
    await waitUntil(() => root(plan).querySelector('[part~="confirm-form"] input'), 'no code field', { timeout: 8000 });
    await fits(portal, 'plan: the SMS code', problems);
  }
  return problems;
}
