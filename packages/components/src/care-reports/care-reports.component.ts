import { html, nothing, type PropertyValues } from 'lit';
import type { CareApiClient } from '../shared/api-client.js';
import { CareViewElement } from '../shared/care-data-element.js';
import { amsterdamToday, formatDate } from '../shared/date-format.js';
import { emit } from '../shared/events.js';
import { focusAfterUpdate } from '../shared/focus.js';
import { problemText, renderLoadState } from '../shared/states.js';
import { reportMessages, type ReportKey } from './care-reports.messages.js';
import { careReportsStyles } from './care-reports.styles.js';
import { reportItems } from './report-items.js';
import type { Period as ReportPeriod, Report } from '@care-widgets/bff/api-types';
export type { Report, ReportPeriod };

export interface CareReportCreatedDetail {
  report: Report;
}

const MAX_TEXT = 4000;
/** Reports rendered in the first update: more than a screenful, so the first paint is complete. */
const FIRST_CHUNK = 40;
/** Reports added per later update, each in its own task so the page stays responsive. */
const NEXT_CHUNK = 240;

/**
 * The client's reports ("Rapportages"). The home view shows the latest three and "Alle
 * rapportages"; the full view shows a period (last 7 days by default, "Laatste maand", "Laatste
 * jaar" or "Periode kiezen…") with a PDF "Download" of exactly that period. "Nieuwe rapportage"
 * lets the client write one; a retried submit is sent with the same Idempotency-Key, so it is
 * saved once.
 *
 * A year is about 1,000 reports: the first screenful is rendered at once, the rest in chunks of
 * their own tasks, plainly (no element per report) and with `content-visibility: auto` so the
 * browser lays out only what is seen. Each report is a copy of one prepared list item with its
 * texts set, without a Lit template, parts or marker comments of its own, and a chunk adds its
 * reports without going over those already shown.
 *
 * @summary Reports of the care team and the client, by period, with a PDF download.
 *
 * @fires care-navigate - "Alle rapportages" or back was chosen. `detail: { widget, view }`; cancelable:
 *   a host that routes itself calls `preventDefault()` and the widget stays as it is.
 * @fires care-session-expired - The BFF answered 401. `detail: { code, tenant }`.
 * @fires care-report-created - The client's new report was saved. `detail: { report }`.
 *
 * @csspart base - The card around the widget.
 * @csspart heading - The heading ("Rapportages", "Alle rapportages").
 * @csspart list - The list of reports.
 * @csspart item - One report.
 * @csspart meta - Date, time and author of a report.
 * @csspart text - The text of a report.
 * @csspart own-badge - The "Door u geschreven" mark.
 * @csspart button - Every button and button-like link.
 * @csspart period - The period buttons.
 * @csspart period-form - The "Periode kiezen…" form.
 * @csspart download - The "Download" link.
 * @csspart form - The "Nieuwe rapportage" form.
 * @csspart input - Date inputs and the textarea.
 * @csspart summary - The line saying how many reports of which period are shown.
 * @csspart status - Loading and saved messages.
 * @csspart error - Alerts.
 *
 * @cssproperty --care-font-family - Font. Default: inherited.
 * @cssproperty --care-font-size - Base size; everything inside is in em. Default: `medium`, the reader's browser setting.
 * @cssproperty --care-color-text - Text colour.
 * @cssproperty --care-color-text-muted - Dates, authors and hints.
 * @cssproperty --care-color-background - Card and input background.
 * @cssproperty --care-color-surface - Background of forms and of own reports.
 * @cssproperty --care-color-border - Card, input and report borders.
 * @cssproperty --care-color-primary - Buttons and links.
 * @cssproperty --care-color-primary-text - Text on filled buttons.
 * @cssproperty --care-color-focus - Focus outline.
 * @cssproperty --care-color-danger - Errors.
 * @cssproperty --care-color-success - The "Door u geschreven" mark and saved messages.
 * @cssproperty --care-radius - Corner radius.
 * @cssproperty --care-space - Base spacing.
 *
 * @attr view - `home` (latest 3, default) or `all` (by period).
 * @attr tenant - Slug of the care organisation, when used without `<care-portal>`.
 * @attr api - Base URL of the BFF, when used without `<care-portal>`.
 * @attr lang - `nl` or `en`; when absent, the portal's language.
 */
export class CareReports extends CareViewElement<ReportKey> {
  static override styles = careReportsStyles;

  static override properties = {
    items: { state: true },
    shownPeriod: { state: true },
    composing: { state: true },
    draft: { state: true },
    draftError: { state: true },
    formError: { state: true },
    saving: { state: true },
    announcement: { state: true },
    shown: { state: true },
  };

