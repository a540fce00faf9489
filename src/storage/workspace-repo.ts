// Reads and writes of a workspace's records. Every write that touches several records is
// one transaction, so that a crash or a full disk leaves the workspace as it was.

import type { Batch } from '../domain/types';
import type { WorkspaceDB } from './databases';
import { packShard, unpackShard } from './packing';
import type { ShardRecord } from './schema';

export interface BookMeta {
  shardCount: number;
  /** The next free event id. */
  nextEventId: number;
}

export async function readBook(db: WorkspaceDB): Promise<{ shards: ShardRecord[]; meta: BookMeta | null }> {
  return db.transaction('r', db.shards, db.meta, async () => {
    const [shards, shardCount, nextEventId] = await Promise.all([
      db.shards.toArray(),
      db.meta.get('shardCount'),
      db.meta.get('nextEventId'),
    ]);
    const meta = shardCount ? { shardCount: shardCount.value as number, nextEventId: (nextEventId?.value as number) ?? 1 } : null;
    return { shards: shards.map(unpackShard), meta };
  });
}

/** Replaces the whole book at once (a new demo, a reset): all or nothing. */
export async function replaceBook(db: WorkspaceDB, shards: ShardRecord[], meta: BookMeta, batches: Batch[]): Promise<void> {
  await db.transaction('rw', db.shards, db.meta, db.batches, async () => {
    await Promise.all([db.shards.clear(), db.meta.clear(), db.batches.clear()]);
    await db.shards.bulkPut(shards.map(packShard));
    await db.batches.bulkPut(batches);
    await db.meta.bulkPut([
      { key: 'shardCount', value: meta.shardCount },
      { key: 'nextEventId', value: meta.nextEventId },
    ]);
  });
}

/** Writes one changed shard with the counters it used, in one transaction. */
export async function writeShard(db: WorkspaceDB, shard: ShardRecord, meta: BookMeta, batch?: Batch): Promise<void> {
  await db.transaction('rw', db.shards, db.meta, db.batches, async () => {
    await db.shards.put(packShard(shard));
    await db.meta.put({ key: 'nextEventId', value: meta.nextEventId });
    if (batch) await db.batches.put(batch);
  });
}
