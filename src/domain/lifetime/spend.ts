// The Gamma-Gamma spend model (Fader, Hardie & Lee 2005b): the maximum-likelihood fit on the
// repeat buyers and a customer's expected spend.

import gammaln from '@stdlib/math-base-special-gammaln';
import digamma from '@stdlib/math-base-special-digamma';
import { bounded, judged, PENALTY, type Fit, type Summary } from './bgnbd';
import { bfgs } from './optimize';

export interface GammaGammaParams {
  p: number;
  q: number;
  gamma: number;
}

/**
 * The repeat buyers (x > 0 and a positive mean spend) as the Gamma-Gamma likelihood reads
 * them: grouped by x, with each group's Σ log m̄ and every buyer's m̄·x. An evaluation then
 * takes the log-gamma terms once per distinct x and one logarithm per buyer.
 */
interface SpendData {
  xs: Float64Array;
  count: Float64Array;
  sumLogM: Float64Array;
  /** m̄·x of the buyers of group g at start[g]..start[g+1]. */
  mx: Float64Array;
  start: Int32Array;
  buyers: number;
}

function prepareSpend(s: Summary): SpendData {
  const byX = new Map<number, number[]>();
  for (let i = 0; i < s.n; i++) {
    const x = s.x[i], m = s.spend[i];
    if (!(x > 0 && m > 0)) continue;
    let list = byX.get(x);
    if (!list) byX.set(x, (list = []));
    list.push(m);
  }
  const xs = Float64Array.from([...byX.keys()].sort((u, v) => u - v));
  const count = new Float64Array(xs.length), sumLogM = new Float64Array(xs.length), start = new Int32Array(xs.length + 1);
  const mx: number[] = [];
  xs.forEach((x, g) => {
    const list = byX.get(x)!;
    count[g] = list.length;
    start[g] = mx.length;
    for (const m of list) {
      sumLogM[g] += Math.log(m);
      mx.push(m * x);
    }
  });
  start[xs.length] = mx.length;
  return { xs, count, sumLogM, mx: Float64Array.from(mx), start, buyers: mx.length };
}

/** Gamma-Gamma log-likelihood, and its gradient in (log p, log q, log γ) into `g` when given. */
function spendLogLikelihood({ p, q, gamma }: GammaGammaParams, d: SpendData, g?: number[]): number {
  let ll = 0, dp = 0, dq = 0, dg = 0;
  const logGamma = Math.log(gamma), lgq = gammaln(q), psiQ = g ? digamma(q) : 0;
  for (let k = 0; k < d.xs.length; k++) {
    const x = d.xs[k], n = d.count[k], px = p * x;
    let L = 0, R = 0;
    for (let i = d.start[k]; i < d.start[k + 1]; i++) {
      const v = gamma + d.mx[i];
      L += Math.log(v);
      if (g) R += 1 / v;
    }
    const logX = Math.log(x);
    ll += n * (gammaln(px + q) - gammaln(px) - lgq + q * logGamma + px * logX) + (px - 1) * d.sumLogM[k] - (px + q) * L;
    if (!g) continue;
    const psiSum = digamma(px + q);
    dp += x * (n * (psiSum - digamma(px) + logX) + d.sumLogM[k] - L);
    dq += n * (psiSum - psiQ + logGamma) - L;
    dg += (n * q) / gamma - (px + q) * R;
  }
  if (g) (g[0] = p * dp), (g[1] = q * dq), (g[2] = gamma * dg);
  return ll;
}

/** Gamma-Gamma log-likelihood of the repeat buyers (x > 0 and a positive mean spend). */
export function gammaGammaLogLikelihood(params: GammaGammaParams, s: Summary): number {
  return spendLogLikelihood(params, prepareSpend(s));
}

/** The maximum-likelihood Gamma-Gamma fit on every repeat buyer, by BFGS on the analytic gradient. */
export function fitGammaGamma(s: Summary): Fit<GammaGammaParams> {
  const params = (theta: number[]): GammaGammaParams => {
    const [p, q, gamma] = bounded(theta).map(Math.exp);
    return { p, q, gamma };
  };
  const d = prepareSpend(s);
  const grad = [0, 0, 0];
  const objective = (theta: number[], g: number[]) => {
    const clamped = bounded(theta);
    const ll = spendLogLikelihood(params(theta), d, grad);
    for (let j = 0; j < 3; j++) g[j] = (clamped[j] === theta[j] ? -grad[j] : 0) + 2 * PENALTY * theta[j];
    return Number.isFinite(ll) ? -ll + PENALTY * theta.reduce((sum, t) => sum + t * t, 0) : Number.MAX_VALUE;
  };
  const best = d.buyers > 0 ? bfgs(objective, [0, 0, 0], { maxIterations: 400, gradientTolerance: 1e-7 }) : { x: [0, 0, 0], value: 0, iterations: 0, converged: true };
  const fitted = params(best.x);
  const logLikelihood = spendLogLikelihood(fitted, d);
  // No curvature test: a spend of its own per customer (p → ∞) is a limit the predictions bear
  // (each customer's expected spend tends to its own mean), and real books reach it.
  return judged(fitted, logLikelihood, best.converged, best.iterations, d.buyers, () => true, best.x);
}

/** E[mean spend | x, m̄]: the customer's own mean pulled towards the population's. */
export function expectedSpend({ p, q, gamma }: GammaGammaParams, x: number, spend: number): number {
  if (!(x > 0 && spend > 0)) return (p * gamma) / (q - 1);
  return (p * (gamma + x * spend)) / (p * x + q - 1);
}
