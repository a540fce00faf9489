// The user's segmentation settings (DESIGN §3): RFM by quintiles or by their own cut points,
// ABC by past or expected revenue with its two cut points, and the loyalty thresholds.
// Checked here so that a bad value gets a reason instead of silently odd segments.

import { DEFAULT_LOYALTY, type LoyaltyThresholds } from './loyalty';

export type Cuts = [number, number, number, number];

export interface SegmentSettings {
  /** null: quintiles. Else four ascending cut points each: days since the last order, orders, revenue (minor units). */
  rfmCuts: { r: Cuts; f: Cuts; m: Cuts } | null;
  /** ABC by the last 12 months' revenue or by the lifetime models' expected 12-month revenue. */
  abcBy: 'revenue' | 'expected';
  /** Cumulative shares ending A and B (0–1, A < B). */
  abcCuts: [number, number];
  loyalty: LoyaltyThresholds;
}

export const DEFAULT_SEGMENT_SETTINGS: SegmentSettings = { rfmCuts: null, abcBy: 'revenue', abcCuts: [0.8, 0.95], loyalty: DEFAULT_LOYALTY };

export type SettingsProblem = 'rfm_cuts' | 'abc_by' | 'abc_cuts' | 'loyalty';

const finite = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
const ascending = (c: unknown): c is Cuts => Array.isArray(c) && c.length === 4 && c.every(finite) && c.every((v, i) => i === 0 || v > c[i - 1]);

/**
 * Null if the settings make sense, else the first problem found. Takes anything (a stored or
 * restored record, a caller's object): a missing or malformed part is a problem, never a throw.
 */
export function checkSegmentSettings(s: SegmentSettings): SettingsProblem | null {
  if (s.rfmCuts !== null && !(s.rfmCuts && typeof s.rfmCuts === 'object' && ascending(s.rfmCuts.r) && ascending(s.rfmCuts.f) && ascending(s.rfmCuts.m))) return 'rfm_cuts';
  if (s.abcBy !== 'revenue' && s.abcBy !== 'expected') return 'abc_by';
  const [a, b] = Array.isArray(s.abcCuts) && s.abcCuts.length === 2 ? s.abcCuts : [NaN, NaN];
  if (!(finite(a) && finite(b) && a > 0 && a < b && b <= 1)) return 'abc_cuts';
  const l = s.loyalty && typeof s.loyalty === 'object' ? s.loyalty : ({} as LoyaltyThresholds);
  if (!([l.loyalAlive, l.lostAlive, l.onSchedule, l.lostRhythm].every(finite) && l.lostAlive >= 0 && l.lostAlive < l.loyalAlive && l.loyalAlive <= 1
    && l.onSchedule > 0 && l.lostRhythm > l.onSchedule)) return 'loyalty';
  return null;
}

/** A change of some settings merged over the current ones (a loyalty change over the current thresholds). */
export function settingsWith(current: SegmentSettings, change: Partial<SegmentSettings>): SegmentSettings {
  const c = (change && typeof change === 'object' ? change : {}) as Partial<SegmentSettings>;
  return { ...current, ...c, loyalty: { ...current.loyalty, ...(c.loyalty ?? {}) } };
}

/** Stored settings merged over the defaults (a workspace from before a setting existed gets its default). */
export function settingsFrom(stored: unknown): SegmentSettings {
  const s = (stored && typeof stored === 'object' ? stored : {}) as Partial<SegmentSettings>;
  const merged: SegmentSettings = { ...DEFAULT_SEGMENT_SETTINGS, ...s, loyalty: { ...DEFAULT_LOYALTY, ...(s.loyalty ?? {}) } };
  return checkSegmentSettings(merged) ? DEFAULT_SEGMENT_SETTINGS : merged;
}
