import { defineMessages } from '../shared/messages.js';

export const nl = {
  'profile.heading': 'Cliëntprofiel',
  'profile.full': 'Volledig profiel',
  'profile.short': 'Minder tonen',
  'profile.dateOfBirth': 'Geboortedatum',
  'profile.age': 'Leeftijd',
  'profile.years': '{n} jaar',
  'profile.maritalStatus': 'Burgerlijke staat',
  'profile.placeOfBirth': 'Geboorteplaats',
  'profile.nationality': 'Nationaliteit',
  'profile.bsn': 'BSN',
  'profile.address': 'Laatste woonadres',
  'profile.addressExtra': 'Extra info na straat',
  'profile.phone': '(Mobiele) telefoon',
  'profile.mobile': 'Mobiel nummer',
  'profile.email': 'E-mailadres',
  'profile.unknown': 'Niet bekend',
  'profile.change': 'Wijzigen',
  'profile.change.mobile': 'mobiel nummer',
  'profile.change.email': 'e-mailadres',
  'profile.pending.mobile': 'Nieuw nummer {value} is nog niet bevestigd.',
  'profile.pending.email': 'Nieuw adres {value} is nog niet bevestigd. Open de link in de e-mail die we daarheen stuurden.',
  'profile.readOnly': 'De andere gegevens kunt u niet zelf wijzigen.',
  'profile.contactText': 'Klopt er iets niet? Neem contact op met uw persoonlijk begeleider, wijkverpleegkundige of contactverzorgende.',
  'profile.contactPhone': 'Telefoon',
  'profile.contactEmail': 'E-mail',
};

export const profileMessages = defineMessages(nl, () => import('./locales/en.js'));
