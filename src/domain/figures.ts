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

/** The figures of a list of customers, one entry per customer in each column. */
export interface FigureColumns {
  revenue12m: Float64Array;
  lastOrderDay: Float64Array;
  openBalance: Float64Array;
  overdueBalance: Float64Array;
  events: Float64Array;
}

/**
 * Figures of the customers `ids` (entry i for ids[i]) from the event columns of their shard,
 * as of day number `asOfDay`, in one pass per kind; events of other customers are ignored.
 */
export function figureColumns(tables: EventTables, asOfDay: number, ids: readonly string[]): FigureColumns {
  const n = ids.length;
  const f: FigureColumns = {
    revenue12m: new Float64Array(n), lastOrderDay: new Float64Array(n).fill(NO_DAY), openBalance: new Float64Array(n),
    overdueBalance: new Float64Array(n), events: new Float64Array(n),
  };
  const position = new Map(ids.map((id, i) => [id, i]));
  // Dictionary code → position in `ids` (−1: not one of them), once per kind.
  const slots = (columns: Columns) => {
    const { dict } = columns.cols.customerId as StrColumn;
    const at = new Int32Array(dict.length);
    for (let c = 0; c < dict.length; c++) at[c] = position.get(dict[c]) ?? -1;
    return at;
  };
  for (const kind of Object.keys(tables) as EventKind[]) {
    const columns = tables[kind];
    const at = slots(columns);
    const cust = (columns.cols.customerId as StrColumn).idx;
    for (let i = 0; i < columns.n; i++) {
      const p = at[cust[i]];
      if (p >= 0) f.events[p]++;
    }
  }

  const orders = tables.order;
  const oAt = slots(orders);
  const oCust = (orders.cols.customerId as StrColumn).idx;
  const oDate = orders.cols.date as Int32Array;
  const oAmount = orders.cols.amount as Float64Array;
  for (let i = 0; i < orders.n; i++) {
    const p = oAt[oCust[i]];
    const d = oDate[i];
    if (p < 0 || d > asOfDay) continue;
    if (d > f.lastOrderDay[p]) f.lastOrderDay[p] = d;
    if (d > asOfDay - 365) f.revenue12m[p] += oAmount[i];
  }

  const inv = tables.invoice;
  const iAt = slots(inv);
  const iCust = (inv.cols.customerId as StrColumn).idx;
  const issued = inv.cols.issued as Int32Array;
  const due = inv.cols.due as Int32Array;
  const amount = inv.cols.amount as Float64Array;
  const paidAmount = inv.cols.paidAmount as Float64Array;
  for (let i = 0; i < inv.n; i++) {
    const p = iAt[iCust[i]];
    if (p < 0 || issued[i] > asOfDay) continue;
    const open = amount[i] - paidAmount[i];
    if (open <= 0) continue;
    f.openBalance[p] += open;
    if (due[i] !== NO_DAY && due[i] < asOfDay) f.overdueBalance[p] += open;
  }
  return f;
}

/** Figures of every customer that has events in `tables` (tests and single customers). */
export function figuresByCustomer(tables: EventTables, asOfDay: number): Map<string, CustomerFigures> {
  const ids = [...new Set(Object.values(tables).flatMap((c) => (c.cols.customerId as StrColumn).dict))];
  const f = figureColumns(tables, asOfDay, ids);
  return new Map(ids.map((id, i) => [id, {
    revenue12m: f.revenue12m[i], lastOrderDay: f.lastOrderDay[i], openBalance: f.openBalance[i], overdueBalance: f.overdueBalance[i], events: f.events[i],
  }]));
}
