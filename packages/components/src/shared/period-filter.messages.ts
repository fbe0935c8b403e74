import { defineMessages } from './messages.js';

/** Texts of the period filter (reports, access log). English is loaded on first use. */
export const nl = {
  'period.label': 'Periode',
  'period.week': 'Laatste week',
  'period.month': 'Laatste maand',
  'period.year': 'Laatste jaar',
  'period.custom': 'Periode kiezen…',
  'period.from': 'Van',
  'period.to': 'Tot en met',
  'period.show': 'Tonen',
  'period.required': 'Vul een datum in.',
  'period.invalid': 'Dit is geen geldige datum. Vul een datum in, bijvoorbeeld 23-11-2026.',
  'period.fromAfterTo': 'De begindatum ligt na de einddatum. Kies een begindatum op of vóór de einddatum.',
  'period.tooLong': 'Kies een periode van hoogstens een jaar.',
};

export type PeriodKey = keyof typeof nl;

export const periodMessages = defineMessages(nl, () => import('./locales/period-filter.en.js'));
