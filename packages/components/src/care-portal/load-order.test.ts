import { expect, waitUntil } from '@open-wc/testing';
import { testSession } from '../shared/testing/test-session.js';

/*
 * A host page may load the per-element modules (/widgets/care-login.js …) in any order, beside
 * the bundle or not, after its elements are in the page: every order must work, or say what is
 * wrong. Each order runs in its own iframe, a document with its own module map and custom
 * element registry, loading the built files of dist/ as a host page would.
 */

const LINDE = 'zorggroep-de-linde';
const perElement = ['/dist/care-portal.js', '/dist/care-login.js', '/dist/care-reports.js'];
const bundle = '/dist/care-widgets.bundle.js';

function permutations<T>(items: T[]): T[][] {
  if (items.length <= 1) return [items];
  return items.flatMap((item, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]));
}

/** Every order of the three modules, alone and with the bundle before, between and after them. */
const orders = permutations(perElement).flatMap((order) => [
  order,
  ...order.map((_, i) => [...order.slice(0, i), bundle, ...order.slice(i)]),
  [...order, bundle],
]);

interface HostPage {
  frame: HTMLIFrameElement;
  doc: Document;
  errors: string[];
}

/** A host page with the portal, a login and the reports, then the modules one after the other. */
async function hostPage(modules: string[]): Promise<HostPage> {
  const frame = document.createElement('iframe');
  frame.style.width = '800px';
  frame.style.height = '600px';
  frame.srcdoc = `<!doctype html><html lang="nl"><body>
    <care-portal tenant="${LINDE}" api=""><care-login></care-login><care-reports></care-reports></care-portal>
    <script>
      window.loadErrors = [];
      const report = console.error.bind(console);
      console.error = (...args) => { window.loadErrors.push(args.join(' ')); report(...args); };
    </script>
    <script type="module">
      for (const module of ${JSON.stringify(modules)}) {
        await import(module);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    </script>
  </body></html>`;
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  document.body.append(frame);
  await loaded;
  return { frame, doc: frame.contentDocument!, errors: (frame.contentWindow as unknown as { loadErrors: string[] }).loadErrors ?? [] };
}

const text = (page: HostPage, selector: string) => page.doc.querySelector(selector)?.textContent ?? '';
const reportsText = (page: HostPage) => page.doc.querySelector('care-reports')?.shadowRoot?.textContent ?? '';

afterEach(() => {
  for (const frame of document.querySelectorAll('iframe')) frame.remove();
});

describe('loading the widget modules in any order', () => {
  it(`signs in and loads the reports for each of the ${orders.length} orders`, async function () {
    this.timeout(120_000);
    await testSession(LINDE, 'j.de.vries');
    const short = (order: string[]) => order.map((m) => m.replace('/dist/', '')).join(' → ');
    // Six host pages at a time: each is a fresh document with its own module map.
    for (let i = 0; i < orders.length; i += 6) {
      const pages = await Promise.all(orders.slice(i, i + 6).map(async (order) => ({ order, page: await hostPage(order) })));
      for (const { order, page } of pages) {
        await waitUntil(
          () => text(page, 'care-login').includes('U bent ingelogd als J.M. de Vries.'),
          `${short(order)}: the login did not show the session`,
          {
            timeout: 8000,
          },
        );
        await waitUntil(
          () => page.doc.querySelector('care-reports')?.shadowRoot?.querySelector('[part="item"]'),
          `${short(order)}: the reports did not load`,
          {
            timeout: 8000,
          },
        );
        expect(reportsText(page), short(order)).to.not.contain('Bezig met laden');
        expect(page.errors, short(order)).to.deep.equal([]);
      }
      for (const { page } of pages) page.frame.remove();
    }
  });

  it('shows the BFF’s own error words in a login of the bundle inside a portal of the per-element module', async () => {
    await fetch(`/api/tenants/${LINDE}/auth/logout`, { method: 'POST', headers: { 'X-Care-Widgets': '1' }, credentials: 'include' });
    const page = await hostPage(['/dist/care-portal.js', bundle]);
    await waitUntil(() => page.doc.querySelector('care-login form[data-step="login"]'), 'the login did not render', { timeout: 8000 });
    const field = (name: string) => page.doc.querySelector<HTMLInputElement>(`care-login [name="${name}"]`)!;
    field('username').value = 'niemand.bekend';
    field('password').value = 'Niet-Het-Wachtwoord-1';
    page.doc.querySelector<HTMLFormElement>('care-login form')!.requestSubmit();
    // The portal's API client (one copy) threw it, the login (the other copy) recognises it.
    await waitUntil(() => text(page, 'care-login [role="alert"]').trim() !== '', 'no error shown', { timeout: 8000 });
    expect(text(page, 'care-login [role="alert"]')).to.contain('De gebruikersnaam of het wachtwoord is niet juist.');
  });

  it('says in the console and in each widget that <care-portal> was never loaded', async function () {
    this.timeout(20_000);
    const page = await hostPage(['/dist/care-login.js', '/dist/care-reports.js']);
    await waitUntil(() => page.errors.length === 2, 'no console error about the missing portal', { timeout: 8000 });
    expect(page.errors[0]).to.contain('<care-login> is inside <care-portal>, which is not defined: load /widgets/care-portal.js');
    expect(page.errors[1]).to.contain('<care-reports> is inside <care-portal>, which is not defined');
    await waitUntil(() => text(page, 'care-login [role="alert"]').includes('niet bereikbaar'), 'the login says nothing', { timeout: 4000 });
    await waitUntil(() => reportsText(page).includes('Er ging iets mis'), 'the reports stay on loading', { timeout: 4000 });
  });
});
