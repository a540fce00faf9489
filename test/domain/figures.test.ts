import { describe, expect, test } from 'vitest';
import { encodeEvents, emptyColumns } from '../../src/domain/columns';
import { dayFromIso, NO_DAY } from '../../src/domain/dates';
import { figureColumns, figuresByCustomer, type EventTables } from '../../src/domain/figures';
import type { BatchId, CustomerId, EventId, InvoiceEvent, OrderEvent } from '../../src/domain/types';

const b = { batch: 'demo' as BatchId, id: 0 as EventId };
const order = (c: string, date: string, amount: number): OrderEvent => ({ ...b, customerId: c as CustomerId, kind: 'order', date, amount, currency: 'CNY', category: '' });
const invoice = (c: string, issued: string, due: string, amount: number, paidAmount: number): InvoiceEvent => ({ ...b, customerId: c as CustomerId, kind: 'invoice', invoiceId: '', issued, due, amount, currency: 'CNY', paid: paidAmount ? issued : '', paidAmount });

function tables(orders: OrderEvent[], invoices: InvoiceEvent[]): EventTables {
  return { order: encodeEvents('order', orders), invoice: encodeEvents('invoice', invoices), complaint: emptyColumns('complaint'), survey: emptyColumns('survey'), interaction: emptyColumns('interaction') };
}

describe('customer figures as of a date', () => {
  const asOf = dayFromIso('2026-06-30');
  test('revenue counts orders of the last 365 days only, and none after as-of', () => {
    const f = figuresByCustomer(tables([order('A', '2025-06-30', 100), order('A', '2025-07-01', 200), order('A', '2026-06-30', 300), order('A', '2026-07-01', 999)], []), asOf).get('A')!;
    expect(f.revenue12m).toBe(500);
    expect(f.lastOrderDay).toBe(asOf);
    expect(f.events).toBe(4);
  });
  test('open balance counts unpaid remainders; overdue only those past due', () => {
    const f = figuresByCustomer(tables([], [
      invoice('A', '2026-05-01', '2026-05-31', 1000, 0), // overdue 1000
      invoice('A', '2026-06-01', '2026-07-01', 500, 0), // open, not yet due
      invoice('A', '2026-04-01', '2026-05-01', 800, 300), // partly paid, 500 overdue
      invoice('A', '2026-04-01', '2026-05-01', 800, 800), // settled
      invoice('A', '2026-07-02', '2026-08-01', 700, 0), // issued after as-of
    ]), asOf).get('A')!;
    expect(f.openBalance).toBe(2000);
    expect(f.overdueBalance).toBe(1500);
    // By days past due, for the provision matrix: 30 days → 1–30, 60 days → 31–60.
    const cols = figureColumns(tables([], [invoice('A', '2026-05-01', '2026-05-31', 1000, 0), invoice('A', '2026-04-01', '2026-05-01', 800, 300), invoice('A', '2025-01-01', '2025-02-01', 7, 0)]), asOf, ['A']);
    expect([cols.overdue30[0], cols.overdue60[0], cols.overdue90[0], cols.overdueOver90[0]]).toEqual([1000, 500, 0, 7]);
  });
  test('a customer with no orders has no last order', () => {
    const f = figuresByCustomer(tables([], [invoice('B', '2026-01-01', '2026-01-31', 1, 1)]), asOf).get('B')!;
    expect(f.lastOrderDay).toBe(NO_DAY);
    expect(f.revenue12m).toBe(0);
  });
});
