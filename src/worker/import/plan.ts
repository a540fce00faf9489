// Import of a CSV or JSON file into the open book (DESIGN §6), in two steps. `previewImport`
// reads, parses (PapaParse, in this worker, yielding between chunks so that a cancel gets
// in), maps and checks every row against the book and writes nothing: it returns the counts
// of new, updated, unchanged and rejected records and every problem with its row and column.
// `commitImport` then writes all changed shards and the batch in one transaction, so that the
// workspace is either as before or fully imported; `undoImport` takes a batch back.

import type { ImportOptions, ImportPreview } from '../contract';
import { decodeCustomers, decodeEvents, encodeCustomers, encodeEvents, type ColumnsBuilder } from '../../domain/columns';
import { detectEncoding, type Encoding } from '../../domain/import/encoding';
import type { ImportKind } from '../../domain/import/fields';
import type { DateOrder } from '../../domain/import/values';
import type { Batch, BatchId, BookEvent, Customer, CustomerId, EventKind, ImportCounts, ImportRecord, Issue } from '../../domain/types';
import type { ShardRecord } from '../../storage/schema';
import { readMeta, writeMeta, writeShards } from '../../storage/workspace-repo';
import { isJson, parseJson, readText } from './file';
import { MAPPINGS, Planner } from './planner';
import type { Job } from '../session/jobs';
import type { Book } from '../book/book';
import { load } from '../book/load';
import type { Open } from '../session/session';



/** What a preview would write to one shard: customers to put, and the events of the kind as they would stand. */
export interface ShardChange {
  customers: Map<string, Customer>;
  /** Per kind, the stored columns with rows replaced and new rows appended (absent while untouched). */
  events: Partial<Record<EventKind, ColumnsBuilder<EventKind>>>;
}

/** The records a preview would write, kept until it is committed or replaced. */
export interface Plan {
  token: string;
  book: Book;
  changes: number;
  preview: ImportPreview;
  layout: string;
  shards: Map<number, ShardChange>;
  previousCustomers: Customer[];
  createdCustomers: string[];
  previousEvents: BookEvent[];
  /** The ids new events get, numbered in file order: `firstId` up to `nextId - 1`. */
  firstId: number;
  nextId: number;
  stamp: number;
  batch: BatchId;
  /** For a merge: how the batch is marked, and what is written after it (the sync point). */
  onCommit?: (batch: Batch) => void;
  afterCommit?: () => Promise<void>;
}

let pending: Plan | null = null;

/** Makes `plan` the one a commit writes (a merge builds its plan itself). */
export function setPending(plan: Plan): void {
  pending = plan;
}

/** Reads, maps and checks a file against the open book; writes nothing. */
export async function previewImport(o: Open, file: File, options: ImportOptions, job: Job): Promise<ImportPreview> {
  const head = new Uint8Array(await file.slice(0, 64 * 1024).arrayBuffer());
  const detected = detectEncoding(head);
  const encoding = options.encoding ?? detected;
  const text = await readText(file, encoding, job);
  const json = isJson(file, text) ? parseJson(text) : null;
  let planner = new Planner(o, file, options, encoding, detected, options.dateOrder ?? null);
  await planner.run(text, json, job);
  // Day or month first: settled by the data where a cell decides (checked again with it
  // when some cells could not be read without it), else asked.
  const order = planner.dateEvidence();
  if (options.dateOrder == null && (order === 'dmy' || order === 'mdy') && planner.ambiguousDates) {
    planner = new Planner(o, file, options, encoding, detected, order);
    await planner.run(text, json, job);
  }
  const settled = options.dateOrder ?? (order === 'dmy' || order === 'mdy' ? order : null);
  const plan = planner.finish(settled, options.dateOrder == null && order === null && planner.slashedDates > 0);
  pending = plan;
  return plan.preview;
}

/** The shard with customers put and the kind's events as the plan built them. */
function applyToShard(shard: ShardRecord, change: ShardChange): ShardRecord {
  let customers = shard.customers;
  if (change.customers.size) {
    const list = decodeCustomers(shard.customers);
    const at = new Map(list.map((c, i) => [c.id as string, i]));
    for (const c of change.customers.values()) {
      const i = at.get(c.id);
      if (i === undefined) list.push(c);
      else list[i] = c;
    }
    customers = encodeCustomers(list);
  }
  const events = { ...shard.events };
  for (const [kind, builder] of Object.entries(change.events) as [EventKind, ColumnsBuilder<EventKind>][]) events[kind] = builder.finish();
  return { ...shard, rev: (shard.rev ?? 0) + 1, customers, events };
}

/**
 * Writes the pending preview's changes: every changed shard, the counters and the batch in one
 * transaction, then makes them current. 'stale' when the book changed since the preview.
 */
