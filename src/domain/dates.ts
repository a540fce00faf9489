// Calendar arithmetic on `YYYY-MM-DD` dates as UTC day numbers, so that columns can hold
// dates as Int32 and nothing depends on the device's time zone.

import type { IsoDate } from './types';

const DAY_MS = 86_400_000;
/** The day number that stands for "no date" in Int32 columns. */
export const NO_DAY = -2_147_483_648;

/** Days since 1970-01-01 for a valid ISO date, NO_DAY for '' or an invalid one. */
export function dayFromIso(iso: IsoDate): number {
  // By character codes rather than a regular expression and a Date: an import checks a
  // million of these.
  if (iso.length !== 10 || iso.charCodeAt(4) !== 45 || iso.charCodeAt(7) !== 45) return NO_DAY;
  const y = digits(iso, 0, 4), m = digits(iso, 5, 2), d = digits(iso, 8, 2);
  if (y < 0 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return NO_DAY;
  return daysFromCivil(y, m, d);
}

/** The number written by `n` decimal digits of `s` from `at`; -1 when one is not a digit. */
function digits(s: string, at: number, n: number): number {
  let v = 0;
  for (let i = at; i < at + n; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
function daysInMonth(y: number, m: number): number {
  return m === 2 && y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : MONTH_DAYS[m - 1];
}

/** Hinnant's days-from-civil: the inverse of `isoFromDay`'s arithmetic. */
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/**
 * The ISO date of a day number; '' for NO_DAY. Integer arithmetic (Hinnant's civil-from-days)
 * rather than Date: the list computes 100,000 of these on every open.
 */
export function isoFromDay(day: number): IsoDate {
  if (day === NO_DAY) return '';
  const z = day + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${y < 1000 ? String(y).padStart(4, '0') : y}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
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
