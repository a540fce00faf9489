// The open workspace as the worker holds it: shards of customers and event columns, plus
// the list rows derived from them. Edits produce a new shard record; the caller persists
// it and only then commits it here, so memory never runs ahead of the disk.

import { customerAt, emptyColumns, encodeCustomers, type Columns, type StrColumn } from '../../domain/columns';
import { dayFromIso, isoFromDay } from '../../domain/dates';
import { FIGURE_KEYS, type EventTables, type FigureColumns } from '../../domain/figures';
import { emptyTable, facetsOf, putFigures, putProfiles, putRows, rowOf, selectRows, type CustomerRow, type ListQuery, type ListTable } from '../../domain/query';
import { hashString } from '../../domain/random';
import { EVENT_KINDS, type BookEvent, type Customer, type CustomerId, type EventKind } from '../../domain/types';
import { FACTS_FORMAT, type ShardRecord, type StoredFacts } from '../../storage/schema';
import { shardFacts } from '../../domain/risk/facts';
import type { RiskModel } from '../../domain/risk/model';
import type { Override } from '../../domain/risk/snapshots';
import { RiskState, type HistoryColumns, type Lifetime } from './risk';
import { eventsOfCustomer, shardWithCustomer, shardWithEvent } from './shard-edits';

/** What the workspace keeps about risk besides its data. */
export interface RiskRecords {
  /** The lifetime fit stored for a day (used when it is today's). */
  lifetime?: Lifetime;
  /** Stored facts by shard number, used where they match the shard and the day. */
  facts?: (StoredFacts | undefined)[];
  model?: RiskModel;
  overrides?: Override[];
  /** Score history by shard number. */
  history?: (HistoryColumns | undefined)[];
}

export function emptyTables(): EventTables {
  return Object.fromEntries(EVENT_KINDS.map((k) => [k, emptyColumns(k)])) as EventTables;
}

export class Book {
  private readonly shards: ShardRecord[];
  /** One entry per customer, in the order customers were first seen. */
  private readonly table: ListTable;
  /** Per shard: its customers' ids and their positions in `table`, in column order. */
  private readonly placed: { ids: string[]; at: Int32Array; customers: Columns | null }[];
  /** The shard of each position. */
  private shardOfPos = new Uint16Array(0);
  private selection: { key: string; order: Uint32Array } | null = null;
  private readonly collator: Intl.Collator;
  readonly risk: RiskState;

  constructor(records: ShardRecord[], readonly shardCount: number, public nextEventId: number, private asOfDay: number, readonly locale: string, saved: RiskRecords = {}) {
    this.risk = new RiskState(saved.model);
    this.risk.day = asOfDay;
    this.risk.lifetime = saved.lifetime ?? null;
    for (const o of saved.overrides ?? []) this.risk.overrides.set(o.customerId, o);
    this.collator = new Intl.Collator(locale, { numeric: true, sensitivity: 'base' });
    this.shards = Array.from({ length: shardCount }, (_, no) => ({ no, customers: emptyColumns('customer'), events: emptyTables() }));
    let customers = 0;
    for (const r of records) {
      this.shards[r.no] = r;
      customers += r.customers.n;
    }
    this.table = emptyTable(customers);
    this.risk.reserve(customers);
    this.placed = this.shards.map(() => ({ ids: [], at: new Int32Array(0), customers: null }));
    this.storedFacts = [...(saved.facts ?? [])];
    let t = performance.now();
    const lap = (phase: string) => {
      const now = performance.now();
      this.phases[phase] = Math.round(now - t);
      t = now;
    };
    for (const shard of this.shards) this.index(shard);
    lap('index');
    this.risk.bookWide(this.table);
    lap('bookWide');
    saved.history?.forEach((h, no) => {
      if (!h) return;
      const { ids, at } = this.placed[no];
      let position: Map<string, number> | null = null;
      // History ids were first kept in the shard's own order: usually a match without a map.
      this.risk.loadHistory(no, h, (id, code) => {
        if (ids[code] === id) return at[code];
        position ??= new Map(ids.map((x, i) => [x, at[i]]));
        return position.get(id);
      }, this.asOfDay);
    });
    lap('history');
    this.rescore();
    lap('score');
  }

