import type { Catalogue } from '../../shared/messages.js';
import type { nl } from '../client-picker.messages.js';

export default {
  'picker.heading': 'Whose file do you want to see?',
  'picker.own': 'Your own file',
  'picker.relation': 'Your relationship: {relation}',
  'picker.current': 'open now',
  'picker.viewing': 'You are viewing the file of {name}.',
  'picker.switch': 'Choose another file',
  'picker.failed': 'Opening this file did not work. Please try again.',
} satisfies Catalogue<typeof nl>;
