// Search, filter and sort of the customer list. Runs in the worker over every customer;
// the interface only ever receives one page of the result.

import { LIST_SEP, type Columns, type StrColumn } from './columns';
import { dayFromIso, isoFromDay, NO_DAY } from './dates';
import { FIGURE_KEYS, type FigureColumns } from './figures';
import type { CustomerId, Size, Tier } from './types';
import { customTest, type CustomCondition } from './custom-fields';

/** One line of the customer list: profile facts and the figures of `figures.ts`. */
export interface CustomerRow {
  id: CustomerId;
  name: string;
  industry: string;
  size: Size | '';
  region: string;
  owner: string;
  tier: Tier;
  tags: string[];
  currency: string;
  /** Minor units. */
  revenue12m: number;
  /** `YYYY-MM-DD`, '' when the customer never ordered. */
  lastOrder: string;
  openBalance: number;
  overdueBalance: number;
  /** Days past due of the oldest overdue invoice (0 when nothing is overdue). */
  daysPastDue: number;
  events: number;
  /** Overall risk score 0–100; null before the book is scored or when nothing could be scored. */
  score: number | null;
  /** The grade shown: an unexpired override, else the computed grade, or 'insufficient'. */
  grade: GradeLabel;
  /** The grade the model computed, '' before scoring. */
  computedGrade: GradeLabel;
  /** Score minus the score at the previous snapshot; null without one. */
  trend: number | null;
}

/** A grade as listed: one of the four grades, 'insufficient' (too little data) or '' (not scored yet). */
export type GradeLabel = 'low' | 'medium' | 'high' | 'critical' | 'insufficient' | '';

export const FILTER_FIELDS = ['grade', 'industry', 'size', 'region', 'tier', 'owner', 'tag', 'aging'] as const;

/** A customer's receivables by its oldest open money: 'current' (owed, none overdue), then the provision buckets by days past due; '' when nothing is owed. */
export const AGING_VALUES = ['current', 'd30', 'd60', 'd90', 'over90'] as const;
export type AgingValue = (typeof AGING_VALUES)[number];
export function agingAt(t: ListTable, i: number): AgingValue | '' {
  if (t.overdueOver90[i] > 0) return 'over90';
  if (t.overdue90[i] > 0) return 'd90';
  if (t.overdue60[i] > 0) return 'd60';
  if (t.overdue30[i] > 0) return 'd30';
  return t.openBalance[i] > 0 ? 'current' : '';
}
export type FilterField = (typeof FILTER_FIELDS)[number];

export const SORT_KEYS = [
  'id', 'name', 'industry', 'size', 'region', 'owner', 'tier', 'revenue12m', 'lastOrder', 'openBalance',
  'overdueBalance', 'events', 'score', 'grade', 'trend',
] as const;
export type SortKey = (typeof SORT_KEYS)[number];

export interface ListQuery {
  /** Case-insensitive substring of the name or the id. */
  search: string;
  filters: Partial<Record<FilterField, string>>;
  sort: SortKey;
  dir: 'asc' | 'desc';
  /** A segment reference (`segments/rules.ts`): only its customers are listed. */
  segment?: string;
  /** A condition on one of the user's own fields (see custom-fields.ts). */
  custom?: CustomCondition;
}

export const DEFAULT_QUERY: ListQuery = { search: '', filters: {}, sort: 'revenue12m', dir: 'desc' };

/** Keys sorted as numbers; they start descending (largest first), text keys ascending. */
export const NUMERIC_SORTS: ReadonlySet<SortKey> = new Set<SortKey>(['revenue12m', 'lastOrder', 'openBalance', 'overdueBalance', 'events', 'score', 'grade', 'trend']);

export function defaultDir(key: SortKey): ListQuery['dir'] {
  return NUMERIC_SORTS.has(key) ? 'desc' : 'asc';
}

/** Text fields taken from the profile (`custom`: the custom values' JSON text); `grade` and `computedGrade` are written by scoring. */
const PROFILE_FIELDS = ['id', 'name', 'industry', 'size', 'region', 'owner', 'tier', 'currency', 'custom'] as const;
const TEXT_FIELDS = [...PROFILE_FIELDS, 'grade', 'computedGrade'] as const;
type TextField = (typeof TEXT_FIELDS)[number];
const FIGURE_FIELDS = FIGURE_KEYS;
/** `score` and `trend` are NaN until written by scoring. */
const NUMBER_FIELDS = [...FIGURE_FIELDS, 'score', 'trend'] as const;
type NumberField = (typeof NUMBER_FIELDS)[number];

