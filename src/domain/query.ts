// Search, filter and sort of the customer list. Runs in the worker over every customer;
// the interface only ever receives one page of the result.

import { isoFromDay } from './dates';
import type { CustomerFigures } from './figures';
import type { Customer, CustomerId, Size, Tier } from './types';

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
  events: number;
}

export const FILTER_FIELDS = ['industry', 'size', 'region', 'tier', 'owner', 'tag'] as const;
export type FilterField = (typeof FILTER_FIELDS)[number];

export const SORT_KEYS = [
  'id', 'name', 'industry', 'size', 'region', 'owner', 'tier', 'revenue12m', 'lastOrder', 'openBalance',
  'overdueBalance', 'events',
] as const;
export type SortKey = (typeof SORT_KEYS)[number];

export interface ListQuery {
  /** Case-insensitive substring of the name or the id. */
  search: string;
  filters: Partial<Record<FilterField, string>>;
  sort: SortKey;
  dir: 'asc' | 'desc';
}

export const DEFAULT_QUERY: ListQuery = { search: '', filters: {}, sort: 'revenue12m', dir: 'desc' };

const NUMERIC = new Set<SortKey>(['revenue12m', 'openBalance', 'overdueBalance', 'events']);

function matches(row: CustomerRow, needle: string, filters: ListQuery['filters']): boolean {
  if (needle && !row.name.toLowerCase().includes(needle) && !row.id.toLowerCase().includes(needle)) return false;
  for (const field of FILTER_FIELDS) {
    const want = filters[field];
    if (want === undefined) continue;
    if (field === 'tag' ? !row.tags.includes(want) : row[field] !== want) return false;
  }
  return true;
}

/**
 * Positions (into `rows`) of the rows that match `query`, in its order. Ties keep id order
 * so that a page boundary never shuffles; empty text sorts last in either direction.
 */
export function selectRows(rows: readonly CustomerRow[], query: ListQuery, compareText: (a: string, b: string) => number): Uint32Array {
  const needle = query.search.trim().toLowerCase();
  const picked: number[] = [];
  for (let i = 0; i < rows.length; i++) if (matches(rows[i], needle, query.filters)) picked.push(i);
  const key = query.sort;
  const sign = query.dir === 'asc' ? 1 : -1;
  const byId = (a: number, b: number) => (rows[a].id < rows[b].id ? -1 : rows[a].id > rows[b].id ? 1 : 0);
  if (NUMERIC.has(key)) {
    // Keys copied into a typed array first: a sort over 100,000 rows reading `row[key]`
    // through a dynamic property is several times slower.
    const keys = new Float64Array(rows.length);
    for (const i of picked) keys[i] = sign * (rows[i][key] as number);
    picked.sort((a, b) => keys[a] - keys[b] || byId(a, b));
  } else {
    picked.sort((a, b) => {
      const x = rows[a][key] as string, y = rows[b][key] as string;
      if (x === y) return byId(a, b);
      if (!x) return 1;
      if (!y) return -1;
      return sign * (key === 'id' || key === 'lastOrder' ? (x < y ? -1 : 1) : compareText(x, y)) || byId(a, b);
    });
  }
  return Uint32Array.from(picked);
}

/** Distinct values of each filter field with their counts, most frequent first. */
export function facetsOf(rows: readonly CustomerRow[]): Record<FilterField, [string, number][]> {
  const counts = Object.fromEntries(FILTER_FIELDS.map((f) => [f, new Map<string, number>()])) as Record<FilterField, Map<string, number>>;
  const bump = (f: FilterField, v: string) => v && counts[f].set(v, (counts[f].get(v) ?? 0) + 1);
  for (const r of rows) {
    bump('industry', r.industry);
    bump('size', r.size);
    bump('region', r.region);
    bump('tier', r.tier);
    bump('owner', r.owner);
    for (const t of r.tags) bump('tag', t);
  }
  return Object.fromEntries(
    FILTER_FIELDS.map((f) => [f, [...counts[f]].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))]),
  ) as Record<FilterField, [string, number][]>;
}

/** The list line of a customer with its figures. */
export function toRow(c: Customer, f: CustomerFigures): CustomerRow {
  return {
    id: c.id, name: c.name, industry: c.industry, size: c.size, region: c.region, owner: c.owner, tier: c.tier,
    tags: c.tags, currency: c.currency, revenue12m: f.revenue12m, lastOrder: isoFromDay(f.lastOrderDay),
    openBalance: f.openBalance, overdueBalance: f.overdueBalance, events: f.events,
  };
}
