// Helpers of the indicators' passes over a shard's events: a customer's events grouped
// together, and a reusable list of numbers, so that nothing is allocated per customer.

import type { Columns, StrColumn } from '../columns';

/** A reusable list of numbers: the indicators' inner loops allocate nothing per customer. */
export class Scratch {
  a = new Float64Array(64);
  n = 0;
  /** Whether the values came in ascending order (events mostly do): then nothing is sorted. */
  private ascending = true;
  reset(): void {
    this.n = 0;
    this.ascending = true;
  }
  push(x: number): void {
    if (this.n === this.a.length) {
      const b = new Float64Array(this.a.length * 2);
      b.set(this.a);
      this.a = b;
    }
    if (this.n && x < this.a[this.n - 1]) this.ascending = false;
    this.a[this.n++] = x;
  }
  /** Sorts the values in place (insertion sort for the few a customer has, no allocation); read them from `a[0..n)`. */
  sort(): void {
    if (this.ascending) return;
    const a = this.a;
    if (this.n > 48) a.subarray(0, this.n).sort();
    else
      for (let i = 1; i < this.n; i++) {
        const x = a[i];
        let j = i - 1;
        while (j >= 0 && a[j] > x) a[j + 1] = a[j--];
        a[j + 1] = x;
      }
    this.ascending = true;
  }
  median(): number {
    if (!this.n) return NaN;
    this.sort();
    const m = this.n >> 1;
    return this.n % 2 ? this.a[m] : (this.a[m - 1] + this.a[m]) / 2;
  }
}

export function countEvents(g: { start: Int32Array }, into: Float64Array): void {
  for (let p = 0; p + 1 < g.start.length; p++) into[p] += g.start[p + 1] - g.start[p];
}

export interface Groups {
  start: Int32Array;
  rows: Int32Array;
}

/**
 * Groupings already made, by event columns and the customer columns they were made for:
 * a rescore of unchanged data (another day, another model) does not group again. Columns
 * are replaced, never changed in place, so an entry can never go stale.
 */
const grouped = new WeakMap<Columns, { customers: Columns; groups: Groups }[]>();

/** Whether two customer tables hold the same ids in the same order (a profile edit keeps them). */
function sameIds(a: Columns, b: Columns): boolean {
  if (a === b) return true;
  if (a.n !== b.n) return false;
  const x = a.cols.id as StrColumn, y = b.cols.id as StrColumn;
  for (let i = 0; i < a.n; i++) if (x.dict[x.idx[i]] !== y.dict[y.idx[i]]) return false;
  return true;
}

/** Customer id → position in `customers`, built on first use (a grouping already made needs none). */
export function lazyPositions(customers: Columns): () => ReadonlyMap<string, number> {
  let positions: Map<string, number> | null = null;
  return () => {
    if (!positions) {
      const ids = customers.cols.id as StrColumn;
      positions = new Map<string, number>();
      for (let i = 0; i < customers.n; i++) positions.set(ids.dict[ids.idx[i]], i);
    }
    return positions;
  };
}

/** Event rows grouped by customer position: rows of customer p are rows[start[p]..start[p+1]). */
export function groupRows(columns: Columns, customers: Columns, position: () => ReadonlyMap<string, number>): Groups {
  const known = grouped.get(columns) ?? [];
  const hit = known.find((k) => sameIds(k.customers, customers));
  if (hit) return hit.groups;
  const groups = makeGroups(columns, position(), customers.n);
  // The whole shard's grouping, and at most one for a few customers after an edit.
  grouped.set(columns, [...known.filter((k) => k.customers.n > 1).slice(0, 1), { customers, groups }]);
  return groups;
}

function makeGroups(columns: Columns, position: ReadonlyMap<string, number>, n: number): Groups {
  const { dict, idx } = columns.cols.customerId as StrColumn;
  const slot = new Int32Array(dict.length);
  for (let c = 0; c < dict.length; c++) slot[c] = position.get(dict[c]) ?? -1;
  const start = new Int32Array(n + 1);
  for (let i = 0; i < columns.n; i++) {
    const p = slot[idx[i]];
    if (p >= 0) start[p + 1]++;
  }
  for (let p = 0; p < n; p++) start[p + 1] += start[p];
  const fill = start.slice(0, n);
  const rows = new Int32Array(start[n]);
  for (let i = 0; i < columns.n; i++) {
    const p = slot[idx[i]];
    if (p >= 0) rows[fill[p]++] = i;
  }
  return { start, rows };
}
