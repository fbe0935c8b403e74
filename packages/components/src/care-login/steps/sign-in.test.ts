import { expect } from '@open-wc/testing';
import { LINDE, alertText, button, field, logIn, mount, signOutAfterEach, submit, type, until } from '../login-testing.js';

/** The first screen (steps/sign-in.ts) and the answers to it (answers.ts). */
describe('<care-login>: username and password', () => {
  signOutAfterEach();

  it('asks for username and password in a light-DOM form that password managers can see', async () => {
    const { login } = await mount(LINDE);
    expect(login.shadowRoot).to.equal(null);
    const form = login.querySelector('form')!;
    expect(form.getAttribute('method')).to.equal('post');
    expect(login.querySelector('h2')!.textContent).to.equal('Inloggen');
    expect(field(login, 'username').autocomplete).to.equal('username');
    expect(field(login, 'password').autocomplete).to.equal('current-password');
    expect(field(login, 'password').labels![0]!.textContent).to.equal('Wachtwoord');
    expect(button(login, 'SMS-inlogcode aanvragen').type).to.equal('submit');
    expect(button(login, 'Wachtwoord vergeten?')).to.exist;

    const toggle = button(login, 'Wachtwoord tonen');
    expect(toggle.getAttribute('aria-pressed')).to.equal('false');
    toggle.click();
    await login.updateComplete;
    expect(toggle.getAttribute('aria-pressed')).to.equal('true');
    expect(field(login, 'password').type).to.equal('text');
    await expect(login).to.be.accessible();
  });

  it('says which field is empty without asking the BFF', async () => {
    const { login } = await mount(LINDE);
    await submit(login);
    expect(alertText(login)).to.equal('Vul uw gebruikersnaam in. Vul uw wachtwoord in.');
    expect(field(login, 'username').getAttribute('aria-invalid')).to.equal('true');
    expect(field(login, 'username').getAttribute('aria-describedby')).to.equal(login.querySelector('[role="alert"]')!.id);
    expect(document.activeElement).to.equal(field(login, 'username'));
  });

  it('shows the one generic error for a wrong password, and sends a double submit once', async () => {
    const { login } = await mount(LINDE);
    const realFetch = window.fetch;
    let loginCalls = 0;
    window.fetch = (input, init) => {
      if (String(input).endsWith('/auth/login')) loginCalls += 1;
      return realFetch(input, init);
    };
    try {
      await type(login, 'username', 'j.de.vries');
      await type(login, 'password', 'Verkeerd-wachtwoord-1');
      login.querySelector('form')!.requestSubmit();
      login.querySelector('form')!.requestSubmit();
      await login.updateComplete;
      expect(button(login, 'Even geduld').getAttribute('aria-busy')).to.equal('true');
      await until(login, 'login');
    } finally {
      window.fetch = realFetch;
    }
    expect(loginCalls).to.equal(1);
    expect(alertText(login)).to.equal('De gebruikersnaam of het wachtwoord is niet juist.');
    expect(field(login, 'password').getAttribute('aria-invalid')).to.equal('true');
    expect(document.activeElement).to.equal(field(login, 'password'));
    await expect(login).to.be.accessible();
  });

  it('shows the BFF’s text in English with lang="en", in a browser set to Dutch', async () => {
    const { login } = await mount(LINDE, 'en');
    const realFetch = window.fetch;
    // The browser's own Accept-Language, which says nothing about the widget's language.
    window.fetch = (input, init = {}) => {
      const headers = new Headers(init.headers);
      if (!headers.has('accept-language')) headers.set('accept-language', 'nl-NL,nl;q=0.9');
      return realFetch(input, { ...init, headers });
    };
    try {
      await logIn(login, 'bestaat-niet-en', 'Verkeerd-wachtwoord-1');
      await until(login, 'login');
    } finally {
      window.fetch = realFetch;
    }
    expect(alertText(login)).to.equal('The username or the password is not correct.');
    await expect(login).to.be.accessible();
  });

  it('tells how long to wait after too many wrong passwords', async () => {
    const { login } = await mount(LINDE);
    for (let i = 0; i < 6 && !alertText(login).includes('seconden'); i += 1) {
      await logIn(login, 'bestaat-niet-429', `Fout-wachtwoord-${i}`);
      await until(login, 'login');
    }
    expect(alertText(login)).to.match(/Probeer het over \d+ seconden opnieuw/);
  });

  it('says so in Dutch when the BFF cannot be reached', async () => {
    const { login } = await mount(LINDE);
    const realFetch = window.fetch;
    window.fetch = () => Promise.reject(new TypeError('Failed to fetch'));
    try {
      await logIn(login, 'j.de.vries', 'DeLinde-demo1!');
      await until(login, 'login');
    } finally {
      window.fetch = realFetch;
    }
    expect(alertText(login)).to.equal(
      'Er is geen verbinding met het cliëntportaal. Controleer uw internetverbinding en probeer het opnieuw.',
    );
  });
});
