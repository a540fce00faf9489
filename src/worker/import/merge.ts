// Merge of a colleague's backup into the open book (DESIGN §6). Customers are matched by id:
// one changed on one side only since the two books last met takes that side's version; one
// changed on both is a conflict, listed with both versions, the newer `updatedAt` chosen until
// the user decides. Events are matched as an import matches them (invoices by number, others
// by content): theirs that the book lacks are added, nothing is ever removed. A customer this
// book removed does not come back (see domain/removals.ts): an erased one never, a merged-away
// id's events go to the customer kept, a deleted one stays deleted unless they changed it
// after the delete; the two books' removals are combined. The merge is written in one
// transaction as a batch, so that it shows in the import history and can be undone as a whole.

import type { MergeConflict, MergePreview, Side } from '../contract';
import { decodeCustomers, decodeEvents, ColumnsBuilder } from '../../domain/columns';
import { eventKey, sameEvent } from '../../domain/import/matching';
import { EVENT_KINDS, PROFILE_FIELDS, type BatchId, type BookEvent, type Customer, type EventKind } from '../../domain/types';
import { readBackup, upgradeStores } from '../../storage/backup';
import { joinStores, unpackShard } from '../../storage/packing';
import type { StoredProfiles, StoredShard } from '../../storage/schema';
import type { WorkspaceInfo } from '../../storage/databases';
import { patchWorkspaceInfo } from '../../storage/registry-repo';
import { readAudits } from '../../storage/audit-repo';
import type { MetaRecord } from '../../storage/schema';
import { combineRemovals, erasedKey, fateOf, parseRemovals, REMOVALS } from '../../domain/removals';
import { cleanAudit } from '../clean/erase';
import { readRemovals, removalsRecord } from '../clean/removals';
import { PLAIN_PREVIEW, setPending, type Plan } from './plan';
import { mergeRecords } from './merge-records';
import { eventsByKey, rowOfEvent, sameCustomer, shardOf, storedCustomers } from './book-index';
import type { Job } from '../session/jobs';
import type { OpenBook } from '../session/open-book';

const differing = (a: Customer, b: Customer) => PROFILE_FIELDS.filter((f) => JSON.stringify(a[f]) !== JSON.stringify(b[f]));

