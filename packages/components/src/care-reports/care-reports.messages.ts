import { defineMessages } from '../shared/messages.js';

/** Texts of <care-reports>, in the words of seeds 003/004 §3. English is loaded on first use. */
export const nl = {
  heading: 'Rapportages',
  all: 'Alle rapportages',
  'summary.one': '1 rapportage van {from} tot en met {to}',
  'summary.other': '{count} rapportages van {from} tot en met {to}',
  empty: 'Er zijn geen rapportages in deze periode.',
  emptyLatest: 'Er zijn nog geen rapportages.',
  download: 'Download',
  downloadDetail: 'de rapportages van {from} tot en met {to} (pdf)',
  own: 'Door u geschreven',
  new: 'Nieuwe rapportage',
  'new.label': 'Uw rapportage',
  'new.hint': 'De rapportage is niet bedoeld om vragen te stellen aan de zorg. Heeft u een vraag? Stuur dan een bericht.',
  'new.required': 'Schrijf eerst uw rapportage.',
  'new.tooLong': 'Uw rapportage is te lang. Gebruik hoogstens 4000 tekens.',
  'new.saved': 'Uw rapportage is toegevoegd.',
};

export type ReportKey = keyof typeof nl;

export const reportMessages = defineMessages(nl, () => import('./locales/en.js'));
