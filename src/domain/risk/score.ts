// Scoring (DESIGN §2): indicator values → risk points by the model's curves → dimension
// scores (weighted means) → overall score (weighted mean or worst dimension) → grade.
// Missing values drop out and the weights are renormalised; a score resting on less than
// half of its weight is "insufficient data" and never graded low.

import { DIMENSIONS, INDICATORS, INDICATOR_COUNT, type Dimension, type IndicatorId } from './indicators';
import { GRADES, type Curve, type Grade, type RiskModel } from './model';

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

/** The grade of a score; an insufficient score is never low (it is shown as "insufficient data"). */
export function gradeOf(score: number, grades: RiskModel['grades']): Grade {
  if (score >= grades.critical) return 'critical';
  if (score >= grades.high) return 'high';
  if (score >= grades.medium) return 'medium';
  return 'low';
}

/** The model flattened for the inner loop: per indicator its dimension, weight and curve. */
interface Plan {
  dim: Int32Array;
  weight: Float64Array;
  curves: Curve[];
  /** Linear curves precomputed: points = clamp((v − good) · scale, 0, 1) · 100; NaN scale for bands. */
  good: Float64Array;
  scale: Float64Array;
  dimWeight: Float64Array;
  dimTotal: Float64Array;
  overallTotal: number;
}

function plan(model: RiskModel): Plan {
  const dim = new Int32Array(INDICATOR_COUNT);
  const weight = new Float64Array(INDICATOR_COUNT);
  const dimTotal = new Float64Array(DIMENSIONS.length);
  const curves: Curve[] = [];
  const good = new Float64Array(INDICATOR_COUNT);
  const scale = new Float64Array(INDICATOR_COUNT).fill(NaN);
  INDICATORS.forEach((d, k) => {
    const s = model.indicators[d.id];
    dim[k] = DIMENSIONS.indexOf(d.dimension);
    weight[k] = s.enabled ? s.weight : 0;
    curves.push(s.curve);
    if (s.curve.type === 'linear') {
      good[k] = s.curve.good;
      scale[k] = 1 / (s.curve.bad - s.curve.good);
    }
    dimTotal[dim[k]] += weight[k];
  });
  const dimWeight = Float64Array.from(DIMENSIONS, (d, j) => (dimTotal[j] > 0 ? model.dimensions[d].weight : 0));
  return { dim, weight, curves, good, scale, dimWeight, dimTotal, overallTotal: dimWeight.reduce((a, b) => a + b, 0) };
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
export function scoreRange(values: readonly ArrayLike<number>[], model: RiskModel, out: Scores, from = 0, to = out.n): void {
  scoreCustomers(values, model, out, from, to - from, null);
}

/** Like `scoreRange`, for the customers at the given positions only. */
export function scoreAt(values: readonly ArrayLike<number>[], model: RiskModel, out: Scores, positions: ArrayLike<number>): void {
  scoreCustomers(values, model, out, 0, positions.length, positions);
}

/**
 * Scores `count` customers: positions[j], or from + j without positions. Indicator by
 * indicator over the customers: each inner loop reads one column and writes one
 * dimension's sums, several times faster than customer by customer.
 */
function scoreCustomers(values: readonly ArrayLike<number>[], model: RiskModel, out: Scores, from: number, count: number, positions: ArrayLike<number> | null): void {
  if (count <= 0) return;
  const p = plan(model);
  const D = DIMENSIONS.length;
  const sum = new Float64Array(D * count);
  const have = new Float64Array(D * count);
  for (let k = 0; k < INDICATOR_COUNT; k++) {
    const w = p.weight[k];
    if (w === 0) continue;
    const col = values[k];
    const off = p.dim[k] * count;
    const s = p.scale[k];
    const g = p.good[k];
    const curve = p.curves[k];
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
    }
  }
  const { medium, high, critical } = model.grades;
  const worstRule = model.overall === 'worst';
  for (let j = 0; j < count; j++) {
    const i = positions ? positions[j] : from + j;
    let total = 0, weight = 0, worst = -1, covered = 0;
    for (let d = 0; d < D; d++) {
      const h = have[d * count + j];
      const score = h > 0 ? sum[d * count + j] / h : NaN;
      out.dims[i * D + d] = score;
      const dw = p.dimWeight[d];
      if (dw === 0) continue;
      // Coverage: the share of the model's weight that had data, across all dimensions.
      covered += (dw * h) / p.dimTotal[d];
      if (score !== score) continue;
      total += dw * score;
      weight += dw;
      if (score > worst) worst = score;
    }
    const overall = weight > 0 ? (worstRule ? worst : total / weight) : NaN;
    out.overall[i] = overall;
    out.insufficient[i] = p.overallTotal === 0 || covered / p.overallTotal < 0.5 ? 1 : 0;
    out.grade[i] = overall >= critical ? 3 : overall >= high ? 2 : overall >= medium ? 1 : 0;
  }
}

