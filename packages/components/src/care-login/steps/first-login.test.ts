import { expect, oneEvent } from '@open-wc/testing';
import {
  LINDE,
  alertText,
  button,
  codeSentTo,
  field,
  latestOutboxId,
  logIn,
  mount,
  renderedLines,
  signOutAfterEach,
  submit,
  type,
  until,
} from '../login-testing.js';

/** The first login's new password and terms of use (steps/first-login.ts, new-password.ts, password-checklist.ts). */
describe('<care-login>: the first login', () => {
  signOutAfterEach();

  it('takes h.van.der.meer through the first login: new password with a live checklist, then the terms', async () => {
    const { portal, login } = await mount(LINDE);
    const before = await latestOutboxId('+31623456789');
    await logIn(login, 'h.van.der.meer', 'Start-Linde-27');
    await until(login, 'code');
    const sent = await codeSentTo('+31623456789', before);
    await type(login, 'code', sent.code);
    await submit(login);
    await until(login, 'password');

    expect(login.querySelector('h2')!.textContent).to.equal('Nieuw wachtwoord kiezen');
    expect(document.activeElement).to.equal(login.querySelector('h2'));
    expect(field(login, 'newPassword').autocomplete).to.equal('new-password');
    expect(field(login, 'repeatPassword').autocomplete).to.equal('new-password');
    const save = button(login, 'Wachtwoord opslaan');
    const rules = () =>
      [...login.querySelectorAll('.checklist li')].map(
        (li) => `${li.getAttribute('data-rule')}:${li.textContent!.includes('✓') ? 'ok' : 'no'}`,
      );
    expect(login.querySelector('.checklist ul')!.getAttribute('aria-live')).to.equal('polite');
    expect(save.disabled).to.equal(true);
    await expect(login).to.be.accessible();

    await type(login, 'newPassword', 'kort');
    expect(rules()).to.include.members(['minLength:no', 'lowercase:ok', 'uppercase:no', 'digit:no', 'special:no', 'repeatMatches:no']);
    expect(login.querySelector('.checklist li.no')!.textContent).to.contain('nog niet voldaan');
    expect(save.disabled).to.equal(true);

    await type(login, 'newPassword', 'Nieuw-Linde-2025!');
    await type(login, 'repeatPassword', 'Nieuw-Linde-2025?');
    expect(rules()).to.include.members(['minLength:ok', 'uppercase:ok', 'digit:ok', 'special:ok', 'notUsername:ok', 'repeatMatches:no']);
    expect(save.disabled).to.equal(true);

    await type(login, 'repeatPassword', 'Nieuw-Linde-2025!');
    expect(rules().every((r) => r.endsWith(':ok'))).to.equal(true);
    expect(save.disabled).to.equal(false);
    await submit(login);
    await until(login, 'terms');

    // Screen readers skip the soft hyphen; it only lets the long word break "Gebruiks-/voorwaarden".
    expect(login.querySelector('h2')!.textContent!.replace(/\u00AD/g, '')).to.equal('Gebruiksvoorwaarden');
    // 320 px less the margins and padding of a card around the widget.
    portal.style.cssText = 'display:block;width:240px';
    await new Promise((resolve) => requestAnimationFrame(resolve));
    expect(renderedLines(login.querySelector('h2')!)).to.deep.equal(['Gebruiks-', 'voorwaarden']);
    portal.style.cssText = '';
    expect(login.querySelector('.care-login__terms')!.getAttribute('aria-label')).to.equal('Gebruiksvoorwaarden');
    expect(login.querySelector('.care-login__terms')!.textContent).to.contain('Gebruiksvoorwaarden cliëntportaal Zorggroep De Linde');
    await expect(login).to.be.accessible();
    await submit(login);
    expect(alertText(login)).to.equal('Vink aan dat u akkoord gaat met de gebruiksvoorwaarden.');
    expect(document.activeElement).to.equal(field(login, 'accept'));
    expect(field(login, 'accept').labels![0]!.textContent).to.equal('Ik ga akkoord met de gebruiksvoorwaarden');

    field(login, 'accept').click();
    const loggedIn = oneEvent(login, 'care-login');
    await submit(login);
    expect((await loggedIn).detail.displayName).to.equal('H.J. van der Meer');
    await until(login, 'done');
    expect(login.textContent).to.contain('U bent ingelogd als H.J. van der Meer.');
    expect(portal.portalState.session?.state).to.equal('active');
  });
});
