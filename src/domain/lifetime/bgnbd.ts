// BG/NBD (Fader, Hardie & Lee 2005) and the Gamma-Gamma spend model (Fader, Hardie & Lee
// 2005b): per-customer purchase summaries, maximum-likelihood fits, and the per-customer
// figures — probability alive, expected purchases and expected spend.

import gammaln from '@stdlib/math-base-special-gammaln';
import hyp2f1 from '@stdlib/math-base-special-hyp2f1';
import { curvedAtLeast, nelderMead } from './optimize';

/** What the models see of each customer, in time units (weeks by default). */
export interface Summary {
  n: number;
  /** Repeat purchases: distinct purchase days − 1 (same-day purchases merge). */
  x: Float64Array;
  /** Time from the first to the last purchase. */
  tx: Float64Array;
  /** Time from the first purchase to the end of the calibration period. */
  T: Float64Array;
  /** Mean value of the repeat purchase days; NaN without a repeat purchase. */
  spend: Float64Array;
}

/**
 * Summaries from purchases (customer index, day number, value), counting days up to and
 * including `endDay`, in units of `unitDays` days. Customers without a purchase by then
 * have x = 0, tx = 0, T = NaN (they are left out of fits).
 */
export function summarize(customers: number, customer: ArrayLike<number>, day: ArrayLike<number>, value: ArrayLike<number>, endDay: number, unitDays = 7): Summary {
  const order = Array.from({ length: customer.length }, (_, i) => i).filter((i) => day[i] <= endDay);
  order.sort((i, j) => customer[i] - customer[j] || day[i] - day[j]);
  const s: Summary = {
    n: customers, x: new Float64Array(customers), tx: new Float64Array(customers), T: new Float64Array(customers).fill(NaN), spend: new Float64Array(customers).fill(NaN),
  };
  let k = 0;
  while (k < order.length) {
    const c = customer[order[k]];
    const first = day[order[k]];
    let last = first, days = 0, repeatValue = 0, sameDay = 0;
    for (; k < order.length && customer[order[k]] === c; k++) {
      const d = day[order[k]];
      if (d !== last || days === 0) {
        if (days > 1) repeatValue += sameDay;
        days++;
        sameDay = 0;
        last = d;
      }
      sameDay += value[order[k]];
    }
    if (days > 1) repeatValue += sameDay;
    s.x[c] = days - 1;
    s.tx[c] = (last - first) / unitDays;
    s.T[c] = (endDay - first) / unitDays;
    s.spend[c] = days > 1 ? repeatValue / (days - 1) : NaN;
  }
  return s;
}

export interface BgNbdParams {
  r: number;
  alpha: number;
  a: number;
  b: number;
}

/**
 * Why a fit is not to be used: nobody bought again (the no-repeat model explains the book as
 * well as any), the simplex did not settle, or the likelihood is flat in some direction at the
 * answer (a parameter at the edge of the space, not pinned down by the data).
 */
export type FitProblem = 'no_repeat' | 'not_settled' | 'not_identified';

export interface Fit<P> {
  params: P;
  logLikelihood: number;
  /** True only when `problem` is undefined: the parameters are a genuine interior maximum. */
  converged: boolean;
  problem?: FitProblem;
  iterations: number;
}

/**
 * The least curvature of −log L that a fit must show along the quantities its predictions rest
 * on: a standard error of at most ~3 (a factor of 20) in the log of the mean purchase rate and
 * the log-odds of the mean drop-out chance. CDNOW's least is 7.4; a book whose customers all
 * bought once has 10⁻⁵. The other two directions (how much customers differ in rate and in
 * drop-out) may be flat: a model with no spread in either is a limit of BG/NBD, not a failure.
 */
const MIN_CURVATURE = 0.1;

function judged<P>(params: P, logLikelihood: number, settled: boolean, iterations: number, repeaters: number, curved: () => boolean, theta: number[]): Fit<P> {
  const finite = Object.values(params as object).every((v) => Number.isFinite(v) && v > 0) && Number.isFinite(logLikelihood);
  const onBound = theta.some((t) => Math.abs(t) >= BOUND - 1e-6);
  const problem: FitProblem | undefined =
    repeaters === 0 ? 'no_repeat' : !settled || !finite ? 'not_settled' : onBound || !curved() ? 'not_identified' : undefined;
  return { params, logLikelihood, converged: problem === undefined, ...(problem ? { problem } : {}), iterations };
}

/** Σ_{k<x} ln(v + k) for x = 0…max: lnΓ(v + x) − lnΓ(v), exact for any x however large. */
function logRising(v: number, max: number, out: Float64Array): void {
  out[0] = 0;
  for (let x = 1; x <= max; x++) out[x] = out[x - 1] + Math.log(v + x - 1);
}

