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

describe('segment settings', () => {
  test('defaults pass; each bad value is named', async () => {
    const { checkSegmentSettings, DEFAULT_SEGMENT_SETTINGS: d, settingsFrom } = await import('../../src/domain/segments/settings');
    expect(checkSegmentSettings(d)).toBeNull();
    expect(checkSegmentSettings({ ...d, rfmCuts: { r: [30, 60, 120, 240], f: [2, 3, 5, 8], m: [1, 2, 3, 4] } })).toBeNull();
    expect(checkSegmentSettings({ ...d, rfmCuts: { r: [30, 30, 120, 240], f: [2, 3, 5, 8], m: [1, 2, 3, 4] } })).toBe('rfm_cuts');
    expect(checkSegmentSettings({ ...d, rfmCuts: { r: [30, 60, 120], f: [2, 3, 5, 8], m: [1, 2, 3, 4] } as never })).toBe('rfm_cuts');
    expect(checkSegmentSettings({ ...d, abcCuts: [0.95, 0.8] })).toBe('abc_cuts');
    expect(checkSegmentSettings({ ...d, abcCuts: [0.8, 1.2] })).toBe('abc_cuts');
    expect(checkSegmentSettings({ ...d, abcCuts: [0, 0.5] })).toBe('abc_cuts');
    expect(checkSegmentSettings({ ...d, loyalty: { ...d.loyalty, lostAlive: 0.8 } })).toBe('loyalty');
    expect(checkSegmentSettings({ ...d, loyalty: { ...d.loyalty, lostRhythm: 1 } })).toBe('loyalty');
    // A stored partial setting gets the defaults for the rest; a broken one falls back whole.
    expect(settingsFrom({ abcCuts: [0.7, 0.9] })).toEqual({ ...d, abcCuts: [0.7, 0.9] });
    expect(settingsFrom({ abcCuts: [2, 1] })).toEqual(d);
    expect(settingsFrom(undefined)).toEqual(d);
  });
  test('loyalty follows its thresholds', () => {
    const strict = { loyalAlive: 0.9, lostAlive: 0.5, lostRhythm: 3, onSchedule: 1 };
    expect(loyalty(0.8, 1)).toBe('loyal');
    expect(loyalty(0.8, 1, strict)).toBe('drifting');
    expect(loyalty(0.4, 1, strict)).toBe('lost');
    expect(loyalty(0.95, 3, strict)).toBe('lost');
  });
});

describe('segment references and rule segments', () => {
  test('references name a group or nothing', async () => {
    const { parseSegmentRef } = await import('../../src/domain/segments/rules');
    expect(parseSegmentRef('cell:5-4')).toEqual({ kind: 'cell', key: '5-4' });
    expect(parseSegmentRef('rf:champions')).toEqual({ kind: 'rf', key: 'champions' });
    expect(parseSegmentRef('eight:important_value')).toEqual({ kind: 'eight', key: 'important_value' });
    expect(parseSegmentRef('abc:B')?.key).toBe('B');
    expect(parseSegmentRef('rule:x1')).toEqual({ kind: 'rule', key: 'x1' });
    for (const bad of ['cell:6-1', 'cell:5', 'rf:vip', 'abc:D', 'loyalty:', 'quadrant:keep', 'nothing', 'rule:', 'x:y']) expect(parseSegmentRef(bad), bad).toBeNull();
  });
  test('a rule needs a name and a condition; its segment and indicator must exist', async () => {
    const { checkRule, meets } = await import('../../src/domain/segments/rules');
    const ids = ['credit.overdue_share'];
    const ok = { id: 'r', name: 'Key in the north', filters: { tier: 'key', region: 'North' } };
    expect(checkRule(ok, ids)).toBeNull();
    expect(checkRule({ ...ok, name: ' ' }, ids)).toBe('name');
    expect(checkRule({ ...ok, filters: {} }, ids)).toBe('empty');
    expect(checkRule({ ...ok, filters: { colour: 'red' } as never }, ids)).toBe('filter');
    expect(checkRule({ ...ok, segment: 'rf:vip' }, ids)).toBe('segment');
    expect(checkRule({ ...ok, segment: 'rule:r' }, ids)).toBe('segment');
    expect(checkRule({ ...ok, filters: {}, segment: 'abc:A' }, ids)).toBeNull();
    expect(checkRule({ ...ok, indicator: { id: 'nope', op: 'gte', value: 1 } }, ids)).toBe('indicator');
    expect(checkRule({ ...ok, indicator: { id: 'credit.overdue_share', op: 'gte', value: NaN } }, ids)).toBe('indicator');
    expect(checkRule({ ...ok, filters: {}, indicator: { id: 'credit.overdue_share', op: 'gte', value: 0.2 } }, ids)).toBeNull();
    expect(meets({ id: 'x', op: 'gte', value: 0.2 }, 0.2)).toBe(true);
    expect(meets({ id: 'x', op: 'gte', value: 0.2 }, 0.1)).toBe(false);
    expect(meets({ id: 'x', op: 'lte', value: 0.2 }, 0.1)).toBe(true);
    expect(meets({ id: 'x', op: 'lte', value: 0.2 }, NaN)).toBe(false);
  });
});
