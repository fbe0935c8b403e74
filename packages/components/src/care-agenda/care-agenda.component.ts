import { html, nothing, type PropertyValues } from 'lit';
import type { CareApiClient } from '../shared/api-client.js';
import { CareViewElement } from '../shared/care-data-element.js';
import { amsterdamIso, amsterdamToday, formatDayHeading, isCalendarDate } from '../shared/date-format.js';
import { emit } from '../shared/events.js';
import { focusAfterUpdate } from '../shared/focus.js';
import { problemText, renderLoadState } from '../shared/states.js';
import { agendaMessages, type AgendaKey } from './care-agenda.messages.js';
import { careAgendaStyles } from './care-agenda.styles.js';
import type { Appointment } from '@care-widgets/bff/api-types';
export type { Appointment };

interface AgendaAnswer {
  notice: string | null;
  clientMayAddAppointments: boolean;
  items: Appointment[];
}

export interface CareAppointmentDetail {
  appointment: Appointment;
}

interface Draft {
  title: string;
  date: string;
  start: string;
  end: string;
  location: string;
}

type DraftField = keyof Draft;

/**
 * The client's appointments ("Afspraken"): the first four to come, and "Alle afspraken" grouped
 * by day. Times are the Amsterdam times the BFF computed, so they are right on both sides of a
 * daylight-saving change in any browser. Shows the organisation's notice that times are
 * indicative, offers each appointment and all upcoming ones as .ics, and, where the organisation
 * allows it, lets the client add, change and remove appointments of their own.
 *
 * @summary Appointments by day, indicative-time notice, calendar export, own appointments.
 *
 * @fires care-navigate - "Alle afspraken" or back was chosen. `detail: { widget, view }`; cancelable.
 * @fires care-session-expired - The BFF answered 401. `detail: { code, tenant }`.
 * @fires care-appointment-saved - An own appointment was added or changed. `detail: { appointment }`.
 * @fires care-appointment-removed - An own appointment was removed. `detail: { appointment }`.
 *
 * @csspart base - The card around the widget.
 * @csspart heading - The heading.
 * @csspart notice - The notice that times are indicative.
 * @csspart day - One day of "Alle afspraken" with its heading.
 * @csspart day-heading - The heading of a day ("maandag 23 november").
 * @csspart list - A list of appointments.
 * @csspart item - One appointment.
 * @csspart time - The time of an appointment.
 * @csspart own-badge - The "Door u toegevoegd" mark.
 * @csspart button - Every button and button-like link.
 * @csspart ics - The "Toevoegen aan agenda" links.
 * @csspart form - The add/change form.
 * @csspart input - Inputs of the form.
 * @csspart dialog - The confirmation dialog.
 * @csspart status - Loading and saved messages.
 * @csspart error - Alerts.
 *
 * @cssproperty --care-font-family - Font.
 * @cssproperty --care-color-text - Text colour.
 * @cssproperty --care-color-text-muted - Care worker and location.
 * @cssproperty --care-color-background - Card and input background.
 * @cssproperty --care-color-surface - Forms and the notice.
 * @cssproperty --care-color-border - Borders.
 * @cssproperty --care-color-primary - Buttons, links and the notice's edge.
 * @cssproperty --care-color-primary-text - Text on filled buttons.
 * @cssproperty --care-color-focus - Focus outline.
 * @cssproperty --care-color-danger - Errors.
 * @cssproperty --care-radius - Corner radius.
 * @cssproperty --care-space - Base spacing.
 *
 * @attr view - `home` (first 4 upcoming, default) or `all` (a year ahead, by day).
 * @attr tenant - Slug of the care organisation, when used without `<care-portal>`.
 * @attr api - Base URL of the BFF, when used without `<care-portal>`.
 * @attr lang - `nl` or `en`; when absent, the portal's language.
 */
export class CareAgenda extends CareViewElement<AgendaKey> {
  static override styles = careAgendaStyles;

  static override properties = {
    answer: { state: true },
    editing: { state: true },
    draft: { state: true },
    draftErrors: { state: true },
    formError: { state: true },
    saving: { state: true },
    announcement: { state: true },
  };

  declare protected answer: AgendaAnswer | undefined;
  /** The form: `'new'`, the appointment being changed, or closed. */
  declare protected editing: 'new' | Appointment | undefined;
  declare protected draft: Draft;
  declare protected draftErrors: Partial<Record<DraftField, string>>;
  declare protected formError: string;
  declare protected saving: boolean;
  declare protected announcement: string;

