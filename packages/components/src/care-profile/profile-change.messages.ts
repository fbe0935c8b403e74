import { defineMessages } from '../shared/messages.js';

/** Texts of the change of mobile number or e-mail address, loaded with it (profile-change.ts). */
export const nl = {
  'profile.newMobile': 'Nieuw mobiel nummer',
  'profile.newMobileHint':
    'Bijvoorbeeld 06 12345678. We sturen een sms met een code naar dit nummer. Tot u de code invult, blijft uw huidige nummer in gebruik.',
  'profile.invalidMobile': 'Vul een Nederlands mobiel nummer in, bijvoorbeeld 06 12345678.',
  'profile.sameMobile': 'Dit is al uw mobiele nummer.',
  'profile.confirmMobile': 'U wijzigt uw mobiele nummer in {mobile}.',
  'profile.mobileChanged': 'Uw mobiele nummer is gewijzigd in {mobile}.',
  'profile.newEmail': 'Nieuw e-mailadres',
  'profile.newEmailHint': 'We sturen een bevestigingslink naar dit adres. Tot u de link opent, blijft uw huidige e-mailadres in gebruik.',
  'profile.invalidEmail': 'Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.nl.',
  'profile.sameEmail': 'Dit is al uw e-mailadres.',
  'profile.currentPassword': 'Huidig wachtwoord',
  'profile.passwordRequired': 'Vul uw huidige wachtwoord in.',
  'profile.wrongPassword': 'Het wachtwoord is niet juist.',
  'profile.passwordDelayed': 'Te vaak een verkeerd wachtwoord. Probeer het over {n} seconden opnieuw.',
  'profile.continue': 'Verder',
  'profile.identity': 'Bevestig eerst dat u het bent.',
  'profile.proveAgain': 'De code is verlopen. Vul uw wachtwoord opnieuw in.',
  'profile.own.heading': 'Uw eigen gegevens',
  'profile.own.intro': 'Uw inlogcodes gaan naar dit mobiele nummer; het portaal mailt naar dit e-mailadres.',
  'profile.linkSent': 'We hebben een bevestigingslink gestuurd naar {email}. Open de link binnen 24 uur om de wijziging af te ronden.',
  'profile.failed': 'Dat is niet gelukt. Probeer het later opnieuw.',
  'profile.emailConfirmed': 'Uw e-mailadres is gewijzigd in {email}.',
  'profile.linkInvalid': 'Deze link is niet meer geldig. Vraag in het portaal opnieuw om uw e-mailadres te wijzigen.',
  'profile.cancel': 'Annuleren',
};

export const changeMessages = defineMessages(nl, () => import('./locales/change-en.js'));
