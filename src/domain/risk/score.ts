// Scoring (DESIGN §2): indicator values → risk points by the model's curves → dimension
// scores (weighted means) → overall score (by the model's rule: the weighted mean floored by
// the worst decisive dimension, the plain mean, or the worst dimension) → grade. Missing
// values drop out and the weights are renormalised; a dimension the book has no record for is
// left out for everyone; a score resting on less than half of the weight the book can measure
// is "insufficient data" and never graded low. Scores are whole points: the grade is the
// grade of the score as shown.

import { DIMENSIONS, INDICATORS, INDICATOR_COUNT } from './indicators';
import type { Curve, Grade, RiskModel } from './model';

/** Risk points 0–100 of a value on a curve; NaN stays NaN (missing). */
export function points(curve: Curve, value: number): number {
  if (Number.isNaN(value)) return NaN;
  if (curve.type === 'linear') {
    const t = (value - curve.good) / (curve.bad - curve.good);
    return 100 * Math.min(1, Math.max(0, t));
  }
  for (const band of curve.bands) if (band.upTo === null || value <= band.upTo) return band.points;
  return NaN;
}

/** The grade of a score, as shown (rounded to a whole point). */
export function gradeOf(raw: number, grades: RiskModel['grades']): Grade {
  const score = Math.round(raw);
  if (score >= grades.critical) return 'critical';
  if (score >= grades.high) return 'high';
  if (score >= grades.medium) return 'medium';
  return 'low';
}

/** The model flattened for the inner loop: per indicator its dimension, weight and curve. */
export interface Plan {
  dim: Int32Array;
  weight: Float64Array;
  curves: Curve[];
  /** Linear curves precomputed: points = clamp((v − good) · scale, 0, 1) · 100; NaN scale for bands. */
  good: Float64Array;
  scale: Float64Array;
  dimWeight: Float64Array;
  dimTotal: Float64Array;
  /** 1 where the dimension sets a floor (the floor rule and a decisive dimension). */
  floors: Uint8Array;
  /** Per indicator 1 when it sets a floor under its dimension (the floor rule and a decisive indicator). */
  decisive: Uint8Array;
  floorRule: boolean;
  /** 1 where the dimension is measured: its records are in the book, or a custom indicator is in it. */
  on: Uint8Array;
  overallTotal: number;
}

/** Per dimension 1 when the book holds records it is measured from (see DIMENSION_SOURCES); all by default. */
export type Present = ArrayLike<number>;
export const ALL_PRESENT: Present = new Uint8Array(DIMENSIONS.length).fill(1);

export function plan(model: RiskModel, present: Present): Plan {
  // The built-in indicators, then the model's custom ones (their columns follow in `values`).
  const all = [...INDICATORS.map((d) => ({ dimension: d.dimension, s: model.indicators[d.id] })), ...(model.custom ?? []).map((c) => ({ dimension: c.dimension, s: c.setting }))];
  const K = all.length;
  const dim = new Int32Array(K);
  const weight = new Float64Array(K);
  const dimTotal = new Float64Array(DIMENSIONS.length);
  const curves: Curve[] = [];
  const good = new Float64Array(K);
  const scale = new Float64Array(K).fill(NaN);
  const floorRule = model.overall === 'floor';
  const decisive = new Uint8Array(K);
  all.forEach(({ dimension, s }, k) => {
    dim[k] = DIMENSIONS.indexOf(dimension);
    weight[k] = s.enabled ? s.weight : 0;
    curves.push(s.curve);
    if (s.curve.type === 'linear') {
      good[k] = s.curve.good;
      scale[k] = 1 / (s.curve.bad - s.curve.good);
    }
    // The weight the book can measure: a built-in indicator's only where its records are.
    if (k >= INDICATOR_COUNT || present[dim[k]]) dimTotal[dim[k]] += weight[k];
    decisive[k] = floorRule && s.decisive ? 1 : 0;
  });
  // A dimension is measured where the book has its kind of record, or a custom indicator of the user's fields.
  const on = Uint8Array.from(DIMENSIONS, (d, j) => (present[j] || (model.custom ?? []).some((c) => c.dimension === d && c.setting.enabled && c.setting.weight > 0) ? 1 : 0));
  const dimWeight = Float64Array.from(DIMENSIONS, (d, j) => (dimTotal[j] > 0 && on[j] ? model.dimensions[d].weight : 0));
  const floors = Uint8Array.from(DIMENSIONS, (d) => (floorRule && model.dimensions[d].decisive ? 1 : 0));
  return { dim, weight, curves, good, scale, dimWeight, dimTotal, floors, decisive, floorRule, on, overallTotal: dimWeight.reduce((a, b) => a + b, 0) };
}

/** Scores of many customers, one entry per customer (dimension j of customer i at i·D + j). */
export interface Scores {
  n: number;
  overall: Float32Array;
  dims: Float32Array;
  /** Index into GRADES; computed before any override. */
  grade: Uint8Array;
  /** 1 when the overall score rests on less than half of its weight. */
  insufficient: Uint8Array;
}

export function emptyScores(n: number): Scores {
  return { n, overall: new Float32Array(n), dims: new Float32Array(n * DIMENSIONS.length), grade: new Uint8Array(n), insufficient: new Uint8Array(n) };
}

/**
 * Scores customers `from`..`to`−1 of an indicator matrix (`values[k][i]`: indicator k of
 * customer i) into `out`. The hot loop of a rescore: no allocation per customer.
 */
export function scoreRange(values: readonly ArrayLike<number>[], model: RiskModel, out: Scores, from = 0, to = out.n, present: Present = ALL_PRESENT): void {
  scoreCustomers(values, model, out, from, to - from, null, present);
}

