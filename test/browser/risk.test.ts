// The risk engine on the workshop demo in real Chromium: the planted stories are found by
// the grades and their reasons, the model changes the ranking, overrides are kept and lapse.
import { afterAll, describe, expect, test } from 'vitest';
import { engine } from '../../src/worker/client';
import { DEFAULT_QUERY } from '../../src/domain/query';
import { demoStories } from '../../src/domain/demo/book';
import { DEFAULT_MODEL } from '../../src/domain/risk/model';
import { localIso } from '../../src/domain/dates';
import { got } from '../support/result';

const api = engine();
const created: string[] = [];
afterAll(async () => {
  for (const id of created) await api.deleteWorkspace({ id });
});

const stories = demoStories({ book: 'workshop', seed: 11, locale: 'en', asOf: '2000-01-01' });

async function workshop(name: string) {
  const r = await api.createWorkspace({ name, demo: { book: 'workshop', seed: 11, locale: 'en' }, locale: 'en' });
  if (!r.ok) throw new Error(r.code);
  created.push(r.value.id);
  return r.value;
}

async function dimension(id: string, dim: string) {
  const r = await api.getCustomerRisk({ id });
  if (!r.ok) throw new Error(r.code);
  return { score: r.value.explanation.dimensions.find((d) => d.dimension === dim)!.score, risk: r.value };
}

describe('risk on the workshop demo', () => {
  test('late payers are high or critical on credit, fading customers on churn, complaint-heavy ones on service', async () => {
    await workshop('R1');
    for (const id of stories.latePayers) expect((await dimension(id, 'credit')).score, `credit of ${id}`).toBeGreaterThanOrEqual(DEFAULT_MODEL.grades.high);
    for (const id of stories.fading) expect((await dimension(id, 'churn')).score, `churn of ${id}`).toBeGreaterThanOrEqual(DEFAULT_MODEL.grades.high);
    for (const id of stories.complaintHeavy) expect((await dimension(id, 'service')).score, `service of ${id}`).toBeGreaterThanOrEqual(DEFAULT_MODEL.grades.high);
    // …and the reasons say why: the top contribution of a late payer is a credit indicator.
    const { risk } = await dimension(stories.latePayers[0], 'credit');
    expect(risk.explanation.contributions[0].dimension).toBe('credit');
    expect(risk.explanation.contributions.every((c) => c.weight >= 0 && c.points >= 0 && c.points <= 100)).toBe(true);
    // Steady key accounts are not at high risk.
    for (const id of stories.steady) expect(['low', 'medium']).toContain((await api.getCustomerRisk({ id })).ok && (await dimension(id, 'credit')).risk.row.computedGrade);
  });

  test('the list sorts by score and filters by grade; every customer is scored', async () => {
    await workshop('R2');
    const byScore = got(await api.queryCustomers({ query: { ...DEFAULT_QUERY, sort: 'score', dir: 'desc' }, limit: 500 }));
    expect(byScore.rows.every((r) => r.grade !== '')).toBe(true);
    const scores = byScore.rows.map((r) => r.score ?? -1);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    const [grade, count] = (got(await api.getFacets()))!.grade.find(([g]) => g !== 'low')!;
    const graded = got(await api.queryCustomers({ query: { ...DEFAULT_QUERY, filters: { grade } }, limit: 500 }));
    expect(graded.total).toBe(count);
    expect(graded.rows.every((r) => r.grade === grade)).toBe(true);
  });

  test('a heavier credit weight moves customers between grades; publishing it changes the ranking', async () => {
    await workshop('R3');
    const before = (got(await api.queryCustomers({ query: { ...DEFAULT_QUERY, sort: 'score', dir: 'desc' }, limit: 500 }))).rows.map((r) => r.id);
    const draft = structuredClone(DEFAULT_MODEL);
    draft.dimensions.credit.weight = 200;
    const preview = await api.previewModel({ draft });
    if (!preview.ok) throw new Error(preview.code);
    expect(preview.value.movedTotal).toBeGreaterThan(0);
    expect(preview.value.matrix.flat().reduce((a, b) => a + b, 0)).toBe(200);
    const published = await api.publishModel({ draft });
    expect(published.ok && published.value.revision).toBe(2);
    const after = (got(await api.queryCustomers({ query: { ...DEFAULT_QUERY, sort: 'score', dir: 'desc' }, limit: 500 }))).rows.map((r) => r.id);
    expect(after).not.toEqual(before);
    expect((got(await api.getModel()))!.model.dimensions.credit.weight).toBe(200);
    // A refused draft changes nothing.
    const bad = await api.publishModel({ draft: { ...draft, format: 99 } });
    expect(bad.ok).toBe(false);
  });

  test('an override is shown beside the computed grade and survives a reload (its lapse: test/storage/book-risk)', async () => {
    const ws = await workshop('R4');
    const id = stories.steady[0];
    const tomorrow = localIso(new Date(Date.now() + 86_400_000));
    const refused = await api.setOverride({ id, grade: 'critical', reason: ' ', expires: tomorrow });
    expect(!refused.ok && refused.issues?.map((i) => i.column)).toEqual(['reason']);
    const r = await api.setOverride({ id, grade: 'critical', reason: 'Parent company in administration', expires: tomorrow });
    expect(r.ok).toBe(true);
    // Open another workspace and come back: everything is read from IndexedDB again.
    const other = await workshop('R4b');
    await api.openWorkspace({ id: other.id, locale: 'en' });
    await api.openWorkspace({ id: ws.id, locale: 'en' });
    const risk = await api.getCustomerRisk({ id });
    if (!risk.ok) throw new Error(risk.code);
    expect(risk.value.override?.reason).toBe('Parent company in administration');
    expect(risk.value.row.grade).toBe('critical');
    expect(risk.value.row.computedGrade).not.toBe('critical');
    expect(risk.value.history.length).toBeGreaterThan(0);
  });
});

