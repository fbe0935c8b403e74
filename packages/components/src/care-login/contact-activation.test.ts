import { expect, waitUntil } from '@open-wc/testing';
import { TEST_INVITED_CONTACT, executeServerCommand, inviteTestContact, removeInvitedTestContact } from '../shared/testing/test-session.js';
import type { CareLogin } from './care-login.component.js';
import { LINDE, alertText, codeSentTo, field, latestOutboxId, mount, pageParam, signOutAfterEach, step, until } from './login-testing.js';

/**
 * An invited relative opens the activation link of the e-mail, proves the own mobile number they
 * were invited with (`proof: "mobile"` of POST /auth/links/check, not a date of birth), chooses a
 * username and password, and signs in with the SMS code sent to that number. The contact is the
 * test runner's own (inviteTestContact): no demo client's codes are spent.
 */
describe('<care-login>: a contact person activates with their own mobile number', () => {
  signOutAfterEach();
  afterEach(() => removeInvitedTestContact(LINDE));

  /** Playwright's keyboard (the runner's `send-keys`): `press` a key such as "Tab" or "Enter", or `type` text. */
  const keys = (payload: { press: string } | { type: string }) => executeServerCommand('send-keys', payload);

  /** Tabs forward to `target` as a keyboard user would; fails if it is not reachable in 12 steps. */
  async function tabTo(target: () => Element | null | undefined) {
    for (let i = 0; i < 12 && document.activeElement !== target(); i += 1) await keys({ press: 'Tab' });
    expect(document.activeElement, 'not reachable with Tab').to.equal(target());
  }

  /** Tabs to the field `name`, replaces what it holds with `text` by typing, and waits for the render. */
  async function typeInto(login: CareLogin, name: string, text: string) {
    await tabTo(() => field(login, name));
    await keys({ press: 'ControlOrMeta+A' });
    await keys({ type: text });
    await login.updateComplete;
  }

  /** Enter in the focused field: the form's own submit, as the keyboard sends it. */
  async function enter(login: CareLogin) {
    await keys({ press: 'Enter' });
    await waitUntil(() => !login.querySelector('[aria-busy="true"]'), 'still busy', { timeout: 8000 });
    await login.updateComplete;
  }

  const alertShown = (login: CareLogin) => waitUntil(() => alertText(login), 'no error was shown', { timeout: 8000 });

  it('opens the link, checks the mobile number, lets them choose a login, and signs in with the SMS code', async function () {
    // Seven steps, each with a real BFF round trip and an axe run: more than mocha's 10 s on a busy machine.
    this.timeout(30_000);
    pageParam('activate', await inviteTestContact(LINDE, 'j.de.vries'));
    const { login } = await mount(LINDE);
    await waitUntil(() => login.querySelector('[name="mobile"]'), 'the link did not ask for the mobile number', { timeout: 8000 });
    expect(step(login)).to.equal('activate');
    expect(login.querySelector('h2')!.textContent).to.equal('Account activeren');
    expect(login.textContent).to.contain('vult u eerst ter controle uw mobiele nummer in');
    expect(login.querySelector('[name="dateOfBirth"]')).to.equal(null);
    const mobile = field(login, 'mobile');
    expect(mobile.labels![0]!.textContent).to.equal('Uw mobiele nummer');
    expect([mobile.type, mobile.autocomplete]).to.deep.equal(['tel', 'tel']);
    expect(document.getElementById(mobile.getAttribute('aria-describedby')!)!.textContent).to.equal('Bijvoorbeeld 06 12345678');
    await expect(login).to.be.accessible();

    // A number that is not a mobile number at all: the BFF's own words, and the field to correct.
    await typeInto(login, 'mobile', '06-1234');
    await enter(login);
    await alertShown(login);
    expect(step(login)).to.equal('activate');
    expect(alertText(login)).to.equal('Het mobiele nummer is niet juist.');
    expect(mobile.getAttribute('aria-invalid')).to.equal('true');
    expect(document.activeElement).to.equal(mobile);
    await expect(login).to.be.accessible();

    // The number written as people write it: the BFF compares it with +31687650001.
    await typeInto(login, 'mobile', '06 8765 0001');
    await enter(login);
    await until(login, 'activate-choose');
    expect(login.querySelector('h2')!.textContent).to.equal('Gebruikersnaam en wachtwoord kiezen');
    expect(field(login, 'username').value).to.equal(TEST_INVITED_CONTACT.email);
    await expect(login).to.be.accessible();

    const password = 'Toets-Uitnodiging-7!';
    await typeInto(login, 'username', 'toets.uitnodiging');
    await typeInto(login, 'password', password);
    await typeInto(login, 'repeatPassword', password);
    await enter(login);
    await until(login, 'login');
    expect(login.querySelector('[role="status"]')!.textContent).to.contain('Het account is geactiveerd.');
    expect(field(login, 'username').value).to.equal('toets.uitnodiging');
    expect(location.search).not.to.contain('activate=');
    await expect(login).to.be.accessible();

    // The first sign-in: the login code goes to the number just confirmed.
    const before = await latestOutboxId(TEST_INVITED_CONTACT.mobile);
    await typeInto(login, 'password', password);
    await enter(login);
    await until(login, 'code');
    const sent = await codeSentTo(TEST_INVITED_CONTACT.mobile, before);
    expect(login.querySelector('.care-code__prefix')!.textContent).to.equal(`${sent.prefix}-`);
    await expect(login).to.be.accessible();

    const wrong = sent.code.slice(0, 5) + String((Number(sent.code[5]) + 1) % 10);
    await typeInto(login, 'code', wrong);
    await enter(login);
    await alertShown(login);
    expect(step(login)).to.equal('code');
    expect(alertText(login)).to.equal('De code is niet juist. Controleer de code en probeer het opnieuw.');
    await expect(login).to.be.accessible();

    await typeInto(login, 'code', sent.code);
    await enter(login);
    // A new account accepts the terms of use first, as every client does.
    await until(login, 'terms');
    await expect(login).to.be.accessible();
    await tabTo(() => field(login, 'accept'));
    await keys({ press: 'Space' });
    expect(field(login, 'accept').checked).to.equal(true);
    await tabTo(() => login.querySelector('button[type="submit"]'));
    await enter(login);
    await until(login, 'done');
    expect(login.textContent).to.contain(`U bent ingelogd als ${TEST_INVITED_CONTACT.name}.`);
    await expect(login).to.be.accessible();
  });

  it('asks for the mobile number in English with lang="en"', async () => {
    pageParam('activate', await inviteTestContact(LINDE, 'j.de.vries'));
    const { login } = await mount(LINDE, 'en');
    await waitUntil(() => login.querySelector('[name="mobile"]'), 'the link did not ask for the mobile number', { timeout: 8000 });
    expect(login.querySelector('h2')!.textContent).to.equal('Activate your account');
    expect(login.textContent).to.contain('please enter your mobile number as a check');
    expect(field(login, 'mobile').labels![0]!.textContent).to.equal('Your mobile number');
    expect(login.textContent).to.contain('For example 06 12345678');

    await tabTo(() => field(login, 'mobile'));
    await enter(login);
    expect(alertText(login)).to.equal('Enter your mobile number.');
    await expect(login).to.be.accessible();

    await typeInto(login, 'mobile', '+31 6 87650001');
    await enter(login);
    await until(login, 'activate-choose');
    expect(login.querySelector('h2')!.textContent).to.equal('Choose a username and password');
    await expect(login).to.be.accessible();
  });
});
