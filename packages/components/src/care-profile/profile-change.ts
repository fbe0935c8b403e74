import { html, nothing, type ReactiveElement } from 'lit';
import type { Profile } from '@care-widgets/bff/api-types';
import { ApiError, type CareApiClient } from '../shared/api-client.js';
import { emit } from '../shared/events.js';
import { focusAfterUpdate } from '../shared/focus.js';
import type { Locale } from '../shared/i18n.js';
import { MessagesController } from '../shared/messages.js';
import { problemText } from '../shared/states.js';
import { confirmationMessages } from '../shared/sms-confirmation/sms-confirmation.messages.js';
import { SmsConfirmation, type CodeChallenge } from '../shared/sms-confirmation/sms-confirmation.js';
import type { ProfilePartHost } from './part-host.js';
import { changeMessages, type nl } from './profile-change.messages.js';

export type EditableField = 'mobile' | 'email';

/** The parameter of the link the BFF e-mails to a new address. */
const CONFIRM_PARAM = 'confirm-email';

type MobileChallenge = CodeChallenge & { mobile: string };
type IdentityProven = MobileChallenge | { email: string; expiresInSeconds: number };

/** What <care-profile> lends the change flow. */
export interface ChangeHost {
  element: ReactiveElement;
  /** Whose details: the client's own at `/profile` (when absent), or a contact person's own account. */
  readonly base?: '/profile/account';
  client(): CareApiClient;
  locale(): Locale;
  currentEmail(): string | null;
  idFor(name: string): string;
  pending(field: EditableField, value: string): void;
  /** The session ended (401): the widget shows it. */
  sessionEnded(error: ApiError): void;
  changed(field: EditableField, value: string, announcement: string): void;
  linkSent(email: string, announcement: string): void;
  stop(): void;
}

/**
 * The change of the mobile number or e-mail address, loaded when the client first presses
 * "Wijzigen": the new value and the current password, then the code through the current second
 * factor that proves who asks (an SMS to the current number, an e-mail to the current address or
 * the authenticator app), then the new number's own SMS code, or the link to the new address.
 */
export class ProfileChange {
  field: EditableField = 'mobile';
  value = '';
  password = '';
  fieldError = '';
  passwordError = '';
  formError = '';
  private readonly identity: SmsConfirmation<IdentityProven>;
  private readonly confirmation: SmsConfirmation<{ mobile: string }>;
  /** The new number's code, sent once the identity code was right; the confirmation step takes it. */
  private nextMobileChallenge: MobileChallenge | undefined;

  constructor(private readonly host: ChangeHost) {
    new MessagesController(host.element, [changeMessages, confirmationMessages], host.locale);
    const shared = { locale: host.locale, cancelled: () => host.stop(), handle: (error: ApiError) => this.handle(error) };
    this.identity = new SmsConfirmation(host.element, {
      ...shared,
      id: host.idFor('identity'),
      request: () => this.requestIdentityCode(),
      confirm: (challenge, code) =>
        host.client().post<IdentityProven>(`${this.base}/${this.field}/verify`, { challengeId: challenge.challengeId, code }),
      confirmed: (result) => this.identityProven(result),
    });
    this.confirmation = new SmsConfirmation(host.element, {
      ...shared,
      id: host.idFor('confirm'),
      request: () => this.takeMobileChallenge(),
      confirm: (challenge, code) =>
        host.client().post<{ mobile: string }>(`${this.base}/mobile/confirm`, { challengeId: challenge.challengeId, code }),
      confirmed: ({ mobile }) => host.changed('mobile', mobile, this.t('profile.mobileChanged', { mobile })),
    });
  }

  private get base(): string {
    return this.host.base ?? '/profile';
  }

  private t(key: keyof typeof nl, params?: Record<string, string | number>) {
    return changeMessages.t(this.host.locale(), key, params);
  }

  private update() {
    this.host.element.requestUpdate();
  }

  start(field: EditableField) {
    this.reset();
    this.field = field;
    focusAfterUpdate(this.host.element, `#${this.host.idFor('new-value')}`);
  }

  reset() {
    this.identity.reset();
    this.confirmation.reset();
    this.nextMobileChallenge = undefined;
    this.value = this.password = this.fieldError = this.passwordError = this.formError = '';
    this.update();
  }