/**
 * The summary as the likelihood reads it: customers with the same (x, t_x, T) as one entry
 * with a weight, and T and t_x as indices into their distinct values, so that an evaluation
 * takes one logarithm per distinct value rather than per customer (CDNOW: 2,357 customers,
 * 1,016 entries, 84 distinct T). A fit evaluates the likelihood hundreds of times.
 */
interface Prepared {
  n: number;
  x: Int32Array;
  weight: Float64Array;
  tAt: Int32Array;
  txAt: Int32Array;
  tValues: Float64Array;
  txValues: Float64Array;
  maxX: number;
}

function prepare(s: Summary): Prepared {
  const entries = new Map<string, number>();
  const tIndex = new Map<number, number>();
  const txIndex = new Map<number, number>();
  const x: number[] = [], weight: number[] = [], tAt: number[] = [], txAt: number[] = [];
  let maxX = 0;
  for (let i = 0; i < s.n; i++) {
    const T = s.T[i];
    if (Number.isNaN(T)) continue;
    const key = `${s.x[i]} ${s.tx[i]} ${T}`;
    const k = entries.get(key);
    if (k !== undefined) {
      weight[k]++;
      continue;
    }
    entries.set(key, x.length);
    if (!tIndex.has(T)) tIndex.set(T, tIndex.size);
    if (!txIndex.has(s.tx[i])) txIndex.set(s.tx[i], txIndex.size);
    x.push(s.x[i]);
    weight.push(1);
    tAt.push(tIndex.get(T)!);
    txAt.push(txIndex.get(s.tx[i])!);
    maxX = Math.max(maxX, s.x[i]);
  }
  return {
    n: x.length, x: Int32Array.from(x), weight: Float64Array.from(weight), tAt: Int32Array.from(tAt), txAt: Int32Array.from(txAt),
    tValues: Float64Array.from(tIndex.keys()), txValues: Float64Array.from(txIndex.keys()), maxX,
  };
}

/** Total BG/NBD log-likelihood of the customers with a T (those who bought in the period). */
export function bgnbdLogLikelihood(params: BgNbdParams, s: Summary): number {
  return preparedLogLikelihood(params, prepare(s));
}

function preparedLogLikelihood({ r, alpha, a, b }: BgNbdParams, d: Prepared): number {
  const lr = new Float64Array(d.maxX + 1), lb = new Float64Array(d.maxX + 1), lab = new Float64Array(d.maxX + 1);
  logRising(r, d.maxX, lr);
  logRising(b, d.maxX, lb);
  logRising(a + b, d.maxX, lab);
  const logT = d.tValues.map((T) => Math.log(alpha + T));
  const logTx = d.txValues.map((tx) => Math.log(alpha + tx));
  // a / (b + x − 1) for each x ≥ 1.
  const ratio = new Float64Array(d.maxX + 1);
  for (let x = 1; x <= d.maxX; x++) ratio[x] = a / (b + x - 1);
  const rLogAlpha = r * Math.log(alpha);
  let ll = 0;
  for (let i = 0; i < d.n; i++) {
    const x = d.x[i];
    const lt = logT[d.tAt[i]];
    // log L = head − (r+x)·log(α+T) + log(1 + δ · a/(b+x−1) · ((α+T)/(α+t_x))^(r+x))
    let one = lr[x] + rLogAlpha + lb[x] - lab[x] - (r + x) * lt;
    if (x > 0) one += Math.log(1 + ratio[x] * Math.exp((r + x) * (lt - logTx[d.txAt[i]])));
    ll += d.weight[i] * one;
  }
  return ll;
}

/**
 * Keeps a fit finite where the data cannot pin a parameter down (every customer bought once,
 * three identical customers): a penalty of 10⁻⁶ per squared log-parameter, far below what
 * moves a fit of real data at three significant figures.
 */
const PENALTY = 1e-6;
const BOUND = 15;
const bounded = (theta: number[]) => theta.map((t) => Math.max(-BOUND, Math.min(BOUND, t)));

