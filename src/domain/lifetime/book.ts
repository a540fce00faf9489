// The lifetime models on the open book: BG/NBD and Gamma-Gamma fitted on the order history of
// every customer once a day, and probability alive for its customers.

import { expectedPurchases, fitBgNbd, probabilityAlive, type BgNbdParams, type Fit, type Summary } from './bgnbd';
import { expectedSpend, fitGammaGamma, type GammaGammaParams } from './spend';
import type { ListTable } from '../query';

/** The lifetime models fitted on a book on one day (kept in the workspace's meta, refitted the next day). */
export interface Lifetime {
  day: number;
  bgnbd: Fit<BgNbdParams>;
  spend: Fit<GammaGammaParams> | null;
  customers: number;
}

/** Fits the models on the customers who ordered; null when nobody did. */
export function fitLifetime(table: ListTable, day: number): Lifetime | null {
  const buyers: number[] = [];
  for (let i = 0; i < table.n; i++) if (table.weeksSinceFirst[i] > 0) buyers.push(i);
  if (!buyers.length) return null;
  const pick = (col: Float64Array) => Float64Array.from(buyers, (i) => col[i]);
  const s: Summary = { n: buyers.length, x: pick(table.repeatPurchases), tx: pick(table.weeksFirstToLast), T: pick(table.weeksSinceFirst), spend: pick(table.repeatSpend) };
  const repeat = Array.from(s.x).some((v, k) => v > 0 && s.spend[k] > 0);
  return { day, bgnbd: fitBgNbd(s), spend: repeat ? fitGammaGamma(s) : null, customers: buyers.length };
}

/**
 * Probability alive into `out` for every position (or those given). A fit that did not
 * converge leaves the indicator out (NaN): the churn dimension then rests on the recency
 * indicators, and the overview says so.
 */
export function probabilityAliveInto(out: Float32Array, table: ListTable, lifetime: Lifetime | null, positions: ArrayLike<number> | null): void {
  const x = table.repeatPurchases, tx = table.weeksFirstToLast, T = table.weeksSinceFirst;
  const params = lifetime?.bgnbd.converged ? lifetime.bgnbd.params : null;
  const count = positions ? positions.length : table.n;
  for (let j = 0; j < count; j++) {
    const i = positions ? positions[j] : j;
    out[i] = params && T[i] > 0 ? probabilityAlive(params, x[i], tx[i], T[i]) : NaN;
  }
}

const WEEKS_A_YEAR = 52;

/**
 * Per position, the purchases and the revenue the models expect in the next 12 months
 * (NaN for a customer who never ordered); null when the BG/NBD fit did not converge.
 * Spend is Gamma-Gamma's where it converged, else the customer's own repeat mean (or,
 * without a repeat purchase, the last 12 months' revenue).
 */
export function nextYear(table: ListTable, lifetime: Lifetime | null): { purchases: Float64Array; revenue: Float64Array } | null {
  if (!lifetime?.bgnbd.converged) return null;
  const spend = lifetime.spend?.converged ? lifetime.spend.params : null;
  const purchases = new Float64Array(table.n).fill(NaN);
  const revenue = new Float64Array(table.n).fill(NaN);
  for (let i = 0; i < table.n; i++) {
    const T = table.weeksSinceFirst[i];
    if (!(T > 0)) continue;
    const x = table.repeatPurchases[i], mean = table.repeatSpend[i];
    purchases[i] = expectedPurchases(lifetime.bgnbd.params, WEEKS_A_YEAR, x, table.weeksFirstToLast[i], T);
    revenue[i] = purchases[i] * (spend ? expectedSpend(spend, x, mean) : x > 0 ? mean : table.revenue12m[i]);
  }
  return { purchases, revenue };
}
