// An erasure on a personal-data request, proven by reading every record of every store of the
// book's database (real IndexedDB, as the worker wrote it) and finding none of the person's
// texts: not in the profile, not in an import kept for undo, not in a remembered import
// layout, not in alerts, actions, reviews or another customer's note, not in an audit's frozen
// lists (which say "erased customer" instead). Neither a file that still names the person nor
// a colleague's older backup brings it back.
import { afterAll, describe, expect, test } from 'vitest';
import { engine } from '../../src/worker/client';
import type { BatchId, CustomerId } from '../../src/domain/types';
import { got } from '../support/result';
import { ERASED } from '../../src/worker/clean/erase';

const api = engine();
const created = new Set<string>();
afterAll(async () => {
  for (const id of created) await api.deleteWorkspace({ id });
});

const ID = 'ERASE-ME-7731';
const TEXTS = [ID, 'Zebulon Quartermaine', 'Ottoline Fairweather', '+86 139 0000 4242', 'zebulon.q@example.org', 'Met him at the Qingdao fair', 'LOYAL-ZQ-9921', 'Zebulon says delivery was late'];

/** Every string inside a stored record (typed arrays hold numbers only). */
function strings(x: unknown, out: string[]): void {
  if (typeof x === 'string') out.push(x);
  else if (Array.isArray(x)) for (const v of x) strings(v, out);
  else if (x && typeof x === 'object' && !ArrayBuffer.isView(x)) for (const [k, v] of Object.entries(x)) (out.push(k), strings(v, out));
}

