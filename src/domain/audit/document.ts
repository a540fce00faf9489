// The customer-relationship audit as a document (DESIGN §5): dated (the book's analysis date),
// scoped, with its five sections' figures frozen at the time it was run and the findings its
// rules raised from them. Reopening an audit shows it exactly as it was; nothing is recomputed.

import type { GradeLabel } from '../query';
import { DEFAULT_AGING, agingCutsOk, type AgingCuts } from './receivables';
import { DEFAULT_SLA, type ServiceLevels } from './service';
import { SEVERITIES } from '../types';

export const AUDIT_SECTIONS = ['data', 'satisfaction', 'service', 'credit', 'portfolio'] as const;
export type AuditSection = (typeof AUDIT_SECTIONS)[number];

export const FINDING_SEVERITIES = ['info', 'minor', 'major', 'critical'] as const;
export type FindingSeverity = (typeof FINDING_SEVERITIES)[number];

export const SCOPE_KINDS = ['book', 'segment', 'owner', 'region', 'tier'] as const;
export type ScopeKind = (typeof SCOPE_KINDS)[number];
/** Which customers an audit covers: the whole book, a saved segment (its reference), or one owner, region or tier. */
export interface AuditScope {
  kind: ScopeKind;
  value: string;
  /** The segment's name when it was run (a segment may be renamed or deleted later). */
  label?: string;
}

/** The profile fields whose completeness the audit measures. */
export const COMPLETENESS_FIELDS = ['industry', 'size', 'region', 'owner', 'since', 'creditLimit', 'paymentTermsDays', 'contact', 'phone', 'email'] as const;
export type CompletenessField = (typeof COMPLETENESS_FIELDS)[number];

/**
 * The thresholds the finding rules compare against, each shown beside its finding and
 * editable: shares are 0–1, CSAT on 1–5, NPS on −100…100, days and hours as such.
 */
export const DEFAULT_THRESHOLDS = {
  completenessMinor: 0.9, completenessMajor: 0.7,
  invalidMinor: 0, invalidMajor: 0.05, duplicatesMajor: 0, staleDays: 730, staleMinor: 0.3, orphansMajor: 0, impossibleMinor: 0, impossibleMajor: 0.01,
  csatMajor: 3.5, csatCritical: 3.0, csatDrop: 0.3, npsMajor: 0, coverageMinor: 0.3, keyDetractorsMajor: 0,
  breachMajor: 0.1, breachCritical: 0.25, reopenMinor: 0.1, slowerMinor: 0.25,
  overdueMajor: 0.3, over90Major: 0.1, over90Critical: 0.25, dsoMajor: 60, limitMajor: 0, atRiskMinor: 0.05,
  churnMajor: 0.2, churnCritical: 0.35, repeatMinor: 0.3, hhiMinor: 1500, hhiMajor: 2500, topShareMinor: 0.5,
  highRiskMajor: 0.15, moneyAtRiskMajor: 0.2,
} as const;
export type ThresholdKey = keyof typeof DEFAULT_THRESHOLDS;
export const THRESHOLD_KEYS = Object.keys(DEFAULT_THRESHOLDS) as ThresholdKey[];

/** How an audit measures: its period (this one against the one before), the aging cuts, the service levels and the rules' thresholds. */
export interface AuditSettings {
  periodDays: number;
  aging: number[];
  sla: ServiceLevels;
  thresholds: Record<ThresholdKey, number>;
}

export const DEFAULT_AUDIT_SETTINGS: AuditSettings = { periodDays: 182, aging: [...DEFAULT_AGING], sla: DEFAULT_SLA, thresholds: { ...DEFAULT_THRESHOLDS } };

/** Settings as stored, over the defaults (a threshold added later takes its default); the problem's key when one is unusable. */
export function auditSettingsOf(raw: unknown): { settings: AuditSettings; problem: string | null } {
  const d = DEFAULT_AUDIT_SETTINGS;
  const r = (raw && typeof raw === 'object' ? raw : {}) as Partial<AuditSettings>;
  const settings: AuditSettings = {
    periodDays: r.periodDays ?? d.periodDays,
    aging: r.aging ? [...r.aging] : [...d.aging],
    sla: { ...d.sla, ...(r.sla ?? {}) },
    thresholds: { ...d.thresholds, ...(r.thresholds ?? {}) },
  };
  let problem: string | null = null;
  if (!Number.isInteger(settings.periodDays) || settings.periodDays < 28 || settings.periodDays > 730) problem = 'periodDays';
  else if (!agingCutsOk(settings.aging)) problem = 'aging';
  else if (!SEVERITIES.every((s) => [settings.sla[s]?.respond, settings.sla[s]?.resolve].every((h) => typeof h === 'number' && h > 0 && h <= 8760))) problem = 'sla';
  else problem = THRESHOLD_KEYS.find((k) => typeof settings.thresholds[k] !== 'number' || !Number.isFinite(settings.thresholds[k]) || (k !== 'npsMajor' && settings.thresholds[k] < 0)) ?? null;
  return { settings, problem };
}

