// Segmentation of a book (DESIGN §3): RFM grid and named segments, the eight classes, ABC,
// loyalty, the value × risk matrix and the user's rule segments, over the list table and the
// indicator columns; and the membership of any of them, for the filtered customer list. Pure:
// the engine hands in the book's columns and caches the result (worker/book/segments.ts).

import { abcClasses, type AbcClass } from './abc';
import { loyalty, quadrant, type Loyalty, type Quadrant } from './loyalty';
import { cutScores, eightClasses, quintileScores, rfSegment, type EightClass, type RfSegment } from './rfm';
import { meets, parseSegmentRef, type RuleSegment } from './rules';
import type { SegmentSettings } from './settings';
import type { IndicatorId } from '../risk/indicators';
import { matcher, mostCommonCurrency } from '../query';
import { nextYear, type Lifetime } from '../lifetime/book';
import { NO_DAY } from '../dates';
import type { ListTable } from '../query';

/** What segmentation reads of a book: its list table, its as-of day and its indicator columns. */
export interface SegmentInput {
  table: ListTable;
  /** The assessment day (day number). */
  asOfDay: number;
  /** Indicator columns by id, one entry per list position. */
  indicator: (id: IndicatorId) => Float32Array;
  lifetime: Lifetime | null;
  /** The risk cut of the value × risk matrix: the medium grade's threshold (risk points). */
  riskCut: number;
}

/** Customers and revenue (12 months) in a group. */
export interface Tally {
  customers: number;
  revenue: number;
}

/** How the lifetime models stand: fitted, failed to converge (recency rules stand in), or no orders to fit. */
export type LifetimeStatus = 'fitted' | 'not_converged' | 'no_data';

export interface Segmentation {
  customers: number;
  /** rfm[r − 1][f − 1]: the R×F grid (recency and frequency scores 1–5). */
  rfm: Tally[][];
  rfSegments: Partial<Record<RfSegment, Tally>>;
  eight: Partial<Record<EightClass, Tally>>;
  abc: Record<AbcClass, Tally>;
  /** The Pareto curve: cumulative share of ABC value held by the top k % of customers, k = 0…100. */
  abcCurve: number[];
  loyalty: Partial<Record<Loyalty, Tally>>;
  quadrants: Partial<Record<Quadrant, Tally>>;
  /** The user's rule segments with their tallies, in saved order. */
  rules: (Tally & { id: string; name: string })[];
  /** Value × risk points (at most 2,000, every k-th customer): expected 12-month value, score. */
  scatter: { value: number; risk: number }[];
  /** The value cut of the matrix (median value) and its risk cut (the medium grade's threshold). */
  cuts: { value: number; risk: number };
  /** Whether the value axis is the lifetime models' expected revenue (else last 12 months' revenue). */
  expectedValue: boolean;
  lifetime: LifetimeStatus;
  /** The book's most common currency, in which revenue is shown. */
  currency: string;
  settings: SegmentSettings;
  /** What this segmentation took in the worker, in ms (read by the bench; small when cached). */
  ms: number;
}

export interface CustomerSegments {
  r: number;
  f: number;
  m: number;
  segment: RfSegment | null;
  eight: EightClass | null;
  abc: AbcClass;
  loyalty: Loyalty | null;
  quadrant: Quadrant | null;
  probabilityAlive: number | null;
  expectedPurchases: number | null;
  expectedRevenue: number | null;
}

const tally = (): Tally => ({ customers: 0, revenue: 0 });

/** Every customer's segments, as columns over the book's positions. */
export type SegmentColumns = ReturnType<typeof segmentColumns>;

export function segmentColumns(book: SegmentInput, settings: SegmentSettings) {
  const t = book.table;
  const n = t.n;
  const recency = new Float64Array(n), frequency = new Float64Array(n), monetary = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const ordered = t.lastOrderDay[i] !== NO_DAY;
    recency[i] = ordered ? book.asOfDay - t.lastOrderDay[i] : NaN;
    frequency[i] = ordered ? t.repeatPurchases[i] + 1 : NaN;
    monetary[i] = ordered ? t.revenue12m[i] : NaN;
  }
  const cuts = settings.rfmCuts;
  // Recency is scored reversed: fewer days since the last order scores higher.
  const r = cuts ? cutScores(recency, cuts.r, true) : quintileScores(recency, true);
  const f = cuts ? cutScores(frequency, cuts.f) : quintileScores(frequency);
  const m = cuts ? cutScores(monetary, cuts.m) : quintileScores(monetary);
  const eight = eightClasses(recency, frequency, monetary);
  const alive = book.indicator('churn.probability_alive');
  const rhythm = book.indicator('churn.recency_vs_rhythm');
  const next = nextYear(t, book.lifetime);
  const none = new Float64Array(n).fill(NaN);
  const expected = next?.revenue ?? none;
  const value = next ? expected : t.revenue12m;
  const abcValue = settings.abcBy === 'expected' && next ? Float64Array.from(expected, (v) => (v === v ? v : 0)) : t.revenue12m;
  const abc = abcClasses(abcValue, settings.abcCuts);
  const loyal = Array.from({ length: n }, (_, i) => loyalty(alive[i], rhythm[i], settings.loyalty));
  const valueCut = medianOf(value);
  const riskCut = book.riskCut;
  const quad = Array.from({ length: n }, (_, i) => quadrant(value[i], t.score[i], valueCut, riskCut));
  const lifetime: LifetimeStatus = !book.lifetime ? 'no_data' : book.lifetime.bgnbd.converged ? 'fitted' : 'not_converged';
  return { settings, r, f, m, eight, abc, abcValue, loyal, quad, alive, expected, purchases: next?.purchases ?? none, value, valueCut, riskCut, useExpected: next !== null, lifetime };
}

