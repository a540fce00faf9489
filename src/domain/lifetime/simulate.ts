// Books drawn from the BG/NBD story (Fader, Hardie & Lee 2005, §2), seeded: for testing that
// a fit recovers its parameters and for the bench's big book. Not used by the app.

import type { BgNbdParams } from './bgnbd';
import { summarize, type Summary } from './summary';
import { createRng, type Rng } from '../random';

/** Gamma(shape, rate 1) by Marsaglia–Tsang (shape < 1 boosted), from a seeded stream. */
export function gamma(rng: Rng, shape: number): number {
  if (shape < 1) return gamma(rng, shape + 1) * Math.pow(rng.next() || 1e-12, 1 / shape);
  const d = shape - 1 / 3, c = 1 / Math.sqrt(9 * d);
  for (;;) {
    // Box–Muller for an exact normal (the Rng's normal is approximate).
    const z = Math.sqrt(-2 * Math.log(rng.next() || 1e-12)) * Math.cos(2 * Math.PI * rng.next());
    const v = (1 + c * z) ** 3;
    if (v > 0 && Math.log(rng.next() || 1e-12) < 0.5 * z * z + d - d * v + d * Math.log(v)) return d * v;
  }
}

export interface Simulated {
  customer: number[];
  day: number[];
  value: number[];
  /** The summary at the end of the period, in weeks. */
  summary: Summary;
}

/**
 * `n` customers over `weeks` weeks, each with a first purchase on a day drawn from the first
 * `spreadDays` days (0: all on day 0), then purchases at rate λ ~ Gamma(r, α) per week, each
 * followed by dropping out with p ~ Beta(a, b). Purchases fall on whole days; each is worth 10
 * (or a Gamma-Gamma draw when `spend` is given).
 */
export function simulateBgNbd({ r, alpha, a, b }: BgNbdParams, n: number, weeks: number, seed: number, spreadDays = 0, spend?: { p: number; q: number; gamma: number }): Simulated {
  const rng = createRng(seed);
  const customer: number[] = [], day: number[] = [], value: number[] = [];
  for (let c = 0; c < n; c++) {
    const lambda = gamma(rng, r) / alpha;
    const ga = gamma(rng, a), gb = gamma(rng, b);
    const p = ga / (ga + gb);
    // Gamma-Gamma: the customer's mean spend has scale ν ~ Gamma(q, γ), each purchase ~ Gamma(p, ν).
    const nu = spend ? gamma(rng, spend.q) / spend.gamma : 0;
    const worth = () => (spend ? gamma(rng, spend.p) / nu : 10);
    const first = spreadDays > 0 ? rng.int(0, spreadDays - 1) : 0;
    let t = first / 7;
    customer.push(c), day.push(first), value.push(worth());
    for (;;) {
      t += -Math.log(rng.next() || 1e-12) / lambda;
      if (t > weeks) break;
      customer.push(c), day.push(Math.round(t * 7)), value.push(worth());
      if (rng.chance(p)) break;
    }
  }
  return { customer, day, value, summary: summarize(n, customer, day, value, weeks * 7) };
}
