import { html, nothing } from 'lit';
import type { CareApiClient } from '../shared/api-client.js';
import { CareDataElement } from '../shared/care-data-element.js';
import { amsterdamDateTimeLocal, formatDate, formatDayHeading } from '../shared/date-format.js';
import { renderLoadState } from '../shared/states.js';
import { accessLogMessages, type AccessLogKey } from './care-access-log.messages.js';
import { careAccessLogStyles } from './care-access-log.styles.js';
import type { AccessLogLine, Period as AccessLogPeriod } from '@care-widgets/bff/api-types';
export type { AccessLogLine, AccessLogPeriod };

const knownCategories = new Set([
  'reports',
  'measurements',
  'client-plan',
  'appointments',
  'messages',
  'profile',
  'portal-input',
  'documents',
  'medication',
]);

/**
 * "Wie heeft mijn dossier bekeken?": every access to the client's data in a period (Wabvpz art.
 * 15e, NEN 7513), newest first and grouped by day, with the period filter of the reports and a CSV
 * download of exactly that period. Emergency ("break-the-glass") access is marked in words.
 *
 * @summary Who viewed or changed the client's file, by period, with a CSV download.
 *
 * @fires care-session-expired - The BFF answered 401. `detail: { code, tenant }`.
 *
 * @csspart base - The card around the widget.
 * @csspart heading - The heading.
 * @csspart day-heading - The heading of one day.
 * @csspart list - The accesses of one day.
 * @csspart item - One access.
 * @csspart time - Its time.
 * @csspart who - Who accessed the data.
 * @csspart break-the-glass - The "Noodtoegang" mark.
 * @csspart button - Every button and button-like link.
 * @csspart period - The period buttons.
 * @csspart period-form - The "Periode kiezen…" form.
 * @csspart download - The "Download (csv)" link.
 * @csspart input - Date inputs.
 * @csspart summary - The line saying how many accesses of which period are shown.
 * @csspart status - Loading messages.
 * @csspart error - Alerts.
 *
 * @cssproperty --care-font-family - Font. Default: inherited.
 * @cssproperty --care-font-size - Base size; everything inside is in em. Default: `medium`, the reader's browser setting.
 * @cssproperty --care-color-text - Text colour.
 * @cssproperty --care-color-text-muted - Times and hints.
 * @cssproperty --care-color-background - Card and input background.
 * @cssproperty --care-color-surface - Background of the period form.
 * @cssproperty --care-color-border - Card, input and line borders.
 * @cssproperty --care-color-primary - Buttons and links.
 * @cssproperty --care-color-primary-text - Text on filled buttons.
 * @cssproperty --care-color-focus - Focus outline.
 * @cssproperty --care-color-danger - Errors and the "Noodtoegang" mark.
 * @cssproperty --care-radius - Corner radius.
 * @cssproperty --care-space - Base spacing.
 *
 * @attr tenant - Slug of the care organisation, when used without `<care-portal>`.
 * @attr api - Base URL of the BFF, when used without `<care-portal>`.
 * @attr lang - `nl` or `en`; when absent, the portal's language.
 */
export class CareAccessLog extends CareDataElement<AccessLogKey> {
  static override styles = careAccessLogStyles;

  static override properties = {
    items: { state: true },
    shownPeriod: { state: true },
  };

  declare protected items: AccessLogLine[];
  declare protected shownPeriod: AccessLogPeriod | undefined;

  private readonly period = this.periodFilter({ id: this.uid, shown: () => this.shownPeriod });

  constructor() {
    super(accessLogMessages);
    this.items = [];
    this.shownPeriod = undefined;
  }

  protected override clearData(): void {
    this.items = [];
    this.shownPeriod = undefined;
  }

  protected override async fetchData(client: CareApiClient, signal: AbortSignal): Promise<void> {
    try {
      const { items, period } = await client.get<{ items: AccessLogLine[]; period: AccessLogPeriod }>(
        `/access-log?${this.period.query()}`,
        {
          signal,
        },
      );
      this.items = items;
      this.shownPeriod = period;
    } catch (error) {
      if (!this.period.refused(error)) throw error;
      this.clearData();
    }
  }

