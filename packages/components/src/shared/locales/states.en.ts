import type { StatesKey } from '../states.messages.js';

export default {
  'state.loading': 'Loading…',
  'state.offline': 'There is no connection with the client portal. Check your internet connection and try again.',
  'state.error': 'Something went wrong while fetching the data. Please try again later.',
  'state.saveError': 'Saving did not work. Please try again later.',
  'state.sessionExpired': 'Your session has expired. Please log in again to continue.',
  'state.signedOut': 'You are not logged in. Log in to see your data.',
  'state.loggedOut': 'You are logged out. Log in again to see your data.',
  'state.forbidden': 'You are not allowed to do this.',
  'state.retry': 'Try again',
  'state.requestId': 'Error code: {requestId}',
  'common.ok': 'OK',
  'common.cancel': 'Cancel',
  'common.save': 'Save',
  'common.busy': 'Please wait…',
  'common.back': 'Back to the overview',
  'common.delete': 'Delete',
} satisfies Record<StatesKey, string>;
