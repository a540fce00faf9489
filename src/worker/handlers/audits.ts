// The customer-relationship audit (DESIGN §5): run one over the book or a part of it (with
// progress), list, reopen exactly as it was with the comparison to the previous one, delete;
// the settings its rules measure by; and a finding's customers turned into actions.

import { auditSettingsOf, type Audit, type AuditSettings, type FindingSeverity } from '../../domain/audit/document';
import { bookCurrency } from '../book/book-fields';
import { compareAudits, type Comparison } from '../../domain/audit/compare';
import { TIERS } from '../../domain/types';
import { readMeta } from '../../storage/workspace-repo';
import { readAudits, readAudit, readPreviousAudit, writeAudits } from '../../storage/audit-repo';
import { timings } from '../session/writes';
import type { Action } from '../../domain/respond/actions';
import type { AuditSummary } from '../contract';
import type { OpenBook } from '../session/open-book';
import { auditShards, kpiMask, prepareAudit, runAudit, type AuditRequest, type KpiFilters } from '../respond/audit-run';
import { kpiTrend, type KpiTrend } from '../../domain/audit/kpi';
import { daysToPay } from '../../domain/audit/receivables';
import { dayFromIso, NO_DAY } from '../../domain/dates';
import type { Book } from '../book/book';
import { ownerOf, runOf, save } from './respond';
import { segmentsOf } from './segments';
import { fail, ok, read, write } from './wrap';


const summaryOf = (a: Audit): AuditSummary => {
  const findings: Record<FindingSeverity, number> = { info: 0, minor: 0, major: 0, critical: 0 };
  for (const f of a.findings) findings[f.severity]++;
  return { id: a.id, title: a.title, asOf: a.asOf, auditor: a.auditor, scope: a.scope, customers: a.measures.customers, findings, createdAt: a.createdAt };
};

async function settingsOf(o: OpenBook): Promise<AuditSettings> {
  return auditSettingsOf(await readMeta(o.db, 'auditSettings')).settings;
}

/** The last KPIs worked out, per book (a screen revisited with the same filters reads them). */
const kpiCache = new WeakMap<Book, { key: string; value: KpiTrend & { currency: string } }>();

/** The most actions one tap may start: a finding about more customers is narrowed in the list first. */
export const FINDING_ACTIONS_MAX = 200;

