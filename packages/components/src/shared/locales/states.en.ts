import type { Catalogue } from '../messages.js';
import type { nl } from '../states.messages.js';

export default {
  'state.loading': 'Loading…',
  'state.offline': 'There is no connection with the client portal. Check your internet connection and try again.',
  'state.error': 'Something went wrong while fetching the data. Please try again later.',
  'state.saveError': 'Saving did not work. Please try again later.',
  'state.sessionExpired': 'Your session has expired. Please log in again to continue.',
  'state.signedOut': 'You are not logged in. Log in to see your data.',
  'state.forbidden': 'You are not allowed to do this.',
  'state.noRight': 'You do not have access to {area} of {name}.',
  'state.area.reports': 'the reports',
  'state.area.measurements': 'the measurements',
  'state.area.agenda': 'the agenda',
  'state.area.messages': 'the messages',
  'state.area.plan': 'the client plan',
  'state.area.profile': 'the personal details',
  'state.area.board': 'the bulletin board',
  'state.clientOnly': 'Only {name} can see or change this.',
  'state.retry': 'Try again',
  'state.requestId': 'Error code: {requestId}',
  'common.ok': 'OK',
  'common.cancel': 'Cancel',
  'common.save': 'Save',
  'common.busy': 'Please wait…',
  'common.back': 'Back to the overview',
  'common.delete': 'Delete',
} satisfies Catalogue<typeof nl>;
