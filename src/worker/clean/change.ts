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

/**
 * Writes a change in one transaction, then brings the open book up to it: read afresh, its
 * shards committed, or (`profiles`: the customers' profiles alone changed) only the profile
 * indicators recomputed. Returns how long the write's steps and the book's update took, in ms.
 */
export async function applyChange(o: OpenBook, write: ChangeWrite, how: 'reload' | 'commit' | 'profiles'): Promise<Record<string, number>> {
  const laps = await writeChange(o.db, write, { shardCount: o.book.shardCount, nextEventId: o.book.nextEventId }, o.belief);
  const t0 = performance.now();
  if (how === 'reload') await o.reload();
  else if (!write.shards.length) return laps;
  else if (how === 'profiles') o.book.commitProfiles(write.shards);
  else o.book.commitMany(write.shards);
  return { ...laps, rescore: Math.round(performance.now() - t0) };
}

/** The batch as undone. */
export const undone = (b: Batch): Batch => ({ ...b, change: { ...b.change!, undoneAt: Date.now() } });
