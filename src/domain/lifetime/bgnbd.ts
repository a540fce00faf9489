// BG/NBD (Fader, Hardie & Lee 2005): per-customer purchase summaries, the maximum-likelihood
// fit, and the per-customer figures — probability alive and expected purchases. The spend
// model is in spend.ts.

import hyp2f1 from '@stdlib/math-base-special-hyp2f1';
import { bfgs, curvedAtLeast, hessian, inverse } from './optimize';
import type { Summary } from './summary';

export type { Summary };

export interface BgNbdParams {
  r: number;
  alpha: number;
  a: number;
  b: number;
}

/**
 * Why a fit is not to be used: nobody bought again (the no-repeat model explains the book as
 * well as any), the search did not settle, or the likelihood is flat in some direction at the
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

export function judged<P>(params: P, logLikelihood: number, settled: boolean, iterations: number, repeaters: number, curved: () => boolean, theta: number[]): Fit<P> {
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
  // Distinct T and t_x first (number keys), then entries keyed by (x, T index, t_x index) as one number.
  const tIndex = new Map<number, number>();
  const txIndex = new Map<number, number>();
  const tAtOf = new Int32Array(s.n), txAtOf = new Int32Array(s.n);
  for (let i = 0; i < s.n; i++) {
    const T = s.T[i];
    if (Number.isNaN(T)) continue;
    let t = tIndex.get(T);
    if (t === undefined) tIndex.set(T, (t = tIndex.size));
    let u = txIndex.get(s.tx[i]);
    if (u === undefined) txIndex.set(s.tx[i], (u = txIndex.size));
    tAtOf[i] = t;
    txAtOf[i] = u;
  }
  const nT = tIndex.size, nTx = txIndex.size;
  const entries = new Map<number, number>();
  const x: number[] = [], weight: number[] = [], tAt: number[] = [], txAt: number[] = [];
  let maxX = 0;
  for (let i = 0; i < s.n; i++) {
    if (Number.isNaN(s.T[i])) continue;
    const key = (s.x[i] * nT + tAtOf[i]) * nTx + txAtOf[i];
    const k = entries.get(key);
    if (k !== undefined) {
      weight[k]++;
      continue;
    }
    entries.set(key, x.length);
    x.push(s.x[i]);
    weight.push(1);
    tAt.push(tAtOf[i]);
    txAt.push(txAtOf[i]);
    if (s.x[i] > maxX) maxX = s.x[i];
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

/**
 * log L of the customers with a T, and, when `g` is given, its gradient in
 * (log r, log α, log a, log b) written into it: one exponential and one logarithm per entry,
 * sums of 1/(v + k) for the rising factorials.
 *
 * log L = Σ w · [head − (r+x)·log(α+T) + log(1 + e^z)], z = log(a/(b+x−1)) + (r+x)(log(α+T) − log(α+t_x)) for x > 0.
 */
function preparedLogLikelihood({ r, alpha, a, b }: BgNbdParams, d: Prepared, g?: number[]): number {
  const m = d.maxX;
  const lr = new Float64Array(m + 1), lb = new Float64Array(m + 1), lab = new Float64Array(m + 1);
  logRising(r, m, lr);
  logRising(b, m, lb);
  logRising(a + b, m, lab);
  // Σ_{k<x} 1/(v + k): the derivatives of the rising factorials.
  const hr = new Float64Array(m + 1), hb = new Float64Array(m + 1), hab = new Float64Array(m + 1);
  // Per x ≥ 1: log(a / (b + x − 1)) and 1 / (b + x − 1).
  const logRatio = new Float64Array(m + 1), invB = new Float64Array(m + 1);
  const loga = Math.log(a);
  for (let x = 1; x <= m; x++) {
    hr[x] = hr[x - 1] + 1 / (r + x - 1);
    hb[x] = hb[x - 1] + 1 / (b + x - 1);
    hab[x] = hab[x - 1] + 1 / (a + b + x - 1);
    invB[x] = 1 / (b + x - 1);
    logRatio[x] = loga + Math.log(invB[x]);
  }
  const logT = d.tValues.map((T) => Math.log(alpha + T)), invT = d.tValues.map((T) => 1 / (alpha + T));
  const logTx = d.txValues.map((tx) => Math.log(alpha + tx)), invTx = d.txValues.map((tx) => 1 / (alpha + tx));
  const logA = Math.log(alpha), invA = 1 / a;
  let ll = 0, dr = 0, dal = 0, da = 0, db = 0;
  for (let i = 0; i < d.n; i++) {
    const x = d.x[i], w = d.weight[i], t = d.tAt[i];
    const lt = logT[t];
    ll += w * (lr[x] + r * logA + lb[x] - lab[x] - (r + x) * lt);
    if (g) {
      dr += w * (hr[x] + logA - lt);
      dal += w * (r / alpha - (r + x) * invT[t]);
      da -= w * hab[x];
      db += w * (hb[x] - hab[x]);
    }
    if (x === 0) continue;
    // log(1 + e^z) and its derivative σ(z), from one exponential: e = e^−|z|.
    const u = d.txAt[i];
    const gap = lt - logTx[u];
    const z = logRatio[x] + (r + x) * gap;
    const e = Math.exp(-Math.abs(z));
    ll += w * ((z > 0 ? z : 0) + Math.log1p(e));
    if (!g) continue;
    const ws = (w * (z > 0 ? 1 : e)) / (1 + e);
    dr += ws * gap;
    dal += ws * (r + x) * (invT[t] - invTx[u]);
    da += ws * invA;
    db -= ws * invB[x];
  }
  if (g) (g[0] = r * dr), (g[1] = alpha * dal), (g[2] = a * da), (g[3] = b * db);
  return ll;
}

