// The open workspace as the worker holds it: shards of customers and event columns, and what
// is derived from them — the list table, the indicator matrix, scores, history and alerts.
// One recompute pipeline serves every change (open, edit, import, new day, new model): the
// changed shards are indexed, then book-wide indicators, probability alive, scores, snapshots
// and alert firings follow. Edits produce a new shard record; the caller persists it and only
// then commits it here, so memory never runs ahead of the disk.

import { customerAt, encodeCustomers, stringsOf, type StrColumn } from '../../domain/columns';
import { dayFromIso, isoFromDay } from '../../domain/dates';
import { putFigures, putProfiles, putRows, reserve, type CustomerRow, type ListQuery, type ListTable } from '../../domain/query';
import type { BookEvent, Customer, CustomerId, EventKind } from '../../domain/types';
import type { ShardRecord, StoredFacts } from '../../storage/schema';
import { shardFacts } from '../../domain/risk/facts';
import { PROFILE_INDICATORS, profileFacts } from '../../domain/risk/profile-facts';
import type { RiskModel } from '../../domain/risk/model';
import type { Override } from '../../domain/risk/snapshots';
import { FactsCache, gatherFacts } from './facts-cache';
import { CustomerList } from './list';
import { Positions } from './positions';
import { historyPositions } from './history';
import { RiskState, type HistoryColumns, type RiskRecords } from './risk';
import { Shards } from './shards';

export type { RiskRecords };
export { emptyTables } from './shards';

export class Book {
  private readonly shards: Shards;
  /** The list: one entry per customer, in the order customers were first seen. */
  private readonly customers: CustomerList;
  private readonly table: ListTable;
  readonly positions: Positions; // where each customer sits: `of(no)` serves loops over a whole shard
  private readonly facts: FactsCache;
  readonly risk: RiskState;
  /** How long each step of building this book took, in ms (shown in settings, read by the bench). */
  readonly phases: Record<string, number> = {};
  /** Bumped whenever data or scores change: what is derived from the whole book is cached against it. */
  changes = 0;
  /** The analysis date the user chose (null: the clock's day); the session's clock reads it. */
  chosenAsOf: string | null;

  /** A book of `records` assessed on day number `asOfDay`. */
  constructor(records: ShardRecord[], readonly shardCount: number, public nextEventId: number, private asOfDay: number, readonly locale: string, saved: RiskRecords = {}) {
    this.risk = new RiskState(saved.model);
    this.chosenAsOf = saved.asOf ?? null;
    this.risk.lifetime = saved.lifetime ?? null;
    for (const o of saved.overrides ?? []) this.risk.overrides.set(o.customerId, o);
    this.shards = new Shards(records, shardCount);
    const customers = this.shards.customerCount;
    this.customers = new CustomerList(customers, locale);
    this.table = this.customers.table;
    this.positions = new Positions(shardCount, (size) => {
      reserve(this.table, size - 1);
      this.risk.grow(size);
    });
    this.positions.reserve(customers);
    this.facts = new FactsCache(saved.facts);
    let t = performance.now();
    const lap = (phase: string) => {
      const now = performance.now();
      this.phases[phase] = Math.round(now - t);
      t = now;
    };
    for (const shard of this.shards.all) this.index(shard);
    lap('index');
    saved.history?.forEach((h, no) => h && this.loadHistory(no, h));
    lap('history');
    this.recompute(null);
    lap('score');
  }

  /** A shard's stored history (its scores and alert conditions) at its customers' positions. */
  private loadHistory(no: number, h: HistoryColumns): void {
    const { ids, at } = this.positions.of(no);
    const positions = historyPositions(h, ids, at);
    this.risk.scoreHistory.load(no, h, positions, this.asOfDay);
    if (h.cond) this.risk.watch.load(h.cond, positions);
  }

  /**
   * The pipeline after the indicators of `positions` (null: every customer) were put: the
   * book-wide indicators and probability alive, then scores (of those positions and of any
   * whose duplicate flag turned), then the snapshots due and the alert firings — nothing kept
   * while a draft is being tried. Returns how many snapshots were kept.
   */
  private recompute(positions: ArrayLike<number> | null): number {
    const turned = this.risk.indicators.bookWide(this.table, positions, this.asOfDay);
    // The first invoice (or the last complaint) of a book changes what is scored for everyone.
    const present = this.shards.present(), same = present.every((v, d) => v === this.risk.present[d]);
    this.risk.present = present;
    return this.rescore(positions && same ? [...Array.from(positions), ...turned] : null);
  }

