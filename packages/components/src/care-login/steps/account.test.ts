import { expect, waitUntil } from '@open-wc/testing';
import {
  BAKEN,
  LINDE,
  alertText,
  bff,
  button,
  field,
  codeSentTo,
  latestOutboxId,
  logIn,
  mount,
  openAccount,
  signOutAfterEach,
  submit,
  totpCode,
  type,
  until,
} from '../login-testing.js';

/** The signed-in client's own password and second factor (steps/account.ts). */
describe('<care-login>: Mijn inloggegevens', () => {
  signOutAfterEach();

  it('shows no choice of second factor where the organisation offers only the one in use, and returns with "Terug"', async () => {
    const { portal, login } = await openAccount(LINDE, 'j.de.vries');
    expect(document.activeElement).to.equal(login.querySelector('h2'));
    expect(login.querySelector('h2')!.textContent).to.equal('Mijn inloggegevens');
    await waitUntil(() => !login.flow.view.busy && login.flow.view.account?.factors, 'the second-factor settings did not load', {
      timeout: 8000,
    });
    await login.updateComplete;
    // De Linde offers only SMS, the method in use.
    expect(login.textContent).not.to.contain('Tweestapsverificatie');
    expect(login.querySelector('[name="method"]')).to.equal(null);
    await expect(portal).to.be.accessible();
    button(login, 'Terug').click();
    await until(login, 'done');
    expect(document.activeElement).to.equal(login.querySelector('h2'));
    expect(button(login, 'Uitloggen')).to.exist;
  });

  it('changes the password with the current one and the live checklist; the old one no longer logs in', async () => {
    // w.dejonge's demo password, set first and put back at the end: other files log in with it.
    // Not j.de.vries: a change revokes every other session, including the one the runner's
    // care-sign-in shares between files.
    const oldPassword = 'HetBaken-demo-2024!';
    const newPassword = 'Zomeravond in Vlissingen 42';
    const { portal, login } = await openAccount(BAKEN, 'w.dejonge@example.nl', { password: oldPassword });
    expect(field(login, 'currentPassword').autocomplete).to.equal('current-password');
    expect(field(login, 'newPassword').autocomplete).to.equal('new-password');
    expect(field(login, 'repeatPassword').autocomplete).to.equal('new-password');

    const save = () => button(login, 'Wachtwoord wijzigen');
    await type(login, 'currentPassword', 'Niet-mijn-wachtwoord-1');
    await type(login, 'newPassword', newPassword);
    expect(save().disabled).to.equal(true);
    expect(login.querySelector('[data-rule="repeatMatches"]')!.className).to.equal('no');
    await type(login, 'repeatPassword', newPassword);
    expect(login.querySelector('[data-rule="repeatMatches"]')!.className).to.equal('ok');
    expect(save().disabled).to.equal(false);
    await submit(login);
    await until(login, 'account');
    expect(alertText(login)).to.equal('Het huidige wachtwoord is niet juist.');
    const current = field(login, 'currentPassword');
    expect(current.getAttribute('aria-invalid')).to.equal('true');
    expect(current.getAttribute('aria-describedby')).to.equal(login.querySelector('[role="alert"]')!.id);
    expect(document.activeElement).to.equal(current);
    await expect(portal).to.be.accessible();

    try {
      await type(login, 'currentPassword', oldPassword);
      await submit(login);
      await until(login, 'account');
      expect(alertText(login)).to.equal('');
      expect(login.querySelector('[role="status"]')!.textContent!.trim()).to.equal(
        'Uw wachtwoord is gewijzigd. U blijft ingelogd op dit apparaat; elders bent u uitgelogd.',
      );
      expect(field(login, 'currentPassword').value).to.equal('');

      const withOld = await bff(BAKEN, 'POST', '/auth/login', { username: 'w.dejonge@example.nl', password: oldPassword });
      expect(withOld.status).to.equal(401);
      expect((await (await fetch(`/api/tenants/${BAKEN}/auth/session`)).json()).state).to.equal('active');
    } finally {
      const back = await bff(BAKEN, 'POST', '/auth/password/change', {
        currentPassword: newPassword,
        newPassword: oldPassword,
        repeatPassword: oldPassword,
      });
      expect(back.status, 'the earlier password is restored').to.equal(200);
    }
  });

  it('shows a wrong app code at the code field (before any app is enrolled)', async () => {
    const { login } = await openAccount(BAKEN, 'w.dejonge@example.nl');
    await waitUntil(() => login.querySelector('[name="method"][value="totp"]'), 'no app choice', { timeout: 8000 });
    login.querySelector<HTMLInputElement>('[name="method"][value="totp"]')!.click();
    await waitUntil(() => login.querySelector('.care-account__key'), 'no enrolment shown', { timeout: 8000 });
    await until(login, 'account');
    const form = login.querySelector<HTMLFormElement>('form[data-step="account-factor"]')!;
    await type(login, 'code', '12345');
    form.requestSubmit();
    await login.updateComplete;
    const alert = form.querySelector('[role="alert"]')!;
    expect(alert.textContent!.trim()).to.equal('Vul de 6 cijfers van de inlogcode in.');
    expect(field(login, 'code').getAttribute('aria-describedby')).to.contain(alert.id);
    expect(document.activeElement).to.equal(field(login, 'code'));
    button(login, 'Terug').click();
    await until(login, 'done');
  });

  it('does not offer the login code just used as the authenticator app’s code', async () => {
    const { login } = await mount(BAKEN);
    const before = await latestOutboxId('w.dejonge@example.nl');
    await logIn(login, 'w.dejonge@example.nl', 'HetBaken-demo-2024!');
    await until(login, 'code');
    const sent = await codeSentTo('w.dejonge@example.nl', before);
    await type(login, 'code', sent.code);
    await submit(login);
    await until(login, 'done');
    button(login, 'Mijn inloggegevens').click();
    await until(login, 'account');
    await waitUntil(() => login.querySelector('[name="method"][value="totp"]'), 'no second-factor choice', { timeout: 8000 });
    login.querySelector<HTMLInputElement>('[name="method"][value="totp"]')!.click();
    await waitUntil(() => login.querySelector('.care-account__key'), 'no enrolment shown', { timeout: 8000 });
    await login.updateComplete;
    expect(field(login, 'code').value).to.equal('');
    button(login, 'Terug').click();
    await until(login, 'done');
  });

  it('enrols Het Baken’s authenticator app with the QR code or the key, and makes it the login method', async () => {
    const { portal, login } = await openAccount(BAKEN, 'w.dejonge@example.nl');
    try {
      await waitUntil(() => login.querySelector('[name="method"]'), 'no second-factor choice', { timeout: 8000 });
      const radios = [...login.querySelectorAll<HTMLInputElement>('[name="method"]')];
      expect(radios.map((r) => r.value)).to.deep.equal(['email', 'totp']);
      expect(radios[0]!.checked).to.equal(true);
      expect(radios[0]!.labels![0]!.textContent).to.match(/Per e-mail naar w•+@example\.nl/);

      radios[1]!.click();
      await waitUntil(() => login.querySelector('.care-account__key'), 'no enrolment shown', { timeout: 8000 });
      await until(login, 'account');
      const qr = login.querySelector<HTMLImageElement>('.care-account__qr')!;
      expect(qr.src).to.match(/^data:image\/png;base64,/);
      expect(qr.alt).to.contain('QR-code');
      const key = login.querySelector('.care-account__key')!.textContent!.trim();
      expect(key).to.match(/^([A-Z2-7]{4} )+[A-Z2-7]{1,4}$/);
      const code = field(login, 'code');
      expect(code.inputMode).to.equal('numeric');
      expect(code.autocomplete).to.equal('one-time-code');
      await expect(portal).to.be.accessible();

      await type(login, 'code', await totpCode(key));
      login.querySelector<HTMLFormElement>('form[data-step="account-factor"]')!.requestSubmit();
      await waitUntil(() => !login.querySelector('.care-account__key') && !login.flow.view.busy, 'the code was not accepted', {
        timeout: 8000,
      });
      const factor = login.querySelector('form[data-step="account-factor"]')!;
      expect(factor.querySelector('[role="alert"]')!.textContent!.trim()).to.equal('');
      expect(factor.querySelector('[role="status"]')!.textContent).to.contain('De authenticator-app is ingesteld.');
      const totp = login.querySelector<HTMLInputElement>('[name="method"][value="totp"]')!;
      expect(totp.checked).to.equal(true);
      expect(totp.labels![0]!.textContent).to.contain('(huidige instelling)');
      const settings = await (await fetch(`/api/tenants/${BAKEN}/auth/second-factor`, { credentials: 'include' })).json();
      expect(settings.current).to.equal('totp');
    } finally {
      // The other tests log w.dejonge in with an e-mailed code.
      const back = await bff(BAKEN, 'PUT', '/auth/second-factor', { method: 'email' });
      expect(back.status, 'e-mail is the login method again').to.equal(200);
    }
  });
});
