// What customers did after a cut date, for the backtest of the risk score (DESIGN §2): whether
// a customer who ordered before it stopped ordering, paid an invoice more than 30 days late,
// or complained, up to the end day. Per customer of a shard: 1 yes, 0 no, −1 not applicable.

import type { Columns } from '../columns';
import { NO_DAY } from '../dates';
import type { EventTables } from '../figures';
import { groupRows, lazyPositions } from './rows';

/** Days past due after which a payment counts as late in the backtest. */
export const LATE_DAYS = 30;

export interface Outcomes {
  /** Ordered before the cut and not in (cut, end]; −1 without an order before the cut. */
  stopped: Int8Array;
  /** An invoice due in (cut, end − 30] paid more than 30 days after its due day, or not at all; −1 without such an invoice. */
  paidLate: Int8Array;
  /** A complaint opened in (cut, end]. */
  complained: Int8Array;
}

export function shardOutcomes(customers: Columns, events: EventTables, cut: number, end: number): Outcomes {
  const n = customers.n;
  const position = lazyPositions(customers);
  const stopped = new Int8Array(n).fill(-1), paidLate = new Int8Array(n).fill(-1), complained = new Int8Array(n);

  const orders = groupRows(events.order, customers, position);
  const date = events.order.cols.date as Int32Array;
  for (let p = 0; p < n; p++) {
    let before = false, after = false;
    for (let k = orders.start[p]; k < orders.start[p + 1]; k++) {
      const d = date[orders.rows[k]];
      if (d === NO_DAY) continue;
      if (d <= cut) before = true;
      else if (d <= end) after = true;
    }
    if (before) stopped[p] = after ? 0 : 1;
  }

  const inv = groupRows(events.invoice, customers, position);
  const due = events.invoice.cols.due as Int32Array, paid = events.invoice.cols.paid as Int32Array;
  for (let p = 0; p < n; p++) {
    for (let k = inv.start[p]; k < inv.start[p + 1]; k++) {
      const i = inv.rows[k];
      // Only invoices whose 30 days of grace ended inside the window can be judged.
      if (due[i] === NO_DAY || due[i] <= cut || due[i] > end - LATE_DAYS) continue;
      const late = paid[i] === NO_DAY || paid[i] > end ? end - due[i] : paid[i] - due[i];
      if (late > LATE_DAYS) paidLate[p] = 1;
      else if (paidLate[p] < 0) paidLate[p] = 0;
    }
  }

  const comp = groupRows(events.complaint, customers, position);
  const opened = events.complaint.cols.opened as Float64Array;
  for (let p = 0; p < n; p++) {
    for (let k = comp.start[p]; k < comp.start[p + 1]; k++) {
      const d = Math.floor(opened[comp.rows[k]] / 86_400_000);
      if (d > cut && d <= end) complained[p] = 1;
    }
  }
  return { stopped, paidLate, complained };
}

export interface GradeOutcome {
  grade: string;
  customers: number;
  /** Shares (0–1) of the grade's customers to whom the outcome applies; NaN when none does. */
  stopped: number;
  paidLate: number;
  complained: number;
}

/**
 * Outcomes by grade at the cut, with the book's base rates: each grade's share of customers
 * with the outcome, among those it applies to.
 */
export function byGrade(grades: readonly string[], labels: readonly string[], outcomes: Outcomes): { grades: GradeOutcome[]; base: Omit<GradeOutcome, 'grade' | 'customers'> } {
  const rate = (flags: Int8Array, keep: (i: number) => boolean) => {
    let yes = 0, all = 0;
    for (let i = 0; i < flags.length; i++) if (keep(i) && flags[i] >= 0) (all++, (yes += flags[i]));
    return all ? yes / all : NaN;
  };
  const of = (keep: (i: number) => boolean) => ({ stopped: rate(outcomes.stopped, keep), paidLate: rate(outcomes.paidLate, keep), complained: rate(outcomes.complained, keep) });
  return {
    grades: labels.map((grade) => ({ grade, customers: grades.filter((g) => g === grade).length, ...of((i) => grades[i] === grade) })).filter((g) => g.customers > 0),
    base: of(() => true),
  };
}
