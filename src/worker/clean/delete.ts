// Deleting customers: each with its events, kept scores, alerts, actions, reviews and override,
// in one transaction, noted in the book's removals (so that a colleague's older copy does not
// bring them back) and logged as a batch with its counts only. The undo lives in this app's
// memory (see removals.ts): nothing of a deleted customer stays on the disk.

import type { Batch } from '../../domain/types';
import type { OpenBook } from '../session/open-book';
import { applyChange, changeBatch, undone } from './change';
import { deleteUndo, readRemovals, removalsRecord } from './removals';
import { putBack, takeCustomers } from './take';

export async function deleteCustomers(o: OpenBook, list: readonly string[]): Promise<Batch> {
  const ids = new Set(list.filter((id) => o.book.positionOf(id) !== undefined));
  const { write, taken } = await takeCustomers(o, ids);
  const now = Date.now();
  const removals = await readRemovals(o);
  for (const id of ids) removals.deleted[id] = now;
  const batch = changeBatch('delete', now, { customers: ids.size, events: taken.events });
  await applyChange(o, { ...write, batches: [batch], meta: [...(write.meta ?? []), removalsRecord(removals)] }, 'reload');
  deleteUndo.keep(batch.id, o.info.dbName, taken);
  return batch;
}

/** Puts a delete's customers back; those whose id was entered again since keep the new version (counted). */
export async function undoDelete(o: OpenBook, batch: Batch): Promise<{ batch: Batch; restored: number; skipped: number } | null> {
  const taken = deleteUndo.take(batch.id, o.info.dbName);
  if (!taken) return null;
  const { write, restored, skipped } = putBack(o, taken);
  const removals = await readRemovals(o);
  for (const id of restored) delete removals.deleted[id];
  const done = undone(batch);
  await applyChange(o, { ...write, batches: [done], meta: [...(write.meta ?? []), removalsRecord(removals)] }, 'reload');
  deleteUndo.drop(batch.id);
  return { batch: done, restored: restored.length, skipped };
}
