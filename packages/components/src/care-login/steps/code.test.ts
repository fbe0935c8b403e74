import { expect, waitUntil } from '@open-wc/testing';
import {
  BAKEN,
  LINDE,
  alertText,
  button,
  codeSentTo,
  field,
  latestOutboxId,
  logIn,
  mount,
  paste,
  signOutAfterEach,
  submit,
  type,
  until,
} from '../login-testing.js';

/** The code by SMS, e-mail or an authenticator app (steps/code.ts). */
describe('<care-login>: the code step', () => {
  signOutAfterEach();

  it('shows the code step: prefix fixed, one 6-digit field that takes a pasted code, resend after a countdown', async () => {
    const { login } = await mount(LINDE);
    const before = await latestOutboxId('+31612345678');
    await logIn(login, 'j.de.vries', 'DeLinde-demo1!');
    await until(login, 'code');
    const sent = await codeSentTo('+31612345678', before);

    expect(document.activeElement).to.equal(login.querySelector('h2'));
    expect(login.querySelector('h2')!.textContent).to.equal('Inlogcode invullen');
    expect(login.querySelector('.care-code__prefix')!.textContent).to.equal(`${sent.prefix}-`);
    const input = field(login, 'code');
    expect(input.inputMode).to.equal('numeric');
    expect(input.autocomplete).to.equal('one-time-code');
    expect(input.pattern).to.equal('[0-9]{6}');
    expect(input.maxLength).to.equal(6);
    expect(input.labels![0]!.textContent).to.equal('Inlogcode');

    paste(input, '1234-567890');
    await login.updateComplete;
    expect(input.value).to.equal('567890');
    paste(input, `${sent.prefix}-${sent.code}`);
    await login.updateComplete;
    expect(input.value).to.equal(sent.code);
    paste(input, '246 810');
    await login.updateComplete;
    expect(input.value).to.equal('246810');
    await type(login, 'code', '12ab34');
    expect(input.value).to.equal('1234');

    const resend = button(login, 'Opnieuw versturen');
    expect(resend.disabled).to.equal(true);
    const countdown = login.querySelector('.care-login__countdown')!;
    const first = Number(/(\d+) seconden/.exec(countdown.textContent!)![1]);
    expect(first).to.be.within(25, 30);
    await waitUntil(() => Number(/(\d+) seconden/.exec(countdown.textContent!)?.[1]) < first, 'the countdown stands still', {
      timeout: 3000,
    });
    expect(resend.disabled).to.equal(true);
    await expect(login).to.be.accessible();

    await type(login, 'code', '12');
    await submit(login);
    expect(alertText(login)).to.equal('Vul de 6 cijfers van de inlogcode in.');
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    expect(document.activeElement).to.equal(input);
  });

  it('asks Het Baken’s clients for an e-mailed code and offers to trust the computer for 7 days', async () => {
    const { login } = await mount(BAKEN);
    expect(button(login, 'Inlogcode per e-mail aanvragen')).to.exist;
    const before = await latestOutboxId('w.dejonge@example.nl');
    await logIn(login, 'w.dejonge@example.nl', 'HetBaken-demo-2024!');
    await until(login, 'code');
    const sent = await codeSentTo('w.dejonge@example.nl', before);
    expect(login.textContent).to.contain('e-mail met uw inlogcode');
    expect(login.querySelector('.care-code__prefix')!.textContent).to.equal(`${sent.prefix}-`);
    const trust = field(login, 'trustDevice');
    expect(trust.labels![0]!.textContent).to.equal('Deze computer vertrouwen voor 7 dagen');
    await expect(login).to.be.accessible();
  });

  it('asks for the authenticator app’s 6 digits without a prefix or resend when the account uses TOTP', async () => {
    const { login } = await mount(BAKEN);
    const realFetch = window.fetch;
    // No demo account has an app enrolled yet: the BFF's answer for one, as docs/auth-api.md gives it.
    window.fetch = async (input, init) =>
      String(input).endsWith('/auth/login')
        ? Response.json({
            step: 'second-factor',
            channel: 'totp',
            prefix: null,
            codeSent: false,
            resendAvailableInSeconds: 0,
            expiresInSeconds: 300,
            destinationHint: null,
            trustedDeviceDays: 7,
          })
        : realFetch(input, init);
    try {
      await logIn(login, 'w.dejonge@example.nl', 'HetBaken-demo-2024!');
      await until(login, 'code');
    } finally {
      window.fetch = realFetch;
    }
    expect(login.querySelector('.care-code__prefix')).to.equal(null);
    expect(field(login, 'code').labels![0]!.textContent).to.equal('Verificatiecode');
    expect(login.textContent).to.contain('authenticator-app');
    expect(button(login, 'Opnieuw versturen')).to.equal(undefined);
    expect(button(login, 'Verifiëren').type).to.equal('submit');
    expect(alertText(login)).to.equal('');
    await expect(login).to.be.accessible();
  });
});
