/** Dutch is the source language: every key starts here, and en.ts must translate each one. */
export const nl = {
  'portal.error.unavailable': 'Het cliëntportaal is op dit moment niet bereikbaar. Probeer het later opnieuw.',
  'portal.error.tenantNotFound': 'Deze organisatie is niet bekend.',
  'portal.error.requestId': 'Foutcode: {requestId}',
} as const;

export type MessageKey = keyof typeof nl;
export type Catalogue = { readonly [K in MessageKey]: string };
