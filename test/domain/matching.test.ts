// The key that makes an imported event the same record as a stored one, and whether it changes it.
import { describe, expect, test } from 'vitest';
import { eventKey, sameEvent } from '../../src/domain/import/matching';
import type { BatchId, CustomerId, NewEvent } from '../../src/domain/types';

const base = { customerId: 'C1' as CustomerId, batch: 'b' as BatchId };
const order: NewEvent = { ...base, kind: 'order', date: '2026-01-02', amount: 500, currency: 'CNY', category: 'Parts' };
const invoice: NewEvent = { ...base, kind: 'invoice', invoiceId: 'INV-1', issued: '2026-01-01', due: '2026-01-31', amount: 900, currency: 'CNY', paid: '', paidAmount: 0 };
const complaint: NewEvent = { ...base, kind: 'complaint', opened: 1000, firstResponse: null, resolved: null, severity: 'high', category: 'delivery', channel: 'call', reopened: false };
const survey: NewEvent = { ...base, kind: 'survey', date: '2026-02-01', csat: 4, nps: 8, comment: '' };
const interaction: NewEvent = { ...base, kind: 'interaction', date: '2026-02-03', channel: 'visit', sentiment: 1 };

describe('event keys', () => {
  test('each kind is keyed by what makes it the same record, and by its customer', () => {
    const keys = (e: NewEvent, changes: Record<string, unknown>[]) => changes.map((c) => eventKey({ ...e, ...c } as NewEvent) === eventKey(e));
    // An invoice is its number: a payment or a new amount is the same invoice.
    expect(keys(invoice, [{ paid: '2026-02-01' }, { amount: 1 }, { invoiceId: 'INV-2' }, { customerId: 'C2' }])).toEqual([true, true, false, false]);
    // Without a number, its issue date and amount.
    const unnumbered = { ...invoice, invoiceId: '' } as NewEvent;
    expect(keys(unnumbered, [{ due: '2026-03-01' }, { issued: '2026-01-02' }, { amount: 901 }])).toEqual([true, false, false]);
    expect(keys(order, [{ date: '2026-01-03' }, { amount: 501 }, { currency: 'USD' }, { category: 'Tools' }, { customerId: 'C2' }])).toEqual([false, false, false, false, false]);
    expect(keys(complaint, [{ resolved: 2000 }, { opened: 1001 }, { category: 'billing' }, { severity: 'low' }])).toEqual([true, false, false, true]);
    expect(keys(survey, [{ csat: 2 }, { date: '2026-02-02' }])).toEqual([true, false]);
    expect(keys(interaction, [{ sentiment: -1 }, { channel: 'call' }, { date: '2026-02-04' }])).toEqual([true, false, false]);
    // Kinds never meet: their keys differ even on equal content.
    expect(new Set([order, invoice, complaint, survey, interaction].map(eventKey)).size).toBe(5);
  });
});

describe('same event', () => {
  test('equal in every stored field of its kind (ids and batches aside); any field differing is a change', () => {
    expect(sameEvent(order, { ...order, batch: 'other' as BatchId })).toBe(true);
    expect(sameEvent(order, { ...order, id: 7 } as NewEvent)).toBe(true);
    for (const [e, field, value] of [
      [order, 'amount', 1], [order, 'category', 'x'], [invoice, 'paid', '2026-02-01'], [invoice, 'paidAmount', 900], [complaint, 'reopened', true],
      [complaint, 'resolved', 5], [survey, 'comment', 'late'], [survey, 'nps', null], [interaction, 'sentiment', 0],
    ] as [NewEvent, string, unknown][]) expect(sameEvent(e, { ...e, [field]: value } as NewEvent), field).toBe(false);
    expect(sameEvent(order, { ...order, customerId: 'C2' as CustomerId })).toBe(false);
    expect(sameEvent(order, survey)).toBe(false);
  });
});
