import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import type { CarePortal } from '../care-portal/care-portal.component.js';
import '../care-portal/care-portal.js';
import { testSession } from '../shared/testing/test-session.js';
import type { CareLogin } from './care-login.component.js';
import './care-login.js';

/*
 * These tests log in for real against the test BFF (demo seed). Limits live in its database and
 * hold for the whole run: 3 codes per account per 15 minutes. So each account is used by at most
 * two tests that request a code, and every test logs out afterwards.
 */

const LINDE = 'zorggroep-de-linde';
const BAKEN = 'thuiszorg-het-baken';

async function mount(tenant: string, lang?: string) {
  const portal = await fixture<CarePortal>(
    html`<care-portal tenant=${tenant} api="" lang=${lang ?? ''}><care-login></care-login></care-portal>`,
  );
  if (!lang) portal.removeAttribute('lang');
  const login = portal.querySelector('care-login')!;
  await waitUntil(() => login.querySelector('form'), 'the login did not render', { timeout: 8000 });
  return { portal, login };
}

const step = (login: CareLogin) => login.querySelector('form')?.dataset['step'];
const field = (login: CareLogin, name: string) => login.querySelector<HTMLInputElement>(`[name="${name}"]`)!;
const alertText = (login: CareLogin) => login.querySelector('[role="alert"]')!.textContent!.trim();
const button = (login: CareLogin, text: string) =>
  [...login.querySelectorAll('button')].find((b) => b.textContent!.trim().startsWith(text)) as HTMLButtonElement;

async function type(login: CareLogin, name: string, value: string) {
  const input = field(login, name);
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  await login.updateComplete;
}

async function submit(login: CareLogin) {
  login.querySelector('form')!.requestSubmit();
  await login.updateComplete;
}

async function until(login: CareLogin, expected: string | undefined) {
  await waitUntil(() => step(login) === expected && !login.querySelector('[aria-busy="true"]'), `never reached step ${expected}`, {
    timeout: 8000,
  });
  await login.updateComplete;
}

/** The newest code the dev outbox sent to `recipient`: "Uw inlogcode is 1234-567890". */
async function codeSentTo(recipient: string, after: string | null = null) {
  let found: { id: string; body: string } | undefined;
  await waitUntil(
    async () => {
      const messages = (await (await fetch(`/dev/outbox?recipient=${encodeURIComponent(recipient)}&limit=1`)).json()) as Array<{
        id: string;
        body: string;
      }>;
      found = messages[0];
      return found && found.id !== after && /\d{4}-\d{6}/.test(found.body);
    },
    'no code in the outbox',
    { timeout: 8000 },
  );
  const [, prefix, code] = /(\d{4})-(\d{6})/.exec(found!.body)!;
  return { id: found!.id, prefix: prefix!, code: code! };
}

async function latestOutboxId(recipient: string) {
  const messages = (await (await fetch(`/dev/outbox?recipient=${encodeURIComponent(recipient)}&limit=1`)).json()) as Array<{ id: string }>;
  return messages[0]?.id ?? null;
}

async function logIn(login: CareLogin, username: string, password: string) {
  await type(login, 'username', username);
  await type(login, 'password', password);
  await submit(login);
}

/** The lines `el`'s text wraps into on screen; a soft hyphen a line ends on shows as "-". */
function renderedLines(el: Element) {
  const text =
    el.firstChild?.nodeType === Node.TEXT_NODE
      ? (el.firstChild as Text)
      : [...el.childNodes].find((n): n is Text => n.nodeType === Node.TEXT_NODE)!;
  const lines: string[] = [];
  let top: number | null = null;
  let pendingHyphen = false;
  for (let i = 0; i < text.data.length; i += 1) {
    const range = document.createRange();
    range.setStart(text, i);
    range.setEnd(text, i + 1);
    // A character just after a break also reports an empty box at the end of the line before.
    const rects = range.getClientRects();
    const rect = rects[rects.length - 1];
    const char = text.data[i]!;
    if (char === '\u00AD') {
      pendingHyphen = true;
      continue;
    }
    if (!rect) continue;
    if (top === null || Math.abs(rect.top - top) > 1) {
      if (top !== null && pendingHyphen) lines[lines.length - 1] += '-';
      lines.push('');
      top = rect.top;
    }
    pendingHyphen = false;
    lines[lines.length - 1] += char;
  }
  return lines.map((line) => line.trim());
}

function paste(input: HTMLInputElement, text: string) {
  const data = new DataTransfer();
  data.setData('text/plain', text);
  input.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
}

afterEach(async () => {
  // The session cookie is HttpOnly: only the BFF can end it.
  for (const tenant of [LINDE, BAKEN]) {
    await fetch(`/api/tenants/${tenant}/auth/logout`, { method: 'POST', headers: { 'X-Care-Widgets': '1' }, credentials: 'include' });
  }
  pageParam('reset', null);
  pageParam('activate', null);
});

/** Sets or removes a parameter of the test page's address, as a link in an e-mail would. */
function pageParam(name: string, value: string | null) {
  const url = new URL(location.href);
  if (value === null) url.searchParams.delete(name);
  else url.searchParams.set(name, value);
  history.replaceState(null, '', url);
}

/** A state-changing call of the BFF as the widget makes it (CSRF header, session cookie). */
function bff(tenant: string, method: string, path: string, body: unknown) {
  return fetch(`/api/tenants/${tenant}${path}`, {
    method,
    headers: { 'content-type': 'application/json', 'X-Care-Widgets': '1' },
    credentials: 'include',
    body: JSON.stringify(body),
  });
}

/** The code an authenticator app shows for `base32Key` now (RFC 6238: SHA-1, 30 s, 6 digits). */
async function totpCode(base32Key: string) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const bits = [...base32Key.replace(/[\s=]/g, '').toUpperCase()].map((c) => alphabet.indexOf(c).toString(2).padStart(5, '0')).join('');
  const key = new Uint8Array(Math.floor(bits.length / 8)).map((_, i) => parseInt(bits.slice(i * 8, i * 8 + 8), 2));
  const counter = new DataView(new ArrayBuffer(8));
  counter.setBigUint64(0, BigInt(Math.floor(Date.now() / 30_000)));
  const hmacKey = await crypto.subtle.importKey('raw', key, { name: 'HMAC', hash: 'SHA-1' }, false, ['sign']);
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', hmacKey, counter.buffer));
  const offset = mac[mac.length - 1]! & 0x0f;
  const binary = ((mac[offset]! & 0x7f) << 24) | (mac[offset + 1]! << 16) | (mac[offset + 2]! << 8) | mac[offset + 3]!;
  return String(binary % 1_000_000).padStart(6, '0');
}

/** Signed in through the test runner (no SMS spent), then "Mijn inloggegevens". */
async function openAccount(tenant: string, username: string) {
  await testSession(tenant, username);
  const mounted = await mount(tenant);
  await until(mounted.login, 'done');
  button(mounted.login, 'Mijn inloggegevens').click();
  await until(mounted.login, 'account');
  return mounted;
}

describe('<care-login>', () => {
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

  it('sends a reset link whether or not the account exists, and sets the new password from the link', async () => {
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
  describe('Mijn inloggegevens', () => {
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
      // w.dejonge's password since the reset-link test above. Not j.de.vries: a change revokes
      // every other session, including the one the runner's care-sign-in shares between files.
      const oldPassword = 'Nieuw-Baken-2025!';
      const newPassword = 'Zomeravond in Vlissingen 42';
      const { portal, login } = await openAccount(BAKEN, 'w.dejonge@example.nl');
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
});
