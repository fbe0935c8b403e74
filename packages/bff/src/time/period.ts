import { periodNames, periodQuery } from '../contract/operations.js';
import { Problem, parseOr400 } from '../http/problem.js';
import {
  addDays,
  addMonths,
  amsterdamDate,
  daysBetween,
  isoDate,
  parseIsoDate,
  startOfAmsterdamDay,
  type LocalDate,
} from './amsterdam-time.js';

export { periodNames };
export type PeriodName = (typeof periodNames)[number];

/**
 * A span of Europe/Amsterdam calendar days, both ends inclusive, with the instants that bound it:
 * `[start, end)` runs from midnight of `from` to midnight after `to`, whatever the DST offsets.
 */
export interface CalendarPeriod {
  from: string;
  to: string;
  start: Date;
  end: Date;
}

/**
 * Reads `?period=week|month|year` or `?from=YYYY-MM-DD&to=YYYY-MM-DD` (inclusive Amsterdam days).
 * `week` is today and the 7 days before it, `month` since the same day last month, `year` since
 * the same day last year. A bad date, a `from` after `to`, or a span longer than `maxDays` is a
 * 400 naming the field.
 */
export function periodFromQuery(
  query: Record<string, string | undefined>,
  options: { fallback: PeriodName; maxDays?: number; now?: Date },
): CalendarPeriod {
  const input = parseOr400(periodQuery, { period: query['period'], from: query['from'], to: query['to'] });
  const today = amsterdamDate(options.now ?? new Date());
  if (input.from === undefined && input.to === undefined) return namedPeriod(input.period ?? options.fallback, today);
  if (input.period !== undefined) {
    throw Problem.badRequest('Give either period or from and to, not both.', [{ field: 'period', detail: 'not together with from/to' }]);
  }
  const errors: { field: string; detail: string }[] = [];
  const from = input.from === undefined ? undefined : parseIsoDate(input.from);
  const to = input.to === undefined ? undefined : parseIsoDate(input.to);
  if (input.from === undefined) errors.push({ field: 'from', detail: 'required together with to' });
  else if (!from) errors.push({ field: 'from', detail: 'not a date (YYYY-MM-DD)' });
  if (input.to === undefined) errors.push({ field: 'to', detail: 'required together with from' });
  else if (!to) errors.push({ field: 'to', detail: 'not a date (YYYY-MM-DD)' });
  if (!errors.length && from && to) {
    const span = daysBetween(from, to);
    if (span < 0) errors.push({ field: 'from', detail: 'is after to' });
    else if (options.maxDays !== undefined && span + 1 > options.maxDays) {
      errors.push({ field: 'to', detail: `the period may be at most ${options.maxDays} days` });
    }
  }
  if (errors.length || !from || !to) throw Problem.badRequest(errors.map((e) => `${e.field}: ${e.detail}`).join('; '), errors);
  return calendarPeriod(from, to);
}

export function namedPeriod(name: PeriodName, today: LocalDate): CalendarPeriod {
  const from = name === 'week' ? addDays(today, -7) : name === 'month' ? addMonths(today, -1) : addMonths(today, -12);
  return calendarPeriod(from, today);
}

export function calendarPeriod(from: LocalDate, to: LocalDate): CalendarPeriod {
  return { from: isoDate(from), to: isoDate(to), start: startOfAmsterdamDay(from), end: startOfAmsterdamDay(addDays(to, 1)) };
}
