// The schema of every Custos database, as an append-only list of versions. A new version is
// added at the end with a pure row → row upgrade (tested in Node); shipped ones never change.

import type { Batch } from '../domain/types';
import type { Columns, TableKind } from '../domain/columns';
import type { EventTables, FigureColumns } from '../domain/figures';
import { shardV1toV2 } from './packing';

/**
 * One storage shard: the customers whose id hashes to `no`, with all their events as
 * columns. One IndexedDB record per shard instead of one per event is what makes a
 * million events load in milliseconds (DESIGN §8), while an edit rewrites only ~1/256
 * of the book.
 */
export interface ShardRecord {
  no: number;
  /** Bumped by every write of the shard: stored facts (see StoredFacts) are valid for one revision. */
  rev?: number;
  customers: Columns;
  events: EventTables;
}

/**
 * A string column as stored: its dictionary joined into one string (Chromium deserialises a
 * string per stored string, and 1.5 M small strings cost more than a million events' typed
 * arrays), its codes in the narrowest array, or null when the values are all distinct.
 */
export type StoredColumn = Int32Array | Float64Array | { text: string; idx: Uint8Array | Uint16Array | Uint32Array | null };
export interface StoredColumns {
  n: number;
  cols: Record<string, StoredColumn>;
}

/** A shard as stored (schema 2): every table as columns, see `packing.ts`. */
export interface StoredShard {
  no: number;
  rev?: number;
  tables: Partial<Record<TableKind, StoredColumns>>;
}

/** Schema 1: customers as one JSON text. */
export interface StoredShardV1 {
  no: number;
  customersJson: string;
  events: Record<string, StoredColumns>;
}

export interface MetaRecord {
  key: string;
  value: unknown;
}

export interface SchemaVersion {
  version: number;
  stores: Record<string, string | null>;
  /** Rewrites every record of a store on the way up to this version. */
  upgrade?: { store: string; record: (old: never) => unknown };
}

export const WORKSPACE_SCHEMA: readonly SchemaVersion[] = [
  { version: 1, stores: { shards: 'no', batches: 'id, createdAt', meta: 'key' } },
  { version: 2, stores: { shards: 'no', batches: 'id, createdAt', meta: 'key' }, upgrade: { store: 'shards', record: shardV1toV2 } },
  // Score history, one record per shard (see StoredHistory).
  { version: 3, stores: { shards: 'no', batches: 'id, createdAt', meta: 'key', history: 'no' } },
  // Early-warning alerts (see domain/risk/alerts.ts).
  { version: 4, stores: { shards: 'no', batches: 'id, createdAt', meta: 'key', history: 'no', alerts: 'id, customerId, status' } },
  // What a shard's events come to on one day (see StoredFacts).
  { version: 5, stores: { shards: 'no', batches: 'id, createdAt', meta: 'key', history: 'no', alerts: 'id, customerId, status', facts: 'no' } },
  // Responses and periodic reviews (see domain/respond): a new store each, nothing rewritten.
  {
    version: 6,
    stores: { shards: 'no', batches: 'id, createdAt', meta: 'key', history: 'no', alerts: 'id, customerId, status', facts: 'no', actions: 'id, customerId, status', reviews: 'id, customerId' },
  },
  // Audits (see domain/audit): a new store, nothing rewritten.
  {
    version: 7,
    stores: {
      shards: 'no', batches: 'id, createdAt', meta: 'key', history: 'no', alerts: 'id, customerId, status', facts: 'no', actions: 'id, customerId, status', reviews: 'id, customerId',
      audits: 'id, [asOf+createdAt]',
    },
  },
  // The customers of each shard in records of their own (see StoredProfiles): the columns a
  // change of many customers sets (owner, region, tier, tags…) in `profiles`, their names,
  // contacts and notes in `people`, so that an edit of many profiles writes neither the
  // shard's events nor its customers' texts. Shards written before keep their customer table
  // until their next write; profiles and people records, where there are, are the ones read.
  {
    version: 8,
    stores: {
      shards: 'no', batches: 'id, createdAt', meta: 'key', history: 'no', alerts: 'id, customerId, status', facts: 'no', actions: 'id, customerId, status', reviews: 'id, customerId',
      audits: 'id, [asOf+createdAt]', profiles: 'no', people: 'no',
    },
  },
];

/** Some of a shard's customer columns as stored since schema 8 (the shard record then holds its events alone): `profiles` and `people` records, see PEOPLE_COLUMNS. */
export interface StoredProfiles {
  no: number;
  rev: number;
  customer: StoredColumns;
}

/** The customer columns kept in `people` records: the long texts a change of many customers never sets. */
export const PEOPLE_COLUMNS: ReadonlySet<string> = new Set(['name', 'notes', 'contact', 'phone', 'email', 'custom']);

/** Bumped when an indicator or a figure changes how it is computed (one added, removed or moved is caught by the facts fingerprint, see worker/book/facts-cache.ts). */
export const FACTS_FORMAT = 4;

/**
 * A shard's figures and indicators as computed on `day` from revision `rev` of the shard,
 * one entry per customer in the shard's order, with the customers' name hashes. Derived
 * data kept so that opening a book the same day reads its facts instead of recomputing
 * them from a million events; anything that does not match is recomputed.
 */
export interface StoredFacts {
  no: number;
  rev: number;
  day: number;
  format: number;
  values: Float32Array[];
  figures: FigureColumns;
  nameHash: Float64Array;
}

/**
 * The kept scores of one shard's customers as columns: entry e is customer `ids[cust[e]]`
 * scored `score[e]` (grade `grade[e]`, model revision `revision[e]`) on day `day[e]`.
 * A rescore of 100,000 customers rewrites at most one record per shard.
 */
export interface StoredHistory {
  no: number;
  ids: string;
  cust: Uint32Array;
  day: Int32Array;
  score: Float32Array;
  grade: Uint8Array;
  revision: Uint32Array;
  /** Alert-rule condition bits per id (absent before schema 4's alerts; 8 bits wide before the model carried its rules). */
  cond?: Uint8Array | Uint16Array;
}

export const REGISTRY_SCHEMA: readonly SchemaVersion[] = [{ version: 1, stores: { workspaces: 'id, updatedAt' } }];

/** How many shards a workspace is cut into; kept in its meta so that it can change later. */
export const SHARD_COUNT = 64;

export type { Batch };
