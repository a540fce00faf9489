// Typed message catalogues (zh-CN, zh-TW, en) and Intl formatting. Plural forms are keys
// ending in `.one` / `.other`, chosen by Intl.PluralRules.

import type { Locale } from '../domain/types';
import { en, type MessageKey } from './en';
import { zhCN } from './zh-CN';
import { zhTW } from './zh-TW';

export type { MessageKey };
export type Params = Record<string, string | number>;

export const CATALOGUES: Record<Locale, Record<MessageKey, string>> = { en, 'zh-CN': zhCN, 'zh-TW': zhTW };
export const LANGUAGE_NAMES: Record<Locale, string> = { 'zh-CN': '简体中文', 'zh-TW': '繁體中文', en: 'English' };

/** The interface language for a browser's language list (zh-TW/HK/MO and Hant → zh-TW). */
export function pickLocale(languages: readonly string[]): Locale {
  for (const raw of languages) {
    const tag = raw.toLowerCase();
    if (/^zh-(tw|hk|mo)|^zh-hant/.test(tag)) return 'zh-TW';
    if (tag.startsWith('zh')) return 'zh-CN';
    if (tag.startsWith('en')) return 'en';
  }
  return 'en';
}

/** True when `key` names a message (for keys built from codes). */
export function hasMessage(key: string): key is MessageKey {
  return key in en;
}

export function translate(locale: Locale, key: MessageKey, params?: Params): string {
  const text: string = CATALOGUES[locale][key] ?? en[key] ?? key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = params[name];
    return v === undefined ? whole : typeof v === 'number' ? formatNumber(locale, v) : v;
  });
}

/** `key.one` or `key.other` by the language's plural rules. */
export function translatePlural(locale: Locale, key: string, count: number, params?: Params): string {
  const rule = pluralRules(locale).select(count) === 'one' ? 'one' : 'other';
  return translate(locale, `${key}.${rule}` as MessageKey, { count, ...params });
}

// Creating an Intl formatter costs far more than using one (a 1,000-event timeline formats
// thousands of values), so each locale-and-options pair is made once.
const formatters = new Map<string, unknown>();
function cached<T>(kind: string, locale: string, options: object, make: () => T): T {
  const key = `${kind}|${locale}|${JSON.stringify(options)}`;
  let f = formatters.get(key) as T | undefined;
  if (!f) formatters.set(key, (f = make()));
  return f;
}
const numberFormat = (locale: string, options: Intl.NumberFormatOptions) => cached('n', locale, options, () => new Intl.NumberFormat(locale, options));
const dateFormat = (locale: string, options: Intl.DateTimeFormatOptions) => cached('d', locale, options, () => new Intl.DateTimeFormat(locale, options));
const pluralRules = (locale: string) => cached('p', locale, {}, () => new Intl.PluralRules(locale));

export function formatNumber(locale: Locale, n: number): string {
  return numberFormat(locale, {}).format(n);
}

/** Digits after the decimal point of a currency's minor unit (2 for CNY, 0 for JPY). */
export function currencyDigits(currency: string): number {
  let digits = DIGITS.get(currency);
  if (digits === undefined) {
    try {
      digits = numberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    } catch {
      digits = 2;
    }
    DIGITS.set(currency, digits);
  }
  return digits;
}
/** Minor-unit digits by currency (asked of Intl once: resolvedOptions() builds an object each time). */
const DIGITS = new Map<string, number>();

/** Money held in minor units, shown in the locale's currency format. */
export function formatMoney(locale: Locale, minor: number, currency: string, compact = false): string {
  const digits = currencyDigits(currency);
  try {
    const f = numberFormat(locale, { style: 'currency', currency, ...(compact ? { notation: 'compact', maximumFractionDigits: 1 } : {}) });
    return f.format(minor / 10 ** digits);
  } catch {
    return `${formatNumber(locale, minor / 10 ** digits)} ${currency}`;
  }
}

/** A `YYYY-MM-DD` date in the locale's medium form; '' stays ''. */
export function formatDate(locale: Locale, iso: string): string {
  if (!iso) return '';
  const ms = Date.parse(`${iso}T00:00:00Z`);
  return Number.isNaN(ms) ? iso : dateFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(ms);
}

/** An instant (epoch ms) with date and time in the device's time zone. */
export function formatInstant(locale: Locale, ms: number): string {
  return dateFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(ms);
}

export function formatPercent(locale: Locale, ratio: number): string {
  return numberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(ratio);
}

/** Items joined as the language joins a list ("a, b and c"; "甲、乙和丙"). */
export function formatList(locale: Locale, items: readonly string[]): string {
  return new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' }).format(items);
}

export function formatBytes(locale: Locale, bytes: number): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const;
  let i = 0;
  while (bytes >= 1024 && i < units.length - 1) {
    bytes /= 1024;
    i++;
  }
  return numberFormat(locale, { style: 'unit', unit: units[i], maximumFractionDigits: 1 }).format(bytes);
}

/**
 * Makes the formatters the screens use, one per idle moment. The first Intl formatter of a
 * page loads the locale's data (~100 ms here): better while the page waits for the user
 * than in the middle of an import's progress bar.
 */
export function warmFormatters(locale: Locale, currencies: readonly string[], idle: (work: () => void) => void, done?: () => void): void {
  const steps: (() => unknown)[] = [
    () => formatNumber(locale, 1234.5),
    () => formatPercent(locale, 0.5),
    () => formatDate(locale, '2026-01-31'),
    () => formatInstant(locale, 0),
    ...currencies.flatMap((c) => [() => formatMoney(locale, 12345, c), () => formatMoney(locale, 12345, c, true)]),
    () => pluralRules(locale).select(2),
  ];
  const next = () => {
    const step = steps.shift();
    if (!step) return done?.();
    step();
    idle(next);
  };
  idle(next);
}
