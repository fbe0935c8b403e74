import { defineMessages } from '../shared/messages.js';

/**
 * Texts of the end of a session: the warnings before the idle timeout and the absolute limit
 * (WCAG 2.2.1) and why the login is back. The
 * login shows the reason, but the portal words it, since only the portal knows what happened.
 */
export const nl = {
  'warning.heading': 'Bent u er nog?',
  'warning.one': 'U wordt over 1 minuut uitgelogd, omdat u een tijd niets heeft gedaan.',
  'warning.other': 'U wordt over {n} minuten uitgelogd, omdat u een tijd niets heeft gedaan.',
  'warning.stay': 'Ingelogd blijven',
  'warning.logout': 'Nu uitloggen',
  'limit.heading': 'U wordt bijna uitgelogd',
  'limit.one': 'U wordt over 1 minuut uitgelogd. Log daarna opnieuw in.',
  'limit.other': 'U wordt over {n} minuten uitgelogd. Log daarna opnieuw in.',
  'limit.why': 'Na een vaste tijd wordt u altijd uitgelogd, ook als u bezig bent. Bewaar eerst wat u aan het schrijven bent.',
  'limit.ok': 'OK',
  'ended.idle': 'U bent uitgelogd omdat u {n} minuten niets heeft gedaan.',
  'ended.elsewhere': 'U bent in een ander venster uitgelogd.',
  'ended.expired': 'Uw sessie is verlopen. Log opnieuw in.',
  'ended.logout': 'U bent uitgelogd.',
  'ended.limit': 'U bent uitgelogd, omdat u de langst toegestane tijd ingelogd was. Log opnieuw in.',
};

export type SessionMessageKey = keyof typeof nl;

export const sessionMessages = defineMessages<SessionMessageKey>(nl, () => import('./locales/session-watch.en.js'));
