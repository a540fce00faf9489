// What every change of many customers shares: its batch record, its one write, and the book
// brought up to date after it (read afresh when customers were removed or put back: the list
// keeps a customer's place for good).

import type { Batch, BatchId, ChangeRecord } from '../../domain/types';
import { writeChange, type ChangeWrite } from '../../storage/change-repo';
import type { OpenBook } from '../session/open-book';

export function changeBatch(op: ChangeRecord['op'], stamp: number, more: Omit<ChangeRecord, 'op' | 'stamp'>): Batch {
  const id = `${op}-${stamp.toString(36)}-${Math.random().toString(36).slice(2, 8)}` as BatchId;
  return { id, kind: 'change', label: '', createdAt: stamp, change: { op, stamp, ...more } };
}

/** Writes a change in one transaction, then brings the open book up to it. */
export async function applyChange(o: OpenBook, write: ChangeWrite, how: 'reload' | 'commit'): Promise<void> {
  await writeChange(o.db, write, { shardCount: o.book.shardCount, nextEventId: o.book.nextEventId }, o.belief);
  if (how === 'reload') await o.reload();
  else if (write.shards.length) o.book.commitMany(write.shards);
}

/** The batch as undone. */
export const undone = (b: Batch): Batch => ({ ...b, change: { ...b.change!, undoneAt: Date.now() } });
