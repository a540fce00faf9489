// Cell values as people type them in Excel, in Chinese and English (DESIGN §6): dates in
// ISO, YYYY/M/D, D/M/YYYY or M/D/YYYY, YYYY年M月D日, with or without a time, and Excel
// serial numbers; amounts with thousands separators, currency symbols, full-width digits
// and parentheses for negatives. Every parser returns a value or a stable problem code.

import { isValidIso } from '../dates';

/** Full-width ASCII (Ｆ１２，．) and the ideographic space to their plain forms; then trimmed. */
export function halfWidth(s: string): string {
  let i = 0;
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c >= 0xff01 && c <= 0xff5e) || c === 0x3000) break;
  }
  if (i === s.length) return s.trim();
  let out = '';
  for (const ch of s) {
    const c = ch.charCodeAt(0);
    out += c >= 0xff01 && c <= 0xff5e ? String.fromCharCode(c - 0xfee0) : c === 0x3000 ? ' ' : ch;
  }
  return out.trim();
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; code: string };
const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const bad = (code: string): Parsed<never> => ({ ok: false, code });

/** Which part comes first in slashed dates with the year last: day (15/3/2024) or month (3/15/2024). */
export type DateOrder = 'dmy' | 'mdy';

const pad = (n: number) => String(n).padStart(2, '0');
const iso = (y: number, m: number, d: number): Parsed<string> => {
  const s = `${String(y).padStart(4, '0')}-${pad(m)}-${pad(d)}`;
  return isValidIso(s) ? ok(s) : bad('invalid_date');
};

/** Excel's day 0 is 1899-12-30 (so that its phantom 29 February 1900 lands right from day 61 on). */
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);
const TIME = String.raw`(?:[T\s]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:\s*[AaPp][Mm])?(?:Z|[+-]\d{2}:?\d{2})?)?`;
const YMD = new RegExp(String.raw`^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})${TIME}$`);
// The year last, in four digits or two ("12/1/10 8:26", as shops' exports write it).
const XMY = new RegExp(String.raw`^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})${TIME}$`);
// Month names: "1-Dec-2010", "01 Dec 10", "Dec 1, 2010", "December 1 2010".
const DAY_MONTH = new RegExp(String.raw`^(\d{1,2})[-\s/]([A-Za-z]{3,9})\.?[-\s/,]+(\d{4}|\d{2})${TIME}$`);
const MONTH_DAY = new RegExp(String.raw`^([A-Za-z]{3,9})\.?[-\s/]+(\d{1,2})(?:st|nd|rd|th)?,?[-\s/]+(\d{4}|\d{2})${TIME}$`);
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const CJK = new RegExp(String.raw`^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号號]?${TIME}$`);
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
const SERIAL = /^\d{1,7}(\.\d+)?$/;

/**
 * A two-digit year as Excel reads it: 00–29 are 2000–2029, 30–99 are 1930–1999
 * (`TWO_DIGIT_PIVOT`, said in the import preview).
 */
export const TWO_DIGIT_PIVOT = 30;
export const fullYear = (y: string): number => (y.length === 2 ? (+y < TWO_DIGIT_PIVOT ? 2000 : 1900) + +y : +y);

/** The month (1–12) of an English month name or its three-letter short form ("Sept" too); 0 for anything else. */
function monthOf(name: string): number {
  const n = name.toLowerCase();
  const k = MONTHS.indexOf(n.slice(0, 3));
  if (k < 0) return 0;
  const full = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'][k];
  return n.length === 3 || full.startsWith(n) || n === 'sept' ? k + 1 : 0;
}

/** The date formats a date cell can take, as the import's message about an unreadable cell lists them. */
export const DATE_FORMATS = ['2024-03-15', '2024/3/15', '15/3/2024', '3/15/2024', '3/15/24', '2024年3月15日', '15-Mar-2024', 'Mar 15, 2024', '20240315', '45366'] as const;

/**
 * A calendar date `YYYY-MM-DD` from a cell; '' for an empty cell. `order` settles D/M vs M/D
 * (see `dateOrderOf`); without it such a date is 'ambiguous_date' unless a part is over 12.
 */
