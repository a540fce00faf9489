// Calendar arithmetic on `YYYY-MM-DD` dates as UTC day numbers, so that columns can hold
// dates as Int32 and nothing depends on the device's time zone.

import type { IsoDate } from './types';

const DAY_MS = 86_400_000;
/** The day number that stands for "no date" in Int32 columns. */
export const NO_DAY = -2_147_483_648;
const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 for a valid ISO date, NO_DAY for '' or an invalid one. */
export function dayFromIso(iso: IsoDate): number {
  const m = ISO.exec(iso);
  if (!m) return NO_DAY;
  const y = +m[1], mo = +m[2], d = +m[3];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return NO_DAY;
  return ms / DAY_MS;
}

/** The ISO date of a day number; '' for NO_DAY. */
export function isoFromDay(day: number): IsoDate {
  if (day === NO_DAY) return '';
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function isValidIso(iso: string): boolean {
  return dayFromIso(iso) !== NO_DAY;
}

/** The ISO date `days` after `iso` (negative for before). */
export function addDays(iso: IsoDate, days: number): IsoDate {
  return isoFromDay(dayFromIso(iso) + days);
}

/** Whole days from `a` to `b` (positive when b is later). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return dayFromIso(b) - dayFromIso(a);
}

/** Epoch ms at midnight UTC of a day number, plus `hours`. */
export function instantOfDay(day: number, hours = 0): number {
  return day * DAY_MS + hours * 3_600_000;
}

/** Day number of an instant (epoch ms). */
export function dayOfInstant(ms: number): number {
  return Math.floor(ms / DAY_MS);
}

/** The `YYYY-MM-DD` of a Date in the device's local time (callers pass `new Date()`). */
export function localIso(d: Date): IsoDate {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
