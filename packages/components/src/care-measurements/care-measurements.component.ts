import { html, nothing, type PropertyValues } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import type { ApiError, CareApiClient } from '../shared/api-client.js';
import { CareViewElement } from '../shared/care-data-element.js';
import { amsterdamDateTimeLocal, amsterdamIso, formatDate, formatDateTime } from '../shared/date-format.js';
import { emit } from '../shared/events.js';
import { focusAfterUpdate } from '../shared/focus.js';
import { problemText, renderLoadState } from '../shared/states.js';
import { measurementMessages, type MeasurementKey } from './care-measurements.messages.js';
import { careMeasurementsStyles } from './care-measurements.styles.js';
import { formatNumber, formatReading, readValue, type Measurement, type MeasurementType } from './measurement-values.js';

export type { Measurement, MeasurementComponent, MeasurementType } from './measurement-values.js';

export interface CareMeasurementDetail {
  measurement: Measurement;
}

/** Fields of the "Nieuwe meting" form, named as the BFF names them (`values.systolic`, `measuredAt`). */
type FormErrors = Record<string, string>;

/**
 * The client's measurements ("Metingen"). Home: the recent ones. "Alle metingen": per "meetsoort"
 * over the past year, as a line chart with a summary and a table. "Nieuwe meting": a type, one
 * input per value (blood pressure has two) with its unit and range, and the time. The client
 * deletes only entries of their own (the "x"), after a confirmation in a native dialog.
 *
 * @summary Measurements with a chart per type, entering and deleting own measurements.
 *
 * @fires care-navigate - "Alle metingen" or back was chosen. `detail: { widget, view }`; cancelable.
 * @fires care-session-expired - The BFF answered 401. `detail: { code, tenant }`.
 * @fires care-measurement-created - A new measurement was saved. `detail: { measurement }`.
 * @fires care-measurement-deleted - An own measurement was deleted. `detail: { measurement }`.
 *
 * @csspart base - The card around the widget.
 * @csspart heading - The heading.
 * @csspart list - The list of recent measurements.
 * @csspart item - One measurement in that list.
 * @csspart own-badge - The "Door u ingevoerd" mark.
 * @csspart delete - The "x" of an own measurement.
 * @csspart button - Every button.
 * @csspart select - The "Meetsoort" selects.
 * @csspart chart - The chart with its axes and summary.
 * @csspart chart-svg - The SVG of the chart.
 * @csspart table - The table of measurements.
 * @csspart form - The "Nieuwe meting" form.
 * @csspart input - Inputs of the form.
 * @csspart dialog - The confirmation dialog.
 * @csspart status - Loading and saved messages.
 * @csspart error - Alerts.
 *
 * @cssproperty --care-color-chart-1 - The first line of the chart (blood pressure: systolic). Default: the primary colour.
 * @cssproperty --care-color-chart-2 - The second line (diastolic). Default: the danger colour.
 * @cssproperty --care-font-family - Font.
 * @cssproperty --care-color-text - Text colour.
 * @cssproperty --care-color-text-muted - Dates and hints.
 * @cssproperty --care-color-background - Card and input background.
 * @cssproperty --care-color-surface - Forms.
 * @cssproperty --care-color-border - Borders and chart grid.
 * @cssproperty --care-color-primary - Buttons.
 * @cssproperty --care-color-primary-text - Text on filled buttons.
 * @cssproperty --care-color-focus - Focus outline.
 * @cssproperty --care-color-danger - Errors.
 * @cssproperty --care-radius - Corner radius.
 * @cssproperty --care-space - Base spacing.
 *
 * @attr view - `home` (recent, default) or `all` (per type with chart and table).
 * @attr type - In the full view, the type code to show first (e.g. `gewicht`); default: that of the newest measurement.
 * @attr tenant - Slug of the care organisation, when used without `<care-portal>`.
 * @attr api - Base URL of the BFF, when used without `<care-portal>`.
 * @attr lang - `nl` or `en`; when absent, the portal's language.
 */
