import { defineMessages } from '../../shared/messages.js';

/** Texts of what follows the first screen's fields: the answers to a sent step (steps/sign-in.ts). */
export const nl = {
  'error.offline': 'Er is geen verbinding met het cliëntportaal. Controleer uw internetverbinding en probeer het opnieuw.',
  'error.sessionExpired': 'Uw sessie is verlopen. Log opnieuw in.',
  'error.wait': 'U kunt het over {time} opnieuw proberen.',
  'error.generic': 'Er ging iets mis. Probeer het later opnieuw.',
  second: '1 seconde',
  seconds: '{n} seconden',
  minutes: '{n} minuten',
};

export const signInMessages = defineMessages<keyof typeof nl>(nl, () => import('../locales/en.js'));