/** Reads a colleague's backup and plans its merge into the open book; writes nothing until committed. */
export async function previewMerge(o: OpenBook, file: Blob, passphrase: string | undefined, choices: Record<string, Side>, job: Job): Promise<MergePreview> {
  const { header, body, workspace } = await readBackup(file, passphrase);
  const stores = upgradeStores(body);
  const source = { id: workspace.id, name: workspace.name, createdAt: header.createdAt };
  const mineSync = o.info.syncPoints ?? {};
  const theirSync = ((body.info as Partial<WorkspaceInfo>).syncPoints ?? {}) as Record<string, number>;
  const base = Math.max(mineSync[source.id] ?? 0, theirSync[o.info.id] ?? 0);
  const book = o.book;
  const stamp = Date.now();
  const batch = `merge-${stamp.toString(36)}-${Math.random().toString(36).slice(2, 8)}` as BatchId;
  const counts: MergePreview['counts'] = { customersRemoved: 0, customersMerged: 0, eventsRemoved: 0, customersNew: 0, customersTaken: 0, customersKept: 0, customersSame: 0, conflicts: 0, eventsNew: 0, eventsSame: 0, eventsTaken: 0, eventsKept: 0, actions: 0, reviews: 0, audits: 0 };
  const plan: Plan = {
    token: batch, book, changes: book.changes, layout: '', shards: new Map(), previousCustomers: [], createdCustomers: [], previousEvents: [],
    firstId: book.nextEventId, nextId: book.nextEventId, stamp, batch,
    preview: {
      token: batch, fileName: workspace.name, kind: 'customer', encoding: 'utf-8', detectedEncoding: 'utf-8', headers: [], sample: [], mapping: [], missing: [],
      dateOrderNeeded: false, dateOrder: null, counts: { rows: 0, new: 0, updated: 0, unchanged: 0, rejected: 0, newCustomers: 0 }, problems: [], problemsTotal: 0, remembered: false, unreadable: 0,
      ...PLAIN_PREVIEW(''),
    },
  };
  const conflicts: MergeConflict[] = [];
  const stamps: Record<string, number> = {};
  const theirsTaken = new Set<string>();
  const mine = storedCustomers(book);
  // What this book removed (deleted, merged, erased) stays removed against their older copies; both books' removals are known after the merge.
  const mineRemovals = await readRemovals(o);
  const theirRemovals = parseRemovals(((stores.meta ?? []) as MetaRecord[]).find((r) => r.key === REMOVALS)?.value);
  /** Their customer ids this book removed: the id their events go to instead (a merged-away id), or null (left out). */
  const fates = new Map<string, string | null>();
  const theirShards = joinStores((stores.shards ?? []) as StoredShard[], (stores.profiles ?? []) as StoredProfiles[], (stores.people ?? []) as StoredProfiles[]).map(unpackShard);

  // Customers first: the events' matching needs to know whose version each customer keeps.
  for (const shard of theirShards) {
    await job.checkpoint('merge', shard.no, theirShards.length * 2);
    for (const c of decodeCustomers(shard.customers)) {
      const m = mine.get(c.id);
      const fate = m ? null : fateOf(mineRemovals, c.id, c.updatedAt);
      if (fate) {
        const to = fate.fate === 'alias' && mine.get(fate.to) ? fate.to : null;
        fates.set(c.id, to);
        if (to) counts.customersMerged++;
        else counts.customersRemoved++;
        continue;
      }
      let take = false;
      if (!m) {
        take = true;
        counts.customersNew++;
        plan.createdCustomers.push(c.id);
      } else if (sameCustomer(m, c)) {
        counts.customersSame++;
      } else {
        const mineChanged = m.updatedAt > base, theirsChanged = c.updatedAt > base;
        let side: Side;
        if (theirsChanged && !mineChanged) side = 'theirs';
        // Changed on neither side since the books last met: the difference was settled then (a conflict decided for this book).
        else if (!theirsChanged) side = 'mine';
        else {
          side = choices[c.id] ?? (c.updatedAt > m.updatedAt ? 'theirs' : 'mine');
          conflicts.push({ id: c.id, mine: m, theirs: c, fields: differing(m, c), choice: side });
          counts.conflicts++;
        }
        if (side === 'theirs') {
          take = true;
          counts.customersTaken++;
          plan.previousCustomers.push(m);
        } else counts.customersKept++;
      }
      if (take) {
        shardOf(plan, book.shardNo(c.id)).customers.set(c.id, { ...c, batch });
        stamps[c.id] = c.updatedAt;
        theirsTaken.add(c.id);
      }
    }
  }

  // Then their events: the ones this book lacks are added; a differing one (an invoice of the
  // same number, say) follows the customer's side, or the side that recorded a payment.
  for (const kind of EVENT_KINDS as readonly EventKind[]) {
    const stored = new Map<number, Map<string, BookEvent[]>>();
    const used = new Map<string, number>();
    const storedOf = (no: number) => {
      let m = stored.get(no);
      if (!m) stored.set(no, (m = eventsByKey(kind, book.shard(no).events[kind])));
      return m;
    };
    for (const shard of theirShards) {
      await job.checkpoint('merge', theirShards.length + shard.no, theirShards.length * 2);
      for (const theirs of decodeEvents(kind, shard.events[kind]) as BookEvent[]) {
        const to = fates.get(theirs.customerId);
        if (to === null) {
          counts.eventsRemoved++;
          continue;
        }
        const e = to ? ({ ...theirs, customerId: to } as BookEvent) : theirs;
        const no = book.shardNo(e.customerId);
        const key = eventKey(e);
        const k = used.get(key) ?? 0;
        used.set(key, k + 1);
        const match = storedOf(no).get(key)?.[k];
        // Only shards that change are rewritten.
        const builder = () => (shardOf(plan, no).events[kind] ??= ColumnsBuilder.from(kind, book.shard(no).events[kind]));
        if (!match) {
          builder().push({ ...e, id: plan.nextId++, batch } as never);
          counts.eventsNew++;
        } else if (sameEvent(match, e)) {
          counts.eventsSame++;
        } else {
          const paid = kind === 'invoice' && (e as { paid: string }).paid && !(match as { paid: string }).paid;
          if (paid || theirsTaken.has(e.customerId)) {
            builder().set(rowOfEvent(book.shard(no).events[kind], match.id), { ...e, id: match.id, batch: match.batch } as never);
            plan.previousEvents.push(match);
            counts.eventsTaken++;
          } else counts.eventsKept++;
        }
      }
    }
  }

  // Their actions and reviews, for the customers the merged book holds.
  const audits = new Map((await readAudits(o.db)).map((a) => [a.id, a]));
  const records = mergeRecords(stores, o.respond, (id) => !!mine.get(id) || theirsTaken.has(id), audits);
  // Their audits name customers erased here as this book's audits do: "erased customer".
  const erased = (id: string) => mineRemovals.erased[erasedKey(id)] !== undefined;
  plan.respond = { ...records.write, audits: records.write.audits?.map((a) => cleanAudit(a, erased) ?? a) };
  plan.meta = [removalsRecord(combineRemovals(mineRemovals, theirRemovals))];
  counts.actions = records.counts.actions;
  counts.reviews = records.counts.reviews;
  counts.audits = records.counts.audits;
  const c = plan.preview.counts;
  c.new = counts.customersNew + counts.eventsNew + counts.actions + counts.reviews + counts.audits;
  c.updated = counts.customersTaken + counts.eventsTaken;
  c.unchanged = counts.customersSame + counts.customersKept + counts.eventsSame + counts.eventsKept;
  c.rows = c.new + c.updated + c.unchanged;
  plan.onCommit = (b) => {
    b.import = { ...b.import!, merge: { source: source.id, name: source.name, conflicts: counts.conflicts }, stamps, records: records.record };
  };
  // From now on, changes of theirs up to their backup are known here.
  plan.afterCommit = async () => {
    const points = { ...(o.info.syncPoints ?? {}), [source.id]: Math.max(o.info.syncPoints?.[source.id] ?? 0, source.createdAt) };
    o.info = { ...o.info, syncPoints: points };
    await patchWorkspaceInfo(o.info.id, { syncPoints: points });
  };
  setPending(plan);
  return { token: plan.token, source, related: base > 0, counts, conflicts };
}
