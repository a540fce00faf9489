import { describe, expect, test } from 'vitest';
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
