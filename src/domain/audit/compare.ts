// An audit beside the previous one (DESIGN §5, follow up → re-audit and compare): every headline
// figure with its change, whether the change is for the better, and the findings that are new,
// persisting or resolved; and what became of the actions the previous audit's findings started.

import type { Action, ActionStatus } from '../respond/actions';
import { AUDIT_SECTIONS, type Audit, type AuditMeasures, type AuditSection, type Finding, type FollowUp } from './document';

/** How a figure is written: a share (0–1), money (minor units), days, hours, a count, CSAT (1–5), NPS (−100…100) or HHI. */
export type FigureKind = 'share' | 'money' | 'days' | 'hours' | 'count' | 'csat' | 'nps' | 'hhi';

interface Headline {
  key: string;
  section: AuditSection;
  kind: FigureKind;
  /** Whether a higher value is better (true), worse (false), or neither (null). */
  higherIsBetter: boolean | null;
  of: (m: AuditMeasures) => number;
}

const last = (xs: number[]) => xs[xs.length - 1] ?? 0;
const mean = (xs: number[]) => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : NaN);

export const HEADLINES: readonly Headline[] = [
  { key: 'customers', section: 'data', kind: 'count', higherIsBetter: null, of: (m) => m.customers },
  { key: 'completeness', section: 'data', kind: 'share', higherIsBetter: true, of: (m) => mean(Object.values(m.data.complete).filter(Number.isFinite)) },
  { key: 'duplicates', section: 'data', kind: 'count', higherIsBetter: false, of: (m) => m.data.duplicates },
  { key: 'invalid', section: 'data', kind: 'count', higherIsBetter: false, of: (m) => m.data.invalid },
  { key: 'csat', section: 'satisfaction', kind: 'csat', higherIsBetter: true, of: (m) => m.satisfaction.csat },
  { key: 'nps', section: 'satisfaction', kind: 'nps', higherIsBetter: true, of: (m) => m.satisfaction.nps },
  { key: 'coverage', section: 'satisfaction', kind: 'share', higherIsBetter: true, of: (m) => m.satisfaction.coverage },
  { key: 'complaintsPer100', section: 'service', kind: 'count', higherIsBetter: false, of: (m) => m.service.per100 },
  { key: 'medianRespond', section: 'service', kind: 'hours', higherIsBetter: false, of: (m) => m.service.medianRespond },
  { key: 'medianResolve', section: 'service', kind: 'hours', higherIsBetter: false, of: (m) => m.service.medianResolve },
  { key: 'resolveBreachRate', section: 'service', kind: 'share', higherIsBetter: false, of: (m) => m.service.resolveBreachRate },
  { key: 'receivables', section: 'credit', kind: 'money', higherIsBetter: null, of: (m) => m.credit.receivables },
  { key: 'overdue', section: 'credit', kind: 'money', higherIsBetter: false, of: (m) => m.credit.overdue },
  { key: 'over90', section: 'credit', kind: 'money', higherIsBetter: false, of: (m) => last(m.credit.aging) },
  { key: 'dso', section: 'credit', kind: 'days', higherIsBetter: false, of: (m) => m.credit.dso },
  { key: 'receivablesAtRisk', section: 'credit', kind: 'money', higherIsBetter: false, of: (m) => m.credit.atRisk },
  { key: 'retention', section: 'portfolio', kind: 'share', higherIsBetter: true, of: (m) => m.portfolio.retention },
  { key: 'churn', section: 'portfolio', kind: 'share', higherIsBetter: false, of: (m) => m.portfolio.churn },
  { key: 'repeatRate', section: 'portfolio', kind: 'share', higherIsBetter: true, of: (m) => m.portfolio.repeatRate },
  { key: 'revenue', section: 'portfolio', kind: 'money', higherIsBetter: true, of: (m) => m.portfolio.revenue },
  { key: 'topShare', section: 'portfolio', kind: 'share', higherIsBetter: false, of: (m) => m.portfolio.topShare },
  { key: 'hhi', section: 'portfolio', kind: 'hhi', higherIsBetter: false, of: (m) => m.portfolio.hhi },
  { key: 'highRisk', section: 'portfolio', kind: 'count', higherIsBetter: false, of: (m) => m.portfolio.highRisk },
  { key: 'moneyAtRisk', section: 'portfolio', kind: 'money', higherIsBetter: false, of: (m) => m.portfolio.moneyAtRisk },
];

