// The service process against its targets (DESIGN §5, Service process): first-response and
// resolution times per complaint, breaches of the service levels the user sets per severity,
// medians, and the reopen rate.

import type { Severity } from '../types';

/** Hours allowed per severity for the first response and for the resolution. */
export type ServiceLevels = Record<Severity, { respond: number; resolve: number }>;

export const DEFAULT_SLA: ServiceLevels = {
  critical: { respond: 4, resolve: 24 },
  high: { respond: 8, resolve: 72 },
  medium: { respond: 24, resolve: 168 },
  low: { respond: 48, resolve: 336 },
};

/** One complaint as the service figures read it (instants in epoch ms, null while not yet). */
export interface Ticket {
  opened: number;
  firstResponse: number | null;
  resolved: number | null;
  severity: Severity;
  reopened: boolean;
}

const HOUR = 3_600_000;

/** The median of numbers (NaN for none). */
export function median(xs: readonly number[]): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b), m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * Breaches of the service levels as of instant `now`: a response (or resolution) later than its
 * target, or none yet with the target already past, is a breach; one still within its time is
 * not. With the median hours to respond and to resolve (of those that did), and the reopen rate.
 */
export function serviceLevels(tickets: Iterable<Ticket>, now: number, sla: ServiceLevels = DEFAULT_SLA) {
  let n = 0, respondBreaches = 0, resolveBreaches = 0, reopened = 0, resolvedN = 0;
  const respond: number[] = [], resolve: number[] = [];
  for (const t of tickets) {
    if (t.opened > now) continue;
    n++;
    const level = sla[t.severity] ?? sla.medium;
    const responded = t.firstResponse !== null && t.firstResponse <= now ? t.firstResponse : null;
    const done = t.resolved !== null && t.resolved <= now ? t.resolved : null;
    if (responded !== null) respond.push((responded - t.opened) / HOUR);
    if (done !== null) resolve.push((done - t.opened) / HOUR), resolvedN++;
    if ((responded ?? now) - t.opened > level.respond * HOUR) respondBreaches++;
    if ((done ?? now) - t.opened > level.resolve * HOUR) resolveBreaches++;
    if (t.reopened) reopened++;
  }
  return {
    complaints: n, respondBreaches, resolveBreaches,
    medianRespondHours: median(respond), medianResolveHours: median(resolve),
    reopenRate: resolvedN ? reopened / resolvedN : NaN,
  };
}
