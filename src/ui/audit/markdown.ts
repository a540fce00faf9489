// An audit as a Markdown document in a language: the report's header, summary, key figures beside
// the previous audit's, each section's figures and findings, and the comparison — the same words
// the screen shows, for a wiki, an e-mail or a file kept with the books.

import { AUDIT_SECTIONS, COMPLETENESS_FIELDS, type Audit } from '../../domain/audit/document';
import type { Comparison } from '../../domain/audit/compare';
import type { MessageKey } from '../../i18n';
import { auditCounts, bucketWords, change, fieldName, figure, findingWords, keyTitle, scopeWords, severityWords, type Words } from './words';

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const row = (cells: string[]) => `| ${cells.map(cell).join(' | ')} |`;
const table = (head: string[], rows: string[][]) => [row(head), row(head.map(() => '---')), ...rows.map(row)].join('\n');

export function auditMarkdown(w: Words, audit: Audit, c: Comparison): string {
  const m = audit.measures, cur = audit.currency;
  const out: string[] = [`# ${audit.title}`, ''];
  const meta: [MessageKey, string][] = [
    ['audit.meta.book', audit.bookName], ['audit.meta.asOf', w.date(audit.asOf)],
    ['audit.meta.period', w.t('audit.meta.periodText', { from: w.date(m.period.from), to: w.date(m.period.to), days: m.period.days })],
    ['audit.meta.scope', scopeWords(w, audit.scope)], ['audit.meta.customers', w.number(m.customers)],
  ];
  if (audit.auditor) meta.push(['audit.meta.auditor', audit.auditor]);
  for (const [k, v] of meta) out.push(`- **${w.t(k)}**: ${v}`);
  if (audit.goals) out.push(`- **${w.t('audit.meta.goals')}**: ${audit.goals}`);
  const n = auditCounts(audit);
  out.push('', `## ${w.t('audit.summary')}`, '', audit.findings.length ? w.t('audit.summary.text', { count: audit.findings.length, ...n }) : w.t('audit.summary.none'));

  out.push('', `## ${w.t('audit.headlines')}`, '');
  const head = [w.t('audit.col.figure'), w.t('audit.col.now'), ...(c.previous ? [w.t('audit.col.previous', { date: w.date(c.previous.asOf) }), w.t('audit.col.change')] : [])];
  out.push(table(head, c.headlines.map((h) => [
    w.t(`audit.h.${h.key}` as MessageKey), figure(w, h.kind, h.value, cur),
    ...(c.previous ? [figure(w, h.kind, h.previous, cur), change(w, h.kind, h.change, cur) + (h.verdict ? ` (${w.t(h.verdict > 0 ? 'audit.better' : 'audit.worse')})` : '')] : []),
  ])));

  for (const section of AUDIT_SECTIONS) {
    out.push('', `## ${w.t(`audit.section.${section}`)}`, '');
    if (section === 'data') out.push(table([w.t('audit.fig.field'), w.t('audit.fig.filled')], COMPLETENESS_FIELDS.map((f) => [fieldName(w, f), figure(w, 'share', m.data.complete[f], cur)])), '');
    if (section === 'credit') {
      const b = bucketWords(w, m.credit.cuts);
      out.push(table([w.t('audit.fig.bucket'), w.t('audit.fig.amount'), w.t('audit.fig.invoices')], b.map((x, k) => [x, figure(w, 'money', m.credit.aging[k], cur), w.number(m.credit.agingCount[k])])), '');
      out.push(`- ${w.t('audit.fig.dso')}: ${figure(w, 'days', m.credit.dso, cur)}`, `- ${w.t('audit.fig.atRisk')}: ${figure(w, 'money', m.credit.atRisk, cur)}`, '');
    }
    if (section === 'portfolio') out.push(`- ${w.t('audit.fig.retention')}: ${figure(w, 'share', m.portfolio.retention, cur)}`, `- ${w.t('audit.fig.hhi')}: ${figure(w, 'hhi', m.portfolio.hhi, cur)}`, '');
    const findings = audit.findings.filter((f) => f.section === section);
    if (!findings.length) out.push(w.t('audit.noFindings'));
    for (const f of findings) {
      const words = findingWords(w, f, cur);
      out.push(`### ${severityWords(w, f.severity)}: ${words.title}`, '', words.text, '', `**${w.t('audit.advice')}**: ${words.advice}`, '');
      if (f.customers.count) out.push(`${w.plural('audit.showCustomers', f.customers.count)}: ${f.customers.ids.slice(0, 20).join(', ')}${f.customers.count > 20 ? ', …' : ''}`, '');
    }
  }

  out.push('', `## ${w.t('audit.cmp.title')}`, '');
  if (!c.previous) out.push(w.t('audit.cmp.first'));
  else {
    out.push(w.t('audit.cmp.lead', { title: c.previous.title, date: w.date(c.previous.asOf) }), '');
    const list = (key: MessageKey, items: { key: string; severity: Audit['findings'][number]['severity'] }[]) => {
      out.push(`### ${w.t(key)} (${items.length})`, '', ...items.map((f) => `- ${severityWords(w, f.severity)}: ${keyTitle(w, f.key, audit.settings.aging)}`), '');
    };
    list('audit.cmp.resolved', c.resolved);
    list('audit.cmp.new', c.new);
    list('audit.cmp.persisting', c.persisting.map((p) => p.now));
    if (audit.followUp?.findings.length) {
      out.push(`### ${w.t('audit.follow.title')}`, '', ...audit.followUp.findings.map((f) => `- ${keyTitle(w, f.key, audit.settings.aging)}: ${w.t('audit.follow.row', { done: f.done, open: f.open, skipped: f.skipped })} — ${w.t(f.resolved ? 'audit.follow.gone' : 'audit.follow.still')}`));
    }
  }
  return out.join('\n') + '\n';
}
