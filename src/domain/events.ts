// Facts about single events that every screen needs: when it happened (for the timeline)
// and which day it counts on.

import { dayFromIso } from './dates';
import type { BookEvent } from './types';

const DAY_MS = 86_400_000;

/** Epoch ms at which the event happened (midnight UTC of its date for dated events). */
export function eventTime(e: BookEvent): number {
  switch (e.kind) {
    case 'complaint':
      return e.opened;
    case 'invoice':
      return dayFromIso(e.issued) * DAY_MS;
    default:
      return dayFromIso(e.date) * DAY_MS;
  }
}

/** The timeline order: newest first; on the same instant, higher id (entered later) first. */
export function newestFirst(a: BookEvent, b: BookEvent): number {
  return eventTime(b) - eventTime(a) || b.id - a.id;
}
