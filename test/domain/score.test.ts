// The scoring arithmetic at its edges (weights, curves, grades, the severity floor, a book
// without some kinds of record) and the model document.
import { describe, expect, test } from 'vitest';
import { indicatorIndex, INDICATORS, type IndicatorId } from '../../src/domain/risk/indicators';
import { DEFAULT_MODEL, MODEL_FORMAT, parseModel, type RiskModel } from '../../src/domain/risk/model';
import { emptyScores, gradeOf, points, scoreRange } from '../../src/domain/risk/score';
import { explain } from '../../src/domain/risk/explain';

const only = (weights: Partial<Record<IndicatorId, number>>, extra: Partial<RiskModel> = {}): RiskModel => {
  const m = structuredClone(DEFAULT_MODEL);
  for (const d of INDICATORS) m.indicators[d.id] = { ...m.indicators[d.id], enabled: d.id in weights, weight: weights[d.id] ?? 0 };
  return { ...m, ...extra };
};
const vector = (set: Partial<Record<IndicatorId, number>>) => INDICATORS.map((d) => set[d.id] ?? NaN);

describe('scoring', () => {
  test('linear curves in either direction, clamped; bands inclusive at the top', () => {
    expect(points({ type: 'linear', good: 30, bad: 365 }, 197.5)).toBe(50);
    expect(points({ type: 'linear', good: 30, bad: 365 }, 10)).toBe(0);
    expect(points({ type: 'linear', good: 4.5, bad: 2 }, 1)).toBe(100);
    const nps = DEFAULT_MODEL.indicators['satisfaction.nps_latest'].curve;
    expect([6, 6.5, 8, 9].map((x) => points(nps, x))).toEqual([100, 40, 40, 0]);
    expect(points(nps, NaN)).toBeNaN();
  });
  test('grades at exact boundaries, of the score as shown (a whole point): never "medium 55" when high starts at 55', () => {
    expect([29.49, 29.5, 30, 54.49, 54.5, 55, 74.49, 74.5].map((s) => gradeOf(s, DEFAULT_MODEL.grades))).toEqual(['low', 'medium', 'medium', 'medium', 'high', 'high', 'high', 'critical']);
    const out = emptyScores(1);
    const model = only({ 'credit.max_days_past_due': 1 }, { overall: 'weighted' });
    // 5 + 0.5445 · 85 = 51.28 days → 54.45… points (shown 54, medium); 51.33 days → 54.51 (shown 55, high).
    for (const [days, shown, grade] of [[51.28, 54, 1], [51.33, 55, 2]] as const) {
      scoreRange(INDICATORS.map((d) => [d.id === 'credit.max_days_past_due' ? days : NaN]), model, out);
      expect(Math.round(out.overall[0])).toBe(shown);
      expect(out.grade[0]).toBe(grade);
    }
  });
  test('weights within a dimension, dimension weights, and renormalisation when data is missing', () => {
    const model = only({ 'churn.days_since_order': 1, 'churn.recency_vs_rhythm': 3, 'credit.max_days_past_due': 1 }, { overall: 'weighted' });
    const e = explain(vector({ 'churn.days_since_order': 365, 'churn.recency_vs_rhythm': 1.5, 'credit.max_days_past_due': 90 }), model);
    // churn = (1·100 + 3·0) / 4 = 25; credit = 100; overall = (30·25 + 25·100) / 55.
    expect(e.dimensions.find((d) => d.dimension === 'churn')!.score).toBeCloseTo(25);
    expect(e.overall).toBeCloseTo((30 * 25 + 25 * 100) / 55, 4);
    // Rhythm missing: churn rests on days since order alone.
    const m = explain(vector({ 'churn.days_since_order': 365, 'credit.max_days_past_due': 90 }), model);
    expect(m.dimensions.find((d) => d.dimension === 'churn')!.score).toBeCloseTo(100);
    expect(m.missing).toEqual(['churn.recency_vs_rhythm']);
  });
  test('worst dimension as the overall score', () => {
    const model = only({ 'churn.days_since_order': 1, 'credit.max_days_past_due': 1 }, { overall: 'worst' });
    const e = explain(vector({ 'churn.days_since_order': 30, 'credit.max_days_past_due': 47.5 }), model);
    expect(e.overall).toBeCloseTo(50);
    expect(e.contributions[0].id).toBe('credit.max_days_past_due');
    expect(e.contributions[0].weight).toBe(1);
  });
  test('less than half of the weight with data: insufficient, and never low', () => {
    const model = only({ 'churn.days_since_order': 1, 'credit.max_days_past_due': 1, 'service.open_severe': 1 });
    const e = explain(vector({ 'service.open_severe': 0 }), model);
    expect(e.overall).toBe(0);
    expect(e.insufficient).toBe(true);
    expect(e.coverage).toBeCloseTo(15 / 70);
  });
  test('the contributions explain the score: their impacts add up to it', () => {
    const v = vector({ 'churn.days_since_order': 200, 'credit.overdue_share': 0.4, 'service.open_complaints': 1, 'satisfaction.nps_latest': 7, 'data.missing_fields': 1 });
    const e = explain(v, DEFAULT_MODEL);
    expect(e.contributions.reduce((a, c) => a + c.impact, 0)).toBeCloseTo(e.overall, 4);
    expect(e.contributions[0].impact).toBeGreaterThanOrEqual(e.contributions.at(-1)!.impact);
  });
  test('the floor rule: a serious dimension is not averaged away, and the reason says so', () => {
    // An invoice 200 days past due and nothing else wrong: the mean is low, credit is critical.
    const healthy = { 'churn.days_since_order': 10, 'churn.recency_vs_rhythm': 0.5, 'service.complaints_90d': 0, 'satisfaction.csat_latest': 5, 'data.missing_fields': 0, 'dependency.revenue_share': 0 };
    const v = vector({ ...healthy, 'credit.max_days_past_due': 200, 'credit.overdue_share': 0.02, 'credit.late_share_12m': 0, 'credit.avg_days_late': 0, 'credit.limit_utilisation': 0.2 });
    const mean = explain(v, { ...DEFAULT_MODEL, overall: 'weighted' });
    expect(mean.grade).toBe('low');
    const e = explain(v, DEFAULT_MODEL);
    // Credit: its mean is 3·100 / 8 = 37.5, but the decisive indicator at 100 floors it at 80 (critical);
    // the overall is at least 80 less the margin of 20.
    expect(e.dimensions.find((d) => d.dimension === 'credit')!.score).toBeCloseTo(80);
    expect(e.overall).toBeCloseTo(60);
    expect(e.grade).toBe('high');
    expect(e.reason).toMatchObject({ rule: 'floor', dimension: 'credit', grade: 'critical', also: null, indicator: 'credit.max_days_past_due' });
    expect(e.contributions.reduce((a, c) => a + c.impact, 0)).toBeCloseTo(e.overall, 4);
    // One decisive dimension lifts no further than high, however bad…
    const lost = explain(vector({ ...healthy, 'churn.days_since_order': 900, 'churn.recency_vs_rhythm': 30, 'churn.probability_alive': 0.01 }), DEFAULT_MODEL);
    expect(lost.dimensions[0].score).toBeCloseTo(100);
    expect(lost.overall).toBeCloseTo(DEFAULT_MODEL.grades.critical - 1);
    expect(lost.grade).toBe('high');
    // …a second decisive dimension at critical (an open severe complaint) makes it critical.
    const both = explain(vector({ ...healthy, 'credit.max_days_past_due': 200, 'service.open_severe': 1 }), DEFAULT_MODEL);
    expect(both.grade).toBe('critical');
    expect(both.reason).toMatchObject({ rule: 'floor', grade: 'critical' });
    expect([both.reason.dimension, both.reason.also].sort()).toEqual(['credit', 'service']);
    // A non-decisive dimension at 100 only adds its weight to the mean.
    const unhappy = explain(vector({ ...healthy, 'satisfaction.csat_latest': 1 }), DEFAULT_MODEL);
    expect(unhappy.reason.rule).toBe('mean');
    expect(unhappy.reason.dimension).toBe('satisfaction');
    expect(unhappy.grade).toBe('low');
  });
  test('a dimension the book has no record for is unscored for everyone and out of the coverage', () => {
    // A book of orders only: churn and dependency (orders) and data (the profile) can be measured.
    const present = Uint8Array.from(['churn', 'credit', 'service', 'satisfaction', 'engagement', 'data', 'dependency'], (d) => (['churn', 'data', 'dependency'].includes(d) ? 1 : 0));
    const v = vector({ 'churn.days_since_order': 200, 'churn.recency_vs_rhythm': 3, 'service.complaints_90d': 0, 'service.open_complaints': 0, 'data.missing_fields': 0, 'dependency.revenue_share': 0.01 });
    const all = explain(v, DEFAULT_MODEL);
    expect(all.insufficient).toBe(true);
    const e = explain(v, DEFAULT_MODEL, present);
    expect(e.insufficient).toBe(false);
    expect(e.unscored).toEqual(['credit', 'service', 'satisfaction', 'engagement']);
    expect(e.dimensions.find((d) => d.dimension === 'service')!.score).toBeNaN();
    expect(e.missing.some((id) => id.startsWith('credit.'))).toBe(false);
    // churn (2·46 + 3·60) / 5 = 54.4 of weight 30, data and dependency 0 of 5 each: 40.8.
    expect(e.overall).toBeCloseTo(40.8, 0);
    expect(e.grade).toBe('medium');
  });
  test('scoreRange and explain agree', () => {
    const rows = [vector({ 'churn.days_since_order': 100 }), vector({ 'credit.max_days_past_due': 40, 'service.complaints_90d': 2 }), vector({})];
    const out = emptyScores(3);
    scoreRange(INDICATORS.map((_, k) => rows.map((r) => r[k])), DEFAULT_MODEL, out);
    rows.forEach((r, i) => {
      const e = explain(r, DEFAULT_MODEL);
      if (Number.isNaN(e.overall)) expect(out.overall[i]).toBeNaN();
      else expect(out.overall[i]).toBeCloseTo(e.overall, 3);
      expect(out.insufficient[i] === 1).toBe(e.insufficient);
    });
    expect(out.insufficient[2]).toBe(1);
  });
  test('indicator index lookup is the matrix column', () => {
    expect(INDICATORS[indicatorIndex('credit.avg_days_late')].id).toBe('credit.avg_days_late');
  });
});

