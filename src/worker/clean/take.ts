// Customers taken out of the open book with everything that is theirs: their rows and events
// (per shard, as columns), their kept scores, alerts, actions, reviews and override. What is
// taken is returned whole, so that a delete can be undone while the app stays open; the write
// that removes it all is one transaction (see change-repo.ts).

import type { Columns } from '../../domain/columns';
import { appendRows, rowsHolding, splitRows } from '../../domain/column-rows';
import type { EventTables } from '../../domain/figures';
import { historyWith, historyWithout, type CustomerHistory } from '../../domain/risk/history-rows';
import type { Alert } from '../../domain/risk/alerts';
import type { Override } from '../../domain/risk/snapshots';
import type { Action } from '../../domain/respond/actions';
import type { Review } from '../../domain/respond/reviews';
import { EVENT_KINDS } from '../../domain/types';
import type { ShardRecord } from '../../storage/schema';
import type { ChangeWrite } from '../../storage/change-repo';
import type { OpenBook } from '../session/open-book';

/** What a delete took out of the book, shard by shard, and the records that were the customers'. */
export interface Taken {
  ids: string[];
  shards: { no: number; customers: Columns; events: EventTables }[];
  history: { no: number; entries: CustomerHistory[] }[];
  alerts: Alert[];
  actions: Action[];
  reviews: Review[];
  overrides: Override[];
  events: number;
}

/** The write that takes customers `ids` out of the open book, and what it takes. */
export async function takeCustomers(o: OpenBook, ids: ReadonlySet<string>): Promise<{ write: ChangeWrite; taken: Taken }> {
  const book = o.book;
  const byShard = new Map<number, Set<string>>();
  for (const id of ids) {
    const no = book.shardNo(id);
    if (!byShard.has(no)) byShard.set(no, new Set());
    byShard.get(no)!.add(id);
  }
  const taken: Taken = { ids: [...ids], shards: [], history: [], alerts: [], actions: [], reviews: [], overrides: [], events: 0 };
  const write: ChangeWrite = { shards: [], history: [] };
  const shards: ShardRecord[] = [];
  for (const [no, mine] of byShard) {
    const shard = book.shard(no);
    const split = splitRows(shard.customers, rowsHolding(shard.customers, 'id', mine));
    if (!split) continue;
    const events = { ...shard.events };
    const takenEvents = {} as EventTables;
    for (const kind of EVENT_KINDS) {
      const s = splitRows(shard.events[kind], rowsHolding(shard.events[kind], 'customerId', mine));
      events[kind] = s ? s.kept : shard.events[kind];
      takenEvents[kind] = s ? s.taken : { n: 0, cols: {} } as Columns;
      taken.events += s?.taken.n ?? 0;
    }
    taken.shards.push({ no, customers: split.taken, events: takenEvents });
    shards.push({ ...shard, rev: (shard.rev ?? 0) + 1, customers: split.kept, events });
    const h = book.risk.history[no];
    const hs = h && historyWithout(h, mine);
    if (hs) {
      taken.history.push({ no, entries: hs.taken });
      write.history!.push({ no, h: hs.kept });
    }
  }
  write.shards = shards;
  await o.alertsRead;
  taken.alerts = await o.db.alerts.where('customerId').anyOf([...ids]).toArray();
  write.deleteAlerts = taken.alerts.map((a) => a.id);
  taken.actions = [...o.respond.actions.values()].filter((a) => ids.has(a.customerId));
  taken.reviews = [...o.respond.reviews.values()].filter((r) => ids.has(r.customerId));
  write.respond = { deleteActions: taken.actions.map((a) => a.id), deleteReviews: taken.reviews.map((r) => r.id) };
  taken.overrides = [...book.risk.overrides.values()].filter((v) => ids.has(v.customerId));
  if (taken.overrides.length) write.meta = [{ key: 'overrides', value: [...book.risk.overrides.values()].filter((v) => !ids.has(v.customerId)) }];
  return { write, taken };
}

/**
 * The write that puts taken customers back (an undone delete). A customer whose id is in the
 * book again (entered or imported since) keeps the new version; the taken one is skipped and counted.
 */
export function putBack(o: OpenBook, taken: Taken): { write: ChangeWrite; restored: string[]; skipped: number } {
  const book = o.book;
  const present = new Set(taken.ids.filter((id) => book.positionOf(id) !== undefined));
  const restored = taken.ids.filter((id) => !present.has(id));
  const back = (c: Columns, field: string) => (present.size ? splitRows(c, rowsHolding(c, field, present))?.kept ?? c : c);
  const shards: ShardRecord[] = [];
  for (const t of taken.shards) {
    const shard = book.shard(t.no);
    const events = { ...shard.events };
    for (const kind of EVENT_KINDS) if (t.events[kind].n) events[kind] = appendRows(shard.events[kind], back(t.events[kind], 'customerId'));
    shards.push({ ...shard, rev: (shard.rev ?? 0) + 1, customers: appendRows(shard.customers, back(t.customers, 'id')), events });
  }
  const history = taken.history.map(({ no, entries }) => ({ no, h: historyWith(book.risk.history[no], entries.filter((e) => !present.has(e.id))) }));
  const keep = <T extends { customerId: string }>(list: T[]) => list.filter((r) => !present.has(r.customerId));
  const write: ChangeWrite = { shards, history, alerts: keep(taken.alerts), respond: { actions: keep(taken.actions), reviews: keep(taken.reviews) } };
  if (taken.overrides.length) write.meta = [{ key: 'overrides', value: [...book.risk.overrides.values(), ...keep(taken.overrides)] }];
  return { write, restored, skipped: present.size };
}

