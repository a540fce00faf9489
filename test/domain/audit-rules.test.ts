// The audit's figures and finding rules on a book of five customers computed by hand: each
// rule raises its finding at the severity its threshold gives, names the customers behind it,
// and raises nothing once its threshold is moved past the figure.
import { beforeAll, describe, expect, test } from 'vitest';
import { DEFAULT_AUDIT_SETTINGS, auditSettingsOf, type Audit, type AuditMeasures, type AuditSettings } from '../../src/domain/audit/document';
import { measureAudit } from '../../src/domain/audit/measure';
import { findingsOf } from '../../src/domain/audit/rules';
import { compareAudits, followUpOf } from '../../src/domain/audit/compare';
import { DEFAULT_MODEL } from '../../src/domain/risk/model';
import type { Action } from '../../src/domain/respond/actions';
import { AS_OF, book } from '../support/audit-book';

const measure = (settings: AuditSettings = DEFAULT_AUDIT_SETTINGS, shard = book()) => measureAudit([shard], AS_OF, settings, DEFAULT_MODEL.provision);
const withThreshold = (patch: Partial<AuditSettings['thresholds']>): AuditSettings => ({ ...DEFAULT_AUDIT_SETTINGS, thresholds: { ...DEFAULT_AUDIT_SETTINGS.thresholds, ...patch } });
const find = async (settings: AuditSettings = DEFAULT_AUDIT_SETTINGS) => new Map(findingsOf(await measure(settings), settings).map((f) => [f.key, f]));

describe('the measures of the hand-computed book', () => {
  let m: AuditMeasures;
  beforeAll(async () => {
    m = await measure();
  });
  test('customer data', () => {
    expect(m.customers).toBe(5);
    expect(m.data.complete.phone).toBe(0.8);
    expect(m.data.complete.contact).toBe(0.6);
    expect(m.data.complete.size).toBe(1);
    expect([m.data.invalid, m.data.duplicates, m.data.stale, m.data.orphans, m.data.impossible]).toEqual([1, 2, 1, 1, 1]);
    expect(m.lists.duplicates.ids.sort()).toEqual(['A', 'C']);
  });
  test('satisfaction: CSAT (4 + 2) / 2 = 3 against 5 before; NPS (0 − 2) / 2 = −100; 2 of 5 surveyed', () => {
    expect([m.satisfaction.csat, m.satisfaction.csatPrev, m.satisfaction.nps, m.satisfaction.coverage, m.satisfaction.keyDetractors]).toEqual([3, 5, -100, 0.4, 1]);
    expect(m.satisfaction.csatDist).toEqual([0, 1, 0, 1, 0]);
  });
  test('service: one complaint, its response 10 h against 8 (a breach), resolved in 50 h against 72, reopened', () => {
    expect([m.service.complaints, m.service.respondBreaches, m.service.resolveBreaches, m.service.medianRespond, m.service.medianResolve, m.service.reopenRate]).toEqual([1, 1, 0, 10, 50, 1]);
    expect(m.service.per100).toBe(20);
    expect(m.service.byCategory).toEqual([['Delivery', 1]]);
  });
  test('credit: 1,000 at 70 days and 800 at 20 days past due; DSO 1,800 ÷ 1,800 × 182; 1,000 × 35 % + 800 × 5 % at risk', () => {
    expect([m.credit.receivables, m.credit.overdue, m.credit.dso, m.credit.atRisk, m.credit.limitBreaches]).toEqual([1800, 1800, 182, 390, 1]);
    expect(m.credit.aging).toEqual([0, 800, 0, 1000, 0]);
    expect(m.credit.top.map((t) => [t.id, t.overdue, t.days])).toEqual([['A', 1000, 70], ['D', 800, 20]]);
  });
  test('portfolio: A and B active before, A, C and D now: retention ½, churn ½; revenue 300 + 300 + 400, HHI 30² + 30² + 40²', () => {
    expect([m.portfolio.activePrev, m.portfolio.active, m.portfolio.retained, m.portfolio.lost, m.portfolio.gained, m.portfolio.retention, m.portfolio.churn]).toEqual([2, 3, 1, 1, 2, 0.5, 0.5]);
    expect(m.portfolio.repeatRate).toBeCloseTo(1 / 3, 12);
    expect(m.portfolio.revenue).toBe(1000);
    expect(m.portfolio.hhi).toBeCloseTo(3400, 9);
    expect(m.portfolio.topShare).toBe(1);
    expect(m.lists.lost.ids).toEqual(['B']);
    expect(m.portfolio.moneyAtRisk).toBe(1800);
  });
  test('a scope leaves out the other customers and their events (an event of a customer outside it is no orphan)', async () => {
    const s = await measure(DEFAULT_AUDIT_SETTINGS, { ...book(), include: [1, 0, 0, 0, 0] });
    expect([s.customers, s.portfolio.revenue, s.credit.receivables, s.data.duplicates, s.data.orphans]).toEqual([1, 300, 1000, 0, 1]);
  });
});

