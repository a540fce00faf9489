// Where each customer of the open book sits: per shard, its customers' ids and their positions
// in the list table, and the shard of each position. Positions are handed out here alone, and
// every per-customer column of the book grows through `reserve`, so that a new column is
// added in one place and can never be shorter than the table.

import { stringsOf, type Columns, type StrColumn } from '../../domain/columns';

/** A copy of `a` with room for `size` entries, the new ones set to `fill`. */
export function grownTo<T extends Float64Array | Float32Array | Uint8Array | Uint16Array | Int32Array | Int8Array>(a: T, size: number, make: (n: number) => T, fill?: number): T {
  const b = make(size);
  if (fill !== undefined) b.fill(fill);
  b.set(a);
  return b;
}

interface Placed {
  ids: string[];
  /** The position of each of the shard's customers, in column order. */
  at: Int32Array;
  /** The customer columns the positions were made for (null before the first placing). */
  customers: Columns | null;
  /** Position by id, made on the first lookup (a selection of 100,000 looks each one up). */
  index?: Map<string, number>;
}

export class Positions {
  private readonly placed: Placed[];
  private shardOfPos = new Uint16Array(0);
  /** How many positions have been handed out. */
  private count = 0;
  private capacity = 0;

  /** `grow` makes every other per-customer column room for at least `capacity` positions. */
  constructor(shardCount: number, private readonly grow: (capacity: number) => void) {
    this.placed = Array.from({ length: shardCount }, () => ({ ids: [], at: new Int32Array(0), customers: null }));
  }

  get size(): number {
    return this.count;
  }

  /** Shard `no`'s customers as placed. */
  of(no: number): Readonly<Placed> {
    return this.placed[no];
  }

  shardOf(position: number): number {
    return this.shardOfPos[position];
  }

  positionOf(no: number, id: string): number | undefined {
    const p = this.placed[no];
    p.index ??= new Map(p.ids.map((x, i) => [x, p.at[i]]));
    return p.index.get(id);
  }

  /** Makes room for `total` positions in every per-customer column. */
  reserve(total: number): void {
    if (total <= this.capacity) return;
    const size = Math.max(total, this.capacity * 2, 16);
    this.shardOfPos = grownTo(this.shardOfPos, size, (n) => new Uint16Array(n));
    this.capacity = size;
    this.grow(size);
  }

  /**
   * Places shard `no`'s customers (their columns): a customer keeps its position, a new one
   * gets the next free position. Returns the positions, in column order.
   */
  place(no: number, customers: Columns): Int32Array {
    const ids = stringsOf(customers.cols.id as StrColumn);
    const before = this.placed[no];
    const was = before.ids.length ? new Map(before.ids.map((id, i) => [id, before.at[i]])) : null;
    const at = new Int32Array(ids.length);
    let next = this.count;
    for (let i = 0; i < ids.length; i++) at[i] = was?.get(ids[i]) ?? next++;
    this.count = next;
    this.reserve(next);
    for (const p of at) this.shardOfPos[p] = no;
    this.placed[no] = { ids, at, customers };
    return at;
  }

  /** Notes that shard `no`'s customers are now `customers` (same ids, in the same order). */
  restamp(no: number, customers: Columns): void {
    this.placed[no] = { ...this.placed[no], customers };
  }

  /** Whether shard `no`'s customers are placed exactly as `customers` holds them (same ids, same order). */
  sameIds(no: number, customers: Columns): boolean {
    const { ids } = this.placed[no];
    const col = customers.cols.id as StrColumn;
    if (customers.n !== ids.length) return false;
    for (let i = 0; i < ids.length; i++) if (col.dict[col.idx[i]] !== ids[i]) return false;
    return true;
  }
}
