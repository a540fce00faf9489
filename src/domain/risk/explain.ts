// The explanation of one customer's score (DESIGN §2): why the overall score is what it is
// (the reason on top), the dimensions, and every indicator's share of the score.

import { DIMENSIONS, INDICATORS, type Dimension, type IndicatorId } from './indicators';
import { GRADES, type Grade, type RiskModel } from './model';
import { ALL_PRESENT, combine, emptyScores, gradeOf, plan, points, scoreRange, type Present } from './score';

export interface Contribution {
  /** A built-in indicator, or `custom:<field>` for one made of a custom field (see `label`). */
  id: IndicatorId;
  /** A custom indicator's name (its field's header). */
  label?: string;
  dimension: Dimension;
  value: number;
  points: number;
  /** Share (0–1) of the overall score's weight this indicator carries for this customer. */
  weight: number;
  /** Points × weight: what it adds to the overall score. */
  impact: number;
}

/**
 * Why the overall score is what it is, the first line of an explanation: the worst decisive
 * dimension set it ('floor': "graded high because credit is critical"), the worst dimension
 * is the score ('worst'), or the weighted mean of the dimensions, led by `dimension` ('mean').
 */
export interface Reason {
  rule: 'floor' | 'worst' | 'mean';
  /** The dimension that set the score (floor, worst) or adds most to the mean. */
  dimension: Dimension | null;
  /** That dimension's score and grade. */
  score: number;
  grade: Grade;
  /** Under the floor rule at critical: the second decisive dimension at critical. */
  also: Dimension | null;
  /** The indicator that adds most to that dimension. */
  indicator: IndicatorId | null;
}

export interface Explanation {
  overall: number;
  grade: Grade;
  insufficient: boolean;
  coverage: number;
  /** Why: the first line of the explanation. */
  reason: Reason;
  dimensions: { dimension: Dimension; score: number; weight: number }[];
  /** Every indicator with data, largest impact first. */
  contributions: Contribution[];
  /** Indicators switched on that had no data for this customer. */
  missing: IndicatorId[];
  /** Dimensions the book has no record for (unscored for everyone). */
  unscored: Dimension[];
}

/** The score of one customer with its reasons: the same arithmetic as `scoreRange`, kept apart. */
export function explain(values: readonly number[], model: RiskModel, present: Present = ALL_PRESENT): Explanation {
  const single = emptyScores(1);
  scoreRange(values.map((v) => [v]), model, single, 0, 1, present);
  const p = plan(model, present);
  const D = DIMENSIONS.length;
  const have = new Float64Array(D), points_ = new Float64Array(D);
  const contributions: Omit<Contribution, 'weight' | 'impact'>[] = [];
  const missing: IndicatorId[] = [];
  // The built-in indicators, then the custom ones (in the order of `plan`).
  const all = [...INDICATORS.map((d) => ({ id: d.id as IndicatorId, dimension: d.dimension as Dimension, label: undefined as string | undefined })), ...(model.custom ?? []).map((c) => ({ id: `custom:${c.field}` as IndicatorId, dimension: c.dimension, label: c.label }))];
  const index = new Map(all.map((d, k) => [d.id as string, k]));
  all.forEach((d, k) => {
    const j = p.dim[k];
    if (p.weight[k] === 0 || !p.on[j]) return;
    const x = points(p.curves[k], values[k] ?? NaN);
    if (Number.isNaN(x)) return void missing.push(d.id);
    have[j] += p.weight[k];
    points_[j] += p.weight[k] * x;
    contributions.push({ id: d.id, dimension: d.dimension, value: values[k], points: x, ...(d.label ? { label: d.label } : {}) });
  });
  const overall = single.overall[0];
  const how = combine(single.dims, 0, p, model);
  const dims = DIMENSIONS.map((dimension, j) => ({ dimension, score: single.dims[j], weight: p.dimWeight[j] }));
  let dimWeightSum = 0;
  for (const d of dims) if (d.weight > 0 && !Number.isNaN(d.score)) dimWeightSum += d.weight;
  const alone = how.rule === 'worst' || how.rule === 'floor';
  // The contributions share the overall score: under 'worst' and 'floor' the lead dimension's
  // indicators carry it, under the mean every dimension by its weight; within a dimension in
  // proportion to their weighted points (so a decisive indicator's floor is carried too).
  const withWeight = contributions.map((c) => {
    const k = index.get(c.id)!;
    const j = p.dim[k];
    const dimScore = single.dims[j];
    const dimShare = alone ? (j === how.lead && dimScore > 0 ? overall / dimScore : 0) : dimWeightSum > 0 && !Number.isNaN(dimScore) ? p.dimWeight[j] / dimWeightSum : 0;
    const inDim = points_[j] > 0 ? (p.weight[k] * dimScore) / points_[j] : have[j] > 0 ? p.weight[k] / have[j] : 0;
    const weight = inDim * dimShare;
    return { ...c, weight, impact: weight * c.points };
  });
  withWeight.sort((a, b) => b.impact - a.impact || b.points - a.points);
  let covered = 0;
  for (let j = 0; j < D; j++) if (p.dimWeight[j] > 0) covered += (p.dimWeight[j] * have[j]) / p.dimTotal[j];
  const lead = how.lead >= 0 ? DIMENSIONS[how.lead] : null;
  // The indicator behind it: the most points, a decisive one (it set the floor) before others, then the heavier.
  const k = (id: string) => index.get(id)!;
  const top = contributions.filter((c) => c.dimension === lead).sort((a, b) => b.points - a.points || p.decisive[k(b.id)] - p.decisive[k(a.id)] || p.weight[k(b.id)] - p.weight[k(a.id)])[0];
  const reason: Reason = {
    rule: how.rule, dimension: lead, score: lead ? single.dims[how.lead] : NaN, grade: gradeOf(lead ? single.dims[how.lead] : 0, model.grades),
    also: how.also >= 0 ? DIMENSIONS[how.also] : null, indicator: top?.id ?? null,
  };
  return {
    overall, grade: GRADES[single.grade[0]], insufficient: single.insufficient[0] === 1,
    coverage: p.overallTotal > 0 ? covered / p.overallTotal : 0, reason, dimensions: dims, contributions: withWeight, missing,
    unscored: DIMENSIONS.filter((_, j) => !p.on[j]),
  };
}
