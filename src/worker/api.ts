// The one file both sides of the worker import: the engine's type (derived from its
// implementation) and the plain data that crosses postMessage.

import type { Issue } from '../domain/types';
import type { CustomerRow, GradeLabel } from '../domain/query';
import type { Grade } from '../domain/risk/model';
import type { Override } from '../domain/risk/snapshots';
import type { Explanation } from '../domain/risk/score';

export type { CustomerRow, GradeLabel, ListQuery, FilterField, SortKey } from '../domain/query';
export type { Grade, RiskModel, ModelProblem } from '../domain/risk/model';
export type { Alert, AlertStatus } from '../domain/risk/alerts';
export type { AlertView } from './risk-api';
export type { CustomerSegments, Segmentation, Tally } from './segments';
export type { WorkspaceInfo } from '../storage/databases';
export type { Progress } from './jobs';
export type { DemoBook } from '../domain/demo/book';

/** Expected failures come back as values; only bugs throw. */
export type ErrorCode = 'cancelled' | 'not_found' | 'invalid' | 'duplicate_id' | 'quota_exceeded' | 'storage_failed' | 'no_workspace' | 'bad_file' | 'stale' | 'already_undone';
export type Result<T> = { ok: true; value: T } | { ok: false; code: ErrorCode; issues?: Issue[]; detail?: string };

/** What the worker tells the page without being asked. */
export type EngineNotice =
  /** Another tab upgraded or deleted the database: this tab must reload. */
  | { type: 'versionchange' }
  /** Another tab changed the open workspace: lists should refresh. */
  | { type: 'changed' }
  /** New early-warning alerts were raised. */
  | { type: 'alerts' };

export interface BookSummary {
  id: string;
  customers: number;
  events: number;
}

/* The risk part of the API (risk-api.ts). */

export interface CustomerRisk {
  row: CustomerRow;
  explanation: Explanation & { values: Record<string, number> };
  /** The override in force today, if any (an expired one is not returned). */
  override: Override | null;
  history: { date: string; score: number; grade: Grade; revision: number }[];
  model: { name: string; revision: number; freshnessDays: number };
  /** Days since the newest order, interaction or survey; null without any. */
  dataAgeDays: number | null;
}

export interface GradeMove {
  id: string;
  name: string;
  from: GradeLabel;
  to: GradeLabel;
  before: number | null;
  after: number | null;
}

export interface ModelPreview {
  /** Customers whose grade would change, largest score change first (at most 200). */
  moved: GradeMove[];
  movedTotal: number;
  /** Count of customers per [from][to] grade (GRADES order, then 'insufficient'). */
  matrix: number[][];
}

export interface RiskOverview {
  customers: number;
  /** Customers per grade shown (overrides count), and the 12-month revenue they hold. */
  grades: { grade: GradeLabel; customers: number; revenue: number }[];
  /** Overdue balance held by high and critical customers. */
  overdueAtRisk: number;
  /** Receivables at risk: the overdue balance by days past due times the model's loss rates (DESIGN §2). */
  receivablesAtRisk: number;
  /** Revenue at risk: Σ expected 12-month revenue × (1 − probability alive) (DESIGN §2); null when the lifetime model could not be fitted. */
  revenueAtRisk: number | null;
  /** Σ expected 12-month revenue (BG/NBD × Gamma-Gamma); null as above. */
  expectedRevenue: number | null;
  /** The BG/NBD fit behind both, on how many customers, and whether it converged. */
  lifetime: { converged: boolean; customers: number; params: { r: number; alpha: number; a: number; b: number } } | null;
  /** The overdue balance of the whole book by days past due (1–30, 31–60, 61–90, over 90). */
  overdueByAge: [number, number, number, number];
  /** Largest score rises since the previous snapshot. */
  risers: CustomerRow[];
  model: { name: string; revision: number };
  /** The book's most common currency, in which the sums are shown. */
  currency: string;
}

export type EngineApi = typeof import('./engine').engine;
