import { describe, expect, test } from 'vitest';
import { validateCustomer, validateEvent } from '../../src/domain/validate';
import type { BatchId, BookEvent, Customer, CustomerId, EventId } from '../../src/domain/types';

const good: Customer = {
  id: 'C1' as CustomerId, name: '上海华通', industry: '', size: '', region: '', owner: '', tier: 'general', since: '', creditLimit: null,
  currency: 'CNY', paymentTermsDays: 30, contractEnd: '', tags: [], notes: '', contact: '', phone: '', email: '', batch: 'manual' as BatchId, updatedAt: 0,
};
const codes = (issues: { column?: string; code: string }[]) => issues.map((i) => `${i.column}:${i.code}`);

describe('customer validation', () => {
  test('a minimal customer is valid', () => expect(validateCustomer(good)).toEqual([]));
  test('each bad field gets one issue naming its column', () => {
    const bad = { ...good, id: ' ' as CustomerId, name: 'x'.repeat(201), size: 'huge', tier: 'vip', since: '2026-02-30', creditLimit: -1, paymentTermsDays: 1.5, email: 'a@b', phone: 'call me' } as unknown as Customer;
    expect(codes(validateCustomer(bad))).toEqual([
      'id:required', 'name:too_long', 'size:invalid_choice', 'tier:invalid_choice', 'since:invalid_date',
      'creditLimit:out_of_range', 'paymentTermsDays:not_integer', 'email:invalid_email', 'phone:invalid_phone',
    ]);
  });
  test('control characters in an id are refused', () => expect(codes(validateCustomer({ ...good, id: 'a\tb' as CustomerId }))).toEqual(['id:invalid_chars']));
});

describe('event validation', () => {
  const e = { id: 1 as EventId, customerId: 'C1' as CustomerId, batch: 'manual' as BatchId };
  test('an invoice due before it was issued is refused', () => {
    const inv: BookEvent = { ...e, kind: 'invoice', invoiceId: '', issued: '2026-02-01', due: '2026-01-01', amount: 100, currency: 'CNY', paid: '', paidAmount: 0 };
    expect(codes(validateEvent(inv))).toEqual(['due:before']);
  });
  test('a survey needs CSAT or NPS, within range', () => {
    const s: BookEvent = { ...e, kind: 'survey', date: '2026-01-01', csat: null, nps: null, comment: '' };
    expect(codes(validateEvent(s))).toEqual(['csat:survey_empty']);
    expect(codes(validateEvent({ ...s, csat: 6 }))).toEqual(['csat:out_of_range']);
    expect(validateEvent({ ...s, nps: 0 })).toEqual([]);
  });
  test('a complaint answered before it was opened is refused; NaN instants too', () => {
    const c: BookEvent = { ...e, kind: 'complaint', opened: 10_000, firstResponse: 5_000, resolved: null, severity: 'high', category: '', channel: 'call', reopened: false };
    expect(codes(validateEvent(c))).toEqual(['firstResponse:before']);
    expect(codes(validateEvent({ ...c, opened: NaN, firstResponse: null }))).toEqual(['opened:not_integer']);
  });
  test('an order needs a real date and a whole amount of minor units', () => {
    const o: BookEvent = { ...e, kind: 'order', date: '', amount: 1.5, currency: 'CNY', category: '' };
    expect(codes(validateEvent(o))).toEqual(['date:required', 'amount:not_integer']);
  });
});
