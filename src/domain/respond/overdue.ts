// Overdue invoices one by one (the figures count them by customer): unpaid money past its due
// date on a day, read from a shard's invoice columns the way the credit indicators read them.

import type { Columns, StrColumn } from '../columns';
import { isoFromDay, NO_DAY } from '../dates';

export interface OverdueInvoice {
  customerId: string;
  invoiceId: string;
  due: string;
  /** Days past due on the day asked. */
  days: number;
  /** What is still unpaid, in minor units. */
  amount: number;
  currency: string;
}

/** The overdue invoices among `rows` of a shard's invoice columns (all rows when null) on day `asOfDay`. */
export function overdueInvoices(inv: Columns, asOfDay: number, rows: Iterable<number> | null = null): OverdueInvoice[] {
  const issued = inv.cols.issued as Int32Array, due = inv.cols.due as Int32Array, paid = inv.cols.paid as Int32Array;
  const amount = inv.cols.amount as Float64Array, paidAmount = inv.cols.paidAmount as Float64Array;
  const customer = inv.cols.customerId as StrColumn, number = inv.cols.invoiceId as StrColumn, currency = inv.cols.currency as StrColumn;
  const out: OverdueInvoice[] = [];
  const take = (i: number) => {
    if (issued[i] === NO_DAY || issued[i] > asOfDay || due[i] === NO_DAY || due[i] >= asOfDay) return;
    const settled = paid[i] !== NO_DAY && paid[i] <= asOfDay;
    const rest = settled ? amount[i] - paidAmount[i] : amount[i];
    if (rest <= 0) return;
    out.push({
      customerId: customer.dict[customer.idx[i]], invoiceId: number.dict[number.idx[i]], due: isoFromDay(due[i]), days: asOfDay - due[i], amount: rest,
      currency: currency.dict[currency.idx[i]],
    });
  };
  if (rows) for (const i of rows) take(i);
  else for (let i = 0; i < inv.n; i++) take(i);
  return out;
}
