// The write of a change of many customers at once (a delete, a bulk edit, a merge, an
// erasure, and their undo): every store it touches in one transaction.

import type { Batch } from '../domain/types';
import type { Alert } from '../domain/risk/alerts';
import type { HistoryColumns } from '../domain/risk/snapshots';
import type { WorkspaceDB } from './databases';
import { packHistory } from './packing';
import type { MetaRecord, ShardRecord } from './schema';
import { guarded, putRespond, putShards, type Belief, type BookMeta, type RespondWrite } from './workspace-repo';

/** Everything a change of many customers writes (a delete, a bulk edit, a merge, an erasure, their undo). */
export interface ChangeWrite {
  shards: readonly ShardRecord[];
  /** Shards whose score history is replaced (undefined: deleted). */
  history?: { no: number; h: HistoryColumns | undefined }[];
  alerts?: Alert[];
  deleteAlerts?: string[];
  respond?: RespondWrite;
  batches?: Batch[];
  meta?: MetaRecord[];
}

/**
 * A change of many customers in one transaction over every store it touches: a closed tab, a
 * crash or a full disk leaves all of it or none. Guarded as every user write. Returns how long
 * it waited for its transaction, wrote the shards, wrote the rest and committed, in ms.
 */
export async function writeChange(db: WorkspaceDB, w: ChangeWrite, meta: BookMeta, belief?: Belief): Promise<Record<'open' | 'shards' | 'rest' | 'commit', number>> {
  const t0 = performance.now();
  let t1 = 0, t2 = 0, t3 = 0;
  // Only the stores it writes: a follow-up save of another store (score history, alerts) does not hold it up.
  const r = w.respond ?? {};
  const tables = [
    ...(w.shards.length ? [db.shards, db.profiles, db.people] : []), ...(w.batches?.length ? [db.batches] : []), ...(w.history?.length ? [db.history] : []),
    ...(w.alerts?.length || w.deleteAlerts?.length ? [db.alerts] : []), ...(r.actions?.length || r.deleteActions?.length ? [db.actions] : []),
    ...(r.reviews?.length || r.deleteReviews?.length ? [db.reviews] : []), ...(r.audits?.length || r.deleteAudits?.length ? [db.audits] : []),
  ];
  await guarded(db, belief, tables, async () => {
    t1 = performance.now();
    await putShards(db, w.shards);
    t2 = performance.now();
    for (const { no, h } of w.history ?? []) await (h ? db.history.put(packHistory(no, h)) : db.history.delete(no));
    if (w.alerts?.length) await db.alerts.bulkPut(w.alerts);
    if (w.deleteAlerts?.length) await db.alerts.bulkDelete(w.deleteAlerts);
    await putRespond(db, r);
    if (w.batches?.length) await db.batches.bulkPut(w.batches);
    await db.meta.bulkPut([{ key: 'nextEventId', value: meta.nextEventId }, ...(w.meta ?? [])]);
    t3 = performance.now();
  });
  return { open: Math.round(t1 - t0), shards: Math.round(t2 - t1), rest: Math.round(t3 - t2), commit: Math.round(performance.now() - t3) };
}