describe('early warnings on the workshop demo', () => {
  test('late payers raise alerts once; a rescore adds none; acknowledge, and dismiss only with a note', async () => {
    await workshop('A1');
    const first = got(await api.listAlerts());
    expect(first.open).toBeGreaterThan(0);
    for (const id of stories.latePayers) expect(first.alerts.some((a) => a.customerId === id && a.ruleId === 'days-past-due'), id).toBe(true);
    const keys = first.alerts.map((a) => `${a.customerId}/${a.ruleId}`);
    expect(new Set(keys).size).toBe(keys.length);
    await api.rescoreAll();
    expect((got(await api.listAlerts())).total).toBe(first.total);
    const [a, b] = first.alerts;
    expect((await api.updateAlert({ id: a.id, status: 'acknowledged' })).ok).toBe(true);
    const refused = await api.updateAlert({ id: b.id, status: 'dismissed' });
    expect(!refused.ok && refused.issues?.[0].column).toBe('note');
    expect((await api.updateAlert({ id: b.id, status: 'dismissed', note: 'Known: paid by bank transfer, booking pending' })).ok).toBe(true);
    const after = got(await api.listAlerts());
    expect(after.total).toBe(first.total - 1);
    expect(after.alerts.find((x) => x.id === a.id)?.status).toBe('acknowledged');
    expect((got(await api.listAlerts({ status: 'dismissed' }))).alerts.map((x) => x.id)).toEqual([b.id]);
  });
});

describe('the risk overview', () => {
  test('grades add up to the book; receivables at risk are the aged overdue money times the loss rates', async () => {
    await workshop('O1');
    const o = (got(await api.getRiskOverview()))!;
    expect(o.grades.reduce((n, g) => n + g.customers, 0)).toBe(200);
    const [a, b, c, d] = o.overdueByAge;
    const p = DEFAULT_MODEL.provision;
    expect(o.receivablesAtRisk).toBeCloseTo(a * p.d30 + b * p.d60 + c * p.d90 + d * p.over90, 3);
    expect(o.receivablesAtRisk).toBeGreaterThan(0);
    const all = got(await api.queryCustomers({ query: DEFAULT_QUERY, limit: 500 }));
    expect(a + b + c + d).toBeCloseTo(all.rows.reduce((n, r) => n + r.overdueBalance, 0), 3);
  });
});

