import { amsterdamDate, isoDate } from '../time/amsterdam-time.js';
import type { AccessLogLine } from './queries.js';

/** Lines that say the same thing one after the other: "12× Rapportages bekeken" (docs/data-api.md). */
export interface AccessLogGroup {
  /** The newest of the lines, which stands for all of them. */
  line: AccessLogLine;
  count: number;
  /** When the oldest of them was. */
  since: string;
}

const sameAccess = (a: AccessLogLine, b: AccessLogLine) =>
  a.actor === b.actor &&
  a.name === b.name &&
  a.relationship === b.relationship &&
  a.role === b.role &&
  a.organisation === b.organisation &&
  a.category === b.category &&
  a.action === b.action &&
  a.byYou === b.byYou;

/**
 * Groups lines (newest first) that follow each other on one Amsterdam day and have the same who,
 * what and action. An emergency access always stands alone: each one is worth seeing. The widget
 * groups the same way (care-access-log/grouping.ts); the CSV stays one row per access.
 */
export function groupAccessLog(lines: AccessLogLine[]): AccessLogGroup[] {
  const groups: AccessLogGroup[] = [];
  let previousDay = '';
  for (const line of lines) {
    const day = isoDate(amsterdamDate(new Date(line.at)));
    const last = groups.at(-1);
    if (last && day === previousDay && !line.breakTheGlass && !last.line.breakTheGlass && sameAccess(last.line, line)) {
      last.count += 1;
      last.since = line.at;
    } else groups.push({ line, count: 1, since: line.at });
    previousDay = day;
  }
  return groups;
}
