// Segment references and rule segments (DESIGN §3). A reference names a group that the
// customer list can be filtered to: a cell of the R×F grid, a named segment, an eight-class
// group, an ABC class, a loyalty status, a value × risk quadrant, or a rule segment (a saved
// filter over profile fields, tags, grade, another segment and one indicator).

import { FILTER_FIELDS, type FilterField } from '../query';
import { RF_SEGMENTS, EIGHT_CLASSES } from './rfm';
import type { CustomCondition } from '../custom-fields';

export const SEGMENT_KINDS = ['cell', 'rf', 'eight', 'abc', 'loyalty', 'quadrant', 'rule'] as const;
export type SegmentKind = (typeof SEGMENT_KINDS)[number];

const KEYS: Record<Exclude<SegmentKind, 'rule'>, (k: string) => boolean> = {
  cell: (k) => /^[1-5]-[1-5]$/.test(k),
  rf: (k) => (RF_SEGMENTS as readonly string[]).includes(k),
  eight: (k) => (EIGHT_CLASSES as readonly string[]).includes(k),
  abc: (k) => k === 'A' || k === 'B' || k === 'C',
  loyalty: (k) => k === 'loyal' || k === 'drifting' || k === 'lost',
  quadrant: (k) => k === 'protect' || k === 'grow' || k === 'monitor' || k === 'reduce',
};

/** `kind:key` parsed, or null when it names no group. */
export function parseSegmentRef(ref: string): { kind: SegmentKind; key: string } | null {
  const at = ref.indexOf(':');
  if (at < 0) return null;
  const kind = ref.slice(0, at) as SegmentKind, key = ref.slice(at + 1);
  if (!(SEGMENT_KINDS as readonly string[]).includes(kind)) return null;
  if (kind === 'rule') return key ? { kind, key } : null;
  return KEYS[kind](key) ? { kind, key } : null;
}

export interface IndicatorCondition {
  id: string;
  op: 'gte' | 'lte';
  value: number;
}

export interface RuleSegment {
  id: string;
  name: string;
  filters: Partial<Record<FilterField, string>>;
  /** Another segment the customers must also be in (never a rule: rules do not nest). */
  segment?: string;
  indicator?: IndicatorCondition;
  /** A condition on one of the user's own fields. */
  custom?: CustomCondition;
}

export type RuleProblem = 'name' | 'empty' | 'segment' | 'indicator' | 'filter';

/** Why a rule cannot be saved, or null. `indicators` are the known indicator ids. */
export function checkRule(rule: RuleSegment, indicators: readonly string[]): RuleProblem | null {
  if (!rule.name.trim() || rule.name.length > 80) return 'name';
  for (const [f, v] of Object.entries(rule.filters)) if (!(FILTER_FIELDS as readonly string[]).includes(f) || typeof v !== 'string') return 'filter';
  if (rule.segment !== undefined) {
    const ref = parseSegmentRef(rule.segment);
    if (!ref || ref.kind === 'rule') return 'segment';
  }
  if (rule.indicator && !(indicators.includes(rule.indicator.id) && (rule.indicator.op === 'gte' || rule.indicator.op === 'lte') && Number.isFinite(rule.indicator.value))) return 'indicator';
  if (rule.custom && !(typeof rule.custom.key === 'string' && rule.custom.key && ['set', 'eq', 'gte', 'lte'].includes(rule.custom.op) && typeof rule.custom.value === 'string' && rule.custom.value.length <= 200)) return 'filter';
  if (!Object.keys(rule.filters).length && rule.segment === undefined && !rule.indicator && !rule.custom) return 'empty';
  return null;
}

/** Whether an indicator value meets the condition (an unknown value never does). */
export function meets(c: IndicatorCondition, value: number): boolean {
  if (value !== value) return false;
  return c.op === 'gte' ? value >= c.value : value <= c.value;
}
