// Keeping the book clean in real Chromium (real IndexedDB, the real worker): a delete takes a
// customer with all that is theirs and its undo gives it all back; a bulk edit of a filtered
// list is one batch whose undo keeps what was edited since; a merge of two records of one
// customer moves everything to the one kept, and re-importing last month's file does not
// bring the duplicate back; a colleague's older backup does not bring back what was deleted
// or merged here.
import { afterAll, describe, expect, test } from 'vitest';
import { engine } from '../../src/worker/client';
import type { BatchId, Customer, CustomerId } from '../../src/domain/types';
import { got } from '../support/result';

const api = engine();
const created = new Set<string>();
afterAll(async () => {
  for (const id of created) await api.deleteWorkspace({ id });
});

const ALL = { search: '', filters: {}, sort: 'id', dir: 'asc' } as const;

export function person(id: string, more: Partial<Customer> = {}): Customer {
  return {
    id: id as CustomerId, name: id, industry: 'Retail', size: 'small', region: 'East', owner: 'Li', tier: 'general', since: '2024-01-01', creditLimit: null, currency: 'CNY',
    paymentTermsDays: 30, contractEnd: '', tags: [], notes: '', contact: '', phone: '', email: '', batch: 'manual' as BatchId, updatedAt: 0, ...more,
  };
}

async function book(name: string, seed: number) {
  const w = got(await api.createWorkspace({ name, demo: { book: 'workshop', seed, locale: 'en' }, locale: 'en' }));
  created.add(w.id);
  return w;
}

async function ids(limit = 500) {
  return got(await api.queryCustomers({ query: ALL, limit })).rows.map((r) => r.id as string);
}

async function backup() {
  return got(await api.backupWorkspace({})).blob;
}

const order = (customerId: string, date: string, amount: number) => ({ kind: 'order' as const, customerId: customerId as CustomerId, date, amount, currency: 'CNY', category: 'Parts', batch: 'manual' as BatchId });

describe('delete', () => {
  test('takes the customer with its events, actions, reviews and scores; the counts follow; the undo gives all of it back', async () => {
    const w = await book('Delete book', 31);
    const [x] = await ids(1);
    const before = got(await api.getCustomer({ id: x }));
    const summary = got(await api.getSummary());
    const pb = got(await api.getPlaybooks()).playbooks[0];
    got(await api.startPlaybook({ customerId: x, playbookId: pb.id }));
    got(await api.recordReview({ customerId: x, date: summary.asOf, who: 'Dana', note: 'quarterly' }));

    const had = got(await api.getResponses({ id: x }));
    const preview = got(await api.previewDelete({ selection: { ids: [x] } }));
    expect(preview).toMatchObject({ customers: 1, events: before.events.length, reviews: had.reviews.length, actions: had.actions.length });
    expect(had.reviews.map((v) => v.note)).toContain('quarterly');
    expect(preview.snapshots).toBeGreaterThan(0);

    const batch = got(await api.deleteCustomers({ selection: { ids: [x] } }));
    expect(batch.change).toMatchObject({ op: 'delete', customers: 1, events: before.events.length });
    // Nothing of the customer is kept in the batch on disk.
    expect(JSON.stringify(batch)).not.toContain(x);
    expect((await api.getCustomer({ id: x })).ok).toBe(false);
    expect(got(await api.getSummary())).toMatchObject({ customers: summary.customers - 1, events: summary.events - before.events.length });
    const listed = got(await api.listWorkspaces()).find((b) => b.id === w.id)!;
    expect(listed).toMatchObject({ customers: summary.customers - 1, events: summary.events - before.events.length });
    expect((await api.getResponses({ id: x })).ok).toBe(false);

    const changes = got(await api.listChanges());
    expect(changes.entries[0]).toMatchObject({ batch: { id: batch.id }, undoable: true });
    const undo = got(await api.undoChange({ id: batch.id }));
    expect(undo).toMatchObject({ restored: 1, kept: 0 });
    const back = got(await api.getCustomer({ id: x }));
    expect(back.customer).toEqual(before.customer);
    expect(back.events).toEqual(before.events);
    expect(got(await api.getSummary())).toMatchObject({ customers: summary.customers, events: summary.events });
    const r = got(await api.getResponses({ id: x }));
    expect(r.actions).toEqual(had.actions);
    expect(r.reviews).toEqual(had.reviews);
    expect(got(await api.getCustomerRisk({ id: x })).history.length).toBe(preview.snapshots);
    expect((await api.undoChange({ id: batch.id })).ok).toBe(false);
  });

  test('a selection of a filtered list goes in one batch; one entered again since keeps its new version when the delete is undone', async () => {
    await book('Delete many', 32);
    const region = got(await api.getFacets()).region[0][0];
    const query = { ...ALL, filters: { region } };
    const inRegion = got(await api.queryCustomers({ query, limit: 500 })).rows.map((r) => r.id as string);
    const [spared, ...rest] = inRegion;
    const summary = got(await api.getSummary());
    const batch = got(await api.deleteCustomers({ selection: { query, except: [spared] } }));
    expect(batch.change!.customers).toBe(rest.length);
    expect(got(await api.queryCustomers({ query, limit: 500 })).rows.map((r) => r.id)).toEqual([spared]);
    // One of them entered again by hand.
    got(await api.saveCustomer({ customer: person(rest[0], { name: 'Entered again' }), create: true }));
    const undo = got(await api.undoChange({ id: batch.id }));
    expect(undo).toMatchObject({ restored: rest.length - 1, kept: 1 });
    expect(got(await api.getCustomer({ id: rest[0] })).customer.name).toBe('Entered again');
    expect(got(await api.getSummary()).customers).toBe(summary.customers);
  });
});

