// Receivables as a credit manager reads them (DESIGN §5, Credit): the open money by days past
// its due date in buckets — current, 1–30, 31–60, 61–90, over 90 by default, the cuts
// configurable — days sales outstanding, and how long a customer takes to pay. Plain numbers
// over invoices as the book stores them (day numbers, minor units).

import { NO_DAY } from '../dates';

/** Upper bounds (days past due, inclusive) of the overdue buckets after "current"; the last bucket is open-ended. */
export type AgingCuts = readonly number[];
export const DEFAULT_AGING: AgingCuts = [30, 60, 90];

/** One invoice as the receivables read it. */
export interface OpenItem {
  issued: number;
  due: number;
  /** The day of (last) payment, NO_DAY while unpaid. */
  paid: number;
  amount: number;
  paidAmount: number;
}

/** Whether cuts are usable: whole days, rising, at least 1. */
export function agingCutsOk(cuts: readonly unknown[]): boolean {
  return cuts.length >= 1 && cuts.length <= 8 && cuts.every((c, k) => Number.isInteger(c) && (c as number) >= 1 && (k === 0 || (c as number) > (cuts[k - 1] as number)));
}

/**
 * The bucket of an amount `daysPastDue` days past its due date: 0 is "current" (not yet due,
 * or due today), then one bucket per cut (1–30 is bucket 1 with the default cuts), and the last
 * for anything past the last cut.
 */
export function bucketOf(daysPastDue: number, cuts: AgingCuts = DEFAULT_AGING): number {
  if (daysPastDue <= 0) return 0;
  for (let k = 0; k < cuts.length; k++) if (daysPastDue <= cuts[k]) return k + 1;
  return cuts.length + 1;
}

/** Bucket labels' bounds: [from, to] days past due, `to` null for the open-ended last; the first is current. */
export function bucketBounds(cuts: AgingCuts = DEFAULT_AGING): { from: number; to: number | null }[] {
  return [{ from: -Infinity, to: 0 }, ...cuts.map((c, k) => ({ from: (k ? cuts[k - 1] : 0) + 1, to: c })), { from: cuts[cuts.length - 1] + 1, to: null }];
}

/** What is still owed on an invoice on `day`: nothing before it is issued; the unpaid rest after a payment on or before `day`. */
export function openOn(it: OpenItem, day: number): number {
  return openAmount(it.issued, it.paid, it.amount, it.paidAmount, day);
}

/** `openOn` over an invoice's columns (no object per invoice in a loop over a million). */
export function openAmount(issued: number, paid: number, amount: number, paidAmount: number, day: number): number {
  if (issued === NO_DAY || issued > day) return 0;
  return Math.max(0, paid !== NO_DAY && paid <= day ? amount - paidAmount : amount);
}

/** The open amounts of `items` on `day` by bucket (length cuts + 2), and how many invoices in each. */
export function aging(items: Iterable<OpenItem>, day: number, cuts: AgingCuts = DEFAULT_AGING): { amount: number[]; count: number[] } {
  const amount = new Array<number>(cuts.length + 2).fill(0), count = new Array<number>(cuts.length + 2).fill(0);
  for (const it of items) {
    const open = openOn(it, day);
    if (open <= 0) continue;
    const b = it.due === NO_DAY ? 0 : bucketOf(day - it.due, cuts);
    amount[b] += open;
    count[b]++;
  }
  return { amount, count };
}

/**
 * Days sales outstanding over a period of `days` days: receivables at its end ÷ credit sales in
 * it × days. NaN when there were no credit sales (DSO means nothing then).
 */
export function dso(receivables: number, creditSales: number, days: number): number {
  return creditSales > 0 ? (receivables / creditSales) * days : NaN;
}

/** DSO on `day` over the `days` before it: the invoices' open amounts that day against what was invoiced in (day − days, day]. */
export function dsoOf(items: Iterable<OpenItem>, day: number, days = 90): number {
  let receivables = 0, sales = 0;
  for (const it of items) {
    receivables += openOn(it, day);
    if (it.issued !== NO_DAY && it.issued > day - days && it.issued <= day) sales += it.amount;
  }
  return dso(receivables, sales, days);
}

/** The mean days from issue to payment of the invoices paid in full by `day` (NaN without any): how long this customer takes to pay. */
export function daysToPay(items: Iterable<OpenItem>, day: number): number {
  let sum = 0, n = 0;
  for (const it of items) {
    if (it.paid === NO_DAY || it.paid > day || it.issued === NO_DAY || it.paidAmount < it.amount) continue;
    sum += it.paid - it.issued;
    n++;
  }
  return n ? sum / n : NaN;
}

/** The due date of an invoice a file gave none for: its issue day plus the customer's payment terms (none known: NO_DAY). */
export function dueFromTerms(issued: number, termsDays: number | null): number {
  return issued === NO_DAY || termsDays === null || !Number.isInteger(termsDays) || termsDays < 0 ? NO_DAY : issued + termsDays;
}