  private requestIdentityCode(): Promise<CodeChallenge> {
    const value = this.value.trim();
    const currentPassword = this.password;
    if (this.field === 'mobile') return this.host.client().post<CodeChallenge>(`${this.base}/mobile`, { mobile: value, currentPassword });
    const pageUrl = new URL(location.href);
    pageUrl.hash = '';
    pageUrl.searchParams.delete(CONFIRM_PARAM);
    return this.host.client().post<CodeChallenge>(`${this.base}/email`, { email: value, currentPassword, pageUrl: pageUrl.href });
  }

  /** The identity code was right: the new number gets its code, or the new address its link. */
  private identityProven(result: IdentityProven) {
    this.password = '';
    if ('challengeId' in result) {
      this.nextMobileChallenge = result;
      void this.confirmation.start();
    } else {
      this.host.linkSent(result.email, this.t('profile.linkSent', { email: result.email }));
    }
  }

  private takeMobileChallenge(): Promise<MobileChallenge> {
    const challenge = this.nextMobileChallenge;
    this.nextMobileChallenge = undefined;
    // "Nieuwe code aanvragen" for the new number: a new code needs who-you-are proven again.
    if (!challenge) return Promise.reject(new ApiError({ kind: 'problem', status: 0, code: 'prove-again', title: 'Prove again' }));
    this.host.pending('mobile', challenge.mobile);
    return Promise.resolve(challenge);
  }

  /** Problems the change form shows itself (at its fields); true when handled. */
  private handle(error: ApiError): boolean {
    const password = `#${this.host.idFor('password')}`;
    if (error.kind === 'session-expired') {
      this.host.sessionEnded(error);
      return true;
    }
    if (error.status === 400 && error.errors.some((e) => e.field === this.field)) {
      this.fieldError = this.t(`profile.${error.code === 'unchanged' ? 'same' : 'invalid'}${this.field === 'mobile' ? 'Mobile' : 'Email'}`);
      focusAfterUpdate(this.host.element, `#${this.host.idFor('new-value')}`);
    } else if (error.code === 'wrong-password' || error.code === 'login-delayed') {
      this.passwordError =
        error.code === 'wrong-password'
          ? this.t('profile.wrongPassword')
          : this.t('profile.passwordDelayed', { n: error.retryAfter ?? 60 });
      focusAfterUpdate(this.host.element, password);
    } else if (error.code === 'prove-again') {
      this.identity.reset();
      this.confirmation.reset();
      this.formError = this.t('profile.proveAgain');
      focusAfterUpdate(this.host.element, password);
    } else {
      return false;
    }
    this.update();
    return true;
  }

  private async submit(event: SubmitEvent) {
    event.preventDefault();
    const value = this.value.trim();
    const input = this.host.element.shadowRoot?.querySelector<HTMLInputElement>(`#${this.host.idFor('new-value')}`);
    this.fieldError = this.passwordError = this.formError = '';
    if (this.field === 'mobile') {
      if (!/^[+\d][\d\s().-]{8,}$/.test(value)) this.fieldError = this.t('profile.invalidMobile');
    } else if (!value || !input?.checkValidity()) {
      this.fieldError = this.t('profile.invalidEmail');
    } else if (value.toLowerCase() === this.host.currentEmail()?.toLowerCase()) {
      this.fieldError = this.t('profile.sameEmail');
    }
    if (!this.fieldError && !this.password) this.passwordError = this.t('profile.passwordRequired');
    this.update();
    if (this.fieldError) focusAfterUpdate(this.host.element, `#${this.host.idFor('new-value')}`);
    else if (this.passwordError) focusAfterUpdate(this.host.element, `#${this.host.idFor('password')}`);
    else await this.identity.start();
  }