  /** Scores `positions` (null: all) under the live model and keeps what is due. */
  private rescore(positions: ArrayLike<number> | null): number {
    this.risk.score(this.table, this.asOf, positions ?? undefined);
    this.touched();
    if (this.risk.trying) return 0;
    return this.risk.keep(this.table, (i) => this.positions.shardOf(i), this.asOfDay, positions);
  }

  private touched(): void {
    this.customers.changed();
    this.changes++;
  }

  /** The segment settings or rules changed: segments and filtered lists are derived again. */
  segmentsChanged(): void {
    this.touched();
  }

  /** The assessment day as a day number, and as `YYYY-MM-DD`. */
  get asOfDayNumber(): number { return this.asOfDay; }
  get asOf(): string { return isoFromDay(this.asOfDay); }

  /** Moves the assessment day (figures depend on it); recomputes only when the day changed. */
  setAsOf(iso: string): void {
    const day = dayFromIso(iso);
    if (day === this.asOfDay) return;
    this.asOfDay = day;
    this.recomputeAll();
  }

  /** Recomputes everything that depends on the day or the data (indicators, figures), then scores. */
  recomputeAll(): number {
    for (const shard of this.shards.all) this.index(shard);
    return this.recompute(null);
  }

  /** Applies a new live model. */
  setModel(model: RiskModel): number {
    this.risk.publish(model);
    return this.rescore(null);
  }

  get trying(): boolean { return this.risk.trying; }

  /** A trainer's what-if (see `RiskState.tryModel`): the list re-ranks live; nothing is kept. */
  tryModel(draft: RiskModel | null): void {
    this.risk.tryModel(draft);
    this.risk.score(this.table, this.asOf);
    this.touched();
  }

  /** Puts or removes (null) an override, and regrades that customer. */
  setOverride(id: string, override: Override | null): void {
    if (override) this.risk.overrides.set(id, override);
    else this.risk.overrides.delete(id);
    const at = this.positionOf(id);
    if (at !== undefined) this.risk.score(this.table, this.asOf, [at]);
    this.touched();
  }

  positionOf(id: string): number | undefined { return this.positions.positionOf(this.shardNo(id), id); }

  /** The list line of one customer. */
  rowOfCustomer(id: string): CustomerRow | undefined {
    const at = this.positionOf(id);
    return at === undefined ? undefined : this.customers.rowAt(at);
  }

  /** The list line at a position. */
  rowAt(position: number): CustomerRow { return this.customers.rowAt(position); }

  /** The list table (read-only use: overview figures, previews). */
  get list(): ListTable { return this.table; }

  shardOfPosition(i: number): number { return this.positions.shardOf(i); }
  get customerCount(): number { return this.table.n; }
  get eventCount(): number { return this.shards.eventCount; }
  /** The day of the newest event of the book (NO_DAY when it has none). */
  get newestEventDay(): number { return this.shards.newestDay(); }
  shardNo(id: string): number { return this.shards.noOf(id); }

  /** (Re)computes the list entries and indicators of a shard's customers (the pipeline's first step). */
  private index(shard: ShardRecord): void {
    const placed = this.positions.of(shard.no);
    if (placed.customers === shard.customers) {
      // Same customers (another day, a rescore): only figures and indicators change.
      const facts = shardFacts(shard.customers, shard.events, this.asOfDay);
      putFigures(this.table, facts.figures, placed.at);
      this.risk.indicators.put(facts.values, placed.at, null);
      this.facts.computed(shard.no, shard.rev, this.asOfDay);
      this.touched();
      return;
    }
    // A customer keeps its place in the table; a new one is added at the end.
    const at = this.positions.place(shard.no, shard.customers);
    // Facts stored for this very revision of the shard, on this day, are read instead of recomputed.
    const stored = this.facts.take(shard.no, shard.rev, this.asOfDay, shard.customers.n);
    const facts = stored ?? shardFacts(shard.customers, shard.events, this.asOfDay);
    putRows(this.table, shard.customers, facts.figures, at);
    this.risk.indicators.put(facts.values, at, stringsOf(shard.customers.cols.name as StrColumn), stored?.nameHash);
    this.touched();
  }

  /** The shards whose stored facts are missing or stale (see `factsOf`). */
  get factsDirty(): Set<number> { return this.facts.dirty; }

  /** Notes that `factsOf(no)` was stored. */
  factsStored(facts: StoredFacts): void {
    this.facts.stored(facts);
  }

  /** A shard's facts as they are now in memory, to be stored for the next open. */
  factsOf(no: number): StoredFacts { return gatherFacts(no, this.shards.get(no).rev ?? 0, this.asOfDay, this.positions.of(no).at, this.risk.values, this.table, this.risk.nameKeys); }

