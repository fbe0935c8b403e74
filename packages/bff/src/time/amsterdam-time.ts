/**
 * Calendar arithmetic in Europe/Amsterdam. Appointments and reports happen at local wall-clock
 * times ("ochtendzorg om 08:00"); stored as UTC instants they must follow the DST changes, so
 * the offset is looked up for each date rather than assumed.
 */
const zone = 'Europe/Amsterdam';

const partsFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: zone,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** A date on the Amsterdam calendar; month is 1-12. */
export interface LocalDate {
  year: number;
  month: number;
  day: number;
}

interface LocalDateTime extends LocalDate {
  hour: number;
  minute: number;
  second: number;
}

function localParts(instant: Date): LocalDateTime {
  const parts: Record<string, number> = {};
  for (const p of partsFormat.formatToParts(instant)) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return {
    year: parts.year!,
    month: parts.month!,
    day: parts.day!,
    hour: parts.hour!,
    minute: parts.minute!,
    second: parts.second!,
  };
}

/** Minutes Amsterdam is ahead of UTC at this instant (60 in winter, 120 in summer). */
function offsetMinutes(instant: Date): number {
  const p = localParts(instant);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

/**
 * The instant at which Amsterdam clocks show this date and time. A time skipped by the spring
 * change (02:30 on the last Sunday of March) lands an hour later; a time that occurs twice in
 * autumn takes the first occurrence.
 */
export function amsterdamTime(date: LocalDate, hour: number, minute = 0): Date {
  const wall = Date.UTC(date.year, date.month - 1, date.day, hour, minute);
  // The offsets in force a day before and a day after cover both sides of any DST change.
  const before = offsetMinutes(new Date(wall - 86_400_000));
  const after = offsetMinutes(new Date(wall + 86_400_000));
  const candidates = [wall - before * 60_000, wall - after * 60_000]
    .filter((t) => sameWallClock(new Date(t), date, hour, minute))
    .sort((a, b) => a - b);
  return new Date(candidates[0] ?? wall - before * 60_000);
}

function sameWallClock(instant: Date, date: LocalDate, hour: number, minute: number): boolean {
  const p = localParts(instant);
  return p.year === date.year && p.month === date.month && p.day === date.day && p.hour === hour && p.minute === minute;
}

export function amsterdamDate(instant: Date): LocalDate {
  // Amsterdam's offset changes only on whole hours, so one UTC minute is one Amsterdam date:
  // "today" costs one Intl call a minute instead of one per request.
  const minute = Math.floor(instant.getTime() / 60_000);
  if (minute !== lastDate.minute) {
    const { year, month, day } = localParts(instant);
    lastDate = { minute, date: { year, month, day } };
  }
  return { ...lastDate.date };
}
let lastDate: { minute: number; date: LocalDate } = { minute: Number.NaN, date: { year: 0, month: 0, day: 0 } };

/** The calendar date `days` after `date` (negative for before). */
export function addDays(date: LocalDate, days: number): LocalDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: LocalDate): number {
  return new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
}

/** YYYY-MM-DD, the form `date` columns travel in. */
export function isoDate(date: LocalDate): string {
  return `${date.year}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
}

/** Parses a strict YYYY-MM-DD that names a real calendar date; undefined otherwise. */
export function parseIsoDate(text: string): LocalDate | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return undefined;
  const date = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  const check = new Date(Date.UTC(date.year, date.month - 1, date.day));
  if (check.getUTCFullYear() !== date.year || check.getUTCMonth() + 1 !== date.month || check.getUTCDate() !== date.day) return undefined;
  return date;
}

/** The same day `months` later (negative for earlier), clamped to the end of a shorter month. */
export function addMonths(date: LocalDate, months: number): LocalDate {
  const index = date.year * 12 + (date.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return { year, month, day: Math.min(date.day, lastDay) };
}

/** Whole days from `a` to `b` (positive when b is later). */
export function daysBetween(a: LocalDate, b: LocalDate): number {
  return Math.round((Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / 86_400_000);
}

/** The first instant of this Amsterdam calendar day. */
export function startOfAmsterdamDay(date: LocalDate): Date {
  const key = isoDate(date);
  let start = dayStarts.get(key);
  if (start === undefined) {
    start = amsterdamTime(date, 0, 0).getTime();
    // Every request names a period by its days; their starts never change, so keep the recent ones.
    if (dayStarts.size >= 4096) dayStarts.clear();
    dayStarts.set(key, start);
  }
  return new Date(start);
}
const dayStarts = new Map<string, number>();

/** HH:mm on Amsterdam clocks. */
export function amsterdamClock(instant: Date): string {
  const p = localParts(instant);
  return `${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;
}
