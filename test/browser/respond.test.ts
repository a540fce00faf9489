// Respond and follow up in real Chromium, on the engine a user's screens call: the workshop
// demo ships a collection round that worked (before and after) and rounds under way; a
// playbook started from an alert creates its actions, shows on the alert, and closing the last
// offers to resolve the alert; actions and reviews survive a reopen, a backup and restore, and
// a colleague's merge, which undoes as one batch.
import { afterAll, describe, expect, test } from 'vitest';
import { engine } from '../../src/worker/client';
import { demoStories } from '../../src/domain/demo/book';
import { got } from '../support/result';

const api = engine();
const created = new Set<string>();
afterAll(async () => {
  for (const id of created) await api.deleteWorkspace({ id });
});

async function workshop(name: string, seed: number) {
  const w = await api.createWorkspace({ name, demo: { book: 'workshop', seed, locale: 'en' }, locale: 'en' });
  if (!w.ok) throw new Error(w.code);
  created.add(w.value.id);
  return { id: w.value.id, asOf: got(await api.getSummary())!.asOf };
}

async function backup() {
  const b = await api.backupWorkspace({});
  if (!b.ok) throw new Error(b.code);
  return b.value.blob;
}

const responses = async (id: string) => got(await api.getResponses({ id }));

describe('respond and follow up', () => {
  test('the workshop demo ships a collection round followed by a better grade, rounds under way and reviews', async () => {
    const w = await workshop('Loop', 5);
    const stories = demoStories({ book: 'workshop', seed: 5, locale: 'en', asOf: w.asOf });
    for (const id of stories.recovered) {
      const r = await responses(id);
      const run = r.runs.find((x) => x.playbookId === 'credit-collect')!;
      // Planted: late payments before the round, paid up after it.
      expect(run.open).toBe(0);
      expect(['high', 'critical']).toContain(run.before?.grade);
      expect(run.verdictAtClose).toBe('better');
      expect(r.actions.filter((a) => a.run === run.run).sort((a, b) => a.step! - b.step!).map((a) => a.status)).toEqual(['done', 'done', 'done', 'done']);
    }
    const { records } = got(await api.getPlaybooks({}));
    expect(records['credit-collect'].better).toBeGreaterThanOrEqual(stories.recovered.length);
    // A round under way: its first step done, the rest open, one already overdue on Today.
    const late = await responses(stories.latePayers[0]);
    expect(late.actions.filter((a) => a.playbookId === 'credit-collect').sort((a, b) => a.step! - b.step!).map((a) => a.status)).toEqual(['done', 'open', 'open', 'open']);
    const today = got(await api.getToday({}));
    expect(today.actionsOverdue).toBeGreaterThan(0);
    expect(today.actions.some((a) => a.customerId === stories.latePayers[0])).toBe(true);
    // Every customer has had a review; Today lists those due.
    expect(late.review.last).not.toBeNull();
    expect(today.attention.length).toBeGreaterThan(0);
    expect(today.attention.every((c) => c.grade === 'high' || c.grade === 'critical')).toBe(true);
  });

  test('a playbook started from an alert: its actions show on the alert, and closing the last offers to resolve it', async () => {
    await workshop('From an alert', 6);
    const { alerts } = got(await api.listAlerts({ status: 'open', sort: 'money' }));
    const alert = alerts.find((a) => a.proposal && a.actions.length === 0)!;
    expect(alert).toBeDefined();
    // Sorted by money at stake, most first.
    const money = alerts.map((a) => a.overdue + a.atRisk);
    expect(money).toEqual([...money].sort((a, b) => b - a));
    const started = got(await api.startPlaybook({ customerId: alert.customerId, playbookId: alert.proposal!.id, alertId: alert.id }));
    expect(started.length).toBe(alert.proposal!.steps);
    expect(started.every((a) => a.alertId === alert.id && a.status === 'open' && a.before)).toBe(true);
    // Due dates from the book's day by the steps' offsets, in order.
    expect(started.map((a) => a.due)).toEqual([...started.map((a) => a.due)].sort());
    const shown = got(await api.listAlerts({ status: 'open' })).alerts.find((a) => a.id === alert.id)!;
    expect(shown.actions.map((a) => a.id).sort()).toEqual(started.map((a) => a.id).sort());

    const offers: (string | null)[] = [];
    for (const [k, a] of started.entries()) {
      const r = got(await api.updateAction({ id: a.id, version: a.updatedAt, status: k === 1 ? 'skipped' : 'done', outcome: `step ${k + 1}` }));
      expect(r.action.status).toBe(k === 1 ? 'skipped' : 'done');
      expect(r.action.after).toBeTruthy();
      offers.push(r.resolveAlert);
    }
    expect(offers).toEqual([...started.slice(1).map(() => null), alert.id]);
    // A stale screen does not overwrite a newer change.
    const stale = await api.updateAction({ id: started[0].id, version: started[0].updatedAt, status: 'open' });
    expect(stale.ok ? 'saved' : stale.code).toBe('stale');
  });

  test('actions and reviews survive a reopen, a backup and restore, and a merge that undoes as one batch', async () => {
    const a = await workshop('Team loop', 7);
    const [x] = got(await api.queryCustomers({ query: { search: '', filters: {}, sort: 'id', dir: 'asc' }, limit: 1 })).rows.map((r) => r.id);
    const mine = got(await api.addAction({ customerId: x, strategy: 'reduce', title: 'Call the buyer — 致电采购', owner: 'Dana', due: a.asOf }));
    const review = got(await api.recordReview({ customerId: x, date: (await responses(x)).review.last?.date ?? '2025-01-01', who: 'Dana', note: 'Quarterly review' }));
    expect((await responses(x)).actions.some((y) => y.id === mine.id)).toBe(true);

    // Reopened: read back from IndexedDB.
    got(await api.openWorkspace({ id: a.id, locale: 'en' }));
    const stored = await responses(x);
    expect(stored.actions.find((y) => y.id === mine.id)).toEqual(mine);
    expect(stored.reviews.find((y) => y.id === review.review.id)).toEqual(review.review);

    // A colleague restores the backup: the same actions and reviews.
    const b = await api.restoreBackup({ file: await backup() });
    if (!b.ok) throw new Error(b.code);
    created.add(b.value.id);
    got(await api.openWorkspace({ id: b.value.id, locale: 'en' }));
    expect(await responses(x)).toEqual(stored);
    // The colleague closes the action and records a review of their own.
    const closed = got(await api.updateAction({ id: mine.id, version: mine.updatedAt, status: 'done', outcome: 'Paid' })).action;
    const theirs = got(await api.recordReview({ customerId: x, date: review.review.date, who: 'Wei', note: 'B reviewed' })).review;
    const fromB = await backup();

    // Merged back into the first book: the newer edit of the action wins, the new review comes in.
    got(await api.openWorkspace({ id: a.id, locale: 'en' }));
    const p = got(await api.previewMerge({ file: fromB }));
    expect(p.counts).toMatchObject({ actions: 1, reviews: 1 });
    const c = got(await api.commitImport({ token: p.token }));
    const merged = await responses(x);
    expect(merged.actions.find((y) => y.id === mine.id)).toMatchObject({ status: 'done', outcome: 'Paid', updatedAt: closed.updatedAt });
    expect(merged.reviews.map((y) => y.id)).toContain(theirs.id);
    // Undone as one batch: the action open again, the colleague's review gone.
    got(await api.undoImport({ id: c.id }));
    const undone = await responses(x);
    expect(undone.actions.find((y) => y.id === mine.id)).toEqual(mine);
    expect(undone.reviews.map((y) => y.id)).not.toContain(theirs.id);
    got(await api.openWorkspace({ id: a.id, locale: 'en' }));
    expect(await responses(x)).toEqual(undone);
  });

  test('the actions export for Excel: every action with its customer, its end and its effect; anonymised without names or free text', async () => {
    const w = await workshop('Export loop', 9);
    const stories = demoStories({ book: 'workshop', seed: 9, locale: 'en', asOf: w.asOf });
    const total = (await Promise.all(got(await api.queryCustomers({ query: { search: '', filters: {}, sort: 'id', dir: 'asc' }, limit: 500 })).rows.map((r) => responses(r.id)))).reduce((n, r) => n + r.actions.length, 0);
    const csv = got(await api.exportRecords({ options: { kind: 'action', format: 'csv' } }));
    expect(csv.name).toMatch(/^custos-actions-\d{4}-\d{2}-\d{2}\.csv$/);
    // UTF-8 with a byte-order mark, CRLF: Excel opens it with Chinese intact.
    expect([...new Uint8Array(await csv.blob.slice(0, 3).arrayBuffer())]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = (await csv.blob.text()).split('\r\n').filter(Boolean);
    expect(lines[0]).toBe('customer id,customer name,playbook,step,strategy,action,owner,due,status,outcome,created,closed,score before,grade before,score at close,grade at close,score 30 days after,grade 30 days after');
    expect(lines.length - 1).toBe(total);
    const recovered = lines.filter((l) => l.startsWith(`${stories.recovered[0]},`) && l.includes(',credit-collect,'));
    expect(recovered.length).toBe(4);
    expect(recovered.every((l) => /,done,/.test(l))).toBe(true);
    expect(recovered.some((l) => /,Paid in full after the call\.,/.test(l))).toBe(true);
    const json = JSON.parse(await got(await api.exportRecords({ options: { kind: 'action', format: 'json', anonymise: true } })).blob.text());
    expect([json.format, json.version, json.anonymised, json.actions.length]).toEqual(['custos-actions', 1, true, total]);
    expect(json.actions.some((a: { customerId: string }) => (stories.recovered as string[]).includes(a.customerId))).toBe(false);
    expect(json.actions.every((a: { outcome: string; owner: string; customerName: string }) => a.outcome === '' && a.owner === '' && a.customerName === '')).toBe(true);
  });
});
