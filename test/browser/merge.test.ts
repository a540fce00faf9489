// Two colleagues with one book: A backs up, B restores it and both work on. A merges B's
// backup: B's new customer and order come in, A's own changes stay, the customer both changed
// is a conflict shown with both versions and decided by the user; merging again changes
// nothing, and the merge undoes as one batch.
import { afterAll, describe, expect, test } from 'vitest';
import { engine } from '../../src/worker/client';
import type { BookEvent, Customer, CustomerId, BatchId } from '../../src/domain/types';
import { got } from '../support/result';

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
    const list = (got(await api.queryCustomers({ query: { search: '', filters: {}, sort: 'id', dir: 'asc' }, limit: 3 }))).rows.map((r) => r.id);
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
    const before = (got(await api.getSummary()))!;
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
    expect((got(await api.getSummary()))!).toMatchObject({ customers: before.customers + 1, events: before.events + 1 });
    const xa = await api.getCustomer({ id: x });
    expect(xa.ok && [xa.value.customer.notes, xa.value.customer.owner]).toEqual(['A: call back in May', (conflict.mine as Customer).owner]);
    const za = await api.getCustomer({ id: z });
    expect(za.ok && za.value.customer.region).toBe('North');
    const nb = await api.getCustomer({ id: 'NEWB' });
    expect(nb.ok && nb.value.events.map((e) => e.kind === 'order' && e.amount)).toEqual([12_345]);

    // The same file again: nothing new, and the decided conflict is not asked again.
    const again = await api.previewMerge({ file: fromB });
    if (!again.ok) throw new Error(again.code);
    expect(again.value.counts).toMatchObject({ customersNew: 0, eventsNew: 0, customersTaken: 0, conflicts: 0 });
    expect(again.value.conflicts).toEqual([]);
    await api.discardImport();

    // Undone as one batch.
    expect((await api.undoImport({ id: c.value.id })).ok).toBe(true);
    expect((got(await api.getSummary()))!).toMatchObject({ customers: before.customers, events: before.events });
  });

  test('“theirs” taken, an invoice paid on their side, and the undo gives back every version this book had', async () => {
    const a = await api.createWorkspace({ name: 'Ledger', demo: { book: 'workshop', seed: 9, locale: 'en' }, locale: 'en' });
    if (!a.ok) throw new Error(a.code);
    created.add(a.value.id);
    const ids = (got(await api.queryCustomers({ query: { search: '', filters: {}, sort: 'id', dir: 'asc' }, limit: 500 }))).rows.map((r) => r.id);
    // A customer with an unpaid invoice, whose payment B records.
    let payer = '', unpaid: (BookEvent & { kind: 'invoice' }) | undefined;
    for (const id of ids) {
      const c = await api.getCustomer({ id });
      unpaid = c.ok ? (c.value.events.find((e) => e.kind === 'invoice' && !e.paid) as typeof unpaid) : undefined;
      if (unpaid) {
        payer = id;
        break;
      }
    }
    if (!unpaid) throw new Error('no unpaid invoice in the demo');
    const x = ids.find((id) => id !== payer)!;
    const b = await api.restoreBackup({ file: await backup() });
    if (!b.ok) throw new Error(b.code);
    created.add(b.value.id);

    await api.openWorkspace({ id: a.value.id, locale: 'en' });
    const start = await api.getCustomer({ id: x });
    if (!start.ok) throw new Error(start.code);
    await edit(x, { notes: 'A wrote this' });
    const original = await api.getCustomer({ id: x });
    const payerBefore = await api.getCustomer({ id: payer });
    if (!original.ok || !payerBefore.ok) throw new Error('read');
    await tick();
    await api.openWorkspace({ id: b.value.id, locale: 'en' });
    await edit(x, { owner: 'B took over', tier: 'key' });
    const theirUnpaid = (await api.getCustomer({ id: payer })) as { ok: true; value: { events: BookEvent[] } };
    const same = theirUnpaid.value.events.find((e) => e.kind === 'invoice' && e.invoiceId === unpaid!.invoiceId)!;
    const payDay = new Date().toISOString().slice(0, 10);
    const paying = await api.saveEvent({ event: { ...same, paid: payDay, paidAmount: unpaid.amount } as BookEvent });
    expect(paying.ok ? 'paid' : JSON.stringify(paying.issues)).toBe('paid');
    const fromB = await backup();

    await api.openWorkspace({ id: a.value.id, locale: 'en' });
    const p = await api.previewMerge({ file: fromB, choices: { [x]: 'theirs' } });
    if (!p.ok) throw new Error(p.code);
    expect(p.value.conflicts.map((c) => [c.id, c.choice, c.fields.sort()])).toEqual([[x, 'theirs', ['notes', 'owner', 'tier']]]);
    expect(p.value.counts).toMatchObject({ conflicts: 1, customersTaken: 1, eventsTaken: 1, eventsNew: 0 });
    const c = await api.commitImport({ token: p.value.token });
    if (!c.ok) throw new Error(c.code);
    const merged = await api.getCustomer({ id: x });
    // Their whole profile: their owner and tier, and the notes as they were before A wrote.
    expect(merged.ok && [merged.value.customer.owner, merged.value.customer.tier, merged.value.customer.notes]).toEqual(['B took over', 'key', start.value.customer.notes]);
    const paidNow = await api.getCustomer({ id: payer });
    const inv = paidNow.ok ? (paidNow.value.events.find((e) => e.kind === 'invoice' && e.invoiceId === unpaid!.invoiceId) as BookEvent & { kind: 'invoice' }) : undefined;
    expect([inv?.paid, inv?.paidAmount]).toEqual([payDay, unpaid.amount]);

    // Undone: x is A's version again, field by field, and the invoice unpaid as this book had it.
    const undone = await api.undoImport({ id: c.value.id });
    expect(undone.ok && undone.value.keptEdited).toBe(0);
    const back = await api.getCustomer({ id: x });
    expect(back.ok && back.value.customer).toEqual(original.value.customer);
    const payerBack = await api.getCustomer({ id: payer });
    expect(payerBack.ok && payerBack.value.events).toEqual(payerBefore.value.events);
  });

  test('books that never met: every difference is a conflict, the newer side proposed, the same records left alone', async () => {
    const a = await api.createWorkspace({ name: 'North', demo: { book: 'workshop', seed: 12, locale: 'en' }, locale: 'en' });
    if (!a.ok) throw new Error(a.code);
    created.add(a.value.id);
    const ids = (got(await api.queryCustomers({ query: { search: '', filters: {}, sort: 'id', dir: 'asc' }, limit: 2 }))).rows.map((r) => r.id);
    await edit(ids[0], { region: 'North-east' });
    // A second book made on its own from the same demo: the same ids, no shared history.
    const other = await api.createWorkspace({ name: 'South', demo: { book: 'workshop', seed: 12, locale: 'en' }, locale: 'en' });
    if (!other.ok) throw new Error(other.code);
    created.add(other.value.id);
    await tick();
    await edit(ids[1], { owner: 'South office' });
    const fromSouth = await backup();
    await api.openWorkspace({ id: a.value.id, locale: 'en' });
    const p = await api.previewMerge({ file: fromSouth });
    if (!p.ok) throw new Error(p.code);
    expect(p.value.related).toBe(false);
    const byId = new Map(p.value.conflicts.map((c) => [c.id, c]));
    expect(byId.get(ids[0])?.fields).toEqual(['region']);
    expect(byId.get(ids[1])?.fields).toEqual(['owner']);
    // Without a meeting point neither side's change can be told from the other's original: the
    // newer record is proposed, and South's owner edit is the newest of its pair.
    expect(byId.get(ids[1])?.choice).toBe('theirs');
    expect(p.value.conflicts.length).toBe(2);
    expect(p.value.counts.customersNew).toBe(0);
    expect(p.value.counts.eventsNew).toBe(0);
    await api.discardImport();
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
