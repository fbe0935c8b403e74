import { html, nothing } from 'lit';
import type { ApiError, CareApiClient } from '../shared/api-client.js';
import { CareDataElement } from '../shared/care-data-element.js';
import { emit } from '../shared/events.js';
import { focusAfterUpdate } from '../shared/focus.js';
import type { Params } from '../shared/messages.js';
import { confirmationMessages } from '../shared/sms-confirmation/sms-confirmation.messages.js';
import { SmsConfirmation, type CodeChallenge } from '../shared/sms-confirmation/sms-confirmation.js';
import { problemText, renderLoadState } from '../shared/states.js';
import { contactsMessages, type ContactsKey } from './care-contacts.messages.js';
import { careContactsStyles } from './care-contacts.styles.js';

/** The areas of the portal a right is given for (docs/rights-model.md); `board` is for later. */
export type RightArea = 'reports' | 'measurements' | 'agenda' | 'messages' | 'plan' | 'profile' | 'board' | 'accessLog';
export type ContactRights = Record<RightArea, boolean>;

/** A person with access to the client portal, as GET /contacts answers. */
export interface Contact {
  id: string;
  name: string;
  email: string | null;
  mobile: string | null;
  relationship: string;
  /** Dutch, as the portal shows it: "dochter". */
  relationshipLabel: string;
  rights: ContactRights;
  /** Set by the organisation (legal representative): the client cannot change or remove it. */
  locked: boolean;
  legalRepresentative: boolean;
  status: 'invited' | 'active' | 'disabled';
  /** Invited: until when the newest invitation link works; null once it expired or was used up. */
  invitationValidUntil: string | null;
  addedAt: string;
}

export interface CareContactChangedDetail {
  /** `added`, `changed` or `removed`. */
  change: 'added' | 'changed' | 'removed';
  contactId: string;
}

interface CodeSent extends CodeChallenge {
  widens: RightArea[];
}

/** The areas the form offers, in this order. */
const shownAreas: Exclude<RightArea, 'board'>[] = ['reports', 'measurements', 'agenda', 'messages', 'plan', 'profile', 'accessLog'];
/** What the client may choose; a legal representative is the organisation's to register. */
const choosable = [
  'partner',
  'daughter',
  'son',
  'parent',
  'sibling',
  'grandchild',
  'family',
  'informal-carer',
  'friend',
  'neighbour',
  'other',
];
const legal = ['legal-representative', 'mentor', 'curator', 'administrator'];
const fieldOrder = ['name', 'email', 'mobile', 'relationship'];

interface Draft {
  /** The contact whose rights change; undefined: a new person. */
  id: string | undefined;
  name: string;
  email: string;
  mobile: string;
  relationship: string;
  rights: ContactRights;
}

/** A Dutch mobile number (06…, +316…, 00316…) or an international one, as the BFF accepts it. */
function isMobile(input: string): boolean {
  const compact = input.replace(/[\s.\-()]/g, '');
  return /^(?:0|\+310?|00310?)6\d{8}$/.test(compact) || /^\+[1-9]\d{7,14}$/.test(compact);
}

