// The audit's finding rules (DESIGN §5): each reads the measures, compares one figure with the
// thresholds the user sees and may change, and raises a finding — its severity, the figure and
// the threshold crossed, the customers behind it and the playbook that fits — or none. A
// figure with nothing to measure (NaN) raises nothing: an audit does not guess.

import { COMPLETENESS_FIELDS, sortFindings, type AuditMeasures, type AuditSection, type AuditSettings, type Finding, type FindingSeverity, type ThresholdKey } from './document';

interface Raised {
  severity: FindingSeverity;
  value: number;
  /** The threshold crossed (its key names it in the text). */
  threshold: ThresholdKey;
  list?: string;
  figures?: Record<string, number>;
  subject?: string;
}

interface Rule {
  id: string;
  section: AuditSection;
  playbookId?: string;
  raise: (m: AuditMeasures, t: AuditSettings['thresholds']) => Raised | Raised[] | null;
}

/** `higher` is worse: the severity of `v` against a major (and optional critical) threshold, with the threshold crossed; null below both. */
function above(v: number, t: AuditSettings['thresholds'], major: ThresholdKey, critical?: ThresholdKey, minor: FindingSeverity = 'major'): { severity: FindingSeverity; threshold: ThresholdKey } | null {
  if (!Number.isFinite(v)) return null;
  if (critical && v > t[critical]) return { severity: 'critical', threshold: critical };
  return v > t[major] ? { severity: minor, threshold: major } : null;
}
function below(v: number, t: AuditSettings['thresholds'], major: ThresholdKey, critical?: ThresholdKey, minor: FindingSeverity = 'major'): { severity: FindingSeverity; threshold: ThresholdKey } | null {
  if (!Number.isFinite(v)) return null;
  if (critical && v < t[critical]) return { severity: 'critical', threshold: critical };
  return v < t[major] ? { severity: minor, threshold: major } : null;
}
const share = (n: number, of: number) => (of > 0 ? n / of : NaN);

