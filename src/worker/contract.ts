// Every type that crosses the worker boundary: what the engine's methods take and give back,
// Result and its error codes, notices and progress. It imports nothing from the worker, so
// that the page (through api.ts) and every part of the engine share it without a circle.

import type { Customer, ImportCounts, Issue } from '../domain/types';
import type { CustomerRow, GradeLabel, ListQuery } from '../domain/query';
import type { Grade } from '../domain/risk/model';
import type { Override } from '../domain/risk/snapshots';
import type { Explanation } from '../domain/risk/explain';
import type { GradeOutcome } from '../domain/risk/outcomes';
import type { Alert } from '../domain/risk/alerts';
import type { Encoding } from '../domain/import/encoding';
import type { ImportKind } from '../domain/import/fields';
import type { DateOrder } from '../domain/import/values';
import type { AuditScope, FindingSeverity } from '../domain/audit/document';
import type { Action } from '../domain/respond/actions';
import type { Review, ReviewState } from '../domain/respond/reviews';
import type { Reason } from '../domain/risk/explain';
import type { RunEffect } from '../domain/respond/effect';

export type { CustomerRow, GradeLabel, ListQuery, FilterField, SortKey } from '../domain/query';
export type { Grade, RiskModel, ModelProblem } from '../domain/risk/model';
export type { Alert, AlertStatus } from '../domain/risk/alerts';
export type { CustomerSegments, Segmentation, Tally, LifetimeStatus } from '../domain/segments/book';
export type { SegmentSettings, SettingsProblem } from '../domain/segments/settings';
export type { RuleSegment, RuleProblem } from '../domain/segments/rules';
export type { WorkspaceInfo } from '../storage/databases';
export type { BackupHeader } from '../storage/backup';
export type { DemoBook } from '../domain/demo/book';
export type { RiskOverview } from '../domain/risk/overview';
export type { Batch } from '../domain/types';
export type { Action, ActionStatus, Strategy, EffectPoint } from '../domain/respond/actions';
export type { Review, Cadence, ReviewState } from '../domain/respond/reviews';
export type { Playbook, PlaybookProblem, Text } from '../domain/respond/playbooks';
export type { RunEffect, PlaybookRecord, Verdict } from '../domain/respond/effect';
export type { Reason } from '../domain/risk/explain';

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
  /** The day every figure is as of (`YYYY-MM-DD`). */
  asOf: string;
  /** The analysis date the user chose; null: today (the clock's day). */
  chosenAsOf: string | null;
  /** The date of the newest event in the book ('' without any): a date to offer when it is long past. */
  newestEvent: string;
  /** The book's currency, and every currency its customers, orders and invoices are in (more than one: totals mix them, and the app says so). */
  currency: string;
  currencies: string[];
}

/** The backtest of the lifetime models and of the risk score on the open book (see book/backtest.ts). */
export interface BacktestResult {
  cut: string;
  end: string;
  /** Whole weeks from the cut to the end. */
  weeks: number;
  /** BG/NBD fitted on the orders up to the cut, against the weeks after it; null when nobody had ordered by then. */
  tracking: {
    weeks: { week: number; actual: number; predicted: number }[];
    conditional: { x: number; customers: number; actual: number; predicted: number }[];
    params: { r: number; alpha: number; a: number; b: number };
    converged: boolean;
    cohort: number;
  } | null;
  /** By grade at the cut: customers and the shares that stopped ordering, paid more than 30 days late, complained. */
  grades: GradeOutcome[];
  /** The same shares over the whole book: the base rates the lifts are against. */
  base: { stopped: number; paidLate: number; complained: number };
  /** Area under the ROC curve of the score at the cut for each outcome (NaN when it cannot be told). */
  auc: { stopped: number; paidLate: number };
}

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


/** An alert as the inbox shows it: with its customer, the money at stake, and the actions that answer it. */
export type AlertView = Alert & { name: string; grade: string; tier: string; overdue: number; atRisk: number; currency: string; actions: Action[]; proposal: Proposal | null };

/** Money at stake with a customer: the overdue balance, and the expected 12-month revenue × (1 − probability alive). */
export interface Stake {
  overdue: number;
  atRisk: number;
  currency: string;
}