  private trigger: HTMLElement | undefined;
  private readonly removal = this.confirmDialog<Appointment>({
    id: `${this.uid}-dialog`,
    confirmed: (appointment) => this.confirmRemove(appointment),
  });

  constructor() {
    super(agendaMessages);
    this.answer = undefined;
    this.editing = undefined;
    this.draft = { title: '', date: '', start: '', end: '', location: '' };
    this.draftErrors = {};
    this.formError = '';
    this.saving = false;
    this.announcement = '';
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (changed.has('view') && changed.get('view') !== undefined) this.reload();
  }

  protected override clearData(): void {
    this.answer = undefined;
    this.editing = undefined;
    this.removal.reset();
  }

  protected override async fetchData(client: CareApiClient, signal: AbortSignal): Promise<void> {
    this.answer = await client.get<AgendaAnswer>(this.view === 'all' ? '/appointments' : '/appointments/upcoming?limit=4', { signal });
  }

  // --- navigation -----------------------------------------------------------------------------------

  // --- adding and changing own appointments ---------------------------------------------------------

  private openForm(appointment: Appointment | undefined, event: Event) {
    this.trigger = event.currentTarget as HTMLElement;
    this.editing = appointment ?? 'new';
    this.draft = appointment
      ? {
          title: appointment.title,
          date: appointment.localDate,
          start: appointment.localStart,
          end: appointment.localEnd,
          location: appointment.location ?? '',
        }
      : { title: '', date: amsterdamToday(), start: '', end: '', location: '' };
    this.draftErrors = {};
    this.formError = '';
    this.announcement = '';
    focusAfterUpdate(this, `#${this.idFor('title')}`);
  }

  private closeForm() {
    this.editing = undefined;
    const trigger = this.trigger;
    this.trigger = undefined;
    if (trigger?.isConnected) trigger.focus();
    else focusAfterUpdate(this, '[part~="heading"]');
  }

  private input(field: DraftField) {
    return (event: Event) => {
      this.draft = { ...this.draft, [field]: (event.target as HTMLInputElement).value };
    };
  }

  private checkDraft(): { startsAt: string; endsAt: string } | undefined {
    const d = this.draft;
    const errors: Partial<Record<DraftField, string>> = {};
    const title = d.title.trim();
    if (!title) errors.title = this.t('form.titleRequired');
    else if (title.length > 200) errors.title = this.t('form.titleTooLong');
    if (d.location.trim().length > 200) errors.location = this.t('form.locationTooLong');
    if (!isCalendarDate(d.date)) errors.date = this.t('form.dateInvalid');
    const startsAt = isCalendarDate(d.date) ? amsterdamIso(d.date, d.start) : null;
    const endsAt = isCalendarDate(d.date) ? amsterdamIso(d.date, d.end) : null;
    if (!/^\d{2}:\d{2}$/.test(d.start)) errors.start = this.t('form.timeInvalid');
    if (!/^\d{2}:\d{2}$/.test(d.end)) errors.end = this.t('form.timeInvalid');
    if (startsAt && !errors.start && Date.parse(startsAt) < Date.now()) errors.start = this.t('form.past');
    if (startsAt && endsAt && !errors.start && !errors.end && Date.parse(endsAt) <= Date.parse(startsAt))
      errors.end = this.t('form.endBeforeStart');
    this.draftErrors = errors;
    if (Object.keys(errors).length || !startsAt || !endsAt) {
      focusAfterUpdate(this, 'form [aria-invalid="true"]');
      return undefined;
    }
    return { startsAt, endsAt };
  }

  private async save(event: SubmitEvent) {
    event.preventDefault();
    const client = this.client;
    const editing = this.editing;
    if (this.saving || !client || !editing) return;
    this.formError = '';
    const times = this.checkDraft();
    if (!times) return;
    const body = {
      title: this.draft.title.trim(),
      ...times,
      location: this.draft.location.trim() || null,
      description: editing === 'new' ? null : editing.description,
    };
    this.saving = true;
    try {
      // One key per draft: a retry after a lost answer finds the appointment instead of adding one.
      const appointment =
        editing === 'new'
          ? await client.post<Appointment>('/appointments', body, { idempotencyKey: this.draftKey.for(body) })
          : await client.put<Appointment>(`/appointments/${encodeURIComponent(editing.id)}`, body);
      if (editing === 'new') this.draftKey.reset();
      this.announcement = this.t(editing === 'new' ? 'saved' : 'updated');
      this.editing = undefined;
      this.trigger = undefined;
      focusAfterUpdate(this, `#${this.idFor('add')}`);
      emit(this, 'care-appointment-saved', { appointment });
      await this.refresh(client);
    } catch (error) {
      const apiError = this.apiError(error);
      if (apiError.kind === 'session-expired') return;
      const errors: Partial<Record<DraftField, string>> = {};
      for (const { field } of apiError.errors) {
        if (field === 'title') errors.title = this.t('form.titleRequired');
        else if (field === 'startsAt') errors.start = this.t('form.past');
        else if (field === 'endsAt') errors.end = this.t('form.endBeforeStart');
        else if (field === 'location') errors.location = this.t('form.locationTooLong');
      }
      this.draftErrors = errors;
      if (Object.keys(errors).length) focusAfterUpdate(this, 'form [aria-invalid="true"]');
      else
        this.formError =
          apiError.kind === 'offline' || apiError.status === 403 ? problemText(apiError, this.locale) : this.common('state.saveError');
    } finally {
      this.saving = false;
    }
  }

