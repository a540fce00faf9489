// The KPI dashboard's monthly figures on the five-customer book of the audit tests, by hand: the
// last point agrees with the audit over the same period, the month before follows the invoices
// and payments as they stood then.
import { expect, test } from 'vitest';
import { kpiTrend } from '../../src/domain/audit/kpi';
import { measureAudit } from '../../src/domain/audit/measure';
import { DEFAULT_AUDIT_SETTINGS } from '../../src/domain/audit/document';
import { DEFAULT_MODEL } from '../../src/domain/risk/model';
import { addDays } from '../../src/domain/dates';
import { AS_OF, book } from '../support/audit-book';

test('twelve month-ends, the last on the analysis date; the period of 182 days is six months', async () => {
  const k = await kpiTrend([book()], AS_OF, 182, DEFAULT_MODEL.provision);
  expect(k.points.length).toBe(12);
  expect(k.points[11]).toBe(AS_OF);
  expect(k.points[10]).toBe(addDays(AS_OF, -30));
  expect(k.periodMonths).toBe(6);
  expect(k.customers).toBe(5);
});

test('the last point: A, C and D active against A and B before — retention ½; revenue 800 in the month; CSAT (4 + 2) / 2', async () => {
  const { series: s } = await kpiTrend([book()], AS_OF, 182, DEFAULT_MODEL.provision);
  const last = (key: keyof typeof s) => s[key][11];
  expect([last('active'), last('retention'), last('churn'), last('repeatRate')]).toEqual([3, 0.5, 0.5, 1 / 3]);
  expect([last('revenue'), s.revenue[10]]).toEqual([800, 200]);
  expect([last('csat'), last('nps'), last('complaintsPer100'), last('medianRespond'), last('medianResolve')]).toEqual([3, -100, 20, 10, 50]);
  expect([last('dso'), last('overdue'), last('receivablesAtRisk'), last('revenueAtRisk')]).toEqual([182, 1800, 390, 0]);
  // As the audit over the same period has them.
  const m = await measureAudit([book()], AS_OF, DEFAULT_AUDIT_SETTINGS, DEFAULT_MODEL.provision);
  expect([last('active'), last('retention'), last('dso'), last('overdue'), last('receivablesAtRisk')]).toEqual([m.portfolio.active, m.portfolio.retention, m.credit.dso, m.credit.overdue, m.credit.atRisk]);
});

test('a month earlier: only A’s invoice was open, 40 days past due (15 % provision); D’s was not issued yet; revenue at risk has no past', async () => {
  const { series: s } = await kpiTrend([book()], AS_OF, 182, DEFAULT_MODEL.provision);
  expect([s.overdue[10], s.receivablesAtRisk[10], s.revenueAtRisk[10]]).toEqual([1000, 150, NaN]);
  // Nothing surveyed two months back.
  expect(s.csat[9]).toBeNaN();
});

test('a scope counts only its customers', async () => {
  const { series: s, customers } = await kpiTrend([{ ...book(), include: [0, 0, 0, 1, 0] }], AS_OF, 182, DEFAULT_MODEL.provision);
  expect([customers, s.active[11], s.revenue[11], s.overdue[11]]).toEqual([1, 1, 400, 800]);
});
