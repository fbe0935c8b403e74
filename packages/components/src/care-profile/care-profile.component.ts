import { html, nothing, type TemplateResult } from 'lit';
import type { ApiError, CareApiClient } from '../shared/api-client.js';
import { CareDataElement } from '../shared/care-data-element.js';
import { formatDate } from '../shared/date-format.js';
import { emit } from '../shared/events.js';
import { focusAfterUpdate } from '../shared/focus.js';
import { renderLoadState } from '../shared/states.js';
import { profileMessages, type nl } from './care-profile.messages.js';
import { careProfileStyles } from './care-profile.styles.js';
import type { DossierDownload } from './dossier-download.js';
import type { OwnAccountDetails } from './own-account.js';
import type { ProfilePartHost } from './part-host.js';
import type { ChangeHost, EditableField, LinkHost, ProfileChange } from './profile-change.js';
export type { EditableField };
import type { Profile } from '@care-widgets/bff/api-types';
export type { Profile };

const loadChange = () => import('./profile-change.js');
const loadDossier = () => import('./dossier-download.js');
const loadOwn = () => import('./own-account.js');

/** "Dorpsstraat 12, 1234 AB Ede"; the parts the ECD left empty are left out, not shown as "null". */
export function addressLine({ street, houseNumber, postalCode, city }: NonNullable<Profile['address']>): string | null {
  const part = (...values: Array<string | null>) => values.filter(Boolean).join(' ');
  return [part(street, houseNumber), part(postalCode, city)].filter(Boolean).join(', ') || null;
}

export interface CareProfileChangedDetail {
  field: EditableField;
  value: string;
}

type Key = keyof typeof nl;

