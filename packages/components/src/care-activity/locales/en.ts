import type { Catalogue } from '../../shared/messages.js';
import type { nl } from '../care-activity.messages.js';

export default {
  heading: 'Since your last visit',
  welcome: 'Welcome back, {name}.',
  welcomeFirst: 'Welcome, {name}.',
  since: 'Since {date}:',
  'reports.none': 'No new reports',
  'reports.one': '1 new report',
  'reports.other': '{count} new reports',
  'messages.none': 'No new messages',
  'messages.one': '1 new message',
  'messages.other': '{count} new messages',
  'appointments.other': '{count} appointments took place',
  'appointments.one': '1 appointment took place',
  'measurements.none': 'No new measurements',
  'measurements.one': '1 new measurement',
  'measurements.other': '{count} new measurements',
  'plans.one': '1 client plan is waiting for your decision',
  'plans.other': '{count} client plans are waiting for your decision',
  next: 'Next appointment',
  nextNone: 'No appointments are planned.',
} satisfies Catalogue<typeof nl>;
