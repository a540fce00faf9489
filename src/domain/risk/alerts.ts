// Early warnings (DESIGN §4): rules on the score, on any indicator, on a worsened grade or
// a jump of points, with tighter thresholds per tier. A rule fires when a customer *enters*
// its condition; while an alert for the same customer and rule is open, a new firing
// updates it instead of adding another.

import type { Tier } from '../types';
import type { IndicatorId } from './indicators';

/**
 * `indicator`: the indicator's value is at least the threshold; `exceeds`: above it; `below`:
 * under it; `drop`: it fell by at least the threshold (a trend of −N or less).
 */
export const RULE_KINDS = ['score', 'indicator', 'exceeds', 'below', 'drop', 'worsened', 'jump'] as const;
export type RuleKind = (typeof RULE_KINDS)[number];
/** How many rules a model may carry: a customer's condition bits are a 16-bit mask. */
export const MAX_RULES = 16;

export interface AlertRule {
  id: string;
  /** 0–15: the rule's bit in a customer's condition mask. */
  slot: number;
  kind: RuleKind;
  enabled: boolean;
  /** For the rules on an indicator. */
  indicator?: IndicatorId;
  /** The threshold (score, indicator value or points of a jump) per tier; null: not watched for that tier. */
  threshold: Record<Tier, number | null>;
}

export const DEFAULT_RULES: AlertRule[] = [
  { id: 'score-high', slot: 0, kind: 'score', enabled: true, threshold: { key: 55, general: 75, potential: 75 } },
  { id: 'grade-worsened', slot: 1, kind: 'worsened', enabled: true, threshold: { key: 0, general: 0, potential: 0 } },
  { id: 'score-jump', slot: 2, kind: 'jump', enabled: true, threshold: { key: 10, general: 15, potential: 20 } },
  { id: 'days-past-due', slot: 3, kind: 'indicator', indicator: 'credit.max_days_past_due', enabled: true, threshold: { key: 30, general: 60, potential: 60 } },
  { id: 'open-severe', slot: 4, kind: 'indicator', indicator: 'service.open_severe', enabled: true, threshold: { key: 1, general: 2, potential: 2 } },
  { id: 'alive-low', slot: 5, kind: 'below', indicator: 'churn.probability_alive', enabled: true, threshold: { key: 0.5, general: 0.3, potential: 0.2 } },
  { id: 'limit-exceeded', slot: 6, kind: 'exceeds', indicator: 'credit.limit_utilisation', enabled: true, threshold: { key: 1, general: 1, potential: 1 } },
  { id: 'csat-drop', slot: 7, kind: 'drop', indicator: 'satisfaction.csat_trend', enabled: true, threshold: { key: 1, general: 1.5, potential: 1.5 } },
  { id: 'no-contact', slot: 8, kind: 'indicator', indicator: 'engagement.days_since_interaction', enabled: true, threshold: { key: 90, general: null, potential: null } },
];

/** The rules whose threshold is an indicator's value. */
export const ON_INDICATOR: ReadonlySet<RuleKind> = new Set<RuleKind>(['indicator', 'exceeds', 'below', 'drop']);

/** What a rule looks at for one customer. NaN where there is nothing (never scored, no snapshot, no data). */
export interface RuleInput {
  tier: Tier;
  score: number;
  /** 0 low … 3 critical; −1 when insufficient or unscored. */
  grade: number;
  /** Score and grade at the previous snapshot. */
  baseScore: number;
  baseGrade: number;
  indicator: (id: IndicatorId) => number;
}

/** Whether a customer is in a rule's condition. Missing data is never a reason to warn. */
export function inCondition(rule: AlertRule, c: RuleInput): boolean {
  if (!rule.enabled) return false;
  const limit = thresholdFor(rule, c.tier);
  if (limit === null) return false;
  switch (rule.kind) {
    case 'score':
      return c.score >= limit;
    case 'indicator':
      return rule.indicator !== undefined && c.indicator(rule.indicator) >= limit;
    case 'exceeds':
      return rule.indicator !== undefined && c.indicator(rule.indicator) > limit;
    case 'below':
      return rule.indicator !== undefined && c.indicator(rule.indicator) < limit;
    case 'drop':
      return rule.indicator !== undefined && c.indicator(rule.indicator) <= -limit;
    case 'worsened':
      return c.grade >= 0 && c.baseGrade >= 0 && c.grade > c.baseGrade;
    case 'jump':
      return c.score - c.baseScore >= limit;
  }
}

