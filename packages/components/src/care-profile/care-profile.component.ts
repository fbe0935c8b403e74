import { html, nothing, type TemplateResult } from 'lit';
import { ApiError, type CareApiClient } from '../shared/api-client.js';
import { CareDataElement } from '../shared/care-data-element.js';
import { formatDate } from '../shared/date-format.js';
import { MessagesController } from '../shared/messages.js';
import { stateMessages } from '../shared/states.messages.js';
import { confirmationMessages } from '../shared/sms-confirmation/sms-confirmation.messages.js';
import { SmsConfirmation, type CodeChallenge } from '../shared/sms-confirmation/sms-confirmation.js';
import { problemText, renderLoadState } from '../shared/states.js';
import { profileMessages, type nl } from './care-profile.messages.js';
import { careProfileStyles } from './care-profile.styles.js';

/** The client's personal data as the BFF gives it (docs/data-api.md, "Profile"). */
export interface Profile {
  name: string;
  formalName: string;
  /** "YYYY-MM-DD" */
  dateOfBirth: string;
  age: number | null;
  maritalStatus: string | null;
  placeOfBirth: string | null;
  nationality: string | null;
  /** Masked by the BFF but for its last digits: "******789". */
  bsn: string | null;
  address: { street: string; houseNumber: string; extra: string | null; postalCode: string; city: string } | null;
  phone: string | null;
  mobile: string | null;
  email: string | null;
  editable: EditableField[];
  pending: { mobile: string | null; email: string | null };
  contact: { text: string; organisation: string; phone: string | null; email: string | null };
}

export type EditableField = 'mobile' | 'email';

export interface CareProfileChangedDetail {
  field: EditableField;
  value: string;
}

type MobileChallenge = CodeChallenge & { mobile: string };
type IdentityProven = MobileChallenge | { email: string; expiresInSeconds: number };
type Key = keyof typeof nl;

/** The parameter of the link the BFF e-mails to a new address. */
const CONFIRM_PARAM = 'confirm-email';
let instances = 0;

/**
 * The client's personal data ("Cliëntprofiel"): a short card with name, date of birth and age, and
 * "Volledig profiel" for every field of the client record (the BSN masked as the BFF gives it).
 * Only the mobile number and the e-mail address can be changed here (seed 001). A change first
 * asks for the current password and a code through the current second factor (an SMS to the
 * current number, an e-mail to the current address or the authenticator app), so that an
 * unattended session cannot move the login codes elsewhere; then a new mobile number is confirmed
 * with an SMS code sent to that number, a new address with a link e-mailed to it, and the old
 * value stays in use until then. For everything else the card says whom to contact.
 * Opened from that e-mail (`?confirm-email=…` in the page address), the widget confirms the new
 * address, also without a session, and removes the parameter from the address.
 *
 * @summary The client's personal data; change the mobile number and e-mail address.
 *
 * @fires care-profile-changed - The mobile number or e-mail address changed. `detail: { field, value }`.
 * @fires care-session-expired - The BFF answered 401. `detail: { code, tenant }`.
 *
 * @csspart base - The card around the widget.
 * @csspart heading - The heading "Cliëntprofiel".
 * @csspart name - The client's name.
 * @csspart fields - The list of personal data.
 * @csspart field - One item of the list.
 * @csspart pending - A change that waits for its confirmation.
 * @csspart contact - Whom to contact about the other data.
 * @csspart button - Every button.
 * @csspart toggle - The "Volledig profiel" button.
 * @csspart change-form - The form for a new mobile number or e-mail address.
 * @csspart confirm-form - A code step: the identity code, then the new number's SMS code.
 * @csspart input - Inputs.
 * @csspart code-input - The 6-digit code input.
 * @csspart status - Loading and done messages.
 * @csspart error - Alerts.
 *
 * @cssproperty --care-font-family - Font. Default: inherited.
 * @cssproperty --care-font-size - Base size; everything inside is in em. Default: `medium`, the reader's browser setting.
 * @cssproperty --care-color-text - Text colour.
 * @cssproperty --care-color-text-muted - Labels and hints.
 * @cssproperty --care-color-background - Card and input background.
 * @cssproperty --care-color-surface - Background of forms and the contact note.
 * @cssproperty --care-color-border - Card, input and row borders.
 * @cssproperty --care-color-primary - Buttons and links.
 * @cssproperty --care-color-primary-text - Text on filled buttons.
 * @cssproperty --care-color-focus - Focus outline.
 * @cssproperty --care-color-danger - Errors.
 * @cssproperty --care-color-success - Done messages.
 * @cssproperty --care-radius - Corner radius.
 * @cssproperty --care-space - Base spacing.
 *
 * @attr expanded - Show the full profile (set by "Volledig profiel", reflected).
 * @attr tenant - Slug of the care organisation, when used without `<care-portal>`.
 * @attr api - Base URL of the BFF, when used without `<care-portal>`.
 * @attr lang - `nl` or `en`; when absent, the portal's language.
 */