  /** How long each step of building this book took, in ms (shown in settings, read by the bench). */
  readonly phases: Record<string, number> = {};

  /** Bumped whenever data or scores change: what is derived from the whole book is cached against it. */
  changes = 0;

  private touched(): void {
    this.selection = null;
    this.changes++;
  }

  /** The segment settings or rules changed: segments and filtered lists are derived again. */
  segmentsChanged(): void {
    this.touched();
  }

  /** The assessment day as a day number. */
  get asOfDayNumber(): number {
    return this.asOfDay;
  }

  /** The assessment day, `YYYY-MM-DD`. */
  get asOf(): string {
    return isoFromDay(this.asOfDay);
  }

  /** Scores every customer under the live model and keeps the snapshots due; returns how many were kept. */
  rescore(): number {
    this.risk.score(this.table, this.asOf);
    this.touched();
    return this.keep(null);
  }

  /**
   * After scoring every position (or those given): the snapshots due and the alert rules'
   * firings; nothing while a draft is being tried. Returns how many snapshots were kept.
   */
  private keep(positions: ArrayLike<number> | null): number {
    if (this.trial) return 0;
    const shardOf = (i: number) => this.shardOfPos[i];
    const kept = this.risk.snapshot(this.table, shardOf, this.asOfDay, positions);
    this.risk.evaluate(this.table, shardOf, positions);
    return kept;
  }

  /** Recomputes everything that depends on the day or the data (indicators, figures), then scores. */
  recomputeAll(): number {
    for (const shard of this.shards) this.index(shard);
    this.risk.bookWide(this.table);
    return this.rescore();
  }

  /** Applies a new live model. */
  setModel(model: RiskModel): number {
    this.trial = null;
    this.risk.model = model;
    return this.rescore();
  }

  /** The published model while a draft is tried (see `tryModel`). */
  private trial: { live: RiskModel } | null = null;

  get trying(): boolean {
    return this.trial !== null;
  }