export function fitBgNbd(s: Summary): Fit<BgNbdParams> {
  const params = (theta: number[]): BgNbdParams => {
    const [r, alpha, a, b] = bounded(theta).map(Math.exp);
    return { r, alpha, a, b };
  };
  const d = prepare(s);
  const objective = (theta: number[]) => {
    const ll = preparedLogLikelihood(params(theta), d);
    // Overflow far from the optimum must read as "worse", never as NaN, or the simplex stalls.
    return Number.isFinite(ll) ? -ll + PENALTY * theta.reduce((sum, t) => sum + t * t, 0) : Number.MAX_VALUE;
  };
  // Two passes: the second restarts the simplex where the first stopped (Nelder–Mead can stall).
  // Start where a Poisson rate of the book's mean purchase rate would be (r = 1, α = 1/rate):
  // near the optimum on books whose customers buy weekly as on those who buy twice a year.
  let purchases = 0, time = 0;
  for (let i = 0; i < s.n; i++) if (s.T[i] > 0) (purchases += s.x[i]), (time += s.T[i]);
  const rate = purchases > 0 && time > 0 ? purchases / time : 1;
  let best = nelderMead(objective, [0, -Math.log(rate), 0, 0], { tolerance: 1e-7, sizeTolerance: 1e-3, maxIterations: 600 });
  best = nelderMead(objective, best.x, { step: 0.05, sizeTolerance: 1e-6, maxIterations: 600 });
  const fitted = params(best.x);
  const logLikelihood = preparedLogLikelihood(fitted, d);
  let repeaters = 0;
  for (let i = 0; i < d.n; i++) if (d.x[i] > 0) repeaters += d.weight[i];
  // Along log(r/α) (the mean rate) and log(a/b) (the mean drop-out's log-odds), r and a + b held.
  const [lr, la, lA, lB] = best.x;
  const spread = Math.log(Math.exp(lA) + Math.exp(lB));
  const around = ([rate, odds]: number[]) => {
    const share = -Math.log1p(Math.exp(-odds));
    return -preparedLogLikelihood(params([lr, lr - rate, spread + share, spread + share - odds]), d);
  };
  const curved = () => curvedAtLeast(around, [lr - la, lA - lB], MIN_CURVATURE);
  return judged(fitted, logLikelihood, best.converged, best.iterations, repeaters, curved, best.x);
}

/** P(alive | x, t_x, T): 1 for a customer who never bought again. */
export function probabilityAlive({ r, alpha, a, b }: BgNbdParams, x: number, tx: number, T: number): number {
  if (x === 0) return 1;
  return 1 / (1 + (a / (b + x - 1)) * Math.exp((r + x) * (Math.log(alpha + T) - Math.log(alpha + tx))));
}

/** E[purchases in the next t | x, t_x, T] (FHL 2005, eq. 10). */
export function expectedPurchases({ r, alpha, a, b }: BgNbdParams, t: number, x: number, tx: number, T: number): number {
  const z = t / (alpha + T + t);
  const lead = (a + b + x - 1) / (a - 1);
  const body = 1 - Math.exp((r + x) * (Math.log(alpha + T) - Math.log(alpha + T + t))) * hyp2f1(r + x, b + x, a + b + x - 1, z);
  const alive = x > 0 ? 1 + (a / (b + x - 1)) * Math.exp((r + x) * (Math.log(alpha + T) - Math.log(alpha + tx))) : 1;
  return (lead * body) / alive;
}

export interface GammaGammaParams {
  p: number;
  q: number;
  gamma: number;
}

/** Gamma-Gamma log-likelihood of the repeat buyers (x > 0 and a positive mean spend). */
export function gammaGammaLogLikelihood({ p, q, gamma }: GammaGammaParams, s: Summary): number {
  let ll = 0;
  const head = -gammaln(q) + q * Math.log(gamma);
  for (let i = 0; i < s.n; i++) {
    const x = s.x[i], m = s.spend[i];
    if (!(x > 0 && m > 0)) continue;
    const px = p * x;
    ll += gammaln(px + q) - gammaln(px) + head + (px - 1) * Math.log(m) + px * Math.log(x) - (px + q) * Math.log(gamma + m * x);
  }
  return ll;
}

export function fitGammaGamma(s: Summary): Fit<GammaGammaParams> {
  const params = (theta: number[]): GammaGammaParams => {
    const [p, q, gamma] = bounded(theta).map(Math.exp);
    return { p, q, gamma };
  };
  const objective = (theta: number[]) => {
    const ll = gammaGammaLogLikelihood(params(theta), s);
    return Number.isFinite(ll) ? -ll + PENALTY * theta.reduce((sum, t) => sum + t * t, 0) : Number.MAX_VALUE;
  };
  let best = nelderMead(objective, [0, 0, 0], { maxIterations: 1000 });
  best = nelderMead(objective, best.x, { step: 0.1, maxIterations: 1000 });
  const fitted = params(best.x);
  const logLikelihood = gammaGammaLogLikelihood(fitted, s);
  let repeaters = 0;
  for (let i = 0; i < s.n; i++) if (s.x[i] > 0 && s.spend[i] > 0) repeaters++;
  // No curvature test: a spend of its own per customer (p → ∞) is a limit the predictions bear
  // (each customer's expected spend tends to its own mean), and real books reach it.
  const curved = () => true;
  return judged(fitted, logLikelihood, best.converged, best.iterations, repeaters, curved, best.x);
}

/** E[mean spend | x, m̄]: the customer's own mean pulled towards the population's. */
export function expectedSpend({ p, q, gamma }: GammaGammaParams, x: number, spend: number): number {
  if (!(x > 0 && spend > 0)) return (p * gamma) / (q - 1);
  return (p * (gamma + x * spend)) / (p * x + q - 1);
}