describe('a what-if in front of the room', () => {
  test('a draft tried on the list re-ranks it, keeps nothing, and the published model comes back', async () => {
    await workshop('W1');
    const ranking = async () => (got(await api.queryCustomers({ query: { ...DEFAULT_QUERY, sort: 'score', dir: 'desc' }, limit: 500 }))).rows.map((r) => `${r.id}:${r.grade}`);
    const before = await ranking();
    const alertsBefore = (got(await api.listAlerts())).total;
    const id = stories.latePayers[0];
    const historyBefore = (await api.getCustomerRisk({ id })).ok ? ((await api.getCustomerRisk({ id })) as { value: { history: unknown[] } }).value.history.length : -1;
    const draft = structuredClone(DEFAULT_MODEL);
    draft.overall = 'worst';
    expect((await api.tryModel({ draft })).ok).toBe(true);
    expect((got(await api.getModel()))!.trying).toBe(true);
    const during = await ranking();
    expect(during).not.toEqual(before);
    // The preview still compares with the published model, not with the draft being tried.
    const preview = await api.previewModel({ draft });
    expect(preview.ok && preview.value.movedTotal).toBeGreaterThan(0);
    await api.rescoreAll();
    expect((got(await api.listAlerts())).total).toBe(alertsBefore);
    const risk = await api.getCustomerRisk({ id });
    expect(risk.ok && risk.value.history.length).toBe(historyBefore);
    await api.tryModel({ draft: null });
    expect((got(await api.getModel()))!.trying).toBe(false);
    expect(await ranking()).toEqual(before);
  });
});

describe('the lifetime model in the risk engine', () => {
  test('fading customers are less likely still active than steady ones; revenue at risk is part of the expected revenue', async () => {
    await workshop('L1');
    const alive = async (id: string) => {
      const r = await api.getCustomerRisk({ id });
      if (!r.ok) throw new Error(r.code);
      return r.value.explanation.values['churn.probability_alive'];
    };
    const fading = await Promise.all(stories.fading.map(alive));
    const steady = await Promise.all(stories.steady.map(alive));
    expect(Math.max(...fading)).toBeLessThan(Math.min(...steady));
    const o = (got(await api.getRiskOverview()))!;
    expect(o.lifetime?.converged).toBe(true);
    expect(o.revenueAtRisk).toBeGreaterThan(0);
    expect(o.revenueAtRisk!).toBeLessThan(o.expectedRevenue!);
  });
});

describe('segments of the workshop demo', () => {
  test('every group adds up to the book; a fading customer is drifting or lost, a steady one loyal', async () => {
    await workshop('S1');
    const s = (got(await api.getSegments()))!;
    const sum = (groups: Record<string, { customers: number }>) => Object.values(groups).reduce((n, g) => n + g.customers, 0);
    const ordered = s.rfm.flat().reduce((n, c) => n + c.customers, 0);
    expect(sum(s.rfSegments)).toBe(ordered);
    expect(sum(s.eight)).toBe(ordered);
    expect(sum(s.abc)).toBe(200);
    expect(s.abc.A.customers).toBeLessThan(s.abc.C.customers);
    expect(sum(s.quadrants)).toBeGreaterThan(0);
    expect(s.scatter.length).toBeGreaterThan(0);
    const steady = await api.getCustomerSegments({ id: stories.steady[0] });
    const fading = await api.getCustomerSegments({ id: stories.fading[1] });
    if (!steady.ok || !fading.ok) throw new Error('not found');
    expect(steady.value.loyalty).toBe('loyal');
    expect(['drifting', 'lost']).toContain(fading.value.loyalty);
    expect(steady.value.expectedRevenue).toBeGreaterThan(0);
  });
});

