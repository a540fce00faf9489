// Workspaces: list, create (empty or a generated demo), rename, delete, open, reset a demo;
// and what the page needs besides (its notice listener, a job's cancel, the timings).

import { addDays, dayFromIso } from '../../domain/dates';
import { DEMO_BOOKS, type DemoBook } from '../../domain/demo/book';
import type { BatchId, Locale } from '../../domain/types';
import { WorkspaceDB, workspaceDbName, type WorkspaceInfo } from '../../storage/databases';
import { deleteWorkspaceInfo, getWorkspaceInfo, listWorkspaceInfos, patchWorkspaceInfo, putWorkspaceInfo } from '../../storage/registry-repo';
import { asNewBook, cleanedUp, whileCreating } from '../session/cleanup';
import { SHARD_COUNT } from '../../storage/schema';
import { replaceBook, type Belief } from '../../storage/workspace-repo';
import { Book } from '../book/book';
import { buildDemoShards, replayYear } from '../book/demo';
import type { BookSummary, EngineNotice, Result } from '../contract';
import { asOfDay } from '../session/clock';
import { cancelJob, type Job } from '../session/jobs';
import { notify, subscribe } from '../session/notices';
import { OpenBook, session, type Made } from '../session/open-book';
import { Responses } from '../respond/responses';
import { demoResponses } from '../../domain/demo/respond';
import { retailResponses } from '../../domain/demo/retail';
import { decodeCustomers } from '../../domain/columns';
import { settle } from '../session/settle';
import { timings } from '../session/writes';
import { fail, free, ok, read, write } from './wrap';

/** Writes a generated demo book into `db` (replacing all it held; guarded by `belief` for a reset) and gives the book. */
async function generate(info: WorkspaceInfo, db: WorkspaceDB, job: Job, belief?: Belief): Promise<Made> {
  const demo = info.demo!;
  const asOf = asOfDay();
  info.demo = { ...demo, asOf };
  const now = Date.now();
  const built = await buildDemoShards({ ...demo, asOf }, SHARD_COUNT, job, now);
  // The year of history is scored before anything is written: a cancel leaves the disk as it was.
  const history = DEMO_BOOKS[demo.book].history;
  const book = new Book(built.shards, SHARD_COUNT, built.nextEventId, dayFromIso(history ? addDays(asOf, -360) : asOf), demo.locale);
  // Books with a year of history ship with responses under way and done (see domain/demo/respond.ts).
  const customers = new Map(built.shards.flatMap((s) => decodeCustomers(s.customers)).map((c) => [c.id as string, c]));
  const responses = !history ? { actions: [], reviews: [] } : demo.book === 'retail' ? retailResponses({ ...demo, asOf }, customers, now) : demoResponses({ ...demo, asOf }, customers, now);
  if (history) await replayYear(book, asOf, job, responses.actions);
  job.checkpoint('write', 0, 1);
  await replaceBook(db, built.shards, { shardCount: SHARD_COUNT, nextEventId: built.nextEventId }, [
    { id: 'demo' as BatchId, kind: 'demo', label: demo.book, createdAt: now },
  ], belief, responses);
  return { book, respond: Responses.from(responses) };
}

async function empty(db: WorkspaceDB, locale: string): Promise<Made> {
  await replaceBook(db, [], { shardCount: SHARD_COUNT, nextEventId: 1 }, []);
  return { book: new Book([], SHARD_COUNT, 1, dayFromIso(asOfDay()), locale), respond: new Responses() };
}

/**
 * The clean-up of what interrupted creates, restores and deletes left (session/cleanup.ts),
 * once, soon after the start: it blocks nothing (pending books are neither listed nor opened)
 * and so stays out of the way of the first open.
 */
function cleanUpSoon(): void {
  setTimeout(() => void cleanedUp(), 500);
}

