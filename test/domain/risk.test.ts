// Indicators on hand-computed cases, and what customers did after a cut (test/domain/score.test.ts: the scoring).
import { describe, expect, test } from 'vitest';
import { encodeCustomers, encodeEvents } from '../../src/domain/columns';
import { dayFromIso } from '../../src/domain/dates';
import type { EventTables } from '../../src/domain/figures';
import { INDICATORS, type IndicatorId } from '../../src/domain/risk/indicators';
import { shardIndicators } from '../../src/domain/risk/facts';
import { duplicateFlags, nameHash, nameKey, revenueShares } from '../../src/domain/risk/names';
import { byGrade, shardOutcomes } from '../../src/domain/risk/outcomes';
import type { BookEvent, Customer, EventKind } from '../../src/domain/types';

const T = '2026-06-30';
const day = dayFromIso(T);
const ms = (iso: string, hour = 0) => dayFromIso(iso) * 86_400_000 + hour * 3_600_000;

function customer(id: string, extra: Partial<Customer> = {}): Customer {
  return {
    id, name: `Firm ${id}`, industry: 'Retail', size: 'small', region: 'North', owner: 'Ann', tier: 'general', since: '2020-01-01',
    creditLimit: null, currency: 'CNY', paymentTermsDays: 30, contractEnd: '', tags: [], notes: '', contact: 'Li', phone: '', email: '',
    batch: 'm', updatedAt: ms('2026-06-01'), ...extra,
  } as Customer;
}

let nextId = 1;
const base = (kind: EventKind, c: string) => ({ kind, customerId: c, batch: 'm', id: nextId++ });
const order = (c: string, date: string, amount = 100) => ({ ...base('order', c), date, amount, currency: 'CNY', category: '' });
const invoice = (c: string, issued: string, due: string, amount: number, paid = '', paidAmount = 0) => ({ ...base('invoice', c), invoiceId: '', issued, due, amount, currency: 'CNY', paid, paidAmount });
const complaint = (c: string, opened: number, firstResponse: number | null, resolved: number | null, severity = 'low', reopened = false) => ({ ...base('complaint', c), opened, firstResponse, resolved, severity, category: '', channel: 'call', reopened });
const survey = (c: string, date: string, csat: number | null, nps: number | null) => ({ ...base('survey', c), date, csat, nps, comment: '' });
const interaction = (c: string, date: string, sentiment: number) => ({ ...base('interaction', c), date, channel: 'call', sentiment });

function indicators(customers: Customer[], events: object[]): Record<string, Record<IndicatorId, number>> {
  const byKind = (k: EventKind) => encodeEvents(k, events.filter((e) => (e as BookEvent).kind === k) as never);
  const tables = { order: byKind('order'), invoice: byKind('invoice'), complaint: byKind('complaint'), survey: byKind('survey'), interaction: byKind('interaction') } as EventTables;
  const cols = shardIndicators(encodeCustomers(customers), tables, day);
  return Object.fromEntries(customers.map((c, i) => [c.id, Object.fromEntries(INDICATORS.map((d, k) => [d.id, cols[k][i]]))])) as never;
}