  /** Reads the list again after a change, keeping what is shown until the answer is there. */
  private async refresh(client: CareApiClient) {
    try {
      this.answer = await client.get<AgendaAnswer>(this.view === 'all' ? '/appointments' : '/appointments/upcoming?limit=4');
    } catch (error) {
      this.apiError(error);
    }
  }

  // --- removing own appointments --------------------------------------------------------------------

  private async confirmRemove(appointment: Appointment) {
    const client = this.client;
    if (!client) return;
    try {
      await client.delete(`/appointments/${encodeURIComponent(appointment.id)}`);
      if (this.answer) this.answer = { ...this.answer, items: this.answer.items.filter((a) => a.id !== appointment.id) };
      this.announcement = this.t('removed');
      this.removal.done();
      emit(this, 'care-appointment-removed', { appointment });
      if (this.view !== 'all') void this.refresh(client);
    } catch (error) {
      this.removal.failed(this.apiError(error));
    }
  }

  // --- rendering ------------------------------------------------------------------------------------

  protected override render() {
    const all = this.view === 'all';
    const state = this.loadState;
    const answer = state.status === 'ready' ? this.answer : undefined;
    return html`<section part="base" aria-labelledby=${this.idFor('heading')}>
        <div class="header">
          <h2 part="heading" id=${this.idFor('heading')} tabindex="-1">${this.t(all ? 'all' : 'heading')}</h2>
          ${
            answer?.clientMayAddAppointments && !this.editing
              ? html`<button type="button" part="button add" class="button button--secondary" id=${this.idFor('add')} @click=${(e: Event) => this.openForm(undefined, e)}>
                ${this.t('add')}
              </button>`
              : nothing
          }
        </div>
        ${
          all && this.openedFromHome
            ? html`<button type="button" part="button back" class="link-button" @click=${this.backHome}>
              <span aria-hidden="true">←</span> ${this.common('common.back')}
            </button>`
            : nothing
        }
        ${answer?.notice ? html`<p part="notice" class="notice">${answer.notice}</p>` : nothing}
        ${this.editing ? this.renderForm(this.editing) : nothing}
        <p part="status" class="status" role="status">${this.announcement}</p>
        <div class="results" aria-busy=${state.status === 'loading' ? 'true' : 'false'}>
          ${renderLoadState(state, this.locale, () => this.reload())}
          ${answer ? (all ? this.renderDays(answer.items) : this.renderList(answer.items)) : nothing}
        </div>
        ${
          answer
            ? html`<div class="actions">
              ${all ? nothing : html`<button type="button" part="button all" class="button" @click=${this.showAll}>${this.t('all')}</button>`}
              ${
                answer.items.length
                  ? html`<a part="button ics-all" class="button button--secondary" href=${this.client?.url('/appointments.ics') ?? ''} download="afspraken.ics" @click=${this.saveFile}>${this.t('icsAll')}</a>`
                  : nothing
              }
            </div>`
            : nothing
        }
      </section>
      ${this.removal.render((a) => ({
        title: this.t('remove'),
        text: this.t('remove.confirm'),
        subject: html`<strong>${a.title}</strong>, ${formatDayHeading(a.localDate, this.locale)}, ${this.t('time', { start: a.localStart, end: a.localEnd })}`,
      }))}`;
  }

  private renderDays(items: Appointment[]) {
    if (!items.length) return html`<p part="status" class="state state--empty">${this.t('empty')}</p>`;
    const days: Array<[string, Appointment[]]> = [];
    for (const item of items) {
      const last = days[days.length - 1];
      if (last && last[0] === item.localDate) last[1].push(item);
      else days.push([item.localDate, [item]]);
    }
    const today = amsterdamToday();
    return days.map(
      ([date, appointments]) =>
        html`<section part="day" class="day" aria-labelledby=${this.idFor(`day-${date}`)}>
          <h3 part="day-heading" id=${this.idFor(`day-${date}`)}>${formatDayHeading(date, this.locale, today)}</h3>
          <ul part="list" class="plain">
            ${appointments.map((a) => this.renderAppointment(a, false))}
          </ul>
        </section>`,
    );
  }

