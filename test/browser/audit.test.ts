// The audit in real Chromium, on the engine the screens call: the retail demo's planted problems
// are found in the right section and severity on its first state, and six months later — after
// the actions the chain took — the comparison lists them resolved; an audit survives a reopen,
// a backup and restore and a colleague's merge unchanged; a finding's customers open in the list
// and become actions that the next audit follows up.
import { afterAll, describe, expect, test } from 'vitest';
import { engine } from '../../src/worker/client';
import { retailFirstState } from '../../src/domain/demo/retail';
import type { Audit } from '../../src/domain/audit/document';
import { got } from '../support/result';

const api = engine();
const created = new Set<string>();
afterAll(async () => {
  for (const id of created) await api.deleteWorkspace({ id });
});

async function retail(name: string, seed: number) {
  const w = await api.createWorkspace({ name, demo: { book: 'retail', seed, locale: 'en' }, locale: 'en' });
  if (!w.ok) throw new Error(w.code);
  created.add(w.value.id);
  return { id: w.value.id, asOf: got(await api.getSummary())!.asOf };
}

const book = { kind: 'book' as const, value: '' };
const severityOf = (a: Audit, key: string) => a.findings.find((f) => f.key === key)?.severity ?? null;

describe('the audit', () => {
  test('the retail demo: problems found on the first state, resolved six months later', async () => {
    const w = await retail('Retail audit', 1);
    const first = retailFirstState(w.asOf);
    got(await api.setAsOf({ asOf: first }));
    const s1 = got(await api.runAudit({ title: 'Spring audit', auditor: 'Dana', goals: 'Why are we losing stores?', scope: book }));
    expect(s1.asOf).toBe(first);
    const a1 = got(await api.getAudit({ id: s1.id })).audit;
    // Planted: satisfaction fell, service slowed, invoices went unpaid, stores stopped buying; duplicates and gaps in the data.
    expect(severityOf(a1, 'satisfaction.csat')).toBe('critical');
    expect(severityOf(a1, 'satisfaction.csatFall')).toBe('major');
    expect(severityOf(a1, 'satisfaction.keyDetractors')).toBe('major');
    expect(severityOf(a1, 'service.respond')).toBe('critical');
    expect(severityOf(a1, 'service.resolve')).toBe('critical');
    expect(severityOf(a1, 'service.slower')).toBe('minor');
    expect(severityOf(a1, 'credit.overdue')).toBe('major');
    expect(severityOf(a1, 'credit.over90')).toBe('major');
    expect(severityOf(a1, 'credit.dso')).toBe('major');
    expect(severityOf(a1, 'credit.limit')).toBe('major');
    expect(severityOf(a1, 'portfolio.churn')).toBe('major');
    expect(severityOf(a1, 'data.duplicates')).toBe('major');
    expect(severityOf(a1, 'data.completeness:owner')).toBe('minor');
    expect(a1.findings.every((f) => f.section === f.rule.split('.')[0])).toBe(true);
    expect(a1.measures.data.duplicates).toBe(6);
    // The scores are the book's on that day: its high and critical customers counted.
    expect(a1.measures.portfolio.highRisk).toBeGreaterThan(0);

    // Six months later, after the chain's responses.
    got(await api.setAsOf({ asOf: null }));
    const s2 = got(await api.runAudit({ title: 'Autumn audit', auditor: 'Dana', goals: '', scope: book }));
    const { audit: a2, comparison } = got(await api.getAudit({ id: s2.id }));
    expect(a2.previousId).toBe(s1.id);
    const resolved = comparison.resolved.map((f) => f.key);
    for (const key of ['satisfaction.csat', 'satisfaction.csatFall', 'service.respond', 'service.resolve', 'credit.overdue', 'credit.over90', 'credit.dso', 'credit.limit', 'portfolio.churn']) expect(resolved).toContain(key);
    // The data problems were not touched: they persist.
    expect(comparison.persisting.map((p) => p.now.key)).toContain('data.duplicates');
    const csat = comparison.headlines.find((h) => h.key === 'csat')!;
    expect(csat.verdict).toBe(1);
    expect(comparison.headlines.find((h) => h.key === 'dso')!.verdict).toBe(1);
    // The actions the chain took on the first state's day are followed up, per finding.
    const collect = a2.followUp!.findings.find((f) => f.key === 'credit.overdue')!;
    expect(collect.done).toBeGreaterThan(0);
    expect(collect.resolved).toBe(true);
    // Grades moved from the first state's (score history) to now.
    const moves = a2.movement!.moves;
    expect(moves.flat().reduce((s, x) => s + x, 0)).toBe(a2.measures.customers);
    const list = got(await api.listAudits({}));
    expect(list.map((a) => a.id)).toEqual([s2.id, s1.id]);
    expect(list[1].findings.critical).toBeGreaterThan(list[0].findings.critical);
  });

  test('an audit survives a reopen, a backup and restore, and a merge, unchanged', async () => {
    const w = await retail('Audit kept', 2);
    const s = got(await api.runAudit({ title: 'Kept — 保存', auditor: '王', goals: 'g', scope: { kind: 'tier', value: 'key' } }));
    const audit = got(await api.getAudit({ id: s.id })).audit;
    expect(audit.measures.customers).toBeGreaterThan(0);
    expect(audit.measures.customers).toBeLessThan(240);
    got(await api.openWorkspace({ id: w.id, locale: 'en' }));
    expect(got(await api.getAudit({ id: s.id })).audit).toEqual(audit);

    const b = got(await api.backupWorkspace({})).blob;
    const r = await api.restoreBackup({ file: b });
    if (!r.ok) throw new Error(r.code);
    created.add(r.value.id);
    got(await api.openWorkspace({ id: r.value.id, locale: 'en' }));
    expect(got(await api.getAudit({ id: s.id })).audit).toEqual(audit);
    // The colleague renames it and runs one of their own; merged back, both come in, and the undo takes them out again.
    const renamed = got(await api.editAudit({ id: s.id, title: 'Kept and renamed' }));
    const theirs = got(await api.runAudit({ title: 'Theirs', auditor: 'Wei', goals: '', scope: book }));
    const fromB = got(await api.backupWorkspace({})).blob;
    got(await api.openWorkspace({ id: w.id, locale: 'en' }));
    const p = got(await api.previewMerge({ file: fromB }));
    expect(p.counts).toMatchObject({ audits: 2 });
    const c = got(await api.commitImport({ token: p.token }));
    expect(got(await api.getAudit({ id: s.id })).audit.title).toBe(renamed.title);
    expect(got(await api.getAudit({ id: theirs.id })).audit.auditor).toBe('Wei');
    // Compared only with an audit of its own scope: the tier's audit is not the whole book's previous one.
    expect(got(await api.getAudit({ id: theirs.id })).audit.previousId).toBeUndefined();
    got(await api.undoImport({ id: c.id }));
    expect(got(await api.getAudit({ id: s.id })).audit).toEqual(audit);
    expect((await api.getAudit({ id: theirs.id })).ok).toBe(false);
  });

  test('a finding’s customers open in the list and become actions the next audit follows up', async () => {
    await retail('Findings to actions', 3);
    got(await api.setAsOf({ asOf: retailFirstState(got(await api.getSummary())!.asOf) }));
    const s = got(await api.runAudit({ title: 'A', auditor: '', goals: '', scope: book }));
    const limit = got(await api.getAudit({ id: s.id })).audit.findings.find((f) => f.key === 'credit.limit')!;
    const rows = got(await api.queryCustomers({ query: { search: '', filters: {}, sort: 'id', dir: 'asc', segment: `audit:${s.id}:credit.limit` }, limit: 500 })).rows;
    expect(rows.map((r) => r.id).sort()).toEqual([...limit.customers.ids].sort());
    const started = got(await api.startFindingActions({ id: s.id, key: 'credit.limit' }));
    expect(started.customers).toBe(limit.customers.count);
    // Started twice: nobody gets a second open round.
    expect(got(await api.startFindingActions({ id: s.id, key: 'credit.limit' })).customers).toBe(0);
    const next = got(await api.runAudit({ title: 'B', auditor: '', goals: '', scope: book }));
    const f = got(await api.getAudit({ id: next.id })).audit.followUp!.findings.find((x) => x.key === 'credit.limit')!;
    // Counted by customer (one playbook run each), not by step.
    expect(f.open).toBe(started.customers);
  });

  test('settings: a threshold changed changes the findings; an unusable one is refused', async () => {
    await retail('Audit settings', 4);
    const setup = got(await api.getAuditSetup({}));
    expect(setup.tiers).toEqual(['key', 'general', 'potential']);
    const bad = await api.saveAuditSettings({ settings: { ...setup.settings, aging: [60, 30] } });
    expect(bad.ok ? 'saved' : bad.detail).toBe('aging');
    got(await api.saveAuditSettings({ settings: { ...setup.settings, thresholds: { ...setup.settings.thresholds, duplicatesMajor: 10 } } }));
    const s = got(await api.runAudit({ title: 'A', auditor: '', goals: '', scope: book }));
    expect(got(await api.getAudit({ id: s.id })).audit.findings.some((f) => f.key === 'data.duplicates')).toBe(false);
    expect(got(await api.getAuditSetup({})).settings.thresholds.duplicatesMajor).toBe(10);
  });
});