describe('indicators', () => {
  test('no events at all: activity indicators are missing, counts of complaints are zero, profile ones present', () => {
    const v = indicators([customer('A')], [])['A'];
    expect(v['churn.days_since_order']).toBeNaN();
    expect(v['credit.overdue_share']).toBeNaN();
    expect(v['satisfaction.csat_latest']).toBeNaN();
    expect(v['service.complaints_90d']).toBe(0);
    expect(v['service.first_response_hours']).toBeNaN();
    expect(v['data.missing_fields']).toBe(0);
    expect(v['data.days_since_update']).toBe(30);
  });
  test('one order: recency, but no rhythm and no trend', () => {
    const v = indicators([customer('A')], [order('A', '2026-06-10')])['A'];
    expect(v['churn.days_since_order']).toBe(20);
    expect(v['churn.recency_vs_rhythm']).toBeNaN();
    expect(v['churn.orders_90d_vs_prev']).toBeNaN();
  });
  test('orders: recency against the median gap, last 90 days against the 90 before, future orders ignored', () => {
    const v = indicators([customer('A')], [
      order('A', '2026-01-01', 100), order('A', '2026-01-31', 100), order('A', '2026-03-02', 200), order('A', '2026-04-01', 50),
      order('A', '2026-07-05', 999),
    ])['A'];
    // Gaps 30, 30, 30 → rhythm 30; last order 2026-04-01 is 90 days before as-of.
    expect(v['churn.days_since_order']).toBe(90);
    expect(v['churn.recency_vs_rhythm']).toBe(3);
    // Last 90 d (after 2026-04-01): none; previous 90 d: Jan 31, Mar 2, Apr 1 (Jan 1 is 180 d before).
    expect(v['churn.orders_90d_vs_prev']).toBe(0);
    expect(v['churn.revenue_90d_vs_prev']).toBe(0);
  });
  test('invoices: overdue share, days past due, late share and average days late; not-yet-due and partial payments', () => {
    const v = indicators([customer('A', { creditLimit: 2000 })], [
      invoice('A', '2026-04-01', '2026-05-01', 1000), // unpaid, 60 days past due
      invoice('A', '2026-05-01', '2026-05-31', 800, '2026-06-05', 300), // partly paid: 500 open, 30 days past due
      invoice('A', '2026-06-15', '2026-07-15', 500), // not yet due
      invoice('A', '2026-02-01', '2026-03-01', 400, '2026-03-11', 400), // paid 10 days late
    ])['A'];
    expect(v['credit.overdue_share']).toBeCloseTo(1500 / 2000);
    expect(v['credit.max_days_past_due']).toBe(60);
    // Due in the last 12 months: three invoices, all late (60, 30, 10 days).
    expect(v['credit.late_share_12m']).toBe(1);
    expect(v['credit.avg_days_late']).toBeCloseTo((60 + 30 + 10) / 3);
    expect(v['credit.limit_utilisation']).toBeCloseTo(2000 / 2000);
  });
  test('invoices all paid on time: nothing overdue; no credit limit: utilisation missing', () => {
    const v = indicators([customer('A')], [invoice('A', '2026-05-01', '2026-05-31', 100, '2026-05-20', 100)])['A'];
    expect(v['credit.overdue_share']).toBe(0);
    expect(v['credit.late_share_12m']).toBe(0);
    expect(v['credit.limit_utilisation']).toBeNaN();
  });
  test('complaints: open ones, severe open ones, median response and resolution, reopened share', () => {
    const v = indicators([customer('A')], [
      complaint('A', ms('2026-06-01', 9), ms('2026-06-01', 13), ms('2026-06-03', 9), 'high', true), // 4 h, 48 h
      complaint('A', ms('2026-06-20', 9), ms('2026-06-21', 9), null, 'critical'), // 24 h, still open
      complaint('A', ms('2026-05-01', 9), ms('2026-05-01', 11), ms('2026-05-02', 9)), // 2 h, 24 h
      complaint('A', ms('2026-07-02', 9), null, null), // after as-of
    ])['A'];
    expect(v['service.complaints_90d']).toBe(3);
    expect(v['service.open_complaints']).toBe(1);
    expect(v['service.open_severe']).toBe(1);
    expect(v['service.first_response_hours']).toBe(4);
    expect(v['service.resolution_hours']).toBe(36);
    expect(v['service.reopened_share']).toBeCloseTo(1 / 3);
  });
  test('surveys with only NPS, or only CSAT', () => {
    const r = indicators([customer('A'), customer('B')], [
      survey('A', '2026-03-01', null, 9), survey('A', '2026-06-01', null, 5),
      survey('B', '2026-01-01', 5, null), survey('B', '2026-02-01', 4, null), survey('B', '2026-05-30', 2, null),
    ]);
    expect(r.A['satisfaction.nps_latest']).toBe(5);
    expect(r.A['satisfaction.csat_latest']).toBeNaN();
    expect(r.B['satisfaction.nps_latest']).toBeNaN();
    expect(r.B['satisfaction.csat_latest']).toBe(2);
    expect(r.B['satisfaction.csat_trend']).toBeCloseTo(2 - 4.5);
    expect(r.B['satisfaction.months_since_survey']).toBeCloseTo(31 / 30.44);
  });
  test('interactions, missing profile fields, contract end', () => {
    const v = indicators([customer('A', { industry: '', contact: '', contractEnd: '2026-08-29' })], [
      interaction('A', '2026-06-20', -1), interaction('A', '2026-05-01', 0), interaction('A', '2025-01-01', -1),
    ])['A'];
    expect(v['engagement.days_since_interaction']).toBe(10);
    expect(v['engagement.negative_share']).toBe(0.5);
    expect(v['data.missing_fields']).toBe(2);
    expect(v['churn.days_to_contract_end']).toBe(60);
  });
  test('a customer created yesterday with nothing yet: every activity indicator is missing', () => {
    const v = indicators([customer('A', { since: '2026-06-29', updatedAt: ms('2026-06-29') })], [])['A'];
    const present = INDICATORS.filter((d) => !Number.isNaN(v[d.id])).map((d) => d.id);
    expect(present.sort()).toEqual(['data.days_since_update', 'data.missing_fields', 'service.complaints_90d', 'service.open_complaints', 'service.open_severe'].sort());
  });
  test('book-wide: revenue share and duplicate names', () => {
    const share = new Float64Array(3);
    const duplicate = new Float64Array(3);
    revenueShares([300, 100, 0], 3, share);
    duplicateFlags([nameHash('Acme Ltd.'), nameHash('ACME'), nameHash('北京华通有限公司')], 3, duplicate);
    expect([...share]).toEqual([0.75, 0.25, 0]);
    expect([...duplicate]).toEqual([1, 1, 0]);
    expect(nameHash('Acme Ltd.')).toBe(nameHash('ACME'));
    expect(nameKey('北京 华通')).toBe(nameKey('北京华通有限公司'));
  });
});


