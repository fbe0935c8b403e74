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

export type StatesKey = keyof typeof nl;

export const stateMessages = defineMessages(nl as Record<StatesKey, string>, () => import('./locales/states.en.js'));