  private renderList(items: Appointment[]) {
    if (!items.length) return html`<p part="status" class="state state--empty">${this.t('empty')}</p>`;
    return html`<ul part="list" class="plain" aria-labelledby=${this.idFor('heading')}>
      ${items.map((a) => this.renderAppointment(a, true))}
    </ul>`;
  }

  private renderAppointment(a: Appointment, withDay: boolean) {
    const titleId = this.idFor(`a-${a.id}`);
    const when = this.t('time', { start: a.localStart, end: a.localEnd });
    const day = withDay ? `${formatDayHeading(a.localDate, this.locale)}, ` : '';
    return html`<li part="item" class="appointment">
      <p class="appointment__when">
        <time part="time" datetime=${a.startsAt}>${day}${when}</time>
        ${a.editable ? html`<span part="own-badge" class="badge">${this.t('own')}</span>` : nothing}
      </p>
      <p class="appointment__title" id=${titleId}>${a.title}</p>
      ${a.careWorker ? html`<p class="appointment__detail">${this.t('careWorker', { name: a.careWorker })}</p>` : nothing}
      ${a.location ? html`<p class="appointment__detail">${this.t('location', { location: a.location })}</p>` : nothing}
      <div class="appointment__actions">
        <a part="button ics" class="link-button" href=${this.client?.url(`/appointments/${a.id}.ics`) ?? ''} download=${`afspraak-${a.localDate}.ics`} @click=${this.saveFile}>
          ${this.t('ics')}<span class="visually-hidden">: ${a.title}, ${day || `${formatDayHeading(a.localDate, this.locale)}, `}${when}</span>
        </a>
        ${
          a.editable
            ? html`<button type="button" part="button edit" class="link-button" aria-describedby=${titleId} @click=${(e: Event) => this.openForm(a, e)}>
                ${this.t('edit')}
              </button>
              <button type="button" part="button remove" class="link-button" aria-describedby=${titleId} @click=${(e: Event) => this.removal.open(a, e)}>
                ${this.t('remove')}
              </button>`
            : nothing
        }
      </div>
    </li>`;
  }

  private renderForm(editing: 'new' | Appointment) {
    const errors = this.draftErrors;
    const d = this.draft;
    const field = (
      name: DraftField,
      label: AgendaKey,
      type: string,
      extra: Record<string, string> = {},
    ) => html`<div class="field ${name === 'title' || name === 'location' ? 'field--wide' : ''}">
      <label for=${this.idFor(name)}>${this.t(label)}</label>
      <input
        part="input"
        id=${this.idFor(name)}
        name=${name}
        type=${type}
        .value=${d[name]}
        maxlength=${extra['maxlength'] ?? nothing}
        min=${extra['min'] ?? nothing}
        aria-invalid=${errors[name] ? 'true' : 'false'}
        aria-describedby=${errors[name] ? this.idFor(`${name}-error`) : nothing}
        @input=${this.input(name)}
      />
      ${errors[name] ? html`<p class="field-error" id=${this.idFor(`${name}-error`)}>${errors[name]}</p>` : nothing}
    </div>`;
    return html`<form part="form" class="appointment-form" novalidate aria-labelledby=${this.idFor('form-heading')} @submit=${this.save}>
      <h3 id=${this.idFor('form-heading')}>${this.t(editing === 'new' ? 'add' : 'editHeading')}</h3>
      <p class="hint">${this.t('addIntro')}</p>
      <div class="fields">
        ${field('title', 'form.title', 'text', { maxlength: '200' })} ${field('date', 'form.date', 'date', { min: amsterdamToday() })}
        ${field('start', 'form.start', 'time')} ${field('end', 'form.end', 'time')} ${field('location', 'form.location', 'text', { maxlength: '200' })}
      </div>
      ${this.formError ? html`<div part="error" role="alert"><p>${this.formError}</p></div>` : nothing}
      <div class="actions">
        <button type="submit" part="button submit" class="button" ?disabled=${this.saving}>${this.saving ? this.common('common.busy') : this.common('common.save')}</button>
        <button type="button" part="button cancel" class="button button--secondary" @click=${this.closeForm}>${this.common('common.cancel')}</button>
      </div>
    </form>`;
  }
}
