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
 * crash or a full disk leaves all of it or none. Guarded as every user write.
 */
export async function writeChange(db: WorkspaceDB, w: ChangeWrite, meta: BookMeta, belief?: Belief): Promise<void> {
  let noted = () => {};
  await guarded(db, belief, [db.shards, db.profiles, db.batches, db.history, db.alerts, db.actions, db.reviews, db.audits], async () => {
    noted = await putShards(db, w.shards);
    for (const { no, h } of w.history ?? []) await (h ? db.history.put(packHistory(no, h)) : db.history.delete(no));
    if (w.alerts?.length) await db.alerts.bulkPut(w.alerts);
    if (w.deleteAlerts?.length) await db.alerts.bulkDelete(w.deleteAlerts);
    await putRespond(db, w.respond ?? {});
    if (w.batches?.length) await db.batches.bulkPut(w.batches);
    await db.meta.bulkPut([{ key: 'nextEventId', value: meta.nextEventId }, ...(w.meta ?? [])]);
  });
  noted();
}
