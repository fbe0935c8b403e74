import { defineMessages } from '../shared/messages.js';

export const nl = {
  'messages.heading': 'Berichten',
  'messages.all': 'Alle berichten',
  'messages.back': 'Terug naar het overzicht',
  'messages.empty': 'Er zijn nog geen berichten. Stel hieronder uw vraag aan het zorgteam.',
  'messages.older': 'Oudere berichten laden',
  'messages.olderLoaded': '{n} oudere berichten geladen.',
  'messages.noOlder': 'Dit zijn al uw berichten.',
  'messages.you': 'U',
  'messages.from': 'Van',
  'messages.kind.staff': 'zorgteam',
  'messages.kind.contact': 'naaste',
  'messages.new': 'Nieuw',
  'messages.sending': 'Wordt verstuurd…',
  'messages.failed': 'Niet verstuurd',
  'messages.retry': 'Opnieuw proberen',
  'messages.label': 'Uw bericht',
  'messages.hint': 'Uw bericht gaat naar het zorgteam. Bij spoed belt u ons.',
  'messages.send': 'Stuur',
  'messages.required': 'Schrijf eerst uw bericht.',
  'messages.left': 'Nog {n} tekens',
  'messages.over': '{n} tekens te veel',
  'messages.tooLong': 'Uw bericht is te lang: maximaal 2000 tekens.',
  'messages.sent': 'Uw bericht is verstuurd.',
  'messages.received': 'Nieuw bericht van {name}.',
  'messages.unread': '{n} ongelezen',
};

export const messagesMessages = defineMessages(nl, () => import('./locales/en.js'));
