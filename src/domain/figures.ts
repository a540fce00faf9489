// Per-customer money figures shown on the customer list (revenue over the last 12 months,
// last order, open and overdue balance), computed in one pass over a shard's columns.

import { NO_DAY } from './dates';
import { encodeCustomers, type Columns, type StrColumn } from './columns';
import { shardFacts } from './risk/facts';
import type { Customer, EventKind } from './types';

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
  /** The overdue balance by days past due (1–30, 31–60, 61–90, over 90): the provision matrix's buckets. */
  overdue30: Float64Array;
  overdue60: Float64Array;
  overdue90: Float64Array;
  overdueOver90: Float64Array;
  /** Days past due of the oldest unpaid invoice past its due date (0 when none). */
  daysPastDue: Float64Array;
  /** The lifetime models' summary (see lifetime/bgnbd.ts), in weeks: repeat purchase days, first to last, first to as-of (NaN: never ordered), mean repeat-day spend. */
  repeatPurchases: Float64Array;
  weeksFirstToLast: Float64Array;
  weeksSinceFirst: Float64Array;
  repeatSpend: Float64Array;
}

export const FIGURE_KEYS = [
  'revenue12m', 'lastOrderDay', 'openBalance', 'overdueBalance', 'events', 'overdue30', 'overdue60', 'overdue90', 'overdueOver90', 'daysPastDue',
  'repeatPurchases', 'weeksFirstToLast', 'weeksSinceFirst', 'repeatSpend',
] as const satisfies readonly (keyof FigureColumns)[];

/** Empty figures for n customers (no last order). */
export function emptyFigureColumns(n: number): FigureColumns {
  const f = Object.fromEntries(FIGURE_KEYS.map((k) => [k, new Float64Array(n)])) as unknown as FigureColumns;
  f.lastOrderDay.fill(NO_DAY);
  f.weeksSinceFirst.fill(NaN);
  f.repeatSpend.fill(NaN);
  return f;
}

/**
 * Figures of the customers `ids` (entry i for ids[i]) from the event columns of their shard,
 * as of day number `asOfDay`; events of other customers are ignored. The same pass that
 * computes the risk indicators (`shardFacts`), so the list and the scores never disagree.
 */
export function figureColumns(tables: EventTables, asOfDay: number, ids: readonly string[]): FigureColumns {
  const customers = encodeCustomers(ids.map((id) => ({ id }) as Customer));
  return shardFacts(customers, tables, asOfDay).figures;
}

/** Figures of every customer that has events in `tables` (tests and single customers). */
export function figuresByCustomer(tables: EventTables, asOfDay: number): Map<string, CustomerFigures> {
  const ids = [...new Set(Object.values(tables).flatMap((c) => (c.cols.customerId as StrColumn).dict))];
  const f = figureColumns(tables, asOfDay, ids);
  return new Map(ids.map((id, i) => [id, {
    revenue12m: f.revenue12m[i], lastOrderDay: f.lastOrderDay[i], openBalance: f.openBalance[i], overdueBalance: f.overdueBalance[i], events: f.events[i],
  }]));
}