/** Like `scoreRange`, for the customers at the given positions only. */
export function scoreAt(values: readonly ArrayLike<number>[], model: RiskModel, out: Scores, positions: ArrayLike<number>, present: Present = ALL_PRESENT): void {
  scoreCustomers(values, model, out, 0, positions.length, positions, present);
}

/**
 * Scores `count` customers: positions[j], or from + j without positions. Indicator by
 * indicator over the customers: each inner loop reads one column and writes one
 * dimension's sums, several times faster than customer by customer.
 */
function scoreCustomers(values: readonly ArrayLike<number>[], model: RiskModel, out: Scores, from: number, count: number, positions: ArrayLike<number> | null, present: Present): void {
  if (count <= 0) return;
  const p = plan(model, present);
  const D = DIMENSIONS.length;
  const sum = new Float64Array(D * count);
  const have = new Float64Array(D * count);
  // Per dimension and customer: the most points of a decisive indicator (−1: none).
  const peak = new Float64Array(D * count).fill(-1);
  for (let k = 0; k < p.dim.length; k++) {
    const w = p.weight[k];
    const col = values[k];
    // A custom indicator without its column (a field no customer has) is missing for everyone.
    if (w === 0 || !col) continue;
    const off = p.dim[k] * count;
    const s = p.scale[k];
    const g = p.good[k];
    const curve = p.curves[k];
    const decisive = p.decisive[k] === 1;
    for (let j = 0; j < count; j++) {
      const v = col[positions ? positions[j] : from + j];
      if (v !== v) continue;
      let x: number;
      if (s === s) {
        const t = (v - g) * s;
        x = t <= 0 ? 0 : t >= 1 ? 100 : 100 * t;
      } else {
        x = points(curve, v);
        if (x !== x) continue;
      }
      sum[off + j] += w * x;
      have[off + j] += w;
      if (decisive && x > peak[off + j]) peak[off + j] = x;
    }
  }
  const { medium, high, critical } = model.grades;
  const margin = model.floorMargin;
  // One result object for every customer: the hot loop allocates nothing per customer.
  const how: Combined = { overall: NaN, rule: 'mean', lead: -1, also: -1 };
  for (let j = 0; j < count; j++) {
    const i = positions ? positions[j] : from + j;
    let covered = 0;
    for (let d = 0; d < D; d++) {
      const h = have[d * count + j];
      const dw = p.dimWeight[d];
      const mean = h > 0 && p.on[d] ? sum[d * count + j] / h : NaN;
      // A decisive indicator cannot be averaged away within its dimension either.
      const floor = peak[d * count + j] - margin;
      out.dims[i * D + d] = p.floorRule && mean < floor ? floor : mean;
      // Coverage: the share of the weight the book can measure that had data for this customer.
      if (dw > 0) covered += (dw * h) / p.dimTotal[d];
    }
    const overall = combine(out.dims, i * D, p, model, how).overall;
    out.overall[i] = overall;
    out.insufficient[i] = p.overallTotal === 0 || covered / p.overallTotal < 0.5 ? 1 : 0;
    // Graded as shown: a whole point.
    const shown = Math.round(overall);
    out.grade[i] = shown >= critical ? 3 : shown >= high ? 2 : shown >= medium ? 1 : 0;
  }
}

/** How the overall score came about: the rule that set it and the dimensions (indices, −1: none) behind it. */
export interface Combined {
  overall: number;
  rule: 'floor' | 'worst' | 'mean';
  lead: number;
  /** Under the floor rule, the second decisive dimension at critical that let the floor reach critical. */
  also: number;
}

/**
 * The overall score from the dimension scores at dims[at..at+D). Under the floor rule it is
 * the weighted mean, but at least the worst decisive dimension less the margin — and a single
 * dimension lifts it no further than high; two decisive dimensions at critical (a lost customer
 * with an unpaid invoice) make it critical.
 */
export function combine(dims: ArrayLike<number>, at: number, p: Plan, model: RiskModel, out: Combined = { overall: NaN, rule: 'mean', lead: -1, also: -1 }): Combined {
  let total = 0, weight = 0, worst = -1, lead = -1, top = -1, topImpact = -1, atCritical = 0, lastCritical = -1, beforeLast = -1;
  const critical = model.grades.critical;
  for (let d = 0; d < DIMENSIONS.length; d++) {
    const score = dims[at + d];
    const dw = p.dimWeight[d];
    if (dw === 0 || score !== score) continue;
    total += dw * score;
    weight += dw;
    if (dw * score > topImpact) (topImpact = dw * score), (top = d);
    if (model.overall === 'worst' ? score > worst : p.floors[d] && score > worst) (worst = score), (lead = d);
    if (p.floors[d] && Math.round(score) >= critical) (atCritical++, (beforeLast = lastCritical), (lastCritical = d));
  }
  const mean = total / weight;
  out.also = -1;
  if (weight === 0) (out.overall = NaN), (out.rule = 'mean'), (out.lead = -1);
  else if (model.overall === 'worst') (out.overall = worst), (out.rule = 'worst'), (out.lead = lead);
  else if (lead < 0) (out.overall = mean), (out.rule = 'mean'), (out.lead = top);
  else {
    const floor = atCritical >= 2 ? Math.max(worst - model.floorMargin, critical) : Math.min(worst - model.floorMargin, critical - 1);
    if (mean < floor) {
      (out.overall = floor), (out.rule = 'floor'), (out.lead = lead);
      // The other decisive dimension at critical (the lead is one of them: the worst).
      if (atCritical >= 2) out.also = lastCritical !== lead ? lastCritical : beforeLast;
    } else (out.overall = mean), (out.rule = 'mean'), (out.lead = top);
  }
  return out;
}
