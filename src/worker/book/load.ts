// Reading a whole workspace into a Book (an open, another tab's change, an undo that removes
// customers), with its published models and its live alerts.

import { dayFromIso } from '../../domain/dates';
import { alertKey, type Alert } from '../../domain/risk/alerts';
import { parseModel, type RiskModel } from '../../domain/risk/model';

const current = (m: RiskModel): RiskModel => {
  const r = parseModel(m);
  return r.ok ? { ...r.model, name: m.name, revision: m.revision } : m;
};
import type { WorkspaceDB } from '../../storage/databases';
import { SHARD_COUNT } from '../../storage/schema';
import { readBook, readLiveAlerts, readRespond, readRisk } from '../../storage/workspace-repo';
import { Responses } from '../respond/responses';
import { timings } from '../session/writes';
import { Book } from './book';

export interface Loaded {
  book: Book;
  models: RiskModel[];
  alerts: Map<string, Alert>;
  /** Settles once `alerts` holds what is stored. */
  alertsRead: Promise<void>;
  /** The write sequence the book was read at (see `Belief`). */
  seq: number;
  respond: Responses;
}

/** Reads a whole workspace into a Book assessed as of `asOf` (`YYYY-MM-DD`). */
export async function load(db: WorkspaceDB, locale: string, asOf: string): Promise<Loaded> {
  const t0 = performance.now();
  const [{ shards, meta, seq }, stored, respond] = await Promise.all([readBook(db), readRisk(db), readRespond(db)]);
  // Models stored by an older build gain the settings added since (a format-1 model keeps its rule).
  const risk = { ...stored, model: stored.model && current(stored.model), models: stored.models?.map(current) };
  const read = Math.round(performance.now() - t0);
  // A chosen analysis date stands; otherwise the clock's day.
  const book = new Book(shards, meta?.shardCount ?? SHARD_COUNT, meta?.nextEventId ?? 1, dayFromIso(risk.asOf ?? asOf), locale, risk);
  timings.openPhases = { read, ...book.phases };
  // Live alerts are read after the book is shown: only the inbox and new firings need them.
  const alerts = new Map<string, Alert>();
  const alertsRead = readLiveAlerts(db).then((live) => {
    for (const a of live) alerts.set(alertKey(a.customerId, a.ruleId), a);
  });
  return { book, models: risk.models ?? [book.risk.model], alerts, alertsRead, seq, respond: Responses.from(respond) };
}
