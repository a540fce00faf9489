// The audit's measures against hand calculation: aging buckets at their exact boundaries and
// with other cuts, DSO, days to pay, due dates from payment terms; retention and churn with
// customers who join and leave; repeat purchases; top-10 share and HHI; SLA breaches.
import { describe, expect, test } from 'vitest';
import { aging, agingCutsOk, bucketBounds, bucketOf, daysToPay, dso, dsoOf, dueFromTerms, openOn, type OpenItem } from '../../src/domain/audit/receivables';
import { concentration, repeatPurchaseRate, retention } from '../../src/domain/audit/portfolio';
import { DEFAULT_SLA, median, serviceLevels, type Ticket } from '../../src/domain/audit/service';
import { NO_DAY } from '../../src/domain/dates';

const item = (issued: number, due: number, amount: number, paid = NO_DAY, paidAmount = 0): OpenItem => ({ issued, due, paid, amount, paidAmount });

describe('receivables', () => {
  test('buckets at their exact boundaries: current up to the due day, then 1–30, 31–60, 61–90, over 90', () => {
    expect([-5, 0, 1, 30, 31, 60, 61, 90, 91, 400].map((d) => bucketOf(d))).toEqual([0, 0, 1, 1, 2, 2, 3, 3, 4, 4]);
    // Other cuts: 1–15, 16–45, over 45.
    expect([0, 15, 16, 45, 46].map((d) => bucketOf(d, [15, 45]))).toEqual([0, 1, 2, 2, 3]);
    expect(bucketBounds([15, 45])).toEqual([{ from: -Infinity, to: 0 }, { from: 1, to: 15 }, { from: 16, to: 45 }, { from: 46, to: null }]);
    expect([agingCutsOk([30, 60, 90]), agingCutsOk([30, 30]), agingCutsOk([0, 10]), agingCutsOk([]), agingCutsOk([10.5])]).toEqual([true, false, false, false, false]);
  });
  test('aging of a book on day 1,000: what is open, in the bucket of its days past due', () => {
    const items = [
      item(900, 1000, 500), // due today: current
      item(900, 970, 1000), // 30 days past due: 1–30
      item(800, 939, 2000, 950, 500), // partly paid before: 1,500 open, 61 days: 61–90
      item(700, 800, 3000, 990, 3000), // paid in full: nothing open
      item(1001, 1031, 9999), // issued tomorrow: not yet owed
      item(600, 700, 4000, 1005, 4000), // paid after the day: all 4,000 open, 300 days: over 90
    ];
    expect(aging(items, 1000)).toEqual({ amount: [500, 1000, 0, 1500, 4000], count: [1, 1, 0, 1, 1] });
    expect(openOn(items[2], 949)).toBe(2000);
  });
  test('DSO = receivables ÷ credit sales × days; days to pay from issue to full payment', () => {
    expect(dso(30_000, 90_000, 90)).toBe(30);
    expect(dso(1, 0, 90)).toBeNaN();
    // Day 1,000, 90 days back: invoiced 6,000 in (910, 1000]; open 1,000 + 3,000 = 4,000 → 4,000 / 6,000 × 90 = 60.
    const items = [item(920, 950, 1000), item(950, 980, 5000, 990, 2000), item(800, 830, 7000, 860, 7000)];
    expect(dsoOf(items, 1000, 90)).toBeCloseTo(60, 10);
    // Paid in full: only the third, 60 days after issue; the second is paid in part.
    expect(daysToPay(items, 1000)).toBe(60);
    expect(daysToPay([], 1000)).toBeNaN();
  });
  test('a due date from the invoice date plus the customer’s payment terms when the file has none', () => {
    expect(dueFromTerms(1000, 30)).toBe(1030);
    expect(dueFromTerms(1000, 0)).toBe(1000);
    expect([dueFromTerms(1000, null), dueFromTerms(NO_DAY, 30), dueFromTerms(1000, -5)]).toEqual([NO_DAY, NO_DAY, NO_DAY]);
  });
});

describe('the portfolio', () => {
  test('retention and churn: of those active before, who is active again; the new count in neither', () => {
    const r = retention(new Set(['a', 'b', 'c', 'd']), new Set(['a', 'c', 'e', 'f', 'g']));
    expect(r).toEqual({ base: 4, retained: 2, lost: 2, gained: 3, retention: 0.5, churn: 0.5 });
    expect(retention(new Set(), new Set(['a'])).retention).toBeNaN();
  });
  test('repeat purchases: buyers who ordered on two days or more', () => {
    expect(repeatPurchaseRate([0, 1, 2, 5, 1])).toBe(0.5);
    expect(repeatPurchaseRate([0, 0])).toBeNaN();
  });
  test('top-10 share and HHI by hand', () => {
    // Shares 50 %, 30 %, 20 %: HHI 2,500 + 900 + 400 = 3,800; top-2 share 80 %.
    expect(concentration([500, 300, 200, 0], 2)).toEqual({ total: 1000, topShare: 0.8, hhi: 3800, customers: 3 });
    // 20 equal customers: HHI 10,000 / 20 = 500; the top ten hold half.
    const even = concentration(Array(20).fill(7));
    expect(even.hhi).toBeCloseTo(500, 9);
    expect(even.topShare).toBeCloseTo(0.5, 12);
    expect(concentration([]).hhi).toBeNaN();
  });
});

describe('the service process', () => {
  const H = 3_600_000;
  const t = (severity: Ticket['severity'], respondH: number | null, resolveH: number | null, reopened = false): Ticket => ({
    opened: 0, firstResponse: respondH === null ? null : respondH * H, resolved: resolveH === null ? null : resolveH * H, severity, reopened,
  });
  test('breaches against the targets per severity, at their boundary; one not yet answered breaches once its time is past', () => {
    const tickets = [
      t('critical', 4, 24), // exactly on target: no breach
      t('critical', 4.01, 25), // both late
      t('high', 2, null), // not resolved, 100 h later: past the 72 h resolution target
      t('low', null, null), // not answered after 100 h: within 48? no — past the 48 h response target; resolution within 336 h
      t('medium', 1, 10, true),
    ];
    const s = serviceLevels(tickets, 100 * H, DEFAULT_SLA);
    expect([s.complaints, s.respondBreaches, s.resolveBreaches]).toEqual([5, 2, 2]);
    expect(s.medianRespondHours).toBeCloseTo(3, 10); // of 4, 4.01, 2, 1 → (2 + 4) / 2
    expect(s.medianResolveHours).toBe(24); // of 24, 25, 10
    expect(s.reopenRate).toBeCloseTo(1 / 3, 12);
    // Seen earlier, at 10 h: the low one is still within its time.
    expect(serviceLevels([t('low', null, null)], 10 * H).respondBreaches).toBe(0);
    expect(median([3, 1, 2])).toBe(2);
  });
});