/** A rule's threshold for a tier (a tier a rule does not name takes the general one); null: not watched. */
export const thresholdFor = (rule: AlertRule, tier: string): number | null => (tier in rule.threshold ? rule.threshold[tier as Tier] : rule.threshold.general);

export type AlertStatus = 'open' | 'acknowledged' | 'resolved' | 'dismissed';

export interface Alert {
  id: string;
  customerId: string;
  ruleId: string;
  /** Epoch ms when first raised, and when last fired again. */
  raised: number;
  updated: number;
  status: AlertStatus;
  note: string;
  /** The score when (last) fired. */
  score: number;
  /** How many times it fired while open. */
  firings: number;
  /** What fired, with its figures (absent on alerts raised before they were kept). */
  facts?: AlertFacts;
}

/** The figures behind an alert: the value against the customer's threshold, and for credit the money and the invoice. */
export interface AlertFacts {
  value: number;
  threshold: number;
  amount?: number;
  currency?: string;
  invoice?: string;
  days?: number;
}

/** Statuses under which a new firing updates the alert rather than raising another. */
export const LIVE: readonly AlertStatus[] = ['open', 'acknowledged'];

/**
 * New firings against the alerts already there: one alert per customer and rule while it is
 * live. Returns the alerts to write (new ones and updated ones).
 */
export function raise(live: ReadonlyMap<string, Alert>, firings: readonly { customerId: string; ruleId: string; score: number; facts?: AlertFacts }[], now: number, newId: () => string): Alert[] {
  const out = new Map<string, Alert>();
  for (const f of firings) {
    const key = alertKey(f.customerId, f.ruleId);
    const existing = out.get(key) ?? live.get(key);
    const facts = f.facts ? { facts: f.facts } : {};
    if (existing) out.set(key, { ...existing, updated: now, score: f.score, firings: existing.firings + 1, ...facts });
    else out.set(key, { id: newId(), customerId: f.customerId, ruleId: f.ruleId, raised: now, updated: now, status: 'open', note: '', score: f.score, firings: 1, ...facts });
  }
  return [...out.values()];
}

export const alertKey = (customerId: string, ruleId: string): string => `${customerId}\u0000${ruleId}`;

/**
 * Alert rules from a model file, checked: a file without them (format 1 and 2) keeps the
 * defaults; a rule of the defaults the file lacks (added in a later release) is added,
 * switched as shipped. Returns what is wrong otherwise.
 */
export function parseRules(input: unknown, known: ReadonlySet<string>): { ok: true; rules: AlertRule[] } | { ok: false; detail: string } {
  if (input === undefined) return { ok: true, rules: structuredClone(DEFAULT_RULES) };
  if (!Array.isArray(input) || input.length > MAX_RULES) return { ok: false, detail: 'alerts' };
  const rules: AlertRule[] = [];
  const ids = new Set<string>(), slots = new Set<number>();
  for (const r of input as Record<string, unknown>[]) {
    const id = typeof r?.id === 'string' ? r.id : '';
    if (!/^[\w.-]{1,60}$/.test(id) || ids.has(id)) return { ok: false, detail: id || 'alerts' };
    const slot = r.slot as number;
    if (!Number.isInteger(slot) || slot < 0 || slot >= MAX_RULES || slots.has(slot)) return { ok: false, detail: id };
    if (!(RULE_KINDS as readonly unknown[]).includes(r.kind)) return { ok: false, detail: id };
    const kind = r.kind as RuleKind;
    if (ON_INDICATOR.has(kind) && !known.has(r.indicator as string)) return { ok: false, detail: id };
    const t = r.threshold as Record<string, unknown> | undefined;
    const okThreshold = (v: unknown) => v === null || (typeof v === 'number' && Number.isFinite(v));
    if (!t || !(['key', 'general', 'potential'] as const).every((tier) => okThreshold(t[tier])) || (['key', 'general', 'potential'] as const).every((tier) => t[tier] === null)) return { ok: false, detail: id };
    ids.add(id), slots.add(slot);
    rules.push({
      id, slot, kind, enabled: r.enabled !== false, threshold: { key: t.key as number | null, general: t.general as number | null, potential: t.potential as number | null },
      ...(ON_INDICATOR.has(kind) ? { indicator: r.indicator as IndicatorId } : {}),
    });
  }
  for (const d of DEFAULT_RULES) if (!ids.has(d.id) && !slots.has(d.slot) && rules.length < MAX_RULES) rules.push(structuredClone(d));
  return { ok: true, rules: rules.sort((a, b) => a.slot - b.slot) };
}