/** Every record of a store of the book's database, read as the worker wrote it. */
async function records<T>(dbName: string, store: string): Promise<T[]> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const r = indexedDB.open(dbName);
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
  const all = await new Promise<T[]>((resolve, reject) => {
    const r = db.transaction(store).objectStore(store).getAll();
    r.onsuccess = () => resolve(r.result as T[]);
    r.onerror = () => reject(r.error);
  });
  db.close();
  return all;
}

describe('bulk edit', () => {
  test('writes the columns it set alone (the shards’ events and the customers’ names and contacts stay as stored), and scores as the book read afresh scores', async () => {
    const w = await book('Bulk scores', 38);
    const revs = async (store: string) => new Map((await records<{ no: number; rev: number }>(w.dbName, store)).map((r) => [r.no, r.rev]));
    const shardsBefore = await revs('shards'), profilesBefore = await revs('profiles'), peopleBefore = await revs('people');
    expect(peopleBefore.size).toBe(shardsBefore.size);
    const r = got(await api.editCustomers({ selection: { query: ALL }, set: { region: 'Far North', tier: 'key' } }));
    expect(r.changed).toBe(200);
    // Nor the names, contacts and notes: only the columns the edit set are written.
    expect(await revs('shards')).toEqual(shardsBefore);
    expect(await revs('people')).toEqual(peopleBefore);
    const profilesAfter = await revs('profiles');
    expect([...profilesAfter].every(([no, rev]) => rev > (profilesBefore.get(no) ?? -1))).toBe(true);
    const scored = (rows: { id: string; score: number | null; grade: string; region: string; tier: string }[]) => rows.map((x) => [x.id, x.score, x.grade, x.region, x.tier]);
    const now = scored(got(await api.queryCustomers({ query: ALL, limit: 500 })).rows);
    got(await api.openWorkspace({ id: w.id, locale: 'en' }));
    expect(scored(got(await api.queryCustomers({ query: ALL, limit: 500 })).rows)).toEqual(now);
  });


  test('a new owner for a filtered list, one batch; its undo gives the earlier owners back except to a customer edited since', async () => {
    await book('Bulk book', 33);
    const region = got(await api.getFacets()).region[0][0];
    const query = { ...ALL, filters: { region } };
    const rows = got(await api.queryCustomers({ query, limit: 500 })).rows;
    const owners = new Map(rows.map((r) => [r.id as string, r.owner]));
    const r = got(await api.editCustomers({ selection: { query }, set: { owner: '  Zhou Min ', tags: { add: ['handover'] } } }));
    expect(r.selected).toBe(rows.length);
    expect(r.changed).toBe(rows.length);
    const after = got(await api.queryCustomers({ query, limit: 500 })).rows;
    expect(after.every((x) => x.owner === 'Zhou Min')).toBe(true);
    expect(got(await api.getFacets()).owner.find(([o]) => o === 'Zhou Min')?.[1]).toBe(rows.length);
    const one = got(await api.getCustomer({ id: rows[0].id }));
    expect(one.customer.tags).toContain('handover');
    // Others are untouched.
    const other = got(await api.queryCustomers({ query: { ...ALL, filters: { owner: 'Zhou Min' } }, limit: 500 })).rows;
    expect(other.length).toBe(rows.length);

    // One customer edited since the bulk edit keeps that edit.
    got(await api.saveCustomer({ customer: { ...one.customer, owner: 'Wang' }, create: false, version: one.customer.updatedAt }));
    const undo = got(await api.undoChange({ id: r.batch!.id }));
    expect(undo).toMatchObject({ restored: rows.length - 1, kept: 1 });
    for (const x of got(await api.queryCustomers({ query, limit: 500 })).rows) {
      if (x.id === rows[0].id) expect(x.owner).toBe('Wang');
      else expect(x.owner).toBe(owners.get(x.id));
    }
    const back = got(await api.getCustomer({ id: rows[1].id })).customer;
    expect(back.tags).not.toContain('handover');
  });

  test('a bulk edit is checked as a profile edit: a bad tier or an over-long owner is refused, nothing written', async () => {
    await book('Bulk refused', 34);
    const bad = await api.editCustomers({ selection: { ids: await ids(3) }, set: { tier: 'gold' as never } });
    expect(bad.ok ? null : bad.issues?.[0]).toMatchObject({ column: 'tier' });
    const long = await api.editCustomers({ selection: { ids: await ids(3) }, set: { owner: 'x'.repeat(201) } });
    expect(long.ok).toBe(false);
    expect(got(await api.listChanges()).entries).toEqual([]);
  });
});

