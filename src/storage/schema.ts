// The schema of every Custos database, as an append-only list of versions. A new version is
// added at the end with a pure row → row upgrade (tested in Node); shipped ones never change.

import type { Batch, Customer } from '../domain/types';
import type { EventTables } from '../domain/figures';

/**
 * One storage shard: the customers whose id hashes to `no`, with all their events as
 * columns. One IndexedDB record per shard instead of one per event is what makes a
 * million events load in milliseconds (DESIGN §8), while an edit rewrites only ~1/256
 * of the book.
 */
export interface ShardRecord {
  no: number;
  customers: Customer[];
  events: EventTables;
}

/**
 * A shard as stored: customers as one JSON text and every string dictionary joined into one
 * string. Chromium deserialises a string per stored string; 1.5 M small strings cost more
 * than the million events' typed arrays, while one JSON.parse or split per shard is cheap.
 */
export interface StoredShard {
  no: number;
  customersJson: string;
  events: Record<string, { n: number; cols: Record<string, Int32Array | Float64Array | { text: string; idx: Uint32Array }> }>;
}

export interface MetaRecord {
  key: string;
  value: unknown;
}

export interface SchemaVersion {
  version: number;
  stores: Record<string, string | null>;
}

export const WORKSPACE_SCHEMA: readonly SchemaVersion[] = [
  { version: 1, stores: { shards: 'no', batches: 'id, createdAt', meta: 'key' } },
];

export const REGISTRY_SCHEMA: readonly SchemaVersion[] = [{ version: 1, stores: { workspaces: 'id, updatedAt' } }];

/** How many shards a workspace is cut into; kept in its meta so that it can change later. */
export const SHARD_COUNT = 256;

export type { Batch };
