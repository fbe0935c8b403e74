import { defineMessages } from '../shared/messages.js';
import { translator } from './translate.js';

/**
 * Texts of the login's first screen, username and password, and what every step shares (seeds
 * 003/004 §1-2, 000 steps 2-4, 002). The code step, the signed-in view and the rarer steps bring
 * their own (steps/*.messages.ts); the English of all of them is one chunk, loaded on first use.
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
};

export type LoginMessageKey = keyof typeof nl;

export const loginMessages = defineMessages<LoginMessageKey>(nl, () => import('./locales/en.js'));
export const t = translator(loginMessages);
