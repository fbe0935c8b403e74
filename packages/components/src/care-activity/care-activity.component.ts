import { html, nothing } from 'lit';
import type { CareApiClient } from '../shared/api-client.js';
import { CareDataElement } from '../shared/care-data-element.js';
import { CARE_TIME_ZONE, formatDateTime } from '../shared/date-format.js';
import { emit } from '../shared/events.js';
import { renderLoadState } from '../shared/states.js';
import { activityMessages, type ActivityKey } from './care-activity.messages.js';
import { careActivityStyles } from './care-activity.styles.js';
import type { Activity as ActivityOverview } from '@care-widgets/bff/api-types';
export type { ActivityOverview };

/**
 * "Sinds uw vorige bezoek": a welcome with what is new since the start of the previous sign-in,
 * and the next appointment. Every line opens the widget it is about.
 *
 * @fires care-navigate - A line was chosen. `detail: { widget, view: 'all' }`, e.g. `care-messages`;
 * cancelable: a host page that routes itself calls `preventDefault()`. Otherwise the widget of that
 * tag on the page (alone or inside `<care-portal>`) switches to its "Alle …" view and gets the focus.
 * @fires care-session-expired - The session ran out. `detail: { code, tenant }`.
 * @csspart base - The section.
 * @csspart heading - The heading.
 */
export class CareActivity extends CareDataElement<ActivityKey> {
  static override styles = careActivityStyles;

  static override properties = {
    overview: { state: true },
  };

  declare protected overview: ActivityOverview | undefined;

  constructor() {
    super(activityMessages);
    this.overview = undefined;
  }

  protected override clearData(): void {
    this.overview = undefined;
  }

  protected override async fetchData(client: CareApiClient, signal: AbortSignal): Promise<void> {
    this.overview = await client.get<ActivityOverview>('/activity', { signal });
  }

  private count(base: 'reports' | 'messages' | 'appointments' | 'measurements' | 'plans', count: number): string {
    if (count === 0 && base !== 'appointments' && base !== 'plans') return this.t(`${base}.none`);
    return this.t(count === 1 ? `${base}.one` : `${base}.other`, { count });
  }

  private open(widget: string) {
    const proceed = emit(this, 'care-navigate', { widget, view: 'all' }, true);
    if (!proceed) return;
    const target = document.querySelector<HTMLElement & { view?: string }>(widget);
    if (!target) return;
    if ('view' in target) target.view = 'all';
    target.scrollIntoView?.({ block: 'start' });
    void (target as HTMLElement & { updateComplete?: Promise<unknown> }).updateComplete?.then(() => {
      target.shadowRoot?.querySelector<HTMLElement>('h2')?.focus();
    });
  }

  /** A count's line; none for an area the reader has no right to (a contact person). */
  private countLine(base: 'reports' | 'messages' | 'appointments' | 'measurements', count: number | null, widget: string) {
    return count === null ? nothing : this.line(this.count(base, count), widget);
  }

  private line(text: string, widget: string) {
    return html`<li class="line"><button type="button" class="link-button" @click=${() => this.open(widget)}>${text}</button></li>`;
  }

  private visitDate(iso: string): string {
    return new Intl.DateTimeFormat(this.locale === 'en' ? 'en-GB' : 'nl-NL', {
      timeZone: CARE_TIME_ZONE,
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      year: 'numeric',
    }).format(new Date(iso));
  }

  protected override render() {
    const state = this.loadState;
    return html`<section part="base" aria-labelledby="${this.uid}-heading" aria-busy=${state.status === 'loading' ? 'true' : 'false'}>
      <h2 part="heading" id="${this.uid}-heading" tabindex="-1">${this.t('heading')}</h2>
      ${renderLoadState(state, this.locale, () => this.reload())} ${state.status === 'ready' && this.overview ? this.renderOverview(this.overview) : nothing}
    </section>`;
  }

  private renderOverview(overview: ActivityOverview) {
    const { since, nextAppointment } = overview;
    return html`<p>${this.t(overview.previousVisit ? 'welcome' : 'welcomeFirst', { name: overview.displayName })}</p>
      ${
        since && overview.previousVisit
          ? html`<p>${this.t('since', { date: this.visitDate(overview.previousVisit) })}</p>
            <ul class="lines">
              ${this.countLine('reports', since.reports, 'care-reports')} ${this.countLine('appointments', since.appointmentsHeld, 'care-agenda')}
              ${this.countLine('messages', since.messages, 'care-messages')} ${this.countLine('measurements', since.measurements, 'care-measurements')}
              ${overview.plansAwaitingDecision ? this.line(this.count('plans', overview.plansAwaitingDecision), 'care-plan') : nothing}
            </ul>`
          : overview.plansAwaitingDecision
            ? html`<ul class="lines">${this.line(this.count('plans', overview.plansAwaitingDecision), 'care-plan')}</ul>`
            : nothing
      }
      ${
        nextAppointment === undefined
          ? nothing
          : html`<h3>${this.t('next')}</h3>
            ${
              nextAppointment
                ? html`<p><button type="button" class="link-button" @click=${() => this.open('care-agenda')}>${formatDateTime(nextAppointment.startsAt, this.locale)}: ${nextAppointment.title}${nextAppointment.location ? `, ${nextAppointment.location}` : ''}</button></p>`
                : html`<p>${this.t('nextNone')}</p>`
            }`
      }`;
  }
}
