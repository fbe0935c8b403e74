/**
 * Signs the test page in as a demo client, for component tests that need a session.
 *
 * The sign-in itself happens once per test run in the test runner (web-test-runner.sign-in.mjs):
 * the BFF sends at most 3 codes per account per 15 minutes and every test file is a fresh browser,
 * so signing in per file would use the limit up. The runner puts the session cookie into this
 * page's browser; calls to /api/ then carry it like after a real login.
 *
 * Accounts (demo seed): `linde` is j.de.vries of Zorggroep De Linde (SMS code); `baken` is
 * a.vanderhoek of Thuiszorg Het Baken (e-mail code, may add appointments), whose first login (new
 * password, terms) the runner completes, since <care-login>'s tests change w.dejonge's password.
 */
export const testAccounts = {
  linde: {
    tenant: 'zorggroep-de-linde',
    username: 'j.de.vries',
    password: 'DeLinde-demo1!',
    recipient: '+31612345678',
  },
  baken: {
    tenant: 'thuiszorg-het-baken',
    username: 'a.vanderhoek@example.nl',
    password: 'Welkom-HetBaken-1',
    recipient: 'a.vanderhoek@example.nl',
    newPassword: 'Zeeuwse-Agenda-Toets-2025!',
  },
} as const;

export type TestAccountName = keyof typeof testAccounts;

async function executeServerCommand(command: string, payload: unknown): Promise<unknown> {
  const sessionId = new URL(location.href).searchParams.get('wtr-session-id');
  if (!sessionId) throw new Error('Not running in web-test-runner: no wtr-session-id');
  // The runner's own socket module, as @web/test-runner-commands uses it.
  const socketModule = '/__web-dev-server__web-socket.js';
  const { sendMessageWaitForResponse } = (await import(/* @vite-ignore */ socketModule)) as {
    sendMessageWaitForResponse(message: unknown): Promise<{ executed: boolean; result?: unknown }>;
  };
  const response = await sendMessageWaitForResponse({ type: 'wtr-command', sessionId, command, payload });
  if (!response.executed) throw new Error(`The test runner does not know the command ${command}`);
  return response.result;
}

/** Signs this page in as `account`; afterwards `/auth/session` answers `active`. */
export async function signIn(account: TestAccountName): Promise<(typeof testAccounts)[TestAccountName]> {
  const details = testAccounts[account];
  await executeServerCommand('care-sign-in', details);
  const response = await fetch(`/api/tenants/${details.tenant}/auth/session`, { headers: { Accept: 'application/json' } });
  const session = response.ok ? ((await response.json()) as { state: string }) : undefined;
  if (session?.state !== 'active') throw new Error(`Signing in as ${details.username} gave no active session (${response.status})`);
  return details;
}
