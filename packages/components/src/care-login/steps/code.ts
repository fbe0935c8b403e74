import { html, nothing } from 'lit/html.js';
import { ApiError } from '../../shared/api-client.js';
import { codeDigits, codeInput, receiveSmsCode } from '../../shared/code-input/code-input.js';
import { answerMessages } from '../answers.messages.js';
import { duration } from '../duration.js';
import { t as loginT } from '../care-login.messages.js';
import type { LoginFlow, SecondFactorStep, StepModule } from '../login-flow.js';
import { codeMessages, t } from './code.messages.js';
import { form, link, submit } from './form.js';
import { stepStyles } from './steps.styles.js';

/**
 * The code step: the code by SMS, e-mail or an authenticator app, resend with a countdown, "trust
 * this computer", and WebOTP. Not part of the first screen's download: the flow starts loading
 * this module when the password is sent, so it is there when the BFF's argon2id check answers.
 */

/** Shows the code step for `challenge` (after the password, a resend, or a page opened mid-login). */
export async function enterCode(flow: LoginFlow, challenge: SecondFactorStep, focus = true) {
  const notSent = challenge.codeSent === false && challenge.channel !== 'totp';
  await flow.go('code', { challenge, code: '', trust: false, resendAt: Date.now() + challenge.resendAvailableInSeconds * 1000 }, focus);
  if (notSent) flow.patch({ error: t(flow, 'code.notSent', { time: duration(flow, challenge.resendAvailableInSeconds) }) });
  startTicker(flow);
  if (challenge.channel === 'sms') listenForSms(flow, challenge.prefix);
}

/** The countdown to "Opnieuw versturen" and the WebOTP request of each login on the code step. */
const running = new WeakMap<LoginFlow, { ticker?: ReturnType<typeof setInterval>; listening?: AbortController }>();

function startTicker(flow: LoginFlow) {
  const state = running.get(flow) ?? {};
  running.set(flow, state);
  state.ticker ??= setInterval(() => {
    if (Date.now() >= flow.view.resendAt! && state.ticker) {
      clearInterval(state.ticker);
      state.ticker = undefined;
    }
    flow.host.requestUpdate();
  }, 1000);
}

function leave(flow: LoginFlow) {
  const state = running.get(flow);
  state?.listening?.abort();
  if (state?.ticker) clearInterval(state.ticker);
  running.delete(flow);
}

/** WebOTP: where the browser can read the SMS itself, the code fills in and is sent. */
function listenForSms(flow: LoginFlow, prefix: string | null) {
  const state = running.get(flow) ?? {};
  running.set(flow, state);
  state.listening?.abort();
  state.listening = new AbortController();
  const signal = state.listening.signal;
  void receiveSmsCode(signal).then((code) => {
    if (!code || signal.aborted || flow.view.step !== 'code') return;
    flow.patch({ code: codeDigits(code, prefix) });
    void verify(flow);
  });
}

function verify(flow: LoginFlow) {
  const { code = '', challenge, trust } = flow.view;
  if (!/^\d{6}$/.test(code)) return flow.fail(t(flow, 'code.invalid'), ['code']);
  const full = challenge?.prefix ? `${challenge.prefix}-${code}` : code;
  return flow.run(() => flow.send('/auth/code/verify', { code: full, ...(trust ? { trustDevice: true } : {}) }));
}

function resend(flow: LoginFlow) {
  return flow.run(async () => {
    try {
      const next = await flow.api.post<SecondFactorStep>('/auth/code/resend', {});
      await enterCode(flow, next, false);
      if (next.codeSent) flow.patch({ notice: t(flow, 'code.resent') });
    } catch (error) {
      if (error instanceof ApiError && error.status === 429 && error.retryAfter) {
        flow.patch({ resendAt: Date.now() + error.retryAfter * 1000 });
        startTicker(flow);
      }
      throw error;
    }
    flow.host.querySelector<HTMLInputElement>('.care-code__input')?.focus();
  });
}

/** The code input with its hint; also "Mijn inloggegevens"' authenticator app enrolment (account.ts). */
export function codeField(flow: LoginFlow, label: string, prefix: string | null, hint: string) {
  const hintId = flow.idOf('code-hint');
  const invalid = flow.view.invalid.includes('code');
  return html`<div class="care-login__field">
    ${codeInput({
      id: flow.idOf('code'),
      label,
      prefix,
      value: flow.view.code ?? '',
      describedBy: [hintId, invalid ? flow.idOf('error') : ''].filter(Boolean).join(' '),
      invalid,
      onCode: (code) => flow.patch({ code }),
    })}
    <p class="care-login__hint" id=${hintId}>${hint}</p>
  </div>`;
}

function renderCode(flow: LoginFlow) {
  const { challenge, busy } = flow.view;
  const channel = challenge?.channel ?? 'sms';
  const prefix = challenge?.prefix ?? null;
  const totp = channel === 'totp';
  const wait = Math.max(0, Math.ceil((flow.view.resendAt! - Date.now()) / 1000));
  const days = challenge?.trustedDeviceDays ?? flow.state?.tenant?.trustedDeviceDays ?? 0;
  const intro = t(flow, `code.${channel}`, { destination: challenge?.destinationHint ?? '', prefix: prefix ?? 'xxxx' });
  // None went out (too many asked): then no promise of an SMS within a minute.
  const codeWentOut = totp || challenge?.codeSent !== false;
  return form(
    flow,
    t(flow, 'code.heading'),
    () => verify(flow),
    html`
    ${codeWentOut ? html`<p>${intro}</p>` : nothing}
    ${codeField(flow, t(flow, totp ? 'code.totpLabel' : 'code.label'), prefix, t(flow, prefix ? 'code.prefixNote' : 'code.hint'))}
    ${
      days > 0
        ? html`<div class="care-login__check">
          <input
            type="checkbox"
            id=${flow.idOf('trust')}
            name="trustDevice"
            .checked=${flow.view.trust}
            aria-describedby=${flow.idOf('trust-hint')}
            @change=${(e: Event) => flow.patch({ trust: (e.target as HTMLInputElement).checked })}
          />
          <label for=${flow.idOf('trust')}>${t(flow, 'code.trust', { days })}</label>
          <p class="care-login__hint" id=${flow.idOf('trust-hint')}>${t(flow, 'code.trustHint', { days })}</p>
        </div>`
        : nothing
    }
    <div class="care-login__actions">
      ${submit(flow, t(flow, totp ? 'code.totpSubmit' : 'code.submit'))}
      ${
        totp
          ? nothing
          : html`<button
            class="care-login__button care-login__button--secondary"
            part="button resend"
            type="button"
            ?disabled=${wait > 0 || busy}
            aria-describedby=${wait > 0 ? flow.idOf('resend-wait') : nothing}
            @click=${() => resend(flow)}
          >
            ${t(flow, 'code.resend')}
          </button>`
      }
    </div>
    ${!totp && wait > 0 ? html`<p class="care-login__hint care-login__countdown" id=${flow.idOf('resend-wait')}>${t(flow, 'code.resendIn', { time: duration(flow, wait) })}</p>` : nothing}
    <div class="care-login__actions">${link(loginT(flow, 'back'), () => flow.go('login'))}</div>
  `,
  );
}

/** The code step's module (after-first-screen.ts). */
export const codeStep: StepModule = { steps: { code: renderCode }, messages: [codeMessages, answerMessages], styles: stepStyles, leave };