export class CareProfile extends CareDataElement {
  static override styles = careProfileStyles;

  static override properties = {
    expanded: { type: Boolean, reflect: true },
    profile: { state: true },
    editing: { state: true },
    fieldValue: { state: true },
    fieldError: { state: true },
    passwordValue: { state: true },
    passwordError: { state: true },
    formError: { state: true },
    announcement: { state: true },
    linkOutcome: { state: true },
  };

  declare expanded: boolean;
  declare protected profile: Profile | undefined;
  declare protected editing: EditableField | undefined;
  declare protected fieldValue: string;
  declare protected fieldError: string;
  declare protected passwordValue: string;
  declare protected passwordError: string;
  declare protected formError: string;
  declare protected announcement: string;
  declare protected linkOutcome: { ok: boolean; text: string } | undefined;

  private readonly uid = `care-profile-${++instances}`;
  private readonly confirmation: SmsConfirmation<{ mobile: string }>;
  private readonly identity: SmsConfirmation<IdentityProven>;
  /** The new number's code, sent once the identity code was right; the confirmation step takes it. */
  private nextMobileChallenge: MobileChallenge | undefined;
  private linkChecked = false;

  constructor() {
    super();
    this.expanded = false;
    this.profile = undefined;
    this.editing = undefined;
    this.fieldValue = '';
    this.fieldError = '';
    this.passwordValue = '';
    this.passwordError = '';
    this.formError = '';
    this.announcement = '';
    this.linkOutcome = undefined;
    new MessagesController(this, [profileMessages, confirmationMessages, stateMessages], () => this.locale);
    const shared = { locale: () => this.locale, cancelled: () => this.stopEditing(), handle: (error: ApiError) => this.handleChangeProblem(error) };
    this.confirmation = new SmsConfirmation(this, {
      ...shared,
      id: `${this.uid}-confirm`,
      request: () => this.takeMobileChallenge(),
      confirm: (challenge, code) =>
        this.client!.post<{ mobile: string }>('/profile/mobile/confirm', { challengeId: challenge.challengeId, code }),
      confirmed: ({ mobile }) => this.changed('mobile', mobile, this.m('profile.mobileChanged', { mobile })),
    });
    this.identity = new SmsConfirmation(this, {
      ...shared,
      id: `${this.uid}-identity`,
      request: () => this.requestIdentityCode(),
      confirm: (challenge, code) => this.client!.post<IdentityProven>(`/profile/${this.editing}/verify`, { challengeId: challenge.challengeId, code }),
      confirmed: (result) => this.identityProven(result),
    });
  }

  private m(key: Key, params?: Record<string, string | number>) {
    return profileMessages.t(this.locale, key, params);
  }

  private idFor(name: string) {
    return `${this.uid}-${name}`;
  }

