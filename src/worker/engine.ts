// The Custos engine behind one Comlink API: workspaces, demo books, the customer list and
// edits. It alone opens IndexedDB and keeps the open book in memory (see book.ts).

import { dayFromIso } from '../domain/dates';
import { DEFAULT_QUERY, type ListQuery } from '../domain/query';
import { validateCustomer, validateEvent } from '../domain/validate';
import type { BatchId, BookEvent, Customer, CustomerId, EventId, EventKind, Locale, NewEvent } from '../domain/types';
import type { DemoBook } from '../domain/demo/book';
import { WorkspaceDB, workspaceDbName, type WorkspaceInfo } from '../storage/databases';
import { replaceBook, writeShard } from '../storage/workspace-repo';
import { riskApi } from './handlers/risk';
import { listMask, segmentsApi } from './handlers/segments';
import { importApi } from './handlers/imports';
import { dataApi } from './handlers/data';
import { load } from './book/load';
import { failure, openToday, serial, session, settle, summary, timings, today, touch, type Open } from './session/session';
import { SHARD_COUNT } from '../storage/schema';
import type { BookSummary, EngineNotice, Result } from './contract';
import { Book } from './book/book';
import { buildDemoShards } from './book/demo';
import { Job, cancelJob, type OnProgress } from './session/jobs';
import { notify, onChangedElsewhere, registry, subscribe, tellOtherTabs } from './session/notices';

const MANUAL = 'manual' as BatchId;

async function generate(info: WorkspaceInfo, db: WorkspaceDB, job: Job): Promise<Book> {
  const demo = info.demo!;
  const built = await buildDemoShards({ ...demo, asOf: today() }, SHARD_COUNT, job, Date.now());
  job.checkpoint('write', 0, 1);
  await replaceBook(db, built.shards, { shardCount: SHARD_COUNT, nextEventId: built.nextEventId }, [
    { id: 'demo' as BatchId, kind: 'demo', label: demo.book, createdAt: Date.now() },
  ]);
  return new Book(built.shards, SHARD_COUNT, built.nextEventId, dayFromIso(today()), demo.locale);
}

