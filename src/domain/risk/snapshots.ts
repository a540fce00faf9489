// When a customer's score is kept in its history (DESIGN §4): on a grade change, on a move
// of 5 points or more, and at least monthly. And the grade a user sees once overrides count.

import { NO_DAY } from '../dates';
import type { IsoDate } from '../types';
import type { Grade } from './model';

export const SNAPSHOT_MOVE = 5;
export const SNAPSHOT_EVERY_DAYS = 30;

/**
 * Whether a score computed on `day` is kept, given the last kept one (`lastDay` NO_DAY when
 * none). Plain numbers, no objects: it runs for every customer on every rescore.
 */
export function needsSnapshot(lastDay: number, lastScore: number, lastGrade: number, day: number, score: number, grade: number): boolean {
  if (score !== score) return false;
  if (lastDay === NO_DAY || lastScore !== lastScore) return true;
  // Never twice a day, and never before the last one (a book analysed as of an earlier date keeps no history).
  if (day <= lastDay) return false;
  return grade !== lastGrade || Math.abs(score - lastScore) >= SNAPSHOT_MOVE || day - lastDay >= SNAPSHOT_EVERY_DAYS;
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
  /** Per id (not per entry): the alert rules whose condition the customer is in, one bit per rule slot. */
  cond: number[];
}

export const emptyHistory = (): HistoryColumns => ({ ids: [], cust: [], day: [], score: [], grade: [], revision: [], cond: [] });
