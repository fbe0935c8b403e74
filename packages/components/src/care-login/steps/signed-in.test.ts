import { expect, oneEvent } from '@open-wc/testing';
import { LINDE, button, codeSentTo, latestOutboxId, logIn, mount, signOutAfterEach, step, submit, type, until } from '../login-testing.js';

/** Signed in with the code, told to the portal, restored on a new page, and signed out (steps/signed-in.ts). */
describe('<care-login>: signed in', () => {
  signOutAfterEach();

  it('logs j.de.vries in with the SMS code from the outbox, tells the portal, and logs out', async () => {
    const { portal, login } = await mount(LINDE);
    const before = await latestOutboxId('+31612345678');
    await logIn(login, 'j.de.vries', 'DeLinde-demo1!');
    await until(login, 'code');
    const sent = await codeSentTo('+31612345678', before);
    await type(login, 'code', sent.code);
    const loggedIn = oneEvent(login, 'care-login');
    await submit(login);
    const event = await loggedIn;
    expect(event.bubbles && event.composed).to.equal(true);
    expect(event.detail.displayName).to.equal('J.M. de Vries');
    expect(event.detail.clientId).to.be.a('string');
    expect(event.detail.restored).to.equal(false);
    await until(login, 'done');
    expect(login.textContent).to.contain('U bent ingelogd als J.M. de Vries.');
    expect(portal.portalState.session?.displayName).to.equal('J.M. de Vries');
    expect(portal.portalState.session?.clientId).to.equal(event.detail.clientId);
    await expect(login).to.be.accessible();

    // Opened again with the session: signed in straight away.
    const again = await mount(LINDE);
    expect(step(again.login)).to.equal('done');
    expect(again.portal.portalState.session?.displayName).to.equal('J.M. de Vries');

    const loggedOut = oneEvent(again.login, 'care-logout');
    button(again.login, 'Uitloggen').click();
    await loggedOut;
    await until(again.login, 'login');
    expect(again.portal.portalState.session).to.equal(null);
    expect(again.login.querySelector('[role="status"]')!.textContent).to.equal('U bent uitgelogd.');
    const session = await fetch(`/api/tenants/${LINDE}/auth/session`);
    expect(await session.json()).to.deep.equal({ state: 'signed-out' });
  });
});
