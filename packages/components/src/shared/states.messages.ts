import { defineMessages } from './messages.js';

/** The shared states and buttons of the data widgets (loading, offline, error, session expired). English is loaded on first use. */
export const nl = {
  'state.loading': 'Bezig met laden…',
  'state.offline': 'Er is geen verbinding met het cliëntportaal. Controleer uw internetverbinding en probeer het opnieuw.',
  'state.error': 'Er ging iets mis bij het ophalen van de gegevens. Probeer het later opnieuw.',
  'state.saveError': 'Het opslaan is niet gelukt. Probeer het later opnieuw.',
  'state.sessionExpired': 'Uw sessie is verlopen. Log opnieuw in om verder te gaan.',
  'state.signedOut': 'U bent niet ingelogd. Log in om uw gegevens te zien.',
  'state.loggedOut': 'U bent uitgelogd. Log opnieuw in om uw gegevens te zien.',
  'state.forbidden': 'Dit mag u niet doen.',
  'state.retry': 'Opnieuw proberen',
  'state.requestId': 'Foutcode: {requestId}',
  'common.ok': 'OK',
  'common.cancel': 'Annuleren',
  'common.save': 'Opslaan',
  'common.busy': 'Even geduld…',
  'common.back': 'Terug naar het overzicht',
  'common.delete': 'Verwijderen',
};

/**
 * Texts only the other languages have: in Dutch the widget shows the BFF's own sentence (its
 * `detail`, one source: bff/src/contacts/rights.ts, bff/src/tenants/tenant-context.ts), so Dutch
 * carries no copy of them; `t()` gives '' for them in Dutch (shared/states.ts).
 */
type OtherLanguagesOnly =
  | 'state.noRight'
  | `state.area.${'reports' | 'measurements' | 'agenda' | 'messages' | 'plan' | 'profile' | 'board' | 'accessLog'}`
  | 'state.clientOnly'
  | 'state.widgetDisabled';

export type StatesKey = keyof typeof nl | OtherLanguagesOnly;

export const stateMessages = defineMessages(nl as Record<StatesKey, string>, () => import('./locales/states.en.js'));
