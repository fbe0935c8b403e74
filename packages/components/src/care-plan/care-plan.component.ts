import { html, nothing } from 'lit';
import type { ApiError, CareApiClient } from '../shared/api-client.js';
import { CareDataElement } from '../shared/care-data-element.js';
import { formatDate, formatDateTime } from '../shared/date-format.js';
import { emit } from '../shared/events.js';
import { focusAfterUpdate } from '../shared/focus.js';
import { confirmationMessages } from '../shared/sms-confirmation/sms-confirmation.messages.js';
import { SmsConfirmation, type CodeChallenge } from '../shared/sms-confirmation/sms-confirmation.js';
import { renderLoadState } from '../shared/states.js';
import { planMessages, type nl } from './care-plan.messages.js';
import { carePlanStyles } from './care-plan.styles.js';
import type { Plan, PlanList } from '@care-widgets/bff/api-types';
export type { Plan };

export type PlanDecisionKind = 'sign' | 'reject';
/** The status of a plan with a decision. */
type Decided = Exclude<Plan['status'], 'undecided'>;

export interface CarePlanDecidedDetail {
  planId: string;
  /** When the decision was recorded (ISO 8601). */
  decidedAt: string;
}

interface Deciding {
  planId: string;
  decision: PlanDecisionKind;
  /** Rejecting asks for the optional reason before the code is sent. */
  step: 'reason' | 'code';
}

const MAX_REASON = 1000;
/**
 * The client plan ("Cliëntplan"): under "Afdrukken" every plan document, newest first, with its
 * version, date and status and a "Download" of the PDF. While a plan is undecided the client may
 * choose "Ondertekenen" (approve) or "Afkeuren" (reject, with an optional reason); either is
 * confirmed with a fresh SMS code in the same prefix + 6-digit field as the login. A decided plan
 * says who decided and when, and can never be decided again.
 *
 * @summary Client plan documents: download, sign or reject with an SMS code.
 *
 * @fires care-plan-signed - The client signed a plan. `detail: { planId, decidedAt }`.
 * @fires care-plan-rejected - The client rejected a plan. `detail: { planId, decidedAt }`.
 * @fires care-session-expired - The BFF answered 401. `detail: { code, tenant }`.
 *
 * @csspart base - The card around the widget.
 * @csspart heading - The heading "Cliëntplan".
 * @csspart list - The list of plan documents.
 * @csspart item - One plan document.
 * @csspart status-badge - "Nog niet ondertekend", "Ondertekend", "Afgekeurd".
 * @csspart decision - "Ondertekend door … op …" / "Afgekeurd door … op …".
 * @csspart button - Every button and button-like link.
 * @csspart download - The "Download" link of a plan.
 * @csspart reason-form - The form with the reason for rejecting.
 * @csspart confirm-form - The SMS code step.
 * @csspart input - The reason's textarea and the code input.
 * @csspart code-input - The 6-digit code input.
 * @csspart status - Loading and done messages.
 * @csspart error - Alerts.
 *
 * @cssproperty --care-font-family - Font. Default: inherited.
 * @cssproperty --care-font-size - Base size; everything inside is in em. Default: `medium`, the reader's browser setting.
 * @cssproperty --care-color-text - Text colour.
 * @cssproperty --care-color-text-muted - Dates and hints.
 * @cssproperty --care-color-background - Card and input background.
 * @cssproperty --care-color-surface - Background of forms.
 * @cssproperty --care-color-border - Card, input and item borders.
 * @cssproperty --care-color-primary - Buttons and links.
 * @cssproperty --care-color-primary-text - Text on filled buttons.
 * @cssproperty --care-color-focus - Focus outline.
 * @cssproperty --care-color-danger - Errors and the "Afgekeurd" status.
 * @cssproperty --care-color-success - The "Ondertekend" status and done messages.
 * @cssproperty --care-color-warning-text - The "Nog niet ondertekend" status.
 * @cssproperty --care-radius - Corner radius.
 * @cssproperty --care-space - Base spacing.
 *
 * @attr tenant - Slug of the care organisation, when used without `<care-portal>`.
 * @attr api - Base URL of the BFF, when used without `<care-portal>`.
 * @attr lang - `nl` or `en`; when absent, the portal's language.
 */
export class CarePlan extends CareDataElement<keyof typeof nl> {
  static override styles = carePlanStyles;

  static override properties = {
    plans: { state: true },
    deciding: { state: true },
    reason: { state: true },
    announcement: { state: true },
    alert: { state: true },
  };

  declare protected plans: Plan[];
  /** Only the client and a legal representative may sign or reject (GET /plans says which this is). */
  declare protected mayDecide: boolean;
  declare protected deciding: Deciding | undefined;
  declare protected reason: string;
  declare protected announcement: string;
  declare protected alert: string;

  private readonly confirmation: SmsConfirmation<Plan>;

