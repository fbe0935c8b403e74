import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { CareLogin } from '../care-login/care-login.component.js';
import '../care-login/care-login.js';
import type { CarePortal } from '../care-portal/care-portal.component.js';
import '../care-portal/care-portal.js';
import '../care-reports/care-reports.js';
import { testSession } from './testing/test-session.js';
import { forgetFullViews } from './testing/address.js';

// A full view left open must not reopen in the next test's widgets (the address keeps it).
afterEach(forgetFullViews);

/*
 * Older readers set a larger font in their browser, or use the site's "tekst groter" button: the
 * widgets follow the first by default and the second once the host connects it. What the host's
 * CSS sets on the widgets' elements (a CMS's `care-portal * { … }`) stops at their edge.
 */

const LINDE = 'zorggroep-de-linde';

/** What `medium` is in this browser: the reader's own setting. */
function readersSize() {
  const probe = document.createElement('span');
  probe.style.fontSize = 'medium';
  document.body.append(probe);
  const size = getComputedStyle(probe).fontSize;
  probe.remove();
  return size;
}

async function page(hostCss: string) {
  const portal = await fixture<CarePortal>(html`
    <div>
      <style>
        ${hostCss}
      </style>
      <care-portal tenant=${LINDE} api=""><care-login></care-login><care-reports></care-reports></care-portal>
    </div>
  `);
  const reports = portal.querySelector('care-reports')!;
  const login = portal.querySelector<CareLogin>('care-login')!;
  await waitUntil(() => reports.shadowRoot!.querySelector('[part="item"]') && login.querySelector('form'), 'the widgets did not load', {
    timeout: 8000,
  });
  return { reports, login, report: reports.shadowRoot!.querySelector('[part="item"]')!, loginText: login.querySelector('form p')! };
}

describe('text size and the host page’s text styles', () => {
  before(() => testSession(LINDE, 'j.de.vries'));
  afterEach(() => document.documentElement.style.removeProperty('font-size'));

  it('follows the reader’s browser font size, not a root size the site pinned', async () => {
    document.documentElement.style.fontSize = '10px';
    const { report, loginText } = await page('');
    expect(getComputedStyle(report).fontSize).to.equal(readersSize());
    expect(getComputedStyle(loginText).fontSize).to.equal(readersSize());
  });

  it('follows the site’s "tekst groter" control once the host connects it with --care-font-size', async () => {
    const { report, loginText } = await page('care-portal { --care-font-size: 1rem; }');
    // The control makes the root font 150 %: the widgets follow, headings and all in proportion.
    document.documentElement.style.fontSize = '24px';
    expect(getComputedStyle(report).fontSize).to.equal('24px');
    expect(getComputedStyle(loginText).fontSize).to.equal('24px');
  });

  it('resets line-height, letter-spacing, text-align and colour a CMS sets on every element inside the portal', async () => {
    const { report, loginText } = await page(`
      care-portal * { line-height: 3 !important; letter-spacing: 4px; text-align: center; color: rgb(255, 0, 0); }
    `);
    for (const text of [report, loginText]) {
      const style = getComputedStyle(text);
      expect(parseFloat(style.lineHeight) / parseFloat(style.fontSize), `line-height of ${text.localName}`).to.be.closeTo(1.5, 0.01);
      expect(style.letterSpacing).to.equal('normal');
      expect(style.textAlign).to.equal('start');
      expect(style.color).to.not.equal('rgb(255, 0, 0)');
    }
  });
});
