import type { Meta } from '@storybook/web-components-vite';
import { expect, userEvent, within } from 'storybook/test';
import '../packages/components/src/care-login/care-login.js';
import { ApiError } from '../packages/components/src/shared/api-client.js';
import { forever, problems, type FakeApiOptions } from './fake-api.js';
import * as data from './fake-data.js';
import { element, portalStory, until, withQuery, type Story } from './support/stories.js';

const meta: Meta = {
  title: 'Widgets/care-login',
  component: 'care-login',
};
export default meta;

const login = element('care-login');

/** Fills in username and password and asks for the code, as a client would. */
async function signIn(canvasElement: HTMLElement) {
  const canvas = within(canvasElement);
  const username = await until(() => canvasElement.querySelector<HTMLInputElement>('input[autocomplete="username"]'), 'the username field');
  await userEvent.type(username, 'a.deboer');
  await userEvent.type(canvas.getByLabelText(/^(Wachtwoord|Password)$/), 'geheim-wachtwoord');
  await userEvent.click(canvas.getByRole('button', { name: /SMS|code/i }));
}

/** Types a wrong 6-digit code and submits it. */
async function submitCode(canvasElement: HTMLElement) {
  const input = await until(() => canvasElement.querySelector<HTMLInputElement>('input[autocomplete="one-time-code"]'), 'the code field');
  await userEvent.type(input, '000000');
  await userEvent.click(within(canvasElement).getByRole('button', { name: /^(Inloggen|Log in|Sign in)$/i }));
}

async function alertShown(canvasElement: HTMLElement, text: RegExp) {
  const alert = await until(
    () => (canvasElement.querySelector('[role="alert"]')?.textContent?.trim() ? canvasElement.querySelector('[role="alert"]') : null),
    'the alert',
  );
  await expect(alert.textContent).toMatch(text);
}

const signedOut: FakeApiOptions = { session: 'signed-out' };

/** Username and password: the first step. */
export const SignIn: Story = portalStory(login, signedOut);

/** Wrong username or password: the same message whether or not the username exists. */
export const WrongPassword: Story = portalStory(
  login,
  {
    ...signedOut,
    routes: {
      'POST /auth/login': () => {
        throw problems.invalidCredentials();
      },
    },
  },
  {
    play: async ({ canvasElement }) => {
      await signIn(canvasElement);
      await alertShown(canvasElement, /niet juist|not correct|incorrect/i);
    },
  },
);

/** After five wrong passwords the BFF makes the client wait (429 with Retry-After). */
export const LoginDelayed: Story = portalStory(
  login,
  {
    ...signedOut,
    routes: {
      'POST /auth/login': () => {
        throw problems.loginDelayed(8);
      },
    },
  },
  {
    play: async ({ canvasElement }) => {
      await signIn(canvasElement);
      await alertShown(canvasElement, /\d/);
    },
  },
);

/** The account has no mobile number or e-mail address for a code. */
export const NoSecondFactor: Story = portalStory(
  login,
  {
    ...signedOut,
    routes: {
      'POST /auth/login': () => {
        throw problems.noSecondFactor();
      },
    },
  },
  {
    play: async ({ canvasElement }) => {
      await signIn(canvasElement);
      await alertShown(canvasElement, /.+/);
    },
  },
);

/** The SMS code step: "4821-" is filled in, the client types the last 6 digits. */
export const SmsCode: Story = portalStory(login, { session: 'second-factor' });

/** The code step reached by signing in. */
export const SmsCodeAfterSignIn: Story = portalStory(login, signedOut, {
  play: async ({ canvasElement }) => {
    await signIn(canvasElement);
    await until(() => canvasElement.querySelector('input[autocomplete="one-time-code"]'), 'the code field');
  },
});

