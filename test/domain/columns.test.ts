import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { decodeEvents, encodeEvents, rowsOfCustomer } from '../../src/domain/columns';
import type { BatchId, ComplaintEvent, CustomerId, EventId, InvoiceEvent, SurveyEvent } from '../../src/domain/types';

const base = { customerId: 'C1' as CustomerId, batch: 'demo' as BatchId };

describe('event columns', () => {
  test('every field of every kind survives encode → decode, including nulls and empty dates', () => {
    const invoices: InvoiceEvent[] = [
      { ...base, id: 1 as EventId, kind: 'invoice', invoiceId: 'INV-1', issued: '2026-01-01', due: '2026-01-31', amount: 123_45, currency: 'CNY', paid: '', paidAmount: 0 },
      { ...base, id: 2 as EventId, kind: 'invoice', invoiceId: '', issued: '2026-02-01', due: '2026-03-03', amount: 9, currency: 'TWD', paid: '2026-03-10', paidAmount: 9 },
    ];
    const complaints: ComplaintEvent[] = [
      { ...base, id: 3 as EventId, kind: 'complaint', opened: 1_700_000_000_000, firstResponse: null, resolved: null, severity: 'critical', category: '质量', channel: 'call', reopened: true },
    ];
    const surveys: SurveyEvent[] = [{ ...base, id: 4 as EventId, kind: 'survey', date: '2026-05-05', csat: null, nps: 0, comment: '太慢' }];
    expect(decodeEvents('invoice', encodeEvents('invoice', invoices))).toEqual(invoices);
    expect(decodeEvents('complaint', encodeEvents('complaint', complaints))).toEqual(complaints);
    expect(decodeEvents('survey', encodeEvents('survey', surveys))).toEqual(surveys);
  });

  test('orders round-trip for arbitrary values (property)', () => {
    const order = fc.record({
      id: fc.integer({ min: 1, max: 2 ** 40 }),
      customerId: fc.string({ maxLength: 12 }),
      batch: fc.constantFrom('demo', 'manual', 'import-1'),
      kind: fc.constant('order' as const),
      date: fc.integer({ min: -20_000, max: 60_000 }).map((d) => new Date(d * 86_400_000).toISOString().slice(0, 10)),
      amount: fc.integer({ min: -(2 ** 50), max: 2 ** 50 }),
      currency: fc.constantFrom('CNY', 'USD'),
      category: fc.string(),
      orderId: fc.string({ maxLength: 12 }),
    });
    fc.assert(
      fc.property(fc.array(order, { maxLength: 30 }), (orders) => {
        expect(decodeEvents('order', encodeEvents('order', orders as never))).toEqual(orders);
      }),
    );
  });

  test('rowsOfCustomer finds exactly that customer’s rows', () => {
    const cols = encodeEvents('survey', ['A', 'B', 'A'].map((c, i) => ({ ...base, customerId: c as CustomerId, id: i as EventId, kind: 'survey' as const, date: '2026-01-01', csat: 3, nps: null, comment: '' })));
    expect(rowsOfCustomer(cols, 'A')).toEqual([0, 2]);
    expect(rowsOfCustomer(cols, 'Z')).toEqual([]);
  });
});
