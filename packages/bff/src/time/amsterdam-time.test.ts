import { describe, expect, it } from 'vitest';
import { amsterdamDate, startOfAmsterdamDay } from './amsterdam-time.js';

describe('Amsterdam calendar days', () => {
  it('starts days at local midnight on both sides of the clock changes, however often asked', () => {
    for (let i = 0; i < 3; i++) {
      expect(startOfAmsterdamDay({ year: 2026, month: 3, day: 29 }).toISOString()).toBe('2026-03-28T23:00:00.000Z');
      expect(startOfAmsterdamDay({ year: 2026, month: 3, day: 30 }).toISOString()).toBe('2026-03-29T22:00:00.000Z');
      expect(startOfAmsterdamDay({ year: 2026, month: 10, day: 26 }).toISOString()).toBe('2026-10-25T23:00:00.000Z');
    }
  });

  it('hands out copies, so a caller changing its result changes nothing for the next', () => {
    const start = startOfAmsterdamDay({ year: 2026, month: 11, day: 23 });
    start.setUTCFullYear(1999);
    expect(startOfAmsterdamDay({ year: 2026, month: 11, day: 23 }).toISOString()).toBe('2026-11-22T23:00:00.000Z');
    const today = amsterdamDate(new Date('2026-11-23T10:00:00Z'));
    today.day = 1;
    expect(amsterdamDate(new Date('2026-11-23T10:00:30Z'))).toEqual({ year: 2026, month: 11, day: 23 });
  });

  it('knows the date just before and after Amsterdam midnight', () => {
    expect(amsterdamDate(new Date('2026-07-01T21:59:59Z'))).toEqual({ year: 2026, month: 7, day: 1 });
    expect(amsterdamDate(new Date('2026-07-01T22:00:00Z'))).toEqual({ year: 2026, month: 7, day: 2 });
    expect(amsterdamDate(new Date('2026-01-01T22:59:00Z'))).toEqual({ year: 2026, month: 1, day: 1 });
    expect(amsterdamDate(new Date('2026-01-01T23:00:00Z'))).toEqual({ year: 2026, month: 1, day: 2 });
  });
});
