// Responses to a risk (DESIGN §1 Action, §4): what is to be done for a customer, by whom and
// by when, under which of the four classic strategies, and what it did to the customer's
// grade — the score and grade when the action was created, when it was closed, and thirty days
// after.

import { addDays, daysBetween, isValidIso } from '../dates';
import type { GradeLabel } from '../query';
import type { Dimension, IndicatorId } from '../risk/indicators';
import type { Issue } from '../types';

export const STRATEGIES = ['avoid', 'reduce', 'transfer', 'accept'] as const;
export type Strategy = (typeof STRATEGIES)[number];

export const ACTION_STATUSES = ['open', 'done', 'skipped'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

/** A customer's score and grade on a day (the book's analysis date then). */
export interface EffectPoint {
  day: string;
  score: number | null;
  grade: GradeLabel;
}

/** How long after an action closes its later effect is read. */
export const EFFECT_LATER_DAYS = 30;

export interface Action {
  id: string;
  customerId: string;
  /** The alert it answers, if it was started from one. */
  alertId?: string;
  /** The audit finding it answers, if it was started from one (the next audit reports what became of it). */
  audit?: { id: string; finding: string };
  /** The reason it answers: the dimension (and indicator) that led the customer's grade. */
  reason?: { dimension: Dimension; indicator?: IndicatorId };
  /** The playbook it came from, the run (one start of the playbook) and the step. */
  playbookId?: string;
  run?: string;
  step?: number;
  strategy: Strategy;
  title: string;
  owner: string;
  /** `YYYY-MM-DD`. */
  due: string;
  status: ActionStatus;
  outcome: string;
  /** `YYYY-MM-DD` in the book's time (its analysis date), and epoch ms for merges. */
  created: string;
  closed?: string;
  createdAt: number;
  updatedAt: number;
  before: EffectPoint | null;
  after?: EffectPoint | null;
  later?: EffectPoint | null;
}

/** What a user gives for a new action or an edit of one. */
export interface ActionInput {
  strategy: string;
  title: string;
  owner: string;
  due: string;
}

export const TITLE_MAX = 200;
export const OUTCOME_MAX = 2000;

export function actionIssues(a: ActionInput): Issue[] {
  const issues: Issue[] = [];
  if (!(STRATEGIES as readonly string[]).includes(a.strategy)) issues.push({ column: 'strategy', code: 'invalid_choice' });
  if (!a.title.trim()) issues.push({ column: 'title', code: 'required' });
  else if (a.title.length > TITLE_MAX) issues.push({ column: 'title', code: 'too_long', params: { max: TITLE_MAX } });
  if (!isValidIso(a.due)) issues.push({ column: 'due', code: 'invalid_date' });
  return issues;
}

/** The due date of a step `offsetDays` after `start`. */
export const dueFrom = (start: string, offsetDays: number): string => addDays(start, offsetDays);

/** Days an open action is past its due date on `asOf` (0 or less: not overdue). */
export const daysOverdue = (a: Pick<Action, 'due' | 'status'>, asOf: string): number => (a.status === 'open' ? daysBetween(a.due, asOf) : 0);

/** The action closed on `day` with its outcome, its effect read from the customer's score then. */
export function closeAction(a: Action, status: Exclude<ActionStatus, 'open'>, outcome: string, at: EffectPoint, now: number): Action {
  return { ...a, status, outcome: outcome.trim().slice(0, OUTCOME_MAX), closed: at.day, after: at, updatedAt: now };
}

/** Reopened: the close and its effect are forgotten. */
export function reopenAction(a: Action, now: number): Action {
  const { closed: _c, after: _a, later: _l, ...open } = a;
  return { ...open, status: 'open', updatedAt: now };
}

/** Whether the later effect of a closed action is due to be read on `asOf` (30 days after it closed). */
export const laterDue = (a: Action, asOf: string): boolean => a.status !== 'open' && !!a.closed && !a.later && daysBetween(a.closed, asOf) >= EFFECT_LATER_DAYS;

const isText = (x: unknown): x is string => typeof x === 'string';

/** Whether a stored or shared record can be read as an action (a backup's, a colleague's). */
export function isActionRecord(r: Record<string, unknown>): boolean {
  return isText(r.id) && !!r.id && isText(r.customerId) && !!r.customerId && (STRATEGIES as readonly unknown[]).includes(r.strategy)
    && (ACTION_STATUSES as readonly unknown[]).includes(r.status) && isText(r.title) && isText(r.due) && isValidIso(r.due) && isText(r.created)
    && typeof r.createdAt === 'number' && typeof r.updatedAt === 'number';
}
