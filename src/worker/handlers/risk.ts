// The risk part of the engine's API: a customer's score with its reasons and history,
// overrides, the model (read, preview a draft, publish, import, export) and the overview.

import type { AlertView } from '../contract';
import { GRADES, PROVISION_BUCKETS, parseModel, type Grade, type ModelProblem, type RiskModel } from '../../domain/risk/model';
import { DIMENSIONS, INDICATORS, indicatorIndex } from '../../domain/risk/indicators';
import { nextYear } from '../../domain/lifetime/book';
import { activeOverride, type Override } from '../../domain/risk/snapshots';
import { mostCommonCurrency, type GradeLabel } from '../../domain/query';
import type { Issue } from '../../domain/types';
import { writeAlerts, writeModel, writeOverrides } from '../../storage/workspace-repo';
import { alertKey, LIVE, type Alert, type AlertStatus } from '../../domain/risk/alerts';
import type { CustomerRisk, ModelPreview, Result, RiskOverview } from '../contract';
import { failure, openToday, serial, session, settle, timings, today } from '../session/session';
import { tellOtherTabs } from '../session/notices';

const LABELS: GradeLabel[] = [...GRADES, 'insufficient'];

function labelOf(overall: number, insufficient: number, grade: number): GradeLabel {
  return Number.isNaN(overall) || insufficient ? 'insufficient' : GRADES[grade];
}

function overrideIssues(o: { grade: string; reason: string; expires: string }, todayIso: string): Issue[] {
  const issues: Issue[] = [];
  if (!(GRADES as readonly string[]).includes(o.grade)) issues.push({ column: 'grade', code: 'invalid_choice' });
  if (!o.reason.trim()) issues.push({ column: 'reason', code: 'required' });
  if (!/^\d{4}-\d{2}-\d{2}$/.test(o.expires)) issues.push({ column: 'expires', code: 'invalid_date' });
  else if (o.expires < todayIso) issues.push({ column: 'expires', code: 'date_in_past' });
  return issues;
}

