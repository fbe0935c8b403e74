import type { Catalogue } from '../../shared/messages.js';
import type { nl } from '../session-watch.messages.js';

export default {
  'warning.heading': 'Are you still there?',
  'warning.one': 'You will be logged out in 1 minute, because you have not done anything for a while.',
  'warning.other': 'You will be logged out in {n} minutes, because you have not done anything for a while.',
  'warning.stay': 'Stay logged in',
  'warning.logout': 'Log out now',
  'ended.idle': 'You were logged out because you did nothing for {n} minutes.',
  'ended.elsewhere': 'You logged out in another window.',
  'ended.expired': 'Your session has expired. Please log in again.',
  'ended.logout': 'You are logged out.',
} satisfies Catalogue<typeof nl>;
