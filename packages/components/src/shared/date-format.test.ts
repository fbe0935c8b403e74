import { expect } from '@open-wc/testing';
import { dateTimeOptions, formatDateTime } from './date-format.js';

/** What the widgets wrote before the text was filled in from a learned pattern: Intl itself. */
const intl = { nl: new Intl.DateTimeFormat('nl-NL', dateTimeOptions), en: new Intl.DateTimeFormat('en-GB', dateTimeOptions) };

/** The instants whose text differs from Intl's, as "iso (locale): ours ≠ Intl's". */
function differences(instants: number[]): string[] {
  const found: string[] = [];
  for (const locale of ['nl', 'en'] as const) {
    for (const instant of instants) {
      const iso = new Date(instant).toISOString();
      const text = formatDateTime(iso, locale);
      const expected = intl[locale].format(instant);
      if (text !== expected) found.push(`${iso} (${locale}): ${text} ≠ ${expected}`);
    }
  }
  return found;
}

const MINUTE = 60_000;

describe('formatDateTime', () => {
  it('writes an instant as Intl does, every 97 minutes and some seconds from 2024 to 2029', () => {
    const instants: number[] = [];
    for (let at = Date.UTC(2024, 0, 1); at < Date.UTC(2029, 0, 1); at += 97 * MINUTE + 13_457) instants.push(at);
    expect(instants.length).to.be.above(25_000);
    expect(differences(instants)).to.deep.equal([]);
  });

  it('writes every minute around the clock changes of 2025 to 2028 as Intl does', () => {
    // The last Sundays of March and October, 01:00 UTC: three hours either side, each minute, its
    // first and its last millisecond.
    const changes = ['2025-03-30', '2025-10-26', '2026-03-29', '2026-10-25', '2027-03-28', '2027-10-31', '2028-03-26', '2028-10-29'];
    const instants: number[] = [];
    for (const day of changes) {
      const change = Date.parse(`${day}T01:00:00Z`);
      for (let minute = -180; minute <= 180; minute += 1) instants.push(change + minute * MINUTE, change + minute * MINUTE + MINUTE - 1);
    }
    expect(differences(instants)).to.deep.equal([]);
    expect(formatDateTime('2026-03-29T00:59:00Z', 'nl')).to.equal(intl.nl.format(Date.parse('2026-03-29T01:59:00+01:00')));
    expect(formatDateTime('2026-03-29T01:00:00Z', 'en')).to.contain('03:00');
    expect(formatDateTime('2026-10-25T00:30:00Z', 'en')).to.contain('02:30');
    expect(formatDateTime('2026-10-25T01:30:00Z', 'en')).to.contain('02:30');
  });

  it("reads the BFF's offsets and writes instants far from today as Intl does", () => {
    for (const iso of [
      '2026-11-23T08:15:00+01:00',
      '2026-07-01T23:59:59.999+02:00',
      '1969-12-31T23:59:00Z',
      '2250-06-01T12:00:00Z',
      '1900-01-01T00:00:00Z',
    ]) {
      expect(formatDateTime(iso, 'nl'), iso).to.equal(intl.nl.format(new Date(iso)));
      expect(formatDateTime(iso, 'en'), iso).to.equal(intl.en.format(new Date(iso)));
    }
    expect(formatDateTime('2026-11-23T08:15:00+01:00', 'en')).to.equal(intl.en.format(Date.parse('2026-11-23T07:15:00Z')));
  });
});
