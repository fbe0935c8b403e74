import { defineMessages } from '../../shared/messages.js';
import { translator } from '../translate.js';

/** Texts of the code step (seeds 003/004 §1, 000 step 3, 002): loaded with it, after the password. */
export const nl = {
  'code.heading': 'Inlogcode invullen',
  'code.sms':
    'U ontvangt binnen een minuut een sms op {destination} met de tekst “Uw inlogcode is {prefix}-xxxxxx”. Vul de laatste 6 cijfers in achter “Inlogcode”.',
  'code.email': 'Wij hebben een e-mail met uw inlogcode gestuurd naar {destination}. Vul de laatste 6 cijfers in achter “Inlogcode”.',
  'code.prefixNote': 'De eerste vier cijfers zijn al ingevuld.',
  'code.totp': 'Open de authenticator-app op uw telefoon en vul de code van 6 cijfers in.',
  'code.notSent': 'Er zijn te veel inlogcodes aangevraagd. U kunt over {time} een nieuwe code aanvragen.',
  'code.label': 'Inlogcode',
  'code.totpLabel': 'Verificatiecode',
  'code.hint': '6 cijfers',
  'code.invalid': 'Vul de 6 cijfers van de inlogcode in.',
  'code.trust': 'Deze computer vertrouwen voor {days} dagen',
  'code.trustHint': 'Doe dit alleen op uw eigen computer. U hoeft dan {days} dagen geen inlogcode in te vullen.',
  'code.submit': 'Inloggen',
  'code.totpSubmit': 'Verifiëren',
  'code.resend': 'Opnieuw versturen',
  'code.resendIn': 'U kunt over {time} een nieuwe code aanvragen.',
  'code.resent': 'Er is een nieuwe inlogcode verstuurd.',
};

export const codeMessages = defineMessages<keyof typeof nl>(nl, () => import('../locales/en.js'));
export const t = translator(codeMessages);
