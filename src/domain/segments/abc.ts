// ABC / Pareto classes (DESIGN §3): customers by revenue, largest first; A while the
// cumulative share is at most the first cut (80 % by default), B up to the second (95 %).

export type AbcClass = 'A' | 'B' | 'C';

export function abcClasses(revenue: ArrayLike<number>, cuts: readonly [number, number] = [0.8, 0.95]): AbcClass[] {
  const n = revenue.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => revenue[b] - revenue[a] || a - b);
  let total = 0;
  for (let i = 0; i < n; i++) total += Math.max(0, revenue[i]);
  const out: AbcClass[] = new Array(n).fill('C');
  let cumulative = 0;
  for (const i of order) {
    cumulative += Math.max(0, revenue[i]);
    const share = total > 0 ? cumulative / total : 1;
    // A tolerance of one part in 10¹²: 0.8 computed as a sum of shares is sometimes 0.8000000000000002.
    out[i] = share <= cuts[0] + 1e-12 ? 'A' : share <= cuts[1] + 1e-12 ? 'B' : 'C';
  }
  return out;
}