/** The texts of `texts` found in any record of any store of database `name`, as "store: text". */
async function scan(name: string, texts: readonly string[]): Promise<{ found: string[]; stores: string[]; records: number }> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const r = indexedDB.open(name);
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
  const stores = [...db.objectStoreNames];
  const found: string[] = [];
  let records = 0;
  for (const store of stores) {
    const all = await new Promise<unknown[]>((resolve, reject) => {
      const r = db.transaction(store).objectStore(store).getAll();
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    records += all.length;
    const words: string[] = [];
    strings(all, words);
    const text = words.join('\n').toLowerCase();
    for (const t of texts) if (text.includes(t.toLowerCase())) found.push(`${store}: ${t}`);
  }
  db.close();
  return { found, stores, records };
}

describe('erasure', () => {
  test('leaves nothing of the person in any store of the book, logs the erasure by date and count, and an older backup does not bring it back', async () => {
    const w = got(await api.createWorkspace({ name: 'Erasure book', demo: { book: 'workshop', seed: 41, locale: 'en' }, locale: 'en' }));
    created.add(w.id);
    const other = got(await api.queryCustomers({ query: { search: '', filters: {}, sort: 'id', dir: 'asc' }, limit: 1 })).rows[0].id as string;

    // The person comes in by a file with a custom column, and is updated by a second file (kept for that import's undo).
    const file1 = new File([`id,name,contact,phone,email,notes,loyalty code\n${ID},Zebulon Quartermaine,Ottoline Fairweather,+86 139 0000 4242,zebulon.q@example.org,Met him at the Qingdao fair,LOYAL-ZQ-9921\n`], 'crm.csv');
    const mapping = ['id', 'name', 'contact', 'phone', 'email', 'notes', 'custom'];
    const p1 = got(await api.previewImport({ file: file1, options: { kind: 'customer', mapping } }));
    expect(p1.counts.new).toBe(1);
    got(await api.commitImport({ token: p1.token }));
    const file2 = new File([`id,name,notes\n${ID},Zebulon Quartermaine,Met him at the Qingdao fair again\n`], 'crm-update.csv');
    got(await api.commitImport({ token: got(await api.previewImport({ file: file2, options: { kind: 'customer' } })).token }));
    // A header-less file read with its first row as the header: the layout remembered holds the person's data.
    const file3 = new File([`${ID},Zebulon Quartermaine,Ottoline Fairweather\n${other},Someone,Else\n`], 'no-header.csv');
    const p3 = got(await api.previewImport({ file: file3, options: { kind: 'customer', header: true, mapping: ['id', 'name', 'contact'] } }));
    got(await api.commitImport({ token: p3.token }));

    got(await api.saveEvent({ event: { kind: 'order', customerId: ID as CustomerId, date: '2026-02-02', amount: 99_000, currency: 'CNY', category: 'Parts', batch: 'manual' as BatchId } }));
    got(await api.saveEvent({ event: { kind: 'survey', customerId: ID as CustomerId, date: '2026-02-10', csat: 2, nps: 3, comment: 'Zebulon says delivery was late', batch: 'manual' as BatchId } }));
    const pb = got(await api.getPlaybooks()).playbooks[0];
    got(await api.startPlaybook({ customerId: ID, playbookId: pb.id }));
    const asOf = got(await api.getSummary()).asOf;
    got(await api.recordReview({ customerId: ID, date: asOf, who: 'Dana', note: 'Called Ottoline Fairweather' }));
    got(await api.recordReview({ customerId: other, date: asOf, who: 'Dana', note: 'Referred by Zebulon Quartermaine' }));
    got(await api.setOverride({ id: ID, grade: 'high', reason: 'Zebulon says delivery was late', expires: '2099-01-01' }));
    const audit = got(await api.runAudit({ title: 'Data audit', auditor: 'Dana', goals: 'Check Zebulon Quartermaine', scope: { kind: 'book', value: '' } }));
    const frozen = got(await api.getAudit({ id: audit.id })).audit;
    const invalidList = Object.entries(frozen.measures.lists).find(([, l]) => l.ids.includes(ID));
    expect(invalidList).toBeDefined();
    const backupBefore = got(await api.backupWorkspace({})).blob;

    const before = await scan(w.dbName, TEXTS);
    // The scan sees the person where the book kept it (or it could not fail).
    for (const store of ['shards', 'batches', 'meta', 'actions', 'reviews', 'audits', 'history']) expect(before.found.some((f) => f.startsWith(`${store}:`)), store).toBe(true);

    const summary = got(await api.getSummary());
    got(await api.eraseCustomer({ id: ID }));
    expect((await api.getCustomer({ id: ID })).ok).toBe(false);
    expect(got(await api.getSummary()).customers).toBe(summary.customers - 1);

    const after = await scan(w.dbName, TEXTS);
    expect(after.stores.sort()).toEqual(before.stores.sort());
    expect(after.records).toBeGreaterThan(0);
    expect(after.found).toEqual([]);

    // The log says when and how many, nothing else.
    const log = got(await api.listChanges()).erasures;
    expect(log).toHaveLength(1);
    expect(Object.keys(log[0]).sort()).toEqual(['at', 'count']);
    expect(log[0].count).toBe(1);
    // The frozen audit keeps its counts; the person's place reads "erased customer".
    const reopened = got(await api.getAudit({ id: audit.id })).audit;
    const [key, list] = invalidList!;
    expect(reopened.measures.lists[key].count).toBe(list.count);
    expect(reopened.measures.lists[key].ids).toContain(ERASED);
    // The other customer's review stays, without the name.
    const note = got(await api.getResponses({ id: other })).reviews.find((r) => r.note.startsWith('Referred by'))!.note;
    expect(note).not.toContain('Zebulon');

    // A file that still names the person does not bring it back: its rows are left out, each said.
    const again = got(await api.previewImport({ file: file1, options: { kind: 'customer', mapping } }));
    expect(again.counts).toMatchObject({ new: 0, rejected: 1 });
    expect(again.problems[0]).toMatchObject({ row: 2, column: 'id', code: 'erased_customer' });
    got(await api.commitImport({ token: again.token }));
    const orders = new File([`customer id,date,amount,currency\n${ID},2026-03-01,10.00,CNY\n${other},2026-03-01,10.00,CNY\n`], 'orders.csv');
    const o = got(await api.previewImport({ file: orders, options: { kind: 'order' } }));
    expect(o.counts).toMatchObject({ new: 1, rejected: 1 });
    expect(o.problems.map((p) => p.code)).toEqual(['erased_customer']);
    got(await api.commitImport({ token: o.token }));
    expect((await api.getCustomer({ id: ID })).ok).toBe(false);

    // A colleague's copy made before the erasure does not bring the person back, nor its audit's list entry.
    const p = got(await api.previewMerge({ file: backupBefore }));
    expect(p.counts.customersRemoved).toBe(1);
    got(await api.commitImport({ token: p.token }));
    expect((await api.getCustomer({ id: ID })).ok).toBe(false);
    expect((await scan(w.dbName, TEXTS)).found).toEqual([]);
  });
});