/**
 * Keeps a fit finite where the data cannot pin a parameter down (every customer bought once,
 * three identical customers): a penalty of 10⁻⁶ per squared log-parameter, far below what
 * moves a fit of real data at three significant figures.
 */
export const PENALTY = 1e-6;
const BOUND = 15;
export const bounded = (theta: number[]) => theta.map((t) => Math.max(-BOUND, Math.min(BOUND, t)));

/** −log L (with the penalty) at θ = log(r, α, a, b), and its gradient in θ into `g`. */
function objectiveAndGradient(theta: number[], d: Prepared, g: number[]): number {
  const clamped = bounded(theta);
  const [r, alpha, a, b] = clamped.map(Math.exp);
  const ll = preparedLogLikelihood({ r, alpha, a, b }, d, g);
  let penalty = 0;
  for (let j = 0; j < 4; j++) {
    penalty += PENALTY * theta[j] * theta[j];
    // Outside the bounds the parameters do not move: no gradient but the penalty's.
    g[j] = (clamped[j] === theta[j] ? -g[j] : 0) + 2 * PENALTY * theta[j];
  }
  return Number.isFinite(ll) ? -ll + penalty : Number.MAX_VALUE;
}

/**
 * The maximum-likelihood BG/NBD fit on every customer with a T: customers grouped by
 * (x, t_x, T), minimised by BFGS on the analytic gradient, then judged (see `judged`).
 */
export function fitBgNbd(s: Summary): Fit<BgNbdParams> {
  const params = (theta: number[]): BgNbdParams => {
    const [r, alpha, a, b] = bounded(theta).map(Math.exp);
    return { r, alpha, a, b };
  };
  const d = prepare(s);
  // Start where a Poisson rate of the book's mean purchase rate would be (r = 1, α = 1/rate):
  // near the optimum on books whose customers buy weekly as on those who buy twice a year.
  let purchases = 0, time = 0;
  for (let i = 0; i < s.n; i++) if (s.T[i] > 0) (purchases += s.x[i]), (time += s.T[i]);
  const rate = purchases > 0 && time > 0 ? purchases / time : 1;
  const best = bfgs((theta, g) => objectiveAndGradient(theta, d, g), [0, -Math.log(rate), 0, 0], { maxIterations: 400, gradientTolerance: 1e-7 });
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

/**
 * Standard errors of log r, log α, log a, log b at a fit, from the observed information (the
 * inverse Hessian of −log L); null where it is not positive definite.
 */
export function bgnbdStandardErrors(fit: BgNbdParams, s: Summary): number[] | null {
  const d = prepare(s);
  const f = (theta: number[]) => -preparedLogLikelihood({ r: Math.exp(theta[0]), alpha: Math.exp(theta[1]), a: Math.exp(theta[2]), b: Math.exp(theta[3]) }, d);
  const cov = inverse(hessian(f, [fit.r, fit.alpha, fit.a, fit.b].map(Math.log), 1e-3));
  return cov && cov.every((row, i) => row[i] > 0) ? cov.map((row, i) => Math.sqrt(row[i])) : null;
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
