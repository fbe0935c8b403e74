import { defineMessages } from '../shared/messages.js';

/** Texts of <care-activity> ("Sinds uw vorige bezoek", as seed 002 words it). English is loaded on first use. */
export const nl = {
  heading: 'Sinds uw vorige bezoek',
  welcome: 'Welkom terug, {name}.',
  welcomeFirst: 'Welkom, {name}.',
  since: 'Sinds {date}:',
  'reports.none': 'Geen nieuwe rapportages',
  'reports.one': '1 nieuwe rapportage',
  'reports.other': '{count} nieuwe rapportages',
  'messages.none': 'Geen nieuwe berichten',
  'messages.one': '1 nieuw bericht',
  'messages.other': '{count} nieuwe berichten',
  'appointments.other': '{count} afspraken geweest',
  'appointments.one': '1 afspraak geweest',
  'measurements.none': 'Geen nieuwe metingen',
  'measurements.one': '1 nieuwe meting',
  'measurements.other': '{count} nieuwe metingen',
  'plans.one': '1 cliëntplan wacht op uw beslissing',
  'plans.other': '{count} cliëntplannen wachten op uw beslissing',
  next: 'Volgende afspraak',
  nextNone: 'Er staan geen afspraken gepland.',
};

export type ActivityKey = keyof typeof nl;

export const activityMessages = defineMessages(nl, () => import('./locales/en.js'));
