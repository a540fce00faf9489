// The open book's data: its shards of customers and event columns, as stored. A shard is
// found by its customers' id hash; an edit gives a new shard record (see shard-edits.ts) that
// the book commits once it is on disk.

import { customerAt, emptyColumns, type StrColumn } from '../../domain/columns';
import { NO_DAY } from '../../domain/dates';
import type { EventTables } from '../../domain/figures';
import { hashString } from '../../domain/random';
import { EVENT_KINDS, type BookEvent, type Customer, type CustomerId, type EventKind } from '../../domain/types';
import type { ShardRecord } from '../../storage/schema';
import { DIMENSIONS, DIMENSION_SOURCES } from '../../domain/risk/indicators';
import { eventsOfCustomer, shardWithCustomer, shardWithEvent } from './shard-edits';

export function emptyTables(): EventTables {
  return Object.fromEntries(EVENT_KINDS.map((k) => [k, emptyColumns(k)])) as EventTables;
}

/** The newest event day of a shard's tables, computed once per set of tables (they are replaced, never changed). */
const newestCache = new WeakMap<EventTables, number>();
function newestOf(e: EventTables): number {
  const known = newestCache.get(e);
  if (known !== undefined) return known;
  let newest = NO_DAY;
  const latest = (col: ArrayLike<number>, scale = 1) => {
    for (let i = 0; i < col.length; i++) {
      const d = scale === 1 ? col[i] : Math.floor(col[i] / scale);
      if (d > newest) newest = d;
    }
  };
  latest(e.order.cols.date as Int32Array);
  latest(e.invoice.cols.issued as Int32Array);
  latest(e.survey.cols.date as Int32Array);
  latest(e.interaction.cols.date as Int32Array);
  latest(e.complaint.cols.opened as Float64Array, 86_400_000);
  newestCache.set(e, newest);
  return newest;
}

export class Shards {
  private readonly records: ShardRecord[];

  constructor(records: readonly ShardRecord[], readonly count: number) {
    this.records = Array.from({ length: count }, (_, no) => ({ no, customers: emptyColumns('customer'), events: emptyTables() }));
    for (const r of records) this.records[r.no] = r;
  }

  /** Every shard, in number order. */
  get all(): readonly ShardRecord[] {
    return this.records;
  }

  /** The current record of shard `no`. */
  get(no: number): ShardRecord {
    return this.records[no];
  }

  /** Makes a persisted record the current one of its shard. */
  put(shard: ShardRecord): void {
    this.records[shard.no] = shard;
  }

  /** The shard a customer id belongs to. */
  noOf(id: string): number {
    return hashString(id) % this.count;
  }

  get customerCount(): number {
    return this.records.reduce((n, s) => n + s.customers.n, 0);
  }

  get eventCount(): number {
    let n = 0;
    for (const s of this.records) for (const k of EVENT_KINDS) n += s.events[k].n;
    return n;
  }

  /** Per dimension 1 when some shard holds the kind of record it is measured from (see DIMENSION_SOURCES). */
  present(): Uint8Array {
    return Uint8Array.from(DIMENSIONS, (d) => {
      const kind = DIMENSION_SOURCES[d];
      return kind === null || this.records.some((s) => s.events[kind].n > 0) ? 1 : 0;
    });
  }

  /** The day number of the newest order, invoice, complaint, survey or interaction (NO_DAY without any). */
  newestDay(): number {
    let newest = NO_DAY;
    for (const s of this.records) newest = Math.max(newest, newestOf(s.events));
    return newest;
  }

  customer(id: string): Customer | undefined {
    const { customers } = this.records[this.noOf(id)];
    const ids = customers.cols.id as StrColumn;
    const code = ids.dict.indexOf(id);
    const i = code < 0 ? -1 : ids.idx.indexOf(code);
    return i < 0 ? undefined : customerAt(customers, i);
  }

  /** Every event of one customer, newest first. */
  eventsOf(id: string): BookEvent[] {
    return eventsOfCustomer(this.records[this.noOf(id)], id);
  }

  /** The shard record after putting `customer` (new or changed). */
  withCustomer(customer: Customer): ShardRecord {
    return shardWithCustomer(this.records[this.noOf(customer.id)], customer);
  }

  /** The shard record after replacing (same id) or adding `event`, or removing event `removeId`. */
  withEvent(customerId: CustomerId, kind: EventKind, change: { put?: BookEvent; removeId?: number }): ShardRecord {
    return shardWithEvent(this.records[this.noOf(customerId)], kind, change);
  }
}
