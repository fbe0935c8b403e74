import { ApiError } from '../shared/api-client.js';
import { emit } from '../shared/events.js';
import { answerMessages, t } from './answers.messages.js';
import { duration } from './duration.js';
import { enterCode } from './steps/code.js';
import type { Answers, AuthStep, FirstLogin, LoginFlow, SessionView, SignedIn } from './login-flow.js';

/**
 * Where each answer of the BFF leads, and the errors of every step. Not part of what must load
 * before the fields show: it is in the steps' chunk (after-first-screen.ts), which loads once
 * they show, so it is there long before the password has been checked.
 */

/** A page opened with a sign-in in progress or done: to its step. False when signed out. */
export async function resume(flow: LoginFlow, session: SessionView): Promise<boolean> {
  if (session.state === 'active') signedIn(flow, session, true);
  else if (session.state === 'second_factor' && session.secondFactor)
    await enterCode(flow, { ...session.secondFactor, codeSent: true }, false);
  else if (session.state === 'pending') await enterFirstLogin(flow, session.firstLogin?.remaining ?? ['password', 'terms'], false);
  else return false;
  return true;
}

export async function afterStep(flow: LoginFlow, result: AuthStep) {
  if (result.step === 'second-factor') return enterCode(flow, result);
  if (result.step === 'first-login') return enterFirstLogin(flow, result.remaining);
  return signedIn(flow, result.session, false);
}

/** The first login: a new password of the client's own, then the terms of use (steps/first-login.ts). */
async function enterFirstLogin(flow: LoginFlow, remaining: Array<'password' | 'terms'>, focus = true) {
  if (!flow.view.firstLogin) flow.patch({ firstLogin: await flow.api.get<FirstLogin>('/auth/first-login') });
  await flow.go(remaining[0] ?? 'terms', { newPassword: '', repeatPassword: '' }, focus);
}

function signedIn(flow: LoginFlow, session: SignedIn, restored: boolean) {
  void flow.go('done', { session, firstLogin: undefined, code: '' }, !restored);
  emit(flow.host, 'care-login', { accountId: session.accountId, displayName: session.displayName, clientId: session.clientId, restored });
}

/** A failed request of any step, in the step's alert. */
export async function showError(flow: LoginFlow, cause: unknown) {
  await answerMessages.load(flow.locale).catch(() => undefined);
  if (!(cause instanceof ApiError)) {
    console.error(cause);
    return flow.fail(t(flow, 'error.generic'));
  }
  if (cause.kind === 'offline') return flow.fail(t(flow, 'error.offline'));
  if (cause.status === 401 && cause.code !== 'invalid-credentials' && flow.view.step !== 'login') {
    return flow.go('login', { error: t(flow, 'error.sessionExpired') });
  }
  let text = cause.detail ?? cause.title;
  if (cause.status === 429 && cause.retryAfter && !/\d/.test(text)) {
    text += ` ${t(flow, 'error.wait', { time: duration(flow, cause.retryAfter) })}`;
  }
  const fields = cause.errors.map((e) => e.field);
  if (cause.code === 'invalid-credentials') fields.push('password');
  return flow.fail(text, fields);
}

/** The answers' module (after-first-screen.ts). */
export const answers: Answers = { resume, afterStep, showError };
