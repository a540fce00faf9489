// Two tabs writing one book: each tab's engine is a worker of its own over the same IndexedDB
// (as two tabs are), one writer at a time under the book's Web Lock. Interleaved at random
// delays, every save that says "saved" is stored, event ids never collide, an undo takes away
// exactly its batch, and of two saves from the same version of a customer one is refused.
// CUSTOS_STRESS=1 runs ten times as many interleavings.
import { afterAll, expect, test } from 'vitest';
import { wrap, type Remote } from 'comlink';
import { decodeCustomers, decodeEvents } from '../../src/domain/columns';
import { EMPTY_CUSTOMER } from '../../src/domain/import/records';
import { createRng, hashString } from '../../src/domain/random';
import type { Batch, BookEvent, Customer, CustomerId, NewEvent } from '../../src/domain/types';
import { WorkspaceDB } from '../../src/storage/databases';
import { readBook } from '../../src/storage/workspace-repo';
import type { EngineApi, Result } from '../../src/worker/api';
import { engine } from '../../src/worker/client';
import { got } from '../support/result';

const ROUNDS = import.meta.env.VITE_CUSTOS_STRESS ? 500 : 60;
const a = engine();
const worker = new Worker(new URL('../../src/worker/worker.ts', import.meta.url), { type: 'module' });
const b: Remote<EngineApi> = wrap<EngineApi>(worker);
afterAll(() => worker.terminate());

/** Two customer ids of one shard (64 shards), so that the tabs write the same record. */
function sameShard(): [string, string] {
  const first = 'TX-0';
  for (let k = 1; ; k++) if (hashString(`TX-${k}`) % 64 === hashString(first) % 64) return [first, `TX-${k}`];
}

const customer = (id: string): Customer => ({ ...EMPTY_CUSTOMER, id: id as CustomerId, name: `Customer ${id}`, currency: 'CNY', batch: 'manual' as never, updatedAt: 0 });
const order = (customerId: string, amount: number): NewEvent => ({ kind: 'order', customerId, batch: 'manual', date: '2026-03-01', amount, currency: 'CNY', category: 'x' }) as unknown as NewEvent;
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** `work` started after `ms` ms. */
const later = <T>(ms: number, work: () => Promise<T>): Promise<T> => wait(ms).then(work);

/** What is stored, read straight from IndexedDB. */
async function stored(dbName: string) {
  const db = new WorkspaceDB(dbName);
  try {
    const { shards } = await readBook(db);
    return {
      customers: new Map(shards.flatMap((s) => decodeCustomers(s.customers)).map((c) => [c.id as string, c])),
      orders: shards.flatMap((s) => decodeEvents('order', s.events.order)) as BookEvent[],
    };
  } finally {
    db.close();
  }
}

