import { defineMessages } from '../shared/messages.js';

/** The portal's own texts: only its alert when the organisation cannot be loaded. */
export const nl = {
  'portal.error.unavailable': 'Het cliëntportaal is op dit moment niet bereikbaar. Probeer het later opnieuw.',
  'portal.error.tenantNotFound': 'Deze organisatie is niet bekend.',
  'portal.error.requestId': 'Foutcode: {requestId}',
};

export type PortalMessageKey = keyof typeof nl;

export const portalMessages = defineMessages<PortalMessageKey>(nl, () => import('./locales/en.js'));