/**
 * "Contactpersonen" (issue 16): the people the client lets into the portal, alphabetically, each
 * with their relation and what they may see. The client adds a person (name, e-mail, mobile
 * number, relation and a right per area, each explained), changes the rights and removes a person,
 * and sends the invitation again to a person who has not signed up (the earlier link stops working);
 * adding someone or widening a right is confirmed with a fresh SMS code. People the organisation
 * registered (legal representatives) carry a lock and cannot be changed or removed.
 *
 * @summary The client's contact persons and their rights: add, change, remove.
 *
 * @fires care-contact-changed - A person was added, their rights changed, or removed. `detail: { change, contactId }`.
 * @fires care-session-expired - The BFF answered 401. `detail: { code, tenant }`.
 *
 * @csspart base - The card around the widget.
 * @csspart heading - The heading "Contactpersonen".
 * @csspart list - The list of people.
 * @csspart item - One person.
 * @csspart name - A person's name.
 * @csspart lock - The lock of a person set by the organisation.
 * @csspart rights - What a person may see.
 * @csspart form - The form to add a person or change rights.
 * @csspart warning - Seed 001's advice above the rights.
 * @csspart input - Text inputs, the relation select and the code input.
 * @csspart confirm-form - The SMS code step.
 * @csspart code-input - The 6-digit code input.
 * @csspart dialog - The "Verwijderen?" dialog.
 * @csspart button - Every button.
 * @csspart status - Loading and done messages.
 * @csspart error - Alerts.
 *
 * @cssproperty --care-font-family - Font. Default: inherited.
 * @cssproperty --care-font-size - Base size; everything inside is in em. Default: `medium`, the reader's browser setting.
 * @cssproperty --care-color-text - Text colour.
 * @cssproperty --care-color-text-muted - Hints.
 * @cssproperty --care-color-background - Card and input background.
 * @cssproperty --care-color-surface - Background of forms.
 * @cssproperty --care-color-border - Card, input and item borders.
 * @cssproperty --care-color-primary - Buttons.
 * @cssproperty --care-color-primary-text - Text on filled buttons.
 * @cssproperty --care-color-focus - Focus outline.
 * @cssproperty --care-color-danger - Errors and "Verwijderen".
 * @cssproperty --care-color-warning-text - The advice about rights.
 * @cssproperty --care-radius - Corner radius.
 * @cssproperty --care-space - Base spacing.
 *
 * @attr tenant - Slug of the care organisation, when used without `<care-portal>`.
 * @attr api - Base URL of the BFF, when used without `<care-portal>`.
 * @attr lang - `nl` or `en`; when absent, the portal's language.
 */
export class CareContacts extends CareDataElement<ContactsKey> {
  static override styles = careContactsStyles;

  static override properties = {
    contacts: { state: true },
    draft: { state: true },
    errors: { state: true },
    formError: { state: true },
    saving: { state: true },
    announcement: { state: true },
    resending: { state: true },
    itemError: { state: true },
  };

  declare protected contacts: Contact[];
  declare protected draft: Draft | undefined;
  declare protected errors: Record<string, string>;
  declare protected formError: string;
  declare protected saving: boolean;
  declare protected announcement: string;
  /** The person whose invitation is being sent again. */
  declare protected resending: string | undefined;
  /** Why sending a person's invitation again failed, shown at that person. */
  declare protected itemError: { id: string; text: string } | undefined;

  /** The code the first request already sent: the confirmation step starts with it. */
  private sent: CodeSent | undefined;
  private readonly confirmation: SmsConfirmation<Contact>;
  private readonly removal = this.confirmDialog<Contact>({
    id: `${this.uid}-dialog`,
    confirmed: (contact) => this.removeContact(contact),
    showBusy: true,
  });

  constructor() {
    super(contactsMessages, confirmationMessages);
    this.contacts = [];
    this.draft = undefined;
    this.errors = {};
    this.formError = '';
    this.saving = false;
    this.announcement = '';
    this.resending = undefined;
    this.itemError = undefined;
    this.confirmation = new SmsConfirmation<Contact>(this, {
      id: `${this.uid}-confirm`,
      locale: () => this.locale,
      request: () => this.requestCode(),
      confirm: (challenge, code) => this.confirmCode(challenge, code),
      confirmed: (contact) => this.saved(contact),
      cancelled: () => focusAfterUpdate(this, 'form [name="relationship"]'),
      handle: (error) => this.handleCodeProblem(error),
    });
  }

  protected override async fetchData(client: CareApiClient, signal: AbortSignal): Promise<void> {
    const { items } = await client.get<{ items: Contact[] }>('/contacts', { signal });
    this.contacts = this.sorted(items);
  }

  protected override clearData(): void {
    this.contacts = [];
    this.draft = undefined;
    this.sent = undefined;
    this.confirmation?.reset();
    this.removal?.reset();
  }

  /** Alphabetical, as seed 001 lists them. */
  private sorted(contacts: Contact[]) {
    return [...contacts].sort((a, b) => a.name.localeCompare(b.name, 'nl'));
  }

  private relation(contact: Contact) {
    return [...choosable, ...legal].includes(contact.relationship)
      ? this.t(`rel.${contact.relationship}` as ContactsKey)
      : contact.relationshipLabel;
  }

  // --- the form ----------------------------------------------------------------------------------

