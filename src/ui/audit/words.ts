// An audit in words, in a language: findings (title, what was found, what to do), figures in their
// unit, scopes. Written against a small interface so that the screen (the live language) and the
// Markdown export (the language chosen for the file) say the same.

import type { Audit, AuditScope, Finding } from '../../domain/audit/document';
import type { FigureKind } from '../../domain/audit/compare';
import type { MessageKey, Params } from '../../i18n';

export interface Words {
  t: (key: MessageKey, params?: Params) => string;
  plural: (key: string, count: number, params?: Params) => string;
  money: (minor: number, currency: string, compact?: boolean) => string;
  percent: (r: number) => string;
  number: (n: number) => string;
  date: (iso: string) => string;
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

/** A figure of `kind` in its unit; '—' when there was nothing to measure. `compact`: money in short form (¥3.1M), for summaries. */
export function figure(w: Words, kind: FigureKind, v: number | null, currency: string, compact = false): string {
  if (v === null || !Number.isFinite(v)) return '—';
  switch (kind) {
    case 'share': return w.percent(v);
    case 'money': return w.money(Math.round(v), currency, compact);
    case 'days': return w.t('audit.unit.days', { n: round(v, 0) });
    case 'hours': return w.t('audit.unit.hours', { n: round(v, 1) });
    case 'csat': return w.number(round(v, 2));
    case 'nps': return (v > 0 ? '+' : '') + w.number(round(v, 0));
    case 'hhi': return w.number(round(v, 0));
    default: return w.number(round(v, 1));
  }
}

/** A change of a figure of `kind`: signed, shares in percentage points. */
export function change(w: Words, kind: FigureKind, d: number | null, currency: string, compact = false): string {
  if (d === null || !Number.isFinite(d)) return '—';
  const sign = d > 0 ? '+' : d < 0 ? '−' : '±';
  const abs = Math.abs(d);
  if (kind === 'share') return `${sign}${w.number(round(abs * 100, 1))} pp`;
  if (kind === 'nps') return `${sign}${w.number(round(abs, 0))}`;
  return sign + figure(w, kind, abs, currency, compact);
}

/** How each rule's value and threshold are written. */
function kindOf(f: Finding): FigureKind {
  switch (f.rule) {
    case 'data.duplicates': case 'data.orphans': case 'satisfaction.keyDetractors': case 'credit.limit': return 'count';
    case 'satisfaction.csat': case 'satisfaction.csatFall': return 'csat';
    case 'satisfaction.nps': return 'nps';
    case 'credit.dso': return 'days';
    case 'portfolio.concentration': return f.thresholdKey === 'topShareMinor' ? 'share' : 'hhi';
    default: return 'share';
  }
}

export const fieldName = (w: Words, field: string): string => w.t(`field.${field}` as MessageKey);

/** A finding's title, what was found (with its figures) and the recommendation. */
export function findingWords(w: Words, f: Finding, currency: string): { title: string; text: string; advice: string } {
  const kind = kindOf(f);
  const fig = f.figures ?? {};
  const params: Params = {
    value: figure(w, kind, f.value, currency), threshold: figure(w, kind, f.threshold, currency),
    field: f.subject ? fieldName(w, f.subject) : '',
    count: w.number(fig.count ?? f.customers.count), answers: w.number(fig.answers ?? 0), complaints: w.number(fig.complaints ?? 0),
    days: w.number(fig.days ?? 0), after: w.number(fig.after ?? 0), lost: w.number(fig.lost ?? 0), base: w.number(fig.base ?? 0),
    amount: figure(w, 'money', fig.amount ?? 0, currency), overdue: figure(w, 'money', fig.overdue ?? 0, currency), receivables: figure(w, 'money', fig.receivables ?? 0, currency),
    topShare: figure(w, 'share', fig.topShare ?? NaN, currency), hhi: figure(w, 'hhi', fig.hhi ?? NaN, currency),
    before: figure(w, f.rule === 'service.slower' ? 'hours' : 'csat', fig.before ?? NaN, currency), now: figure(w, f.rule === 'service.slower' ? 'hours' : 'csat', fig.now ?? NaN, currency),
  };
  const key = (part: string) => `audit.f.${f.rule}.${part}` as MessageKey;
  return { title: w.t(key('title'), params), text: w.t(key('text'), params), advice: w.t(key('advice'), params) };
}

export function scopeWords(w: Words, scope: AuditScope): string {
  if (scope.kind === 'book') return w.t('audit.scope.book');
  const value = scope.kind === 'tier' ? w.t(`tier.${scope.value}` as MessageKey) : scope.kind === 'segment' ? scope.label ?? scope.value : scope.value;
  return w.t(`audit.scope.${scope.kind}` as MessageKey, { value });
}

export const severityWords = (w: Words, s: Finding['severity']): string => w.t(`audit.sev.${s}` as MessageKey);

/** The aging buckets' labels: not yet due, then each range of days past due. */
export function bucketWords(w: Words, cuts: readonly number[]): string[] {
  return [w.t('audit.fig.current'), ...cuts.map((c, k) => w.t('audit.fig.range', { from: (k ? cuts[k - 1] : 0) + 1, to: c })), w.t('audit.fig.over', { n: cuts[cuts.length - 1] })];
}

export const auditCounts = (a: Pick<Audit, 'findings'>) => {
  const c = { info: 0, minor: 0, major: 0, critical: 0 };
  for (const f of a.findings) c[f.severity]++;
  return c;
};

/** The title of a finding known only by its key (a previous audit's, in the follow-up). */
export function keyTitle(w: Words, key: string, cuts: readonly number[]): string {
  const [rule, subject] = key.split(':');
  return w.t(`audit.f.${rule}.title` as MessageKey, { field: subject ? fieldName(w, subject) : '', after: w.number(cuts[cuts.length - 1] ?? 90) });
}
