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
  test('localIso pads month and day', () => {
    expect(localIso(new Date(2026, 0, 5))).toBe('2026-01-05');
  });
});
