// The user's own fields (issue 15): kept with the customer, a filter of the list and of rule
// segments, and an indicator of the risk model with its own curve and weight — a telecom's
// customers-only book scored on "month-to-month contract" and "tenure in months".
import { describe, expect, test } from 'vitest';
import { customColumn, customKey, customTest, packCustom, unpackCustom } from '../../src/domain/custom-fields';
import { DEFAULT_MODEL, parseModel, type RiskModel } from '../../src/domain/risk/model';
import { DIMENSIONS, INDICATORS } from '../../src/domain/risk/indicators';
import { emptyScores, scoreRange } from '../../src/domain/risk/score';
import { explain } from '../../src/domain/risk/explain';

/** A model scoring only churn from two custom fields: month-to-month (yes = 100 points), tenure (0 months = 100, 24+ = 0). */
function telcoModel(): RiskModel {
  const m = structuredClone(DEFAULT_MODEL);
  m.custom = [
    { field: 'month_to_month', label: 'Month-to-month', dimension: 'churn', setting: { enabled: true, weight: 2, curve: { type: 'linear', good: 0, bad: 1 }, decisive: false } },
    { field: 'tenure', label: 'tenure', dimension: 'churn', setting: { enabled: true, weight: 1, curve: { type: 'linear', good: 24, bad: 0 }, decisive: false } },
  ];
  return m;
}
/** Only the churn dimension's records exist? None: a customers-only book has no orders at all. */
const NOTHING_PRESENT = new Uint8Array(DIMENSIONS.length);

describe('custom values', () => {
  test('stored as sorted JSON without empties; keys from headers', () => {
    expect(packCustom({ b: 1, a: 'x', c: '' })).toBe('{"a":"x","b":1}');
    expect(packCustom({})).toBe('');
    expect(unpackCustom('{"a":"x","b":1}')).toEqual({ a: 'x', b: 1 });
    expect(unpackCustom('not json')).toEqual({});
    expect(customKey('Monthly Charges ($)')).toBe('monthly_charges');
    expect(customKey('合同类型')).toBe('合同类型');
  });
  test('conditions: set, equals (yes/no as true/false), at least / at most numbers and dates', () => {
    const a = packCustom({ contract: 'Month-to-month', tenure: 3, churn: true, since: '2024-03-01' });
    expect(customTest({ key: 'contract', op: 'eq', value: 'month-to-month' })(a)).toBe(true);
    expect(customTest({ key: 'churn', op: 'eq', value: 'true' })(a)).toBe(true);
    expect(customTest({ key: 'tenure', op: 'lte', value: '6' })(a)).toBe(true);
    expect(customTest({ key: 'tenure', op: 'gte', value: '6' })(a)).toBe(false);
    expect(customTest({ key: 'since', op: 'gte', value: '2024-01-01' })(a)).toBe(true);
    expect(customTest({ key: 'missing', op: 'set', value: '' })(a)).toBe(false);
    expect(customTest({ key: 'tenure', op: 'set', value: '' })('')).toBe(false);
  });
  test('a column of numbers per position: yes/no as 1/0, missing as NaN', () => {
    const col = customColumn([packCustom({ m: true }), packCustom({ m: false }), '', packCustom({ m: 'text' })], 4, 'm');
    expect(Array.from(col)).toEqual([1, 0, NaN, NaN]);
  });
});

describe('custom indicators in the model', () => {
  test('score a book without any orders on its own fields: the churn dimension is measured because an indicator of it is', () => {
    const m = telcoModel();
    const values = [...INDICATORS.map(() => new Float32Array(3).fill(NaN)), Float32Array.of(1, 0, 1), Float32Array.of(2, 60, NaN)];
    const out = emptyScores(3);
    scoreRange(values, m, out, 0, 3, NOTHING_PRESENT);
    // Churn by hand: (2 × 100 + 1 × (24 − 2)/24 × 100) / 3 = 97.2; (2 × 0 + 1 × 0) / 3 = 0; only month-to-month: 100.
    const churn = (i: number) => out.dims[i * DIMENSIONS.length + DIMENSIONS.indexOf('churn')];
    expect(churn(0)).toBeCloseTo((200 + (22 / 24) * 100) / 3, 4);
    expect(churn(1)).toBe(0);
    expect(churn(2)).toBe(100);
    // Churn is the only dimension measured: the overall score is its score.
    expect(out.overall[0]).toBeCloseTo(churn(0), 4);
    expect(out.insufficient[1]).toBe(0);
  });
  test('the explanation names the custom indicator with its label, largest impact first', () => {
    const m = telcoModel();
    const e = explain([...INDICATORS.map(() => NaN), 1, 2], m, NOTHING_PRESENT);
    expect(e.contributions.map((c) => [c.id, c.label, Math.round(c.points)])).toEqual([['custom:month_to_month', 'Month-to-month', 100], ['custom:tenure', 'tenure', 92]]);
    expect(e.reason.indicator).toBe('custom:month_to_month');
    expect(e.unscored).not.toContain('churn');
  });
  test('part of the model document: written, read back, and refused when broken', () => {
    const m = telcoModel();
    const back = parseModel(JSON.stringify(m));
    expect(back.ok && back.model.custom).toEqual(m.custom);
    const bad = structuredClone(m) as unknown as { custom: { dimension: string; setting: { curve: unknown } }[] };
    bad.custom[0].dimension = 'weather';
    expect(parseModel(bad)).toEqual({ ok: false, problem: { code: 'model_unknown_dimension', detail: 'custom.month_to_month' } });
    const flat = structuredClone(m) as unknown as { custom: { setting: { curve: unknown } }[] };
    flat.custom[1].setting.curve = { type: 'linear', good: 1, bad: 1 };
    expect(parseModel(flat)).toEqual({ ok: false, problem: { code: 'model_bad_curve', detail: 'custom.tenure' } });
    // A model without custom indicators reads as before.
    const plain = parseModel(JSON.stringify(DEFAULT_MODEL));
    expect(plain.ok && plain.model.custom).toBeUndefined();
  });
});
