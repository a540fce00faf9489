// Loyalty status and the value × risk matrix (DESIGN §3).

export type Loyalty = 'loyal' | 'drifting' | 'lost';

export interface LoyaltyThresholds {
  /** P(alive) at or above which, with a recency within the customer's rhythm, a customer is loyal. */
  loyalAlive: number;
  /** P(alive) below which, or a silence this many times the customer's own rhythm, a customer is lost. */
  lostAlive: number;
  lostRhythm: number;
  /** Recency ÷ own rhythm up to which a customer is on schedule. */
  onSchedule: number;
}

export const DEFAULT_LOYALTY: LoyaltyThresholds = { loyalAlive: 0.7, lostAlive: 0.3, lostRhythm: 4, onSchedule: 1.5 };

/**
 * Loyal, drifting or lost from probability alive and the silence against the customer's own
 * rhythm (recency ÷ median gap); either may be NaN (unknown) and then the other decides.
 * null when both are unknown.
 */
export function loyalty(alive: number, recencyVsRhythm: number, t: LoyaltyThresholds = DEFAULT_LOYALTY): Loyalty | null {
  const a = alive === alive, r = recencyVsRhythm === recencyVsRhythm;
  if (!a && !r) return null;
  if ((a && alive < t.lostAlive) || (r && recencyVsRhythm >= t.lostRhythm)) return 'lost';
  if ((!a || alive >= t.loyalAlive) && (!r || recencyVsRhythm <= t.onSchedule)) return 'loyal';
  return 'drifting';
}

export type Quadrant = 'protect' | 'grow' | 'monitor' | 'reduce';

/**
 * The value × risk quadrant: high value and high risk → protect; high value, low risk →
 * grow; low value, low risk → monitor; low value, high risk → reduce. Value is high from
 * `valueCut` on, risk from `riskCut` on (the medium grade's threshold by default).
 */
export function quadrant(value: number, risk: number, valueCut: number, riskCut = 30): Quadrant | null {
  if (!(value === value && risk === risk)) return null;
  const valuable = value >= valueCut, risky = risk >= riskCut;
  return valuable ? (risky ? 'protect' : 'grow') : risky ? 'reduce' : 'monitor';
}