describe('a playbook for many', () => {
  test('starts one run per selected customer as one batch; at most 200 at once; its undo takes back the actions nobody touched since', async () => {
    await book('Playbook many', 37);
    const chosen = await ids(3);
    const pb = got(await api.getPlaybooks()).playbooks[0];
    const before = await Promise.all(chosen.map(async (id) => got(await api.getResponses({ id })).actions.length));
    const r = got(await api.startPlaybookMany({ selection: { ids: chosen }, playbookId: pb.id }));
    expect(r.customers).toBe(3);
    expect(r.actions).toBe(3 * pb.steps.length);
    const first = got(await api.getResponses({ id: chosen[0] })).actions.find((a) => r.batch.change!.actions!.includes(a.id))!;
    // One of them is closed before the undo: it stays.
    got(await api.updateAction({ id: first.id, version: first.updatedAt, status: 'done', outcome: 'called' }));
    const undo = got(await api.undoChange({ id: r.batch.id }));
    expect(undo).toMatchObject({ restored: r.actions - 1, kept: 1 });
    const after = await Promise.all(chosen.map(async (id) => got(await api.getResponses({ id })).actions.length));
    expect(after).toEqual(before.map((n, k) => n + (k === 0 ? 1 : 0)));
    got(await api.saveCustomer({ customer: person('EXTRA-201'), create: true }));
    const many = await api.startPlaybookMany({ selection: { query: ALL }, playbookId: pb.id });
    expect(many.ok ? null : many.detail).toBe('too_many');
  });
});

