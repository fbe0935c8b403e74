import { defineMessages } from '../../shared/messages.js';
import { translator } from '../translate.js';

/** Texts of the signed-in view ("Ingelogd", "Uitloggen"), loaded with it. */
export const nl = {
  loggedOut: 'U bent uitgelogd.',
  expired: 'Uw sessie is verlopen. Log opnieuw in om verder te gaan.',
  'done.heading': 'Ingelogd',
  'done.as': 'U bent ingelogd als {name}.',
  logout: 'Uitloggen',
  account: 'Mijn inloggegevens',
};

export const signedInMessages = defineMessages<keyof typeof nl>(nl, () => import('../locales/en.js'));
export const t = translator(signedInMessages);
