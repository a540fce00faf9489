// Early-warning alerts: the inbox (live ones, or those of one status) and a user's answer to
// one (acknowledge, resolve, or dismiss with a note).

import { alertKey, LIVE, type Alert, type AlertStatus } from '../../domain/risk/alerts';
import { writeAlerts } from '../../storage/workspace-repo';
import type { AlertView } from '../contract';
import { stakeAt } from '../respond/stake';
import { fail, ok, read, write } from './wrap';
import { leadingReason, proposal } from '../respond/customer';
import { proposed } from '../../domain/respond/playbooks';
import { INDICATORS } from '../../domain/risk/indicators';
import type { OpenBook } from '../session/open-book';

/** The playbook an alert calls for: the one for its indicator's dimension, or — a rule on the score — for the customer's top reason. */
function proposalFor(o: OpenBook, ruleId: string, at: number) {
  const on = o.book.risk.model.alerts.find((r) => r.id === ruleId)?.indicator;
  const reason = on ? null : leadingReason(o.book, at);
  const indicator = on ?? reason?.indicator ?? undefined;
  const dimension = on ? INDICATORS.find((d) => d.id === on)?.dimension : reason?.dimension;
  const p = dimension ? proposed(o.respond.playbooks, dimension, indicator)[0] : undefined;
  return p ? proposal(p, o.book.locale) : null;
}

export const alerts = {
  /**
   * Alerts: the live ones (open, then acknowledged), or those of one status; newest first, or
   * by the money at stake with their customer (overdue balance plus revenue at risk). Each comes
   * with the actions that answer it; `open` counts the open ones.
   */
  listAlerts: read(async (o, { status = 'live', limit = 300, sort = 'newest' }: { status?: AlertStatus | 'live'; limit?: number; sort?: 'newest' | 'money' } = {}) => {
    await o.alertsRead;
    const list = status === 'live' ? [...o.alerts.values()] : await o.db.alerts.where('status').equals(status).toArray();
    const open = [...o.alerts.values()].filter((a) => a.status === 'open').length;
    const byAlert = new Map<string, AlertView['actions']>();
    for (const a of o.respond.actions.values()) if (a.alertId) byAlert.set(a.alertId, [...(byAlert.get(a.alertId) ?? []), a]);
    const views: AlertView[] = list.map((a) => {
      const at = o.book.positionOf(a.customerId);
      const row = at === undefined ? undefined : o.book.rowAt(at);
      const stake = at === undefined ? { overdue: 0, atRisk: 0, currency: '' } : stakeAt(o.book, at);
      return { ...a, name: row?.name ?? a.customerId, grade: row?.grade ?? '', tier: row?.tier ?? '', ...stake, actions: byAlert.get(a.id) ?? [], proposal: at === undefined ? null : proposalFor(o, a.ruleId, at) };
    });
    const money = (v: AlertView) => v.overdue + v.atRisk;
    views.sort(sort === 'money' ? (a, b) => money(b) - money(a) || b.updated - a.updated : (a, b) => (a.status === b.status ? b.updated - a.updated : a.status === 'open' ? -1 : 1));
    return ok({ total: list.length, open, alerts: views.slice(0, limit) });
  }),

  /** Acknowledge, resolve or dismiss (with a note) an alert. */
  updateAlert: write(async (o, { id, status, note = '' }: { id: string; status: Exclude<AlertStatus, 'open'>; note?: string }) => {
    await o.alertsRead;
    const alert = [...o.alerts.values()].find((a) => a.id === id) ?? (await o.db.alerts.get(id));
    if (!alert) return fail('not_found');
    if (status === 'dismissed' && !note.trim()) return fail('invalid', { issues: [{ column: 'note', code: 'required' }] });
    const next: Alert = { ...alert, status, note: note.trim() || alert.note, updated: Date.now() };
    await writeAlerts(o.db, [next], o.belief);
    const key = alertKey(next.customerId, next.ruleId);
    if (LIVE.includes(status)) o.alerts.set(key, next);
    else o.alerts.delete(key);
    return ok(next);
  }),
};
