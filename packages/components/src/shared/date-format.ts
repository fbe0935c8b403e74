import type { Locale } from './i18n.js';

/**
 * Dates and times as the client knows them: in Europe/Amsterdam, whatever zone the browser is in
 * (a relative abroad reads "08:00" for the morning care round, not "02:00"). Formatters are cached:
 * building an Intl.DateTimeFormat costs far more than using one.
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

/** The options of `formatDateTime`'s text, as Intl would write it. */
export const dateTimeOptions: Intl.DateTimeFormatOptions = {
  timeZone: CARE_TIME_ZONE,
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
};

/**
 * "ma 23 nov. 2026, 08:15" — an instant (ISO string) in Amsterdam time, exactly as
 * Intl.DateTimeFormat writes it. A year is ~1,000 reports and an Intl call for each is most of the
 * time of drawing them: the text is filled in from the locale's pattern and Amsterdam's offset,
 * both learned from Intl once (`dateTimePattern`, `cachedOffset`), and left to Intl when either is
 * not known.
 */
export function formatDateTime(iso: string, locale: Locale): string {
  const instant = Date.parse(iso);
  const offset = cachedOffset(instant);
  const fill = (dateTimePatterns[locale] ??= dateTimePattern(locale));
  return offset === undefined || !fill
    ? formatter(locale, 'datetime', dateTimeOptions).format(instant)
    : fill(new Date(instant + offset * MINUTE));
}

/** Writes a wall-clock time, given as a Date whose UTC fields are the Amsterdam ones. */
type DateTimeFill = (wall: Date) => string;

const dateTimePatterns: Partial<Record<Locale, DateTimeFill | null>> = {};

/**
 * The locale's date-time text as Intl writes it — weekday, day, month, year, hour, minute, in that
 * order, with its literals and its weekday and month names — learned from instants in every month,
 * on every weekday, at midnight and in the afternoon, and kept only when it gives Intl's own text for
 * each of them; `null` (Intl itself) otherwise, as for another order or a day period ("AM").
 */
function dateTimePattern(locale: Locale): DateTimeFill | null {
  const f = formatter(locale, 'datetime', dateTimeOptions);
  const weekdays: string[] = [];
  const months: string[] = [];
  let literals: string[] = [];
  // 32 days apart, 12 instants fall in 12 months and on all 7 weekdays.
  const samples = Array.from({ length: 12 }, (_, i) => Date.UTC(2026, 0, 1 + i * 32, (23 + i * 5) % 24, i * 7));
  const wall = (sample: number) => new Date(sample + cachedOffset(sample)! * MINUTE);
  for (const sample of samples) {
    const parts = f.formatToParts(sample);
    literals = parts.filter((part) => part.type === 'literal').map((part) => part.value);
    weekdays[wall(sample).getUTCDay()] = parts[0]!.value;
    months[wall(sample).getUTCMonth()] = parts[4]!.value;
  }
  const [a, b, c, d, e] = literals;
  const fill: DateTimeFill = (w) =>
    weekdays[w.getUTCDay()]! +
    a +
    w.getUTCDate() +
    b +
    months[w.getUTCMonth()] +
    c +
    w.getUTCFullYear() +
    d +
    pad(w.getUTCHours()) +
    e +
    pad(w.getUTCMinutes());
  return samples.every((sample) => fill(wall(sample)) === f.format(sample)) ? fill : null;
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

const MINUTE = 60_000;
const WEEK = 7 * 86_400_000;
/** Per UTC year: the year's start and each instant Amsterdam's offset changes, each followed by the offset from then on. */
const offsetSteps = new Map<number, number[]>();

/**
 * `offsetMinutes`, from a cache: the offset is the same between the clock changes, which Intl is
 * asked for once per year — weekly, and to the minute where two weeks differ (clocks change at most
 * once a week). `undefined` outside 1970–2199 or for an invalid date.
 */
function cachedOffset(instant: number): number | undefined {
  const year = new Date(instant).getUTCFullYear();
  if (!(year >= 1970 && year < 2200)) return undefined;
  let steps = offsetSteps.get(year);
  if (!steps) offsetSteps.set(year, (steps = offsetChanges(year)));
  let offset = steps[1]!;
  for (let i = 2; i < steps.length && steps[i]! <= instant; i += 2) offset = steps[i + 1]!;
  return offset;
}

function offsetChanges(year: number): number[] {
  const end = Date.UTC(year + 1, 0, 1);
  let at = Date.UTC(year, 0, 1);
  let offset = offsetMinutes(at);
  const steps = [at, offset];
  while (at < end) {
    const next = Math.min(at + WEEK, end);
    const after = offsetMinutes(next);
    if (after !== offset) {
      let [before, changed] = [at, next];
      while (changed - before > MINUTE) {
        const middle = before + Math.floor((changed - before) / 2 / MINUTE) * MINUTE;
        if (offsetMinutes(middle) === offset) before = middle;
        else changed = middle;
      }
      steps.push(changed, (offset = after));
    }
    at = next;
  }
  return steps;
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