export class CareMeasurements extends CareViewElement<MeasurementKey> {
  static override styles = careMeasurementsStyles;

  static override properties = {
    type: { type: String },
    types: { state: true },
    items: { state: true },
    period: { state: true },
    showTable: { state: true },
    composing: { state: true },
    formType: { state: true },
    formWhen: { state: true },
    formErrors: { state: true },
    formError: { state: true },
    saving: { state: true },
    announcement: { state: true },
  };

  /** The type code shown in the full view; '' for all types. */
  declare type: string | undefined;
  declare protected types: MeasurementType[];
  declare protected items: Measurement[];
  declare protected period: { from: string; to: string } | undefined;
  declare protected showTable: boolean;
  declare protected composing: boolean;
  declare protected formType: string;
  /** The datetime-local value of the form: now when it opened, then what the client chose. */
  declare protected formWhen: string;
  declare protected formErrors: FormErrors;
  declare protected formError: string;
  declare protected saving: boolean;
  declare protected announcement: string;

  private typesFrom: CareApiClient | undefined;
  private readonly deletion = this.confirmDialog<Measurement>({
    id: `${this.uid}-dialog`,
    confirmed: (measurement) => this.confirmDelete(measurement),
    showBusy: true,
  });

  constructor() {
    super(measurementMessages);
    this.type = undefined;
    this.types = [];
    this.items = [];
    this.period = undefined;
    this.showTable = false;
    this.composing = false;
    this.formType = '';
    this.formWhen = '';
    this.formErrors = {};
    this.formError = '';
    this.saving = false;
    this.announcement = '';
  }

  private typeOf(code: string | undefined) {
    return this.types.find((t) => t.code === code);
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if ((changed.has('view') && changed.get('view') !== undefined) || (changed.has('type') && changed.get('type') !== undefined))
      this.reload();
  }

  protected override clearData(): void {
    this.items = [];
    this.types = [];
    this.typesFrom = undefined;
    this.period = undefined;
    this.composing = false;
    this.deletion.reset();
    this.draftKey.reset();
  }

  protected override async fetchData(client: CareApiClient, signal: AbortSignal): Promise<void> {
    const typesRequest =
      this.typesFrom === client && this.types.length
        ? Promise.resolve({ items: this.types })
        : client.get<{ items: MeasurementType[] }>('/measurements/types', { signal });
    if (this.view !== 'all') {
      const [types, recent] = await Promise.all([
        typesRequest,
        client.get<{ items: Measurement[] }>('/measurements/recent?limit=5', { signal }),
      ]);
      this.setTypes(types.items, client);
      this.items = recent.items;
      return;
    }
    if (this.type === undefined) {
      // Start with the type the client measured last: that is the one they come to look at.
      const [types, newest] = await Promise.all([
        typesRequest,
        client.get<{ items: Measurement[] }>('/measurements/recent?limit=1', { signal }),
      ]);
      this.setTypes(types.items, client);
      this.type = newest.items[0]?.type ?? types.items[0]?.code ?? '';
    } else {
      this.setTypes((await typesRequest).items, client);
    }
    const query = this.type ? `?type=${encodeURIComponent(this.type)}&period=year` : '?period=year';
    // The chart's code comes only with the first "Alle metingen", alongside its data.
    const [list, chart] = await Promise.all([
      client.get<{ items: Measurement[]; period: { from: string; to: string } }>(`/measurements${query}`, { signal }),
      (this.chart ??= import('./measurement-chart.js').catch((error: unknown) => {
        this.chart = undefined;
        throw error;
      })),
    ]);
    this.measurementChart = chart.measurementChart;
    this.items = list.items;
    this.period = list.period;
  }

  private chart: Promise<typeof import('./measurement-chart.js')> | undefined;
  private measurementChart: (typeof import('./measurement-chart.js'))['measurementChart'] | undefined;

  private setTypes(types: MeasurementType[], client: CareApiClient) {
    this.types = types;
    this.typesFrom = client;
  }