  constructor() {
    super(planMessages, confirmationMessages);
    this.plans = [];
    this.reason = '';
    this.announcement = '';
    this.alert = '';
    this.confirmation = new SmsConfirmation<Plan>(this, {
      id: `${this.uid}-confirm`,
      locale: () => this.locale,
      request: () => this.requestCode(),
      confirm: (challenge, code) => this.confirmCode(challenge, code),
      confirmed: (plan) => this.decided(plan),
      cancelled: () => this.stopDeciding(),
      handle: (error) => this.handleDecisionProblem(error),
    });
  }

  protected override async fetchData(client: CareApiClient, signal: AbortSignal): Promise<void> {
    // mayDecide first: setting plans renders.
    ({ mayDecide: this.mayDecide, items: this.plans } = await client.get<PlanList>('/plans', { signal }));
  }

  protected override clearData(): void {
    this.plans = [];
    this.deciding = undefined;
    this.reason = '';
    this.confirmation?.reset();
  }

  // --- deciding ------------------------------------------------------------------------------------

  private sign(plan: Plan) {
    if (this.confirmation.busy) return;
    this.begin(plan, 'sign');
    void this.confirmation.start();
  }

  private reject(plan: Plan) {
    this.begin(plan, 'reject');
    focusAfterUpdate(this, `#${this.idFor('reason')}`);
  }

  private begin(plan: Plan, decision: PlanDecisionKind) {
    this.confirmation.reset();
    this.announcement = '';
    this.alert = '';
    this.reason = '';
    this.deciding = { planId: plan.id, decision, step: decision === 'reject' ? 'reason' : 'code' };
  }

  private stopDeciding() {
    const deciding = this.deciding;
    this.deciding = undefined;
    this.reason = '';
    if (deciding) focusAfterUpdate(this, `[data-plan="${deciding.planId}"] [part~="${deciding.decision}"]`);
  }

  private async submitReason(event: SubmitEvent) {
    event.preventDefault();
    if (this.reason.trim().length > MAX_REASON) return;
    if (await this.confirmation.start()) this.deciding = { ...this.deciding!, step: 'code' };
  }

  private requestCode(): Promise<CodeChallenge> {
    const { planId, decision } = this.deciding!;
    const reason = this.reason.trim();
    return this.client!.post<CodeChallenge>(
      `/plans/${planId}/decision`,
      // JSON leaves out an undefined reason: none goes with "sign".
      { decision, reason: (decision === 'reject' && reason) || undefined },
    );
  }

  private confirmCode(challenge: CodeChallenge, code: string): Promise<Plan> {
    const { planId, decision } = this.deciding!;
    return this.client!.post<Plan>(`/plans/${planId}/decision/confirm`, { challengeId: challenge.challengeId, code, decision });
  }

  private replacePlan(plan: Plan) {
    this.plans = this.plans.map((p) => (p.id === plan.id ? plan : p));
  }

  private decided(plan: Plan) {
    this.replacePlan(plan);
    this.deciding = undefined;
    this.reason = '';
    const status = plan.status as Decided;
    const signed = status === 'signed';
    this.announcement = this.t(`plan.done.${status}`);
    focusAfterUpdate(this, `#${this.idFor(`decision-${plan.id}`)}`);
    emit(this, signed ? 'care-plan-signed' : 'care-plan-rejected', {
      planId: plan.id,
      // A decided plan always carries its decision.
      decidedAt: plan.decision!.at,
    });
  }

  /** A 401 ends the session; a 409 means the plan was decided meanwhile (another tab, a race). */
  private handleDecisionProblem(error: ApiError): boolean {
    if (error.kind === 'session-expired') {
      this.deciding = undefined;
      this.apiError(error);
      return true;
    }
    if (error.status === 409 && error.code === 'plan-decided') {
      const current = error.extensions['plan'] as Plan | undefined;
      const planId = this.deciding?.planId;
      this.deciding = undefined;
      this.reason = '';
      this.alert = this.t('plan.alreadyDecided');
      if (current?.id) this.replacePlan(current);
      // The list may have changed in more ways than this one plan.
      this.reload();
      if (planId) focusAfterUpdate(this, `[part~="error"]`);
      return true;
    }
    return false;
  }

  // --- rendering -----------------------------------------------------------------------------------

  protected override render() {
    const state = this.loadState;
    return html`<section part="base" aria-labelledby=${this.idFor('heading')}>
      <div class="header">
        <h2 part="heading" id=${this.idFor('heading')} tabindex="-1">${this.t('plan.heading')}</h2>
      </div>
      <p part="status" class="status" role="status">${this.announcement}</p>
      ${this.alert ? html`<div part="error" role="alert" tabindex="-1"><p>${this.alert}</p></div>` : nothing}
      <div class="results" aria-busy=${String(state.status === 'loading')}>
        ${renderLoadState(state, this.locale, () => this.reload())} ${state.status === 'ready' ? this.renderPlans() : nothing}
      </div>
    </section>`;
  }

