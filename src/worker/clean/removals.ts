// The book's removals (see domain/removals.ts) as its meta record, and the undo of deletes
// kept in this app's memory only: a deleted customer is gone from the disk at once, and its
// undo ends when the app is closed.

import { parseRemovals, REMOVALS, type Removals } from '../../domain/removals';
import { readMeta } from '../../storage/workspace-repo';
import type { MetaRecord } from '../../storage/schema';
import type { OpenBook } from '../session/open-book';
import type { Taken } from './take';

export async function readRemovals(o: OpenBook): Promise<Removals> {
  return parseRemovals(await readMeta(o.db, REMOVALS));
}

export const removalsRecord = (r: Removals): MetaRecord => ({ key: REMOVALS, value: r });

/** The deletes this app can still undo: batch id → the workspace and what was taken. */
const undoable = new Map<string, { dbName: string; taken: Taken }>();

export const deleteUndo = {
  keep(batchId: string, dbName: string, taken: Taken): void {
    undoable.set(batchId, { dbName, taken });
  },
  take(batchId: string, dbName: string): Taken | null {
    const kept = undoable.get(batchId);
    return kept?.dbName === dbName ? kept.taken : null;
  },
  has(batchId: string, dbName: string): boolean {
    return undoable.get(batchId)?.dbName === dbName;
  },
  drop(batchId: string): void {
    undoable.delete(batchId);
  },
  /** Forgets every kept delete of a workspace's customers among `ids` (an erasure: nothing of them may stay, even in memory). */
  forget(dbName: string, ids: ReadonlySet<string>): void {
    for (const [batchId, k] of undoable) {
      if (k.dbName !== dbName) continue;
      if (k.taken.ids.some((id) => ids.has(id))) undoable.delete(batchId);
    }
  },
};
