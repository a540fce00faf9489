// Reading a whole workspace into a Book (an open, another tab's change, an undo that removes customers).

import { dayFromIso } from '../../domain/dates';
import { alertKey, type Alert } from '../../domain/risk/alerts';
import type { RiskModel } from '../../domain/risk/model';
import type { WorkspaceDB } from '../../storage/databases';
import { SHARD_COUNT } from '../../storage/schema';
import { readBook, readLiveAlerts, readRisk } from '../../storage/workspace-repo';
import { Book } from './book';
import { timings, today } from '../session/session';

/** Reads a whole workspace into a Book. */
export async function load(db: WorkspaceDB, locale: string): Promise<{ book: Book; models: RiskModel[]; alerts: Map<string, Alert>; alertsRead: Promise<void> }> {
  const t0 = performance.now();
  const [{ shards, meta }, risk] = await Promise.all([readBook(db), readRisk(db)]);
  const read = Math.round(performance.now() - t0);
  const book = new Book(shards, meta?.shardCount ?? SHARD_COUNT, meta?.nextEventId ?? 1, dayFromIso(today()), locale, risk);
  timings.openPhases = { read, ...book.phases };
  // Live alerts are read after the book is shown: only the inbox and new firings need them.
  const alerts = new Map<string, Alert>();
  const alertsRead = readLiveAlerts(db).then((live) => {
    for (const a of live) alerts.set(alertKey(a.customerId, a.ruleId), a);
  });
  return { book, models: risk.models ?? [book.risk.model], alerts, alertsRead };
}
