import type { Locale } from './i18n.js';

/**
 * Dates and times as the client knows them: in Europe/Amsterdam, whatever zone the browser is in
 * (a relative abroad reads "08:00" for the morning care round, not "02:00"). Formatters are cached:
 * building an Intl.DateTimeFormat costs far more than using one, and a year has ~1,000 reports.
 */
export const CARE_TIME_ZONE = 'Europe/Amsterdam';

const bcp47: Record<Locale, string> = { nl: 'nl-NL', en: 'en-GB' };
const cache = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: Locale, kind: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}:${kind}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(bcp47[locale], options);
    cache.set(key, f);
  }
  return f;
}

const dateTimeTexts = new Map<string, string>();

/**
 * "ma 23 nov. 2026, 08:15" — an instant (ISO string) in Amsterdam time. Remembered per instant:
 * a list renders the same ~1,000 times again whenever one report is added.
 */
export function formatDateTime(iso: string, locale: Locale): string {
  const key = locale + iso;
  let text = dateTimeTexts.get(key);
  if (text === undefined) {
    if (dateTimeTexts.size > 20_000) dateTimeTexts.clear();
    text = formatter(locale, 'datetime', {
      timeZone: CARE_TIME_ZONE,
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
    }).format(new Date(iso));
    dateTimeTexts.set(key, text);
  }
  return text;
}

/** "23-11-2026" style short date of an instant, for tables and chart axes. */
export function formatShortDate(iso: string, locale: Locale): string {
  return formatter(locale, 'short', { timeZone: CARE_TIME_ZONE, day: 'numeric', month: 'short', year: 'numeric' }).format(new Date(iso));
}

/** A calendar day "YYYY-MM-DD" as a Date at noon UTC: formatted in UTC it is that day everywhere. */
function calendarDay(localDate: string): Date {
  const [y, m, d] = localDate.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d, 12));
}

/**
 * "maandag 23 november" for a calendar day of this year, "maandag 4 januari 2027" otherwise:
 * the heading of a day in the agenda.
 */
export function formatDayHeading(localDate: string, locale: Locale, today = amsterdamToday()): string {
  const sameYear = localDate.slice(0, 4) === today.slice(0, 4);
  return formatter(locale, sameYear ? 'day' : 'day-year', {
    timeZone: 'UTC',
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    ...(sameYear ? {} : { year: 'numeric' }),
  }).format(calendarDay(localDate));
}

/** "23 november 2026" for a calendar day "YYYY-MM-DD". */
export function formatDate(localDate: string, locale: Locale): string {
  return formatter(locale, 'date', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' }).format(calendarDay(localDate));
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

function wallClock(instant: Date): WallClock {
  const parts = formatter('nl', 'parts', {
    timeZone: CARE_TIME_ZONE,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute') };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Today in Amsterdam as "YYYY-MM-DD". */
export function amsterdamToday(now = new Date()): string {
  const w = wallClock(now);
  return `${w.year}-${pad(w.month)}-${pad(w.day)}`;
}

/** Now in Amsterdam as "YYYY-MM-DDTHH:mm", the value of a datetime-local input. */
export function amsterdamDateTimeLocal(now = new Date()): string {
  const w = wallClock(now);
  return `${w.year}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}`;
}

/** Minutes Amsterdam is ahead of UTC at `instant` (60 in winter, 120 in summer). */
function offsetMinutes(instant: number): number {
  const w = wallClock(new Date(instant));
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute);
  return Math.round((asUtc - Math.floor(instant / 60_000) * 60_000) / 60_000);
}

/**
 * The instant of an Amsterdam wall-clock time, as ISO 8601 with its offset
 * ("2026-11-24T09:00:00+01:00"); `null` when the text is not a date and time. In the night hours
 * the clocks change, a time that exists twice or not at all becomes a moment next to it, always
 * written with its true offset.
 */
export function amsterdamIso(localDate: string, localTime: string): string | null {
  const time = /^(\d{2}):(\d{2})$/.exec(localTime);
  if (!isCalendarDate(localDate) || !time || Number(time[1]) > 23 || Number(time[2]) > 59) return null;
  const [year, month, day] = localDate.split('-').map(Number) as [number, number, number];
  const guess = Date.UTC(year, month - 1, day, Number(time[1]), Number(time[2]));
  const instant = guess - offsetMinutes(guess - offsetMinutes(guess) * 60_000) * 60_000;
  const offset = offsetMinutes(instant);
  const w = wallClock(new Date(instant));
  const sign = offset >= 0 ? '+' : '-';
  return `${w.year}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}:00${sign}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
}

/** Is "YYYY-MM-DD" a real calendar day? */
export function isCalendarDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/** Whole days from `from` to `to` (both "YYYY-MM-DD"); negative when `to` is before `from`. */
export function daysBetween(from: string, to: string): number {
  return Math.round((calendarDay(to).getTime() - calendarDay(from).getTime()) / 86_400_000);
}