/**
 * The client's personal data ("Cliëntprofiel"): a short card with name, date of birth and age, and
 * "Volledig profiel" for every field of the client record (the BSN masked as the BFF gives it).
 * Only the mobile number and the e-mail address can be changed here (seed 001). A change first
 * asks for the current password and a code through the current second factor (an SMS to the
 * current number, an e-mail to the current address or the authenticator app), so that an
 * unattended session cannot move the login codes elsewhere; then a new mobile number is confirmed
 * with an SMS code sent to that number, a new address with a link e-mailed to it, and the old
 * value stays in use until then. For everything else the card says whom to contact. A contact
 * person sees "Uw eigen gegevens" besides (or, without the profile right, instead of) the
 * client's data: the mobile number of their own login codes and their own e-mail address, changed
 * the same safe way.
 * The client (and a legal representative) can download the whole file as one ZIP of PDFs and
 * JSON, "Download mijn dossier" (Wabvpz art. 15d).
 * Opened from that e-mail (`?confirm-email=…` in the page address), the widget confirms the new
 * address, also without a session, and removes the parameter from the address.
 *
 * @summary The client's personal data; change the mobile number and e-mail address.
 *
 * @fires care-profile-changed - The mobile number or e-mail address changed: the client's, or a contact person's own. `detail: { field, value }`.
 * @fires care-session-expired - The BFF answered 401. `detail: { code, tenant }`.
 *
 * @csspart base - The card around the widget.
 * @csspart heading - The heading "Cliëntprofiel".
 * @csspart name - The client's name.
 * @csspart own - "Uw eigen gegevens": a contact person's own mobile number and e-mail address.
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
 * @csspart dossier - "Download mijn dossier": the note, the button and its messages.
 * @csspart dossier-download - The "Download mijn dossier" button.
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
export class CareProfile extends CareDataElement<Key> {
  static override styles = careProfileStyles;

  static override properties = {
    expanded: { type: Boolean, reflect: true },
    profile: { state: true },
    editing: { state: true },
    announcement: { state: true },
    linkOutcome: { state: true },
  };

  declare expanded: boolean;
  declare protected profile: Profile | undefined;
  declare protected editing: EditableField | undefined;
  declare protected announcement: string;
  declare protected linkOutcome: { ok: boolean; text: string } | undefined;
  /** "Download mijn dossier", loaded once the profile says this person may download the file. */
  private dossier: DossierDownload | undefined;
  /** "Uw eigen gegevens", loaded only for a contact person. */
  private own: OwnAccountDetails | undefined;

  /** The change of mobile number or e-mail address, loaded on the first "Wijzigen". */
  private change: ProfileChange | undefined;
  private linkChecked = false;

  constructor() {
    super(profileMessages);
    this.expanded = false;
    this.profile = undefined;
    this.editing = undefined;
    this.announcement = '';
    this.linkOutcome = undefined;
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    super.willUpdate(changed);
    const client = this.client;
    if (!this.linkChecked && client) {
      this.linkChecked = true;
      // Opened from the e-mailed link (`?confirm-email=`): its confirmation loads only then.
      if (/[?&]confirm-email=/.test(location.search))
        void loadChange().then((m) => m.confirmEmailLink(this as unknown as LinkHost, client));
    }
  }

  protected override async fetchData(client: CareApiClient, signal: AbortSignal): Promise<void> {
    const profile = client.get<Profile>('/profile', { signal });
    // Only a contact person is refused the client's data or may not change it: their own account they may.
    if (
      await profile.then(
        (p) => !p.editable.length,
        (error: ApiError) => error.code === 'no-right',
      )
    )
      void this.loadOwn(client, signal);
    this.profile = await profile;
    if (this.profile.mayDownloadDossier && !this.dossier) void this.loadDossier();
  }

  private async loadDossier() {
    const { DossierDownload } = await loadDossier();
    // Its host is this element; client, locale, idFor and apiError are protected members.
    this.dossier ??= new DossierDownload(this as unknown as ProfilePartHost);
    this.requestUpdate();
  }

  private async loadOwn(client: CareApiClient, signal: AbortSignal) {
    const { OwnAccountDetails } = await loadOwn();
    return (this.own ??= new OwnAccountDetails(this as unknown as ProfilePartHost)).load(client, signal);
  }

  protected override clearData(): void {
    this.profile = undefined;
    this.dossier?.reset();
    this.own?.reset();
    this.editing = undefined;
    this.change?.reset();
  }

  // --- changing the mobile number or e-mail address -------------------------------------------------

  private toggle() {
    this.expanded = !this.expanded;
  }

  private async edit(field: EditableField) {
    this.announcement = '';
    const { ProfileChange } = await loadChange();
    this.change ??= new ProfileChange(this.changeHost());
    this.editing = field;
    this.change.start(field);
  }

  private changeHost(): ChangeHost {
    const pending = (field: EditableField, value: string) => {
      if (this.profile) this.profile = { ...this.profile, pending: { ...this.profile.pending, [field]: value } };
    };
    return {
      element: this,
      client: () => this.client!,
      locale: () => this.locale,
      currentEmail: () => this.profile?.email ?? null,
      idFor: (name) => this.idFor(name),
      pending,
      sessionEnded: (error) => {
        this.editing = undefined;
        this.apiError(error);
      },
      changed: (field, value, announcement) => this.changed(field, value, announcement),
      linkSent: (email, announcement) => {
        pending('email', email);
        this.editing = undefined;
        this.announcement = announcement;
        focusAfterUpdate(this, `[part~="change-email"]`);
      },
      stop: () => this.stopEditing(),
    };
  }

  private stopEditing() {
    const field = this.editing;
    this.editing = undefined;
    this.change?.reset();
    if (field) focusAfterUpdate(this, `[part~="change-${field}"]`);
  }

  private changed(field: EditableField, value: string, announcement: string) {
    if (this.profile) this.profile = { ...this.profile, [field]: value, pending: { ...this.profile.pending, [field]: null } };
    this.editing = undefined;
    this.announcement = announcement;
    focusAfterUpdate(this, `[part~="change-${field}"]`);
    this.dispatchChanged(field, value);
  }

  private dispatchChanged(field: EditableField, value: string) {
    emit(this, 'care-profile-changed', { field, value });
  }

  // --- rendering -----------------------------------------------------------------------------------

  protected override render() {
    const state = this.loadState;
    const link = this.linkOutcome;
    return html`<section part="base" aria-labelledby=${this.idFor('heading')}>
      <div class="header">
        <h2 part="heading" id=${this.idFor('heading')} tabindex="-1">${this.t('profile.heading')}</h2>
      </div>
      ${link && !link.ok ? html`<div part="error" role="alert"><p>${link.text}</p></div>` : nothing}
      <p part="status" class="status" role="status">${link?.ok ? link.text : ''}${link?.ok && this.announcement ? ' ' : ''}${this.announcement}</p>
      <div class="results" aria-busy=${state.status === 'loading' ? 'true' : 'false'}>
        ${renderLoadState(state, this.locale, () => this.reload())}
        ${state.status === 'ready' && this.profile ? this.renderProfile(this.profile) : nothing}
      </div>
      ${this.own?.render()}
    </section>`;
  }

  private renderProfile(p: Profile) {
    const locale = this.locale;
    const unknown = this.t('profile.unknown');
    const row = (label: Key, value: string | null, extra: unknown = nothing) =>
      html`<div part="field" class="row">
        <dt>${this.t(label)}</dt>
        <dd>${value ?? html`<span class="muted">${unknown}</span>`}${extra}</dd>
      </div>`;
    const age = p.age === null ? null : this.t('profile.years', { n: p.age });
    const address = p.address && addressLine(p.address);
    return html`<p part="name" class="name">${p.name}</p>
      <dl part="fields" class="fields-list" id=${this.idFor('details')}>
        ${row('profile.dateOfBirth', formatDate(p.dateOfBirth, locale))} ${row('profile.age', age)}
        ${
          this.expanded
            ? html`${row('profile.maritalStatus', p.maritalStatus)} ${row('profile.placeOfBirth', p.placeOfBirth)}
            ${row('profile.nationality', p.nationality)} ${row('profile.bsn', p.bsn)} ${row('profile.address', address)}
            ${row('profile.addressExtra', p.address?.extra ?? null)} ${row('profile.phone', p.phone)}
            ${row('profile.mobile', p.mobile, this.renderEditable(p, 'mobile'))} ${row('profile.email', p.email, this.renderEditable(p, 'email'))}`
            : nothing
        }
      </dl>
      ${this.editing ? this.change?.render() : nothing}
      <div class="actions">
        <button
          type="button"
          part="button toggle"
          class="button button--secondary"
          aria-expanded=${this.expanded ? 'true' : 'false'}
          aria-controls=${this.idFor('details')}
          @click=${this.toggle}
        >
          ${this.t(this.expanded ? 'profile.short' : 'profile.full')}
        </button>
      </div>
      ${p.mayDownloadDossier && this.dossier ? this.dossier.render() : nothing} ${this.renderContact(p.contact)}`;
  }

  private renderEditable(p: Profile, field: EditableField): TemplateResult | typeof nothing {
    const pending = p.pending[field];
    const can = p.editable.includes(field);
    return html`${
      pending && pending !== p[field]
        ? html`<span part="pending" class="pending">${this.t(field === 'mobile' ? 'profile.pending.mobile' : 'profile.pending.email', { value: pending })}</span>`
        : nothing
    }
    ${
      can && this.editing !== field
        ? html`<button type="button" part="button change-${field}" class="link-button change" @click=${() => this.edit(field)}>
          ${this.t('profile.change')}<span class="visually-hidden"> ${this.t(field === 'mobile' ? 'profile.change.mobile' : 'profile.change.email')}</span>
        </button>`
        : nothing
    }`;
  }

  private renderContact(contact: Profile['contact']) {
    return html`<div part="contact" class="notice contact">
      <p>${this.t('profile.readOnly')} ${this.t('profile.contactText')}</p>
      <p>
        <strong>${contact.organisation}</strong>
        ${
          contact.phone
            ? html`<br />${this.t('profile.contactPhone')}: <a href=${`tel:${contact.phone.replace(/[^\d+]/g, '')}`}>${contact.phone}</a>`
            : nothing
        }
        ${contact.email ? html`<br />${this.t('profile.contactEmail')}: <a href=${`mailto:${contact.email}`}>${contact.email}</a>` : nothing}
      </p>
    </div>`;
  }
}
