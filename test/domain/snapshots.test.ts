// When a score is kept in the history (DESIGN §4) and when an override is in force, at the boundaries.
import { describe, expect, test } from 'vitest';
import { NO_DAY } from '../../src/domain/dates';
import { activeOverride, emptyHistory, needsSnapshot, SNAPSHOT_EVERY_DAYS, SNAPSHOT_MOVE } from '../../src/domain/risk/snapshots';

describe('snapshots', () => {
  const last = [100, 40, 1] as const;
  test('the first score is kept; a score of nothing never is', () => {
    expect(needsSnapshot(NO_DAY, NaN, 0, 100, 40, 1)).toBe(true);
    expect(needsSnapshot(NO_DAY, 10, 0, 100, 40, 1)).toBe(true);
    expect(needsSnapshot(90, NaN, 0, 100, 40, 1)).toBe(true);
    expect(needsSnapshot(NO_DAY, NaN, 0, 100, NaN, 0)).toBe(false);
    expect(needsSnapshot(...last, 130, NaN, 1)).toBe(false);
  });
  test('kept on a grade change, a move of exactly 5 points either way, or 30 days on; never twice a day', () => {
    expect([SNAPSHOT_MOVE, SNAPSHOT_EVERY_DAYS]).toEqual([5, 30]);
    expect(needsSnapshot(...last, 101, 40, 1)).toBe(false);
    expect(needsSnapshot(...last, 101, 44.99, 1)).toBe(false);
    expect(needsSnapshot(...last, 101, 35.01, 1)).toBe(false);
    expect(needsSnapshot(...last, 101, 45, 1)).toBe(true);
    expect(needsSnapshot(...last, 101, 35, 1)).toBe(true);
    expect(needsSnapshot(...last, 101, 41, 2)).toBe(true);
    expect(needsSnapshot(...last, 101, 39, 0)).toBe(true);
    expect(needsSnapshot(...last, 129, 40, 1)).toBe(false);
    expect(needsSnapshot(...last, 130, 40, 1)).toBe(true);
    expect(needsSnapshot(...last, 100, 90, 3)).toBe(false);
  });
});

describe('overrides', () => {
  const o = { customerId: 'A', grade: 'high' as const, reason: 'r', expires: '2026-07-01', createdAt: 0 };
  test('in force up to and including the expiry day; none is none', () => {
    expect(activeOverride(o, '2026-06-01')).toBe(o);
    expect(activeOverride(o, '2026-07-01')).toBe(o);
    expect(activeOverride(o, '2026-07-02')).toBeUndefined();
    expect(activeOverride(undefined, '2026-06-01')).toBeUndefined();
  });
  test('an empty history has every column, empty', () => {
    expect(emptyHistory()).toEqual({ ids: [], cust: [], day: [], score: [], grade: [], revision: [], cond: [] });
    expect(emptyHistory()).not.toBe(emptyHistory());
  });
});