  private focusLater(selector: string) {
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(selector)?.focus());
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    super.willUpdate(changed);
    const client = this.client;
    if (!this.linkChecked && client) {
      this.linkChecked = true;
      void this.confirmEmailLink(client);
    }
  }

  protected override async fetchData(client: CareApiClient, signal: AbortSignal): Promise<void> {
    this.profile = await client.get<Profile>('/profile', { signal });
  }

  protected override clearData(): void {
    this.profile = undefined;
    this.editing = undefined;
    this.confirmation?.reset();
    this.identity?.reset();
  }

  // --- the e-mailed link -----------------------------------------------------------------------------

  private async confirmEmailLink(client: CareApiClient) {
    const url = new URL(location.href);
    const token = url.searchParams.get(CONFIRM_PARAM);
    if (!token) return;
    // The token is single-use: it must not stay in the address bar, the history or a bookmark.
    // Removed before the call, so that a second profile widget on the page leaves it alone.
    url.searchParams.delete(CONFIRM_PARAM);
    history.replaceState(history.state, '', url);
    try {
      const { email } = await client.post<{ email: string }>('/profile/email/confirm', { token });
      this.linkOutcome = { ok: true, text: this.m('profile.emailConfirmed', { email }) };
      if (this.profile) this.profile = { ...this.profile, email, pending: { ...this.profile.pending, email: null } };
      this.dispatchChanged('email', email);
    } catch (error) {
      const apiError = error instanceof ApiError ? error : ApiError.offline(error);
      this.linkOutcome = {
        ok: false,
        text: apiError.code === 'invalid-link' ? this.m('profile.linkInvalid') : apiError.kind === 'offline' ? problemText(apiError, this.locale) : this.m('profile.failed'),
      };
    }
  }

  // --- changing the mobile number or e-mail address -------------------------------------------------

  private toggle() {
    this.expanded = !this.expanded;
  }

  private edit(field: EditableField) {
    this.confirmation.reset();
    this.identity.reset();
    this.editing = field;
    this.fieldValue = '';
    this.fieldError = '';
    this.passwordValue = '';
    this.passwordError = '';
    this.formError = '';
    this.announcement = '';
    this.focusLater(`#${this.idFor('new-value')}`);
  }

  private stopEditing() {
    const field = this.editing;
    this.editing = undefined;
    this.confirmation.reset();
    this.identity.reset();
    this.passwordValue = '';
    this.nextMobileChallenge = undefined;
    if (field) this.focusLater(`[part~="change-${field}"]`);
  }

  private requestIdentityCode(): Promise<CodeChallenge> {
    const value = this.fieldValue.trim();
    const currentPassword = this.passwordValue;
    if (this.editing === 'mobile') return this.client!.post<CodeChallenge>('/profile/mobile', { mobile: value, currentPassword });
    const pageUrl = new URL(location.href);
    pageUrl.hash = '';
    pageUrl.searchParams.delete(CONFIRM_PARAM);
    return this.client!.post<CodeChallenge>('/profile/email', { email: value, currentPassword, pageUrl: pageUrl.href });
  }

  /** The identity code was right: the new number gets its code, or the new address its link. */
  private identityProven(result: IdentityProven) {
    this.passwordValue = '';
    if ('challengeId' in result) {
      this.nextMobileChallenge = result;
      void this.confirmation.start();
      return;
    }
    if (this.profile) this.profile = { ...this.profile, pending: { ...this.profile.pending, email: result.email } };
    this.editing = undefined;
    this.announcement = this.m('profile.linkSent', { email: result.email });
    this.focusLater(`[part~="change-email"]`);
  }

  private takeMobileChallenge(): Promise<MobileChallenge> {
    const challenge = this.nextMobileChallenge;
    this.nextMobileChallenge = undefined;
    // "Nieuwe code aanvragen" for the new number: a new code needs who-you-are proven again.
    if (!challenge) return Promise.reject(new ApiError({ kind: 'problem', status: 0, code: 'prove-again', title: 'Prove again' }));
    if (this.profile) this.profile = { ...this.profile, pending: { ...this.profile.pending, mobile: challenge.mobile } };
    return Promise.resolve(challenge);
  }

  /** Problems the change form shows itself (at its fields); true when handled. */
  private handleChangeProblem(error: ApiError): boolean {
    if (error.kind === 'session-expired') {
      this.editing = undefined;
      this.apiError(error);
      return true;
    }
    const field = this.editing === 'mobile' ? 'Mobile' : 'Email';
    if (error.status === 400 && error.errors.some((e) => e.field === this.editing)) {
      this.fieldError = this.m(`profile.${error.code === 'unchanged' ? 'same' : 'invalid'}${field}`);
      this.focusLater(`#${this.idFor('new-value')}`);
      return true;
    }
    if (error.code === 'wrong-password' || error.code === 'login-delayed') {
      this.passwordError = error.code === 'wrong-password' ? this.m('profile.wrongPassword') : this.m('profile.passwordDelayed', { n: error.retryAfter ?? 60 });
      this.focusLater(`#${this.idFor('password')}`);
      return true;
    }
    if (error.code === 'prove-again') {
      this.confirmation.reset();
      this.identity.reset();
      this.formError = this.m('profile.proveAgain');
      this.focusLater(`#${this.idFor('password')}`);
      return true;
    }
    return false;
  }

  private async submitChange(event: SubmitEvent) {
    event.preventDefault();
    const field = this.editing;
    const value = this.fieldValue.trim();
    const input = this.renderRoot.querySelector<HTMLInputElement>(`#${this.idFor('new-value')}`);
    this.fieldError = '';
    this.passwordError = '';
    this.formError = '';
    if (field === 'mobile') {
      if (!/^[+\d][\d\s().-]{8,}$/.test(value)) this.fieldError = this.m('profile.invalidMobile');
    } else if (field === 'email') {
      if (!value || !input?.checkValidity()) this.fieldError = this.m('profile.invalidEmail');
      else if (value.toLowerCase() === this.profile?.email?.toLowerCase()) this.fieldError = this.m('profile.sameEmail');
    }
    if (!this.fieldError && !this.passwordValue) this.passwordError = this.m('profile.passwordRequired');
    if (this.fieldError) this.focusLater(`#${this.idFor('new-value')}`);
    else if (this.passwordError) this.focusLater(`#${this.idFor('password')}`);
    else await this.identity.start();
  }

  private changed(field: EditableField, value: string, announcement: string) {
    if (this.profile) this.profile = { ...this.profile, [field]: value, pending: { ...this.profile.pending, [field]: null } };
    this.editing = undefined;
    this.announcement = announcement;
    this.focusLater(`[part~="change-${field}"]`);
    this.dispatchChanged(field, value);
  }

  private dispatchChanged(field: EditableField, value: string) {
    this.dispatchEvent(new CustomEvent<CareProfileChangedDetail>('care-profile-changed', { detail: { field, value }, bubbles: true, composed: true }));
  }

  // --- rendering -----------------------------------------------------------------------------------

  protected override render() {
    const state = this.loadState;
    const link = this.linkOutcome;
    return html`<section part="base" aria-labelledby=${this.idFor('heading')}>
      <div class="header">
        <h2 part="heading" id=${this.idFor('heading')} tabindex="-1">${this.m('profile.heading')}</h2>
      </div>
      ${link && !link.ok ? html`<div part="error" role="alert"><p>${link.text}</p></div>` : nothing}
      <p part="status" class="status" role="status">${link?.ok ? link.text : ''}${link?.ok && this.announcement ? ' ' : ''}${this.announcement}</p>
      <div class="results" aria-busy=${state.status === 'loading' ? 'true' : 'false'}>
        ${renderLoadState(state, this.locale, () => this.reload())}
        ${state.status === 'ready' && this.profile ? this.renderProfile(this.profile) : nothing}
      </div>
    </section>`;
  }

  private renderProfile(p: Profile) {
    const locale = this.locale;
    const unknown = this.m('profile.unknown');
    const row = (label: Key, value: string | null, extra: unknown = nothing) =>
      html`<div part="field" class="row">
        <dt>${this.m(label)}</dt>
        <dd>${value ?? html`<span class="muted">${unknown}</span>`}${extra}</dd>
      </div>`;
    const age = p.age === null ? null : this.m('profile.years', { n: p.age });
    const address = p.address ? `${p.address.street} ${p.address.houseNumber}, ${p.address.postalCode} ${p.address.city}` : null;
    return html`<p part="name" class="name">${p.name}</p>
      <dl part="fields" class="fields-list" id=${this.idFor('details')}>
        ${row('profile.dateOfBirth', formatDate(p.dateOfBirth, locale))} ${row('profile.age', age)}
        ${this.expanded
          ? html`${row('profile.maritalStatus', p.maritalStatus)} ${row('profile.placeOfBirth', p.placeOfBirth)}
            ${row('profile.nationality', p.nationality)} ${row('profile.bsn', p.bsn)} ${row('profile.address', address)}
            ${row('profile.addressExtra', p.address?.extra ?? null)} ${row('profile.phone', p.phone)}
            ${row('profile.mobile', p.mobile, this.renderEditable(p, 'mobile'))} ${row('profile.email', p.email, this.renderEditable(p, 'email'))}`
          : nothing}
      </dl>
      ${this.editing ? this.renderChangeForm(this.editing) : nothing}
      <div class="actions">
        <button
          type="button"
          part="button toggle"
          class="button button--secondary"
          aria-expanded=${this.expanded ? 'true' : 'false'}
          aria-controls=${this.idFor('details')}
          @click=${this.toggle}
        >
          ${this.m(this.expanded ? 'profile.short' : 'profile.full')}
        </button>
      </div>
      ${this.renderContact(p.contact)}`;
  }

  private renderEditable(p: Profile, field: EditableField): TemplateResult | typeof nothing {
    const pending = p.pending[field];
    const can = p.editable.includes(field);
    return html`${pending && pending !== p[field]
      ? html`<span part="pending" class="pending">${this.m(field === 'mobile' ? 'profile.pending.mobile' : 'profile.pending.email', { value: pending })}</span>`
      : nothing}
    ${can && this.editing !== field
      ? html`<button type="button" part="button change-${field}" class="link-button change" @click=${() => this.edit(field)}>
          ${this.m('profile.change')}<span class="visually-hidden"> ${this.m(field === 'mobile' ? 'profile.change.mobile' : 'profile.change.email')}</span>
        </button>`
      : nothing}`;
  }

  private renderChangeForm(field: EditableField) {
    const c = this.confirmation;
    const identity = this.identity;
    if (field === 'mobile' && c.challenge) {
      return c.render(this.m('profile.confirmMobile', { mobile: (c.challenge as MobileChallenge).mobile }));
    }
    if (identity.challenge) return identity.render(this.m('profile.identity'));
    const mobile = field === 'mobile';
    const error = this.fieldError;
    const formError = this.formError || identity.error || (mobile ? c.error : '');
    const describedBy = `${this.idFor('new-hint')}${error ? ` ${this.idFor('new-error')}` : ''}`;
    const busy = identity.busy || c.busy;
    return html`<form part="change-form" class="form" novalidate @submit=${this.submitChange}>
      <div class="field">
        <label for=${this.idFor('new-value')}>${this.m(mobile ? 'profile.newMobile' : 'profile.newEmail')}</label>
        <p class="hint" id=${this.idFor('new-hint')}>${this.m(mobile ? 'profile.newMobileHint' : 'profile.newEmailHint')}</p>
        <input
          part="input"
          id=${this.idFor('new-value')}
          name=${mobile ? 'mobile' : 'email'}
          type=${mobile ? 'tel' : 'email'}
          autocomplete=${mobile ? 'tel' : 'email'}
          inputmode=${mobile ? 'tel' : 'email'}
          spellcheck="false"
          .value=${this.fieldValue}
          aria-invalid=${error ? 'true' : 'false'}
          aria-describedby=${describedBy}
          @input=${(e: InputEvent) => {
            this.fieldValue = (e.target as HTMLInputElement).value;
          }}
        />
        ${error ? html`<p class="field-error" id=${this.idFor('new-error')} role="alert">${error}</p>` : nothing}
      </div>
      <div class="field">
        <label for=${this.idFor('password')}>${this.m('profile.currentPassword')}</label>
        <input
          part="input"
          id=${this.idFor('password')}
          name="currentPassword"
          type="password"
          autocomplete="current-password"
          .value=${this.passwordValue}
          aria-invalid=${this.passwordError ? 'true' : 'false'}
          aria-describedby=${this.passwordError ? this.idFor('password-error') : nothing}
          @input=${(e: InputEvent) => {
            this.passwordValue = (e.target as HTMLInputElement).value;
          }}
        />
        ${this.passwordError ? html`<p class="field-error" id=${this.idFor('password-error')} role="alert">${this.passwordError}</p>` : nothing}
      </div>
      ${formError ? html`<div part="error" role="alert"><p>${formError}</p></div>` : nothing}
      <div class="actions">
        <button type="submit" part="button submit" class="button" aria-disabled=${busy ? 'true' : 'false'}>${this.m('profile.continue')}</button>
        <button type="button" part="button cancel" class="button button--secondary" @click=${this.stopEditing}>${this.m('profile.cancel')}</button>
      </div>
    </form>`;
  }

  private renderContact(contact: Profile['contact']) {
    return html`<div part="contact" class="notice contact">
      <p>${this.m('profile.readOnly')} ${this.m('profile.contactText')}</p>
      <p>
        <strong>${contact.organisation}</strong>
        ${contact.phone
          ? html`<br />${this.m('profile.contactPhone')}: <a href=${`tel:${contact.phone.replace(/[^\d+]/g, '')}`}>${contact.phone}</a>`
          : nothing}
        ${contact.email ? html`<br />${this.m('profile.contactEmail')}: <a href=${`mailto:${contact.email}`}>${contact.email}</a>` : nothing}
      </p>
    </div>`;
  }
}