export const AUDIT_RULES: readonly Rule[] = [
  // Customer data.
  {
    id: 'data.completeness', section: 'data', playbookId: 'data-clean',
    raise: (m, t) => COMPLETENESS_FIELDS.flatMap((f): Raised[] => {
      const v = m.data.complete[f];
      if (!Number.isFinite(v) || v >= t.completenessMinor) return [];
      const major = v < t.completenessMajor;
      return [{ subject: f, severity: major ? 'major' : 'minor', value: v, threshold: major ? 'completenessMajor' : 'completenessMinor', list: `missing:${f}` }];
    }),
  },
  {
    id: 'data.invalid', section: 'data', playbookId: 'data-clean',
    raise: (m, t) => {
      const v = share(m.data.invalid, m.customers);
      const s = above(v, t, 'invalidMajor') ?? above(v, t, 'invalidMinor', undefined, 'minor');
      return s && { ...s, value: v, list: 'invalid', figures: { count: m.data.invalid } };
    },
  },
  {
    id: 'data.duplicates', section: 'data', playbookId: 'data-clean',
    raise: (m, t) => {
      const s = above(m.data.duplicates, t, 'duplicatesMajor');
      return s && { ...s, value: m.data.duplicates, list: 'duplicates' };
    },
  },
  {
    id: 'data.stale', section: 'data', playbookId: 'data-clean',
    raise: (m, t) => {
      const v = share(m.data.stale, m.customers);
      return v > t.staleMinor ? { severity: 'minor', value: v, threshold: 'staleMinor', list: 'stale', figures: { count: m.data.stale, days: t.staleDays } } : null;
    },
  },
  {
    id: 'data.orphans', section: 'data',
    raise: (m, t) => {
      const s = above(m.data.orphans, t, 'orphansMajor');
      return s && { ...s, value: m.data.orphans };
    },
  },
  {
    id: 'data.impossible', section: 'data', playbookId: 'data-clean',
    raise: (m, t) => {
      const v = share(m.data.impossible, m.customers);
      const s = above(v, t, 'impossibleMajor') ?? above(v, t, 'impossibleMinor', undefined, 'minor');
      return s && { ...s, value: v, list: 'impossible', figures: { count: m.data.impossible } };
    },
  },
  // Satisfaction.
  {
    id: 'satisfaction.csat', section: 'satisfaction', playbookId: 'satisfaction-plan',
    raise: (m, t) => {
      const s = below(m.satisfaction.csat, t, 'csatMajor', 'csatCritical');
      return s && { ...s, value: m.satisfaction.csat, list: 'detractors', figures: { answers: m.satisfaction.csatAnswers } };
    },
  },
  {
    id: 'satisfaction.csatFall', section: 'satisfaction', playbookId: 'satisfaction-plan',
    raise: (m, t) => {
      const drop = m.satisfaction.csatPrev - m.satisfaction.csat;
      return Number.isFinite(drop) && drop >= t.csatDrop ? { severity: 'major', value: drop, threshold: 'csatDrop', list: 'detractors', figures: { before: m.satisfaction.csatPrev, now: m.satisfaction.csat } } : null;
    },
  },
  {
    id: 'satisfaction.nps', section: 'satisfaction', playbookId: 'satisfaction-plan',
    raise: (m, t) => {
      const s = below(m.satisfaction.nps, t, 'npsMajor');
      return s && { ...s, value: m.satisfaction.nps, list: 'detractors', figures: { answers: m.satisfaction.npsAnswers } };
    },
  },
  {
    id: 'satisfaction.coverage', section: 'satisfaction',
    raise: (m, t) => {
      const s = below(m.satisfaction.coverage, t, 'coverageMinor', undefined, 'minor');
      return s && { ...s, value: m.satisfaction.coverage, list: 'unsurveyed' };
    },
  },
  {
    id: 'satisfaction.keyDetractors', section: 'satisfaction', playbookId: 'service-recover',
    raise: (m, t) => {
      const s = above(m.satisfaction.keyDetractors, t, 'keyDetractorsMajor');
      return s && { ...s, value: m.satisfaction.keyDetractors, list: 'keyDetractors' };
    },
  },
  // Service process.
  {
    id: 'service.respond', section: 'service', playbookId: 'service-recover',
    raise: (m, t) => {
      const s = above(m.service.respondBreachRate, t, 'breachMajor', 'breachCritical');
      return s && { ...s, value: m.service.respondBreachRate, list: 'respondBreach', figures: { count: m.service.respondBreaches, complaints: m.service.complaints } };
    },
  },
  {
    id: 'service.resolve', section: 'service', playbookId: 'service-recover',
    raise: (m, t) => {
      const s = above(m.service.resolveBreachRate, t, 'breachMajor', 'breachCritical');
      return s && { ...s, value: m.service.resolveBreachRate, list: 'resolveBreach', figures: { count: m.service.resolveBreaches, complaints: m.service.complaints } };
    },
  },
  {
    id: 'service.reopen', section: 'service', playbookId: 'service-recover',
    raise: (m, t) => {
      const s = above(m.service.reopenRate, t, 'reopenMinor', undefined, 'minor');
      return s && { ...s, value: m.service.reopenRate, list: 'reopened' };
    },
  },
  {
    id: 'service.slower', section: 'service',
    raise: (m, t) => {
      const rise = m.service.medianResolve / m.service.medianResolvePrev - 1;
      return Number.isFinite(rise) && rise > t.slowerMinor ? { severity: 'minor', value: rise, threshold: 'slowerMinor', figures: { before: m.service.medianResolvePrev, now: m.service.medianResolve } } : null;
    },
  },
  // Credit.
  {
    id: 'credit.overdue', section: 'credit', playbookId: 'credit-collect',
    raise: (m, t) => {
      const s = above(share(m.credit.overdue, m.credit.receivables), t, 'overdueMajor');
      return s && { ...s, value: share(m.credit.overdue, m.credit.receivables), list: 'overdue', figures: { overdue: m.credit.overdue, receivables: m.credit.receivables } };
    },
  },
  {
    id: 'credit.over90', section: 'credit', playbookId: 'credit-collect',
    raise: (m, t) => {
      const last = m.credit.aging[m.credit.aging.length - 1] ?? 0;
      const s = above(share(last, m.credit.receivables), t, 'over90Major', 'over90Critical');
      return s && { ...s, value: share(last, m.credit.receivables), list: 'over90', figures: { amount: last, after: m.credit.cuts[m.credit.cuts.length - 1] } };
    },
  },
  {
    id: 'credit.dso', section: 'credit', playbookId: 'credit-collect',
    raise: (m, t) => {
      const s = above(m.credit.dso, t, 'dsoMajor');
      return s && { ...s, value: m.credit.dso, list: 'overdue' };
    },
  },
  {
    id: 'credit.limit', section: 'credit', playbookId: 'credit-limit',
    raise: (m, t) => {
      const s = above(m.credit.limitBreaches, t, 'limitMajor');
      return s && { ...s, value: m.credit.limitBreaches, list: 'limit' };
    },
  },
  {
    id: 'credit.atRisk', section: 'credit', playbookId: 'credit-collect',
    raise: (m, t) => {
      const s = above(share(m.credit.atRisk, m.credit.receivables), t, 'atRiskMinor', undefined, 'minor');
      return s && { ...s, value: share(m.credit.atRisk, m.credit.receivables), list: 'overdue', figures: { amount: m.credit.atRisk } };
    },
  },
  // Portfolio and strategy.
  {
    id: 'portfolio.churn', section: 'portfolio', playbookId: 'churn-retain',
    raise: (m, t) => {
      const s = above(m.portfolio.churn, t, 'churnMajor', 'churnCritical');
      return s && { ...s, value: m.portfolio.churn, list: 'lost', figures: { lost: m.portfolio.lost, base: m.portfolio.activePrev } };
    },
  },
  {
    id: 'portfolio.repeat', section: 'portfolio', playbookId: 'engagement-contact',
    raise: (m, t) => {
      const s = below(m.portfolio.repeatRate, t, 'repeatMinor', undefined, 'minor');
      return s && { ...s, value: m.portfolio.repeatRate };
    },
  },
  {
    id: 'portfolio.concentration', section: 'portfolio', playbookId: 'dependency-diversify',
    raise: (m, t) => {
      const h = m.portfolio.hhi;
      const figures = { topShare: m.portfolio.topShare, hhi: h };
      if (Number.isFinite(h) && h > t.hhiMinor) return { severity: h > t.hhiMajor ? 'major' : 'minor', value: h, threshold: h > t.hhiMajor ? 'hhiMajor' : 'hhiMinor', list: 'topRevenue', figures };
      const s = above(m.portfolio.topShare, t, 'topShareMinor', undefined, 'minor');
      return s && { ...s, value: m.portfolio.topShare, list: 'topRevenue', figures };
    },
  },
  {
    id: 'portfolio.highRisk', section: 'portfolio',
    raise: (m, t) => {
      const s = above(share(m.portfolio.highRisk, m.customers), t, 'highRiskMajor');
      return s && { ...s, value: share(m.portfolio.highRisk, m.customers), list: 'highRisk', figures: { count: m.portfolio.highRisk } };
    },
  },
  {
    id: 'portfolio.moneyAtRisk', section: 'portfolio',
    raise: (m, t) => {
      const s = above(share(m.portfolio.moneyAtRisk, m.portfolio.revenue), t, 'moneyAtRiskMajor');
      return s && { ...s, value: share(m.portfolio.moneyAtRisk, m.portfolio.revenue), figures: { amount: m.portfolio.moneyAtRisk, revenue: m.portfolio.revenue } };
    },
  },
];

/** The findings the rules raise from `m` under `settings`, worst first. */
export function findingsOf(m: AuditMeasures, settings: AuditSettings): Finding[] {
  const out: Finding[] = [];
  for (const rule of AUDIT_RULES) {
    const raised = rule.raise(m, settings.thresholds);
    for (const r of raised === null ? [] : Array.isArray(raised) ? raised : [raised]) {
      out.push({
        key: r.subject ? `${rule.id}:${r.subject}` : rule.id, rule: rule.id, ...(r.subject ? { subject: r.subject } : {}), section: rule.section,
        severity: r.severity, value: r.value, threshold: settings.thresholds[r.threshold], thresholdKey: r.threshold, ...(r.figures ? { figures: r.figures } : {}),
        customers: r.list ? m.lists[r.list] ?? { ids: [], count: 0 } : { ids: [], count: 0 }, ...(rule.playbookId ? { playbookId: rule.playbookId } : {}),
      });
    }
  }
  return sortFindings(out);
}