export const riskApi = {
  async customerRisk({ id }: { id: string }): Promise<Result<CustomerRisk>> {
    const o = openToday();
    const at = o?.book.positionOf(id);
    if (!o || at === undefined) return { ok: false, code: 'not_found' };
    const { book } = o;
    const explanation = book.risk.explain(at);
    const v = explanation.values;
    const ages = [v['churn.days_since_order'], v['engagement.days_since_interaction'], v['satisfaction.months_since_survey'] * 30.44].filter((x) => !Number.isNaN(x));
    return {
      ok: true,
      value: {
        row: book.rowOfCustomer(id)!,
        explanation,
        override: activeOverride(book.risk.overrides.get(id), book.today) ?? null,
        history: book.risk.historyOf(book.shardNo(id), id),
        model: { name: book.risk.model.name, revision: book.risk.model.revision, freshnessDays: book.risk.model.freshnessDays },
        dataAgeDays: ages.length ? Math.round(Math.min(...ages)) : null,
      },
    };
  },

  async setOverride(args: { id: string; grade: Grade; reason: string; expires: string }): Promise<Result<Override>> {
    const o = session.open;
    if (!o) return { ok: false, code: 'no_workspace' };
    if (o.book.positionOf(args.id) === undefined) return { ok: false, code: 'not_found' };
    const issues = overrideIssues(args, today());
    if (issues.length) return { ok: false, code: 'invalid', issues };
    const override: Override = { customerId: args.id, grade: args.grade, reason: args.reason.trim(), expires: args.expires, createdAt: Date.now() };
    return saveOverride(args.id, override);
  },

  async clearOverride({ id }: { id: string }): Promise<Result<Override>> {
    return saveOverride(id, null);
  },

  async getModel(): Promise<{ model: RiskModel; published: { revision: number; name: string }[]; trying: boolean } | null> {
    const o = session.open;
    if (!o) return null;
    const live = o.models[o.models.length - 1] ?? o.book.risk.model;
    return { model: o.book.trying ? live : o.book.risk.model, published: o.models.map((m) => ({ revision: m.revision, name: m.name })), trying: o.book.trying };
  },

  /** Scores the book under a draft without keeping anything (null: the published model again). */
  async tryModel({ draft }: { draft: RiskModel | null }): Promise<Result<{ trying: boolean }>> {
    const o = session.open;
    if (!o) return { ok: false, code: 'no_workspace' };
    if (draft) {
      const checked = parseModel(draft);
      if (!checked.ok) return { ok: false, code: 'invalid', detail: checked.problem.code };
      o.book.tryModel(checked.model);
    } else o.book.tryModel(null);
    return { ok: true, value: { trying: o.book.trying } };
  },

  /** Who would change grade under `draft`, against the live model; nothing changes. */
  async previewModel({ draft }: { draft: RiskModel }): Promise<Result<ModelPreview>> {
    const o = session.open;
    if (!o) return { ok: false, code: 'no_workspace' };
    const checked = parseModel(draft);
    if (!checked.ok) return { ok: false, code: 'invalid', detail: checked.problem.code };
    const { book } = o;
    const n = book.customerCount;
    // Against the published model, also while a draft is being tried on the list.
    const published = o.models[o.models.length - 1] ?? book.risk.model;
    const live = book.trying ? book.risk.scoresUnder(published, n) : book.risk.scores;
    const next = book.risk.scoresUnder(checked.model, n);
    const matrix = LABELS.map(() => LABELS.map(() => 0));
    const moved: { i: number; from: GradeLabel; to: GradeLabel; delta: number }[] = [];
    for (let i = 0; i < n; i++) {
      const from = labelOf(live.overall[i], live.insufficient[i], live.grade[i]);
      const to = labelOf(next.overall[i], next.insufficient[i], next.grade[i]);
      matrix[LABELS.indexOf(from)][LABELS.indexOf(to)]++;
      if (from !== to) moved.push({ i, from, to, delta: Math.abs((next.overall[i] || 0) - (live.overall[i] || 0)) });
    }
    moved.sort((a, b) => b.delta - a.delta);
    const t = book.list;
    const num = (x: number) => (Number.isNaN(x) ? null : Math.round(x * 10) / 10);
    return {
      ok: true,
      value: {
        moved: moved.slice(0, 200).map(({ i, from, to }) => ({ id: t.id[i], name: t.name[i], from, to, before: num(live.overall[i]), after: num(next.overall[i]) })),
        movedTotal: moved.length,
        matrix,
      },
    };
  },

  /** Makes `draft` the live model as a new revision, and rescores the book. */
  async publishModel({ draft }: { draft: RiskModel }): Promise<Result<{ revision: number; snapshots: number }>> {
    const o = session.open;
    if (!o) return { ok: false, code: 'no_workspace' };
    const checked = parseModel(draft);
    if (!checked.ok) return { ok: false, code: 'invalid', detail: checked.problem.code };
    const model = { ...checked.model, revision: Math.max(...o.models.map((m) => m.revision)) + 1 };
    try {
      const models = [...o.models, model];
      await serial(() => writeModel(o.db, model, models));
      o.models = models;
      const snapshots = o.book.setModel(model);
      void settle(o);
      tellOtherTabs(o.info.dbName);
      return { ok: true, value: { revision: model.revision, snapshots } };
    } catch (err) {
      return failure(err);
    }
  },

  /** A model file's text → a draft, or the reason it is refused. */
  async readModelFile({ text }: { text: string }): Promise<{ ok: true; model: RiskModel } | { ok: false; problem: ModelProblem }> {
    return parseModel(text);
  },

  async modelFile(): Promise<string | null> {
    const o = session.open;
    return o ? JSON.stringify(o.book.risk.model, null, 2) : null;
  },

  /** The indicators and dimensions, for the model editor and the explanations. */
  async indicators() {
    return { dimensions: [...DIMENSIONS], indicators: INDICATORS.map((d) => ({ ...d })) };
  },

  /** Everything again from the events: indicators, figures and scores (what a changed day or data triggers). */
  async rescoreAll(): Promise<Result<{ ms: number; snapshots: number }>> {
    const o = session.open;
    if (!o) return { ok: false, code: 'no_workspace' };
    const t0 = performance.now();
    const phases: Record<string, number> = {};
    let last = t0;
    const lap = (phase: string) => {
      const now = performance.now();
      phases[phase] = Math.round(now - last);
      last = now;
    };
    const snapshots = o.book.recomputeAll();
    lap('compute');
    await settle(o, lap);
    timings.rescoreAllMs = performance.now() - t0;
    timings.rescorePhases = phases;
    return { ok: true, value: { ms: timings.rescoreAllMs, snapshots } };
  },

  async timings() {
    return { ...timings };
  },

  /** Alerts, newest first: the live ones (open, then acknowledged), or those of one status. */
  async alerts({ status = 'live', limit = 300 }: { status?: AlertStatus | 'live'; limit?: number } = {}): Promise<{ total: number; open: number; alerts: AlertView[] }> {
    const o = openToday();
    if (!o) return { total: 0, open: 0, alerts: [] };
    await o.alertsRead;
    const list = status === 'live' ? [...o.alerts.values()] : await o.db.alerts.where('status').equals(status).toArray();
    list.sort((a, b) => (a.status === b.status ? b.updated - a.updated : a.status === 'open' ? -1 : 1));
    const open = [...o.alerts.values()].filter((a) => a.status === 'open').length;
    const views = list.slice(0, limit).map((a) => {
      const row = o.book.rowOfCustomer(a.customerId);
      return { ...a, name: row?.name ?? a.customerId, grade: row?.grade ?? '', tier: row?.tier ?? '' };
    });
    return { total: list.length, open, alerts: views };
  },

  /** Acknowledge, resolve or dismiss (with a note) an alert. */
  async updateAlert({ id, status, note = '' }: { id: string; status: Exclude<AlertStatus, 'open'>; note?: string }): Promise<Result<Alert>> {
    const o = session.open;
    if (!o) return { ok: false, code: 'no_workspace' };
    await o.alertsRead;
    const alert = [...o.alerts.values()].find((a) => a.id === id) ?? (await o.db.alerts.get(id));
    if (!alert) return { ok: false, code: 'not_found' };
    if (status === 'dismissed' && !note.trim()) return { ok: false, code: 'invalid', issues: [{ column: 'note', code: 'required' }] };
    const next: Alert = { ...alert, status, note: note.trim() || alert.note, updated: Date.now() };
    try {
      await serial(() => writeAlerts(o.db, [next]));
      const key = alertKey(next.customerId, next.ruleId);
      if (LIVE.includes(status)) o.alerts.set(key, next);
      else o.alerts.delete(key);
      tellOtherTabs(o.info.dbName);
      return { ok: true, value: next };
    } catch (err) {
      return failure(err);
    }
  },

  async riskOverview(): Promise<RiskOverview | null> {
    const o = openToday();
    if (!o) return null;
    const t = o.book.list;
    const by = new Map<GradeLabel, { customers: number; revenue: number }>(LABELS.map((g) => [g, { customers: 0, revenue: 0 }]));
    let overdueAtRisk = 0;
    const age: [number, number, number, number] = [0, 0, 0, 0];
    const rising: number[] = [];
    for (let i = 0; i < t.n; i++) {
      const g = by.get(t.grade[i] as GradeLabel);
      if (g) {
        g.customers++;
        g.revenue += t.revenue12m[i];
      }
      if (t.grade[i] === 'high' || t.grade[i] === 'critical') overdueAtRisk += t.overdueBalance[i];
      age[0] += t.overdue30[i];
      age[1] += t.overdue60[i];
      age[2] += t.overdue90[i];
      age[3] += t.overdueOver90[i];
      if (t.trend[i] > 0) rising.push(i);
    }
    rising.sort((a, b) => t.trend[b] - t.trend[a]);
    return {
      customers: t.n,
      grades: LABELS.map((grade) => ({ grade, ...by.get(grade)! })),
      overdueAtRisk,
      overdueByAge: age,
      receivablesAtRisk: PROVISION_BUCKETS.reduce((sum, b, k) => sum + age[k] * o.book.risk.model.provision[b], 0),
      ...revenueAtRisk(o),
      risers: rising.slice(0, 10).map((i) => o.book.rowOfCustomer(t.id[i])!),
      model: { name: o.book.risk.model.name, revision: o.book.risk.model.revision },
      currency: mostCommonCurrency(t),
    };
  },
};


