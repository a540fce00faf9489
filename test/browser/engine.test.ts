// The real engine in real Chromium: a module worker reached through Comlink, writing and
// reading real IndexedDB.
import { afterAll, describe, expect, test } from 'vitest';
import { engine, proxy } from '../../src/worker/client';
import { DEFAULT_QUERY } from '../../src/domain/query';
import { demoStories } from '../../src/domain/demo/book';
import type { CustomerId, EventId } from '../../src/domain/types';
import type { Progress } from '../../src/worker/api';
import { got } from '../support/result';

const api = engine();
const created: string[] = [];

afterAll(async () => {
  for (const id of created) await api.deleteWorkspace({ id });
});

async function workshop(name: string) {
  const r = await api.createWorkspace({ name, demo: { book: 'workshop', seed: 11, locale: 'en' }, locale: 'en' });
  if (!r.ok) throw new Error(r.code);
  created.push(r.value.id);
  return r.value;
}

describe('engine over IndexedDB', () => {
  test('a workshop demo lists 200 customers, page by page, with progress reported', async () => {
    const progress: Progress[] = [];
    const r = await api.createWorkspace({ name: 'W', demo: { book: 'workshop', seed: 11, locale: 'en' }, locale: 'en' }, proxy((p: Progress) => progress.push(p)));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    created.push(r.value.id);
    expect(r.value.customers).toBe(200);
    const first = got(await api.queryCustomers({ query: DEFAULT_QUERY, offset: 0, limit: 50 }));
    const rest = got(await api.queryCustomers({ query: DEFAULT_QUERY, offset: 50, limit: 500 }));
    expect(first.total).toBe(200);
    expect(new Set([...first.rows, ...rest.rows].map((r) => r.id)).size).toBe(200);
    // Sorted by 12-month revenue, descending; the anchor account is first.
    const revenue = [...first.rows, ...rest.rows].map((r) => r.revenue12m);
    expect(revenue).toEqual([...revenue].sort((a, b) => b - a));
    expect(first.rows[0].id).toBe(demoStories({ book: 'workshop', seed: 11, locale: 'en', asOf: '2000-01-01' }).anchor);
  });

  test('late payers show an overdue balance; filters and search narrow the list', async () => {
    await workshop('W2');
    const stories = demoStories({ book: 'workshop', seed: 11, locale: 'en', asOf: '2000-01-01' });
    const all = got(await api.queryCustomers({ query: DEFAULT_QUERY, offset: 0, limit: 500 }));
    for (const id of stories.latePayers) expect(all.rows.find((r) => r.id === id)!.overdueBalance).toBeGreaterThan(0);
    const facets = (got(await api.getFacets()))!;
    const [industry, count] = facets.industry[0];
    const filtered = got(await api.queryCustomers({ query: { ...DEFAULT_QUERY, filters: { industry } }, limit: 500 }));
    expect(filtered.total).toBe(count);
    expect(filtered.rows.every((r) => r.industry === industry)).toBe(true);
    const byId = got(await api.queryCustomers({ query: { ...DEFAULT_QUERY, search: stories.anchor.toLowerCase() } }));
    expect(byId.rows.map((r) => r.id)).toEqual([stories.anchor]);
  });

  test('edits persist: a reopened workspace (read back from IndexedDB) has them', async () => {
    const w = await workshop('W3');
    const id = 'C000005' as CustomerId;
    const got = await api.getCustomer({ id });
    if (!got.ok) throw new Error(got.code);
    const saved = await api.saveCustomer({ customer: { ...got.value.customer, notes: 'renewal call' }, create: false });
    expect(saved.ok).toBe(true);
    const added = await api.saveEvent({ event: { kind: 'order', customerId: id, batch: 'manual' as never, date: '2026-01-02', amount: 4200, currency: 'USD', category: 'x' } });
    if (!added.ok) throw new Error(added.code);
    const victim = got.value.events[0];
    expect((await api.deleteEvent({ customerId: id, kind: victim.kind, id: victim.id as EventId })).ok).toBe(true);

    // Open another book, then this one again: it is read back from disk.
    await workshop('other');
    expect((await api.openWorkspace({ id: w.id, locale: 'en' })).ok).toBe(true);
    const back = await api.getCustomer({ id });
    if (!back.ok) throw new Error(back.code);
    expect(back.value.customer.notes).toBe('renewal call');
    expect(back.value.events.find((e) => e.id === added.value.id)).toMatchObject({ kind: 'order', amount: 4200, batch: 'manual' });
    expect(back.value.events.find((e) => e.id === victim.id)).toBeUndefined();
    expect(back.value.events.length).toBe(got.value.events.length);
  });

  test('bad input comes back as issues and changes nothing', async () => {
    await workshop('W4');
    const got = await api.getCustomer({ id: 'C000006' });
    if (!got.ok) throw new Error(got.code);
    const bad = await api.saveCustomer({ customer: { ...got.value.customer, email: 'nope', name: '' }, create: false });
    expect(bad).toMatchObject({ ok: false, code: 'invalid' });
    if (!bad.ok) expect(bad.issues!.map((i) => i.column).sort()).toEqual(['email', 'name']);
    const dup = await api.saveCustomer({ customer: got.value.customer, create: true });
    expect(dup).toMatchObject({ ok: false, code: 'duplicate_id' });
    const again = await api.getCustomer({ id: 'C000006' });
    expect(again).toEqual(got);
  });

  test('a new customer without an id takes the next of the book’s own; one given is kept', async () => {
    await workshop('W5');
    const base = { ...got(await api.getCustomer({ id: 'C000006' })).customer, notes: '' };
    const first = got(await api.saveCustomer({ customer: { ...base, id: '' as CustomerId, name: 'Walk-in Bakery' }, create: true }));
    expect(first.id).toBe('C000201');
    const second = got(await api.saveCustomer({ customer: { ...base, id: '  ' as CustomerId, name: 'Corner Café' }, create: true }));
    expect(second.id).toBe('C000202');
    const given = got(await api.saveCustomer({ customer: { ...base, id: 'VIP-1' as CustomerId, name: 'Given' }, create: true }));
    expect(given.id).toBe('VIP-1');
    expect(got(await api.getCustomer({ id: 'C000202' })).customer.name).toBe('Corner Café');
  });

  test('cancelling a demo generation leaves no workspace behind', async () => {
    const before = (got(await api.listWorkspaces())).length;
    // Cancelled at its first progress report: the generation is then surely under way (a fixed wait can outlast it on a fast machine).
    let asked: Promise<unknown> | null = null;
    const pending = api.createWorkspace(
      { name: 'cancel me', demo: { book: 'team', seed: 1, locale: 'en' }, job: 'job-1', locale: 'en' },
      proxy(() => void (asked ??= api.cancelJob({ job: 'job-1' }))),
    );
    const r = await pending;
    expect(r).toMatchObject({ ok: false, code: 'cancelled' });
    expect((got(await api.listWorkspaces())).length).toBe(before);
    const dbs = await indexedDB.databases();
    const registryIds = new Set((got(await api.listWorkspaces())).map((w) => `custos-ws-${w.id}`));
    expect(dbs.filter((d) => d.name?.startsWith('custos-ws-') && !registryIds.has(d.name))).toEqual([]);
  });
});
