// Line items of a shop's export (issue 15): one row per product, the order number on each. The
// lines of one customer's order number are one order, its amount their sum (a line with a
// negative quantity, a correction, nets off), its date the earliest line's. An order whose sum
// is negative is a return: kept as a negative order, which counts in revenue but is not a
// purchase day (see risk/facts.ts), so that a refund lowers the money without making a
// lapsed customer look active.

import type { BookEvent, OrderEvent } from '../../domain/types';

interface Group {
  order: OrderEvent;
  /** The shard of its customer. */
  no: number;
  lines: number;
}

export class LineItems {
  private readonly groups = new Map<string, Group>();
  lines = 0;

  /** Adds a line (an order with its number) of a customer in shard `no`. */
  add(no: number, line: OrderEvent): void {
    this.lines++;
    const key = `${line.customerId}\u001f${line.orderId}\u001f${line.currency}`;
    const g = this.groups.get(key);
    if (!g) {
      this.groups.set(key, { order: { ...line }, no, lines: 1 });
      return;
    }
    g.lines++;
    g.order.amount += line.amount;
    if (line.date < g.order.date) g.order.date = line.date;
    if (!g.order.category && line.category) g.order.category = line.category;
  }

  get orders(): number {
    return this.groups.size;
  }

  /** The orders, in the order their first lines came, each with its shard. */
  *each(): Generator<{ no: number; order: BookEvent }> {
    for (const g of this.groups.values()) yield { no: g.no, order: g.order };
  }
}
