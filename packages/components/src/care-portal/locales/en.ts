import type { Catalogue } from './nl.js';

export const en = {
  'portal.error.unavailable': 'The client portal cannot be reached at the moment. Please try again later.',
  'portal.error.tenantNotFound': 'This organisation is not known.',
  'portal.error.requestId': 'Error code: {requestId}',
} as const satisfies Catalogue;
