import type { Catalogue } from '../../shared/messages.js';
import type { nl } from '../session-watch.messages.js';

export default {
  'warning.heading': 'Are you still there?',
  'warning.one': 'You will be logged out in 1 minute, because you have not done anything for a while.',
  'warning.other': 'You will be logged out in {n} minutes, because you have not done anything for a while.',
  'warning.stay': 'Stay logged in',
  'warning.logout': 'Log out now',
  'limit.heading': 'You will be logged out soon',
  'limit.one': 'You will be logged out in 1 minute. Please log in again afterwards.',
  'limit.other': 'You will be logged out in {n} minutes. Please log in again afterwards.',
  'limit.why': 'After a fixed time you are always logged out, even while you are busy. Save what you are writing first.',
  'limit.ok': 'OK',
  'ended.idle': 'You were logged out because you did nothing for {n} minutes.',
  'ended.elsewhere': 'You logged out in another window.',
  'ended.expired': 'Your session has expired. Please log in again.',
  'ended.logout': 'You are logged out.',
  'ended.limit': 'You were logged out, because you were logged in for the longest time allowed. Please log in again.',
} satisfies Catalogue<typeof nl>;
