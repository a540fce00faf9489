// RFM scores at their boundaries, the R×F map, the eight classes, ABC at exact cut points,
// loyalty thresholds and the value × risk quadrants.
import { describe, expect, test } from 'vitest';
import { abcClasses } from '../../src/domain/segments/abc';
import { cutScores, eightClasses, quintileScores, rfSegment, RF_SEGMENTS } from '../../src/domain/segments/rfm';
import { loyalty, quadrant } from '../../src/domain/segments/loyalty';

describe('RFM', () => {
  test('quintiles by rank: ten customers, two per score; recency reversed; no data scores 0', () => {
    expect([...quintileScores([10, 20, 30, 40, 50, 60, 70, 80, 90, 100])]).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
    expect([...quintileScores([10, 20, 30, 40, 50, 60, 70, 80, 90, 100], true)]).toEqual([5, 5, 4, 4, 3, 3, 2, 2, 1, 1]);
    // Two customers: by rank they sit at 0 % and 50 % of the book, the first and the third fifth.
    expect([...quintileScores([5, NaN, 1])]).toEqual([3, 0, 1]);
  });
  test('ties in frequency are broken by rank, so every score gets its fifth', () => {
    const s = quintileScores([1, 1, 1, 1, 1, 1, 1, 1, 1, 1]);
    expect([...s]).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
  });
  test('the user’s cut points, inclusive at each cut', () => {
    expect([...cutScores([0, 1, 2, 5, 10, 11], [1, 2, 5, 10])]).toEqual([1, 2, 3, 4, 5, 5]);
    expect([...cutScores([0, 10], [1, 2, 5, 10], true)]).toEqual([5, 1]);
  });
  test('the R×F map names every one of its 25 cells with one of the ten segments', () => {
    expect(rfSegment(5, 5)).toBe('champions');
    expect(rfSegment(5, 1)).toBe('new');
    expect(rfSegment(4, 1)).toBe('promising');
    expect(rfSegment(3, 3)).toBe('need_attention');
    expect(rfSegment(3, 1)).toBe('about_to_sleep');
    expect(rfSegment(1, 5)).toBe('cant_lose');
    expect(rfSegment(2, 3)).toBe('at_risk');
    expect(rfSegment(1, 1)).toBe('hibernating');
    expect(rfSegment(4, 5)).toBe('loyal');
    expect(rfSegment(5, 2)).toBe('potential_loyalist');
    const seen = new Set<string>();
    for (let r = 1; r <= 5; r++) for (let f = 1; f <= 5; f++) seen.add(rfSegment(r, f)!);
    expect([...seen].sort()).toEqual([...RF_SEGMENTS].sort());
    expect(rfSegment(0, 3)).toBeNull();
  });
  test('eight classes against the means: recent, frequent and big is 重要价值; the opposite 一般挽留', () => {
    const classes = eightClasses([5, 100, 5, 100, NaN], [10, 10, 1, 1, 3], [1000, 1000, 10, 10, 5]);
    expect(classes).toEqual(['important_value', 'important_keep', 'general_develop', 'general_retain', null]);
  });
});

describe('ABC', () => {
  test('classes at exact cumulative cut points: 80 % is still A, 95 % still B', () => {
    // Shares 0.5, 0.3, 0.15, 0.05: cumulative 0.5, 0.8, 0.95, 1.
    expect(abcClasses([150, 500, 300, 50])).toEqual(['B', 'A', 'A', 'C']);
    expect(abcClasses([150, 500, 300, 50], [0.5, 0.8])).toEqual(['C', 'A', 'B', 'C']);
  });
  test('an empty or zero-revenue book is all C', () => {
    expect(abcClasses([0, 0])).toEqual(['C', 'C']);
    expect(abcClasses([])).toEqual([]);
  });
});

describe('loyalty and value × risk', () => {
  test('loyal, drifting and lost at their thresholds; either signal alone decides when the other is unknown', () => {
    expect(loyalty(0.7, 1.5)).toBe('loyal');
    expect(loyalty(0.69, 1)).toBe('drifting');
    expect(loyalty(0.9, 1.6)).toBe('drifting');
    expect(loyalty(0.29, 1)).toBe('lost');
    expect(loyalty(0.9, 4)).toBe('lost');
    expect(loyalty(NaN, 1)).toBe('loyal');
    expect(loyalty(0.5, NaN)).toBe('drifting');
    expect(loyalty(NaN, NaN)).toBeNull();
  });
  test('the four quadrants with their strategies, inclusive at the cuts', () => {
    expect(quadrant(100, 30, 100)).toBe('protect');
    expect(quadrant(100, 29, 100)).toBe('grow');
    expect(quadrant(99, 29, 100)).toBe('monitor');
    expect(quadrant(99, 30, 100)).toBe('reduce');
    expect(quadrant(NaN, 50, 100)).toBeNull();
  });
});