export interface HeadlineRow {
  key: string;
  section: AuditSection;
  kind: FigureKind;
  value: number;
  previous: number | null;
  change: number | null;
  /** 1 better, −1 worse, 0 the same or neither. */
  verdict: -1 | 0 | 1;
}

export interface Comparison {
  previous: { id: string; title: string; asOf: string } | null;
  headlines: HeadlineRow[];
  new: Finding[];
  persisting: { now: Finding; before: Finding }[];
  resolved: Finding[];
}

/** `audit` beside `previous` (null: the first audit, every finding is new). */
export function compareAudits(audit: Audit, previous: Audit | null): Comparison {
  const headlines = HEADLINES.map((h): HeadlineRow => {
    const value = h.of(audit.measures);
    const before = previous ? h.of(previous.measures) : NaN;
    const change = Number.isFinite(value) && Number.isFinite(before) ? value - before : null;
    const verdict = change === null || change === 0 || h.higherIsBetter === null ? 0 : (change > 0) === h.higherIsBetter ? 1 : -1;
    return { key: h.key, section: h.section, kind: h.kind, value, previous: previous && Number.isFinite(before) ? before : null, change, verdict };
  });
  const before = new Map((previous?.findings ?? []).map((f) => [f.key, f]));
  const now = new Set(audit.findings.map((f) => f.key));
  return {
    previous: previous && { id: previous.id, title: previous.title, asOf: previous.asOf },
    headlines,
    new: audit.findings.filter((f) => !before.has(f.key)),
    persisting: audit.findings.flatMap((f) => (before.has(f.key) ? [{ now: f, before: before.get(f.key)! }] : [])),
    resolved: (previous?.findings ?? []).filter((f) => !now.has(f.key)),
  };
}

/**
 * What became of the actions taken on `previous`'s findings — those started from a finding, and
 * those of the finding's playbook started since for its customers — and whether each finding is
 * gone in `findings`.
 */
export function followUpOf(previous: Audit, actions: Iterable<Action>, findings: readonly Finding[]): FollowUp {
  // Each start of a playbook (a run) counts once: done when all its steps are, under way while one is open, else skipped.
  const runs = new Map<string, Map<string, ActionStatus[]>>();
  const count = (key: string, a: Action) => {
    const of = runs.get(key) ?? new Map<string, ActionStatus[]>();
    runs.set(key, of);
    of.set(a.run ?? a.id, [...(of.get(a.run ?? a.id) ?? []), a.status]);
  };
  const customers = new Map(previous.findings.filter((f) => f.playbookId).map((f) => [f.key, new Set(f.customers.ids)]));
  for (const a of actions) {
    if (a.audit) {
      if (a.audit.id === previous.id) count(a.audit.finding, a);
      continue;
    }
    if (!a.playbookId || a.created < previous.asOf) continue;
    for (const f of previous.findings) if (f.playbookId === a.playbookId && customers.get(f.key)?.has(a.customerId)) count(f.key, a);
  }
  const now = new Set(findings.map((f) => f.key));
  const tally = (of: Map<string, ActionStatus[]>) => {
    const c = { open: 0, done: 0, skipped: 0 };
    for (const steps of of.values()) c[steps.includes('open') ? 'open' : steps.every((s) => s === 'skipped') ? 'skipped' : 'done']++;
    return c;
  };
  return { previousId: previous.id, findings: [...runs].map(([key, of]) => ({ key, ...tally(of), resolved: !now.has(key) })) };
}


/** The findings of a section in the order the report shows them. */
export const findingsIn = (audit: Audit, section: AuditSection): Finding[] => audit.findings.filter((f) => f.section === section);
export { AUDIT_SECTIONS };