  // --- navigation -----------------------------------------------------------------------------------

  private chooseType(event: Event) {
    this.type = (event.target as HTMLSelectElement).value;
  }

  // --- deleting an own measurement -------------------------------------------------------------------

  private async confirmDelete(measurement: Measurement) {
    const client = this.client;
    if (!client) return;
    try {
      await client.delete(`/measurements/${encodeURIComponent(measurement.id)}`);
      this.items = this.items.filter((m) => m.id !== measurement.id);
      this.announcement = this.t('deleted');
      this.deletion.done();
      emit(this, 'care-measurement-deleted', { measurement });
      if (this.view !== 'all') this.refillRecent(client);
    } catch (error) {
      // The BFF's Dutch 403 says why (entered by the care team or by someone else).
      this.deletion.failed(this.apiError(error));
    }
  }

  /** After a delete, the recent list shows five again. */
  private refillRecent(client: CareApiClient) {
    client.get<{ items: Measurement[] }>('/measurements/recent?limit=5').then(
      ({ items }) => {
        this.items = items;
      },
      () => undefined,
    );
  }

  // --- a new measurement -----------------------------------------------------------------------------

  private openForm() {
    const current = this.typeOf(this.type);
    this.formType = current?.clientMayEnter ? current.code : '';
    this.formWhen = amsterdamDateTimeLocal();
    this.formErrors = {};
    this.formError = '';
    this.announcement = '';
    this.composing = true;
    focusAfterUpdate(this, `#${this.idFor('form-type')}`);
  }

  private cancelForm() {
    this.composing = false;
    this.draftKey.reset();
    focusAfterUpdate(this, `#${this.idFor('new')}`);
  }

  private valueMessage(type: MeasurementType, key: string, kind: string): string {
    const component = type.components.find((c) => c.key === key);
    const label = component?.label ?? key;
    switch (kind) {
      case 'required':
        return this.t('new.required', { label });
      case 'not-a-number':
        return this.t('new.notNumber', { label, example: formatNumber(component?.min ?? 0, type.decimals, this.locale) });
      case 'whole-number':
        return this.t('new.wholeNumber', { label });
      case 'too-many-decimals':
        return this.t(type.decimals === 1 ? 'new.tooManyDecimal' : 'new.tooManyDecimals', { label, n: type.decimals });
      default:
        return this.t('new.outOfRange', {
          label,
          min: formatNumber(component?.min ?? 0, 0, this.locale),
          max: formatNumber(component?.max ?? 0, 0, this.locale),
          unit: type.unit,
        });
    }
  }

  private async submitMeasurement(event: SubmitEvent) {
    event.preventDefault();
    if (this.saving) return;
    const client = this.client;
    if (!client) return;
    const form = event.target as HTMLFormElement;
    const type = this.typeOf(this.formType);
    const errors: FormErrors = {};
    const values: Record<string, number> = {};
    if (!type) errors['type'] = this.t('new.typeRequired');
    for (const component of type?.components ?? []) {
      const input = form.querySelector<HTMLInputElement>(`[name="values.${component.key}"]`)!;
      const read = readValue(input.value, component, type!.decimals);
      if ('problem' in read) errors[`values.${component.key}`] = this.valueMessage(type!, component.key, read.problem.kind);
      else values[component.key] = read.value;
    }
    const when = form.querySelector<HTMLInputElement>('[name="measuredAt"]')!.value;
    const [date = '', time = ''] = when.split('T');
    const measuredAt = amsterdamIso(date, time.slice(0, 5));
    if (!measuredAt) errors['measuredAt'] = this.t('new.whenRequired');
    else if (Date.parse(measuredAt) > Date.now() + 60_000) errors['measuredAt'] = this.t('new.future');
    this.formErrors = errors;
    this.formError = '';
    if (Object.keys(errors).length || !type || !measuredAt) {
      this.focusFirstError();
      return;
    }

    this.saving = true;
    try {
      const body = { type: type.code, values, measuredAt };
      const measurement = await client.post<Measurement>('/measurements', body, { idempotencyKey: this.draftKey.for(body) });
      this.draftKey.reset();
      this.addMeasurement(measurement);
      this.composing = false;
      this.announcement = this.t('new.saved');
      focusAfterUpdate(this, `#${this.idFor('new')}`);
      emit(this, 'care-measurement-created', { measurement });
    } catch (error) {
      this.showSaveError(this.apiError(error), type);
    } finally {
      this.saving = false;
    }
  }

