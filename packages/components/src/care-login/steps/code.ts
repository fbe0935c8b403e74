import { css, html, nothing, unsafeCSS } from 'lit';
import { ApiError } from '../../shared/api-client.js';
import { codeDigits, codeInput, receiveSmsCode } from '../../shared/code-input/code-input.js';
import { codeInputStyles } from '../../shared/code-input/code-input.styles.js';
import type { AuthStep, CareLogin, SecondFactorStep, StepModule } from '../care-login.component.js';
import { scope } from '../care-login.styles.js';
import { sharedStepStyles } from './shared-steps.styles.js';
import { codeMessages } from './code.messages.js';
import { duration } from './sign-in.js';
import { signInMessages } from './sign-in.messages.js';

/**
 * The code step: the code by SMS, e-mail or an authenticator app, resend with a countdown, "trust
 * this computer", and WebOTP. Not part of the first screen's download: the login starts loading
 * this module when the password is sent, so it is there when the BFF's argon2id check answers.
 */

type CodeMessageKey = Parameters<typeof codeMessages.t>[1];
const t = (login: CareLogin, key: CodeMessageKey, params?: Record<string, string | number>) => codeMessages.t(login.locale, key, params);

/** Shows the code step for `challenge` (after the password, a resend, or a page opened mid-login). */
export async function enterCode(login: CareLogin, challenge: SecondFactorStep, focus = true) {
  const notSent = challenge.codeSent === false && challenge.channel !== 'totp';
  await login.go('code', { challenge, code: '', trust: false, resendAt: Date.now() + challenge.resendAvailableInSeconds * 1000 }, focus);
  if (notSent) login.patch({ error: t(login, 'code.notSent', { time: duration(login, challenge.resendAvailableInSeconds) }) });
  startTicker(login);
  if (challenge.channel === 'sms') listenForSms(login, challenge.prefix);
}

/** The countdown to "Opnieuw versturen" and the WebOTP request of each login on the code step. */
const running = new WeakMap<CareLogin, { ticker?: ReturnType<typeof setInterval>; listening?: AbortController }>();

function startTicker(login: CareLogin) {
  const state = running.get(login) ?? {};
  running.set(login, state);
  state.ticker ??= setInterval(() => {
    if (Date.now() >= login.view.resendAt && state.ticker) {
      clearInterval(state.ticker);
      state.ticker = undefined;
    }
    login.requestUpdate();
  }, 1000);
}

function leave(login: CareLogin) {
  const state = running.get(login);
  state?.listening?.abort();
  if (state?.ticker) clearInterval(state.ticker);
  running.delete(login);
}

/** WebOTP: where the browser can read the SMS itself, the code fills in and is sent. */
function listenForSms(login: CareLogin, prefix: string | null) {
  const state = running.get(login) ?? {};
  running.set(login, state);
  state.listening?.abort();
  state.listening = new AbortController();
  const signal = state.listening.signal;
  void receiveSmsCode(signal).then((code) => {
    if (!code || signal.aborted || login.view.step !== 'code') return;
    login.patch({ code: codeDigits(code, prefix) });
    void verify(login);
  });
}

function verify(login: CareLogin) {
  const { code, challenge, trust } = login.view;
  if (!/^\d{6}$/.test(code)) return login.fail(t(login, 'code.invalid'), ['code']);
  const full = challenge?.prefix ? `${challenge.prefix}-${code}` : code;
  return login.run(async () =>
    login.afterStep(await login.apiClient.post<AuthStep>('/auth/code/verify', { code: full, ...(trust ? { trustDevice: true } : {}) })),
  );
}

function resend(login: CareLogin) {
  return login.run(async () => {
    try {
      const next = await login.apiClient.post<SecondFactorStep>('/auth/code/resend', {});
      await enterCode(login, next, false);
      if (next.codeSent) login.patch({ notice: t(login, 'code.resent') });
    } catch (error) {
      if (error instanceof ApiError && error.status === 429 && error.retryAfter) {
        login.patch({ resendAt: Date.now() + error.retryAfter * 1000 });
        startTicker(login);
      }
      throw error;
    }
    login.querySelector<HTMLInputElement>('.care-code__input')?.focus();
  });
}

function renderCode(login: CareLogin) {
  const { challenge, code, invalid, busy } = login.view;
  const channel = challenge?.channel ?? 'sms';
  const prefix = challenge?.prefix ?? null;
  const totp = channel === 'totp';
  const wait = Math.max(0, Math.ceil((login.view.resendAt - Date.now()) / 1000));
  const days = challenge?.trustedDeviceDays ?? login.state?.tenant?.trustedDeviceDays ?? 0;
  const hintId = login.idOf('code-hint');
  const intro = t(login, `code.${channel}`, { destination: challenge?.destinationHint ?? '', prefix: prefix ?? 'xxxx' });
  // None went out (too many asked): then no promise of an SMS within a minute.
  const codeWentOut = totp || challenge?.codeSent !== false;
  return login.form(
    t(login, 'code.heading'),
    () => verify(login),
    html`
    ${codeWentOut ? html`<p>${intro}</p>` : nothing}
    <div class="care-login__field">
      ${codeInput({
        id: login.idOf('code'),
        label: t(login, totp ? 'code.totpLabel' : 'code.label'),
        prefix,
        value: code,
        describedBy: [hintId, invalid.includes('code') ? login.idOf('error') : ''].filter(Boolean).join(' '),
        invalid: invalid.includes('code'),
        onCode: (digits) => login.patch({ code: digits }),
      })}
      <p class="care-login__hint" id=${hintId}>${t(login, prefix ? 'code.prefixNote' : 'code.hint')}</p>
    </div>
    ${
      days > 0
        ? html`<div class="care-login__check">
          <input
            type="checkbox"
            id=${login.idOf('trust')}
            name="trustDevice"
            .checked=${login.view.trust}
            aria-describedby=${login.idOf('trust-hint')}
            @change=${(e: Event) => login.patch({ trust: (e.target as HTMLInputElement).checked })}
          />
          <label for=${login.idOf('trust')}>${t(login, 'code.trust', { days })}</label>
          <p class="care-login__hint" id=${login.idOf('trust-hint')}>${t(login, 'code.trustHint', { days })}</p>
        </div>`
        : nothing
    }
    <div class="care-login__actions">
      ${login.submit(t(login, totp ? 'code.totpSubmit' : 'code.submit'))}
      ${
        totp
          ? nothing
          : html`<button
            class="care-login__button care-login__button--secondary"
            part="button resend"
            type="button"
            ?disabled=${wait > 0 || busy}
            aria-describedby=${wait > 0 ? login.idOf('resend-wait') : nothing}
            @click=${() => resend(login)}
          >
            ${t(login, 'code.resend')}
          </button>`
      }
    </div>
    ${!totp && wait > 0 ? html`<p class="care-login__hint care-login__countdown" id=${login.idOf('resend-wait')}>${t(login, 'code.resendIn', { time: duration(login, wait) })}</p>` : nothing}
    <div class="care-login__actions">${login.backLink()}</div>
  `,
  );
}

const s = unsafeCSS(scope);

/** The code input; also adopted by steps/account.ts, which shows one for an authenticator app. */
export const codeStepStyles = css`
  ${sharedStepStyles}
  ${codeInputStyles(scope)}
  ${s} .care-code__prefix {
    color: var(--care-color-text, #1f2933);
  }
`;

export const steps: StepModule['steps'] = { code: renderCode };
export const messages: StepModule['messages'] = [codeMessages, signInMessages];
export { codeStepStyles as styles, leave };