  private open(contact?: Contact) {
    this.confirmation.reset();
    this.sent = undefined;
    this.draftKey.reset();
    this.announcement = '';
    this.errors = {};
    this.formError = '';
    const rights = contact ? { ...contact.rights } : (Object.fromEntries(shownAreas.map((a) => [a, false])) as ContactRights);
    this.draft = {
      id: contact?.id,
      name: contact?.name ?? '',
      email: '',
      mobile: '',
      relationship: contact?.relationship ?? '',
      rights: { ...rights, board: rights.board ?? false },
    };
    focusAfterUpdate(this, contact ? 'form [name="relationship"]' : 'form [name="name"]');
  }

  private close() {
    const id = this.draft?.id;
    this.draft = undefined;
    this.sent = undefined;
    this.confirmation.reset();
    focusAfterUpdate(this, id ? `[data-contact="${id}"] [part~="change"]` : '[part~="add"]');
  }

  private validate(draft: Draft): Record<string, string> {
    const errors: Record<string, string> = {};
    if (!draft.id) {
      const name = draft.name.trim();
      if (!name) errors['name'] = this.t('error.name');
      else if (name.length > 100) errors['name'] = this.t('error.nameLong');
      if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(draft.email.trim()) || draft.email.trim().length > 254)
        errors['email'] = this.t('error.email');
      if (!isMobile(draft.mobile)) errors['mobile'] = this.t('error.mobile');
    }
    if (!choosable.includes(draft.relationship)) errors['relationship'] = this.t('error.relationship');
    return errors;
  }

  private body(draft: Draft) {
    const change = { relationship: draft.relationship, rights: draft.rights };
    return draft.id ? change : { name: draft.name.trim(), email: draft.email.trim(), mobile: draft.mobile.trim(), ...change };
  }

  /** POST /contacts or PUT /contacts/:id: a code when it hands out more, else (a narrower right) done. */
  private send(): Promise<CodeSent | Contact> {
    const draft = this.draft!;
    return draft.id
      ? this.client!.put<CodeSent | Contact>(`/contacts/${draft.id}`, this.body(draft))
      : this.client!.post<CodeSent>('/contacts', { ...this.body(draft), pageUrl: location.href.split('#')[0] });
  }

  private async submit(event: SubmitEvent) {
    event.preventDefault();
    const draft = this.draft;
    if (!draft || this.saving || this.confirmation.busy) return;
    this.errors = this.validate(draft);
    this.formError = '';
    if (Object.keys(this.errors).length) {
      focusAfterUpdate(this, 'form [aria-invalid="true"]');
      return;
    }
    this.saving = true;
    try {
      const answer = await this.send();
      if ('challengeId' in answer) {
        this.sent = answer;
        await this.confirmation.start();
      } else {
        this.saved(answer);
      }
    } catch (error) {
      this.showProblem(this.apiError(error));
    } finally {
      this.saving = false;
    }
  }

  /** The first code came with the request; "Nieuwe code aanvragen" asks the same again. */
  private async requestCode(): Promise<CodeChallenge> {
    const sent = this.sent;
    this.sent = undefined;
    const answer = sent ?? (await this.send());
    if (!('challengeId' in answer)) {
      // Nothing is widened any more (changed meanwhile): the change is already saved.
      this.saved(answer);
      throw Object.assign(new Error('saved'), { name: 'ApiError', kind: 'problem', code: 'saved', status: 200 });
    }
    return answer;
  }

  private confirmCode(challenge: CodeChallenge, code: string): Promise<Contact> {
    const draft = this.draft!;
    const body = { ...this.body(draft), challengeId: challenge.challengeId, code };
    return draft.id
      ? this.client!.put<Contact>(`/contacts/${draft.id}/confirm`, body)
      : this.client!.post<Contact>('/contacts/confirm', body, { idempotencyKey: this.draftKey.for(body) });
  }

  /** A 401 ends the session; a refused field (or a person added meanwhile) goes back to the form. */
  private handleCodeProblem(error: ApiError): boolean {
    if (error.code === 'saved') return true;
    if (error.kind === 'session-expired') {
      this.draft = undefined;
      this.apiError(error);
      return true;
    }
    const refused =
      (error.status === 400 && error.errors.some((e) => fieldOrder.includes(e.field))) ||
      (error.status === 409 && error.code.startsWith('contact-'));
    if (refused) this.showProblem(error);
    return refused;
  }

  /** The BFF's refusal in the widget's own words, at the field it names where it names one. */
  private showProblem(error: ApiError) {
    if (error.kind === 'session-expired') {
      this.draft = undefined;
      return;
    }
    const errors: Record<string, string> = {};
    if (error.code === 'contact-exists') errors['email'] = this.t('error.exists');
    else if (error.code === 'contact-is-client') errors['email'] = this.t('error.self');
    for (const { field } of error.errors) {
      if (fieldOrder.includes(field) && !errors[field]) errors[field] = this.t(`error.${field}` as ContactsKey);
    }
    this.errors = errors;
    if (Object.keys(errors).length) focusAfterUpdate(this, 'form [aria-invalid="true"]');
    else {
      const code = (key: 'code.tooMany' | 'code.noMobile', params?: Params) => confirmationMessages.t(this.locale, key, params);
      this.formError =
        error.status === 429
          ? code('code.tooMany', { n: Math.max(1, Math.ceil((error.retryAfter ?? 900) / 60)) })
          : error.code === 'no-mobile'
            ? code('code.noMobile')
            : error.kind === 'offline' || error.status === 403
              ? problemText(error, this.locale)
              : this.common('state.saveError');
      focusAfterUpdate(this, 'form [part~="error"]');
    }
  }

  private saved(contact: Contact) {
    const added = !this.draft?.id;
    this.contacts = this.sorted([...this.contacts.filter((c) => c.id !== contact.id), contact]);
    this.announcement = added
      ? this.t('added', { name: contact.name, email: contact.email ?? '' })
      : this.t('changed', { name: contact.name });
    this.draftKey.reset();
    this.close();
    emit(this, 'care-contact-changed', { change: added ? 'added' : 'changed', contactId: contact.id });
  }

  /** A new invitation link for a person who has not signed up; the BFF stops the earlier one. */
  private async resendInvitation(contact: Contact): Promise<void> {
    if (this.resending) return;
    this.resending = contact.id;
    this.itemError = undefined;
    this.announcement = '';
    try {
      const sent = await this.client!.post<{ email: string; validUntil: string }>(`/contacts/${contact.id}/invitation`, {
        pageUrl: location.href.split('#')[0],
      });
      this.contacts = this.contacts.map((c) => (c.id === contact.id ? { ...c, invitationValidUntil: sent.validUntil } : c));
      this.announcement = this.t('resent', { email: sent.email });
    } catch (error) {
      const problem = this.apiError(error);
      if (problem.kind === 'session-expired') return;
      if (problem.code === 'contact-active') {
        this.contacts = this.contacts.map((c) => (c.id === contact.id ? { ...c, status: 'active', invitationValidUntil: null } : c));
        this.announcement = this.t('resend.active', { name: contact.name });
        return;
      }
      const text =
        problem.status === 429
          ? this.t('resend.tooMany')
          : problem.kind === 'offline' || problem.status === 403 || problem.status === 404
            ? problemText(problem, this.locale)
            : this.common('state.saveError');
      this.itemError = { id: contact.id, text };
      focusAfterUpdate(this, `[data-contact="${contact.id}"] [part~="error"]`);
    } finally {
      this.resending = undefined;
    }
  }

  private async removeContact(contact: Contact): Promise<void> {
    try {
      await this.client!.delete(`/contacts/${contact.id}`);
    } catch (error) {
      const problem = this.apiError(error);
      // Gone already (another tab): what the client wanted.
      if (problem.status !== 404) {
        this.removal.failed(problem);
        return;
      }
    }
    this.contacts = this.contacts.filter((c) => c.id !== contact.id);
    this.announcement = this.t('removed', { name: contact.name });
    this.removal.done();
    emit(this, 'care-contact-changed', { change: 'removed', contactId: contact.id });
  }

  // --- rendering ---------------------------------------------------------------------------------

  protected override render() {
    const state = this.loadState;
    const ready = state.status === 'ready';
    return html`<section part="base" aria-labelledby=${this.idFor('heading')}>
        <div class="header">
          <h2 part="heading" id=${this.idFor('heading')} tabindex="-1">${this.t('heading')}</h2>
          ${
            ready && !this.draft
              ? html`<button type="button" part="button add" class="button button--secondary" @click=${() => this.open()}>${this.t('add')}</button>`
              : nothing
          }
        </div>
        <p class="hint">${this.t('intro')}</p>
        ${ready && this.draft && !this.draft.id ? this.renderEditor(this.draft) : nothing}
        <p part="status" class="status" role="status">${this.announcement}</p>
        <div class="results" aria-busy=${state.status === 'loading' ? 'true' : 'false'}>
          ${renderLoadState(state, this.locale, () => this.reload())} ${ready ? this.renderList() : nothing}
        </div>
      </section>
      ${this.removal.render((contact) => ({
        title: this.t('remove.title'),
        text: this.t('remove.text'),
        subject: html`<strong>${contact.name}</strong> (${this.relation(contact)})`,
      }))}`;
  }

  private renderList() {
    if (!this.contacts.length) return html`<p part="status" class="state state--empty">${this.t('empty')}</p>`;
    return html`<ul part="list" class="plain contacts" aria-labelledby=${this.idFor('heading')}>
      ${this.contacts.map((contact) => this.renderContact(contact))}
    </ul>`;
  }

  private renderContact(contact: Contact) {
    const areas = shownAreas.filter((area) => contact.rights[area]).map((area) => this.t(`area.${area}`));
    const editing = this.draft?.id === contact.id ? this.draft : undefined;
    return html`<li part="item" class="contact" data-contact=${contact.id}>
      <p class="who">
        <strong part="name">${contact.name}</strong> <span class="relation">(${this.relation(contact)})</span>
        ${
          contact.locked
            ? html`<span part="lock" class="lock" role="img" aria-label=${this.t('locked')} title=${this.t('locked')}>
              <svg viewBox="0 0 16 16" width="1em" height="1em" aria-hidden="true" focusable="false">
                <path fill="currentColor" d="M8 1a3.5 3.5 0 0 0-3.5 3.5V7H3.5A1.5 1.5 0 0 0 2 8.5v5A1.5 1.5 0 0 0 3.5 15h9a1.5 1.5 0 0 0 1.5-1.5v-5A1.5 1.5 0 0 0 12.5 7h-1V4.5A3.5 3.5 0 0 0 8 1Zm2 6H6V4.5a2 2 0 1 1 4 0Z" />
              </svg>
            </span>`
            : nothing
        }
      </p>
      ${
        contact.status === 'invited'
          ? html`<p class="muted">${this.t(contact.invitationValidUntil ? 'invited' : 'invited.expired')}</p>`
          : nothing
      }
      <p part="rights" class="rights">${this.t('rightsOf')} ${areas.length ? areas.join(', ') : this.t('noRights')}</p>
      ${
        contact.locked
          ? html`<p class="hint">${this.t('lockedHint')}</p>`
          : editing
            ? this.renderEditor(editing, contact)
            : html`<div class="actions">
              <button type="button" part="button change" class="button button--secondary" @click=${() => this.open(contact)}>
                ${this.t('change')}<span class="visually-hidden">: ${contact.name}</span>
              </button>
              <button type="button" part="button remove" class="button button--secondary" @click=${(e: Event) => this.removal.open(contact, e)}>
                ${this.t('remove')}<span class="visually-hidden">: ${contact.name}</span>
              </button>
              ${contact.status === 'invited' ? this.renderResend(contact) : nothing}
            </div>
            ${
              this.itemError?.id === contact.id
                ? html`<div part="error" role="alert" tabindex="-1"><p>${this.itemError.text}</p></div>`
                : nothing
            }`
      }
    </li>`;
  }

  private renderResend(contact: Contact) {
    const busy = this.resending === contact.id;
    return html`<button
      type="button"
      part="button resend"
      class="button button--secondary"
      aria-disabled=${busy ? 'true' : 'false'}
      @click=${() => this.resendInvitation(contact)}
    >
      ${busy ? this.common('common.busy') : this.t('resend')}<span class="visually-hidden">: ${contact.name}</span>
    </button>`;
  }

  /** The form, or once a code is on its way, the step that confirms it. */
  private renderEditor(draft: Draft, contact?: Contact) {
    const c = this.confirmation;
    if (c.challenge) return c.render(this.t(contact ? 'confirm.change' : 'confirm.add', { name: contact?.name ?? draft.name.trim() }));
    return this.renderForm(draft, contact);
  }

  private renderForm(draft: Draft, contact?: Contact) {
    const errors = this.errors;
    const set = (field: 'name' | 'email' | 'mobile' | 'relationship') => (e: Event) => {
      this.draft = { ...this.draft!, [field]: (e.target as HTMLInputElement).value };
    };
    const describe = (field: string, hint?: boolean) =>
      [hint ? this.idFor(`${field}-hint`) : '', errors[field] ? this.idFor(`${field}-error`) : ''].filter(Boolean).join(' ') || nothing;
    const error = (field: string) =>
      errors[field] ? html`<p class="field-error" id=${this.idFor(`${field}-error`)}>${errors[field]}</p>` : nothing;
    const input = (field: 'name' | 'email' | 'mobile', type: string, autocomplete: string, hint = false) =>
      html`<div class="field">
        <label for=${this.idFor(field)}>${this.t(`field.${field}`)}</label>
        <input
          part="input"
          id=${this.idFor(field)}
          name=${field}
          type=${type}
          autocomplete=${autocomplete}
          .value=${draft[field]}
          aria-invalid=${errors[field] ? 'true' : 'false'}
          aria-describedby=${describe(field, hint)}
          @input=${set(field)}
        />
        ${hint ? html`<p class="hint" id=${this.idFor(`${field}-hint`)}>${this.t(`field.${field}Hint` as ContactsKey)}</p>` : nothing}
        ${error(field)}
      </div>`;
    return html`<form part="form" class="form contact-form" novalidate aria-labelledby=${this.idFor('form-heading')} @submit=${this.submit}>
      <h3 id=${this.idFor('form-heading')}>${contact ? this.t('changeHeading', { name: contact.name }) : this.t('add')}</h3>
      ${
        contact
          ? nothing
          : html`${input('name', 'text', 'off')} ${input('email', 'email', 'off', true)} ${input('mobile', 'tel', 'off', true)}`
      }
      <div class="field">
        <label for=${this.idFor('relationship')}>${this.t('field.relationship')}</label>
        <select
          part="input"
          id=${this.idFor('relationship')}
          name="relationship"
          aria-invalid=${errors['relationship'] ? 'true' : 'false'}
          aria-describedby=${describe('relationship')}
          @change=${set('relationship')}
        >
          <option value="" ?selected=${!draft.relationship}>${this.t('field.choose')}</option>
          ${choosable.map((r) => html`<option value=${r} ?selected=${draft.relationship === r}>${this.t(`rel.${r}` as ContactsKey)}</option>`)}
        </select>
        ${error('relationship')}
      </div>
      <fieldset class="rights-choice">
        <legend>${this.t('field.rights')}</legend>
        <p part="warning" class="warning" id=${this.idFor('warning')}>${this.t('warning')}</p>
        ${shownAreas.map(
          (area) => html`<div class="check">
            <input
              type="checkbox"
              id=${this.idFor(`right-${area}`)}
              name=${`rights.${area}`}
              .checked=${draft.rights[area]}
              aria-describedby=${this.idFor(`right-${area}-hint`)}
              @change=${(e: Event) => {
                this.draft = { ...this.draft!, rights: { ...this.draft!.rights, [area]: (e.target as HTMLInputElement).checked } };
              }}
            />
            <label for=${this.idFor(`right-${area}`)}>${this.t(`area.${area}`)}</label>
            <p class="hint" id=${this.idFor(`right-${area}-hint`)}>${this.t(`area.${area}.hint` as ContactsKey)}</p>
          </div>`,
        )}
      </fieldset>
      ${this.confirmation.error ? html`<p class="field-error" role="alert">${this.confirmation.error}</p>` : nothing}
      ${this.formError ? html`<div part="error" role="alert" tabindex="-1"><p>${this.formError}</p></div>` : nothing}
      <div class="actions">
        <button type="submit" part="button submit" class="button" aria-disabled=${this.saving ? 'true' : 'false'}>
          ${this.saving ? this.common('common.busy') : contact ? this.common('common.save') : this.t('next')}
        </button>
        <button type="button" part="button cancel" class="button button--secondary" @click=${() => this.close()}>${this.common('common.cancel')}</button>
      </div>
    </form>`;
  }
}