export const engine = {
  /** Registers the page's listener for notices (another tab upgraded, or changed data). */
  subscribe(listener: (n: EngineNotice) => void): void {
    subscribe(listener);
  },

  cancel({ job }: { job: string }): void {
    cancelJob(job);
  },

  async listWorkspaces(): Promise<WorkspaceInfo[]> {
    return registry().workspaces.orderBy('updatedAt').reverse().toArray();
  },

  /** Creates a workspace (empty, or a generated demo book) and opens it. All or nothing. */
  async createWorkspace(
    args: { name: string; demo?: { book: DemoBook; seed: number; locale: Locale }; job?: string; locale: string },
    onProgress?: OnProgress,
  ): Promise<Result<WorkspaceInfo>> {
    const id = crypto.randomUUID();
    const now = Date.now();
    const info: WorkspaceInfo = { id, name: args.name.trim() || id.slice(0, 8), dbName: workspaceDbName(id), createdAt: now, updatedAt: now, demo: args.demo ?? null, customers: 0, events: 0 };
    const db = new WorkspaceDB(info.dbName, () => notify({ type: 'versionchange' }));
    const job = new Job(args.job, onProgress);
    try {
      const book = args.demo
        ? await generate(info, db, job)
        : (await replaceBook(db, [], { shardCount: SHARD_COUNT, nextEventId: 1 }, []), new Book([], SHARD_COUNT, 1, dayFromIso(today()), args.locale));
      session.open?.db.close();
      session.open = { info, db, book, models: [book.risk.model], alerts: new Map(), alertsRead: Promise.resolve() };
      await touch(session.open);
      await settle(session.open);
      return { ok: true, value: session.open.info };
    } catch (err) {
      await db.delete().catch(() => undefined);
      return failure(err);
    } finally {
      job.done();
    }
  },

  async renameWorkspace({ id, name }: { id: string; name: string }): Promise<Result<WorkspaceInfo>> {
    const info = await registry().workspaces.get(id);
    if (!info) return { ok: false, code: 'not_found' };
    if (!name.trim()) return { ok: false, code: 'invalid', issues: [{ column: 'name', code: 'required' }] };
    const renamed = { ...info, name: name.trim() };
    await registry().workspaces.put(renamed);
    if (session.open?.info.id === id) session.open.info = renamed;
    return { ok: true, value: renamed };
  },

  async deleteWorkspace({ id }: { id: string }): Promise<Result<null>> {
    const info = await registry().workspaces.get(id);
    if (!info) return { ok: false, code: 'not_found' };
    if (session.open?.info.id === id) {
      session.open.db.close();
      session.open = null;
    }
    await new WorkspaceDB(info.dbName).delete();
    await registry().workspaces.delete(id);
    return { ok: true, value: null };
  },

  /** Loads a workspace into memory; lists and edits then work on it. */
  async openWorkspace({ id, locale }: { id: string; locale: string }): Promise<Result<BookSummary>> {
    if (session.open?.info.id === id) {
      return { ok: true, value: summary(openToday()!) };
    }
    const info = await registry().workspaces.get(id);
    if (!info) return { ok: false, code: 'not_found' };
    const db = new WorkspaceDB(info.dbName, () => notify({ type: 'versionchange' }));
    try {
      const t0 = performance.now();
      const { book, models, alerts, alertsRead } = await load(db, locale);
      timings.openMs = performance.now() - t0;
      session.open?.db.close();
      session.open = { info, db, book, models, alerts, alertsRead };
      void settle(session.open);
      return { ok: true, value: summary(session.open) };
    } catch (err) {
      db.close();
      return failure(err);
    }
  },

  /** Regenerates the open demo book from its seed, replacing everything in it at once. */
  async resetDemo({ job }: { job?: string }, onProgress?: OnProgress): Promise<Result<BookSummary>> {
    const o = session.open;
    if (!o?.info.demo) return { ok: false, code: 'no_workspace' };
    const j = new Job(job, onProgress);
    try {
      o.book = await serial(() => generate(o.info, o.db, j));
      o.models = [o.book.risk.model];
      o.alerts = new Map();
      o.alertsRead = Promise.resolve();
      await touch(o);
      await settle(o);
      tellOtherTabs(o.info.dbName);
      return { ok: true, value: summary(o) };
    } catch (err) {
      return failure(err);
    } finally {
      j.done();
    }
  },

  async queryCustomers({ query = DEFAULT_QUERY, offset = 0, limit = 50 }: { query?: ListQuery; offset?: number; limit?: number }) {
    const o = openToday();
    if (!o) return { total: 0, rows: [] };
    return o.book.page(query, offset, Math.min(limit, 500), await listMask(o, query.segment));
  },

  /** The open book's counts (after an import or an undo). */
  async bookSummary(): Promise<BookSummary | null> {
    return session.open ? summary(session.open) : null;
  },

  async facets() {
    return session.open ? session.open.book.facets() : null;
  },

  async getCustomer({ id }: { id: string }): Promise<Result<{ customer: Customer; events: BookEvent[] }>> {
    const o = openToday();
    const customer = o?.book.customer(id);
    if (!o || !customer) return { ok: false, code: 'not_found' };
    return { ok: true, value: { customer, events: o.book.eventsOf(id) } };
  },

  async saveCustomer({ customer, create }: { customer: Customer; create: boolean }): Promise<Result<Customer>> {
    const o = session.open;
    if (!o) return { ok: false, code: 'no_workspace' };
    const clean: Customer = { ...customer, id: customer.id.trim() as CustomerId, name: customer.name.trim(), tags: customer.tags.map((t) => t.trim()).filter(Boolean) };
    const issues = validateCustomer(clean);
    if (issues.length) return { ok: false, code: 'invalid', issues };
    const existing = o.book.customer(clean.id);
    if (create && existing) return { ok: false, code: 'duplicate_id', issues: [{ column: 'id', code: 'duplicate_id' }] };
    if (!create && !existing) return { ok: false, code: 'not_found' };
    const saved: Customer = { ...clean, batch: existing?.batch ?? MANUAL, updatedAt: Date.now() };
    return persist(o, o.book.withCustomer(saved), saved, !existing, saved.id);
  },

  async saveEvent({ event }: { event: BookEvent | NewEvent }): Promise<Result<BookEvent>> {
    const o = session.open;
    if (!o) return { ok: false, code: 'no_workspace' };
    if (!o.book.customer(event.customerId)) return { ok: false, code: 'not_found' };
    const isNew = !('id' in event) || !event.id;
    const full = { ...event, id: isNew ? o.book.nextEventId : event.id, batch: isNew ? MANUAL : event.batch } as BookEvent;
    const issues = validateEvent(full);
    if (issues.length) return { ok: false, code: 'invalid', issues };
    if (isNew) o.book.nextEventId++;
    return persist(o, o.book.withEvent(full.customerId, full.kind, { put: full }), full, isNew, full.customerId);
  },

  async deleteEvent({ customerId, kind, id }: { customerId: CustomerId; kind: EventKind; id: EventId }): Promise<Result<null>> {
    const o = session.open;
    if (!o) return { ok: false, code: 'no_workspace' };
    return persist(o, o.book.withEvent(customerId, kind, { removeId: id }), null, false, customerId);
  },

  ...riskApi,
  ...segmentsApi,
  ...importApi,
  ...dataApi,
};

/** Writes a changed shard, then makes it current and rescores the customer it is about. */
async function persist<T>(o: Open, shard: ReturnType<Book['withCustomer']>, value: T, manualBatch: boolean, customerId: string): Promise<Result<T>> {
  try {
    await serial(() =>
      writeShard(o.db, shard, { shardCount: o.book.shardCount, nextEventId: o.book.nextEventId }, manualBatch ? { id: MANUAL, kind: 'manual', label: '', createdAt: Date.now() } : undefined),
    );
    const t0 = performance.now();
    o.book.commit(shard, [customerId]);
    timings.rescoreOneMs = performance.now() - t0;
    await touch(o);
    void settle(o);
    tellOtherTabs(o.info.dbName, shard.no);
    return { ok: true, value };
  } catch (err) {
    return failure(err);
  }
}

onChangedElsewhere(async (dbName) => {
  const o = session.open;
  if (o?.info.dbName !== dbName) return;
  // Another tab changed data, the model or overrides: read the workspace again.
  const { book, models, alerts, alertsRead } = await load(o.db, o.book.locale);
  if (session.open !== o) return;
  o.book = book;
  o.models = models;
  o.alerts = alerts;
  o.alertsRead = alertsRead;
  notify({ type: 'changed' });
});
