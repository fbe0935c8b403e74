import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../care-portal/care-portal.js';
import { disableWidget, removeTestContact, restoreTenant, testSession } from './test-session.js';

/**
 * The states every data widget shows in the same words (shared/states.ts): loading, empty, error,
 * offline and session expired, checked as the client sees them: the text, its role, and a retry
 * button where trying again can help (and that it works). As Lion shares suites between its form
 * controls, each widget's test file calls `runDataWidgetStateSuite()` with its own set-up, at its
 * end (the suite replaces the page's session for the tenant with a test session).
 *
 * The widget runs alone (`tenant`, `api=""`) against the real BFF; only the answers a state needs
 * (a hanging request, a 500, no network, no data) are made at the page's `fetch`.
 */
export interface DataWidgetStateSetup {
  /** The element's tag; the test file imports its module. */
  tag: string;
  /** A demo client whose data the widget loads. */
  tenant: string;
  username: string;
  /** More attributes, e.g. `{ view: 'all' }`. */
  attributes?: Record<string, string>;
  /**
   * The empty state: `answer` gives the body for a request of the widget (its path after
   * `/api/tenants/<tenant>`, with the query) that must come back without data, or undefined to let
   * the BFF answer; `text` is what the widget then says.
   */
  empty?: { answer: (path: string) => unknown; text: string };
  /**
   * What the widget says to a contact person of the client without any right (the BFF's own
   * sentence, e.g. "U heeft geen toegang tot de metingen van Johanna de Vries."); absent for a
   * widget the BFF never refuses (the activity overview shows only what the rights allow).
   */
  noAccess?: string;
  /** The widget's name in the tenant's `enabledWidgets`; by default the tag without `care-`. */
  widget?: string;
}

export type DataWidgetState = 'loading' | 'empty' | 'error' | 'offline' | 'session expired' | 'no access' | 'not offered';

const LOADING = 'Bezig met laden…';
const OFFLINE = 'Er is geen verbinding met het cliëntportaal. Controleer uw internetverbinding en probeer het opnieuw.';
const ERROR = 'Er ging iets mis bij het ophalen van de gegevens. Probeer het later opnieuw.';
const EXPIRED = 'Uw sessie is verlopen. Log opnieuw in om verder te gaan.';
const RETRY = 'Opnieuw proberen';
const REQUEST_ID = 'state-suite-request';

const text = (el: Element) => el.textContent!.replace(/\s+/g, ' ').trim();
const root = (el: Element) => el.shadowRoot!;
const visible = (el: Element) => el.checkVisibility({ visibilityProperty: true, opacityProperty: true });

/** The one element of the widget with `role`, visible. */
function byRole(el: Element, role: string): HTMLElement | undefined {
  return [...root(el).querySelectorAll<HTMLElement>(`[role="${role}"]`)].find((e) => visible(e) && text(e) !== '');
}

function retryButton(el: Element): HTMLButtonElement | undefined {
  return [...root(el).querySelectorAll<HTMLButtonElement>('button')].find((b) => visible(b) && text(b) === RETRY);
}

/** Answers the widget's own requests at `fetch` where `answer` gives a response; the rest reach the BFF. */
function answering(tenant: string, answer: (path: string) => Promise<Response> | undefined): () => void {
  const realFetch = window.fetch;
  const prefix = `/api/tenants/${tenant}`;
  window.fetch = (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input), location.href);
    const own = url.pathname.startsWith(`${prefix}/`) && !url.pathname.startsWith(`${prefix}/auth/`);
    return (own && answer(url.pathname.slice(prefix.length) + url.search)) || realFetch(input, init);
  };
  return () => {
    window.fetch = realFetch;
  };
}

async function render(setup: DataWidgetStateSetup): Promise<HTMLElement> {
  const host = await fixture<HTMLDivElement>(html`<div></div>`);
  const el = document.createElement(setup.tag);
  for (const [name, value] of Object.entries({ ...setup.attributes, tenant: setup.tenant, api: '' })) el.setAttribute(name, value);
  host.append(el);
  return el;
}

function busy(el: Element): boolean {
  return Boolean(root(el).querySelector('[aria-busy="true"]'));
}

