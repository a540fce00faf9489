// The open workspace as the worker holds it: shards of customers and event columns, plus
// the list rows derived from them. Edits produce a new shard record; the caller persists
// it and only then commits it here, so memory never runs ahead of the disk.

import { decodeEvents, emptyColumns, encodeEvents, eventAt, rowsOfCustomer } from '../domain/columns';
import { dayFromIso } from '../domain/dates';
import { newestFirst } from '../domain/events';
import { emptyFigures, figuresByCustomer, type EventTables } from '../domain/figures';
import { facetsOf, selectRows, toRow, type CustomerRow, type ListQuery } from '../domain/query';
import { hashString } from '../domain/random';
import { EVENT_KINDS, type BookEvent, type Customer, type CustomerId, type EventKind } from '../domain/types';
import type { ShardRecord } from '../storage/schema';

export function emptyTables(): EventTables {
  return Object.fromEntries(EVENT_KINDS.map((k) => [k, emptyColumns(k)])) as EventTables;
}

export class Book {
  private readonly shards: ShardRecord[];
  private readonly byId = new Map<string, Customer>();
  private rows: CustomerRow[] = [];
  private readonly rowAt = new Map<string, number>();
  private selection: { key: string; order: Uint32Array } | null = null;
  private readonly collator: Intl.Collator;

  constructor(records: ShardRecord[], readonly shardCount: number, public nextEventId: number, private asOfDay: number, locale: string) {
    this.collator = new Intl.Collator(locale, { numeric: true, sensitivity: 'base' });
    this.shards = Array.from({ length: shardCount }, (_, no) => ({ no, customers: [], events: emptyTables() }));
    for (const r of records) this.shards[r.no] = r;
    for (const shard of this.shards) this.index(shard);
  }

  get customerCount(): number {
    return this.byId.size;
  }

  get eventCount(): number {
    let n = 0;
    for (const s of this.shards) for (const k of EVENT_KINDS) n += s.events[k].n;
    return n;
  }

  shardNo(id: string): number {
    return hashString(id) % this.shardCount;
  }

  private index(shard: ShardRecord): void {
    const figures = figuresByCustomer(shard.events, this.asOfDay);
    for (const c of shard.customers) {
      this.byId.set(c.id, c);
      const row = toRow(c, figures.get(c.id) ?? emptyFigures());
      const at = this.rowAt.get(c.id);
      if (at === undefined) {
        this.rowAt.set(c.id, this.rows.length);
        this.rows.push(row);
      } else this.rows[at] = row;
    }
    this.selection = null;
  }

  /** One page of the list for `query`; the sorted order is cached while the data is unchanged. */
  page(query: ListQuery, offset: number, limit: number): { total: number; rows: CustomerRow[] } {
    const key = JSON.stringify(query);
    if (this.selection?.key !== key) this.selection = { key, order: selectRows(this.rows, query, this.collator.compare) };
    const { order } = this.selection;
    const rows: CustomerRow[] = [];
    for (let i = offset; i < Math.min(order.length, offset + limit); i++) rows.push(this.rows[order[i]]);
    return { total: order.length, rows };
  }

  facets() {
    return facetsOf(this.rows);
  }

  customer(id: string): Customer | undefined {
    return this.byId.get(id);
  }

  /** Every event of one customer, newest first. */
  eventsOf(id: string): BookEvent[] {
    const shard = this.shards[this.shardNo(id)];
    const out: BookEvent[] = [];
    for (const kind of EVENT_KINDS) for (const i of rowsOfCustomer(shard.events[kind], id)) out.push(eventAt(kind, shard.events[kind], i));
    return out.sort(newestFirst);
  }

  /** The shard record after putting `customer` (new or changed). */
  withCustomer(customer: Customer): ShardRecord {
    const shard = this.shards[this.shardNo(customer.id)];
    const customers = shard.customers.filter((c) => c.id !== customer.id);
    customers.push(customer);
    return { ...shard, customers };
  }

  /** The shard record after replacing (same id) or adding `event`, or removing event `removeId`. */
  withEvent(customerId: CustomerId, kind: EventKind, change: { put?: BookEvent; removeId?: number }): ShardRecord {
    const shard = this.shards[this.shardNo(customerId)];
    const id = change.put?.id ?? change.removeId;
    const events = decodeEvents(kind, shard.events[kind]).filter((e) => e.id !== id);
    if (change.put) events.push(change.put as never);
    return { ...shard, events: { ...shard.events, [kind]: encodeEvents(kind, events) } };
  }

  /** Makes a persisted shard record the current one. */
  commit(shard: ShardRecord): void {
    this.shards[shard.no] = shard;
    this.index(shard);
  }

  /** Moves "today" (figures depend on it); recomputes only when the day changed. */
  setAsOf(iso: string): void {
    const day = dayFromIso(iso);
    if (day === this.asOfDay) return;
    this.asOfDay = day;
    for (const shard of this.shards) this.index(shard);
  }
}
