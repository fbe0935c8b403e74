import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { signIn } from './shared/testing/sign-in.js';
// The only module this page imports: every element below comes through the loader.
import './care-widgets.loader.js';

const LINDE = 'zorggroep-de-linde';
const defined = (tag: string) => Boolean(customElements.get(tag));

describe('the loader (care-widgets.loader.js)', () => {
  before(async () => {
    await signIn('linde');
  });

  it('defines the tags in the page, whose widgets then work: the portal signs in and shows the reports', async () => {
    expect(defined('care-portal')).to.equal(false);
    const portal = await fixture(html`<care-portal tenant=${LINDE} api=""><care-reports></care-reports></care-portal>`);
    await waitUntil(() => defined('care-portal') && defined('care-reports'), 'the tags in the page stay undefined', { timeout: 8000 });
    const reports = portal.querySelector('care-reports')!;
    await waitUntil(() => reports.shadowRoot?.querySelectorAll('[part~="item"]').length === 3, 'the reports do not show', {
      timeout: 8000,
    });
    expect(reports.shadowRoot!.querySelector('h2')!.textContent).to.equal('Rapportages');
  });

  it('fetches nothing for a tag that is not in the page, and loads it once it is added', async () => {
    const portal = await fixture(html`<care-portal tenant=${LINDE} api=""></care-portal>`);
    await waitUntil(() => defined('care-portal'), 'the portal stays undefined', { timeout: 8000 });
    expect(defined('care-agenda')).to.equal(false);
    expect(performance.getEntriesByType('resource').some((entry) => entry.name.includes('care-agenda'))).to.equal(false);

    const agenda = document.createElement('care-agenda');
    const wrapper = document.createElement('section');
    wrapper.append(agenda);
    portal.append(wrapper);
    await waitUntil(() => defined('care-agenda'), 'a <care-agenda> added later stays undefined', { timeout: 8000 });
    await waitUntil(() => agenda.shadowRoot?.querySelector('h2')?.textContent === 'Afspraken', 'the agenda does not render', {
      timeout: 8000,
    });
    expect(defined('care-measurements')).to.equal(false);
  });

  it('watches the shadow roots of the elements it loaded', async () => {
    const portal = await fixture(html`<care-portal tenant=${LINDE} api=""></care-portal>`);
    await waitUntil(() => defined('care-portal'), 'the portal stays undefined', { timeout: 8000 });
    expect(defined('care-messages')).to.equal(false);
    portal.shadowRoot!.append(document.createElement('care-messages'));
    await waitUntil(() => defined('care-messages'), 'a tag added to a care element’s shadow root stays undefined', { timeout: 8000 });
  });
});
