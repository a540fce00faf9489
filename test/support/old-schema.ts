// Records as an earlier schema stored them, for upgrade tests in Node and in Chromium.
import { decodeCustomers } from '../../src/domain/columns';
import type { ShardRecord, StoredShardV1 } from '../../src/storage/schema';

/** A shard as schema 1 stored it: customers as one JSON text, event columns with joined dictionaries. */
export function shardAsV1(s: ShardRecord): StoredShardV1 {
  const events: StoredShardV1['events'] = {};
  for (const [kind, t] of Object.entries(s.events)) {
    const cols: StoredShardV1['events'][string]['cols'] = {};
    for (const [name, c] of Object.entries(t.cols)) cols[name] = ArrayBuffer.isView(c) ? (c as Int32Array) : { text: c.dict.join('\u0000'), idx: c.idx as Uint32Array };
    events[kind] = { n: t.n, cols };
  }
  return { no: s.no, customersJson: JSON.stringify(decodeCustomers(s.customers)), events };
}
