// The plan of an import or a merge: what a preview (preview.ts, merge.ts) would write, kept
// until it is committed or dropped. `commitImport` writes every changed shard, the counters and
// the batch in one transaction, so that the workspace is either as before or fully imported.

import type { ImportPreview } from '../contract';
import { decodeCustomers, encodeCustomers, type ColumnsBuilder } from '../../domain/columns';
import type { Batch, BatchId, BookEvent, Customer, EventKind, ImportRecord } from '../../domain/types';
import type { ShardRecord } from '../../storage/schema';
import { readMeta, writeShards, type RespondWrite } from '../../storage/workspace-repo';
import { applyRecords } from './merge-records';
import type { LayoutSettings } from '../../domain/import/layout';
import type { Book } from '../book/book';
import type { OpenBook } from '../session/open-book';

/** Where the column mappings the user confirmed are remembered, by file layout. */
export const MAPPINGS = 'importMappings';

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
  /** For a merge: the colleague's actions and reviews written with the batch. */
  respond?: RespondWrite;
  /** What the layout's choices are remembered as, and other meta records written with the batch (the book's custom fields). */
  remember?: LayoutSettings;
  meta?: { key: string; value: unknown }[];
  /** Merged-away customer ids and the ids kept (see domain/removals.ts): a row of one is about the kept customer. */
  aliases?: Map<string, string>;
  /** Customers erased on request (by `erasedKey`, see domain/removals.ts; absent when none is): their rows are left out. */
  erased?: Record<string, number>;
}

/** The parts of a preview a file without layout choices (a merge's) has. */
export const PLAIN_PREVIEW = (currency: string): Pick<ImportPreview, 'delimiter' | 'header' | 'headerGuessed' | 'suggested' | 'rules' | 'skippedByRule' | 'blanks' | 'rejectBlank' | 'twoDigitYears' | 'custom' | 'grouped' | 'currency' | 'bookCurrency'> => ({
  delimiter: ',', header: true, headerGuessed: false, suggested: [], rules: [], skippedByRule: [], blanks: [], rejectBlank: [], twoDigitYears: 0, custom: [], grouped: null, currency, bookCurrency: currency,
});

let pending: Plan | null = null;

/** Makes `plan` the one a commit writes (a preview of an import or of a merge). */
export function setPending(plan: Plan): void {
  pending = plan;
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
export async function commitImport(o: OpenBook, token: string): Promise<{ ok: true; batch: Batch } | { ok: false; code: 'stale' | 'not_found' | 'invalid' }> {
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
  // The layout's mapping is remembered in the same transaction as the records.
  const mappings: { key: string; value: unknown }[] = plan.layout ? [{ key: MAPPINGS, value: { ...((await readMeta<Record<string, unknown>>(o.db, MAPPINGS)) ?? {}), [plan.layout]: plan.remember ?? plan.preview.mapping } }] : [];
  mappings.push(...(plan.meta ?? []));
  await writeShards(o.db, shards, { shardCount: book.shardCount, nextEventId: plan.nextId }, batch, o.belief, mappings, plan.respond);
  if (plan.respond) applyRecords(o.respond, plan.respond);
  if (plan.afterCommit) await plan.afterCommit();
  book.nextEventId = plan.nextId;
  book.commitMany(shards);
  pending = null;
  return { ok: true, batch };
}

/** Drops a preview that will not be committed. */
export function discardImport(): void {
  pending = null;
}