  /** The BFF's field errors in the widget's own words, at the field they name. */
  private showSaveError(error: ApiError, type: MeasurementType) {
    if (error.kind === 'session-expired') return;
    const errors: FormErrors = {};
    for (const { field } of error.errors) {
      if (field === 'type') errors['type'] = this.t('new.typeRequired');
      else if (field === 'measuredAt') errors['measuredAt'] = this.t('new.future');
      else if (field.startsWith('values.')) errors[field] = this.valueMessage(type, field.slice('values.'.length), 'out-of-range');
    }
    this.formErrors = errors;
    if (Object.keys(errors).length) this.focusFirstError();
    else
      this.formError = error.kind === 'offline' || error.status === 403 ? problemText(error, this.locale) : this.common('state.saveError');
  }

  private focusFirstError() {
    focusAfterUpdate(this, 'form [aria-invalid="true"]');
  }

  private addMeasurement(measurement: Measurement) {
    if (this.items.some((m) => m.id === measurement.id)) return;
    const sorted = [measurement, ...this.items].sort((a, b) => Date.parse(b.measuredAt) - Date.parse(a.measuredAt));
    if (this.view !== 'all') this.items = sorted.slice(0, 5);
    else if (!this.type || this.type === measurement.type) this.items = sorted;
  }

  // --- rendering ------------------------------------------------------------------------------------

