// The workshop demo graded as a credit manager would, story by story, in real Chromium: the
// grade and the reason at the top of each explanation, and a realistic spread of the book.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { engine } from '../../src/worker/client';
import { DEFAULT_QUERY } from '../../src/domain/query';
import { DEMO_SEED, demoStories } from '../../src/domain/demo/book';
import type { CustomerRisk } from '../../src/worker/api';
import { got } from '../support/result';

const api = engine();
let id = '';
beforeAll(async () => {
  id = got(await api.createWorkspace({ name: 'Grades', demo: { book: 'workshop', seed: DEMO_SEED, locale: 'en' }, locale: 'en' })).id;
});
afterAll(async () => {
  await api.deleteWorkspace({ id });
});

const stories = demoStories({ book: 'workshop', seed: DEMO_SEED, locale: 'en', asOf: '2000-01-01' });
const risk = async (customer: string): Promise<CustomerRisk> => got(await api.getCustomerRisk({ id: customer }));

describe('the workshop demo, story by story', () => {
  test('the long-lost customer with a 500-day-old unpaid invoice: critical, because churn and credit are both critical', async () => {
    const r = await risk(stories.lostWithDebt);
    expect(r.row.grade).toBe('critical');
    expect(r.explanation.values['credit.max_days_past_due']).toBeGreaterThan(500);
    const { reason } = r.explanation;
    expect(reason.rule).toBe('floor');
    expect([reason.dimension, reason.also].sort()).toEqual(['churn', 'credit']);
  });

  test('late payers with their last invoices 90+ days overdue: high, because credit is critical (days past due)', async () => {
    for (const c of stories.latePayers) {
      const r = await risk(c);
      expect(r.row.grade, c).toBe('high');
      expect(r.explanation.reason, c).toMatchObject({ rule: 'floor', dimension: 'credit', grade: 'critical', indicator: 'credit.max_days_past_due' });
    }
  });

  test('the fading key accounts: high, because churn is critical', async () => {
    for (const c of stories.fading) {
      const r = await risk(c);
      expect(r.row.grade, c).toBe('high');
      expect(r.explanation.reason, c).toMatchObject({ rule: 'floor', dimension: 'churn', grade: 'critical' });
    }
  });

  test('complaint-heavy accounts with open severe complaints: high, because service is critical', async () => {
    for (const c of stories.complaintHeavy) {
      const r = await risk(c);
      expect(r.row.grade, c).toBe('high');
      expect(r.explanation.reason, c).toMatchObject({ rule: 'floor', dimension: 'service', grade: 'critical', indicator: 'service.open_severe' });
    }
  });

  test('steady key accounts: low, by the weighted mean', async () => {
    for (const c of stories.steady) {
      const r = await risk(c);
      expect(r.row.grade, c).toBe('low');
      expect(r.explanation.reason.rule, c).toBe('mean');
    }
  });

  test('the anchor account holding a third of revenue: its dependency is critical but, not decisive, it does not lift the grade alone', async () => {
    const r = await risk(stories.anchor);
    expect(r.explanation.dimensions.find((d) => d.dimension === 'dependency')!.score).toBeGreaterThanOrEqual(75);
    expect(r.explanation.reason).toMatchObject({ rule: 'mean', dimension: 'dependency' });
  });

  test('every large balance overdue 90+ days is graded at least high; 5–15 % of the book is high or critical', async () => {
    const rows = got(await api.queryCustomers({ query: DEFAULT_QUERY, limit: 500 })).rows;
    for (const row of rows.filter((r) => r.overdueBalance >= 10_000_00)) {
      const r = await risk(row.id);
      if (r.explanation.values['credit.max_days_past_due'] >= 90) expect(['high', 'critical'], `${row.id} ${row.overdueBalance}`).toContain(row.grade);
    }
    const severe = rows.filter((r) => r.grade === 'high' || r.grade === 'critical').length / rows.length;
    expect(severe).toBeGreaterThanOrEqual(0.05);
    expect(severe).toBeLessThanOrEqual(0.15);
  });

  test('the score shown never contradicts its grade', async () => {
    const { grades } = got(await api.getModel({})).model;
    const rows = got(await api.queryCustomers({ query: DEFAULT_QUERY, limit: 500 })).rows;
    for (const r of rows) {
      if (r.score === null || r.computedGrade === 'insufficient') continue;
      const shown = Math.round(r.score);
      const expected = shown >= grades.critical ? 'critical' : shown >= grades.high ? 'high' : shown >= grades.medium ? 'medium' : 'low';
      expect(r.computedGrade, `${r.id} ${r.score}`).toBe(expected);
    }
  });
});

describe('the workshop demo comes with a year of history', () => {
  test('monthly snapshots, trend arrows and risers are there the first time it is opened', async () => {
    const r = await risk(stories.fading[0]);
    // Twelve months back and today; the fading account was low a year ago and is high now.
    expect(r.history.length).toBeGreaterThanOrEqual(12);
    const days = r.history.map((h) => h.date);
    expect(days).toEqual([...days].sort());
    expect(r.history[0].grade).toBe('low');
    expect(r.history.at(-1)!.grade).toBe('high');
    const rows = got(await api.queryCustomers({ query: DEFAULT_QUERY, limit: 500 })).rows;
    expect(rows.filter((row) => row.trend !== null && row.trend !== 0).length).toBeGreaterThan(20);
    const overview = got(await api.getRiskOverview({}));
    expect(overview.risers.length).toBeGreaterThan(0);
  });
});