describe('what happened after a cut (the backtest of the score)', () => {
  test('stopped ordering, paid more than 30 days late, complained — or not applicable', () => {
    const cut = dayFromIso('2026-03-31'), end = dayFromIso('2026-06-30');
    const cs = ['A', 'B', 'C', 'D'].map((id) => customer(id));
    const events = [
      order('A', '2026-01-10'), // A ordered before, never after: stopped
      order('B', '2026-01-10'), order('B', '2026-05-01'), // B ordered again
      // C never ordered; its invoice due 2026-04-10 was paid 40 days late; one due 2026-06-20 is too recent to judge
      invoice('C', '2026-03-10', '2026-04-10', 100, '2026-05-20', 100), invoice('C', '2026-05-20', '2026-06-20', 100),
      // D paid on time, and complained after the cut
      invoice('D', '2026-03-20', '2026-04-20', 100, '2026-04-25', 100), complaint('D', ms('2026-05-05', 9), null, null),
      complaint('A', ms('2026-03-01', 9), null, null), // before the cut: not counted
    ];
    const byKind = (k: EventKind) => encodeEvents(k, events.filter((e) => (e as BookEvent).kind === k) as never);
    const tables = { order: byKind('order'), invoice: byKind('invoice'), complaint: byKind('complaint'), survey: byKind('survey'), interaction: byKind('interaction') } as EventTables;
    const o = shardOutcomes(encodeCustomers(cs), tables, cut, end);
    expect(Array.from(o.stopped)).toEqual([1, 0, -1, -1]);
    expect(Array.from(o.paidLate)).toEqual([-1, -1, 1, 0]);
    expect(Array.from(o.complained)).toEqual([0, 0, 0, 1]);
    const g = byGrade(['high', 'low', 'high', 'low'], ['low', 'medium', 'high', 'critical'], o);
    expect(g.grades.map((x) => [x.grade, x.customers, x.stopped, x.paidLate])).toEqual([['low', 2, 0, 0], ['high', 2, 1, 1]]);
    expect(g.base).toEqual({ stopped: 0.5, paidLate: 0.5, complained: 0.25 });
  });
});
