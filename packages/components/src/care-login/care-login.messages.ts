import { defineMessages } from '../shared/messages.js';

/**
 * Texts of the steps every client sees: username and password, the code, signed in (seeds 003/004
 * §1-2, 000 steps 2-4, 002). The rarer steps bring their own (steps/steps.messages.ts); the
 * English of both is one chunk, loaded on first use.
 */
export const nl = {
  unavailable: 'Het cliëntportaal is op dit moment niet bereikbaar. Probeer het later opnieuw.',
  heading: 'Inloggen',
  username: 'Gebruikersnaam',
  password: 'Wachtwoord',
  showPassword: 'Wachtwoord tonen',
  'submit.sms': 'SMS-inlogcode aanvragen',
  'submit.email': 'Inlogcode per e-mail aanvragen',
  'submit.totp': 'Volgende',
  forgot: 'Wachtwoord vergeten?',
  back: 'Terug naar inloggen',
  busy: 'Even geduld…',
  required: 'Vul uw {field} in.',
  loggedOut: 'U bent uitgelogd.',
  'error.offline': 'Er is geen verbinding met het cliëntportaal. Controleer uw internetverbinding en probeer het opnieuw.',
  'error.sessionExpired': 'Uw sessie is verlopen. Log opnieuw in.',
  'error.wait': 'U kunt het over {time} opnieuw proberen.',
  'error.generic': 'Er ging iets mis. Probeer het later opnieuw.',
  seconds: '{n} seconden',
  minutes: '{n} minuten',
  'code.heading': 'Inlogcode invullen',
  'code.sms': 'U ontvangt binnen een minuut een sms op {destination} met de tekst “Uw inlogcode is {prefix}-xxxxxx”. Vul de laatste 6 cijfers in achter “Inlogcode”.',
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
  'code.resendIn': 'U kunt over {n} seconden een nieuwe code aanvragen.',
  'code.resent': 'Er is een nieuwe inlogcode verstuurd.',
  'done.heading': 'Ingelogd',
  'done.as': 'U bent ingelogd als {name}.',
  logout: 'Uitloggen',
  account: 'Mijn inloggegevens',
};

export type LoginMessageKey = keyof typeof nl;

export const loginMessages = defineMessages<LoginMessageKey>(nl, () => import('./locales/en.js'));