/** Expected 12-month revenue, and the part of it at risk of having left, over the whole book. */
function revenueAtRisk(o: NonNullable<typeof session.open>): Pick<RiskOverview, 'revenueAtRisk' | 'expectedRevenue' | 'lifetime'> {
  const fit = o.book.risk.lifetime;
  if (!fit) return { revenueAtRisk: null, expectedRevenue: null, lifetime: null };
  const lifetime = { converged: fit.bgnbd.converged, customers: fit.customers, params: fit.bgnbd.params };
  if (!fit.bgnbd.converged) return { revenueAtRisk: null, expectedRevenue: null, lifetime };
  const next = nextYear(o.book.list, fit);
  if (!next) return { revenueAtRisk: null, expectedRevenue: null, lifetime };
  const alive = o.book.risk.values[indicatorIndex('churn.probability_alive')];
  let expected = 0, atRisk = 0;
  for (let i = 0; i < next.revenue.length; i++) {
    const revenue = next.revenue[i];
    if (!Number.isFinite(revenue)) continue;
    expected += revenue;
    atRisk += revenue * (1 - alive[i]);
  }
  return { revenueAtRisk: atRisk, expectedRevenue: expected, lifetime };
}

async function saveOverride(id: string, override: Override | null): Promise<Result<Override>> {
  const o = session.open;
  if (!o) return { ok: false, code: 'no_workspace' };
  const before = o.book.risk.overrides.get(id);
  try {
    const next = new Map(o.book.risk.overrides);
    if (override) next.set(id, override);
    else next.delete(id);
    await serial(() => writeOverrides(o.db, [...next.values()]));
    o.book.setOverride(id, override);
    tellOtherTabs(o.info.dbName);
    return { ok: true, value: (override ?? before)! };
  } catch (err) {
    return failure(err);
  }
}