describe('each rule at its threshold', () => {
  const cases: [string, string, Partial<AuditSettings['thresholds']>, string?][] = [
    // [finding key, severity with the defaults, thresholds that silence it, a customer it names]
    ['data.completeness:phone', 'minor', { completenessMinor: 0.8 }, 'B'],
    ['data.completeness:contact', 'major', { completenessMinor: 0.6, completenessMajor: 0.6 }, 'C'],
    ['data.invalid', 'major', { invalidMinor: 0.2, invalidMajor: 0.2 }, 'E'],
    ['data.duplicates', 'major', { duplicatesMajor: 2 }, 'C'],
    ['data.orphans', 'major', { orphansMajor: 1 }],
    ['data.impossible', 'major', { impossibleMinor: 0.2, impossibleMajor: 0.2 }, 'D'],
    ['satisfaction.csat', 'major', { csatMajor: 3, csatCritical: 2 }, 'C'],
    ['satisfaction.csatFall', 'major', { csatDrop: 2.01 }],
    ['satisfaction.nps', 'major', { npsMajor: -100 }],
    ['satisfaction.keyDetractors', 'major', { keyDetractorsMajor: 1 }, 'A'],
    ['service.respond', 'critical', { breachMajor: 1, breachCritical: 1 }, 'E'],
    ['service.reopen', 'minor', { reopenMinor: 1 }, 'E'],
    ['credit.overdue', 'major', { overdueMajor: 1 }, 'A'],
    ['credit.dso', 'major', { dsoMajor: 182 }, 'D'],
    ['credit.limit', 'major', { limitMajor: 1 }, 'D'],
    ['credit.atRisk', 'minor', { atRiskMinor: 390 / 1800 }],
    ['portfolio.churn', 'critical', { churnMajor: 0.5, churnCritical: 0.5 }, 'B'],
    ['portfolio.concentration', 'major', { hhiMinor: 3400, hhiMajor: 3400, topShareMinor: 1 }, 'D'],
    ['portfolio.highRisk', 'major', { highRiskMajor: 0.2 }, 'A'],
    ['portfolio.moneyAtRisk', 'major', { moneyAtRiskMajor: 1.8 }],
  ];
  test.each(cases)('%s is raised %s, names its customers, and goes when its threshold is met', async (key, severity, silence, who) => {
    const f = (await find()).get(key);
    expect(f?.severity).toBe(severity);
    if (who) expect(f!.customers.ids).toContain(who);
    expect((await find(withThreshold(silence))).has(key)).toBe(false);
  });
  test('a threshold crossed one step further raises the next severity; figures at the threshold raise nothing', async () => {
    expect((await find(withThreshold({ csatCritical: 3.01 }))).get('satisfaction.csat')?.severity).toBe('critical');
    expect((await find(withThreshold({ churnCritical: 0.6 }))).get('portfolio.churn')?.severity).toBe('major');
    expect((await find(withThreshold({ breachCritical: 1 }))).get('service.respond')?.severity).toBe('major');
    expect((await find(withThreshold({ invalidMajor: 0.2 }))).get('data.invalid')?.severity).toBe('minor');
    expect((await find(withThreshold({ repeatMinor: 0.34 }))).get('portfolio.repeat')?.severity).toBe('minor');
    expect((await find()).has('portfolio.repeat')).toBe(false);
    // Coverage 0.4: not below 0.4.
    expect((await find(withThreshold({ coverageMinor: 0.4 }))).has('satisfaction.coverage')).toBe(false);
    expect((await find(withThreshold({ coverageMinor: 0.41 }))).get('satisfaction.coverage')?.customers.count).toBe(3);
  });
  test('findings come worst first, each with its threshold and playbook', async () => {
    const list = findingsOf(await measure(), DEFAULT_AUDIT_SETTINGS);
    expect(list[0].severity).toBe('critical');
    const dso = list.find((f) => f.key === 'credit.dso')!;
    expect([dso.value, dso.threshold, dso.thresholdKey, dso.playbookId]).toEqual([182, 60, 'dsoMajor', 'credit-collect']);
  });
  test('settings: stored values over the defaults, unusable ones named', () => {
    expect(auditSettingsOf({ periodDays: 90 }).settings.thresholds.dsoMajor).toBe(60);
    expect(auditSettingsOf({ periodDays: 5 }).problem).toBe('periodDays');
    expect(auditSettingsOf({ aging: [30, 20] }).problem).toBe('aging');
    expect(auditSettingsOf({ thresholds: { dsoMajor: -1 } }).problem).toBe('dsoMajor');
    expect(auditSettingsOf({ thresholds: { npsMajor: -20 } }).problem).toBeNull();
  });
});