  /** One page of the list for `query` (within `keep`'s customers when it has a segment). */
  page(query: ListQuery, offset: number, limit: number, keep?: () => Uint8Array): { total: number; rows: CustomerRow[] } {
    return this.customers.page(query, offset, limit, keep);
  }

  /** The ids of every customer of the list for `query`, in its order. */
  idsOf(query: ListQuery, keep?: () => Uint8Array): string[] {
    return Array.from(this.customers.order(query, keep), (p) => this.table.id[p]);
  }

  facets() { return this.customers.facets(); }

  customer(id: string): Customer | undefined { return this.shards.customer(id); }

  /** Every event of one customer, newest first. */
  eventsOf(id: string): BookEvent[] { return this.shards.eventsOf(id); }

  /** The shard record after putting `customer` (new or changed). */
  withCustomer(customer: Customer): ShardRecord { return this.shards.withCustomer(customer); }

  /** The shard record after replacing (same id) or adding `event`, or removing event `removeId`. */
  withEvent(customerId: CustomerId, kind: EventKind, change: { put?: BookEvent; removeId?: number }): ShardRecord { return this.shards.withEvent(customerId, kind, change); }

  /** The current record of shard `no`. */
  shard(no: number): ShardRecord { return this.shards.get(no); }

  /**
   * Makes a persisted shard record the current one and rescores its customers (and any whose
   * duplicate flag the change turned); other customers' revenue shares move a little and are
   * brought up to date by the next full rescore.
   */
  commit(shard: ShardRecord, changed?: readonly string[]): number {
    const placed = this.positions.of(shard.no);
    this.shards.put(shard);
    const rows = changed && placed.customers ? changed.map((id) => placed.ids.indexOf(id)) : [];
    if (changed && rows.every((r) => r >= 0) && this.positions.sameIds(shard.no, shard.customers)) return this.commitCustomers(shard, rows);
    this.index(shard);
    return this.recompute(this.positions.of(shard.no).at);
  }

  /** Makes several persisted shard records current at once (an import or its undo) and rescores their customers. */
  commitMany(shards: readonly ShardRecord[]): number {
    for (const shard of shards) {
      this.shards.put(shard);
      this.index(shard);
    }
    return this.recompute(shards.flatMap((s) => Array.from(this.positions.of(s.no).at)));
  }

  /**
   * Makes persisted shard records current whose customers' profiles alone changed (same ids in
   * the same order, the same events: a bulk edit): their list columns and the profile-only
   * indicators are put, the event-derived ones kept, and they are rescored. Any other record
   * goes through `commitMany`.
   */
  commitProfiles(shards: readonly ShardRecord[]): number {
    const other = shards.filter((s) => s.events !== this.shards.get(s.no).events || !this.positions.sameIds(s.no, s.customers));
    if (other.length) return this.commitMany(shards);
    const at: number[] = [];
    for (const shard of shards) {
      this.shards.put(shard);
      const placed = this.positions.of(shard.no);
      const values: Float32Array[] = [];
      for (const k of PROFILE_INDICATORS) values[k] = new Float32Array(shard.customers.n);
      profileFacts(shard.customers, this.asOfDay, values);
      putProfiles(this.table, shard.customers, placed.at);
      this.positions.restamp(shard.no, shard.customers);
      this.facts.dirty.add(shard.no);
      this.risk.indicators.putSome(PROFILE_INDICATORS, values, placed.at);
      this.risk.indicators.putNames(placed.at, stringsOf(shard.customers.cols.name as StrColumn));
      at.push(...placed.at);
    }
    return this.recompute(at);
  }

  /**
   * An edit of known customers (`rows` of the shard): only they are recomputed, from their
   * own events, and rescored (DESIGN §8: one customer in ≤ 20 ms, whatever the book's size).
   */
  private commitCustomers(shard: ShardRecord, rows: readonly number[]): number {
    const placed = this.positions.of(shard.no);
    const at = Int32Array.from(rows, (r) => placed.at[r]);
    const some = encodeCustomers(rows.map((r) => customerAt(shard.customers, r)));
    const facts = shardFacts(some, shard.events, this.asOfDay);
    putProfiles(this.table, some, at);
    putFigures(this.table, facts.figures, at);
    this.positions.restamp(shard.no, shard.customers);
    this.facts.dirty.add(shard.no);
    this.risk.indicators.put(facts.values, at, stringsOf(some.cols.name as StrColumn));
    return this.recompute(at);
  }
}
