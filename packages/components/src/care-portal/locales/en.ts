import type { Catalogue } from '../../shared/messages.js';
import type { nl } from '../care-portal.messages.js';

export default {
  'portal.error.unavailable': 'The client portal cannot be reached at the moment. Please try again later.',
  'portal.error.tenantNotFound': 'This organisation is not known.',
  'portal.error.requestId': 'Error code: {requestId}',
} satisfies Catalogue<typeof nl>;
