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

/** Lines that follow each other on a day and say the same thing, shown as one ("12× Rapportages bekeken"). */
interface LineGroup {
  line: AccessLogLine;
  /** Amsterdam HH:mm of each access, newest first. */
  clocks: string[];
}

const sameAccess = (a: AccessLogLine, b: AccessLogLine) =>
  a.actor === b.actor &&
  a.name === b.name &&
  a.relationship === b.relationship &&
  a.role === b.role &&
  a.organisation === b.organisation &&
  a.category === b.category &&
  a.action === b.action &&
  a.byYou === b.byYou;

/**
 * The lines by Amsterdam day, and within a day the runs of equal lines as one group, as the BFF's
 * PDF groups them (access-log/grouping.ts). An emergency access always stands alone.
 */
function daysOf(items: AccessLogLine[]): Map<string, LineGroup[]> {
  const days = new Map<string, LineGroup[]>();
  for (const line of items) {
    const [day, clock] = amsterdamDateTimeLocal(new Date(line.at)).split('T') as [string, string];
    let groups = days.get(day);
    if (!groups) days.set(day, (groups = []));
    const last = groups.at(-1);
    if (last && !line.breakTheGlass && !last.line.breakTheGlass && sameAccess(last.line, line)) last.clocks.push(clock);
    else groups.push({ line, clocks: [clock] });
  }
  return days;
}

/**
 * "Wie heeft mijn dossier bekeken?": every access to the client's data in a period (Wabvpz art.
 * 15e, NEN 7513), newest first and grouped by day, with the period filter of the reports and a PDF
 * and CSV download of exactly that period. Lines that follow each other and say the same thing
 * show as one ("12× Rapportages bekeken") that opens to the single times. Emergency
 * ("break-the-glass") access is marked in words and never grouped.
 *
 * @summary Who viewed or changed the client's file, by period, with a PDF and CSV download.
 *
 * @fires care-session-expired - The BFF answered 401. `detail: { code, tenant }`.
 *
 * @csspart base - The card around the widget.
 * @csspart heading - The heading.
 * @csspart day-heading - The heading of one day.
 * @csspart list - The accesses of one day.
 * @csspart item - One access, or a group of equal ones.
 * @csspart time - Its time, or a group's first and last time.
 * @csspart group - The "12× Rapportages bekeken" of a group, which opens to its times.
 * @csspart who - Who accessed the data.
 * @csspart break-the-glass - The "Noodtoegang" mark.
 * @csspart button - Every button and button-like link.
 * @csspart period - The period buttons.
 * @csspart period-form - The "Periode kiezen…" form.
 * @csspart download - The "Download als PDF" and "Download als CSV" links.
 * @csspart download-pdf - The "Download als PDF" link.
 * @csspart download-csv - The "Download als CSV" link.
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

  /** "U zelf", "De cliënt" (for a contact person), "Uw contactpersoon Anna de Vries (dochter)", "Wijkverpleegkundige, Team Noord (P. Jansen)", "Het ECD van …". */
  private who(line: AccessLogLine): string {
    if (line.byYou) return this.t('who.you');
    switch (line.actor) {
      case 'client':
        return this.t('who.client');
      case 'contact':
        if (!line.name) return this.t('who.contactUnnamed');
        return this.t('who.contact', {
          name: line.relationship ? `${line.name} (${this.t(`rel.${line.relationship}` as AccessLogKey)})` : line.name,
        });
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
    return [...daysOf(this.items)].map(
      ([day, groups]) => html`<h3 part="day-heading" class="day" id=${this.idFor(`day-${day}`)}>${formatDayHeading(day, this.locale)}</h3>
        <ol part="list" class="lines" aria-labelledby=${this.idFor(`day-${day}`)}>
          ${groups.map((group) => this.renderLine(group))}
        </ol>`,
    );
  }

  private renderLine({ line, clocks }: LineGroup) {
    const what = this.what(line);
    if (clocks.length > 1) {
      const span = `${clocks.at(-1)}–${clocks[0]}`;
      return html`<li part="item" class="line line--group">
        <details>
          <summary part="group">
            <time part="time" class="time" datetime=${line.at}>${span}</time>
            <span part="who" class="who">${this.who(line)}</span>
            <span class="what">${this.t('group', { count: clocks.length, what })}</span>
          </summary>
          <p class="hint">${this.t('groupTimes', { times: [...clocks].reverse().join(', ') })}</p>
        </details>
      </li>`;
    }
    return html`<li part="item" class="line">
      <time part="time" class="time" datetime=${line.at}>${clocks[0]}</time>
      <span part="who" class="who">${this.who(line)}</span>
      <span class="what">${what}</span>
      ${
        line.breakTheGlass
          ? html`<span part="break-the-glass" class="badge">${this.t('breakTheGlass')}<span class="visually-hidden">: ${this.t('breakTheGlassHint')}</span></span>`
          : nothing
      }
    </li>`;
  }

  private renderDownload(period: AccessLogPeriod) {
    const detail = this.t('downloadDetail', { from: formatDate(period.from, this.locale), to: formatDate(period.to, this.locale) });
    const link = (format: 'pdf' | 'csv') =>
      html`<a part=${`button download download-${format}`} class="button button--secondary" href=${this.client?.url(`/access-log.${format}?from=${period.from}&to=${period.to}`) ?? ''} download=${`inzage-dossier-${period.from}-${period.to}.${format}`} @click=${this.saveFile}>
        ${this.t(format === 'pdf' ? 'downloadPdf' : 'downloadCsv')}<span class="visually-hidden"> ${detail}</span>
      </a>`;
    return html`<span class="downloads">${link('pdf')}${link('csv')}</span>`;
  }
}