describe('comparing with the previous audit', () => {
  const audit = async (id: string, asOf: string, settings: AuditSettings, createdAt: number): Promise<Audit> => {
    const measures = await measure(settings);
    return { id, format: 1, title: id, auditor: '', goals: '', asOf, scope: { kind: 'book', value: '' }, bookName: 'b', currency: 'CNY', settings, measures, findings: findingsOf(measures, settings), createdAt, updatedAt: createdAt };
  };
  test('findings new, persisting and resolved; headline figures with their change and verdict', async () => {
    const before = await audit('a1', '2026-01-01', withThreshold({ dsoMajor: 500 }), 1);
    const after = await audit('a2', AS_OF, withThreshold({ npsMajor: -200 }), 2);
    const c = compareAudits(after, before);
    expect(c.new.map((f) => f.key)).toEqual(['credit.dso']);
    expect(c.resolved.map((f) => f.key)).toEqual(['satisfaction.nps']);
    expect(c.persisting.length).toBe(after.findings.length - 1);
    const dso = c.headlines.find((h) => h.key === 'dso')!;
    expect([dso.value, dso.previous, dso.change, dso.verdict]).toEqual([182, 182, 0, 0]);
    expect(compareAudits(after, null).new.length).toBe(after.findings.length);
  });
  test('the follow-up counts the actions each finding started and whether it went', async () => {
    const before = await audit('a1', '2026-01-01', DEFAULT_AUDIT_SETTINGS, 1);
    const act = (finding: string, status: Action['status']) => ({ id: `${finding}-${status}`, audit: { id: 'a1', finding }, status }) as Action;
    const f = followUpOf(before, [act('credit.dso', 'done'), act('credit.dso', 'open'), act('data.orphans', 'skipped')], findingsOf(await measure(withThreshold({ dsoMajor: 500 })), withThreshold({ dsoMajor: 500 })));
    expect(f.findings).toEqual([{ key: 'credit.dso', open: 1, done: 1, skipped: 0, resolved: true }, { key: 'data.orphans', open: 0, done: 0, skipped: 1, resolved: false }]);
    // Not started from the audit: the finding's playbook for one of its customers, since the audit's date (an older one does not count).
    const since = (created: string) => ({ id: created, customerId: 'D', playbookId: 'credit-limit', created, status: 'done' }) as Action;
    expect(followUpOf(before, [since('2026-02-01'), since('2025-12-01')], []).findings).toEqual([{ key: 'credit.limit', open: 0, done: 1, skipped: 0, resolved: true }]);
  });
});
