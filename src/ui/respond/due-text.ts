// When an open action is due, in words: overdue by N days, due today, or due on a date.

import { daysOverdue, type Action } from '../../domain/respond/actions';
import { t18 } from '../../state/i18n.svelte';

export function dueText(a: Pick<Action, 'due' | 'status'>, asOf: string): { text: string; overdue: boolean } {
  const days = Math.max(0, daysOverdue(a, asOf));
  if (days > 0) return { text: t18.plural('action.overdue', days), overdue: true };
  return { text: a.due === asOf ? t18.t('action.dueToday') : t18.t('action.due', { date: t18.date(a.due) }), overdue: false };
}
