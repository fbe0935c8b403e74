import { defineMessages } from '../messages.js';

/** Texts of the SMS confirmation step that <care-plan> and <care-profile> share. */
export const nl = {
  'code.sent': 'We hebben een bevestigingscode gestuurd naar {destination}. De code begint met {prefix}-; vul de 6 cijfers daarna in.',
  'code.yourMobile': 'uw mobiele nummer',
  'code.app': 'Vul de code uit uw authenticator-app in.',
  'code.label': 'Bevestigingscode',
  'code.confirm': 'Bevestigen',
  'code.cancel': 'Annuleren',
  'code.busy': 'Even geduld…',
  'code.required': 'Vul de 6 cijfers van de bevestigingscode in.',
  'code.wrong': 'De code is niet juist. U kunt het nog {n} keer proberen.',
  'code.expired': 'Deze code is niet meer geldig. Vraag een nieuwe code aan.',
  'code.new': 'Nieuwe code aanvragen',
  'code.newSent': 'Er is een nieuwe code verstuurd.',
  'code.tooMany': 'Er zijn te veel codes verstuurd. Probeer het over {n} minuten opnieuw.',
  'code.noMobile': 'Er is geen mobiel nummer bekend om de code naar te sturen. Neem contact op met uw zorgteam.',
  'code.failed': 'Dat is niet gelukt. Probeer het later opnieuw.',
};

export const confirmationMessages = defineMessages(nl, () => import('./locales/en.js'));
