// RFM segmentation (DESIGN §3): quintile scores 1–5 (or the user's own cut points), the
// 25-cell R×F map with its ten named segments, and the Chinese eight-class model
// (high/low against the mean of each of R, F and M).

/** The named segments of the R×F map. */
export const RF_SEGMENTS = [
  'champions', 'loyal', 'potential_loyalist', 'new', 'promising', 'need_attention', 'about_to_sleep', 'at_risk', 'cant_lose', 'hibernating',
] as const;
export type RfSegment = (typeof RF_SEGMENTS)[number];

/** The eight classes: 重要价值 … 一般挽留, by R, F and M high or low. */
export const EIGHT_CLASSES = [
  'important_value', 'important_develop', 'important_keep', 'important_retain', 'general_value', 'general_develop', 'general_keep', 'general_retain',
] as const;
export type EightClass = (typeof EIGHT_CLASSES)[number];

/**
 * Scores 1–5 by rank: the n values sorted ascending (ties in stored order, so equal values
 * never straddle a quintile at random) and cut into fifths; NaN scores 0 (no data).
 * `reverse` gives the lowest values 5 (recency: fewer days since the last order is better).
 */
export function quintileScores(values: ArrayLike<number>, reverse = false): Uint8Array {
  const n = values.length;
  const have: number[] = [];
  for (let i = 0; i < n; i++) if (values[i] === values[i]) have.push(i);
  have.sort((a, b) => values[a] - values[b] || a - b);
  const out = new Uint8Array(n);
  have.forEach((i, rank) => {
    const q = Math.floor((rank * 5) / have.length) + 1;
    out[i] = reverse ? 6 - q : q;
  });
  return out;
}

/**
 * Scores 1–5 by the user's cut points (four ascending values: score k + 1 from cut k on,
 * inclusive); `reverse` as in `quintileScores`.
 */
export function cutScores(values: ArrayLike<number>, cuts: readonly [number, number, number, number], reverse = false): Uint8Array {
  const out = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v !== v) continue;
    let q = 1;
    for (const c of cuts) if (v >= c) q++;
    out[i] = reverse ? 6 - q : q;
  }
  return out;
}

/** The R×F map's segment of recency score r and frequency score f (both 1–5); null without data. */
export function rfSegment(r: number, f: number): RfSegment | null {
  if (!(r >= 1 && r <= 5 && f >= 1 && f <= 5)) return null;
  if (r <= 2) return f <= 2 ? 'hibernating' : f <= 4 ? 'at_risk' : 'cant_lose';
  if (r === 3) return f <= 2 ? 'about_to_sleep' : f === 3 ? 'need_attention' : 'loyal';
  if (r === 4) return f === 1 ? 'promising' : f <= 3 ? 'potential_loyalist' : 'loyal';
  return f === 1 ? 'new' : f <= 3 ? 'potential_loyalist' : 'champions';
}

/**
 * The eight classes from recency (days; fewer is better), frequency and monetary value,
 * each high or low against its mean over the customers with data. null without data.
 */
export function eightClasses(recency: ArrayLike<number>, frequency: ArrayLike<number>, monetary: ArrayLike<number>): (EightClass | null)[] {
  const mean = (v: ArrayLike<number>) => {
    let s = 0, n = 0;
    for (let i = 0; i < v.length; i++) if (v[i] === v[i]) (s += v[i]), n++;
    return n ? s / n : NaN;
  };
  const [mr, mf, mm] = [mean(recency), mean(frequency), mean(monetary)];
  return Array.from({ length: recency.length }, (_, i) => {
    if (!(recency[i] === recency[i] && frequency[i] === frequency[i] && monetary[i] === monetary[i])) return null;
    const r = recency[i] <= mr, f = frequency[i] > mf, m = monetary[i] > mm;
    const important = m;
    const kind = r && f ? 'value' : r ? 'develop' : f ? 'keep' : 'retain';
    return `${important ? 'important' : 'general'}_${kind}` as EightClass;
  });
}
