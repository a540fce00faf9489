// Line items of a shop's export (issue 15): one row per product, the order number on each. The
// lines of one customer's order number are one order, its amount their sum (a line with a
// negative quantity, a correction, nets off), its date the earliest line's. An order whose sum
// is negative is a return: kept as a negative order, which counts in revenue but is not a
// purchase day (see risk/facts.ts), so that a refund lowers the money without making a
// lapsed customer look active.

import { eventAt, type Columns, type StrColumn } from '../../domain/columns';
import { dayFromIso, isoFromDay } from '../../domain/dates';
import type { BookEvent, OrderEvent } from '../../domain/types';

interface Group {
  order: OrderEvent;
  /** The shard of its customer. */
  no: number;
  lines: number;
  /** Its date as a day number (compared per line). */
  day: number;
}

export class LineItems {
  private readonly groups = new Map<string, Group>();
  lines = 0;

  /** Adds a line (an order with its number) of a customer in shard `no`; returns its order's group. */
  add(no: number, line: OrderEvent): Group {
    this.lines++;
    const key = `${line.customerId}\u001f${line.orderId}\u001f${line.currency}`;
    const g = this.groups.get(key);
    if (!g) {
      const made = { order: { ...line }, no, lines: 1, day: dayFromIso(line.date) };
      this.groups.set(key, made);
      return made;
    }
    g.lines++;
    g.order.amount += line.amount;
    if (line.date < g.order.date) (g.order.date = line.date), (g.day = dayFromIso(line.date));
    if (!g.order.category && line.category) g.order.category = line.category;
    return g;
  }

  /** The group of the last line added from columns, and the codes that made its key (lines of one order come together). */
  private last: { cols: Columns; customer: number; order: number; currency: number; group: Group } | null = null;

  /**
   * Adds row `i` of converted columns (a line with an order number) without making it an
   * object: only the first line of an order becomes one.
   */
  addFrom(no: number, cols: Columns, i: number): void {
    const c = cols.cols as Record<string, StrColumn>;
    const customer = c.customerId.idx[i], order = c.orderId.idx[i], currency = c.currency.idx[i];
    const amount = (cols.cols.amount as Float64Array)[i], day = (cols.cols.date as Int32Array)[i];
    const l = this.last;
    let g: Group | undefined;
    if (l && l.cols === cols && l.customer === customer && l.order === order && l.currency === currency) g = l.group;
    else {
      g = this.groups.get(`${c.customerId.dict[customer]}\u001f${c.orderId.dict[order]}\u001f${c.currency.dict[currency]}`);
      if (!g) {
        this.last = { cols, customer, order, currency, group: this.add(no, eventAt('order', cols, i) as OrderEvent) };
        return;
      }
      this.last = { cols, customer, order, currency, group: g };
    }
    this.lines++;
    g.lines++;
    g.order.amount += amount;
    if (day < g.day) (g.day = day), (g.order.date = isoFromDay(day));
  }

  get orders(): number {
    return this.groups.size;
  }

  /** The orders, in the order their first lines came, each with its shard. */
  *each(): Generator<{ no: number; order: BookEvent }> {
    for (const g of this.groups.values()) yield { no: g.no, order: g.order };
  }
}
