// What fired, in words with its figures: "Invoice C000123-0007 is 64 days overdue; ¥12,400
// overdue in all (threshold 30 days)". Alerts raised before their figures were kept read as
// their rule's name alone.

import type { AlertView } from '../../worker/api';
import { GRADES } from '../../domain/risk/model';
import { hasMessage, type MessageKey } from '../../i18n';
import { t18 } from '../../state/i18n.svelte';

const PERCENT = new Set(['alive-low', 'limit-exceeded']);

export function firedText(a: AlertView): string {
  const f = a.facts;
  const key = `alerts.fired.${a.ruleId}`;
  if (!f || !hasMessage(key)) return '';
  const num = (x: number) => (PERCENT.has(a.ruleId) ? t18.percent(x) : t18.number(Math.round(x * 100) / 100));
  const money = f.amount !== undefined ? t18.money(f.amount, f.currency || a.currency) : '';
  const grade = (k: number) => (GRADES[k] ? t18.t(`grade.${GRADES[k]}`) : '—');
  return t18.t(key as MessageKey, {
    value: a.ruleId === 'csat-drop' ? (f.value > 0 ? '+' : '') + num(f.value) : num(f.value), threshold: num(f.threshold), amount: money,
    invoice: f.invoice ?? '—', days: f.days ?? '—', from: grade(f.threshold), to: grade(f.value),
  });
}