  protected override render() {
    const all = this.view === 'all';
    const state = this.loadState;
    const signedIn = !(state.status === 'signed-out' || (state.status === 'error' && state.error.kind === 'session-expired'));
    return html`<section part="base" aria-labelledby=${this.idFor('heading')}>
        <div class="header">
          <h2 part="heading" id=${this.idFor('heading')} tabindex="-1">${this.t(all ? 'all' : 'heading')}</h2>
          ${
            state.status === 'ready' && !this.composing && this.types.some((t) => t.clientMayEnter)
              ? html`<button type="button" part="button new" class="button button--secondary" id=${this.idFor('new')} @click=${this.openForm}>
                ${this.t('new')}
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
        ${this.composing ? this.renderForm() : nothing}
        <p part="status" class="status" role="status">${this.announcement}</p>
        ${all && signedIn && this.types.length ? this.renderTypeSelect() : nothing}
        <div class="results" aria-busy=${state.status === 'loading' ? 'true' : 'false'}>
          ${renderLoadState(state, this.locale, () => this.reload())}
          ${state.status === 'ready' ? (all ? this.renderAll() : this.renderRecent()) : nothing}
        </div>
        ${
          !all && state.status === 'ready'
            ? html`<div class="actions"><button type="button" part="button all" class="button" @click=${this.showAll}>${this.t('all')}</button></div>`
            : nothing
        }
      </section>
      ${this.deletion.render((m) => {
        const type = this.typeOf(m.type);
        return {
          title: this.t('delete'),
          text: this.t('delete.confirm'),
          subject: html`<strong>${type?.label ?? m.type}: ${formatReading(type, m.values, this.locale)}</strong>, ${formatDateTime(m.measuredAt, this.locale)}`,
        };
      })}`;
  }

  private renderTypeSelect() {
    return html`<div class="field type-filter">
      <label for=${this.idFor('type')}>${this.t('type')}</label>
      <select part="select" id=${this.idFor('type')} @change=${this.chooseType}>
        <option value="" ?selected=${!this.type}>${this.t('allTypes')}</option>
        ${this.types.map((t) => html`<option value=${t.code} ?selected=${this.type === t.code}>${t.label}</option>`)}
      </select>
    </div>`;
  }

  private deleteButton(m: Measurement, describedBy: string) {
    return m.deletable
      ? html`<button
          type="button"
          part="button delete"
          class="delete"
          aria-label=${this.t('delete')}
          aria-describedby=${describedBy}
          @click=${(e: Event) => this.deletion.open(m, e)}
        >
          <span aria-hidden="true">×</span>
        </button>`
      : nothing;
  }

  private renderRecent() {
    if (!this.items.length) return html`<p part="status" class="state state--empty">${this.t('emptyRecent')}</p>`;
    return html`<ul part="list" class="measurements plain" aria-labelledby=${this.idFor('heading')}>
      ${this.items.map((m) => {
        const type = this.typeOf(m.type);
        const textId = this.idFor(`m-${m.id}`);
        return html`<li part="item" class="measurement">
          <span class="measurement__text" id=${textId}>
            <span class="measurement__type">${type?.label ?? m.type}</span>
            <span class="measurement__value">${formatReading(type, m.values, this.locale)}</span>
            <time class="measurement__time" datetime=${m.measuredAt}>${formatDateTime(m.measuredAt, this.locale)}</time>
          </span>
          ${m.deletable ? html`<span part="own-badge" class="badge">${this.t('own')}</span>` : nothing} ${this.deleteButton(m, textId)}
        </li>`;
      })}
    </ul>`;
  }

  private renderAll() {
    const type = this.typeOf(this.type);
    const period = this.period;
    if (!period) return nothing;
    const from = formatDate(period.from, this.locale);
    const to = formatDate(period.to, this.locale);
    if (!this.items.length) return html`<p part="status" class="state state--empty">${this.t('empty')}</p>`;
    if (!type) return this.renderTable(undefined, this.t('period', { from, to }));
    const caption = this.t('table.caption', { type: type.label, from, to });
    return html`${this.measurementChart?.({
      id: this.idFor('chart-summary'),
      type,
      items: this.items,
      summary: this.chartSummary(type, from, to),
      locale: this.locale,
    })}
      <div class="actions">
        <button
          type="button"
          part="button table-toggle"
          class="button button--secondary"
          aria-expanded=${this.showTable ? 'true' : 'false'}
          aria-controls=${this.idFor('table')}
          @click=${() => (this.showTable = !this.showTable)}
        >
          ${this.t(this.showTable ? 'table.hide' : 'table.show')}
        </button>
      </div>
      <div id=${this.idFor('table')} ?hidden=${!this.showTable}>${this.showTable ? this.renderTable(type, caption) : nothing}</div>`;
  }

  private chartSummary(type: MeasurementType, from: string, to: string) {
    const reading = (pick: (values: number[]) => number) => {
      const values: Record<string, number> = {};
      for (const c of type.components) {
        const column = this.items.map((m) => m.values[c.key]).filter((v): v is number => v !== undefined);
        if (column.length) values[c.key] = pick(column);
      }
      return formatReading(type, values, this.locale);
    };
    const last = formatReading(type, this.items[0]!.values, this.locale);
    if (this.items.length === 1) return this.t('chart.summary.one', { type: type.label, from, to, last });
    return this.t('chart.summary.other', {
      type: type.label,
      from,
      to,
      count: this.items.length,
      min: reading((v) => Math.min(...v)),
      max: reading((v) => Math.max(...v)),
      last,
    });
  }

  private renderTable(type: MeasurementType | undefined, caption: string) {
    return html`<div class="table-scroll">
      <table part="table">
        <caption>${caption}</caption>
        <thead>
          <tr>
            <th scope="col">${this.t('table.when')}</th>
            ${type ? nothing : html`<th scope="col">${this.t('table.type')}</th>`}
            <th scope="col">${this.t('table.value')}</th>
            <th scope="col">${this.t('table.by')}</th>
            <th scope="col"><span class="visually-hidden">${this.t('table.actions')}</span></th>
          </tr>
        </thead>
        <tbody>
          ${this.items.map((m) => {
            const rowType = type ?? this.typeOf(m.type);
            const rowId = this.idFor(`row-${m.id}`);
            return html`<tr id=${rowId}>
              <td><time datetime=${m.measuredAt}>${formatDateTime(m.measuredAt, this.locale)}</time></td>
              ${type ? nothing : html`<td>${rowType?.label ?? m.type}</td>`}
              <td>${formatReading(rowType, m.values, this.locale)}</td>
              <td>${m.deletable ? this.t('own') : m.author}</td>
              <td>${this.deleteButton(m, rowId)}</td>
            </tr>`;
          })}
        </tbody>
      </table>
    </div>`;
  }

  private renderForm() {
    const enterable = this.types.filter((t) => t.clientMayEnter);
    const type = this.typeOf(this.formType);
    const errors = this.formErrors;
    const now = amsterdamDateTimeLocal();
    const describe = (field: string, hint?: string) =>
      [hint, errors[field] ? this.idFor(`${field}-error`) : undefined].filter(Boolean).join(' ') || nothing;
    const error = (field: string) =>
      errors[field] ? html`<p class="field-error" id=${this.idFor(`${field}-error`)}>${errors[field]}</p>` : nothing;
    return html`<form part="form" class="new-measurement" novalidate @submit=${this.submitMeasurement}>
      <div class="field">
        <label for=${this.idFor('form-type')}>${this.t('type')}</label>
        <select
          part="select"
          id=${this.idFor('form-type')}
          name="type"
          aria-invalid=${errors['type'] ? 'true' : 'false'}
          aria-describedby=${describe('type')}
          @change=${(e: Event) => {
            this.formType = (e.target as HTMLSelectElement).value;
            this.formErrors = {};
          }}
        >
          <option value="" ?selected=${!this.formType}>${this.t('new.chooseType')}</option>
          ${enterable.map((t) => html`<option value=${t.code} ?selected=${this.formType === t.code}>${t.label}</option>`)}
        </select>
        ${error('type')}
      </div>
      ${
        type
          ? keyed(
              type.code,
              html`<div class="fields">
            ${type.components.map((c) => {
              const field = `values.${c.key}`;
              const hintId = this.idFor(`${c.key}-hint`);
              return html`<div class="field">
                <label for=${this.idFor(field)}>${c.label}</label>
                <div class="with-unit">
                  <input
                    part="input"
                    id=${this.idFor(field)}
                    name=${field}
                    type="text"
                    inputmode="decimal"
                    autocomplete="off"
                    aria-invalid=${errors[field] ? 'true' : 'false'}
                    aria-describedby=${describe(field, hintId)}
                  />
                  <span class="unit">${type.unit}</span>
                </div>
                <p class="hint" id=${hintId}>
                  ${this.t('new.range', { min: formatNumber(c.min, 0, this.locale), max: formatNumber(c.max, 0, this.locale), unit: type.unit })},
                  ${type.decimals === 0 ? this.t('new.wholeNumbers') : this.t(type.decimals === 1 ? 'new.decimal' : 'new.decimals', { n: type.decimals })}
                </p>
                ${error(field)}
              </div>`;
            })}
          </div>`,
            )
          : nothing
      }
      <div class="field">
        <label for=${this.idFor('measuredAt')}>${this.t('new.when')}</label>
        <input
          part="input"
          id=${this.idFor('measuredAt')}
          name="measuredAt"
          type="datetime-local"
          max=${now}
          .value=${this.formWhen}
          @input=${(e: Event) => {
            this.formWhen = (e.target as HTMLInputElement).value;
          }}
          aria-invalid=${errors['measuredAt'] ? 'true' : 'false'}
          aria-describedby=${describe('measuredAt')}
        />
        ${error('measuredAt')}
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
