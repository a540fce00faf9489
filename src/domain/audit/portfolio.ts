// The portfolio's key figures (DESIGN §5, Portfolio and strategy): retention and churn from one
// period to the next, the repeat-purchase rate, and how concentrated revenue is (the top-10
// share and the Herfindahl–Hirschman index).

/**
 * Of the customers active in the previous period, the share active again in this one
 * (retention) and the share not (churn). Customers new in this period count in neither.
 * NaN when nobody was active before.
 */
export function retention(before: ReadonlySet<string>, now: ReadonlySet<string>): { base: number; retained: number; lost: number; gained: number; retention: number; churn: number } {
  let retained = 0;
  for (const id of before) if (now.has(id)) retained++;
  const base = before.size;
  const gained = now.size - retained;
  return { base, retained, lost: base - retained, gained, retention: base ? retained / base : NaN, churn: base ? (base - retained) / base : NaN };
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
  const list = [...revenues].filter((r) => r > 0).sort((a, b) => b - a);
  const total = list.reduce((s, r) => s + r, 0);
  if (!total) return { total: 0, topShare: NaN, hhi: NaN, customers: 0 };
  let topSum = 0, hhi = 0;
  for (let k = 0; k < list.length; k++) {
    if (k < top) topSum += list[k];
    const share = (list[k] / total) * 100;
    hhi += share * share;
  }
  return { total, topShare: topSum / total, hhi, customers: list.length };
}
