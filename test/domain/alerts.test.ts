// Early-warning rules: thresholds per tier, missing data never warns, and one live alert per
// customer and rule however often it fires.
import { describe, expect, test } from 'vitest';
import { DEFAULT_RULES, inCondition, parseRules, raise, alertKey, type Alert, type RuleInput } from '../../src/domain/risk/alerts';

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

describe('the rules users expect, each at its boundary', () => {
  const on = (id: string, v: number, tier: RuleInput['tier'] = 'general') => inCondition(rule(id), input({ tier, indicator: (i) => (i === rule(id).indicator ? v : NaN) }));
  test('probability alive below a value: strictly below, tighter for key customers', () => {
    expect(on('alive-low', 0.29)).toBe(true);
    expect(on('alive-low', 0.3)).toBe(false);
    expect(on('alive-low', 0.45, 'key')).toBe(true);
    expect(on('alive-low', 0.5, 'key')).toBe(false);
    expect(on('alive-low', NaN)).toBe(false);
  });
  test('credit limit exceeded: above 100 % of the limit, not at it', () => {
    expect(on('limit-exceeded', 1)).toBe(false);
    expect(on('limit-exceeded', 1.0001)).toBe(true);
  });
  test('CSAT dropped by N: a trend of −N or lower', () => {
    expect(on('csat-drop', -1.5)).toBe(true);
    expect(on('csat-drop', -1.49)).toBe(false);
    expect(on('csat-drop', -1, 'key')).toBe(true);
    expect(on('csat-drop', 2)).toBe(false);
  });
  test('no contact in N days, counted from the last interaction, watched for key accounts; none on record never warns', () => {
    expect(on('no-contact', 90, 'key')).toBe(true);
    expect(on('no-contact', 89, 'key')).toBe(false);
    expect(on('no-contact', NaN, 'key')).toBe(false);
    // General and potential customers are followed by their periodic reviews unless a user sets a threshold.
    expect(on('no-contact', 5000)).toBe(false);
    expect(on('no-contact', 5000, 'potential')).toBe(false);
    const general = { ...rule('no-contact'), threshold: { key: 90, general: 180, potential: null } };
    expect(inCondition(general, input({ tier: 'general', indicator: () => 180 }))).toBe(true);
    expect(inCondition(general, input({ tier: 'potential', indicator: () => 1e6 }))).toBe(false);
  });
  test('an invoice N days overdue', () => {
    expect(on('days-past-due', 30, 'key')).toBe(true);
    expect(on('days-past-due', 29, 'key')).toBe(false);
  });
});

describe('alert rules in the model document', () => {
  const known = new Set(['credit.max_days_past_due', 'churn.probability_alive']);
  test('a file without rules keeps the defaults; one that lacks a later rule gains it', () => {
    expect(parseRules(undefined, known)).toEqual({ ok: true, rules: DEFAULT_RULES });
    const r = parseRules([{ ...rule('days-past-due'), threshold: { key: 10, general: 20, potential: 30 } }], known);
    expect(r.ok && r.rules.length).toBe(DEFAULT_RULES.length);
    expect(r.ok && r.rules.find((x) => x.id === 'days-past-due')!.threshold.key).toBe(10);
  });
  test('a duplicate slot, an unknown kind or indicator, or a missing threshold is refused by name', () => {
    expect(parseRules([rule('score-high'), { ...rule('score-jump'), slot: 0 }], known)).toEqual({ ok: false, detail: 'score-jump' });
    expect(parseRules([{ ...rule('score-high'), kind: 'sometimes' }], known)).toEqual({ ok: false, detail: 'score-high' });
    expect(parseRules([{ ...rule('days-past-due'), indicator: 'credit.nonsense' }], known)).toEqual({ ok: false, detail: 'days-past-due' });
    expect(parseRules([{ ...rule('score-high'), threshold: { key: 1, general: 'x', potential: 2 } }], known)).toEqual({ ok: false, detail: 'score-high' });
    // A tier may be left unwatched (null), not every tier.
    expect(parseRules([{ ...rule('score-high'), threshold: { key: 50, general: null, potential: null } }], known).ok).toBe(true);
    expect(parseRules([{ ...rule('score-high'), threshold: { key: null, general: null, potential: null } }], known)).toEqual({ ok: false, detail: 'score-high' });
    expect(parseRules(Array.from({ length: 17 }, (_, k) => ({ ...rule('score-high'), id: `r${k}`, slot: k })), known).ok).toBe(false);
  });
});
