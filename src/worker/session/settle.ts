// What follows a rescore: the score history, the facts, the lifetime fit and the alerts it
// produced are saved (derived data, written after the data it comes from), and the page hears
// of new alerts. Settles run one after another, so that when one answers, everything asked
// before it has landed.

import { alertKey, raise, type Alert } from '../../domain/risk/alerts';
import type { WorkspaceDB } from '../../storage/databases';
import { writeAlerts, writeFacts, writeHistory, writeLifetime } from '../../storage/workspace-repo';
import type { Book } from '../book/book';
import { notify } from './notices';
import { factsOf } from '../respond/alert-facts';
import { serial } from './writes';

/** What a settle reads of the open book (see `OpenBook`, which the session hands in). */
export interface Settled {
  readonly db: WorkspaceDB;
  readonly book: Book;
  readonly alerts: Map<string, Alert>;
  readonly alertsRead: Promise<void>;
}

let settling: Promise<void> = Promise.resolve();

export function settle(o: Settled, lap: (phase: string) => void = () => {}): Promise<void> {
  const run = settling.then(() => settleNow(o, lap));
  settling = run.catch(() => undefined);
  return run;
}

async function settleNow(o: Settled, lap: (phase: string) => void): Promise<void> {
  await saveHistory(o);
  lap('history');
  await saveFacts(o);
  lap('facts');
  const risk = o.book.risk;
  if (risk.lifetimeDirty && risk.lifetime) {
    risk.lifetimeDirty = false;
    await serial(() => writeLifetime(o.db, risk.lifetime!)).catch(() => (risk.lifetimeDirty = true));
  }
  if (await saveAlerts(o).catch(() => 0)) notify({ type: 'alerts' });
  lap('alerts');
}

/**
 * Turns the firings of the last rescore into alerts (one per customer and rule while live)
 * and saves them; returns how many changed.
 */
export async function saveAlerts(o: Settled): Promise<number> {
  const firings = o.book.risk.firings;
  if (!firings.length) return 0;
  o.book.risk.firings = [];
  await o.alertsRead;
  const changed = raise(o.alerts, firings.map((f) => ({ ...f, facts: factsOf(o.book, f) })), Date.now(), () => crypto.randomUUID());
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

/** Stores the facts of the shards computed afresh, for the next open (derived data: a failure only costs time). */
function saveFacts(o: Settled): Promise<void> {
  const book = o.book;
  const dirty = [...book.factsDirty];
  if (!dirty.length) return Promise.resolve();
  book.factsDirty.clear();
  const facts = dirty.map((no) => book.factsOf(no));
  return serial(() => writeFacts(o.db, facts))
    .then(() => facts.forEach((f) => book.factsStored(f)))
    .catch(() => {
      for (const no of dirty) book.factsDirty.add(no);
    });
}

/** Saves the score history that rescoring added. */
function saveHistory(o: Settled): Promise<void> {
  const risk = o.book.risk;
  const dirty = [...risk.historyDirty];
  if (!dirty.length) return Promise.resolve();
  risk.historyDirty.clear();
  return serial(() => writeHistory(o.db, dirty, risk.history)).catch(() => {
    for (const no of dirty) risk.historyDirty.add(no);
  });
}
