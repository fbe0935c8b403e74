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

  it('follows a tenant’s input, link, heading and focus-ring tokens, and the common ones without them', async () => {
    const look = (login: CareLogin) => {
      const input = getComputedStyle(field(login, 'username'));
      return {
        input: [input.borderTopColor, input.borderTopLeftRadius, input.backgroundColor, input.color],
        link: getComputedStyle(button(login, 'Wachtwoord vergeten?')).color,
        heading: getComputedStyle(login.querySelector('h2')!).color,
        focus: (field(login, 'username').focus(), [input.outlineColor, input.outlineWidth, input.outlineOffset]),
      };
    };
    const { portal, login } = await mount(LINDE);
    // De Linde's theme sets none of these: its primary (#2f6b3a), focus (#8a4b00) and radius (4px) show.
    expect(look(login)).to.deep.equal({
      input: ['rgb(123, 135, 148)', '4px', 'rgb(255, 255, 255)', 'rgb(31, 41, 51)'],
      link: 'rgb(47, 107, 58)',
      heading: 'rgb(31, 41, 51)',
      focus: ['rgb(138, 75, 0)', '3px', '2px'],
    });
    portal.style.cssText = [
      '--care-input-border-color: #654321',
      '--care-input-border-radius: 0px',
      '--care-input-background-color: #fafafa',
      '--care-input-color: #111111',
      '--care-color-link: #0a3d73',
      '--care-color-heading: #234f2b',
      '--care-focus-ring-color: #0000d0',
      '--care-focus-ring-width: 5px',
      '--care-focus-ring-offset: 1px',
    ].join(';');
    expect(look(login)).to.deep.equal({
      input: ['rgb(101, 67, 33)', '0px', 'rgb(250, 250, 250)', 'rgb(17, 17, 17)'],
      link: 'rgb(10, 61, 115)',
      heading: 'rgb(35, 79, 43)',
      focus: ['rgb(0, 0, 208)', '5px', '1px'],
    });
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
