import { html, nothing, type ReactiveElement, type TemplateResult } from 'lit';
import { ApiError } from './api-client.js';
import { isCalendarDate } from './date-format.js';
import { focusAfterUpdate } from './focus.js';
import type { Locale } from './i18n.js';
import { MessagesController } from './messages.js';
import { periodMessages, type PeriodKey } from './period-filter.messages.js';

export type PeriodChoice = 'week' | 'month' | 'year' | 'custom';

/** A period as the BFF gives it: calendar dates, both included. */
export interface Period {
  from: string;
  to: string;
}

type PeriodField = 'from' | 'to';
const presets = ['week', 'month', 'year'] as const;

export interface PeriodFilterOptions {
  /** Prefix of the filter's ids (`-custom`, `-from`, `-to`, `-from-error`…), unique in the host's render root. */
  id: string;
  locale: () => Locale;
  /** The period on screen: "Periode kiezen…" starts from it. */
  shown: () => Period | undefined;
  /** Whether the chosen period is on screen, so choosing it again loads nothing. */
  ready: () => boolean;
  /** Loads the chosen period (`query()`). */
  reload: () => void;
}

export interface PeriodFilter {
  /** `period=week`, or `from=…&to=…` for a chosen period. */
  query(): string;
  /**
   * The BFF refused the chosen period (a 400 with field errors: over a year, a date it does not
   * take): the form opens with the errors at its fields, and true is returned. Any other error: false.
   */
  refused(error: unknown): boolean;
  /** The period buttons and the "Periode kiezen…" form. Parts: `period`, `period-form`, `button`, `input`. */
  render(): TemplateResult;
}

/**
 * The period filter of the reports and the access log: "Laatste week" (the default), "Laatste
 * maand", "Laatste jaar" as pressed buttons, and "Periode kiezen…" opening a form of two dates
 * that are checked, with the errors at the fields and the focus on the first wrong one.
 */
export function periodFilter(host: ReactiveElement, { id, locale, shown, ready, reload }: PeriodFilterOptions): PeriodFilter {
  new MessagesController(host, [periodMessages], locale);
  let choice: PeriodChoice = 'week';
  let customOpen = false;
  let errors: Partial<Record<PeriodField, string>> = {};
  let custom: Period = { from: '', to: '' };
  const t = (key: PeriodKey) => periodMessages.t(locale(), key);
  const focusField = () => focusAfterUpdate(host, `#${id}-${errors.from ? 'from' : 'to'}`);

  const choosePreset = (preset: (typeof presets)[number]) => {
    customOpen = false;
    errors = {};
    host.requestUpdate();
    if (choice === preset && ready()) return;
    choice = preset;
    reload();
  };

  const toggleCustom = () => {
    customOpen = !customOpen;
    host.requestUpdate();
    if (!customOpen) return;
    const period = shown();
    if (!custom.from && period) custom = { ...period };
    focusAfterUpdate(host, `#${id}-from`);
  };

  const checkDate = (input: HTMLInputElement): string | undefined => {
    if (input.validity.badInput || (input.value && !isCalendarDate(input.value))) return t('period.invalid');
    if (!input.value) return t('period.required');
    return undefined;
  };

  const submitCustom = (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const fromInput = form.querySelector<HTMLInputElement>('[name="from"]')!;
    const toInput = form.querySelector<HTMLInputElement>('[name="to"]')!;
    const fromError = checkDate(fromInput);
    const toError = checkDate(toInput);
    errors = {};
    if (fromError) errors.from = fromError;
    if (toError) errors.to = toError;
    if (!fromError && !toError && fromInput.value > toInput.value) errors.from = t('period.fromAfterTo');
    custom = { from: fromInput.value, to: toInput.value };
    host.requestUpdate();
    if (errors.from || errors.to) return focusField();
    choice = 'custom';
    reload();
  };

  const dateField = (field: PeriodField) => {
    const error = errors[field];
    return html`<div class="field">
      <label for=${`${id}-${field}`}>${t(`period.${field}`)}</label>
      <input
        part="input"
        type="date"
        id=${`${id}-${field}`}
        name=${field}
        required
        .value=${custom[field]}
        aria-invalid=${error ? 'true' : 'false'}
        aria-describedby=${error ? `${id}-${field}-error` : nothing}
      />
      ${error ? html`<p class="field-error" id=${`${id}-${field}-error`}>${error}</p>` : nothing}
    </div>`;
  };

  return {
    query() {
      return choice === 'custom' ? `from=${encodeURIComponent(custom.from)}&to=${encodeURIComponent(custom.to)}` : `period=${choice}`;
    },

    refused(error) {
      if (!(error instanceof ApiError) || error.status !== 400 || choice !== 'custom' || !error.errors.length) return false;
      // The BFF knows limits the form does not check (a span over a year): show them at the field.
      errors = {};
      for (const { field } of error.errors) {
        if (field === 'to') errors.to ??= t('period.tooLong');
        else errors.from ??= t('period.invalid');
      }
      customOpen = true;
      focusField();
      return true;
    },

    render() {
      const preset = choice !== 'custom' && !customOpen ? choice : undefined;
      return html`<div part="period" class="segments" role="group" aria-label=${t('period.label')}>
          ${presets.map(
            (p) =>
              html`<button type="button" part="button" class="button" aria-pressed=${preset === p ? 'true' : 'false'} @click=${() => choosePreset(p)}>
                ${t(`period.${p}`)}
              </button>`,
          )}
          <button
            type="button"
            part="button"
            class="button"
            aria-expanded=${customOpen ? 'true' : 'false'}
            aria-controls=${`${id}-custom`}
            aria-pressed=${choice === 'custom' || customOpen ? 'true' : 'false'}
            @click=${toggleCustom}
          >
            ${t('period.custom')}
          </button>
        </div>
        <form part="period-form" id=${`${id}-custom`} class="period-form" novalidate ?hidden=${!customOpen} @submit=${submitCustom}>
          <div class="fields">${dateField('from')} ${dateField('to')}</div>
          <button type="submit" part="button" class="button">${t('period.show')}</button>
        </form>`;
    },
  };
}
