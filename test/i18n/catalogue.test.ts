import { INDICATORS, DIMENSIONS } from '../../src/domain/risk/indicators';
import { GRADES } from '../../src/domain/risk/model';
import { DEFAULT_RULES } from '../../src/domain/risk/alerts';
import { describe, expect, test } from 'vitest';
import { CATALOGUES, hasMessage, pickLocale, translate, translatePlural, formatMoney, formatList } from '../../src/i18n';
import { en } from '../../src/i18n/en';

describe('catalogues', () => {
  test('zh-CN and zh-TW have every key, none empty, with the same placeholders', () => {
    for (const [locale, cat] of Object.entries(CATALOGUES)) {
      for (const key of Object.keys(en) as (keyof typeof en)[]) {
        expect(cat[key], `${locale} ${key}`).toBeTruthy();
        const holes = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
        expect(holes(cat[key]), `${locale} ${key}`).toEqual(holes(en[key]));
      }
    }
  });
  test('language from the browser: Taiwan, Hong Kong and Hant get traditional', () => {
    expect(pickLocale(['zh-TW'])).toBe('zh-TW');
    expect(pickLocale(['zh-Hant-HK'])).toBe('zh-TW');
    expect(pickLocale(['zh-HK'])).toBe('zh-TW');
    expect(pickLocale(['zh'])).toBe('zh-CN');
    expect(pickLocale(['fr-FR', 'en-GB'])).toBe('en');
    expect(pickLocale([])).toBe('en');
  });
  test('lists joined as each language joins them', () => {
    expect(formatList('en', ['Credit', 'Service', 'Satisfaction'])).toBe('Credit, Service, and Satisfaction');
    expect(formatList('zh-CN', ['信用', '服务', '满意度'])).toBe('信用、服务和满意度');
    expect(formatList('zh-TW', ['信用'])).toBe('信用');
  });
  test('plurals and parameters', () => {
    expect(translatePlural('en', 'list.count', 1)).toBe('1 customer');
    expect(translatePlural('en', 'list.count', 100000)).toBe('100,000 customers');
    expect(translate('zh-CN', 'issue.too_long', { max: 200 })).toBe('最多 200 个字符。');
  });
  test('money is shown from minor units in the currency’s digits', () => {
    expect(formatMoney('en', 123456, 'USD')).toBe('$1,234.56');
    expect(formatMoney('en', 1234, 'JPY')).toBe('¥1,234');
  });
  test('every indicator, dimension, grade, alert rule and model problem has its words in every language', () => {
    const keys = [
      ...INDICATORS.flatMap((d) => [`ind.${d.id}`, `ind.${d.id}.def`]),
      ...DIMENSIONS.map((d) => `dim.${d}`),
      ...[...GRADES, 'insufficient'].map((g) => `grade.${g}`),
      ...DEFAULT_RULES.flatMap((r) => [`alerts.rule.${r.id}`, `alerts.fired.${r.id}`]),
      ...['model_not_json', 'model_not_a_model', 'model_newer', 'model_unknown_indicator', 'model_unknown_dimension', 'model_bad_weight', 'model_bad_curve', 'model_bad_grades', 'model_bad_provision'].map((c) => `model.problem.${c}`),
    ];
    for (const key of keys) {
      expect(hasMessage(key), key).toBe(true);
      for (const locale of ['zh-CN', 'zh-TW'] as const) expect(CATALOGUES[locale][key as never], `${locale} ${key}`).toBeTruthy();
    }
  });
});

