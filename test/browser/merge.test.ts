// Two colleagues with one book: A backs up, B restores it and both work on. A merges B's
// backup: B's new customer and order come in, A's own changes stay, the customer both changed
// is a conflict shown with both versions and decided by the user; merging again changes
// nothing, and the merge undoes as one batch.
import { afterAll, describe, expect, test } from 'vitest';
import { engine } from '../../src/worker/client';
import type { Customer, CustomerId, BatchId } from '../../src/domain/types';

const api = engine();
const created = new Set<string>();
afterAll(async () => {
  for (const id of created) await api.deleteWorkspace({ id });
});

async function edit(id: string, change: Partial<Customer>) {
  const c = await api.getCustomer({ id });
  if (!c.ok) throw new Error(c.code);
  const r = await api.saveCustomer({ customer: { ...c.value.customer, ...change }, create: false });
  if (!r.ok) throw new Error(r.code);
}

async function backup() {
  const b = await api.backupWorkspace({});
  if (!b.ok) throw new Error(b.code);
  return b.value.blob;
}

const tick = () => new Promise((r) => setTimeout(r, 5));

describe('merge of a colleague’s backup', () => {
  test('new records come in, one-sided changes win, conflicts are listed and decided, nothing is lost', async () => {
    const a = await api.createWorkspace({ name: 'Team book', demo: { book: 'workshop', seed: 8, locale: 'en' }, locale: 'en' });
    if (!a.ok) throw new Error(a.code);
    created.add(a.value.id);
    const list = (await api.queryCustomers({ query: { search: '', filters: {}, sort: 'id', dir: 'asc' }, limit: 3 })).rows.map((r) => r.id);
    const [x, z] = list;

    // B starts from A's backup.
    const b = await api.restoreBackup({ file: await backup() });
    if (!b.ok) throw new Error(b.code);
    created.add(b.value.id);

    // A changes x's notes and z's region.
    await api.openWorkspace({ id: a.value.id, locale: 'en' });
    await edit(x, { notes: 'A: call back in May' });
    await edit(z, { region: 'North' });
    await tick();
    // B changes x's owner later, adds a customer and an order.
    await api.openWorkspace({ id: b.value.id, locale: 'en' });
    await edit(x, { owner: 'Wei' });
    const fresh: Customer = {
      id: 'NEWB' as CustomerId, name: 'New from B', industry: '', size: '', region: '', owner: '', tier: 'general', since: '', creditLimit: null, currency: 'CNY',
      paymentTermsDays: null, contractEnd: '', tags: [], notes: '', contact: '', phone: '', email: '', batch: 'manual' as BatchId, updatedAt: 0,
    };
    expect((await api.saveCustomer({ customer: fresh, create: true })).ok).toBe(true);
    expect((await api.saveEvent({ event: { kind: 'order', customerId: 'NEWB' as CustomerId, date: '2026-01-05', amount: 12_345, currency: 'CNY', category: 'Parts', batch: 'manual' as BatchId } })).ok).toBe(true);
    const fromB = await backup();

    await api.openWorkspace({ id: a.value.id, locale: 'en' });
    const before = (await api.bookSummary())!;
    const p = await api.previewMerge({ file: fromB });
    if (!p.ok) throw new Error(`${p.code} ${p.detail}`);
    expect(p.value.related).toBe(true);
    // x, changed on both sides, goes to the newer side (B) until the user decides; z, changed in A only, stays as A has it.
    expect(p.value.counts).toMatchObject({ customersNew: 1, customersTaken: 1, customersKept: 1, conflicts: 1, eventsNew: 1 });
    const [conflict] = p.value.conflicts;
    expect(conflict.id).toBe(x);
    expect(conflict.fields.sort()).toEqual(['notes', 'owner']);
    expect([conflict.mine.notes, conflict.theirs.owner]).toEqual(['A: call back in May', 'Wei']);
    // B's change is the newer: taken unless the user says otherwise.
    expect(conflict.choice).toBe('theirs');

    const decided = await api.previewMerge({ file: fromB, choices: { [x]: 'mine' } });
    if (!decided.ok) throw new Error(decided.code);
    expect(decided.value.conflicts[0].choice).toBe('mine');
    expect(decided.value.counts).toMatchObject({ customersTaken: 0, customersKept: 2 });
    const c = await api.commitImport({ token: decided.value.token });
    if (!c.ok) throw new Error(c.code);
    expect(c.value.import?.merge).toMatchObject({ name: 'Team book', conflicts: 1 });
    expect((await api.bookSummary())!).toMatchObject({ customers: before.customers + 1, events: before.events + 1 });
    const xa = await api.getCustomer({ id: x });
    expect(xa.ok && [xa.value.customer.notes, xa.value.customer.owner]).toEqual(['A: call back in May', (conflict.mine as Customer).owner]);
    const za = await api.getCustomer({ id: z });
    expect(za.ok && za.value.customer.region).toBe('North');
    const nb = await api.getCustomer({ id: 'NEWB' });
    expect(nb.ok && nb.value.events.map((e) => e.kind === 'order' && e.amount)).toEqual([12_345]);

    // The same file again: nothing new, and the decided conflict is not asked again.
    const again = await api.previewMerge({ file: fromB });
    if (!again.ok) throw new Error(again.code);
    expect(again.value.counts).toMatchObject({ customersNew: 0, eventsNew: 0, customersTaken: 0 });
    await api.discardImport();

    // Undone as one batch.
    expect((await api.undoImport({ id: c.value.id })).ok).toBe(true);
    expect((await api.bookSummary())!).toMatchObject({ customers: before.customers, events: before.events });
  });

  test('a wrong passphrase or a file that is no backup is told, and nothing changes', async () => {
    const a = await api.createWorkspace({ name: 'Other', locale: 'en' });
    if (!a.ok) throw new Error(a.code);
    created.add(a.value.id);
    const enc = await api.backupWorkspace({ passphrase: 'colleague pass' });
    if (!enc.ok) throw new Error(enc.code);
    const wrong = await api.previewMerge({ file: enc.value.blob, passphrase: 'colleague pas' });
    expect(wrong.ok ? 'merged' : wrong.issues?.[0].code).toBe('backup.wrong_passphrase');
    const notBackup = await api.previewMerge({ file: new Blob(['{}']) });
    expect(notBackup.ok ? 'merged' : notBackup.issues?.[0].code).toBe('backup.not_backup');
  });
});
