import { fixture, html, waitUntil } from '@open-wc/testing';
import type { CarePortal } from '../care-portal/care-portal.component.js';
import '../care-portal/care-portal.js';
import { testSession } from '../shared/testing/test-session.js';
import type { CareLogin } from './care-login.component.js';
import './care-login.js';

/*
 * What the tests of <care-login> share: one file per step (steps/*.test.ts) and the element's own
 * (care-login.test.ts). They log in for real against the test BFF (demo seed). Limits live in its
 * database and hold for the whole run: 3 codes per account per 15 minutes. So each account is used
 * by at most two tests that request a code, every test logs out afterwards, and a test that
 * changes a password puts the demo one back.
 */

export const LINDE = 'zorggroep-de-linde';
export const BAKEN = 'thuiszorg-het-baken';

export async function mount(tenant: string, lang?: string) {
  const portal = await fixture<CarePortal>(
    html`<care-portal tenant=${tenant} api="" lang=${lang ?? ''}><care-login></care-login></care-portal>`,
  );
  if (!lang) portal.removeAttribute('lang');
  const login = portal.querySelector('care-login')!;
  await waitUntil(() => login.querySelector('form'), 'the login did not render', { timeout: 8000 });
  return { portal, login };
}

export const step = (login: CareLogin) => login.querySelector('form')?.dataset['step'];
export const field = (login: CareLogin, name: string) => login.querySelector<HTMLInputElement>(`[name="${name}"]`)!;
export const alertText = (login: CareLogin) => login.querySelector('[role="alert"]')!.textContent!.trim();
export const button = (login: CareLogin, text: string) =>
  [...login.querySelectorAll('button')].find((b) => b.textContent!.trim().startsWith(text)) as HTMLButtonElement;

export async function type(login: CareLogin, name: string, value: string) {
  const input = field(login, name);
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  await login.updateComplete;
}

export async function submit(login: CareLogin) {
  login.querySelector('form')!.requestSubmit();
  await login.updateComplete;
}

export async function until(login: CareLogin, expected: string | undefined) {
  await waitUntil(() => step(login) === expected && !login.querySelector('[aria-busy="true"]'), `never reached step ${expected}`, {
    timeout: 8000,
  });
  await login.updateComplete;
}

/** The newest code the dev outbox sent to `recipient`: "Uw inlogcode is 1234-567890". */
export async function codeSentTo(recipient: string, after: string | null = null) {
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

export async function latestOutboxId(recipient: string) {
  const messages = (await (await fetch(`/dev/outbox?recipient=${encodeURIComponent(recipient)}&limit=1`)).json()) as Array<{ id: string }>;
  return messages[0]?.id ?? null;
}

export async function logIn(login: CareLogin, username: string, password: string) {
  await type(login, 'username', username);
  await type(login, 'password', password);
  await submit(login);
}

/** The lines `el`'s text wraps into on screen; a soft hyphen a line ends on shows as "-". */
export function renderedLines(el: Element) {
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

export function paste(input: HTMLInputElement, text: string) {
  const data = new DataTransfer();
  data.setData('text/plain', text);
  input.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
}

/** Every test of the login ends signed out (the session cookie is HttpOnly: only the BFF can end it), on a page without link parameters. */
export function signOutAfterEach() {
  afterEach(async () => {
    for (const tenant of [LINDE, BAKEN]) {
      await fetch(`/api/tenants/${tenant}/auth/logout`, { method: 'POST', headers: { 'X-Care-Widgets': '1' }, credentials: 'include' });
    }
    pageParam('reset', null);
    pageParam('activate', null);
  });
}

/** Sets or removes a parameter of the test page's address, as a link in an e-mail would. */
export function pageParam(name: string, value: string | null) {
  const url = new URL(location.href);
  if (value === null) url.searchParams.delete(name);
  else url.searchParams.set(name, value);
  history.replaceState(null, '', url);
}

/** A state-changing call of the BFF as the widget makes it (CSRF header, session cookie). */
export function bff(tenant: string, method: string, path: string, body: unknown) {
  return fetch(`/api/tenants/${tenant}${path}`, {
    method,
    headers: { 'content-type': 'application/json', 'X-Care-Widgets': '1' },
    credentials: 'include',
    body: JSON.stringify(body),
  });
}

/** The code an authenticator app shows for `base32Key` now (RFC 6238: SHA-1, 30 s, 6 digits). */
export async function totpCode(base32Key: string) {
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

/**
 * Signed in through the test runner (no SMS spent), then "Mijn inloggegevens". With `password`,
 * the account has that password first; `restorePassword` puts the earlier one back.
 */
export async function openAccount(tenant: string, username: string, options: { password?: string } = {}) {
  await testSession(tenant, username, options);
  const mounted = await mount(tenant);
  await until(mounted.login, 'done');
  button(mounted.login, 'Mijn inloggegevens').click();
  await until(mounted.login, 'account');
  return mounted;
}
