import { ApiError } from '../../shared/api-client.js';
import type { AuthStep, CareLogin, CareLoginDetail, SessionView, SignedIn } from '../care-login.component.js';
import { signInMessages } from './sign-in.messages.js';

/**
 * What follows the first screen's fields: where each answer of the BFF leads, and the errors of
 * every step. Not part of what must load before the fields show: the
 * login starts loading it beside its first request, so it is there long before the password is.
 */
type SignInMessageKey = Parameters<typeof signInMessages.t>[1];
const t = (login: CareLogin, key: SignInMessageKey, params?: Record<string, string | number>) =>
  signInMessages.t(login.locale, key, params);

const codeStep = () => import('./code.js');
const firstLoginSteps = () => import('./first-login.js');

/** A page opened with a sign-in in progress or done: to its step. False when signed out. */
export async function resume(login: CareLogin, session: SessionView): Promise<boolean> {
  if (session.state === 'active') signedIn(login, session, true);
  else if (session.state === 'second_factor' && session.secondFactor)
    await (await codeStep()).enterCode(login, { ...session.secondFactor, codeSent: true }, false);
  else if (session.state === 'pending')
    await (await firstLoginSteps()).enterFirstLogin(login, session.firstLogin?.remaining ?? ['password', 'terms'], false);
  else return false;
  return true;
}

export async function afterStep(login: CareLogin, result: AuthStep) {
  if (result.step === 'second-factor') return (await codeStep()).enterCode(login, result);
  if (result.step === 'first-login') return (await firstLoginSteps()).enterFirstLogin(login, result.remaining);
  return signedIn(login, result.session, false);
}

function signedIn(login: CareLogin, session: SignedIn, restored: boolean) {
  void login.go('done', { session, firstLogin: undefined }, !restored);
  login.dispatchEvent(
    new CustomEvent<CareLoginDetail>('care-login', {
      detail: { accountId: session.accountId, displayName: session.displayName, clientId: session.clientId, restored },
      bubbles: true,
      composed: true,
    }),
  );
}

/** A failed request of any step, in the step's alert. */
export async function showError(login: CareLogin, cause: unknown) {
  await signInMessages.load(login.locale).catch(() => undefined);
  if (!(cause instanceof ApiError)) {
    console.error(cause);
    return login.fail(t(login, 'error.generic'));
  }
  if (cause.kind === 'offline') return login.fail(t(login, 'error.offline'));
  if (cause.status === 401 && cause.code !== 'invalid-credentials' && login.view.step !== 'login') {
    return login.go('login', { error: t(login, 'error.sessionExpired') });
  }
  let text = cause.detail ?? cause.title;
  if (cause.status === 429 && cause.retryAfter && !/\d/.test(text)) {
    text += ` ${t(login, 'error.wait', { time: duration(login, cause.retryAfter) })}`;
  }
  const fields = cause.errors.map((e) => e.field);
  if (cause.code === 'invalid-credentials') fields.push('password');
  return login.fail(text, fields);
}

/** "1 seconde", "45 seconden", "11 minuten" (never "631 seconden"). */
export function duration(login: CareLogin, seconds: number) {
  if (seconds === 1) return t(login, 'second');
  return seconds < 120 ? t(login, 'seconds', { n: seconds }) : t(login, 'minutes', { n: Math.ceil(seconds / 60) });
}