export function parseDate(cell: string, order: DateOrder | null = null): Parsed<string> {
  if (cell.length === 10 && isValidIso(cell)) return ok(cell);
  const s = halfWidth(cell);
  if (!s) return ok('');
  let m = YMD.exec(s) ?? CJK.exec(s);
  if (m) return iso(+m[1], +m[2], +m[3]);
  m = XMY.exec(s);
  if (m) {
    const a = +m[1], b = +m[2];
    const first = order ?? (a > 12 ? 'dmy' : b > 12 ? 'mdy' : a === b ? 'dmy' : null);
    if (!first) return bad('ambiguous_date');
    const y = fullYear(m[3]);
    return first === 'dmy' ? iso(y, b, a) : iso(y, a, b);
  }
  m = DAY_MONTH.exec(s);
  if (m) return monthOf(m[2]) ? iso(fullYear(m[3]), monthOf(m[2]), +m[1]) : bad('date_format');
  m = MONTH_DAY.exec(s);
  if (m) return monthOf(m[1]) ? iso(fullYear(m[3]), monthOf(m[1]), +m[2]) : bad('date_format');
  m = COMPACT.exec(s);
  if (m) return iso(+m[1], +m[2], +m[3]);
  if (SERIAL.test(s)) {
    const n = Math.floor(Number(s));
    // 1 … 2958465 is 1900-01-01 … 9999-12-31 in Excel.
    if (n < 1 || n > 2958465) return bad('invalid_date');
    const d = new Date(EXCEL_EPOCH + n * 86_400_000);
    return iso(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
  }
  // No format matched (an impossible date of a known format is 'invalid_date').
  return bad('date_format');
}

/** Whether a cell is a date with a two-digit year (which the preview says how it read). */
export function hasTwoDigitYear(cell: string): boolean {
  const s = halfWidth(cell);
  const m = XMY.exec(s) ?? DAY_MONTH.exec(s) ?? MONTH_DAY.exec(s);
  return !!m && m[3].length === 2;
}

/**
 * An instant (epoch ms, local time) from a cell with a date and perhaps a time; null for an
 * empty cell. Excel serials keep their fraction of a day.
 */
export function parseInstant(cell: string, order: DateOrder | null = null): Parsed<number | null> {
  const s = halfWidth(cell);
  if (!s) return ok(null);
  const date = parseDate(s, order);
  if (!date.ok) return date;
  const [y, mo, d] = date.value.split('-').map(Number);
  let h = 0, mi = 0, sec = 0, msec = 0;
  if (SERIAL.test(s)) {
    const frac = Number(s) % 1;
    const secs = Math.round(frac * 86_400);
    (h = Math.floor(secs / 3600)), (mi = Math.floor(secs / 60) % 60), (sec = secs % 60);
  } else {
    const t = /(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.(\d+))?\s*([AaPp][Mm])?/.exec(s.replace(/^\S+/, ''));
    if (t) {
      (h = +t[1]), (mi = +t[2]), (sec = t[3] ? +t[3] : 0), (msec = t[4] ? Math.round(Number(`0.${t[4]}`) * 1000) % 1000 : 0);
      if (t[5]) h = (h % 12) + (/p/i.test(t[5]) ? 12 : 0);
      if (h > 23 || mi > 59 || sec > 59) return bad('invalid_date');
    }
  }
  return ok(new Date(y, mo - 1, d, h, mi, sec, msec).getTime());
}

/**
 * The order of day and month in a column's slashed dates with the year last: 'dmy' when a
 * first part is over 12, 'mdy' when a second part is, null when no cell decides (ask the
 * user), 'conflict' when cells disagree (some can only be D/M, others only M/D).
 */
export function dateOrderOf(cells: Iterable<string>): DateOrder | null | 'conflict' {
  let dmy = false, mdy = false;
  for (const cell of cells) {
    const m = XMY.exec(halfWidth(cell));
    if (!m) continue;
    if (+m[1] > 12) dmy = true;
    if (+m[2] > 12) mdy = true;
  }
  return dmy && mdy ? 'conflict' : dmy ? 'dmy' : mdy ? 'mdy' : null;
}

/** Day-or-month and month-or-day of a slashed date with the year last ("3/15/2024"); null for any other cell. */
export function yearLastParts(cell: string): [number, number] | null {
  const m = XMY.exec(halfWidth(cell));
  return m ? [+m[1], +m[2]] : null;
}

/** Whether a column has slashed dates whose order the data cannot settle. */
export function needsDateOrder(cells: Iterable<string>): boolean {
  for (const cell of cells) if (XMY.test(halfWidth(cell))) return dateOrderOf(cells) === null;
  return false;
}

const CURRENCY = /^(?:HK\$|NT\$|US\$|RMB|CNY|USD|EUR|HKD|TWD|JPY|GBP|[¥￥$€£元圆])|(?:HK\$|NT\$|US\$|RMB|CNY|USD|EUR|HKD|TWD|JPY|GBP|[¥￥$€£元圆])$/i;

/**
 * Minor units (an integer) from an amount cell, in a currency with `digits` decimals; null for
 * an empty cell. "¥1,234.50", "１２３４．５", "(1,234.50)", "-1234.5", "HK$ 1 234", "1.234,50"
 * (a decimal comma, when the comma is followed by one or two digits at the end) all work.
 */
const POWERS = [1, 10, 100, 1000, 10000];
const PLAIN_AMOUNT = /^-?\d{1,15}(\.\d{1,6})?$/;

/** Minor units of a plain number as a program writes it ("-1234.5"); undefined for any other cell. */
export function plainAmount(cell: string, digits: number): number | undefined {
  if (!PLAIN_AMOUNT.test(cell)) return undefined;
  const negative = cell.charCodeAt(0) === 45;
  const minor = Math.round(Number(negative ? cell.slice(1) : cell) * (POWERS[digits] ?? 10 ** digits));
  return minor <= 1e15 ? (negative ? -minor : minor) : undefined;
}

export function parseAmount(cell: string, digits = 2): Parsed<number | null> {
  // Most cells are plain numbers as a program wrote them.
  const plain = plainAmount(cell, digits);
  if (plain !== undefined) return ok(plain);
  let s = halfWidth(cell).replace(/，/g, ',').replace(/．/g, '.');
  if (!s) return ok(null);
  // One sign at most: parentheses, or a minus before or after the symbol or at the end.
  let signs = 0;
  if (/^\(.*\)$/.test(s)) signs++, (s = s.slice(1, -1).trim());
  if (/^[-−]/.test(s)) signs++, (s = s.slice(1).trim());
  for (let k = 0; k < 2; k++) s = s.replace(CURRENCY, '').trim();
  if (/^[-−]/.test(s)) signs++, (s = s.slice(1).trim());
  if (/[-−]$/.test(s)) signs++, (s = s.slice(0, -1).trim());
  if (signs > 1) return bad('invalid_amount');
  const negative = signs === 1;
  s = s.replace(/[\s\u00a0\u202f']/g, '');
  if (/^\d{1,3}(\.\d{3})+,\d{1,2}$/.test(s) || /^\d+,\d{1,2}$/.test(s)) s = s.replace(/\./g, '').replace(',', '.');
  else if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(s)) s = s.replace(/,/g, '');
  if (!/^(\d+(\.\d*)?|\.\d+)$/.test(s)) return bad('invalid_amount');
  const minor = Math.round(Number(s) * 10 ** digits);
  if (!Number.isSafeInteger(minor) || minor > 1e15) return bad('amount_too_large');
  return ok(negative ? -minor : minor);
}

/** A whole number (days, scores, counts); null for an empty cell. */
export function parseInteger(cell: string): Parsed<number | null> {
  const s = halfWidth(cell).replace(/,/g, '');
  if (!s) return ok(null);
  if (!/^[-+]?\d+(\.0+)?$/.test(s)) return bad('not_integer');
  return ok(Number(s));
}

/** A yes/no cell in English or Chinese; false for an empty cell. */
export function parseBoolean(cell: string): Parsed<boolean> {
  const s = halfWidth(cell).toLowerCase();
  if (['', '0', 'no', 'n', 'false', '否', '无', '無', 'f'].includes(s)) return ok(false);
  if (['1', 'yes', 'y', 'true', '是', '有', 't', '√', '✓'].includes(s)) return ok(true);
  return bad('invalid_choice');
}

/**
 * One of `choices` from a cell, accepting its English key and the words in `synonyms`
 * (Chinese, simplified and traditional); '' for an empty cell.
 */
export function parseChoice<T extends string>(cell: string, choices: readonly T[], synonyms: Record<string, T>): Parsed<T | ''> {
  const s = halfWidth(cell).toLowerCase();
  if (!s) return ok('');
  if ((choices as readonly string[]).includes(s)) return ok(s as T);
  const hit = synonyms[s];
  return hit ? ok(hit) : bad('invalid_choice');
}