  declare protected items: Report[];
  declare protected shownPeriod: ReportPeriod | undefined;
  declare protected composing: boolean;
  declare protected draft: string;
  declare protected draftError: string;
  declare protected formError: string;
  declare protected saving: boolean;
  declare protected announcement: string;
  /** How many of `items` are rendered: a year arrives in chunks after the first screenful. */
  declare protected shown: number;

  private readonly period = this.periodFilter({ id: this.uid, shown: () => this.shownPeriod });
  private chunkTimer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    super(reportMessages);
    this.items = [];
    this.shownPeriod = undefined;
    this.composing = false;
    this.draft = '';
    this.draftError = '';
    this.formError = '';
    this.saving = false;
    this.announcement = '';
    this.shown = 0;
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (changed.has('view') && changed.get('view') !== undefined) this.reload();
  }

  protected override updated(changed: PropertyValues): void {
    if (this.shown < this.items.length && !this.chunkTimer) {
      this.chunkTimer = setTimeout(() => {
        this.chunkTimer = undefined;
        this.shown += NEXT_CHUNK;
      });
    }
    super.updated(changed);
  }

  /** Resolves once every report is rendered, not only the first screenful. */
  protected override async getUpdateComplete(): Promise<boolean> {
    let complete = await super.getUpdateComplete();
    while (this.isConnected && this.shown < this.items.length) {
      await new Promise((resolve) => setTimeout(resolve));
      complete = await super.getUpdateComplete();
    }
    return complete;
  }

  private showItems(items: Report[]) {
    this.items = items;
    this.shown = FIRST_CHUNK;
  }

  protected override clearData(): void {
    this.showItems([]);
    this.shownPeriod = undefined;
    this.composing = false;
    this.draft = '';
    this.draftKey.reset();
  }

  protected override async fetchData(client: CareApiClient, signal: AbortSignal): Promise<void> {
    if (this.view !== 'all') {
      const { items } = await client.get<{ items: Report[] }>('/reports/latest?limit=3', { signal });
      this.showItems(items);
      this.shownPeriod = undefined;
      return;
    }
    try {
      const { items, period } = await client.get<{ items: Report[]; period: ReportPeriod }>(`/reports?${this.period.query()}`, { signal });
      this.showItems(items);
      this.shownPeriod = period;
    } catch (error) {
      if (!this.period.refused(error)) throw error;
      this.showItems([]);
      this.shownPeriod = undefined;
    }
  }

  // --- a new report -------------------------------------------------------------------------------

  private openForm() {
    this.composing = true;
    this.announcement = '';
    focusAfterUpdate(this, `#${this.idFor('text')}`);
  }

  private cancelForm() {
    this.composing = false;
    this.draft = '';
    this.draftError = '';
    this.formError = '';
    this.draftKey.reset();
    focusAfterUpdate(this, `#${this.idFor('new')}`);
  }

  private async submitReport(event: SubmitEvent) {
    event.preventDefault();
    if (this.saving) return;
    const client = this.client;
    if (!client) return;
    const text = this.draft.trim();
    this.formError = '';
    this.draftError = !text ? this.t('new.required') : text.length > MAX_TEXT ? this.t('new.tooLong') : '';
    if (this.draftError) {
      focusAfterUpdate(this, `#${this.idFor('text')}`);
      return;
    }
    this.saving = true;
    try {
      const body = { text };
      const report = await client.post<Report>('/reports', body, { idempotencyKey: this.draftKey.for(body) });
      this.draftKey.reset();
      this.addReport(report);
      this.composing = false;
      this.draft = '';
      this.announcement = this.t('new.saved');
      focusAfterUpdate(this, `#${this.idFor('new')}`);
      emit(this, 'care-report-created', { report });
    } catch (error) {
      const apiError = this.apiError(error);
      if (apiError.kind === 'session-expired') return;
      if (apiError.errors.some((e) => e.field === 'text')) {
        this.draftError = this.t(text.length > MAX_TEXT ? 'new.tooLong' : 'new.required');
        focusAfterUpdate(this, `#${this.idFor('text')}`);
      } else {
        this.formError =
          apiError.kind === 'offline' || apiError.status === 403 ? problemText(apiError, this.locale) : this.common('state.saveError');
      }
    } finally {
      this.saving = false;
    }
  }

  /** Shows a saved report at once, once: a replayed answer carries the same id. */
  private addReport(report: Report) {
    if (this.items.some((r) => r.id === report.id)) return;
    if (this.view !== 'all') {
      this.items = [report, ...this.items].slice(0, 3);
    } else if (!this.shownPeriod || (this.shownPeriod.from <= amsterdamToday() && amsterdamToday() <= this.shownPeriod.to)) {
      this.items = [report, ...this.items];
      this.shown += 1;
    }
  }

  // --- rendering ----------------------------------------------------------------------------------

  protected override render() {
    const all = this.view === 'all';
    const state = this.loadState;
    const busy = state.status === 'loading';
    return html`<section part="base" aria-labelledby=${this.idFor('heading')}>
      <div class="header">
        <h2 part="heading" id=${this.idFor('heading')} tabindex="-1">${this.t(all ? 'all' : 'heading')}</h2>
        ${
          state.status === 'ready' && !this.composing
            ? html`<button type="button" part="button new" class="button button--secondary" id=${this.idFor('new')} @click=${this.openForm}>
              ${this.t('new')}
            </button>`
            : nothing
        }
      </div>
      ${
        all && this.openedFromHome
          ? html`<button type="button" part="button back" class="link-button" @click=${this.backHome}><span aria-hidden="true">←</span> ${this.common('common.back')}</button>`
          : nothing
      }
      ${this.composing ? this.renderForm() : nothing}
      <p part="status" class="status" role="status">${this.announcement}</p>
      ${
        all && state.status !== 'signed-out' && !(state.status === 'error' && state.error.kind === 'session-expired')
          ? html`${this.period.render()}${this.renderSummary()}`
          : nothing
      }
      <div class="results" aria-busy=${busy ? 'true' : 'false'}>
        ${renderLoadState(state, this.locale, () => this.reload())}
        ${state.status === 'ready' ? this.renderResults(all) : nothing}
      </div>
      ${
        !all && state.status === 'ready'
          ? html`<div class="actions">
            <button type="button" part="button all" class="button" @click=${this.showAll}>${this.t('all')}</button>
          </div>`
          : nothing
      }
    </section>`;
  }

  /** "12 rapportages van … tot en met …" and the download: a live region that stays put. */
  private renderSummary() {
    const period = this.loadState.status === 'ready' ? this.shownPeriod : undefined;
    const locale = this.locale;
    return html`<div class="summary-row">
      <p part="summary" class="summary" role="status">
        ${
          period
            ? this.t(this.items.length === 1 ? 'summary.one' : 'summary.other', {
                count: this.items.length,
                from: formatDate(period.from, locale),
                to: formatDate(period.to, locale),
              })
            : nothing
        }
      </p>
      ${period && this.items.length ? this.renderDownload(period) : nothing}
    </div>`;
  }

  private renderResults(all: boolean) {
    const locale = this.locale;
    if (all && !this.shownPeriod) return nothing;
    if (!this.items.length) {
      return html`<p part="status" class="state state--empty">${this.t(all ? 'empty' : 'emptyLatest')}</p>`;
    }
    return html`<ol part="list" class="reports" aria-labelledby=${this.idFor('heading')} ${reportItems(this.items.slice(0, this.shown), locale, this.t('own'))}></ol>`;
  }

  private renderDownload(period: ReportPeriod) {
    const href = this.client?.url(`/reports.pdf?from=${period.from}&to=${period.to}`) ?? '';
    return html`<a part="button download" class="button button--secondary" href=${href} download=${`rapportages-${period.from}-tot-${period.to}.pdf`} @click=${this.saveFile}>
      ${this.t('download')}<span class="visually-hidden">
        ${this.t('downloadDetail', { from: formatDate(period.from, this.locale), to: formatDate(period.to, this.locale) })}</span
      >
    </a>`;
  }

  private renderForm() {
    return html`<form part="form" class="new-report" novalidate @submit=${this.submitReport}>
      <div class="field field--wide">
        <label for=${this.idFor('text')}>${this.t('new.label')}</label>
        <p class="hint" id=${this.idFor('hint')}>${this.t('new.hint')}</p>
        <textarea
          part="input"
          id=${this.idFor('text')}
          name="text"
          rows="6"
          maxlength=${MAX_TEXT}
          .value=${this.draft}
          aria-invalid=${this.draftError ? 'true' : 'false'}
          aria-describedby=${this.draftError ? `${this.idFor('hint')} ${this.idFor('text-error')}` : this.idFor('hint')}
          @input=${(e: InputEvent) => {
            this.draft = (e.target as HTMLTextAreaElement).value;
          }}
        ></textarea>
        ${this.draftError ? html`<p class="field-error" id=${this.idFor('text-error')}>${this.draftError}</p>` : nothing}
      </div>
      ${this.formError ? html`<div part="error" role="alert"><p>${this.formError}</p></div>` : nothing}
      <div class="actions">
        <button type="submit" part="button submit" class="button" aria-disabled=${this.saving ? 'true' : 'false'}>
          ${this.saving ? this.common('common.busy') : this.common('common.ok')}
        </button>
        <button type="button" part="button cancel" class="button button--secondary" @click=${this.cancelForm}>${this.common('common.cancel')}</button>
      </div>
    </form>`;
  }
}