describe('model documents', () => {
  test('the defaults round-trip through JSON', () => {
    expect(parseModel(JSON.stringify(DEFAULT_MODEL))).toEqual({ ok: true, model: DEFAULT_MODEL });
  });
  test('refused with the reason: bad JSON, not a model, newer, unknown indicator, negative weight, bad curve, bad grades', () => {
    const doc = (patch: object) => JSON.stringify({ ...DEFAULT_MODEL, ...patch });
    expect(parseModel('{nope')).toEqual({ ok: false, problem: { code: 'model_not_json' } });
    expect(parseModel('[1,2]')).toEqual({ ok: false, problem: { code: 'model_not_a_model' } });
    expect(parseModel(doc({ format: MODEL_FORMAT + 1 }))).toEqual({ ok: false, problem: { code: 'model_newer', detail: String(MODEL_FORMAT + 1) } });
    expect(parseModel(doc({ floorMargin: -1 }))).toEqual({ ok: false, problem: { code: 'model_bad_margin' } });
    expect(parseModel(doc({ indicators: { 'churn.magic': { enabled: true, weight: 1, curve: { type: 'linear', good: 0, bad: 1 } } } }))).toEqual({ ok: false, problem: { code: 'model_unknown_indicator', detail: 'churn.magic' } });
    expect(parseModel(doc({ indicators: { 'credit.avg_days_late': { enabled: true, weight: -1, curve: { type: 'linear', good: 0, bad: 1 } } } }))).toEqual({ ok: false, problem: { code: 'model_bad_weight', detail: 'credit.avg_days_late' } });
    expect(parseModel(doc({ indicators: { 'credit.avg_days_late': { enabled: true, weight: 1, curve: { type: 'linear', good: 1, bad: 1 } } } }))).toEqual({ ok: false, problem: { code: 'model_bad_curve', detail: 'credit.avg_days_late' } });
    expect(parseModel(doc({ dimensions: { churn: { weight: -2 } } }))).toEqual({ ok: false, problem: { code: 'model_bad_weight', detail: 'churn' } });
    expect(parseModel(doc({ grades: { medium: 60, high: 55, critical: 75 } }))).toEqual({ ok: false, problem: { code: 'model_bad_grades' } });
    expect(parseModel(doc({ provision: { d30: 0.05, d60: 0.15, d90: 1.5, over90: 0.7 } }))).toEqual({ ok: false, problem: { code: 'model_bad_provision' } });
  });
  test('a format-1 model (as an older build stored it) keeps the weighted mean and gains the margin and the decisive flags', () => {
    const old = JSON.parse(JSON.stringify(DEFAULT_MODEL));
    old.format = 1;
    old.overall = 'weighted';
    delete old.floorMargin;
    for (const d of Object.values(old.dimensions) as { decisive?: boolean }[]) delete d.decisive;
    for (const i of Object.values(old.indicators) as { decisive?: boolean }[]) delete i.decisive;
    const r = parseModel(old);
    expect(r.ok && [r.model.overall, r.model.floorMargin, r.model.dimensions.credit.decisive, r.model.indicators['credit.max_days_past_due'].decisive]).toEqual(['weighted', 20, true, true]);
    // Saying nothing about the rule meant the weighted mean in format 1, and means the floor from format 2 on.
    delete old.overall;
    expect(parseModel(old).ok && (parseModel(old) as { model: RiskModel }).model.overall).toBe('weighted');
    expect((parseModel({ ...old, format: 2 }) as { model: RiskModel }).model.overall).toBe('floor');
  });
  test('an older document without some indicators takes their defaults', () => {
    const r = parseModel({ format: 1, indicators: { 'credit.avg_days_late': { enabled: false, weight: 2, curve: { type: 'linear', good: 0, bad: 30 } } } });
    expect(r.ok && r.model.indicators['credit.avg_days_late'].enabled).toBe(false);
    expect(r.ok && r.model.indicators['churn.days_since_order']).toEqual(DEFAULT_MODEL.indicators['churn.days_since_order']);
  });
});
