import { expect, waitUntil } from '@open-wc/testing';
import { testSession } from '../../shared/testing/test-session.js';
import { BAKEN, LINDE, button, latestOutboxId, mount, pageParam, signOutAfterEach, step, submit, type, until } from '../login-testing.js';

/** A forgotten password, the reset link and the activation link (steps/recovery.ts). */
describe('<care-login>: forgotten password and the links of the e-mails', () => {
  signOutAfterEach();

  it('sends a reset link whether or not the account exists, and sets the new password from the link', async () => {
    try {
      const { login } = await mount(BAKEN);
      button(login, 'Wachtwoord vergeten?').click();
      await until(login, 'forgot');
      expect(document.activeElement).to.equal(login.querySelector('h2'));
      await expect(login).to.be.accessible();

      await type(login, 'username', 'niemand@example.nl');
      await submit(login);
      await until(login, 'forgot-sent');
      expect(login.textContent).to.contain('Als dit account bestaat, ontvangt u een e-mail met een link.');

      const before = await latestOutboxId('w.dejonge@example.nl');
      button(login, 'Terug naar inloggen').click();
      await until(login, 'login');
      button(login, 'Wachtwoord vergeten?').click();
      await until(login, 'forgot');
      await type(login, 'username', 'w.dejonge@example.nl');
      await submit(login);
      await until(login, 'forgot-sent');
      let link = '';
      await waitUntil(
        async () => {
          const [mail] = (await (await fetch('/dev/outbox?recipient=w.dejonge%40example.nl&limit=1')).json()) as Array<{
            id: string;
            body: string;
          }>;
          link = mail && mail.id !== before ? (/https?:\/\/\S*[?&]reset=\S+/.exec(mail.body)?.[0] ?? '') : '';
          return link;
        },
        'no reset e-mail',
        { timeout: 8000 },
      );

      const token = new URL(link).searchParams.get('reset');
      pageParam('reset', token);
      const opened = await mount(BAKEN);
      expect(step(opened.login)).to.equal('reset');
      expect(opened.login.querySelector('h2')!.textContent).to.equal('Nieuw wachtwoord instellen');
      // The link is checked first; then the form, with the focus on its heading (scrolled into view on a phone).
      await waitUntil(() => opened.login.querySelector('[name="newPassword"]'), 'no new-password form', { timeout: 8000 });
      expect(document.activeElement).to.equal(opened.login.querySelector('h2'));
      await expect(opened.login).to.be.accessible();
      await type(opened.login, 'newPassword', 'Nieuw-Baken-2025!');
      await type(opened.login, 'repeatPassword', 'Nieuw-Baken-2025!');
      await submit(opened.login);
      await until(opened.login, 'login');
      expect(opened.login.querySelector('[role="status"]')!.textContent).to.contain('Uw wachtwoord is gewijzigd.');
      expect(location.search).not.to.contain('reset=');

      // The same link again (the e-mail is still there): it says so before any password is typed.
      pageParam('reset', token);
      const reused = await mount(BAKEN);
      await waitUntil(
        () => reused.login.querySelector('h2')?.textContent === 'Deze link werkt niet meer',
        'the used link was not found out',
        { timeout: 8000 },
      );
      expect(reused.login.textContent).to.contain('Deze link is al gebruikt. Een link werkt maar één keer.');
      expect(reused.login.querySelector('[name="newPassword"]')).to.equal(null);
      expect(document.activeElement).to.equal(reused.login.querySelector('h2'));
      await expect(reused.login).to.be.accessible();
      button(reused.login, 'Nieuwe link aanvragen').click();
      await until(reused.login, 'forgot');
      expect(location.search).not.to.contain('reset=');
    } finally {
      // Other files log w.dejonge in with the demo password (testSession sets it; afterEach signs out).
      await testSession(BAKEN, 'w.dejonge@example.nl', { password: 'HetBaken-demo-2024!' });
    }
  });

  it('opens the activation step from an invitation link and says at once when the link no longer works', async () => {
    pageParam('activate', 'not-a-real-token');
    const { login } = await mount(LINDE);
    expect(step(login)).to.equal('activate');
    await waitUntil(() => login.querySelector('h2')?.textContent === 'Deze link werkt niet meer', 'the dead link was not found out', {
      timeout: 8000,
    });
    expect(login.textContent).to.contain('Deze link is niet (meer) geldig.');
    // Not "Vraag een nieuwe link aan": an invitation comes from the organisation.
    expect(login.textContent).to.match(/Neem contact op met Zorggroep De Linde( \([^)]+\))? voor een nieuwe uitnodiging\./);
    expect(login.querySelector('[name="dateOfBirth"]')).to.equal(null);
    await expect(login).to.be.accessible();
    button(login, 'Naar inloggen').click();
    await until(login, 'login');
    expect(location.search).not.to.contain('activate=');
  });
});
