// An import (or a merge) taken back as a whole: its new customers and events go, the ones it
// changed get their earlier versions back, and customers edited since are kept and counted.

import { decodeCustomers, decodeEvents, encodeCustomers, encodeEvents } from '../../domain/columns';
import type { Batch, BookEvent, Customer } from '../../domain/types';
import type { ShardRecord } from '../../storage/schema';
import { writeShards } from '../../storage/workspace-repo';
import type { OpenBook } from '../session/open-book';
import { applyRecords, undoRecords } from './merge-records';

/**
 * Takes an import back: its new customers and events go, the customers and events it changed
 * get their earlier versions back — except customers edited since (kept, and counted).
 */
export async function undoImport(o: OpenBook, batch: Batch): Promise<{ shards: ShardRecord[]; keptEdited: number; batch: Batch }> {
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
  const records = undoRecords(rec.records);
  await writeShards(o.db, shards, { shardCount: book.shardCount, nextEventId: book.nextEventId }, undone, o.belief, [], records);
  applyRecords(o.respond, records);
  // The list keeps a customer's place for good, so customers removed mean a book read afresh.
  const removed = shards.some((s) => s.customers.n < book.shard(s.no).customers.n);
  if (removed) await o.reload();
  else book.commitMany(shards);
  return { shards, keptEdited, batch: undone };
}

