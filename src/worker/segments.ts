// Segmentation of the open book (DESIGN §3): RFM grid and named segments, the eight classes,
// ABC, loyalty and the value × risk matrix, computed in the worker over the list table.

import { abcClasses, type AbcClass } from '../domain/segments/abc';
import { loyalty, quadrant, type Loyalty, type Quadrant } from '../domain/segments/loyalty';
import { eightClasses, quintileScores, rfSegment, type EightClass, type RfSegment } from '../domain/segments/rfm';
import { indicatorIndex } from '../domain/risk/indicators';
import { mostCommonCurrency } from '../domain/query';
import { nextYear } from './lifetime';
import type { Book } from './book';
import { NO_DAY } from '../domain/dates';

/** Customers and revenue (12 months) in a group. */
export interface Tally {
  customers: number;
  revenue: number;
}

export interface Segmentation {
  customers: number;
  /** rfm[r − 1][f − 1]: the R×F grid (recency and frequency scores 1–5). */
  rfm: Tally[][];
  rfSegments: Partial<Record<RfSegment, Tally>>;
  eight: Partial<Record<EightClass, Tally>>;
  abc: Record<AbcClass, Tally>;
  loyalty: Partial<Record<Loyalty, Tally>>;
  quadrants: Partial<Record<Quadrant, Tally>>;
  /** Value × risk points (at most 2,000, every k-th customer): expected 12-month value, score. */
  scatter: { value: number; risk: number }[];
  /** Whether the value axis is the lifetime models' expected revenue (else last 12 months' revenue). */
  expectedValue: boolean;
  /** The book's most common currency, in which revenue is shown. */
  currency: string;
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

/** The last computation per book, while the book has not changed. */
const cache = new WeakMap<Book, { changes: number; result: ReturnType<typeof computeNow> }>();

/** Every customer's segments, as columns over the book's positions (cached until the book changes). */
function compute(book: Book) {
  const hit = cache.get(book);
  if (hit?.changes === book.changes) return hit.result;
  const result = computeNow(book);
  cache.set(book, { changes: book.changes, result });
  return result;
}

function computeNow(book: Book) {
  const t = book.list;
  const n = t.n;
  const recency = new Float64Array(n), frequency = new Float64Array(n), monetary = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const ordered = t.lastOrderDay[i] !== NO_DAY;
    recency[i] = ordered ? book.asOfDayNumber - t.lastOrderDay[i] : NaN;
    frequency[i] = ordered ? t.repeatPurchases[i] + 1 : NaN;
    monetary[i] = ordered ? t.revenue12m[i] : NaN;
  }
  const r = quintileScores(recency, true), f = quintileScores(frequency), m = quintileScores(monetary);
  const eight = eightClasses(recency, frequency, monetary);
  const abc = abcClasses(t.revenue12m);
  const alive = book.risk.values[indicatorIndex('churn.probability_alive')];
  const rhythm = book.risk.values[indicatorIndex('churn.recency_vs_rhythm')];
  const next = nextYear(t, book.risk.lifetime);
  const none = new Float64Array(n).fill(NaN);
  return { r, f, m, eight, abc, alive, rhythm, expected: next?.revenue ?? none, purchases: next?.purchases ?? none, useExpected: next !== null };
}

/** The value cut of the matrix: the median value of the customers with one. */
function medianOf(values: ArrayLike<number>): number {
  const v = Array.from(values).filter((x) => x === x).sort((a, b) => a - b);
  return v.length ? v[v.length >> 1] : NaN;
}

export function segmentation(book: Book): Segmentation {
  const t = book.list;
  const c = compute(book);
  const value = c.useExpected ? c.expected : t.revenue12m;
  const valueCut = medianOf(value);
  const out: Segmentation = {
    customers: t.n,
    rfm: Array.from({ length: 5 }, () => Array.from({ length: 5 }, tally)),
    rfSegments: {}, eight: {}, abc: { A: tally(), B: tally(), C: tally() }, loyalty: {}, quadrants: {}, scatter: [], expectedValue: c.useExpected,
    currency: mostCommonCurrency(t),
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
    add(out.loyalty, loyalty(c.alive[i], c.rhythm[i]), revenue);
    add(out.quadrants, quadrant(value[i], t.score[i], valueCut, book.risk.model.grades.medium), revenue);
    if (i % stride === 0 && value[i] === value[i] && t.score[i] === t.score[i]) out.scatter.push({ value: value[i], risk: Math.round(t.score[i] * 10) / 10 });
  }
  return out;
}

/** One customer's segments and lifetime figures (computed over the whole book, as the segments are relative). */
export function customerSegments(book: Book, position: number): CustomerSegments {
  const t = book.list;
  const c = compute(book);
  const value = c.useExpected ? c.expected : t.revenue12m;
  const num = (x: number) => (x === x ? x : null);
  return {
    r: c.r[position], f: c.f[position], m: c.m[position], segment: rfSegment(c.r[position], c.f[position]), eight: c.eight[position], abc: c.abc[position],
    loyalty: loyalty(c.alive[position], c.rhythm[position]),
    quadrant: quadrant(value[position], t.score[position], medianOf(value), book.risk.model.grades.medium),
    probabilityAlive: num(c.alive[position]), expectedPurchases: num(c.purchases[position]), expectedRevenue: num(c.expected[position]),
  };
}
