import { runs } from '../support/runs';
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { addDays, dayFromIso, daysBetween, isoFromDay, isValidIso, localIso, NO_DAY } from '../../src/domain/dates';

describe('dates', () => {
  test('ISO dates round-trip through day numbers', () => {
    expect(dayFromIso('1970-01-01')).toBe(0);
    expect(isoFromDay(dayFromIso('2024-02-29'))).toBe('2024-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(daysBetween('2026-01-01', '2026-03-01')).toBe(59);
  });
  test('impossible or empty dates are NO_DAY, never a neighbouring day', () => {
    for (const bad of ['', '2026-02-30', '2026-13-01', '2026/01/01', '20260101', 'x']) {
      expect(dayFromIso(bad)).toBe(NO_DAY);
      expect(isValidIso(bad)).toBe(false);
    }
    expect(isoFromDay(NO_DAY)).toBe('');
  });
  test('dayFromIso agrees with Date on any ten characters shaped like a date (leap years, month ends, centuries)', () => {
    const viaDate = (s: string) => {
      const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
      if (!m) return NO_DAY;
      const d = new Date(0);
      d.setUTCFullYear(+m[1], +m[2] - 1, +m[3]);
      return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3] ? Math.round(d.getTime() / 86_400_000) : NO_DAY;
    };
    const two = fc.integer({ min: 0, max: 39 }).map((n) => String(n).padStart(2, '0'));
    const shaped = fc.tuple(fc.integer({ min: 0, max: 9999 }), two, two).map(([y, m, d]) => `${String(y).padStart(4, '0')}-${m}-${d}`);
    fc.assert(fc.property(fc.oneof(shaped, fc.string({ maxLength: 12 })), (s) => dayFromIso(s) === viaDate(s)), { numRuns: runs(20_000) });
    expect(dayFromIso('2000-02-29')).not.toBe(NO_DAY);
    expect(dayFromIso('1900-02-29')).toBe(NO_DAY);
    expect(dayFromIso('0000-01-01')).toBe(-719_528);
  });
  test('isoFromDay agrees with Date for every day from 1900 to 2200', () => {
    for (let day = dayFromIso('1900-01-01'); day <= dayFromIso('2200-12-31'); day++) {
      const expected = new Date(day * 86_400_000).toISOString().slice(0, 10);
      if (isoFromDay(day) !== expected) expect(isoFromDay(day)).toBe(expected);
    }
  });
  test('localIso pads month and day', () => {
    expect(localIso(new Date(2026, 0, 5))).toBe('2026-01-05');
  });
});
