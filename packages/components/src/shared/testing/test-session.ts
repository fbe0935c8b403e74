/**
 * A signed-in session for a demo client WITHOUT spending a login code, for tests whose subject
 * itself sends codes (plan decisions, a new mobile number): the BFF allows 3 codes per account per
 * 15 minutes, login included. The test runner writes the session into the test BFF's database
 * (web-test-runner.test-sessions.mjs) and gives this page its cookie; one session per tenant per
 * page, so a second call for the same tenant replaces the first. With `password`, the account gets
 * that password first (for tests that type the current password); with `absoluteMinutes`, the
 * session's absolute limit is that many minutes away; with `clientOf` (a client's username),
 * `username` is a contact person (m.de.vries) looking at that client's file; with `contact`, the
 * session is that of TEST_CONTACT, a contact person of the client `username` with just `rights`.
 *
 * Demo clients (seed): zorggroep-de-linde `j.de.vries`, `h.van.der.meer`; thuiszorg-het-baken
 * `w.dejonge@example.nl`, `a.vanderhoek@example.nl`. Contact person: zorggroep-de-linde
 * `m.de.vries` (of `j.de.vries` and `h.van.der.meer`).
 */
export async function testSession(
  tenant: string,
  username: string,
  options: { revoked?: boolean; password?: string; absoluteMinutes?: number; clientOf?: string; contact?: { rights: string[] } } = {},
): Promise<{ displayName: string; clientId: string }> {
  return (await executeServerCommand('care-test-session', {
    tenant,
    username,
    revoked: options.revoked ?? false,
    ...(options.password ? { password: options.password } : {}),
    ...(options.absoluteMinutes !== undefined ? { absoluteMinutes: options.absoluteMinutes } : {}),
    ...(options.clientOf ? { clientOf: options.clientOf } : {}),
    ...(options.contact ? { contact: options.contact } : {}),
  })) as {
    displayName: string;
    clientId: string;
  };
}

/**
 * The contact person a testSession with `contact` signs in as ("Toets Naaste"): the tests' own
 * account, made by the test runner, so that a test changing its number or address spends no demo
 * account's codes; each such session starts it again from these details.
 */
export const TEST_CONTACT = { username: 'toets.naaste@example.nl', mobile: '+31687650000' };

/**
 * The page as a host on another site than the BFF (page on localhost, BFF on 127.0.0.1): the tenant
 * allows the page's origin with `crossSiteEmbedding`, and the session cookie is the BFF's own,
 * partitioned under the page's site. Returns the BFF's origin for the widgets' `api`. Undo with
 * `restoreTenant(tenant)`.
 */
export async function crossSiteTestSession(tenant: string, username: string): Promise<{ displayName: string; api: string }> {
  return (await executeServerCommand('care-test-session', { tenant, username, crossSite: true })) as { displayName: string; api: string };
}

/** Takes away the test contact person a testSession with `contact` linked to the client `username`. */
export async function removeTestContact(tenant: string, username: string): Promise<void> {
  await executeServerCommand('care-test-session', { tenant, username, removeContact: true });
}

/**
 * The contact person inviteTestContact makes: invited, not yet active, with this e-mail address and
 * the mobile number its activation asks for (and its login codes go to); its own, so a test of its
 * activation and first sign-in spends no demo account's codes.
 */
export const TEST_INVITED_CONTACT = { email: 'toets.uitnodiging@example.nl', mobile: '+31687650001', name: 'Toets Uitnodiging' };

/**
 * A fresh invited contact person of the client `clientOf` (TEST_INVITED_CONTACT), written by the test
 * runner as a confirmed invitation would leave it, and the token of its activation link (`?activate=`).
 * No e-mail or code is sent. Undo with `removeInvitedTestContact(tenant)`.
 */
export async function inviteTestContact(tenant: string, clientOf: string): Promise<string> {
  const { token } = (await executeServerCommand('care-test-session', { inviteContact: { tenant, clientOf } })) as { token: string };
  return token;
}

/** Takes away the account inviteTestContact made, with its link and sessions. */
export async function removeInvitedTestContact(tenant: string): Promise<void> {
  await executeServerCommand('care-test-session', { removeInvitedContact: { tenant } });
}

/** Puts back the password a testSession with `password` replaced. */
export async function restorePassword(tenant: string, username: string): Promise<void> {
  await executeServerCommand('care-test-session', { restorePassword: { tenant, username } });
}

/** Takes `widget` (e.g. `board`) out of the tenant's `enabledWidgets`; undo with `restoreTenant(tenant)`. */
export async function disableWidget(tenant: string, widget: string): Promise<void> {
  await executeServerCommand('care-test-session', { disableWidget: { tenant, widget } });
}

/** Puts back the settings a crossSiteTestSession or disableWidget changed. */
export async function restoreTenant(tenant: string): Promise<void> {
  await executeServerCommand('care-test-session', { restoreTenant: tenant });
}

/** Runs a command of the test runner's plugins (web-test-runner.*.mjs) for this page. */
export async function executeServerCommand(command: string, payload: unknown): Promise<unknown> {
  const sessionId = new URL(location.href).searchParams.get('wtr-session-id');
  if (!sessionId) throw new Error('Not running in web-test-runner: no wtr-session-id');
  const socketModule = '/__web-dev-server__web-socket.js';
  const { sendMessageWaitForResponse } = (await import(/* @vite-ignore */ socketModule)) as {
    sendMessageWaitForResponse(message: unknown): Promise<{ executed: boolean; result?: unknown }>;
  };
  const response = await sendMessageWaitForResponse({ type: 'wtr-command', sessionId, command, payload });
  if (!response.executed) throw new Error(`The test runner does not know the command ${command}`);
  return response.result;
}

/** The newest message the dev outbox holds for `recipient` after `afterId`, waiting up to 8 s. */
export async function outboxMessage(recipient: string, afterId: string | null, pattern: RegExp): Promise<{ id: string; body: string }> {
  const deadline = Date.now() + 8000;
  while (Date.now() < deadline) {
    const [message] = (await (await fetch(`/dev/outbox?recipient=${encodeURIComponent(recipient)}&limit=1`)).json()) as Array<{
      id: string;
      body: string;
    }>;
    if (message && message.id !== afterId && pattern.test(message.body)) return message;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Nothing for ${recipient} matching ${pattern} in the dev outbox`);
}

/** The id of the newest outbox message for `recipient`, or null. */
export async function latestOutboxId(recipient: string): Promise<string | null> {
  const [message] = (await (await fetch(`/dev/outbox?recipient=${encodeURIComponent(recipient)}&limit=1`)).json()) as Array<{ id: string }>;
  return message?.id ?? null;
}

/**
 * A plan document and an appointment titled `title` for the client (e.g. one unbroken word of 200
 * characters), written straight into the test BFF's database; `removeLongTitles` takes them away.
 */
export async function addLongTitles(tenant: string, username: string, title: string): Promise<void> {
  await executeServerCommand('care-test-session', { longTitles: { tenant, username, title } });
}

export async function removeLongTitles(tenant: string, username: string): Promise<void> {
  await executeServerCommand('care-test-session', { longTitles: { tenant, username, title: '', remove: true } });
}