/** A list of customers behind a figure: the first CUSTOMERS_KEPT ids and how many there are. */
export interface CustomerList {
  ids: string[];
  count: number;
}
export const CUSTOMERS_KEPT = 2000;

/** Customer lists being gathered, by key. */
export class CustomerLists {
  private readonly m = new Map<string, CustomerList>();
  add(key: string, id: string): void {
    let l = this.m.get(key);
    if (!l) this.m.set(key, (l = { ids: [], count: 0 }));
    if (l.ids.length < CUSTOMERS_KEPT) l.ids.push(id);
    l.count++;
  }
  get all(): Record<string, CustomerList> {
    return Object.fromEntries(this.m);
  }
}

/** One finding: raised by `rule` (about `subject`, a field, where the rule has several), graded, with its evidence and the playbook that fits. */
export interface Finding {
  /** `rule` or `rule:subject`: what matches a finding across audits. */
  key: string;
  rule: string;
  subject?: string;
  section: AuditSection;
  severity: FindingSeverity;
  /** The figure, the threshold it crossed and that threshold's key; the text reads them. */
  value: number;
  threshold: number;
  thresholdKey: ThresholdKey;
  /** Other figures the text reads. */
  figures?: Record<string, number>;
  customers: CustomerList;
  playbookId?: string;
}

/** The grades of the scope's customers at the previous audit and now: `moves[from][to]`, grades in GRADE order then 'insufficient', then 'new' (not in the book then) as a from-row. */
export interface GradeMovement {
  previousId: string;
  previousAsOf: string;
  grades: GradeLabel[];
  moves: number[][];
}

/** What became of the responses to the previous audit's findings, per finding key: the playbook runs done, under way and skipped. */
export interface FollowUp {
  previousId: string;
  findings: { key: string; open: number; done: number; skipped: number; resolved: boolean }[];
}

/** The figures of an audit, section by section (see measure.ts); NaN where a figure has nothing to be measured on. */
export interface AuditMeasures {
  customers: number;
  events: number;
  period: { from: string; to: string; days: number };
  data: { complete: Record<CompletenessField, number>; invalid: number; duplicates: number; stale: number; orphans: number; impossible: number };
  satisfaction: { csat: number; csatPrev: number; csatAnswers: number; csatDist: number[]; nps: number; npsPrev: number; npsAnswers: number; promoters: number; passives: number; detractors: number; surveyed: number; coverage: number; keyDetractors: number };
  service: { complaints: number; complaintsPrev: number; per100: number; respondBreaches: number; resolveBreaches: number; respondBreachRate: number; resolveBreachRate: number; medianRespond: number; medianResolve: number; medianRespondPrev: number; medianResolvePrev: number; reopenRate: number; byCategory: [string, number][]; byChannel: [string, number][] };
  credit: { receivables: number; overdue: number; aging: number[]; agingCount: number[]; cuts: number[]; dso: number; creditSales: number; limited: number; limitUse: number; limitBreaches: number; atRisk: number; top: { id: string; name: string; overdue: number; days: number }[] };
  portfolio: { active: number; activePrev: number; retained: number; lost: number; gained: number; retention: number; churn: number; buyers: number; repeatRate: number; revenue: number; revenuePrev: number; topShare: number; hhi: number; top: { id: string; name: string; revenue: number }[]; grades: Record<string, number>; highRisk: number; revenueAtRisk: number; moneyAtRisk: number };
  /** The customers behind each figure a finding may cite. */
  lists: Record<string, CustomerList>;
}

export const AUDIT_FORMAT = 1;

export interface Audit {
  id: string;
  format: number;
  title: string;
  auditor: string;
  goals: string;
  /** The book's analysis date when it was run. */
  asOf: string;
  scope: AuditScope;
  bookName: string;
  currency: string;
  settings: AuditSettings;
  measures: AuditMeasures;
  findings: Finding[];
  movement?: GradeMovement;
  followUp?: FollowUp;
  /** The previous audit of the same scope it is compared with. */
  previousId?: string;
  createdAt: number;
  updatedAt: number;
}

/** Whether a stored record reads as an audit (a backup's or a colleague's is checked before it is written). */
export function isAuditRecord(r: Record<string, unknown>): boolean {
  const scope = r.scope as Record<string, unknown> | undefined;
  return typeof r.id === 'string' && !!r.id && typeof r.format === 'number' && typeof r.title === 'string' && typeof r.asOf === 'string' &&
    !!scope && (SCOPE_KINDS as readonly unknown[]).includes(scope.kind) && typeof scope.value === 'string' &&
    !!r.measures && typeof r.measures === 'object' && Array.isArray(r.findings) && typeof r.createdAt === 'number' && typeof r.updatedAt === 'number';
}

export const SEVERITY_RANK: Record<FindingSeverity, number> = { info: 0, minor: 1, major: 2, critical: 3 };

/** Findings worst first, then by section order. */
export function sortFindings(findings: Finding[]): Finding[] {
  return [...findings].sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || AUDIT_SECTIONS.indexOf(a.section) - AUDIT_SECTIONS.indexOf(b.section));
}

export type { AgingCuts };