  // --- rendering ----------------------------------------------------------------------------------

  /** "U zelf", "Uw contactpersoon Anna de Vries", "Wijkverpleegkundige, Team Noord (P. Jansen)", "Het ECD van …". */
  private who(line: AccessLogLine): string {
    switch (line.actor) {
      case 'client':
        return this.t('who.client');
      case 'contact':
        return line.name ? this.t('who.contact', { name: line.name }) : this.t('who.contactUnnamed');
      case 'ecd':
        return line.organisation ? this.t('who.ecd', { organisation: line.organisation }) : this.t('who.ecdUnnamed');
      default: {
        const role = [line.role ?? this.t('who.staff'), line.organisation].filter(Boolean).join(', ');
        return line.name ? `${line.name} (${role})` : role;
      }
    }
  }

  private what(line: AccessLogLine): string {
    const category = knownCategories.has(line.category) ? line.category : 'other';
    return `${this.t(`what.${category}` as AccessLogKey)} ${this.t(`action.${line.action}`)}`;
  }

  protected override render() {
    const state = this.loadState;
    const busy = state.status === 'loading';
    return html`<section part="base" aria-labelledby=${this.idFor('heading')}>
      <h2 part="heading" id=${this.idFor('heading')} tabindex="-1">${this.t('heading')}</h2>
      <p class="hint">${this.t('intro')}</p>
      ${
        state.status !== 'signed-out' && !(state.status === 'error' && state.error.kind === 'session-expired')
          ? html`${this.period.render()}${this.renderSummary()}`
          : nothing
      }
      <div class="results" aria-busy=${busy ? 'true' : 'false'}>
        ${renderLoadState(state, this.locale, () => this.reload())}
        ${state.status === 'ready' ? this.renderResults() : nothing}
      </div>
    </section>`;
  }

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

  private renderResults() {
    if (!this.shownPeriod) return nothing;
    if (!this.items.length) return html`<p part="status" class="state state--empty">${this.t('empty')}</p>`;
    const days = new Map<string, { clock: string; line: AccessLogLine }[]>();
    for (const line of this.items) {
      const [day, clock] = amsterdamDateTimeLocal(new Date(line.at)).split('T') as [string, string];
      let lines = days.get(day);
      if (!lines) days.set(day, (lines = []));
      lines.push({ clock, line });
    }
    return [...days].map(
      ([day, lines]) => html`<h3 part="day-heading" class="day" id=${this.idFor(`day-${day}`)}>${formatDayHeading(day, this.locale)}</h3>
        <ol part="list" class="lines" aria-labelledby=${this.idFor(`day-${day}`)}>
          ${lines.map(
            ({ clock, line }) => html`<li part="item" class="line">
              <time part="time" class="time" datetime=${line.at}>${clock}</time>
              <span part="who" class="who">${this.who(line)}</span>
              <span class="what">${this.what(line)}</span>
              ${
                line.breakTheGlass
                  ? html`<span part="break-the-glass" class="badge">${this.t('breakTheGlass')}<span class="visually-hidden">: ${this.t('breakTheGlassHint')}</span></span>`
                  : nothing
              }
            </li>`,
          )}
        </ol>`,
    );
  }

  private renderDownload(period: AccessLogPeriod) {
    const href = this.client?.url(`/access-log.csv?from=${period.from}&to=${period.to}`) ?? '';
    return html`<a part="button download" class="button button--secondary" href=${href} download=${`inzage-dossier-${period.from}-${period.to}.csv`} @click=${this.saveFile}>
      ${this.t('download')}<span class="visually-hidden">
        ${this.t('downloadDetail', { from: formatDate(period.from, this.locale), to: formatDate(period.to, this.locale) })}</span
      >
    </a>`;
  }
}