test(`${ROUNDS} interleavings of two tabs on one shard lose no save`, async () => {
  const [x, y] = sameShard();
  const w = got(await a.createWorkspace({ name: 'two writers', locale: 'en' }));
  got(await a.saveCustomer({ customer: customer(x), create: true }));
  got(await a.saveCustomer({ customer: customer(y), create: true }));
  got(await b.openWorkspace({ id: w.id, locale: 'en' }));
  const rng = createRng(20261202);
  const random = rng.next;
  const savedOrders: { amount: number; id: number }[] = [];
  const outcomes = { profiles: 0, orders: 0, sameCustomer: { first: 0, refused: 0 }, undos: 0 };
  for (let k = 0; k < ROUNDS; k++) {
    const da = Math.floor(random() * 25), db = Math.floor(random() * 25);
    const kind = k % 4;
    if (kind === 0) {
      // Two customers of one shard, one in each tab.
      const [ra, rb] = await Promise.all([
        later<Result<Customer>>(da, async () => a.saveCustomer({ customer: { ...got(await a.getCustomer({ id: x })).customer, notes: `a-${k}` }, create: false })),
        later<Result<Customer>>(db, async () => b.saveCustomer({ customer: { ...got(await b.getCustomer({ id: y })).customer, notes: `b-${k}` }, create: false })),
      ]);
      expect([ra.ok, rb.ok]).toEqual([true, true]);
      const now = await stored(w.dbName);
      expect([now.customers.get(x)!.notes, now.customers.get(y)!.notes]).toEqual([`a-${k}`, `b-${k}`]);
      outcomes.profiles++;
    } else if (kind === 1) {
      // Orders added in both tabs at once: distinct ids, both stored.
      const amounts = [k * 10 + 1, k * 10 + 2];
      const [ra, rb] = await Promise.all([later<Result<BookEvent>>(da, () => a.saveEvent({ event: order(x, amounts[0]) }) as Promise<Result<BookEvent>>), later<Result<BookEvent>>(db, () => b.saveEvent({ event: order(y, amounts[1]) }) as Promise<Result<BookEvent>>)]);
      const ids = [got(ra).id, got(rb).id];
      expect(ids[0]).not.toBe(ids[1]);
      savedOrders.push({ amount: amounts[0], id: ids[0] }, { amount: amounts[1], id: ids[1] });
      outcomes.orders++;
    } else if (kind === 2) {
      // One customer, both tabs from the same version: one save lands, the other is refused and overwrites nothing.
      const va = got(await a.getCustomer({ id: x })).customer, vb = got(await b.getCustomer({ id: x })).customer;
      if (va.updatedAt !== vb.updatedAt) await wait(50);
      const base = got(await a.getCustomer({ id: x })).customer;
      const [ra, rb] = await Promise.all([
        later<Result<Customer>>(da, () => a.saveCustomer({ customer: { ...base, owner: `owner-a-${k}` }, create: false, version: base.updatedAt })),
        later<Result<Customer>>(db, () => b.saveCustomer({ customer: { ...base, owner: `owner-b-${k}` }, create: false, version: base.updatedAt })),
      ]);
      expect([ra.ok, rb.ok].filter(Boolean)).toHaveLength(1);
      const refused = ra.ok ? rb : ra;
      expect(refused).toMatchObject({ ok: false, code: 'stale', detail: 'changed_elsewhere' });
      const now = await stored(w.dbName);
      expect(now.customers.get(x)!.owner).toBe(ra.ok ? `owner-a-${k}` : `owner-b-${k}`);
      outcomes.sameCustomer.first++;
      outcomes.sameCustomer.refused++;
    } else {
      // An import in one tab while the other adds an order; the import's undo takes away its own rows alone.
      const file = new File([`customer id,date,amount\n${x},2026-02-0${1 + (k % 9)},${k}.5\n${y},2026-02-0${1 + (k % 9)},${k}.25\n`], `orders-${k}.csv`);
      const preview = got(await a.previewImport({ file, options: { kind: 'order' } }));
      const [ci, rb] = await Promise.all([
        later<Result<Batch>>(da, async () => {
          let r = await a.commitImport({ token: preview.token });
          // Another tab wrote since the preview: previewed again, as the import screen does.
          if (!r.ok && r.code === 'stale') r = await a.commitImport({ token: got(await a.previewImport({ file, options: { kind: 'order' } })).token });
          return r;
        }),
        later<Result<BookEvent>>(db, () => b.saveEvent({ event: order(y, k * 10 + 3) }) as Promise<Result<BookEvent>>),
      ]);
      const batch = got(ci);
      savedOrders.push({ amount: k * 10 + 3, id: got(rb).id });
      got(await a.undoImport({ id: batch.id }));
      const now = await stored(w.dbName);
      expect(now.orders.filter((o) => o.batch === batch.id)).toEqual([]);
      outcomes.undos++;
    }
  }
  const now = await stored(w.dbName);
  const ids = now.orders.map((o) => o.id);
  expect(new Set(ids).size).toBe(ids.length);
  // Every order a tab was told was saved is stored, under the id it was told.
  const byId = new Map(now.orders.map((o) => [o.id as number, o]));
  for (const s of savedOrders) expect((byId.get(s.id) as { amount?: number } | undefined)?.amount).toBe(s.amount);
  expect(now.orders).toHaveLength(savedOrders.length);
  console.log('two writers', JSON.stringify({ rounds: ROUNDS, ...outcomes }));
  got(await a.deleteWorkspace({ id: w.id }));
}, 300_000);