/** Too many codes asked for: no SMS went out, and the screen says when a new one can be asked for (in minutes). */
export const SmsRateLimited: Story = portalStory(
  login,
  {
    ...signedOut,
    routes: {
      'POST /auth/login': () => ({ step: 'second-factor', ...data.secondFactorSms, codeSent: false, resendAvailableInSeconds: 631 }),
    },
  },
  {
    play: async ({ canvasElement }) => {
      await signIn(canvasElement);
      await alertShown(canvasElement, /minuten|minutes/i);
    },
  },
);

/** The SMS provider did not take the code: the BFF answers 503, the client tries again later. */
export const SmsSendFailed: Story = portalStory(
  login,
  {
    ...signedOut,
    routes: {
      'POST /auth/login': () => {
        throw problems.smsNotSent();
      },
    },
  },
  {
    play: async ({ canvasElement }) => {
      await signIn(canvasElement);
      await alertShown(canvasElement, /.+/);
    },
  },
);

/** A wrong code: the client may try again. */
export const WrongCode: Story = portalStory(
  login,
  {
    session: 'second-factor',
    routes: {
      'POST /auth/code/verify': () => {
        throw problems.invalidCode(3);
      },
    },
  },
  {
    play: async ({ canvasElement }) => {
      await submitCode(canvasElement);
      await alertShown(canvasElement, /.+/);
    },
  },
);

/** The code has expired or was used up: ask for a new one. */
export const CodeExpired: Story = portalStory(
  login,
  {
    session: 'second-factor',
    routes: {
      'POST /auth/code/verify': () => {
        throw problems.codeExpired();
      },
    },
  },
  {
    play: async ({ canvasElement }) => {
      await submitCode(canvasElement);
      await alertShown(canvasElement, /.+/);
    },
  },
);

/** Ten wrong codes: the second factor is locked for 15 minutes. */
export const Lockout: Story = portalStory(
  login,
  {
    session: 'second-factor',
    routes: {
      'POST /auth/code/verify': () => {
        throw problems.secondFactorLocked();
      },
    },
  },
  {
    play: async ({ canvasElement }) => {
      await submitCode(canvasElement);
      await alertShown(canvasElement, /.+/);
    },
  },
);

/** First login: choose a new password that meets the organisation's policy. */
export const FirstLoginPassword: Story = portalStory(login, { session: 'first-login', firstLogin: ['password', 'terms'] });

/** First login: accept the terms of use. */
export const FirstLoginTerms: Story = portalStory(login, { session: 'first-login', firstLogin: ['terms'] });

/** "Wachtwoord vergeten?": ask for a reset link. */
export const ForgotPassword: Story = portalStory(login, signedOut, {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await until(() => canvasElement.querySelector('input[autocomplete="username"]'), 'the login form');
    await userEvent.click(canvas.getByRole('button', { name: /vergeten|forgot/i }));
    await until(() => canvas.queryByRole('button', { name: /Link aanvragen|link/i }), 'the forgot-password form');
  },
});

/** The reset link was asked for: the same answer whether or not the username exists. */
export const ForgotPasswordSent: Story = portalStory(login, signedOut, {
  play: async (context) => {
    await ForgotPassword.play!(context);
    const canvas = within(context.canvasElement);
    const username = await until(
      () => context.canvasElement.querySelector<HTMLInputElement>('input[autocomplete="username"]'),
      'the username field',
    );
    await userEvent.type(username, 'a.deboer');
    await userEvent.click(canvas.getByRole('button', { name: /Link aanvragen|link/i }));
    await until(() => canvas.queryByText(/Als dit account bestaat|If this account exists/i), 'the confirmation');
  },
});

/** Opened from the reset e-mail (`?reset=…`): choose a new password. */
export const ResetPassword: Story = portalStory(login, signedOut, { loaders: [withQuery({ reset: 'demo-reset-token' })] });

/** Opened from an expired reset link: found out as the page opens, with "Nieuwe link aanvragen". */
export const ResetLinkExpired: Story = portalStory(
  login,
  {
    ...signedOut,
    routes: {
      'POST /auth/links/check': () => ({ state: 'expired' }),
      'POST /auth/password/reset': () => {
        throw problems.invalidLink();
      },
    },
  },
  { loaders: [withQuery({ reset: 'expired-token' })] },
);

