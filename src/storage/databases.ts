// The Dexie databases: a small registry listing the workspaces, and one database per
// workspace. Only the worker opens them.

import Dexie, { type Table } from 'dexie';
import type { Batch } from '../domain/types';
import type { Alert } from '../domain/risk/alerts';
import type { Action } from '../domain/respond/actions';
import type { Review } from '../domain/respond/reviews';
import type { Audit } from '../domain/audit/document';
import type { DemoBook } from '../domain/demo/book';
import type { Locale } from '../domain/types';
import { REGISTRY_SCHEMA, WORKSPACE_SCHEMA, type MetaRecord, type SchemaVersion, type StoredFacts, type StoredHistory, type StoredProfiles, type StoredShard } from './schema';

export interface WorkspaceInfo {
  id: string;
  name: string;
  /** Name of the workspace's own IndexedDB database. */
  dbName: string;
  createdAt: number;
  updatedAt: number;
  /** Set for demo books, so that "reset demo" can regenerate the same book. */
  demo: { book: DemoBook; seed: number; locale: Locale; /** The day it was generated as of (its histories end there). */ asOf?: string } | null;
  customers: number;
  events: number;
  /** The book's currency (ISO 4217), chosen at creation: figures and totals are shown in it, files are read in it unless they say otherwise. */
  currency?: string;
  /** When the last backup was made (or the backup it was restored from); absent before the first. */
  lastBackupAt?: number;
  /** Per other book (by id): the time up to which its changes are in this one (a restore from it, or a merge of it). */
  syncPoints?: Record<string, number>;
  /**
   * Set while the book's database is being written (a create, a restore) or deleted: such a
   * book is not listed, and one left so by a closed tab is removed on the next start.
   */
  pending?: 'creating' | 'deleting';
}

/** Called when another tab upgrades or deletes the database: this tab must reload. */
export type OnVersionChange = () => void;

function applySchema(db: Dexie, versions: readonly SchemaVersion[]): void {
  for (const v of versions) {
    const version = db.version(v.version).stores(v.stores);
    const up = v.upgrade;
    if (up) {
      version.upgrade((tx) =>
        tx.table(up.store).toCollection().modify((_record, ref) => {
          ref.value = up.record(ref.value as never);
        }),
      );
    }
  }
}

function watch(db: Dexie, onVersionChange: OnVersionChange | undefined): void {
  // Close at once so that the other tab's upgrade is never blocked, then tell the user.
  db.on('versionchange', () => {
    db.close();
    onVersionChange?.();
    return false;
  });
}

export class RegistryDB extends Dexie {
  workspaces!: Table<WorkspaceInfo, string>;

  constructor(name = 'custos-registry', onVersionChange?: OnVersionChange) {
    super(name);
    applySchema(this, REGISTRY_SCHEMA);
    watch(this, onVersionChange);
  }
}

export class WorkspaceDB extends Dexie {
  shards!: Table<StoredShard, number>;
  batches!: Table<Batch, string>;
  meta!: Table<MetaRecord, string>;
  history!: Table<StoredHistory, number>;
  alerts!: Table<Alert, string>;
  facts!: Table<StoredFacts, number>;
  actions!: Table<Action, string>;
  reviews!: Table<Review, string>;
  audits!: Table<Audit, string>;
  profiles!: Table<StoredProfiles, number>;
  people!: Table<StoredProfiles, number>;

  constructor(name: string, onVersionChange?: OnVersionChange) {
    super(name);
    applySchema(this, WORKSPACE_SCHEMA);
    watch(this, onVersionChange);
  }
}

export function workspaceDbName(id: string): string {
  return `custos-ws-${id}`;
}
