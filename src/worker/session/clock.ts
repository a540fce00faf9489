// The one clock of the engine: the device's calendar day, the day the open book is assessed
// on, and a timer that wakes at local midnight so that a book left open moves to the new day.

import { localIso } from '../../domain/dates';

/** The device's local calendar date, `YYYY-MM-DD`. */
export const deviceToday = (): string => localIso(new Date());

/**
 * The day a book is assessed on (`YYYY-MM-DD`): the analysis date its user chose, or the
 * device's today. Every figure, grade and snapshot of the open book is as of this day.
 */
export function asOfDay(chosen: string | null = null): string {
  return chosen ?? deviceToday();
}

/** Calls `wake` just after every local midnight (and after a sleep that crossed one) until the returned stop is called. */
export function atEveryMidnight(wake: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const arm = () => {
    const now = new Date();
    const next = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1, 0, 0, 1);
    // Within [1 s, 1 h]: a timer is re-armed hourly, so that a suspended device catches up soon after it wakes.
    const wait = Math.min(Math.max(next.getTime() - now.getTime(), 1000), 3_600_000);
    timer = setTimeout(() => {
      wake();
      arm();
    }, wait);
    (timer as { unref?: () => void }).unref?.();
  };
  arm();
  return () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
  };
}
