// Per-customer money figures shown on the customer list (revenue over the last 12 months,
// last order, open and overdue balance), computed in one pass over a shard's columns.

import { NO_DAY } from './dates';
import type { Columns, StrColumn } from './columns';
import type { EventKind } from './types';

export type EventTables = Record<EventKind, Columns>;

export interface CustomerFigures {
  /** Minor units: orders dated in (asOf − 365 d, asOf]. */
  revenue12m: number;
  /** Day number of the latest order, NO_DAY when none. */
  lastOrderDay: number;
  /** Minor units still unpaid on issued invoices. */
  openBalance: number;
  /** Minor units of the open balance whose due date is before asOf. */
  overdueBalance: number;
  /** Events of all kinds. */
  events: number;
}

export function emptyFigures(): CustomerFigures {
  return { revenue12m: 0, lastOrderDay: NO_DAY, openBalance: 0, overdueBalance: 0, events: 0 };
}

/** Figures for every customer that has events in `tables`, as of day number `asOfDay`. */
export function figuresByCustomer(tables: EventTables, asOfDay: number): Map<string, CustomerFigures> {
  const out = new Map<string, CustomerFigures>();
  const slotsOf = (columns: Columns) => {
    const dict = (columns.cols.customerId as StrColumn).dict;
    return dict.map((id) => {
      let f = out.get(id);
      if (!f) out.set(id, (f = emptyFigures()));
      return f;
    });
  };
  for (const kind of Object.keys(tables) as EventKind[]) {
    const columns = tables[kind];
    const slots = slotsOf(columns);
    const cust = (columns.cols.customerId as StrColumn).idx;
    for (let i = 0; i < columns.n; i++) slots[cust[i]].events++;
  }

  const orders = tables.order;
  const oSlots = slotsOf(orders);
  const oCust = (orders.cols.customerId as StrColumn).idx;
  const oDate = orders.cols.date as Int32Array;
  const oAmount = orders.cols.amount as Float64Array;
  for (let i = 0; i < orders.n; i++) {
    const f = oSlots[oCust[i]];
    const d = oDate[i];
    if (d > asOfDay) continue;
    if (d > f.lastOrderDay) f.lastOrderDay = d;
    if (d > asOfDay - 365) f.revenue12m += oAmount[i];
  }

  const inv = tables.invoice;
  const iSlots = slotsOf(inv);
  const iCust = (inv.cols.customerId as StrColumn).idx;
  const issued = inv.cols.issued as Int32Array;
  const due = inv.cols.due as Int32Array;
  const amount = inv.cols.amount as Float64Array;
  const paidAmount = inv.cols.paidAmount as Float64Array;
  for (let i = 0; i < inv.n; i++) {
    if (issued[i] > asOfDay) continue;
    const open = amount[i] - paidAmount[i];
    if (open <= 0) continue;
    const f = iSlots[iCust[i]];
    f.openBalance += open;
    if (due[i] !== NO_DAY && due[i] < asOfDay) f.overdueBalance += open;
  }
  return out;
}