  private renderPlans() {
    if (!this.plans.length) return html`<p part="status" class="state state--empty">${this.t('plan.empty')}</p>`;
    return html`<h3 id=${this.idFor('print')}>${this.t('plan.print')}</h3>
      <ul part="list" class="plain plans" aria-labelledby=${this.idFor('print')}>
        ${this.plans.map((plan) => this.renderPlan(plan))}
      </ul>`;
  }

  private renderPlan(plan: Plan) {
    const locale = this.locale;
    const deciding = this.deciding?.planId === plan.id ? this.deciding : undefined;
    const decision = plan.decision;
    // While the code for "Ondertekenen" is on its way (or failed to come) the choice stays on screen.
    const undecided = plan.status === 'undecided';
    const choosing = undecided && this.mayDecide && (!deciding || (deciding.step === 'code' && !this.confirmation.challenge));
    // Who may not decide reads why there are no buttons.
    const hint = choosing ? 'plan.undecidedHint' : undecided && !this.mayDecide ? 'plan.legalOnly' : '';
    const busy = Boolean(deciding) && this.confirmation.busy;
    return html`<li part="item" class="plan" data-plan=${plan.id} data-status=${plan.status}>
      <p class="title"><strong>${plan.title}</strong> ${this.t('plan.version', { version: plan.version })}</p>
      <p class="meta">
        <time datetime=${plan.date}>${formatDate(plan.date, locale)}</time>
        <span part="status-badge" class="badge badge--${plan.status}">${this.t(`plan.status.${plan.status}`)}</span>
      </p>
      ${
        decision
          ? html`<p part="decision" class="decision" id=${this.idFor(`decision-${plan.id}`)} tabindex="-1">
            ${this.t(`plan.${plan.status as Decided}By`, { by: decision.by, at: formatDateTime(decision.at, locale) })}
            ${plan.status === 'rejected' && decision.reason ? html`<span class="reason">${this.t('plan.reason', { reason: decision.reason })}</span>` : nothing}
          </p>`
          : nothing
      }
      ${hint ? html`<p class="hint">${this.t(hint)}</p>` : nothing}
      <div class="actions">
        <a part="button download" class="button button--secondary" href=${this.client?.url(`/plans/${plan.id}/pdf`) ?? ''} download=${plan.fileName} @click=${this.saveFile}>
          ${this.t('plan.download')}<span class="visually-hidden"> ${this.t('plan.downloadDetail', { title: plan.title, version: plan.version })}</span>
        </a>
        ${
          choosing
            ? html`<button type="button" part="button sign" class="button" aria-disabled=${String(busy)} @click=${() => this.sign(plan)}>
                ${this.t('plan.sign')}
              </button>
              <button type="button" part="button reject" class="button button--secondary" @click=${() => this.reject(plan)}>${this.t('plan.reject')}</button>`
            : nothing
        }
      </div>
      ${deciding ? this.renderDeciding(plan, deciding) : nothing}
    </li>`;
  }

  private renderDeciding(plan: Plan, deciding: Deciding) {
    const names = { title: plan.title, version: plan.version };
    const c = this.confirmation;
    if (c.challenge) return c.render(this.t(`plan.confirm.${deciding.decision}`, names));
    const requestError = c.error ? html`<p class="field-error" id=${this.idFor('request-error')} role="alert">${c.error}</p>` : nothing;
    if (deciding.step !== 'reason') return requestError;
    const left = MAX_REASON - this.reason.length;
    return html`<form part="reason-form" class="form" novalidate @submit=${this.submitReason}>
      <p>${this.t('plan.reject.intro', names)}</p>
      <div class="field field--wide">
        <label for=${this.idFor('reason')}>${this.t('plan.reject.reason')}</label>
        <textarea
          part="input"
          id=${this.idFor('reason')}
          name="reason"
          rows="4"
          maxlength=${MAX_REASON}
          .value=${this.reason}
          aria-describedby=${`${this.idFor('reason-left')}${c.error ? ` ${this.idFor('request-error')}` : ''}`}
          @input=${(e: InputEvent) => {
            this.reason = (e.target as HTMLTextAreaElement).value;
          }}
        ></textarea>
        <p class="hint counter" id=${this.idFor('reason-left')} aria-live=${left <= 100 ? 'polite' : 'off'}>${this.t('plan.reject.left', { n: left })}</p>
      </div>
      ${requestError}
      <div class="actions">
        <button type="submit" part="button request-code" class="button" aria-disabled=${String(c.busy)}>${this.t('plan.requestCode')}</button>
        <button type="button" part="button cancel" class="button button--secondary" @click=${() => this.stopDeciding()}>${this.t('plan.cancel')}</button>
      </div>
    </form>`;
  }
}
