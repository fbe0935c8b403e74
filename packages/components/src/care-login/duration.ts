import { t } from './answers.messages.js';

/** "1 seconde", "45 seconden", "11 minuten" (never "631 seconden"): a waiting time in an alert or a hint. */
export function duration(flow: { locale: 'nl' | 'en' }, seconds: number) {
  if (seconds === 1) return t(flow, 'second');
  return seconds < 120 ? t(flow, 'seconds', { n: seconds }) : t(flow, 'minutes', { n: Math.ceil(seconds / 60) });
}
