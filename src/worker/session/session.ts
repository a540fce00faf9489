// The worker's session: the open workspace, the write queue, "today", and how failures
// become values. Shared by the engine's parts (engine.ts, risk-api.ts).

import { localIso } from '../../domain/dates';
import type { RiskModel } from '../../domain/risk/model';
import type { WorkspaceDB, WorkspaceInfo } from '../../storage/databases';
import { writeAlerts, writeFacts, writeHistory, writeLifetime } from '../../storage/workspace-repo';
import { alertKey, raise, type Alert } from '../../domain/risk/alerts';
import type { BookSummary, Result } from '../contract';
import type { Book } from '../book/book';
import { Cancelled } from './jobs';
import { notify, registry } from './notices';

export interface Open {
  info: WorkspaceInfo;
  db: WorkspaceDB;
  book: Book;
  /** Every published model, oldest first (the last is live). */
  models: RiskModel[];
  /** Live alerts (open or acknowledged) by customer and rule. */
  alerts: Map<string, Alert>;
  /** Settles once `alerts` holds what is stored (read after the book is shown). */
  alertsRead: Promise<void>;
}

export const session: { open: Open | null } = { open: null };

/** What the last open, full rescore and single-shard rescore took here, in ms (shown in settings, read by the bench). */
export const timings: { openMs: number | null; rescoreAllMs: number | null; rescoreOneMs: number | null; openPhases: Record<string, number>; rescorePhases: Record<string, number> } = {
  openMs: null, rescoreAllMs: null, rescoreOneMs: null, openPhases: {}, rescorePhases: {},
};

/** Writes are serialised so that two quick edits of one shard never race. */
let writing: Promise<unknown> = Promise.resolve();

/** The device's local calendar date: "today" for every figure. */
export const today = () => localIso(new Date());

export function failure(err: unknown): Result<never> {
  if (err instanceof Cancelled) return { ok: false, code: 'cancelled' };
  const e = err as { name?: string; inner?: { name?: string }; message?: string };
  if (e?.name === 'QuotaExceededError' || e?.inner?.name === 'QuotaExceededError') return { ok: false, code: 'quota_exceeded' };
  return { ok: false, code: 'storage_failed', detail: e?.message ?? String(err) };
}

/**
 * The open book, moved to today first when the date has changed since it was last read: a
 * book left open overnight shows tomorrow's figures (an override that lapsed, days past due
 * one more) on the next look, not only after a reload.
 */
export function openToday(): Open | null {
  const o = session.open;
  if (o && o.book.today !== today()) {
    o.book.setAsOf(today());
    // The new day's snapshots, firings and facts are kept as after any rescore.
    void settle(o);
  }
  return o;
}

export function summary(o: Open): BookSummary {
  return { id: o.info.id, customers: o.book.customerCount, events: o.book.eventCount };
}

export async function touch(o: Open): Promise<void> {
  o.info = { ...o.info, updatedAt: Date.now(), customers: o.book.customerCount, events: o.book.eventCount };
  await registry().workspaces.put(o.info);
}

export function serial<T>(work: () => Promise<T>): Promise<T> {
  const next = writing.then(work, work);
  writing = next.catch(() => undefined);
  return next;
}

/**
 * Turns the firings of the last rescore into alerts (one per customer and rule while live)
 * and saves them; tells the page when there are new ones.
 */
export async function saveAlerts(o: Open): Promise<number> {
  const firings = o.book.risk.firings;
  if (!firings.length) return 0;
  o.book.risk.firings = [];
  await o.alertsRead;
  const changed = raise(o.alerts, firings, Date.now(), () => crypto.randomUUID());
  try {
    await serial(() => writeAlerts(o.db, changed));
  } catch (err) {
    // Not written (a full disk, say): the firings wait for the next settle rather than vanish.
    o.book.risk.firings.unshift(...firings);
    throw err;
  }
  for (const a of changed) o.alerts.set(alertKey(a.customerId, a.ruleId), a);
  return changed.length;
}

let settling: Promise<void> = Promise.resolve();

/**
 * After a rescore: its history and its alerts saved; the page hears of new alerts. Settles run
 * one after another, so that when one answers, everything asked before it has landed.
 */
export function settle(o: Open, lap: (phase: string) => void = () => {}): Promise<void> {
  const run = settling.then(() => settleNow(o, lap));
  settling = run.catch(() => undefined);
  return run;
}

async function settleNow(o: Open, lap: (phase: string) => void): Promise<void> {
  await saveHistory(o);
  lap('history');
  await saveFacts(o);
  lap('facts');
  if (o.book.risk.lifetimeDirty && o.book.risk.lifetime) {
    o.book.risk.lifetimeDirty = false;
    await serial(() => writeLifetime(o.db, o.book.risk.lifetime!)).catch(() => (o.book.risk.lifetimeDirty = true));
  }
  if (await saveAlerts(o).catch(() => 0)) notify({ type: 'alerts' });
  lap('alerts');
}

/** Stores the facts of the shards computed afresh, for the next open (derived data: a failure only costs time). */
export function saveFacts(o: Open): Promise<void> {
  const dirty = [...o.book.factsDirty];
  if (!dirty.length) return Promise.resolve();
  o.book.factsDirty.clear();
  const facts = dirty.map((no) => o.book.factsOf(no));
  return serial(() => writeFacts(o.db, facts))
    .then(() => facts.forEach((f) => o.book.factsStored(f)))
    .catch(() => {
      for (const no of dirty) o.book.factsDirty.add(no);
    });
}

/** Saves the score history that rescoring added; derived data, so written after the data it comes from. */
export function saveHistory(o: Open): Promise<void> {
  const dirty = [...o.book.risk.historyDirty];
  if (!dirty.length) return Promise.resolve();
  o.book.risk.historyDirty.clear();
  return serial(() => writeHistory(o.db, dirty, o.book.risk.history)).catch(() => {
    for (const no of dirty) o.book.risk.historyDirty.add(no);
  });
}

