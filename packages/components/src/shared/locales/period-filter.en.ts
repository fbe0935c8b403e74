import type { Catalogue } from '../messages.js';
import type { nl } from '../period-filter.messages.js';

export default {
  'period.label': 'Period',
  'period.week': 'Last week',
  'period.month': 'Last month',
  'period.year': 'Last year',
  'period.custom': 'Choose period…',
  'period.from': 'From',
  'period.to': 'Up to and including',
  'period.show': 'Show',
  'period.required': 'Enter a date.',
  'period.invalid': 'This is not a valid date. Enter a date, for example 23-11-2026.',
  'period.fromAfterTo': 'The start date is after the end date. Choose a start date on or before the end date.',
  'period.tooLong': 'Choose a period of at most one year.',
} satisfies Catalogue<typeof nl>;