/**
 * The list as the worker holds it: one entry per customer in every column, so that 100,000
 * customers are a few arrays rather than 100,000 objects, and sorting reads typed arrays.
 * Text values are shared references into the shards' dictionaries.
 */
export type ListTable = { n: number; tags: (readonly string[])[] } & Record<TextField, string[]> & Record<NumberField, Float64Array>;

/** A table with room for `capacity` customers and none in it yet. */
export function emptyTable(capacity: number): ListTable {
  const t = { n: 0, tags: [] } as unknown as ListTable;
  for (const f of TEXT_FIELDS) t[f] = [];
  for (const f of NUMBER_FIELDS) t[f] = new Float64Array(Math.max(16, capacity));
  t.score.fill(NaN);
  t.trend.fill(NaN);
  return t;
}

/** Grows the number columns so that index `i` fits. */
export function reserve(t: ListTable, i: number): void {
  if (i < t.revenue12m.length) return;
  for (const f of NUMBER_FIELDS) {
    const bigger = new Float64Array(Math.max(i + 1, t[f].length * 2));
    if (f === 'score' || f === 'trend') bigger.fill(NaN);
    bigger.set(t[f]);
    t[f] = bigger;
  }
}

/** Writes customer i of a shard's columns, with its figures, at position `at[i]` of the table. */
export function putRows(t: ListTable, customers: Columns, figures: FigureColumns, at: Int32Array): void {
  putProfiles(t, customers, at);
  putFigures(t, figures, at);
}

/** The figures of a shard's customers at positions `at` (their profiles already there). */
export function putFigures(t: ListTable, figures: FigureColumns, at: Int32Array): void {
  for (const f of FIGURE_FIELDS) {
    const from = figures[f];
    const out = t[f];
    for (let i = 0; i < at.length; i++) out[at[i]] = from[i];
  }
}

/** The profile fields of a shard's customers at positions `at`. */
export function putProfiles(t: ListTable, customers: Columns, at: Int32Array): void {
  const cols = customers.cols as Record<string, StrColumn>;
  let last = -1;
  for (const p of at) last = Math.max(last, p);
  reserve(t, last);
  t.n = Math.max(t.n, last + 1);
  // Column by column: each inner loop reads two arrays and writes one.
  for (const f of PROFILE_FIELDS) {
    const { dict, idx } = cols[f];
    const out = t[f];
    for (let i = 0; i < customers.n; i++) out[at[i]] = dict[idx[i]];
  }
  const tagLists = cols.tags.dict.map((x) => (x ? x.split(LIST_SEP) : []));
  for (let i = 0; i < customers.n; i++) t.tags[at[i]] = tagLists[cols.tags.idx[i]];
  for (const p of at) if (t.grade[p] === undefined) t.grade[p] = t.computedGrade[p] = '';
}

/** One list line, for the page sent to the interface. */
export function rowOf(t: ListTable, i: number): CustomerRow {
  return {
    id: t.id[i] as CustomerId, name: t.name[i], industry: t.industry[i], size: t.size[i] as Size | '', region: t.region[i],
    owner: t.owner[i], tier: t.tier[i] as Tier, tags: [...t.tags[i]], currency: t.currency[i], revenue12m: t.revenue12m[i],
    lastOrder: isoFromDay(t.lastOrderDay[i]), openBalance: t.openBalance[i], overdueBalance: t.overdueBalance[i], daysPastDue: t.daysPastDue[i], events: t.events[i],
    score: Number.isNaN(t.score[i]) ? null : t.score[i], grade: t.grade[i] as GradeLabel, computedGrade: t.computedGrade[i] as GradeLabel,
    trend: Number.isNaN(t.trend[i]) ? null : t.trend[i],
  };
}

/** A table of the given rows (tests, small books). */
export function tableOf(rows: readonly CustomerRow[]): ListTable {
  const t = emptyTable(rows.length);
  rows.forEach((r, i) => {
    for (const f of TEXT_FIELDS) t[f][i] = (r as unknown as Record<string, string>)[f] ?? '';
    t.tags[i] = r.tags;
    t.revenue12m[i] = r.revenue12m;
    t.lastOrderDay[i] = r.lastOrder ? dayFromIso(r.lastOrder) : NO_DAY;
    t.openBalance[i] = r.openBalance;
    t.overdueBalance[i] = r.overdueBalance;
    t.daysPastDue[i] = r.daysPastDue ?? 0;
    t.events[i] = r.events;
    t.score[i] = r.score ?? NaN;
    t.trend[i] = r.trend ?? NaN;
  });
  t.n = rows.length;
  return t;
}

