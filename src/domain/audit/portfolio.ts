// The portfolio's key figures (DESIGN §5, Portfolio and strategy): retention and churn from one
// period to the next, the repeat-purchase rate, and how concentrated revenue is (the top-10
// share and the Herfindahl–Hirschman index).

/**
 * Of the customers active in the previous period, the share active again in this one
 * (retention) and the share not (churn). Customers new in this period count in neither.
 * NaN when nobody was active before.
 */
export function retention(before: ReadonlySet<string>, now: ReadonlySet<string>): Retention {
  let retained = 0;
  for (const id of before) if (now.has(id)) retained++;
  return retentionOf(before.size, retained, now.size);
}

export interface Retention { base: number; retained: number; lost: number; gained: number; retention: number; churn: number }

/** `retention` from the counts: `base` active before, `retained` of them active again, `active` now. */
export function retentionOf(base: number, retained: number, active: number): Retention {
  return { base, retained, lost: base - retained, gained: active - retained, retention: base ? retained / base : NaN, churn: base ? (base - retained) / base : NaN };
}

/** The share of customers with at least one order who ordered on two or more days (NaN without any). */
export function repeatPurchaseRate(orderDays: Iterable<number>): number {
  let buyers = 0, repeat = 0;
  for (const d of orderDays) {
    if (d < 1) continue;
    buyers++;
    if (d >= 2) repeat++;
  }
  return buyers ? repeat / buyers : NaN;
}

/**
 * Revenue concentration over customers' revenues: the share of the ten largest, and the HHI —
 * the sum of squared shares, on the 0–10,000 scale competition authorities use (10,000: one
 * customer has everything; above 2,500 counts as highly concentrated). NaN without revenue.
 */
export function concentration(revenues: Iterable<number>, top = 10): { total: number; topShare: number; hhi: number; customers: number } {
  // One pass: the total, the sum of squares (HHI = Σ (rᵢ / total × 100)² = Σ rᵢ² / total² × 10,000) and the `top` largest.
  let total = 0, squares = 0, customers = 0;
  const largest: number[] = [];
  for (const r of revenues) {
    if (!(r > 0)) continue;
    total += r;
    squares += r * r;
    customers++;
    if (largest.length < top || r > largest[largest.length - 1]) {
      let at = largest.length;
      while (at > 0 && largest[at - 1] < r) at--;
      largest.splice(at, 0, r);
      if (largest.length > top) largest.pop();
    }
  }
  if (!total) return { total: 0, topShare: NaN, hhi: NaN, customers: 0 };
  return { total, topShare: largest.reduce((s, r) => s + r, 0) / total, hhi: (squares * 10_000) / (total * total), customers };
}

/** The indices of the `n` largest of `xs`, largest first, in one pass (no sort of 100,000). */
export function topIndices(xs: readonly number[], n: number): number[] {
  const top: number[] = [];
  for (let k = 0; k < xs.length; k++) {
    if (top.length === n && xs[k] <= xs[top[n - 1]]) continue;
    let at = top.length;
    while (at > 0 && xs[top[at - 1]] < xs[k]) at--;
    top.splice(at, 0, k);
    if (top.length > n) top.pop();
  }
  return top;
}
