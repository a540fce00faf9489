// Early-warning rules: thresholds per tier, missing data never warns, and one live alert per
// customer and rule however often it fires.
import { describe, expect, test } from 'vitest';
import { DEFAULT_RULES, inCondition, raise, alertKey, type Alert, type RuleInput } from '../../src/domain/risk/alerts';

const rule = (id: string) => DEFAULT_RULES.find((r) => r.id === id)!;
const input = (extra: Partial<RuleInput>): RuleInput => ({ tier: 'general', score: NaN, grade: -1, baseScore: NaN, baseGrade: -1, indicator: () => NaN, ...extra });

describe('alert rules', () => {
  test('a score threshold is tighter for key customers, inclusive at the threshold', () => {
    expect(inCondition(rule('score-high'), input({ tier: 'key', score: 55 }))).toBe(true);
    expect(inCondition(rule('score-high'), input({ tier: 'general', score: 55 }))).toBe(false);
    expect(inCondition(rule('score-high'), input({ tier: 'general', score: 75 }))).toBe(true);
  });
  test('a worsened grade needs a grade at the last snapshot; a jump needs its score', () => {
    expect(inCondition(rule('grade-worsened'), input({ grade: 2, baseGrade: 1 }))).toBe(true);
    expect(inCondition(rule('grade-worsened'), input({ grade: 2, baseGrade: -1 }))).toBe(false);
    expect(inCondition(rule('grade-worsened'), input({ grade: 1, baseGrade: 1 }))).toBe(false);
    expect(inCondition(rule('score-jump'), input({ score: 50, baseScore: 35 }))).toBe(true);
    expect(inCondition(rule('score-jump'), input({ score: 50, baseScore: NaN }))).toBe(false);
  });
  test('an indicator rule reads its indicator; missing data never warns; a disabled rule never fires', () => {
    const days = (v: number) => input({ indicator: (id) => (id === 'credit.max_days_past_due' ? v : NaN) });
    expect(inCondition(rule('days-past-due'), days(60))).toBe(true);
    expect(inCondition(rule('days-past-due'), days(59))).toBe(false);
    expect(inCondition(rule('days-past-due'), days(NaN))).toBe(false);
    expect(inCondition({ ...rule('days-past-due'), enabled: false }, days(999))).toBe(false);
  });
});

describe('raising alerts', () => {
  let n = 0;
  const id = () => `a${++n}`;
  test('a firing while an alert is live updates it; two firings in one batch make one alert', () => {
    const first = raise(new Map(), [{ customerId: 'C1', ruleId: 'r', score: 60 }, { customerId: 'C1', ruleId: 'r', score: 61 }], 1, id);
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({ status: 'open', firings: 2, score: 61, raised: 1 });
    const live = new Map<string, Alert>([[alertKey('C1', 'r'), { ...first[0], status: 'acknowledged' }]]);
    const again = raise(live, [{ customerId: 'C1', ruleId: 'r', score: 70 }], 5, id);
    expect(again).toEqual([{ ...first[0], status: 'acknowledged', firings: 3, score: 70, updated: 5 }]);
  });
  test('another rule or another customer is another alert', () => {
    const out = raise(new Map(), [{ customerId: 'C1', ruleId: 'r', score: 1 }, { customerId: 'C1', ruleId: 's', score: 1 }, { customerId: 'C2', ruleId: 'r', score: 1 }], 1, id);
    expect(out.map((a) => a.customerId + a.ruleId)).toEqual(['C1r', 'C1s', 'C2r']);
  });
});