export const workspaces = {
  /** Registers the page's listener for notices (another tab upgraded, or changed data); the one method whose argument is a (proxied) callback. */
  subscribe: (listener: (n: EngineNotice) => void): Promise<Result<null>> => {
    subscribe(listener);
    return Promise.resolve(ok(null));
  },

  /** Asks a running job to stop at its next checkpoint (not wrapped: a wrapped call's own job would clear the request). */
  cancelJob: ({ job }: { job: string }): Promise<Result<null>> => {
    cancelJob(job);
    return Promise.resolve(ok(null));
  },

  /** The books that open, most recently changed first (after removing what an interrupted create, restore or delete left). */
  listWorkspaces: free(async (_: Record<string, never> = {}) => {
    cleanUpSoon();
    return ok(await listWorkspaceInfos());
  }),

  /** Creates a workspace (empty, or a generated demo book) and opens it. All or nothing. */
  createWorkspace: free(async (args: { name: string; demo?: { book: DemoBook; seed: number; locale: Locale }; job?: string; locale: string; currency?: string }, job) => {
    const id = crypto.randomUUID();
    const now = Date.now();
    const info: WorkspaceInfo = { id, name: args.name.trim() || id.slice(0, 8), dbName: workspaceDbName(id), createdAt: now, updatedAt: now, demo: args.demo ?? null, customers: 0, events: 0, ...(validCurrency(args.currency) ? { currency: args.currency!.toUpperCase() } : {}) };
    // Listed as pending until complete (its touch lists it so): see session/cleanup.ts.
    const o = await asNewBook(info, async () => {
      const made = await OpenBook.create(info, (db) => (args.demo ? generate(info, db, job) : empty(db, args.locale)));
      await made.touch().catch((err) => {
        made.close();
        throw err;
      });
      return made;
    });
    session.adopt(o);
    await settle(o);
    return ok(o.info);
  }),

  renameWorkspace: free(async ({ id, name }: { id: string; name: string }) => {
    const info = await getWorkspaceInfo(id);
    if (!info) return fail('not_found');
    if (!name.trim()) return fail('invalid', { issues: [{ column: 'name', code: 'required' }] });
    const renamed = { ...info, name: name.trim() };
    await putWorkspaceInfo(renamed);
    if (session.open?.info.id === id) session.open.info = renamed;
    return ok(renamed);
  }),

  /** Sets a book's currency (figures and totals are shown in it; files are read in it unless they say otherwise). */
  setWorkspaceCurrency: free(async ({ id, currency }: { id: string; currency: string }) => {
    const info = await getWorkspaceInfo(id);
    if (!info) return fail('not_found');
    if (!validCurrency(currency)) return fail('invalid', { issues: [{ column: 'currency', code: 'invalid_currency' }] });
    const changed = { ...info, currency: currency.toUpperCase() };
    await putWorkspaceInfo(changed);
    if (session.open?.info.id === id) session.open.info = changed;
    return ok(changed);
  }),

  deleteWorkspace: free(async ({ id }: { id: string }) => {
    const info = await getWorkspaceInfo(id);
    if (!info) return fail('not_found');
    session.closeIf(id);
    // Marked first: a delete cut off is finished by the next start, never left as a book that does not open.
    await patchWorkspaceInfo(id, { pending: 'deleting' });
    await whileCreating(info.dbName, () => new WorkspaceDB(info.dbName).delete());
    await deleteWorkspaceInfo(id);
    return ok(null);
  }),

  /** Loads a workspace into memory; lists and edits then work on it. */
  openWorkspace: free(async ({ id, locale }: { id: string; locale: string }): Promise<Result<BookSummary>> => {
    const open = session.open;
    if (open?.info.id === id) {
      open.moveToToday();
      return ok(open.summary);
    }
    const info = await getWorkspaceInfo(id);
    if (!info || info.pending) return fail('not_found');
    const o = await OpenBook.open(info, locale);
    // The list's counts follow the book (a tab closed mid-write may have left them behind).
    const counts = { customers: o.book.customerCount, events: o.book.eventCount };
    if (info.customers !== counts.customers || info.events !== counts.events) {
      o.info = { ...o.info, ...counts };
      await patchWorkspaceInfo(id, counts).catch(() => undefined);
    }
    session.adopt(o);
    void settle(o);
    cleanUpSoon();
    return ok(o.summary);
  }),

  /** Regenerates the open demo book from its seed, replacing everything in it at once. */
  resetDemo: write(async (o, _: { job?: string }, job) => {
    if (!o.info.demo) return fail('no_workspace');
    o.replace(await generate(o.info, o.db, job, o.belief));
    await patchWorkspaceInfo(o.info.id, { demo: o.info.demo });
    return ok(o.summary);
  }, { touch: true, settle: 'await' }),

  /** Moves the open book to the device's today if the day changed (the page asks when it is shown again); lists then refresh. */
  moveToToday: free(async (_: Record<string, never> = {}) => {
    const o = session.open;
    if (!o) return fail('no_workspace');
    const moved = o.moveToToday();
    if (moved) notify({ type: 'changed' });
    return ok({ moved });
  }),

  getSummary: read(async (o, _: Record<string, never> = {}) => ok(o.summary)),

  getTimings: free(async (_: Record<string, never> = {}) => ok({ ...timings })),
};

/** A currency code: three letters (ISO 4217). */
function validCurrency(c: string | undefined): boolean {
  return !!c && /^[A-Za-z]{3}$/.test(c);
}
