// How good the lifetime model is on a book (Fader, Hardie & Lee 2005, §4): fitted on the
// purchases up to a cut date, its predictions for the weeks after it against what the
// customers did — cumulative repeat purchases week by week, and the conditional expectation
// by number of repeat purchases in the calibration period. Pure: over purchase arrays.

import { expectedPurchases, fitBgNbd, type BgNbdParams, type Fit } from './bgnbd';
import { summarize } from './summary';

export interface Tracking {
  /** Holdout week 1…W: cumulative repeat purchases of the calibration cohort, actual and predicted. */
  weeks: { week: number; actual: number; predicted: number }[];
  /** By repeat purchases in calibration (0…6, then 7 and more as 7): customers, mean holdout purchases actual and predicted. */
  conditional: { x: number; customers: number; actual: number; predicted: number }[];
  fit: Fit<BgNbdParams>;
  /** Customers whose first purchase fell on or before the cut. */
  cohort: number;
}

const CAP = 7;

/**
 * The BG/NBD backtest of purchases (customer index < `customers`, day number; several on a
 * day count once, as in the summary) with calibration up to and including day `cut` and a
 * holdout of the `weeks` whole weeks after it. Null when nobody bought by the cut.
 */
export function trackBgNbd(customers: number, customer: ArrayLike<number>, day: ArrayLike<number>, cut: number, weeks: number): Tracking | null {
  const ones = new Float64Array(customer.length).fill(1);
  const s = summarize(customers, customer, day, ones, cut);
  let cohort = 0;
  for (let i = 0; i < customers; i++) if (s.T[i] >= 0) cohort++;
  if (!cohort) return null;
  const fit = fitBgNbd(s);
  const end = cut + weeks * 7;
  // Holdout purchase days of the cohort: per week (1-based) and per customer.
  const perWeek = new Float64Array(weeks + 1);
  const perCustomer = new Float64Array(customers);
  const seen = new Set<number>();
  for (let k = 0; k < customer.length; k++) {
    const c = customer[k], d = day[k];
    if (!(d > cut && d <= end) || !(s.T[c] >= 0)) continue;
    const key = c * 100_000 + (d - cut);
    if (seen.has(key)) continue;
    seen.add(key);
    perWeek[Math.ceil((d - cut) / 7)]++;
    perCustomer[c]++;
  }
  const out: Tracking['weeks'] = [];
  let actual = 0;
  for (let w = 1; w <= weeks; w++) {
    actual += perWeek[w];
    let predicted = 0;
    for (let i = 0; i < customers; i++) if (s.T[i] >= 0) predicted += expectedPurchases(fit.params, w, s.x[i], s.tx[i], s.T[i]);
    out.push({ week: w, actual, predicted });
  }
  const groups = Array.from({ length: CAP + 1 }, (_, x) => ({ x, customers: 0, actual: 0, predicted: 0 }));
  for (let i = 0; i < customers; i++) {
    if (!(s.T[i] >= 0)) continue;
    const g = groups[Math.min(CAP, s.x[i])];
    g.customers++;
    g.actual += perCustomer[i];
    g.predicted += expectedPurchases(fit.params, weeks, s.x[i], s.tx[i], s.T[i]);
  }
  const conditional = groups.filter((g) => g.customers > 0).map((g) => ({ ...g, actual: g.actual / g.customers, predicted: g.predicted / g.customers }));
  return { weeks: out, conditional, fit, cohort };
}

/**
 * The area under the ROC curve of `score` for `outcome` (1 yes, 0 no; other values left out):
 * the chance that a customer with the outcome scored higher than one without, ties half.
 * NaN when either group is empty.
 */
export function rocAuc(score: ArrayLike<number>, outcome: ArrayLike<number>): number {
  const items: { s: number; y: number }[] = [];
  for (let i = 0; i < score.length; i++) if ((outcome[i] === 0 || outcome[i] === 1) && score[i] === score[i]) items.push({ s: score[i], y: outcome[i] });
  items.sort((a, b) => a.s - b.s);
  let pos = 0, neg = 0, rankSum = 0;
  for (let i = 0; i < items.length; ) {
    let j = i;
    while (j < items.length && items[j].s === items[i].s) j++;
    // Ranks i+1…j share their mean.
    const rank = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) if (items[k].y === 1) (rankSum += rank), pos++;
    i = j;
  }
  neg = items.length - pos;
  if (!pos || !neg) return NaN;
  return (rankSum - (pos * (pos + 1)) / 2) / (pos * neg);
}
