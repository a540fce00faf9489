// The one file both sides of the worker import: the engine's type (derived from its
// implementation) and the plain data that crosses postMessage.

import type { Issue } from '../domain/types';

export type { CustomerRow, ListQuery, FilterField, SortKey } from '../domain/query';
export type { WorkspaceInfo } from '../storage/databases';
export type { Progress } from './jobs';
export type { DemoBook } from '../domain/demo/book';

/** Expected failures come back as values; only bugs throw. */
export type ErrorCode = 'cancelled' | 'not_found' | 'invalid' | 'duplicate_id' | 'quota_exceeded' | 'storage_failed' | 'no_workspace';
export type Result<T> = { ok: true; value: T } | { ok: false; code: ErrorCode; issues?: Issue[]; detail?: string };

/** What the worker tells the page without being asked. */
export type EngineNotice =
  /** Another tab upgraded or deleted the database: this tab must reload. */
  | { type: 'versionchange' }
  /** Another tab changed the open workspace: lists should refresh. */
  | { type: 'changed' };

export interface BookSummary {
  id: string;
  customers: number;
  events: number;
}

export type EngineApi = typeof import('./engine').engine;