  /**
   * A trainer's what-if: scores the book under `draft` (null: back to the published model)
   * so the list re-ranks live; nothing is kept — no snapshot, no alert, nothing written.
   */
  tryModel(draft: RiskModel | null): void {
    if (draft) {
      this.trial ??= { live: this.risk.model };
      this.risk.model = draft;
    } else if (this.trial) {
      this.risk.model = this.trial.live;
      this.trial = null;
    }
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

  positionOf(id: string): number | undefined {
    const { ids, at } = this.placed[this.shardNo(id)];
    const i = ids.indexOf(id);
    return i < 0 ? undefined : at[i];
  }

  /** The list line of one customer. */
  rowOfCustomer(id: string): CustomerRow | undefined {
    const at = this.positionOf(id);
    return at === undefined ? undefined : rowOf(this.table, at);
  }

  /** The list table (read-only use: overview figures, previews). */
  get list(): ListTable {
    return this.table;
  }

  shardOfPosition(i: number): number {
    return this.shardOfPos[i];
  }

  get customerCount(): number {
    return this.table.n;
  }

  get eventCount(): number {
    let n = 0;
    for (const s of this.shards) for (const k of EVENT_KINDS) n += s.events[k].n;
    return n;
  }

  shardNo(id: string): number {
    return hashString(id) % this.shardCount;
  }

  /** (Re)computes the list entries of a shard's customers. */
  private index(shard: ShardRecord): void {
    const placed = this.placed[shard.no];
    if (placed.customers === shard.customers) {
      // Same customers (another day, a rescore): only figures and indicators change.
      const facts = shardFacts(shard.customers, shard.events, this.asOfDay);
      putFigures(this.table, facts.figures, placed.at);
      this.risk.put(facts.values, placed.at, null);
      if (this.storedStamp[shard.no] !== stamp(shard.rev, this.asOfDay)) this.factsDirty.add(shard.no);
      this.touched();
      return;
    }
    const ids = shard.customers.cols.id as StrColumn;
    const shardIds = new Array<string>(ids.idx.length);
    for (let i = 0; i < ids.idx.length; i++) shardIds[i] = ids.dict[ids.idx[i]];
    // A customer keeps its place in the table; a new one is added at the end.
    const before = this.placed[shard.no];
    const was = before.ids.length ? new Map(before.ids.map((id, i) => [id, before.at[i]])) : null;
    const at = new Int32Array(shardIds.length);
    let next = this.table.n;
    for (let i = 0; i < shardIds.length; i++) at[i] = was?.get(shardIds[i]) ?? next++;
    // Facts stored for this very revision of the shard, today, are read instead of recomputed.
    const stored = this.storedFacts[shard.no];
    const valid = stored && stored.rev === (shard.rev ?? 0) && stored.day === this.asOfDay && stored.format === FACTS_FORMAT && stored.nameHash.length === shard.customers.n;
    const facts = valid ? stored : shardFacts(shard.customers, shard.events, this.asOfDay);
    if (!valid) this.factsDirty.add(shard.no);
    else this.storedStamp[shard.no] = stamp(shard.rev, this.asOfDay);
    this.storedFacts[shard.no] = undefined;
    putRows(this.table, shard.customers, facts.figures, at);
    this.placed[shard.no] = { ids: shardIds, at, customers: shard.customers };
    if (this.shardOfPos.length < this.table.n) {
      const bigger = new Uint16Array(Math.max(this.table.n, this.shardOfPos.length * 2, 16));
      bigger.set(this.shardOfPos);
      this.shardOfPos = bigger;
    }
    for (const p of at) this.shardOfPos[p] = shard.no;
    this.risk.reserve(this.table.n);
    const names = shard.customers.cols.name as StrColumn;
    const shardNames = new Array<string>(names.idx.length);
    for (let i = 0; i < shardNames.length; i++) shardNames[i] = names.dict[names.idx[i]];
    this.risk.put(facts.values, at, shardNames, valid ? stored.nameHash : undefined);
    this.touched();
  }

  /** The shards whose stored facts are missing or stale (see `factsOf`). */
  readonly factsDirty = new Set<number>();
  /** Per shard: the revision and day of the facts on disk. */
  private readonly storedStamp: string[] = [];

  /** Notes that `factsOf(no)` was stored. */
  factsStored(facts: StoredFacts): void {
    this.storedStamp[facts.no] = stamp(facts.rev, facts.day);
  }
  private storedFacts: (StoredFacts | undefined)[] = [];

  /** A shard's facts as they are now in memory, to be stored for the next open. */
  factsOf(no: number): StoredFacts {
    const { at } = this.placed[no];
    const gather = <T extends Float32Array | Float64Array>(from: ArrayLike<number>, make: (n: number) => T): T => {
      const out = make(at.length);
      for (let i = 0; i < at.length; i++) out[i] = from[at[i]];
      return out;
    };
    const f64 = (from: ArrayLike<number>) => gather(from, (n) => new Float64Array(n));
    const t = this.table;
    return {
      no, rev: this.shards[no].rev ?? 0, day: this.asOfDay, format: FACTS_FORMAT,
      values: this.risk.values.map((v) => gather(v, (n) => new Float32Array(n))),
      figures: Object.fromEntries(FIGURE_KEYS.map((k) => [k, f64(t[k])])) as unknown as FigureColumns,
      nameHash: f64(this.risk.nameKeys),
    };
  }

  /** One page of the list for `query` (within `keep`'s customers when it has a segment); the sorted order is cached while the data is unchanged. */
  page(query: ListQuery, offset: number, limit: number, keep?: () => Uint8Array): { total: number; rows: CustomerRow[] } {
    const key = JSON.stringify(query);
    if (this.selection?.key !== key) this.selection = { key, order: selectRows(this.table, query, this.collator.compare, keep?.()) };
    const { order } = this.selection;
    const rows: CustomerRow[] = [];
    for (let i = offset; i < Math.min(order.length, offset + limit); i++) rows.push(rowOf(this.table, order[i]));
    return { total: order.length, rows };
  }

  facets() {
    return facetsOf(this.table);
  }

  customer(id: string): Customer | undefined {
    const { customers } = this.shards[this.shardNo(id)];
    const ids = customers.cols.id as StrColumn;
    const code = ids.dict.indexOf(id);
    const i = code < 0 ? -1 : ids.idx.indexOf(code);
    return i < 0 ? undefined : customerAt(customers, i);
  }

  /** Every event of one customer, newest first. */
  eventsOf(id: string): BookEvent[] {
    return eventsOfCustomer(this.shards[this.shardNo(id)], id);
  }

  /** The shard record after putting `customer` (new or changed). */
  withCustomer(customer: Customer): ShardRecord {
    return shardWithCustomer(this.shards[this.shardNo(customer.id)], customer);
  }

  /** The shard record after replacing (same id) or adding `event`, or removing event `removeId`. */
  withEvent(customerId: CustomerId, kind: EventKind, change: { put?: BookEvent; removeId?: number }): ShardRecord {
    return shardWithEvent(this.shards[this.shardNo(customerId)], kind, change);
  }

  /**
   * Makes a persisted shard record the current one and rescores its customers (and any whose
   * duplicate flag the change turned); other customers' revenue shares move a little and are
   * brought up to date by the next full rescore.
   */
  commit(shard: ShardRecord, changed?: readonly string[]): number {
    const placed = this.placed[shard.no];
    this.shards[shard.no] = shard;
    const rows = changed && placed.customers ? changed.map((id) => placed.ids.indexOf(id)) : [];
    if (changed && rows.every((r) => r >= 0) && sameIdsAs(placed.ids, shard.customers)) return this.commitCustomers(shard, rows);
    this.index(shard);
    const turned = this.risk.bookWide(this.table, this.placed[shard.no].at);
    const positions = [...this.placed[shard.no].at, ...turned];
    this.risk.score(this.table, this.asOf, positions);
    return this.keep(positions);
  }

  /** Makes several persisted shard records current at once (an import or its undo) and rescores their customers. */
  commitMany(shards: readonly ShardRecord[]): number {
    for (const shard of shards) {
      this.shards[shard.no] = shard;
      this.index(shard);
    }
    const at = shards.flatMap((s) => Array.from(this.placed[s.no].at));
    const turned = this.risk.bookWide(this.table, at);
    const positions = [...at, ...turned];
    this.risk.score(this.table, this.asOf, positions);
    this.touched();
    return this.keep(positions);
  }

  /** The current record of shard `no`. */
  shard(no: number): ShardRecord {
    return this.shards[no];
  }

  /**
   * An edit of known customers (`rows` of the shard): only they are recomputed, from their
   * own events, and rescored (DESIGN §8: one customer in ≤ 20 ms, whatever the book's size).
   */
  private commitCustomers(shard: ShardRecord, rows: readonly number[]): number {
    const placed = this.placed[shard.no];
    const at = Int32Array.from(rows, (r) => placed.at[r]);
    const some = encodeCustomers(rows.map((r) => customerAt(shard.customers, r)));
    const facts = shardFacts(some, shard.events, this.asOfDay);
    putProfiles(this.table, some, at);
    putFigures(this.table, facts.figures, at);
    placed.customers = shard.customers;
    this.factsDirty.add(shard.no);
    const names = some.cols.name as StrColumn;
    this.risk.put(facts.values, at, Array.from(names.idx, (c) => names.dict[c]));
    const turned = this.risk.bookWide(this.table, at);
    const positions = [...at, ...turned];
    this.risk.score(this.table, this.asOf, positions);
    this.touched();
    return this.keep(positions);
  }

  /** Moves "today" (figures depend on it); recomputes only when the day changed. */
  setAsOf(iso: string): void {
    const day = dayFromIso(iso);
    if (day === this.asOfDay) return;
    this.asOfDay = day;
    this.risk.day = day;
    this.recomputeAll();
  }
}

/** Whether a shard's customer columns hold exactly `ids`, in that order. */
function sameIdsAs(ids: readonly string[], customers: Columns): boolean {
  const col = customers.cols.id as StrColumn;
  if (customers.n !== ids.length) return false;
  for (let i = 0; i < ids.length; i++) if (col.dict[col.idx[i]] !== ids[i]) return false;
  return true;
}

const stamp = (rev: number | undefined, day: number) => `${rev ?? 0}:${day}`;
