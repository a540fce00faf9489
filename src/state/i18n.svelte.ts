// The interface language as shared state: chosen from the browser, switchable, remembered.

import { LOCALES, type Issue, type Locale } from '../domain/types';
import * as i18n from '../i18n';

const KEY = 'custos.locale';

function initial(): Locale {
  const saved = globalThis.localStorage?.getItem(KEY);
  if (saved && (LOCALES as readonly string[]).includes(saved)) return saved as Locale;
  return i18n.pickLocale(globalThis.navigator?.languages ?? []);
}

export class I18n {
  locale = $state<Locale>(initial());

  constructor() {
    $effect.root(() => {
      $effect(() => {
        document.documentElement.lang = this.locale;
        // The install manifest in the interface language (its name and description), where the page has one.
        const link = document.querySelector<HTMLLinkElement>('link[rel="manifest"]');
        if (link) link.href = this.locale === 'en' ? 'manifest.webmanifest' : `manifest-${this.locale}.webmanifest`;
      });
    });
  }

  set(locale: Locale): void {
    this.locale = locale;
    localStorage.setItem(KEY, locale);
  }

  t = (key: i18n.MessageKey, params?: i18n.Params): string => i18n.translate(this.locale, key, params);
  plural = (key: string, count: number, params?: i18n.Params): string => i18n.translatePlural(this.locale, key, count, params);
  money = (minor: number, currency: string, compact = false): string => i18n.formatMoney(this.locale, minor, currency, compact);
  date = (iso: string): string => i18n.formatDate(this.locale, iso);
  instant = (ms: number): string => i18n.formatInstant(this.locale, ms);
  number = (n: number): string => i18n.formatNumber(this.locale, n);
  percent = (r: number): string => i18n.formatPercent(this.locale, r);
  bytes = (b: number): string => i18n.formatBytes(this.locale, b);
  list = (items: readonly string[]): string => i18n.formatList(this.locale, items);
  /** The translated reason of a validation issue; a field it refers to is named in the language. */
  issue = (issue: Issue): string => {
    const other = issue.params?.other;
    const params = other ? { ...issue.params, other: this.t(`event.${other}` as i18n.MessageKey) } : issue.params;
    const key = `issue.${issue.code}`;
    return this.t(i18n.hasMessage(key) ? key : (`error.${issue.code}` as i18n.MessageKey), { detail: '', ...params });
  };
}

export const t18 = new I18n();