/** The value cut of the matrix: the median value of the customers with one. */
function medianOf(values: ArrayLike<number>): number {
  const v = Array.from(values).filter((x) => x === x).sort((a, b) => a - b);
  return v.length ? v[v.length >> 1] : NaN;
}

/** Cumulative share of the total held by the top k % of customers, k = 0…100. */
function paretoCurve(values: ArrayLike<number>): number[] {
  const v = Array.from(values, (x) => (x > 0 ? x : 0)).sort((a, b) => b - a);
  const total = v.reduce((s, x) => s + x, 0);
  const out = [0];
  let sum = 0, k = 0;
  for (let p = 1; p <= 100; p++) {
    const upto = Math.round((p / 100) * v.length);
    while (k < upto) sum += v[k++];
    out.push(total > 0 ? sum / total : 0);
  }
  return out;
}

/** Membership of one group (1 = in it) over the book's positions; null when the reference names none. */
export function segmentMask(book: SegmentInput, c: SegmentColumns, ref: string, rules: readonly RuleSegment[]): Uint8Array | null {
  const parsed = parseSegmentRef(ref);
  if (!parsed) return null;
  const n = book.table.n;
  const out = new Uint8Array(n);
  const { kind, key } = parsed;
  if (kind === 'rule') {
    const rule = rules.find((x) => x.id === key);
    if (!rule) return null;
    const inner = rule.segment ? segmentMask(book, c, rule.segment, rules) : null;
    const match = matcher(book.table, { search: '', filters: rule.filters, custom: rule.custom });
    const values = rule.indicator ? book.indicator(rule.indicator.id as IndicatorId) : null;
    for (let i = 0; i < n; i++) out[i] = (!inner || inner[i] === 1) && match(i) && (!values || meets(rule.indicator!, values[i])) ? 1 : 0;
    return out;
  }
  const [a, b] = kind === 'cell' ? key.split('-').map(Number) : [0, 0];
  for (let i = 0; i < n; i++) {
    const inside =
      kind === 'cell' ? c.r[i] === a && c.f[i] === b
      : kind === 'rf' ? rfSegment(c.r[i], c.f[i]) === key
      : kind === 'eight' ? c.eight[i] === key
      : kind === 'abc' ? c.abc[i] === key
      : kind === 'loyalty' ? c.loyal[i] === key
      : c.quad[i] === key;
    out[i] = inside ? 1 : 0;
  }
  return out;
}

/** The book's segments tallied (`ms` is left for the caller to fill). */
export function segmentation(book: SegmentInput, c: SegmentColumns, rules: readonly RuleSegment[]): Segmentation {
  const t = book.table;
  const settings = c.settings;
  const out: Segmentation = {
    customers: t.n,
    rfm: Array.from({ length: 5 }, () => Array.from({ length: 5 }, tally)),
    rfSegments: {}, eight: {}, abc: { A: tally(), B: tally(), C: tally() }, abcCurve: paretoCurve(c.abcValue), loyalty: {}, quadrants: {},
    rules: [], scatter: [], cuts: { value: c.valueCut, risk: c.riskCut }, expectedValue: c.useExpected, lifetime: c.lifetime,
    currency: mostCommonCurrency(t), settings, ms: 0,
  };
  const add = <K extends string>(into: Partial<Record<K, Tally>>, key: K | null, revenue: number) => {
    if (key === null) return;
    const x = (into[key] ??= tally());
    x.customers++;
    x.revenue += revenue;
  };
  const stride = Math.max(1, Math.ceil(t.n / 2000));
  for (let i = 0; i < t.n; i++) {
    const revenue = t.revenue12m[i];
    if (c.r[i] && c.f[i]) {
      const cell = out.rfm[c.r[i] - 1][c.f[i] - 1];
      cell.customers++;
      cell.revenue += revenue;
    }
    add(out.rfSegments, rfSegment(c.r[i], c.f[i]), revenue);
    add(out.eight, c.eight[i], revenue);
    add(out.abc, c.abc[i], revenue);
    add(out.loyalty, c.loyal[i], revenue);
    add(out.quadrants, c.quad[i], revenue);
    if (i % stride === 0 && c.value[i] === c.value[i] && t.score[i] === t.score[i]) out.scatter.push({ value: c.value[i], risk: Math.round(t.score[i] * 10) / 10 });
  }
  for (const rule of rules) {
    const mask = segmentMask(book, c, `rule:${rule.id}`, rules);
    const x = { id: rule.id, name: rule.name, ...tally() };
    if (mask) for (let i = 0; i < t.n; i++) if (mask[i]) (x.customers++, (x.revenue += t.revenue12m[i]));
    out.rules.push(x);
  }
  return out;
}

/** One customer's segments and lifetime figures (computed over the whole book, as the segments are relative). */
export function customerSegments(c: SegmentColumns, position: number): CustomerSegments {
  const num = (x: number) => (x === x ? x : null);
  const p = position;
  return {
    r: c.r[p], f: c.f[p], m: c.m[p], segment: rfSegment(c.r[p], c.f[p]), eight: c.eight[p], abc: c.abc[p], loyalty: c.loyal[p], quadrant: c.quad[p],
    probabilityAlive: num(c.alive[p]), expectedPurchases: num(c.purchases[p]), expectedRevenue: num(c.expected[p]),
  };
}