  render() {
    const { field, identity, confirmation: c } = this;
    const id = (name: string) => this.host.idFor(name);
    if (field === 'mobile' && c.challenge)
      return c.render(this.t('profile.confirmMobile', { mobile: (c.challenge as MobileChallenge).mobile }));
    if (identity.challenge) return identity.render(this.t('profile.identity'));
    const mobile = field === 'mobile';
    const error = this.fieldError;
    const formError = this.formError || identity.error || c.error;
    const busy = identity.busy || c.busy;
    return html`<form part="change-form" class="form" novalidate @submit=${(e: SubmitEvent) => this.submit(e)}>
      <div class="field">
        <label for=${id('new-value')}>${this.t(mobile ? 'profile.newMobile' : 'profile.newEmail')}</label>
        <p class="hint" id=${id('new-hint')}>${this.t(mobile ? 'profile.newMobileHint' : 'profile.newEmailHint')}</p>
        <input
          part="input"
          id=${id('new-value')}
          name=${mobile ? 'mobile' : 'email'}
          type=${mobile ? 'tel' : 'email'}
          autocomplete=${mobile ? 'tel' : 'email'}
          inputmode=${mobile ? 'tel' : 'email'}
          spellcheck="false"
          .value=${this.value}
          aria-invalid=${error ? 'true' : 'false'}
          aria-describedby=${`${id('new-hint')}${error ? ` ${id('new-error')}` : ''}`}
          @input=${(e: InputEvent) => {
            this.value = (e.target as HTMLInputElement).value;
          }}
        />
        ${error ? html`<p class="field-error" id=${id('new-error')} role="alert">${error}</p>` : nothing}
      </div>
      <div class="field">
        <label for=${id('password')}>${this.t('profile.currentPassword')}</label>
        <input
          part="input"
          id=${id('password')}
          name="currentPassword"
          type="password"
          autocomplete="current-password"
          .value=${this.password}
          aria-invalid=${this.passwordError ? 'true' : 'false'}
          aria-describedby=${this.passwordError ? id('password-error') : nothing}
          @input=${(e: InputEvent) => {
            this.password = (e.target as HTMLInputElement).value;
          }}
        />
        ${this.passwordError ? html`<p class="field-error" id=${id('password-error')} role="alert">${this.passwordError}</p>` : nothing}
      </div>
      ${formError ? html`<div part="error" role="alert"><p>${formError}</p></div>` : nothing}
      <div class="actions">
        <button type="submit" part="button submit" class="button" aria-disabled=${busy ? 'true' : 'false'}>${this.t('profile.continue')}</button>
        <button type="button" part="button cancel" class="button button--secondary" @click=${() => this.host.stop()}>${this.t('profile.cancel')}</button>
      </div>
    </form>`;
  }
}

/** What the e-mailed link changes of <care-profile>: its outcome line, and the address shown. */
export interface LinkHost extends ProfilePartHost {
  linkOutcome: { ok: boolean; text: string } | undefined;
  profile: Profile | undefined;
  /** "Uw eigen gegevens", when the link was a contact person's. */
  own: { emailConfirmed(email: string): void } | undefined;
}

/**
 * Opened from the e-mail (`?confirm-email=…` in the page address): confirms the new address, also
 * without a session, and says how it went. Loaded only on such a page.
 */
export async function confirmEmailLink(host: LinkHost, client: CareApiClient): Promise<void> {
  const url = new URL(location.href);
  const token = url.searchParams.get(CONFIRM_PARAM);
  if (!token) return;
  // The token is single-use: it must not stay in the address bar, the history or a bookmark.
  // Removed before the call, so that a second profile widget on the page leaves it alone.
  url.searchParams.delete(CONFIRM_PARAM);
  history.replaceState(history.state, '', url);
  const t = async (key: keyof typeof nl, params?: Record<string, string>) => {
    await changeMessages.load(host.locale);
    return changeMessages.t(host.locale, key, params);
  };
  try {
    const { email } = await client.post<{ email: string }>('/profile/email/confirm', { token });
    host.linkOutcome = { ok: true, text: await t('profile.emailConfirmed', { email }) };
    // The address of the client's own account, or of a contact person's (not the client's record).
    const profile = host.profile;
    if (host.own) host.own.emailConfirmed(email);
    else if (profile?.editable.length) host.profile = { ...profile, email, pending: { ...profile.pending, email: null } };
    emit(host, 'care-profile-changed', { field: 'email', value: email });
  } catch (error) {
    const apiError = error instanceof ApiError ? error : ApiError.offline(error);
    host.linkOutcome = {
      ok: false,
      text:
        apiError.code === 'invalid-link'
          ? await t('profile.linkInvalid')
          : apiError.kind === 'offline'
            ? problemText(apiError, host.locale)
            : await t('profile.failed'),
    };
  }
}
