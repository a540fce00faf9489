// Early-warning alerts: the inbox (live ones, or those of one status) and a user's answer to
// one (acknowledge, resolve, or dismiss with a note).

import { alertKey, LIVE, type Alert, type AlertStatus } from '../../domain/risk/alerts';
import { writeAlerts } from '../../storage/workspace-repo';
import type { AlertView } from '../contract';
import { fail, ok, read, write } from './wrap';

export const alerts = {
  /** Alerts, newest first: the live ones (open, then acknowledged), or those of one status; `open` counts the open ones. */
  listAlerts: read(async (o, { status = 'live', limit = 300 }: { status?: AlertStatus | 'live'; limit?: number } = {}) => {
    await o.alertsRead;
    const list = status === 'live' ? [...o.alerts.values()] : await o.db.alerts.where('status').equals(status).toArray();
    list.sort((a, b) => (a.status === b.status ? b.updated - a.updated : a.status === 'open' ? -1 : 1));
    const open = [...o.alerts.values()].filter((a) => a.status === 'open').length;
    const views: AlertView[] = list.slice(0, limit).map((a) => {
      const row = o.book.rowOfCustomer(a.customerId);
      return { ...a, name: row?.name ?? a.customerId, grade: row?.grade ?? '', tier: row?.tier ?? '' };
    });
    return ok({ total: list.length, open, alerts: views });
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
