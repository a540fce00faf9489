// Early warnings (DESIGN §4): rules on the score, on any indicator, on a worsened grade or
// a jump of points, with tighter thresholds per tier. A rule fires when a customer *enters*
// its condition; while an alert for the same customer and rule is open, a new firing
// updates it instead of adding another.

import type { Tier } from '../types';
import type { IndicatorId } from './indicators';

export type RuleKind = 'score' | 'indicator' | 'worsened' | 'jump';

export interface AlertRule {
  id: string;
  /** 0–7: the rule's bit in a customer's condition mask. */
  slot: number;
  kind: RuleKind;
  enabled: boolean;
  /** For `indicator` rules. */
  indicator?: IndicatorId;
  /** The threshold (score, indicator value or points of a jump) per tier. */
  threshold: Record<Tier, number>;
}

export const DEFAULT_RULES: AlertRule[] = [
  { id: 'score-high', slot: 0, kind: 'score', enabled: true, threshold: { key: 55, general: 75, potential: 75 } },
  { id: 'grade-worsened', slot: 1, kind: 'worsened', enabled: true, threshold: { key: 0, general: 0, potential: 0 } },
  { id: 'score-jump', slot: 2, kind: 'jump', enabled: true, threshold: { key: 10, general: 15, potential: 20 } },
  { id: 'days-past-due', slot: 3, kind: 'indicator', indicator: 'credit.max_days_past_due', enabled: true, threshold: { key: 30, general: 60, potential: 60 } },
  { id: 'open-severe', slot: 4, kind: 'indicator', indicator: 'service.open_severe', enabled: true, threshold: { key: 1, general: 2, potential: 2 } },
];

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
  const limit = rule.threshold[c.tier] ?? rule.threshold.general;
  switch (rule.kind) {
    case 'score':
      return c.score >= limit;
    case 'indicator':
      return rule.indicator !== undefined && c.indicator(rule.indicator) >= limit;
    case 'worsened':
      return c.grade >= 0 && c.baseGrade >= 0 && c.grade > c.baseGrade;
    case 'jump':
      return c.score - c.baseScore >= limit;
  }
}

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
}

/** Statuses under which a new firing updates the alert rather than raising another. */
export const LIVE: readonly AlertStatus[] = ['open', 'acknowledged'];

/**
 * New firings against the alerts already there: one alert per customer and rule while it is
 * live. Returns the alerts to write (new ones and updated ones).
 */
export function raise(live: ReadonlyMap<string, Alert>, firings: readonly { customerId: string; ruleId: string; score: number }[], now: number, newId: () => string): Alert[] {
  const out = new Map<string, Alert>();
  for (const f of firings) {
    const key = alertKey(f.customerId, f.ruleId);
    const existing = out.get(key) ?? live.get(key);
    if (existing) out.set(key, { ...existing, updated: now, score: f.score, firings: existing.firings + 1 });
    else out.set(key, { id: newId(), customerId: f.customerId, ruleId: f.ruleId, raised: now, updated: now, status: 'open', note: '', score: f.score, firings: 1 });
  }
  return [...out.values()];
}

export const alertKey = (customerId: string, ruleId: string): string => `${customerId}\u0000${ruleId}`;
