// A new owner, region, tier or tags for many customers at once, in the worker: each shard's
// customer columns rewritten as columns (no profile is decoded), every customer changed stamped
// with one instant, all shards written in one transaction with a batch that can undo it. A
// customer the change leaves as it was is not touched.

import type { StrColumn } from '../../domain/columns';
import { mapText, withText } from '../../domain/column-rows';
import { packEdit, tagsAfter, unpackEdit, type BulkSet } from '../../domain/bulk';
import type { Batch, BulkField } from '../../domain/types';
import type { ShardRecord } from '../../storage/schema';
import type { Job } from '../session/jobs';
import type { OpenBook } from '../session/open-book';
import { timings } from '../session/writes';
import { applyChange, changeBatch, undone } from './change';

/** Rows of shard customers' columns by id. */
function rowsById(col: StrColumn): Map<string, number> {
  const m = new Map<string, number>();
  for (let i = 0; i < col.idx.length; i++) m.set(col.dict[col.idx[i]], i);
  return m;
}

const valueOf = (set: BulkSet, f: BulkField, old: string): string => (f === 'tags' ? tagsAfter(old, set.tags!) : (set[f] as string));

export async function editCustomers(o: OpenBook, ids: readonly string[], set: BulkSet, fields: BulkField[], job: Job): Promise<Batch | null> {
  const t0 = performance.now();
  const book = o.book;
  const stamp = Math.max(Date.now(), 1);
  const byShard = new Map<number, string[]>();
  for (const id of ids) {
    const no = book.shardNo(id);
    if (!byShard.has(no)) byShard.set(no, []);
    byShard.get(no)!.push(id);
  }
  const changedIds: string[] = [], updatedAt: number[] = [];
  const before: Partial<Record<BulkField, string[]>> = Object.fromEntries(fields.map((f) => [f, []]));
  const shards: ShardRecord[] = [];
  let step = 0;
  for (const [no, list] of byShard) {
    await job.checkpoint('edit', step++, byShard.size);
    const shard = book.shard(no);
    const cols = shard.customers.cols;
    const at = rowsById(cols.id as StrColumn);
    const rows: number[] = [];
    for (const id of list) {
      const r = at.get(id);
      if (r === undefined) continue;
      if (fields.some((f) => { const c = cols[f] as StrColumn, old = c.dict[c.idx[r]]; return valueOf(set, f, old) !== old; })) rows.push(r);
    }
    if (!rows.length) continue;
    const stamps = (cols.updatedAt as Float64Array).slice();
    const next = { ...cols };
    for (const f of fields) {
      const c = cols[f] as StrColumn;
      for (const r of rows) before[f]!.push(c.dict[c.idx[r]]);
      next[f] = f === 'tags' ? mapText(c, rows, (old) => tagsAfter(old, set.tags!)) : withText(c, rows, set[f] as string);
    }
    const idCol = cols.id as StrColumn;
    for (const r of rows) {
      changedIds.push(idCol.dict[idCol.idx[r]]);
      updatedAt.push(stamps[r]);
      stamps[r] = stamp;
    }
    next.updatedAt = stamps;
    shards.push({ ...shard, rev: (shard.rev ?? 0) + 1, customers: { n: shard.customers.n, cols: next } });
  }
  if (!changedIds.length) return null;
  const batch = changeBatch('edit', stamp, { customers: changedIds.length, events: 0, edit: packEdit({ fields, ids: changedIds, before, updatedAt }) });
  const t1 = performance.now();
  const laps = await applyChange(o, { shards, batches: [batch] }, 'profiles');
  timings.bulkEditMs = performance.now() - t0;
  timings.bulkEditPhases = { columns: Math.round(t1 - t0), ...laps };
  return batch;
}

/** Gives the customers of a bulk edit their earlier values back, except those changed since (kept, and counted). */
export async function undoEdit(o: OpenBook, batch: Batch, job: Job): Promise<{ batch: Batch; restored: number; keptEdited: number }> {
  const rec = batch.change!, edit = unpackEdit(rec.edit!);
  const book = o.book;
  const byShard = new Map<number, number[]>();
  edit.ids.forEach((id, k) => {
    const no = book.shardNo(id);
    if (!byShard.has(no)) byShard.set(no, []);
    byShard.get(no)!.push(k);
  });
  let restored = 0, keptEdited = 0, step = 0;
  const shards: ShardRecord[] = [];
  for (const [no, ks] of byShard) {
    await job.checkpoint('undo', step++, byShard.size);
    const shard = book.shard(no);
    const cols = shard.customers.cols;
    const at = rowsById(cols.id as StrColumn);
    const stamps = (cols.updatedAt as Float64Array).slice();
    const next = { ...cols };
    const mine = ks.filter((k) => {
      const r = at.get(edit.ids[k]);
      if (r === undefined) return false;
      if (stamps[r] !== rec.stamp) return (keptEdited++, false);
      return true;
    });
    if (!mine.length) continue;
    for (const f of edit.fields) {
      // One value at a time: the earlier values differ from customer to customer.
      const groups = new Map<string, number[]>();
      for (const k of mine) {
        const v = edit.before[f]![k];
        if (!groups.has(v)) groups.set(v, []);
        groups.get(v)!.push(at.get(edit.ids[k])!);
      }
      let c = next[f] as StrColumn;
      for (const [v, rows] of groups) c = withText(c, rows, v);
      next[f] = c;
    }
    for (const k of mine) stamps[at.get(edit.ids[k])!] = edit.updatedAt[k];
    next.updatedAt = stamps;
    restored += mine.length;
    shards.push({ ...shard, rev: (shard.rev ?? 0) + 1, customers: { n: shard.customers.n, cols: next } });
  }
  const done = undone(batch);
  await applyChange(o, { shards, batches: [done] }, 'profiles');
  return { batch: done, restored, keptEdited };
}
