import type { Catalogue } from '../../shared/messages.js';
import type { nl } from '../care-reports.messages.js';

export default {
  heading: 'Reports',
  all: 'All reports',
  'summary.one': '1 report from {from} to {to}',
  'summary.other': '{count} reports from {from} to {to}',
  empty: 'There are no reports in this period.',
  emptyLatest: 'There are no reports yet.',
  download: 'Download',
  downloadDetail: 'the reports from {from} to {to} (pdf)',
  own: 'Written by you',
  new: 'New report',
  'new.label': 'Your report',
  'new.hint': 'A report is not meant for asking the care team questions. Do you have a question? Then send a message.',
  'new.required': 'Write your report first.',
  'new.tooLong': 'Your report is too long. Use at most 4000 characters.',
  'new.saved': 'Your report has been added.',
} satisfies Catalogue<typeof nl>;
