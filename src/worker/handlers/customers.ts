// The customer list and one customer: query a page of the list, its facets, read a customer
// with its events, save a customer or an event, delete an event.

import { DEFAULT_QUERY, type ListQuery } from '../../domain/query';
import { validateCustomer, validateEvent } from '../../domain/validate';
import type { Batch, BatchId, BookEvent, Customer, CustomerId, EventId, EventKind, NewEvent } from '../../domain/types';
import type { ShardRecord } from '../../storage/schema';
import { writeShard } from '../../storage/workspace-repo';
import type { OpenBook } from '../session/open-book';
import { timings } from '../session/writes';
import { listMask } from './segments';
import { fail, ok, read, write } from './wrap';
import { readCustomFields } from '../book/book-fields';
import { nextCustomerId } from '../../domain/customer-id';
import { erasedKey } from '../../domain/removals';
import { readRemovals } from '../clean/removals';

const MANUAL = 'manual' as BatchId;
const EDITED = { touch: true, settle: 'after' } as const;

/** Writes a changed shard, then makes it current and rescores the customer it is about. */
async function persist(o: OpenBook, shard: ShardRecord, manualBatch: boolean, customerId: string): Promise<void> {
  const batch: Batch | undefined = manualBatch ? { id: MANUAL, kind: 'manual', label: '', createdAt: Date.now() } : undefined;
  await writeShard(o.db, shard, { shardCount: o.book.shardCount, nextEventId: o.book.nextEventId }, batch, o.belief);
  const t0 = performance.now();
  o.book.commit(shard, [customerId]);
  timings.rescoreOneMs = performance.now() - t0;
}

export const customers = {
  /** One page of the list (at most 500 rows) for a query, and how many rows it has in all. */
  queryCustomers: read(async (o, { query = DEFAULT_QUERY, offset = 0, limit = 50 }: { query?: ListQuery; offset?: number; limit?: number }) =>
    ok(o.book.page(query, offset, Math.min(limit, 500), await listMask(o, query.segment))),
  ),

  /** The values the list can be filtered by (owners, regions, industries, tags…). */
  getFacets: read(async (o, _: Record<string, never> = {}) => ok(o.book.facets())),

  /** The book's custom fields (columns users kept from their files), in the order they came. */
  getCustomFields: read(async (o, _: Record<string, never> = {}) => ok(await readCustomFields(o.db))),

  getCustomer: read(async (o, { id }: { id: string }) => {
    const customer = o.book.customer(id);
    if (!customer) return fail('not_found');
    return ok({ customer, events: o.book.eventsOf(id) });
  }),

  /**
   * Saves a new customer, or a changed one. `version` is the `updatedAt` of the customer the
   * form started from: when the stored one has changed since (another tab, an import), the save
   * is refused ('stale', detail 'changed_elsewhere') and nothing is overwritten.
   */
  saveCustomer: write(async (o, { customer, create, version }: { customer: Customer; create: boolean; version?: number }) => {
    let id = customer.id.trim();
    // A new customer without an id takes the next of the book's own (not one of an erased person).
    if (create && !id) {
      const removals = await readRemovals(o);
      id = nextCustomerId(o.book.idsOf(DEFAULT_QUERY), (x) => !!o.book.customer(x) || removals.erased[erasedKey(x)] !== undefined);
    }
    const clean: Customer = { ...customer, id: id as CustomerId, name: customer.name.trim(), tags: customer.tags.map((t) => t.trim()).filter(Boolean) };
    const issues = validateCustomer(clean);
    if (issues.length) return fail('invalid', { issues });
    const existing = o.book.customer(clean.id);
    if (create && existing) return fail('duplicate_id', { issues: [{ column: 'id', code: 'duplicate_id' }] });
    if (!create && !existing) return fail('not_found');
    if (existing && version !== undefined && existing.updatedAt !== version) return fail('stale', { detail: 'changed_elsewhere' });
    // Strictly later than the version replaced, so that a form's version names one save (two saves can share a millisecond).
    const saved: Customer = { ...clean, batch: existing?.batch ?? MANUAL, updatedAt: Math.max(Date.now(), (existing?.updatedAt ?? 0) + 1) };
    await persist(o, o.book.withCustomer(saved), !existing, saved.id);
    return ok(saved);
  }, EDITED),

  saveEvent: write(async (o, { event }: { event: BookEvent | NewEvent }) => {
    if (!o.book.customer(event.customerId)) return fail('not_found');
    const isNew = !('id' in event) || !event.id;
    const full = { ...event, id: isNew ? o.book.nextEventId : event.id, batch: isNew ? MANUAL : event.batch } as BookEvent;
    const issues = validateEvent(full);
    if (issues.length) return fail('invalid', { issues });
    if (isNew) o.book.nextEventId++;
    await persist(o, o.book.withEvent(full.customerId, full.kind, { put: full }), isNew, full.customerId);
    return ok(full);
  }, EDITED),

  deleteEvent: write(async (o, { customerId, kind, id }: { customerId: CustomerId; kind: EventKind; id: EventId }) => {
    await persist(o, o.book.withEvent(customerId, kind, { removeId: id }), false, customerId);
    return ok(null);
  }, EDITED),
};