export const audits = {
  /** The book's audits, newest first. */
  listAudits: read(async (o, _: Record<string, never> = {}) => {
    const all = await readAudits(o.db);
    return ok(all.map(summaryOf).sort((a, b) => b.asOf.localeCompare(a.asOf) || b.createdAt - a.createdAt));
  }),

  /** One audit as it was run, beside its previous one (the figures of both frozen). */
  getAudit: read(async (o, { id }: { id: string }) => {
    const audit = await readAudit(o.db, id);
    if (!audit) return fail('not_found');
    const previous = audit.previousId ? (await readAudit(o.db, audit.previousId)) ?? null : null;
    const comparison: Comparison = compareAudits(audit, previous);
    return ok({ audit, comparison });
  }),

  /** What an audit can be run on and measured by: the settings, saved segments, owners, regions and tiers. */
  getAuditSetup: read(async (o, _: Record<string, never> = {}) => {
    const { rules } = await segmentsOf(o);
    const t = o.book.list;
    const owners = new Set<string>(), regions = new Set<string>();
    for (let i = 0; i < t.n; i++) {
      if (t.owner[i]) owners.add(t.owner[i]);
      if (t.region[i]) regions.add(t.region[i]);
    }
    const sorted = (s: Set<string>) => [...s].sort((a, b) => a.localeCompare(b, o.book.locale));
    return ok({
      settings: await settingsOf(o), asOf: o.book.asOf,
      segments: rules.map((r) => ({ ref: `rule:${r.id}`, name: r.name })), owners: sorted(owners), regions: sorted(regions), tiers: [...TIERS],
    });
  }),

  /** The book's key figures at each of the last twelve month-ends, for the customers the filters keep. */
  getKpis: read(async (o, { filters = {} }: { filters?: KpiFilters }, job) => {
    const { mask } = await segmentsOf(o);
    const settings = await settingsOf(o);
    const key = JSON.stringify([o.book.changes, o.book.asOf, filters, settings.periodDays]);
    const hit = kpiCache.get(o.book);
    if (hit?.key === key) return ok(hit.value);
    const keep = kpiMask(o.book, filters, mask);
    const live = o.models[o.models.length - 1];
    const trend = await kpiTrend(auditShards(o.book, keep), o.book.asOf, settings.periodDays, live.provision, (done) => job.checkpoint('kpi', done, o.book.shardCount));
    const value = { ...trend, currency: bookCurrency(o) };
    kpiCache.set(o.book, { key, value });
    return ok(value);
  }),

  /** One customer's receivables: what is open and overdue now, DSO at the last twelve month-ends, and its days to pay. */
  getCustomerReceivables: read(async (o, { id }: { id: string }) => {
    const p = o.book.positionOf(id);
    if (p === undefined) return fail('not_found');
    const keep = new Uint8Array(o.book.list.n);
    keep[p] = 1;
    const settings = await settingsOf(o);
    const live = o.models[o.models.length - 1];
    const trend = await kpiTrend(auditShards(o.book, keep), o.book.asOf, settings.periodDays, live.provision);
    const invoices = o.book.eventsOf(id).flatMap((e) => (e.kind === 'invoice' ? [{ issued: dayFromIso(e.issued), due: e.due ? dayFromIso(e.due) : NO_DAY, paid: e.paid ? dayFromIso(e.paid) : NO_DAY, amount: e.amount, paidAmount: e.paidAmount }] : []));
    const row = o.book.rowAt(p);
    return ok({
      invoices: invoices.length, open: row.openBalance, overdue: row.overdueBalance, daysPastDue: row.daysPastDue, currency: row.currency,
      daysToPay: daysToPay(invoices, o.book.asOfDayNumber), points: trend.points, dso: trend.series.dso, periodDays: settings.periodDays,
    });
  }),

  /** Works out ahead what a run reads of the profiles (the audits screen asks while its form is filled in). */
  prepareAudit: read(async (o, _: Record<string, never> = {}, job) => {
    await prepareAudit(o.book, job);
    return ok(null);
  }),

  /** Saves the settings (null: back to the defaults); 'invalid' names the setting that cannot be used. */
  saveAuditSettings: write(async (o, { settings }: { settings: AuditSettings | null }) => {
    if (settings) {
      const { problem } = auditSettingsOf(settings);
      if (problem) return fail('invalid', { detail: problem });
    }
    await writeAudits(o.db, { settings }, o.belief);
    return ok(await settingsOf(o));
  }, { tell: true }),

  /** Runs an audit on the book's analysis date and keeps it; with progress, cancellable until it is written. */
  runAudit: write(async (o, req: AuditRequest & { job?: string }, job) => {
    if (!req.title?.trim()) return fail('invalid', { issues: [{ column: 'title', code: 'required' }] });
    const t0 = performance.now();
    const { mask } = await segmentsOf(o);
    const [settings, previous] = await Promise.all([settingsOf(o), readPreviousAudit(o.db, req.scope, o.book.asOf)]);
    const t1 = performance.now();
    const audit = await runAudit(o, req, settings, previous, mask, job);
    const t2 = performance.now();
    await writeAudits(o.db, { put: [audit] }, o.belief);
    const t3 = performance.now();
    timings.auditMs = t3 - t0;
    timings.auditPhases = { read: Math.round(t1 - t0), measure: Math.round(t2 - t1), write: Math.round(t3 - t2) };
    return ok(summaryOf(audit));
  }),

  /** Renames an audit or changes its auditor or goals (its figures never change). */
  editAudit: write(async (o, { id, title, auditor, goals }: { id: string; title?: string; auditor?: string; goals?: string }) => {
    const a = await readAudit(o.db, id);
    if (!a) return fail('not_found');
    if (title !== undefined && !title.trim()) return fail('invalid', { issues: [{ column: 'title', code: 'required' }] });
    const next: Audit = { ...a, title: title?.trim() ?? a.title, auditor: auditor?.trim() ?? a.auditor, goals: goals?.trim() ?? a.goals, updatedAt: Date.now() };
    await writeAudits(o.db, { put: [next] }, o.belief);
    return ok(summaryOf(next));
  }),

  deleteAudit: write(async (o, { id }: { id: string }) => {
    if (!(await readAudit(o.db, id))) return fail('not_found');
    await writeAudits(o.db, { delete: [id] }, o.belief);
    return ok(null);
  }),

  /**
   * Starts playbook `playbookId` (the finding's by default) for each customer behind a finding
   * who is still in the book and has no open action from this finding; the actions remember the
   * finding, so that the next audit reports what became of them.
   */
  startFindingActions: write(async (o, { id, key, playbookId }: { id: string; key: string; playbookId?: string }) => {
    const audit = await readAudit(o.db, id);
    const finding = audit?.findings.find((f) => f.key === key);
    const p = o.respond.playbook(playbookId ?? finding?.playbookId ?? '');
    if (!audit || !finding || !p) return fail('not_found');
    const started = new Set([...o.respond.actions.values()].filter((a) => a.audit?.id === id && a.audit.finding === key && a.status === 'open').map((a) => a.customerId));
    const ids = finding.customers.ids.filter((c) => !started.has(c) && o.book.positionOf(c) !== undefined);
    if (ids.length > FINDING_ACTIONS_MAX) return fail('invalid', { detail: 'too_many' });
    const actions: Action[] = ids.flatMap((c) => runOf(o, p, c, ownerOf(o, c)).map((a) => ({ ...a, audit: { id, finding: key } })));
    await save(o, actions);
    return ok({ customers: ids.length, actions: actions.length });
  }),
};
