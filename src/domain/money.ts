// Money typed by a person: "1,234.50", "１２３４", "¥1 234", "(500)". Returned in integer
// minor units, so that sums never drift.

const FULL_WIDTH = /[\uFF10-\uFF19\uFF0C\uFF0E\uFF0D]/g;

/**
 * Minor units of `text` for a currency with `digits` decimals; null when it is not an
 * amount. Thousands separators (, space ' and thin space), currency symbols and
 * full-width digits are accepted; parentheses or a leading minus make it negative.
 */
export function parseAmount(text: string, digits: number): number | null {
  let s = text.replace(FULL_WIDTH, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0)).trim();
  let negative = false;
  if (/^\(.*\)$/.test(s)) {
    negative = true;
    s = s.slice(1, -1);
  }
  s = s.replace(/^(HK\$|NT\$|US\$|[¥￥$€£])|(HK\$|NT\$|[¥￥$€£元])$/gu, '').trim();
  if (s.startsWith('-')) {
    negative = !negative;
    s = s.slice(1).trim();
  }
  s = s.replace(/[,\s'\u2009\u00a0]/g, '');
  if (!/^\d+(\.\d+)?$/.test(s)) return null;
  const [whole, frac = ''] = s.split('.');
  if (frac.length > digits) return null;
  const minor = Number(whole) * 10 ** digits + Number(frac.padEnd(digits, '0') || '0');
  if (!Number.isSafeInteger(minor)) return null;
  return negative ? -minor : minor;
}

/** The plain decimal text of minor units, for an input field ("1234.50"). */
export function amountText(minor: number, digits: number): string {
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  if (digits === 0) return sign + String(abs);
  const s = String(abs).padStart(digits + 1, '0');
  return `${sign}${s.slice(0, -digits)}.${s.slice(-digits)}`;
}

/** Digits after the decimal point of a currency's minor unit (2 for CNY, 0 for JPY; 2 when unknown). */
export function minorDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/** The currencies offered in a book's and a file's currency choice (any ISO 4217 code can be typed in a profile or a file). */
export const COMMON_CURRENCIES = ['CNY', 'TWD', 'HKD', 'MOP', 'USD', 'EUR', 'GBP', 'JPY', 'KRW', 'SGD', 'AUD', 'CAD', 'CHF'] as const;
