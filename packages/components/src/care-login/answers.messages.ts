import { defineMessages } from '../shared/messages.js';
import { translator } from './translate.js';

/** Texts of what follows a sent step: the errors of every step and waiting times (answers.ts). */
export const nl = {
  'error.offline': 'Er is geen verbinding met het cliëntportaal. Controleer uw internetverbinding en probeer het opnieuw.',
  'error.sessionExpired': 'Uw sessie is verlopen. Log opnieuw in.',
  'error.wait': 'U kunt het over {time} opnieuw proberen.',
  'error.generic': 'Er ging iets mis. Probeer het later opnieuw.',
  second: '1 seconde',
  seconds: '{n} seconden',
  minutes: '{n} minuten',
};

export const answerMessages = defineMessages<keyof typeof nl>(nl, () => import('./locales/en.js'));
export const t = translator(answerMessages);