describe('from a segment to its customers', () => {
  test('every group lists exactly its customers; rule segments and settings are kept in the workspace', async () => {
    const ws = await workshop('S2');
    const s = (got(await api.getSegments()))!;
    const listed = async (segment: string) => (got(await api.queryCustomers({ query: { ...DEFAULT_QUERY, segment }, offset: 0, limit: 500 }))).total;
    for (const [r, f] of [[5, 5], [1, 1], [3, 2]]) expect(await listed(`cell:${r}-${f}`)).toBe(s.rfm[r - 1][f - 1].customers);
    for (const [k, v] of Object.entries(s.rfSegments)) expect(await listed(`rf:${k}`), k).toBe(v!.customers);
    for (const [k, v] of Object.entries(s.eight)) expect(await listed(`eight:${k}`), k).toBe(v!.customers);
    for (const [k, v] of Object.entries(s.abc)) expect(await listed(`abc:${k}`), k).toBe(v.customers);
    for (const [k, v] of Object.entries(s.loyalty)) expect(await listed(`loyalty:${k}`), k).toBe(v!.customers);
    for (const [k, v] of Object.entries(s.quadrants)) expect(await listed(`quadrant:${k}`), k).toBe(v!.customers);
    expect(await listed('rf:nonsense')).toBe(0);
    // A segment and a grade filter combine; the rows are the segment's customers.
    const a = got(await api.queryCustomers({ query: { ...DEFAULT_QUERY, segment: 'abc:A', filters: { grade: 'low' } }, offset: 0, limit: 500 }));
    expect(a.total).toBeLessThanOrEqual(s.abc.A.customers);
    expect(a.rows.every((r) => r.grade === 'low')).toBe(true);
    // The Pareto curve climbs from 0 to 1.
    expect(s.abcCurve[0]).toBe(0);
    expect(s.abcCurve[100]).toBeCloseTo(1, 9);
    expect(s.abcCurve.every((v, i) => i === 0 || v >= s.abcCurve[i - 1])).toBe(true);

    // A rule segment: key customers with some overdue money, within Champions or not.
    const bad = await api.saveRuleSegment({ rule: { id: '', name: 'Nothing', filters: {} } });
    expect(bad.ok ? null : bad.detail).toBe('empty');
    const saved = await api.saveRuleSegment({ rule: { id: '', name: 'Key, overdue', filters: { tier: 'key' }, indicator: { id: 'credit.overdue_share', op: 'gte', value: 0.01 } } });
    if (!saved.ok) throw new Error(saved.code);
    const rows = got(await api.queryCustomers({ query: { ...DEFAULT_QUERY, segment: `rule:${saved.value.id}` }, offset: 0, limit: 500 }));
    expect(rows.total).toBeGreaterThan(0);
    expect(rows.rows.every((r) => r.tier === 'key' && r.overdueBalance > 0)).toBe(true);
    expect((got(await api.getSegments()))!.rules).toEqual([expect.objectContaining({ id: saved.value.id, name: 'Key, overdue', customers: rows.total })]);

    // Tighter ABC cuts make fewer A customers; a bad cut is refused with its reason.
    const refused = await api.saveSegmentSettings({ settings: { ...s.settings, abcCuts: [0.9, 0.5] } });
    expect(refused.ok ? null : refused.detail).toBe('abc_cuts');
    const tight = await api.saveSegmentSettings({ settings: { ...s.settings, abcCuts: [0.5, 0.8] } });
    expect(tight.ok).toBe(true);
    const after = (got(await api.getSegments()))!;
    expect(after.abc.A.customers).toBeLessThan(s.abc.A.customers);
    expect(await listed('abc:A')).toBe(after.abc.A.customers);

    // Own RFM cut points. Recency cuts 1, 2, 3 and 100,000 days (inclusive, reversed): a last order
    // 3 or more days ago scores R 2, one 0–2 days ago R 5–3, nobody R 1. Quintiles would put a
    // fifth of the book in each row.
    const row = (g: typeof s, r: number) => g.rfm[r - 1].reduce((n, c) => n + c.customers, 0);
    const gridTotal = (g: typeof s) => [1, 2, 3, 4, 5].reduce((n, r) => n + row(g, r), 0);
    expect(row(after, 3)).toBeGreaterThan(0);
    const own = await api.saveSegmentSettings({ settings: { rfmCuts: { r: [1, 2, 3, 100000], f: [2, 3, 4, 5], m: [1, 2, 3, 4] } } });
    expect(own.ok && own.value.abcCuts).toEqual([0.5, 0.8]);
    const cut = (got(await api.getSegments()))!;
    expect(gridTotal(cut)).toBe(gridTotal(after));
    expect(row(cut, 2)).toBeGreaterThan(gridTotal(cut) * 0.9);
    expect(row(cut, 1)).toBe(0);

    // Reopened: the rule and the settings are still there.
    await workshop('S2b');
    await api.openWorkspace({ id: ws.id, locale: 'en' });
    const again = (got(await api.getSegments()))!;
    expect(again.settings.abcCuts).toEqual([0.5, 0.8]);
    expect(again.settings.rfmCuts).toEqual({ r: [1, 2, 3, 100000], f: [2, 3, 4, 5], m: [1, 2, 3, 4] });
    expect(again.rules.map((r) => r.name)).toEqual(['Key, overdue']);
    await api.deleteRuleSegment({ id: saved.value.id });
    expect((got(await api.getSegments()))!.rules).toEqual([]);
  });
});

describe('segments of an empty book', () => {
  test('no orders: nothing to segment and the lifetime models say why, without NaN', async () => {
    const r = await api.createWorkspace({ name: 'Empty', locale: 'en' });
    if (!r.ok) throw new Error(r.code);
    created.push(r.value.id);
    const s = (got(await api.getSegments()))!;
    expect(s.lifetime).toBe('no_data');
    expect(s.customers).toBe(0);
    expect(s.abcCurve.every((v) => Number.isFinite(v))).toBe(true);
  });
});