/** A customer's periodic review: the last one, when the next falls due and whether it is due. */
export interface ReviewStatus {
  last: Review | null;
  due: string | null;
  state: ReviewState | null;
}

/** A playbook proposed for a customer's reason, with its name in the user's language. */
export interface Proposal {
  id: string;
  name: string;
  strategy: string;
  steps: number;
}

/** The responses of one customer: actions (with their effect), runs, reviews, and what to do next. */
export interface CustomerResponses {
  actions: Action[];
  runs: RunEffect[];
  reviews: Review[];
  review: ReviewStatus;
  /** Playbooks for the customer's top reason, best first (empty when nothing leads its grade). */
  proposals: Proposal[];
  reason: Reason | null;
}

/** A customer on the Today screen: why it needs attention, what is at stake, what to do next. */
export interface TodayCustomer extends Stake {
  id: string;
  name: string;
  grade: GradeLabel;
  score: number | null;
  tier: string;
  owner: string;
  reason: Reason | null;
  /** The reason's indicator value (NaN when none). */
  value: number;
  next: Proposal | null;
  openActions: number;
  alerts: number;
}

export interface TodayView {
  asOf: string;
  attention: TodayCustomer[];
  attentionTotal: number;
  actions: (Action & { name: string })[];
  actionsOpen: number;
  actionsOverdue: number;
  reviews: { id: string; name: string; tier: string; due: string; state: ReviewState; last: string | null }[];
  reviewsDue: number;
  invoices: { customerId: string; name: string; invoiceId: string; due: string; days: number; amount: number; currency: string }[];
  invoicesOverdue: number;
  /** The alert counts are not in yet (the book's live alerts are still being read). */
  alertsPending: boolean;
}

export interface Progress {
  /** A stable phase name the interface translates ('generate', 'write', 'load'). */
  phase: string;
  done: number;
  total: number;
}
export type OnProgress = (p: Progress) => void;

/* Import, merge, export and backup. */

export type { ImportOptions, ImportPreview } from '../domain/import/preview';

export type Side = 'mine' | 'theirs';

export interface MergeConflict {
  id: string;
  mine: Customer;
  theirs: Customer;
  /** The profile fields that differ. */
  fields: (keyof Customer)[];
  choice: Side;
}

export interface MergePreview {
  token: string;
  source: { id: string; name: string; createdAt: number };
  /** Whether the two books had met before (a restore or an earlier merge): without it every difference is a conflict. */
  related: boolean;
  counts: {
    customersNew: number; customersTaken: number; customersKept: number; customersSame: number; conflicts: number;
    eventsNew: number; eventsSame: number; eventsTaken: number; eventsKept: number;
    /** Their actions and reviews taken (new, or newer than this book's). */
    actions: number; reviews: number; audits: number;
    /** Their customers this book deleted or erased (left out, with their events), and those it merged into another (their events go to the one kept). */
    customersRemoved: number; customersMerged: number; eventsRemoved: number;
  };
  conflicts: MergeConflict[];
}

export interface ExportOptions {
  /** A kind of record, or the book's actions ('action'). */
  kind: ImportKind | 'action';
  format: 'csv' | 'json';
  /** Only the customers of this list, in its order (customers only). */
  query?: ListQuery;
  /** Only these customers (a selection of the list; customers only). */
  ids?: string[];
  anonymise?: boolean;
}

export interface ExportFile {
  blob: Blob;
  name: string;
  rows: number;
}

export interface SavedFile {
  blob: Blob;
  name: string;
}

export type ImportFailure = 'too_large' | 'too_many_rows' | 'too_many_columns' | 'empty_file' | 'bad_json' | 'newer_version' | 'not_records' | 'unclosed_quote' | 'stray_quote';

/** An audit in the list: what it covered and how many findings of each severity it raised. */
export interface AuditSummary {
  id: string;
  title: string;
  asOf: string;
  auditor: string;
  scope: AuditScope;
  customers: number;
  findings: Record<FindingSeverity, number>;
  createdAt: number;
}


export type * from '../domain/clean-types';
