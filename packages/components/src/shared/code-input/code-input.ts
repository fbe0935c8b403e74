import { html, nothing } from 'lit/html.js';

/**
 * The code field of a login or a plan decision: the challenge's 4-digit prefix shown fixed
 * ("1234-") and ONE native 6-digit input after it. A render helper rather than an element of its
 * own, so the input can live in a form that password managers and the browser's one-time-code
 * autofill can see (light DOM for <care-login>); a shadow-DOM widget renders it in its own root.
 */
export interface CodeInputOptions {
  id: string;
  label: string;
  /** The 4 digits that identify the challenge; null for an authenticator app's code. */
  prefix: string | null;
  value: string;
  /** Ids of the hint and error texts that describe the field. */
  describedBy: string;
  invalid: boolean;
  /** Called with the code as digits only (at most 6), after typing, pasting or autofill. */
  onCode: (code: string) => void;
}

export const CODE_LENGTH = 6;

/**
 * The 6 digits of whatever was typed, pasted or filled in: "1234-567890", "1234 567890",
 * "567890" and "56 78 90" all give "567890". A 10-digit code loses its first 4 digits even when
 * they are not this challenge's prefix: the BFF then says the code is wrong, which is the truth.
 */
export function codeDigits(raw: string, prefix: string | null): string {
  let digits = raw.replace(/\D/g, '');
  if (digits.length > CODE_LENGTH) {
    digits = prefix && digits.startsWith(prefix) ? digits.slice(prefix.length) : digits.slice(-CODE_LENGTH);
  }
  return digits.slice(0, CODE_LENGTH);
}

export function codeInput(o: CodeInputOptions) {
  const update = (input: HTMLInputElement, raw: string) => {
    const code = codeDigits(raw, o.prefix);
    // maxlength would cut a pasted "1234-567890" to "1234-5" before any input event, so the
    // field is set here and the caller hears the digits.
    input.value = code;
    o.onCode(code);
  };
  return html`<label class="care-code__label" for=${o.id}>${o.label}</label>
    <span class="care-code__field">
      ${o.prefix ? html`<span class="care-code__prefix" aria-hidden="true">${o.prefix}-</span>` : nothing}
      <input
        id=${o.id}
        name="code"
        class="care-code__input"
        part="input code-input"
        type="text"
        inputmode="numeric"
        autocomplete="one-time-code"
        pattern="[0-9]{6}"
        maxlength=${CODE_LENGTH}
        spellcheck="false"
        enterkeyhint="done"
        aria-describedby=${o.describedBy}
        aria-invalid=${o.invalid ? 'true' : 'false'}
        .value=${o.value}
        @input=${(e: Event) => {
          const input = e.target as HTMLInputElement;
          update(input, input.value);
        }}
        @paste=${(e: ClipboardEvent) => {
          const text = e.clipboardData?.getData('text');
          if (!text) return;
          e.preventDefault();
          update(e.target as HTMLInputElement, text);
        }}
      />
    </span>`;
}

/**
 * Asks the browser for the code of an incoming SMS (WebOTP, Chrome on Android). Resolves to the
 * code, or null when the API is missing, the user declines or `signal` aborts (leaving the step).
 */
export async function receiveSmsCode(signal: AbortSignal): Promise<string | null> {
  if (!('OTPCredential' in window)) return null;
  try {
    const credential = (await navigator.credentials.get({ otp: { transport: ['sms'] }, signal } as CredentialRequestOptions)) as
      (Credential & { code?: string }) | null;
    return credential?.code ?? null;
  } catch {
    return null;
  }
}
