// Periodic reviews (DESIGN §4 Monitoring): every customer is reviewed at its tier's cadence —
// by default key customers monthly, general ones quarterly, potential ones half-yearly. A
// review is recorded with its date, who and a note; the next one falls due a cadence later.

import { dayFromIso, isoFromDay, isValidIso, NO_DAY } from '../dates';
import { TIERS, type Issue, type Tier } from '../types';

export interface Review {
  id: string;
  customerId: string;
  /** `YYYY-MM-DD`. */
  date: string;
  who: string;
  note: string;
  /** The playbook started with it, if any. */
  run?: string;
  createdAt: number;
  updatedAt: number;
}

/** Months between reviews, per tier. */
export type Cadence = Record<Tier, number>;
export const DEFAULT_CADENCE: Cadence = { key: 1, general: 3, potential: 6 };

/** A review is listed as due this many days before its date. */
export const DUE_AHEAD_DAYS = 7;

/** `iso` plus whole months, on the same day of the month or the month's last day. */
export function addMonths(iso: string, months: number): string {
  const [y, m, d] = iso.split('-').map(Number);
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12), month = total - year * 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month + 1).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** `months` calendar months after day number `day` (clamped to the month's last day), as a day number: `addMonths` without strings, for loops over a whole book. */
export function addMonthsToDay(day: number, months: number): number {
  const d = new Date(day * 86_400_000);
  const y = d.getUTCFullYear(), m = d.getUTCMonth() + months, date = d.getUTCDate();
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return Math.round(Date.UTC(y, m, Math.min(date, last)) / 86_400_000);
}

/**
 * The day number a customer's next review falls due: a cadence after its last review, or —
 * never reviewed — a cadence after it became a customer (its `since` date, else its first
 * order); NO_DAY when neither is known.
 */
export function nextReviewDay(lastDay: number, sinceDay: number, tier: Tier, cadence: Cadence): number {
  const from = lastDay !== NO_DAY ? lastDay : sinceDay;
  return from === NO_DAY ? NO_DAY : addMonthsToDay(from, cadence[tier] ?? cadence.general);
}

/** `nextReviewDay` on dates (`YYYY-MM-DD`, null when unknown). */
export function nextReview(last: string | null, since: string | null, tier: Tier, cadence: Cadence): string | null {
  const day = nextReviewDay(last ? dayFromIso(last) : NO_DAY, since ? dayFromIso(since) : NO_DAY, tier, cadence);
  return day === NO_DAY ? null : isoFromDay(day);
}

export type ReviewState = 'overdue' | 'due' | 'later';

/** Overdue after its date, due within a week of it. */
export function reviewState(due: string, asOf: string): ReviewState {
  const days = dayFromIso(due) - dayFromIso(asOf);
  return days < 0 ? 'overdue' : days <= DUE_AHEAD_DAYS ? 'due' : 'later';
}

export function cadenceIssues(c: Record<string, unknown>): Issue[] {
  return TIERS.flatMap((tier) => {
    const v = c[tier];
    return typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 36 ? [] : [{ column: tier, code: 'cadence_range', params: { min: 1, max: 36 } }];
  });
}

export function reviewIssues(r: { date: string; who: string; note: string }, asOf: string): Issue[] {
  const issues: Issue[] = [];
  if (!isValidIso(r.date)) issues.push({ column: 'date', code: 'invalid_date' });
  else if (r.date > asOf) issues.push({ column: 'date', code: 'date_in_future' });
  if (!r.who.trim()) issues.push({ column: 'who', code: 'required' });
  if (r.note.length > 2000) issues.push({ column: 'note', code: 'too_long', params: { max: 2000 } });
  return issues;
}

/** Whether a stored or shared record can be read as a review. */
export function isReviewRecord(r: Record<string, unknown>): boolean {
  return typeof r.id === 'string' && !!r.id && typeof r.customerId === 'string' && !!r.customerId && typeof r.date === 'string' && isValidIso(r.date)
    && typeof r.who === 'string' && typeof r.updatedAt === 'number';
}