/** Opened again from a reset link that was already used. */
export const ResetLinkUsed: Story = portalStory(
  login,
  { ...signedOut, routes: { 'POST /auth/links/check': () => ({ state: 'used' }) } },
  { loaders: [withQuery({ reset: 'used-token' })] },
);

/** Opened from the invitation e-mail (`?activate=…`): confirm the date of birth. */
export const Activation: Story = portalStory(login, signedOut, { loaders: [withQuery({ activate: 'demo-invitation-token' })] });

/** A contact person's invitation (issue 16): they confirm their own mobile number instead of a date of birth. */
export const ContactActivation: Story = portalStory(
  login,
  { ...signedOut, routes: { 'POST /auth/links/check': () => ({ state: 'valid', accountActive: false, proof: 'mobile' }) } },
  { loaders: [withQuery({ activate: 'contact-invitation-token' })] },
);

/** An invitation used before: the account is active, so the login follows (no date of birth asked). */
export const ActivationLinkUsed: Story = portalStory(
  login,
  { ...signedOut, routes: { 'POST /auth/links/check': () => ({ state: 'used', accountActive: true }) } },
  { loaders: [withQuery({ activate: 'used-invitation' })] },
);

/** An invitation past its 14 days: whom to ask for a new one. */
export const ActivationLinkExpired: Story = portalStory(
  login,
  { ...signedOut, routes: { 'POST /auth/links/check': () => ({ state: 'expired', accountActive: false }) } },
  { loaders: [withQuery({ activate: 'expired-invitation' })] },
);

/** Signed in: who is signed in, and "Uitloggen". */
export const SignedIn: Story = portalStory(login, { session: 'active' });

/** Signed in, "Mijn inloggegevens": change the password, choose how the login code arrives. */
export const AccountSettings: Story = portalStory(
  login,
  { session: 'active', tenant: 'thuiszorg-het-baken' },
  {
    globals: { theme: 'het-baken' },
    play: async ({ canvasElement }) => {
      const canvas = within(canvasElement);
      await userEvent.click(
        await until(() => canvas.queryByRole('button', { name: /Mijn inloggegevens|My login details/i }), 'the account button'),
      );
      await until(() => canvasElement.querySelector('input[name="method"]'), 'the second-factor choice');
    },
  },
);

/** Choosing the authenticator app: QR code, the key in groups and the app's 6-digit code. */
export const AuthenticatorEnrolment: Story = portalStory(
  login,
  { session: 'active' },
  {
    play: async (context) => {
      await AccountSettings.play!(context);
      await userEvent.click(context.canvasElement.querySelector<HTMLInputElement>('input[name="method"][value="totp"]')!);
      await until(() => within(context.canvasElement).queryByRole('button', { name: /Bevestigen|Confirm/i }), 'the enrolment');
    },
  },
);

/** Waiting for the BFF to say whether there is a session. */
export const Loading: Story = portalStory(login, { routes: { 'GET /auth/session': () => forever } });

/** The BFF cannot be reached. */
export const Offline: Story = portalStory(
  login,
  {
    routes: {
      'GET /auth/session': () => {
        throw ApiError.offline();
      },
      'POST /auth/login': () => {
        throw ApiError.offline();
      },
    },
  },
  {
    play: async ({ canvasElement }) => {
      await signIn(canvasElement);
      await alertShown(canvasElement, /.+/);
    },
  },
);

/** The portal could not load its organisation. */
export const PortalUnavailable: Story = portalStory(login, signedOut, { portalStatus: 'error' });

/** Thuiszorg Het Baken: other policy, no "trust this computer", its own theme. */
export const HetBaken: Story = portalStory(
  login,
  { session: 'second-factor', tenant: 'thuiszorg-het-baken' },
  { globals: { theme: 'het-baken' } },
);

/** In English, high contrast. */
export const HighContrastEnglish: Story = portalStory(login, signedOut, { globals: { theme: 'high-contrast', locale: 'en' } });
