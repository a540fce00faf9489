// When a customer's score is kept in its history (DESIGN §4): on a grade change, on a move
// of 5 points or more, and at least monthly. And the grade a user sees once overrides count.

import type { IsoDate } from '../types';
import type { Grade } from './model';

export const SNAPSHOT_MOVE = 5;
export const SNAPSHOT_EVERY_DAYS = 30;

/** A customer's last kept score: `day` is NO_DAY (or any value below `day − 30`) when none. */
export function needsSnapshot(last: { day: number; score: number; grade: number } | null, now: { day: number; score: number; grade: number }): boolean {
  if (Number.isNaN(now.score)) return false;
  if (!last || Number.isNaN(last.score)) return true;
  if (now.day === last.day) return false;
  return now.grade !== last.grade || Math.abs(now.score - last.score) >= SNAPSHOT_MOVE || now.day - last.day >= SNAPSHOT_EVERY_DAYS;
}

/** An expert's judgement on a customer's grade, valid up to and including `expires`. */
export interface Override {
  customerId: string;
  grade: Grade;
  reason: string;
  expires: IsoDate;
  createdAt: number;
}

/** The override still in force on `today`, if any: an expired one lapses by itself. */
export function activeOverride(o: Override | undefined, today: IsoDate): Override | undefined {
  return o && o.expires >= today ? o : undefined;
}

/** A customer's kept scores, oldest first, in one shard's history. */
export interface HistoryColumns {
  /** Customer ids, referenced by `cust`. */
  ids: string[];
  cust: number[];
  day: number[];
  score: number[];
  grade: number[];
  revision: number[];
}

export const emptyHistory = (): HistoryColumns => ({ ids: [], cust: [], day: [], score: [], grade: [], revision: [] });
