// "How good is this model here?" on the open book: the lifetime models fitted on the orders
// before a cut date against the weeks after it, and the book scored as of the cut with the
// live model against what each grade then did (DESIGN §2). In memory only: nothing is kept.

import type { StrColumn } from '../../domain/columns';
import { dayFromIso, isoFromDay } from '../../domain/dates';
import { rocAuc, trackBgNbd } from '../../domain/lifetime/backtest';
import { GRADE_LABELS } from '../../domain/risk/overview';
import { byGrade, shardOutcomes, type Outcomes } from '../../domain/risk/outcomes';
import type { BacktestResult } from '../contract';
import type { Job } from '../session/jobs';
import { Book } from './book';

/** The default cut: 26 weeks before the book's analysis date. */
export const BACKTEST_WEEKS = 26;

export async function backtest(book: Book, cutIso: string, job: Job): Promise<BacktestResult> {
  const cut = dayFromIso(cutIso), end = book.asOfDayNumber;
  const weeks = Math.floor((end - cut) / 7);
  const records = Array.from({ length: book.shardCount }, (_, no) => book.shard(no));
  // The orders of every customer, by position, for the lifetime models.
  const customer: number[] = [], day: number[] = [];
  for (const [no, s] of records.entries()) {
    const ids = s.events.order.cols.customerId as StrColumn, dates = s.events.order.cols.date as Int32Array;
    const at = ids.dict.map((id) => book.positionOf(id) ?? -1);
    for (let i = 0; i < s.events.order.n; i++) {
      const p = at[ids.idx[i]];
      if (p >= 0) customer.push(p), day.push(dates[i]);
    }
    await job.checkpoint('backtest', no + 1, records.length * 2);
  }
  const tracking = trackBgNbd(book.customerCount, customer, day, cut, weeks);
  // The book as it stood on the cut day, under the live model.
  const past = new Book(records, book.shardCount, book.nextEventId, cut, book.locale, { model: book.risk.model });
  const n = past.customerCount;
  const outcomes: Outcomes = { stopped: new Int8Array(n).fill(-1), paidLate: new Int8Array(n).fill(-1), complained: new Int8Array(n) };
  for (const [no, s] of records.entries()) {
    const o = shardOutcomes(s.customers, s.events, cut, end);
    const ids = s.customers.cols.id as StrColumn;
    for (let i = 0; i < s.customers.n; i++) {
      const p = past.positionOf(ids.dict[ids.idx[i]]);
      if (p === undefined) continue;
      outcomes.stopped[p] = o.stopped[i];
      outcomes.paidLate[p] = o.paidLate[i];
      outcomes.complained[p] = o.complained[i];
    }
    await job.checkpoint('backtest', records.length + no + 1, records.length * 2);
  }
  const t = past.list;
  const grades = Array.from({ length: n }, (_, i) => t.computedGrade[i]);
  // Only graded customers take part in the curve: an insufficient score is no prediction.
  const score = Float64Array.from({ length: n }, (_, i) => (grades[i] === 'insufficient' ? NaN : t.score[i]));
  return {
    cut: isoFromDay(cut), end: isoFromDay(end), weeks,
    tracking: tracking && { weeks: tracking.weeks, conditional: tracking.conditional, params: tracking.fit.params, converged: tracking.fit.converged, cohort: tracking.cohort },
    ...byGrade(grades, GRADE_LABELS, outcomes),
    auc: { stopped: rocAuc(score, outcomes.stopped), paidLate: rocAuc(score, outcomes.paidLate) },
  };
}