describe('merge of duplicates', () => {
  test('pairs are listed with why; a merge moves everything to the id kept; re-importing the old file does not bring the duplicate back; the undo splits them again', async () => {
    await book('Merge book', 35);
    got(await api.saveCustomer({ customer: person('DUP-1', { name: 'Harbour Trading Co., Ltd.', phone: '+86 21 5555 0101', owner: 'Li' }), create: true }));
    got(await api.saveCustomer({ customer: person('DUP-2', { name: 'HARBOUR TRADING', phone: '021-5555-0101', email: 'buy@harbour.example', owner: '' }), create: true }));
    got(await api.saveEvent({ event: order('DUP-1', '2026-03-02', 50_000) }));
    got(await api.saveEvent({ event: order('DUP-2', '2026-04-02', 70_000) }));
    got(await api.saveEvent({ event: order('DUP-2', '2026-05-02', 20_000) }));
    const pb = got(await api.getPlaybooks()).playbooks[0];
    got(await api.startPlaybook({ customerId: 'DUP-2', playbookId: pb.id }));

    const pairs = got(await api.listDuplicates({}));
    const pair = pairs.pairs.find((p) => [p.a.id, p.b.id].sort().join() === 'DUP-1,DUP-2')!;
    expect(pair.reasons.sort()).toEqual(['name']);

    const preview = got(await api.previewCustomerMerge({ keep: 'DUP-1', gone: 'DUP-2' }));
    expect(preview.moves.events).toBe(2);
    // The newer record's fields, but never an empty one over a filled one.
    const choice = Object.fromEntries(preview.fields.map((f) => [f.field, f.choice]));
    expect(choice).toMatchObject({ name: 'gone', owner: 'kept', email: 'gone' });
    const summary = got(await api.getSummary());
    const batch = got(await api.mergeCustomers({ keep: 'DUP-1', gone: 'DUP-2', choices: { name: 'kept' } }));
    const kept = got(await api.getCustomer({ id: 'DUP-1' }));
    expect(kept.customer).toMatchObject({ name: 'Harbour Trading Co., Ltd.', owner: 'Li', email: 'buy@harbour.example' });
    expect(kept.events.map((e) => e.kind === 'order' && e.amount).sort()).toEqual([20_000, 50_000, 70_000]);
    expect((await api.getCustomer({ id: 'DUP-2' })).ok).toBe(false);
    expect(got(await api.getResponses({ id: 'DUP-1' })).actions.length).toBeGreaterThan(0);
    expect(got(await api.getSummary()).customers).toBe(summary.customers - 1);
    expect(got(await api.listDuplicates({})).pairs.some((p) => [p.a.id, p.b.id].includes('DUP-2'))).toBe(false);

    // Last month's files again: the merged-away id's rows go to the customer kept.
    const customers = new File(['id,name,phone\nDUP-2,HARBOUR TRADING,021-5555-0101\n'], 'customers.csv');
    const p1 = got(await api.previewImport({ file: customers, options: { kind: 'customer' } }));
    expect(p1.counts).toMatchObject({ new: 0, merged: 1 });
    got(await api.commitImport({ token: p1.token }));
    const orders = new File(['customer id,date,amount,currency,category\nDUP-2,2026-04-02,700.00,CNY,Parts\nDUP-2,2026-05-02,200.00,CNY,Parts\n'], 'orders.csv');
    const p2 = got(await api.previewImport({ file: orders, options: { kind: 'order' } }));
    expect(p2.counts).toMatchObject({ new: 0, unchanged: 2, merged: 2, rejected: 0 });
    got(await api.commitImport({ token: p2.token }));
    expect((await api.getCustomer({ id: 'DUP-2' })).ok).toBe(false);
    expect(got(await api.getCustomer({ id: 'DUP-1' })).events.length).toBe(3);

    const undo = got(await api.undoChange({ id: batch.id }));
    expect(undo.kept).toBe(0);
    const one = got(await api.getCustomer({ id: 'DUP-1' })), two = got(await api.getCustomer({ id: 'DUP-2' }));
    expect(one.customer.email).toBe('');
    expect(one.events.map((e) => e.kind === 'order' && e.amount)).toEqual([50_000]);
    expect(two.events.map((e) => e.kind === 'order' && e.amount).sort()).toEqual([20_000, 70_000]);
    expect(got(await api.getResponses({ id: 'DUP-2' })).actions.length).toBeGreaterThan(0);
    expect(got(await api.getSummary()).customers).toBe(summary.customers);
  });
});

describe('a colleague’s older backup', () => {
  test('does not bring back a customer deleted or merged here; their changes after a delete do', async () => {
    const a = await book('Shared book', 36);
    const [x, y, z, v] = await ids(4);
    const b = got(await api.restoreBackup({ file: await backup() }));
    created.add(b.id);
    // B changes v after A will have deleted it (below); B adds an order to y.
    await api.openWorkspace({ id: b.id, locale: 'en' });
    got(await api.saveEvent({ event: order(y, '2026-06-01', 12_300) }));
    const fromB1 = await backup();

    await api.openWorkspace({ id: a.id, locale: 'en' });
    const summary = got(await api.getSummary());
    got(await api.deleteCustomers({ selection: { ids: [x, v] } }));
    got(await api.mergeCustomers({ keep: z, gone: y }));
    await new Promise((r) => setTimeout(r, 5));
    await api.openWorkspace({ id: b.id, locale: 'en' });
    const vb = got(await api.getCustomer({ id: v }));
    got(await api.saveCustomer({ customer: { ...vb.customer, notes: 'B still works with them' }, create: false }));
    const fromB2 = await backup();

    await api.openWorkspace({ id: a.id, locale: 'en' });
    const p = got(await api.previewMerge({ file: fromB1 }));
    expect(p.counts).toMatchObject({ customersNew: 0, customersRemoved: 2, customersMerged: 1 });
    got(await api.commitImport({ token: p.token }));
    expect((await api.getCustomer({ id: x })).ok).toBe(false);
    expect((await api.getCustomer({ id: y })).ok).toBe(false);
    // B's new order of y went to z, the customer kept.
    expect(got(await api.getCustomer({ id: z })).events.some((e) => e.kind === 'order' && e.amount === 12_300)).toBe(true);
    expect(got(await api.getSummary()).customers).toBe(summary.customers - 3);

    // B's later change of a customer A deleted is B's newer work: it comes back.
    const p2 = got(await api.previewMerge({ file: fromB2 }));
    expect(p2.counts).toMatchObject({ customersNew: 1, customersRemoved: 1, customersMerged: 1 });
    got(await api.commitImport({ token: p2.token }));
    expect(got(await api.getCustomer({ id: v })).customer.notes).toBe('B still works with them');
  });
});