export async function commitImport(o: Open, token: string): Promise<{ ok: true; batch: Batch } | { ok: false; code: 'stale' | 'not_found' | 'invalid' }> {
  const plan = pending;
  if (!plan || plan.token !== token) return { ok: false, code: 'not_found' };
  if (plan.book !== o.book || plan.changes !== o.book.changes || plan.firstId !== o.book.nextEventId) return { ok: false, code: 'stale' };
  if (plan.preview.missing.length || plan.preview.dateOrderNeeded) return { ok: false, code: 'invalid' };
  const book = o.book;
  const kind = plan.preview.kind;
  const shards = [...plan.shards.entries()].map(([no, change]) => applyToShard(book.shard(no), change));
  const kinds = [...new Set([...plan.shards.values()].flatMap((c) => Object.keys(c.events) as EventKind[]))];
  const record: ImportRecord = {
    kind, kinds, counts: plan.preview.counts, stamp: plan.stamp, createdCustomers: plan.createdCustomers, previousCustomers: plan.previousCustomers,
    addedEvents: { from: plan.firstId, to: plan.nextId - 1 }, previousEvents: plan.previousEvents,
  };
  const batch: Batch = { id: plan.batch, kind: 'import', label: plan.preview.fileName, createdAt: plan.stamp, import: record };
  plan.onCommit?.(batch);
  await writeShards(o.db, shards, { shardCount: book.shardCount, nextEventId: plan.nextId }, batch);
  if (plan.afterCommit) await plan.afterCommit();
  book.nextEventId = plan.nextId;
  book.commitMany(shards);
  if (plan.layout) {
    const mappings = (await readMeta<Record<string, (string | null)[]>>(o.db, MAPPINGS)) ?? {};
    await writeMeta(o.db, MAPPINGS, { ...mappings, [plan.layout]: plan.preview.mapping });
  }
  pending = null;
  return { ok: true, batch };
}

/**
 * Takes an import back: its new customers and events go, the customers and events it changed
 * get their earlier versions back — except customers edited since (kept, and counted).
 */
export async function undoImport(o: Open, batch: Batch): Promise<{ shards: ShardRecord[]; keptEdited: number; batch: Batch }> {
  const rec = batch.import!;
  const book = o.book;
  const created = new Set(rec.createdCustomers);
  const previous = new Map(rec.previousCustomers.map((c) => [c.id as string, c]));
  const previousEvents = new Map(rec.previousEvents.map((e) => [e.id as number, e]));
  const touched = new Set<number>([...created, ...previous.keys()].map((id) => book.shardNo(id)));
  // A merge adds events of several kinds; an import, of its one kind.
  const kinds = rec.kinds ?? (rec.kind === 'customer' ? [] : [rec.kind]);
  // Events added or replaced may sit in any shard: every shard with events of the batch's range.
  if (kinds.length) for (let no = 0; no < book.shardCount; no++) touched.add(no);
  let keptEdited = 0;
  const shards: ShardRecord[] = [];
  for (const no of touched) {
    const shard = book.shard(no);
    let changed = false;
    let customers = shard.customers;
    if (created.size || previous.size) {
      const list = decodeCustomers(shard.customers);
      const next: Customer[] = [];
      for (const c of list) {
        const mine = c.updatedAt === (rec.stamps?.[c.id] ?? rec.stamp);
        if (created.has(c.id) || previous.has(c.id)) {
          if (!mine) {
            keptEdited++;
            next.push(c);
            continue;
          }
          changed = true;
          if (previous.has(c.id)) next.push(previous.get(c.id)!);
          continue;
        }
        next.push(c);
      }
      if (changed) customers = encodeCustomers(next);
    }
    let events = shard.events;
    for (const kind of kinds) {
      const list = decodeEvents(kind, shard.events[kind]) as BookEvent[];
      const next = list.filter((e) => !(e.id >= rec.addedEvents.from && e.id <= rec.addedEvents.to)).map((e) => previousEvents.get(e.id) ?? e);
      if (next.length !== list.length || list.some((e) => previousEvents.has(e.id))) {
        events = { ...events, [kind]: encodeEvents(kind, next as never) };
        changed = true;
      }
    }
    if (changed) shards.push({ ...shard, rev: (shard.rev ?? 0) + 1, customers, events });
  }
  const undone: Batch = { ...batch, import: { ...rec, undoneAt: Date.now() } };
  await writeShards(o.db, shards, { shardCount: book.shardCount, nextEventId: book.nextEventId }, undone);
  // The list keeps a customer's place for good, so customers removed mean a book read afresh.
  const removed = shards.some((s) => s.customers.n < book.shard(s.no).customers.n);
  if (removed) Object.assign(o, await load(o.db, book.locale));
  else book.commitMany(shards);
  return { shards, keptEdited, batch: undone };
}

/** Drops a preview that will not be committed. */
export function discardImport(): void {
  pending = null;
}
