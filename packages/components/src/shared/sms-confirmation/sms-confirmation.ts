import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { ApiError } from '../api-client.js';
import { codeInput, receiveSmsCode } from '../code-input/code-input.js';
import type { Locale } from '../i18n.js';
import { problemText } from '../states.js';
import { confirmationMessages, type nl } from './sms-confirmation.messages.js';

/** The BFF's answer to a request for a confirmation code (plan decision, new mobile number). */
export interface CodeChallenge {
  challengeId: string;
  /** Shown fixed before the 6-digit field, as at login; null for the authenticator app. */
  prefix: string | null;
  /** Where the code is: an SMS (the default), an e-mail, or the authenticator app. */
  channel?: 'sms' | 'email' | 'totp';
  expiresInSeconds: number;
  /** "••••••••5678" */
  destinationHint: string | null;
}

export interface SmsConfirmationOptions<T> {
  /** Prefix of the ids in the host's shadow root. */
  id: string;
  locale(): Locale;
  /** Asks the BFF to send the SMS. */
  request(): Promise<CodeChallenge>;
  /** Sends the typed code. */
  confirm(challenge: CodeChallenge, code: string): Promise<T>;
  confirmed(result: T): void;
  cancelled(): void;
  /** Errors the widget handles itself (session expired, plan decided meanwhile): return true. */
  handle(error: ApiError): boolean;
}

/**
 * The step that confirms an action with a fresh SMS code: "we sent a code to ••••5678", the same
 * prefix + 6-digit input as the login, "Bevestigen"; a wrong code says how many tries are left, a
 * code that is no longer valid offers "Nieuwe code aanvragen". On Android the browser may fill the
 * code from the SMS (WebOTP).
 */
export class SmsConfirmation<T> implements ReactiveController {
  challenge: CodeChallenge | undefined;
  code = '';
  /** The message at the code field, or of a failed request before there is a challenge. */
  error = '';
  expired = false;
  busy = false;
  /** "Er is een nieuwe code verstuurd." after a second request. */
  notice = '';
  private otp: AbortController | undefined;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly options: SmsConfirmationOptions<T>,
  ) {
    host.addController(this);
  }

  hostDisconnected() {
    this.otp?.abort();
  }

  private t(key: keyof typeof nl, params?: Record<string, string | number>) {
    return confirmationMessages.t(this.options.locale(), key, params);
  }

  private get codeId() {
    return `${this.options.id}-code`;
  }

  private focusCode() {
    // Rendered first: the field may appear in this very update.
    this.host.requestUpdate();
    void this.host.updateComplete.then(() => this.host.shadowRoot?.getElementById(this.codeId)?.focus());
  }

  /** Requests a code; true when it was sent. On failure `error` says why. */
  async start(): Promise<boolean> {
    if (this.busy) return false;
    const again = Boolean(this.challenge);
    this.busy = true;
    this.error = '';
    this.notice = '';
    this.host.requestUpdate();
    try {
      this.challenge = await this.options.request();
      this.code = '';
      this.expired = false;
      this.notice = again ? this.t('code.newSent') : '';
      this.listenForSms();
      this.focusCode();
      return true;
    } catch (error) {
      const apiError = error instanceof ApiError ? error : ApiError.offline(error);
      if (!this.options.handle(apiError)) this.error = this.requestProblem(apiError);
      return false;
    } finally {
      this.busy = false;
      this.host.requestUpdate();
    }
  }

  private requestProblem(error: ApiError): string {
    if (error.status === 429) return this.t('code.tooMany', { n: Math.max(1, Math.ceil((error.retryAfter ?? 900) / 60)) });
    if (error.code === 'no-mobile') return this.options.locale() === 'nl' && error.detail ? error.detail : this.t('code.noMobile');
    if (error.kind === 'offline' || error.status === 403) return problemText(error, this.options.locale());
    return this.t('code.failed');
  }

  private listenForSms() {
    this.otp?.abort();
    const controller = new AbortController();
    this.otp = controller;
    void receiveSmsCode(controller.signal).then((code) => {
      if (!code || controller.signal.aborted) return;
      this.code = code.replace(/\D/g, '').slice(-6);
      this.host.requestUpdate();
    });
  }

  reset() {
    this.otp?.abort();
    this.challenge = undefined;
    this.code = '';
    this.error = '';
    this.notice = '';
    this.expired = false;
    this.busy = false;
    this.host.requestUpdate();
  }

  private cancel() {
    this.reset();
    this.options.cancelled();
  }

  private async submit(event: SubmitEvent) {
    event.preventDefault();
    const challenge = this.challenge;
    if (!challenge || this.busy || this.expired) return;
    this.notice = '';
    if (this.code.length !== 6) {
      this.error = this.t('code.required');
      this.host.requestUpdate();
      this.focusCode();
      return;
    }
    this.busy = true;
    this.error = '';
    this.host.requestUpdate();
    try {
      const result = await this.options.confirm(challenge, this.code);
      this.reset();
      this.options.confirmed(result);
    } catch (error) {
      const apiError = error instanceof ApiError ? error : ApiError.offline(error);
      if (this.options.handle(apiError)) {
        this.reset();
        return;
      }
      if (apiError.code === 'invalid-code') {
        this.error = this.t('code.wrong', { n: Number(apiError.extensions['attemptsLeft'] ?? 1) });
        this.code = '';
      } else if (apiError.code === 'code-expired') {
        this.error = this.t('code.expired');
        this.expired = true;
      } else {
        this.error =
          apiError.kind === 'offline' || apiError.status === 403 ? problemText(apiError, this.options.locale()) : this.t('code.failed');
      }
      this.focusCode();
    } finally {
      this.busy = false;
      this.host.requestUpdate();
    }
  }

  private sentText(challenge: CodeChallenge) {
    if (challenge.channel === 'totp' || !challenge.prefix) return this.t('code.app');
    return this.t('code.sent', { destination: challenge.destinationHint ?? this.t('code.yourMobile'), prefix: challenge.prefix });
  }

  /** The code form; `intro` says what is being confirmed. */
  render(intro: string) {
    const challenge = this.challenge;
    if (!challenge) return nothing;
    const id = this.options.id;
    const describedBy = `${id}-sent${this.error ? ` ${id}-error` : ''}`;
    return html`<form part="confirm-form" class="form confirm" novalidate @submit=${(e: SubmitEvent) => this.submit(e)}>
      <p>${intro}</p>
      <p id=${`${id}-sent`} class="hint">${this.sentText(challenge)}</p>
      <div class="field">
        ${codeInput({
          id: this.codeId,
          label: this.t('code.label'),
          prefix: challenge.prefix,
          value: this.code,
          describedBy,
          invalid: Boolean(this.error),
          onCode: (code) => {
            this.code = code;
          },
        })}
      </div>
      ${this.error ? html`<p class="field-error" id=${`${id}-error`} role="alert">${this.error}</p>` : nothing}
      <p class="status" role="status">${this.notice}</p>
      <div class="actions">
        ${
          this.expired
            ? html`<button type="button" part="button new-code" class="button" ?disabled=${this.busy} @click=${() => this.start()}>${this.t('code.new')}</button>`
            : html`<button type="submit" part="button confirm" class="button" aria-disabled=${this.busy ? 'true' : 'false'}>
              ${this.busy ? this.t('code.busy') : this.t('code.confirm')}
            </button>`
        }
        <button type="button" part="button cancel" class="button button--secondary" @click=${() => this.cancel()}>${this.t('code.cancel')}</button>
      </div>
    </form>`;
  }
}