export interface Contribution {
  id: IndicatorId;
  dimension: Dimension;
  value: number;
  points: number;
  /** Share (0–1) of the overall score's weight this indicator carries for this customer. */
  weight: number;
  /** Points × weight: what it adds to the overall score. */
  impact: number;
}

export interface Explanation {
  overall: number;
  grade: Grade;
  insufficient: boolean;
  coverage: number;
  dimensions: { dimension: Dimension; score: number; weight: number }[];
  /** Every indicator with data, largest impact first. */
  contributions: Contribution[];
  /** Indicators switched on that had no data for this customer. */
  missing: IndicatorId[];
}

/** The score of one customer with its reasons: the same arithmetic as `scoreRange`, kept apart. */
export function explain(values: readonly number[], model: RiskModel): Explanation {
  const single = emptyScores(1);
  scoreRange(values.map((v) => [v]), model, single);
  const p = plan(model);
  const D = DIMENSIONS.length;
  const have = new Float64Array(D);
  const contributions: Omit<Contribution, 'weight' | 'impact'>[] = [];
  const missing: IndicatorId[] = [];
  INDICATORS.forEach((d, k) => {
    if (p.weight[k] === 0) return;
    const x = points(p.curves[k], values[k]);
    if (Number.isNaN(x)) return void missing.push(d.id);
    have[p.dim[k]] += p.weight[k];
    contributions.push({ id: d.id, dimension: d.dimension, value: values[k], points: x });
  });
  const overall = single.overall[0];
  const dims = DIMENSIONS.map((dimension, j) => ({ dimension, score: single.dims[j], weight: p.dimWeight[j] }));
  const scored = dims.filter((d) => d.weight > 0 && !Number.isNaN(d.score));
  const dimWeightSum = scored.reduce((a, d) => a + d.weight, 0);
  const worst = scored.reduce((a, d) => (d.score > (a?.score ?? -1) ? d : a), undefined as (typeof scored)[number] | undefined);
  const withWeight = contributions.map((c) => {
    const k = INDICATORS.findIndex((d) => d.id === c.id);
    const j = p.dim[k];
    const inDim = have[j] > 0 ? p.weight[k] / have[j] : 0;
    const dimShare = model.overall === 'worst' ? (worst?.dimension === c.dimension ? 1 : 0) : dimWeightSum > 0 && !Number.isNaN(single.dims[j]) ? p.dimWeight[j] / dimWeightSum : 0;
    const weight = inDim * dimShare;
    return { ...c, weight, impact: weight * c.points };
  });
  withWeight.sort((a, b) => b.impact - a.impact || b.points - a.points);
  let covered = 0;
  for (let j = 0; j < D; j++) if (p.dimWeight[j] > 0) covered += (p.dimWeight[j] * have[j]) / p.dimTotal[j];
  return {
    overall, grade: GRADES[single.grade[0]], insufficient: single.insufficient[0] === 1,
    coverage: p.overallTotal > 0 ? covered / p.overallTotal : 0, dimensions: dims, contributions: withWeight, missing,
  };
}