async function settled(el: Element) {
  await waitUntil(() => root(el) && !busy(el), `<${el.localName}> stays loading`, { timeout: 8000 });
}

/** Retry: with the BFF reachable again the data comes, and the alert goes. */
async function retryWorks(el: Element) {
  retryButton(el)!.click();
  await waitUntil(() => !byRole(el, 'alert') && !busy(el), `<${el.localName}> shows no data after "${RETRY}"`, { timeout: 8000 });
}

/** One check per state; `runDataWidgetStateSuite()` runs them, and shared/testing's own test proves they fail. */
export const dataWidgetStateChecks: Record<DataWidgetState, (setup: DataWidgetStateSetup) => Promise<void>> = {
  async loading(setup) {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const restore = answering(setup.tenant, () => held.then(() => Promise.reject(new DOMException('Aborted', 'AbortError'))));
    try {
      const el = await render(setup);
      await waitUntil(() => byRole(el, 'status'), `<${setup.tag}> shows no status while loading`);
      expect(text(byRole(el, 'status')!), 'the loading status').to.equal(LOADING);
      expect(busy(el), 'aria-busy while loading').to.equal(true);
      expect(byRole(el, 'alert'), 'no alert while loading').to.equal(undefined);
    } finally {
      restore();
      release();
    }
  },

  async empty(setup) {
    const empty = setup.empty!;
    const restore = answering(setup.tenant, (path) => {
      const body = empty.answer(path);
      return body === undefined ? undefined : Promise.resolve(Response.json(body));
    });
    try {
      const el = await render(setup);
      await settled(el);
      const shown = [...root(el).querySelectorAll('*')].filter((e) => visible(e) && text(e) === empty.text);
      expect(shown.length, `<${setup.tag}> says "${empty.text}"`).to.be.greaterThan(0);
      expect(byRole(el, 'alert'), 'no alert when there is no data').to.equal(undefined);
      await expect(el).to.be.accessible();
    } finally {
      restore();
    }
  },

  async error(setup) {
    const problem = { type: 'about:blank', title: 'Internal Server Error', status: 500, code: 'internal', requestId: REQUEST_ID };
    const restore = answering(setup.tenant, () =>
      Promise.resolve(new Response(JSON.stringify(problem), { status: 500, headers: { 'content-type': 'application/problem+json' } })),
    );
    let el: HTMLElement;
    try {
      el = await render(setup);
      await waitUntil(() => byRole(el, 'alert'), `<${setup.tag}> shows no alert for a 500`, { timeout: 8000 });
      expect(text(byRole(el, 'alert')!), 'the error alert').to.equal(`${ERROR} Foutcode: ${REQUEST_ID} ${RETRY}`);
      expect(retryButton(el), `a "${RETRY}" button`).to.not.equal(undefined);
      await expect(el).to.be.accessible();
    } finally {
      restore();
    }
    await retryWorks(el);
  },

  async offline(setup) {
    const restore = answering(setup.tenant, () => Promise.reject(new TypeError('Failed to fetch')));
    let el: HTMLElement;
    try {
      el = await render(setup);
      await waitUntil(() => byRole(el, 'alert'), `<${setup.tag}> shows no alert offline`, { timeout: 8000 });
      expect(text(byRole(el, 'alert')!), 'the offline alert').to.equal(`${OFFLINE} ${RETRY}`);
      expect(retryButton(el), `a "${RETRY}" button`).to.not.equal(undefined);
      await expect(el).to.be.accessible();
    } finally {
      restore();
    }
    await retryWorks(el);
  },

  async 'session expired'(setup) {
    await testSession(setup.tenant, setup.username, { revoked: true });
    try {
      const host = await fixture<HTMLDivElement>(html`<div></div>`);
      const told = oneEvent(host, 'care-session-expired');
      const el = document.createElement(setup.tag);
      for (const [name, value] of Object.entries({ ...setup.attributes, tenant: setup.tenant, api: '' })) el.setAttribute(name, value);
      host.append(el);
      expect((await told).detail, 'care-session-expired').to.deep.equal({ code: 'session-expired', tenant: setup.tenant });
      await waitUntil(() => byRole(el, 'alert'), `<${setup.tag}> shows no alert when the session ended`, { timeout: 8000 });
      expect(text(byRole(el, 'alert')!), 'the session-expired alert').to.equal(EXPIRED);
      expect(retryButton(el), 'no retry: only logging in again helps').to.equal(undefined);
      await expect(el).to.be.accessible();
    } finally {
      await testSession(setup.tenant, setup.username);
    }
  },

  /**
   * A contact person without the right to this part reads the BFF's sentence, as a calm status:
   * not an alert, and nothing to retry.
   */
  async 'no access'(setup) {
    await testSession(setup.tenant, setup.username, { contact: { rights: [] } });
    try {
      const el = await render(setup);
      await waitUntil(() => !busy(el) && byRole(el, 'status')?.textContent?.trim(), `<${setup.tag}> shows no status without the right`, {
        timeout: 8000,
      });
      expect(text(byRole(el, 'status')!), 'the no-access status').to.equal(setup.noAccess);
      expect(byRole(el, 'alert'), 'no alert: not having a right is no failure').to.equal(undefined);
      expect(retryButton(el), 'no retry: trying again does not give the right').to.equal(undefined);
      await expect(el).to.be.accessible();
    } finally {
      await removeTestContact(setup.tenant, setup.username);
      await testSession(setup.tenant, setup.username);
    }
  },

  /**
   * A widget the organisation does not offer (not in `enabledWidgets`) says so, calmly, in Dutch
   * the BFF's sentence and in English the widget's own; signed out too, rather than asking to log in.
   */
  async 'not offered'(setup) {
    await disableWidget(setup.tenant, setup.widget ?? setup.tag.slice(5));
    try {
      const shown = async (attributes: Record<string, string>) => {
        const el = await render({ ...setup, attributes: { ...setup.attributes, ...attributes } });
        await waitUntil(() => !busy(el) && byRole(el, 'status')?.textContent?.trim(), `<${setup.tag}> shows no status when not offered`, {
          timeout: 8000,
        });
        expect(byRole(el, 'alert'), 'no alert: a part the organisation does not offer is no failure').to.equal(undefined);
        expect(retryButton(el), 'no retry: trying again does not make it offered').to.equal(undefined);
        await expect(el).to.be.accessible();
        return text(byRole(el, 'status')!);
      };
      expect(await shown({}), 'the not-offered status').to.match(/^\S.* biedt .+ niet aan in het cliëntportaal\.$/);
      expect(await shown({ lang: 'en' }), 'the not-offered status in English').to.match(/ does not offer .+ in the client portal\.$/);
      await testSession(setup.tenant, setup.username, { revoked: true });
      expect(await shown({}), 'the not-offered status, signed out').to.match(/ biedt .+ niet aan in het cliëntportaal\.$/);
      // In a portal nobody signed in to, where the other widgets ask nothing and say "U bent niet ingelogd".
      const portal = await fixture<HTMLElement>(html`<care-portal tenant=${setup.tenant} api=""></care-portal>`);
      const el = document.createElement(setup.tag);
      for (const [name, value] of Object.entries(setup.attributes ?? {})) el.setAttribute(name, value);
      portal.append(el);
      await waitUntil(
        () => / biedt .+ niet aan/.test(byRole(el, 'status')?.textContent ?? ''),
        `<${setup.tag}> in a signed-out portal asks to log in`,
        {
          timeout: 8000,
        },
      );
    } finally {
      await restoreTenant(setup.tenant);
      await testSession(setup.tenant, setup.username);
    }
  },
};

/** The shared state tests of one data widget. */
export function runDataWidgetStateSuite(setup: DataWidgetStateSetup): void {
  describe(`<${setup.tag}> in the shared states`, () => {
    before(() => testSession(setup.tenant, setup.username));
    for (const [state, check] of Object.entries(dataWidgetStateChecks) as Array<
      [DataWidgetState, (s: DataWidgetStateSetup) => Promise<void>]
    >) {
      if (state === 'empty' && !setup.empty) continue;
      if (state === 'no access' && !setup.noAccess) continue;
      it(`shows ${state} as every data widget does`, () => check(setup));
    }
  });
}
