import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { CareLogin } from './care-login.component.js';
import { BAKEN, LINDE, alertText, button, field, mount, signOutAfterEach, submit } from './login-testing.js';

/**
 * The element itself: its styles on a phone and under a host's CSS, its language, and without a
 * portal. Each step has a test file of its own (steps/*.test.ts), the flow too (login-flow.test.ts).
 */
describe('<care-login>', () => {
  signOutAfterEach();

  it('fits a 320 px wide phone and keeps text at 16px or more', async () => {
    const { portal, login } = await mount(LINDE);
    portal.style.cssText = 'display:block;width:320px';
    await login.updateComplete;
    expect(login.scrollWidth).to.be.at.most(320);
    for (const el of login.querySelectorAll('label, input, button, p, h2')) {
      expect(parseFloat(getComputedStyle(el).fontSize), el.outerHTML).to.be.at.least(16);
    }
    const submitButton = button(login, 'SMS-inlogcode aanvragen');
    expect(submitButton.getBoundingClientRect().height).to.be.at.least(24);
  });

  it('looks the same under a CMS theme with aggressive global and !important rules', async () => {
    const measure = (login: CareLogin) =>
      [field(login, 'username'), button(login, 'SMS-inlogcode aanvragen')].map((el) => {
        const style = getComputedStyle(el);
        return {
          height: el.getBoundingClientRect().height,
          fontSize: style.fontSize,
          border: style.borderTopWidth,
          background: style.backgroundColor,
          transform: style.textTransform,
        };
      });
    const plain = measure((await mount(LINDE)).login);
    const cms = document.createElement('style');
    cms.textContent = `* { box-sizing: content-box; margin: 0; padding: 0 }
      form { margin-bottom: 1.5em !important }
      button { all: unset; padding: 6px 14px; font-size: 12px; text-transform: uppercase; background: #f28c28 }
      input { width: 100% !important; height: 28px !important; border: 0 !important; background: transparent !important; font-size: 13px !important }`;
    document.head.append(cms);
    try {
      expect(measure((await mount(LINDE)).login)).to.deep.equal(plain);
    } finally {
      cms.remove();
    }
  });

  it('speaks English with lang="en"', async () => {
    const { login } = await mount(LINDE, 'en');
    expect(login.querySelector('h2')!.textContent).to.equal('Log in');
    expect(field(login, 'username').labels![0]!.textContent).to.equal('Username');
    expect(button(login, 'Request SMS login code')).to.exist;
    expect(button(login, 'Show password')).to.exist;
    expect(button(login, 'Forgot your password?')).to.exist;
    await submit(login);
    expect(alertText(login)).to.equal('Enter your username. Enter your password.');
    await expect(login).to.be.accessible();
  });

  it('works without a portal, with its own tenant attribute', async () => {
    const login = await fixture<CareLogin>(html`<care-login tenant=${BAKEN} api=""></care-login>`);
    await waitUntil(() => login.querySelector('form'), 'the login did not render', { timeout: 8000 });
    expect(button(login, 'Inlogcode per e-mail aanvragen')).to.exist;
  });
});
