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
  // The BFF's 403 no-right and client-only, for when its Dutch detail is not what is shown.
  'state.noRight': 'U heeft geen toegang tot {area} van {name}.',
  'state.area.reports': 'de rapportages',
  'state.area.measurements': 'de metingen',
  'state.area.agenda': 'de agenda',
  'state.area.messages': 'de berichten',
  'state.area.plan': 'het cliëntplan',
  'state.area.profile': 'de persoonlijke gegevens',
  'state.area.board': 'het prikbord',
  'state.area.accessLog': 'het inzageoverzicht',
  'state.clientOnly': 'Alleen {name} zelf kan dit zien of wijzigen.',
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

export const stateMessages = defineMessages(nl, () => import('./locales/states.en.js'));
