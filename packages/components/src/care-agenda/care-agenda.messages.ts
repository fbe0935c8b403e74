import { defineMessages } from '../shared/messages.js';

/** Texts of <care-agenda>, in the words of seed 004 §5 and seed 001 (Mijn Agenda). English is loaded on first use. */
export const nl = {
  heading: 'Afspraken',
  all: 'Alle afspraken',
  empty: 'Er zijn geen afspraken gepland.',
  time: '{start} – {end} uur',
  careWorker: 'Zorgverlener: {name}',
  location: 'Locatie: {location}',
  own: 'Door u toegevoegd',
  ics: 'Toevoegen aan agenda',
  icsAll: 'Alle afspraken in agenda zetten',
  add: 'Afspraak toevoegen',
  addIntro: 'Het zorgteam ziet de afspraken die u hier toevoegt.',
  edit: 'Wijzigen',
  editHeading: 'Afspraak wijzigen',
  remove: 'Afspraak verwijderen',
  'remove.confirm': 'Weet u zeker dat u deze afspraak wilt verwijderen?',
  removed: 'De afspraak is verwijderd.',
  saved: 'Uw afspraak is toegevoegd.',
  updated: 'Uw afspraak is gewijzigd.',
  'form.title': 'Omschrijving',
  'form.date': 'Datum',
  'form.start': 'Begintijd',
  'form.end': 'Eindtijd',
  'form.location': 'Locatie (niet verplicht)',
  'form.titleRequired': 'Vul een omschrijving in.',
  'form.titleTooLong': 'Gebruik hoogstens 200 tekens voor de omschrijving.',
  'form.locationTooLong': 'Gebruik hoogstens 200 tekens voor de locatie.',
  'form.dateInvalid': 'Vul een geldige datum in.',
  'form.timeInvalid': 'Vul een geldige tijd in, bijvoorbeeld 09:30.',
  'form.past': 'Dit moment is al voorbij. Kies een moment in de toekomst.',
  'form.endBeforeStart': 'De eindtijd moet na de begintijd liggen.',
};

export type AgendaKey = keyof typeof nl;

export const agendaMessages = defineMessages(nl, () => import('./locales/en.js'));