export function matcher(t: ListTable, query: Pick<ListQuery, 'search' | 'filters' | 'custom'>): (i: number) => boolean {
  const needle = query.search.trim().toLowerCase();
  const wanted = FILTER_FIELDS.filter((f) => query.filters[f] !== undefined).map((f) => [f, query.filters[f]!] as const);
  const custom = query.custom ? customTest(query.custom) : null;
  return (i) => {
    if (needle && !t.name[i].toLowerCase().includes(needle) && !t.id[i].toLowerCase().includes(needle)) return false;
    if (custom && !custom(t.custom[i])) return false;
    for (const [field, want] of wanted) if (field === 'tag' ? !t.tags[i].includes(want) : field === 'aging' ? agingAt(t, i) !== want : t[field][i] !== want) return false;
    return true;
  };
}

/**
 * Positions of the customers that match `query`, in its order. Ties keep the table's order
 * (a customer's place never changes) so that a page boundary never shuffles; empty values
 * (no text, no last order) sort last either way.
 */
export function selectRows(t: ListTable, query: ListQuery, compareText: (a: string, b: string) => number, keep?: Uint8Array): Uint32Array {
  const plain = matcher(t, query);
  const match = keep ? (i: number) => keep[i] === 1 && plain(i) : plain;
  const all = !keep && !query.search.trim() && !query.custom && FILTER_FIELDS.every((f) => query.filters[f] === undefined);
  let picked: Uint32Array;
  if (all) {
    picked = new Uint32Array(t.n);
    for (let i = 0; i < t.n; i++) picked[i] = i;
  }
  else {
    const out: number[] = [];
    for (let i = 0; i < t.n; i++) if (match(i)) out.push(i);
    picked = new Uint32Array(out);
  }
  const sign = query.dir === 'asc' ? 1 : -1;
  const key = query.sort;
  if (key === 'grade') {
    // Worst first when descending; insufficient and unscored last either way.
    const keys = new Float64Array(t.n);
    for (const i of picked) keys[i] = GRADE_RANK[t.grade[i]] ?? Infinity;
    picked.sort((a, b) => (keys[a] === keys[b] ? a - b : keys[a] === Infinity ? 1 : keys[b] === Infinity ? -1 : sign * (keys[a] - keys[b])));
  } else if (NUMERIC_SORTS.has(key)) {
    const values = t[key === 'lastOrder' ? 'lastOrderDay' : (key as Exclude<NumberField, 'lastOrderDay'>)];
    // Signed keys in one typed array: the comparator reads no property, no sign and no text.
    const keys = new Float64Array(t.n);
    for (const i of picked) keys[i] = values[i] === NO_DAY || Number.isNaN(values[i]) ? Infinity : sign * values[i];
    picked.sort((a, b) => keys[a] - keys[b] || a - b);
  } else {
    const values = t[key as TextField];
    picked.sort((a, b) => {
      const x = values[a], y = values[b];
      if (x === y) return a - b;
      if (!x) return 1;
      if (!y) return -1;
      return sign * (key === 'id' ? (x < y ? -1 : 1) : compareText(x, y)) || a - b;
    });
  }
  return picked;
}

const GRADE_RANK: Record<string, number> = { low: 0, medium: 1, high: 2, critical: 3 };

/** Distinct values of each filter field with their counts, most frequent first. */
export function facetsOf(t: ListTable): Record<FilterField, [string, number][]> {
  const counts = Object.fromEntries(FILTER_FIELDS.map((f) => [f, new Map<string, number>()])) as Record<FilterField, Map<string, number>>;
  const bump = (f: FilterField, v: string) => v && counts[f].set(v, (counts[f].get(v) ?? 0) + 1);
  for (let i = 0; i < t.n; i++) {
    for (const f of ['grade', 'industry', 'size', 'region', 'tier', 'owner'] as const) bump(f, t[f][i]);
    for (const tag of t.tags[i]) bump('tag', tag);
    bump('aging', agingAt(t, i));
  }
  // Aging in its own order (current, then older); the others most common first.
  const order = (f: FilterField) => (f === 'aging' ? (a: [string, number], b: [string, number]) => AGING_VALUES.indexOf(a[0] as AgingValue) - AGING_VALUES.indexOf(b[0] as AgingValue) : (a: [string, number], b: [string, number]) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  return Object.fromEntries(
    FILTER_FIELDS.map((f) => [f, [...counts[f]].sort(order(f))]),
  ) as Record<FilterField, [string, number][]>;
}

/** The currency most customers of the table are in: the one book-wide sums are shown in. */
export function mostCommonCurrency(t: ListTable): string {
  const counts = new Map<string, number>();
  for (let i = 0; i < t.n; i++) counts.set(t.currency[i], (counts.get(t.currency[i]) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] || 'CNY';
}
