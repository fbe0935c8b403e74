/**
 * The `care-sign-in` server command of the component tests (see src/shared/testing/sign-in.ts).
 *
 * The BFF allows 3 codes per account per 15 minutes, and those limits live in its database, so
 * they hold for the whole test run. Every test file runs in a fresh browser context, so a sign-in
 * in the page would cost one code per file. Instead this signs each account in ONCE per run, from
 * Node against the BFF itself (password, code from the dev outbox, first login where needed), and
 * gives the session cookie to every page that asks. The BFF is exercised exactly as a browser
 * would: same routes, same CSRF headers, real codes; nothing is loosened.
 */

/** @typedef {{ tenant: string, username: string, password: string, recipient: string, newPassword?: string }} TestAccount */

/** @type {Map<string, Promise<{ name: string, value: string }>>} */
const sessions = new Map();

function sessionCookie(response, tenant, previous) {
  const name = `__Host-care-${tenant}`;
  for (const line of response.headers.getSetCookie()) {
    const [pair] = line.split(';');
    const eq = pair.indexOf('=');
    if (pair.slice(0, eq).trim() === name) return { name, value: pair.slice(eq + 1).trim() };
  }
  return previous;
}

async function signInFromNode(bffUrl, account) {
  const origin = new URL(bffUrl).origin;
  const base = `${origin}/api/tenants/${encodeURIComponent(account.tenant)}`;
  let cookie;
  const call = async (method, path, body) => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: {
        Accept: 'application/json',
        'Content-Type': 'application/json',
        'X-Care-Widgets': '1',
        Origin: origin,
        ...(cookie ? { Cookie: `${cookie.name}=${cookie.value}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    cookie = sessionCookie(response, account.tenant, cookie);
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
    return text ? JSON.parse(text) : undefined;
  };

  const outbox = async () => {
    const response = await fetch(`${origin}/dev/outbox?recipient=${encodeURIComponent(account.recipient)}&limit=1`);
    return (await response.json())[0];
  };
  const before = await outbox();
  const started = await call('POST', '/auth/login', { username: account.username, password: account.password });
  if (started.step === 'second-factor') {
    if (!started.codeSent)
      throw new Error(`No code was sent to ${account.username}: the code limit of this run is used up (${JSON.stringify(started)}).`);
    let message;
    for (let i = 0; i < 50; i += 1) {
      message = await outbox();
      if (message && message.id !== before?.id && /\d{4}-\d{6}/.test(message.body)) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const code = /(\d{4}-\d{6})/.exec(message?.body ?? '')?.[1];
    if (!code) throw new Error(`No code for ${account.username} in the dev outbox`);
    let step = await call('POST', '/auth/code/verify', { code });
    if (step.step === 'first-login') {
      const firstLogin = await call('GET', '/auth/first-login');
      if (firstLogin.remaining.includes('password')) {
        step = await call('POST', '/auth/first-login/password', { newPassword: account.newPassword, repeatPassword: account.newPassword });
      }
      if (step.step !== 'done') step = await call('POST', '/auth/first-login/terms', { version: firstLogin.terms.version });
    }
    if (step.step !== 'done') throw new Error(`${account.username} is not signed in: ${JSON.stringify(step)}`);
  }
  if (!cookie) throw new Error(`The BFF set no session cookie for ${account.username}`);
  return cookie;
}

/** @param {() => string} bffUrl the URL of the running test BFF */
export function signInCommands(bffUrl) {
  return {
    name: 'care-widgets:sign-in',
    async executeCommand({ command, payload, session }) {
      if (command !== 'care-sign-in') return undefined;
      /** @type {TestAccount} */
      const account = payload;
      const key = `${account.tenant}/${account.username}`;
      let signedIn = sessions.get(key);
      if (!signedIn) {
        signedIn = signInFromNode(bffUrl(), account);
        sessions.set(key, signedIn);
        // A failed sign-in may be retried by the next file rather than failing every one after it.
        signedIn.catch(() => sessions.delete(key));
      }
      const cookie = await signedIn;
      const page = session.browser.getPage(session.id);
      // An https URL for the same host: Chromium refuses a __Host- (Secure) cookie set for an http
      // URL, yet sends it to http://localhost as it does for cookies the BFF sets over the proxy.
      const url = new URL(page.url());
      url.protocol = 'https:';
      await page.context().addCookies([{ ...cookie, url: url.origin, httpOnly: true, secure: true, sameSite: 'Lax' }]);
      return true;
    },
  };
}
