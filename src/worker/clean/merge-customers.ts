// A merge of two records of one customer: one id is kept, the other's events, kept scores,
// alerts, actions and reviews move to it, its profile fields are chosen field by field, and
// the merged-away id becomes an alias (an import or a colleague's file that meets it maps it
// to the id kept). One transaction, one batch, undone as a whole.

import type { Columns } from '../../domain/columns';
import { appendRows, rowsHolding, splitRows } from '../../domain/column-rows';
import { historyByCustomer, historyOf, joinHistory, type CustomerHistory } from '../../domain/risk/history-rows';
import { mergedProfile, type MergeField, type MergeSide } from '../../domain/merge-profiles';
import { EVENT_KINDS, type Batch, type Customer, type EventKind } from '../../domain/types';
import { emptyHistory, type HistoryColumns } from '../../domain/risk/snapshots';
import type { ShardRecord } from '../../storage/schema';
import { shardWithCustomer } from '../book/shard-edits';
import type { OpenBook } from '../session/open-book';
import { applyChange, changeBatch, undone } from './change';
import { readRemovals, removalsRecord } from './removals';

const only = (c: Columns, field: string, id: string) => rowsHolding(c, field, new Set([id]));
/** Event columns given to another customer. */
const givenTo = (c: Columns, id: string): Columns => ({ n: c.n, cols: { ...c.cols, customerId: { dict: [id], idx: new Uint32Array(c.n) } } });
const idsIn = (c: Columns) => Array.from(c.cols.id as Float64Array);

/** Moves `from`'s events (those with ids in `only`, when given) to customer `to`, in working copies of the shards. */
function moveEvents(o: OpenBook, work: Map<number, ShardRecord>, from: string, to: string, pick?: Partial<Record<EventKind, number[]>>): Partial<Record<EventKind, number[]>> {
  const get = (no: number) => work.get(no) ?? o.book.shard(no);
  const src = get(o.book.shardNo(from));
  const moved: Partial<Record<EventKind, number[]>> = {};
  const srcEvents = { ...src.events };
  const gained: Partial<Record<EventKind, Columns>> = {};
  for (const kind of EVENT_KINDS) {
    const wanted = pick ? new Set(pick[kind] ?? []) : null;
    const mine = only(src.events[kind], 'customerId', from), ids = src.events[kind].cols.id as Float64Array;
    const split = splitRows(src.events[kind], (r) => mine(r) && (!wanted || wanted.has(ids[r])));
    if (!split) continue;
    srcEvents[kind] = split.kept;
    gained[kind] = givenTo(split.taken, to);
    moved[kind] = idsIn(split.taken);
  }
  work.set(src.no, { ...src, events: srcEvents });
  const dst = get(o.book.shardNo(to));
  const dstEvents = { ...dst.events };
  for (const kind of EVENT_KINDS) if (gained[kind]) dstEvents[kind] = appendRows(dst.events[kind], gained[kind]!);
  work.set(dst.no, { ...dst, events: dstEvents });
  return moved;
}

function withoutCustomer(shard: ShardRecord, id: string): ShardRecord {
  return { ...shard, customers: splitRows(shard.customers, only(shard.customers, 'id', id))?.kept ?? shard.customers };
}

const bumped = (work: Map<number, ShardRecord>) => [...work.values()].map((s) => ({ ...s, rev: (s.rev ?? 0) + 1 }));

/** The score history of the two shards after `change` (a working copy per shard). */
function histories(o: OpenBook, nos: number[], change: (byNo: Map<number, Map<string, CustomerHistory>>) => void) {
  const byNo = new Map(nos.map((no) => [no, historyByCustomer(o.book.risk.history[no] ?? emptyHistory())]));
  change(byNo);
  return [...byNo].map(([no, m]): { no: number; h: HistoryColumns } => ({ no, h: historyOf(m.values()) }));
}

export async function mergeCustomers(o: OpenBook, keepId: string, goneId: string, choices: Partial<Record<MergeField, MergeSide>>): Promise<Batch | null> {
  const kept = o.book.customer(keepId), gone = o.book.customer(goneId);
  if (!kept || !gone || keepId === goneId) return null;
  const stamp = Math.max(Date.now(), kept.updatedAt + 1);
  const merged = mergedProfile(kept, gone, choices, stamp);
  const work = new Map<number, ShardRecord>();
  const events = moveEvents(o, work, goneId, keepId);
  const goneNo = o.book.shardNo(goneId), keepNo = o.book.shardNo(keepId);
  work.set(goneNo, withoutCustomer(work.get(goneNo)!, goneId));
  work.set(keepNo, { ...shardWithCustomer(work.get(keepNo)!, merged), rev: work.get(keepNo)!.rev });
  let goneHistory: CustomerHistory | null = null;
  let keptDays: number[] = [];
  const history = histories(o, [...new Set([goneNo, keepNo])], (byNo) => {
    const g = byNo.get(goneNo)!.get(goneId) ?? null;
    goneHistory = g;
    const k = byNo.get(keepNo)!.get(keepId);
    keptDays = k?.day ?? [];
    byNo.get(goneNo)!.delete(goneId);
    if (g) byNo.get(keepNo)!.set(keepId, joinHistory(k, g, keepId));
  });
  await o.alertsRead;
  const alerts = (await o.db.alerts.where('customerId').equals(goneId).toArray()).map((a) => ({ ...a, customerId: keepId }));
  const actions = [...o.respond.actions.values()].filter((a) => a.customerId === goneId).map((a) => ({ ...a, customerId: keepId }));
  const reviews = [...o.respond.reviews.values()].filter((r) => r.customerId === goneId).map((r) => ({ ...r, customerId: keepId }));
  const removals = await readRemovals(o);
  removals.aliases[goneId] = { to: keepId, at: stamp };
  for (const [from, a] of Object.entries(removals.aliases)) if (a.to === goneId) removals.aliases[from] = { to: keepId, at: a.at };
  const overrides = [...o.book.risk.overrides.values()].filter((v) => v.customerId !== goneId);
  const g = goneHistory as CustomerHistory | null;
  const count = Object.values(events).reduce((n, l) => n + l!.length, 0);
  const batch = changeBatch('merge', stamp, {
    customers: 1, events: count,
    merge: { kept, gone, events, alerts: alerts.map((a) => a.id), actions: actions.map((a) => a.id), reviews: reviews.map((r) => r.id), history: { gone: g && { day: g.day, score: g.score, grade: g.grade, revision: g.revision, cond: g.cond }, keptDays } },
  });
  await applyChange(o, {
    shards: bumped(work), history, alerts, respond: { actions, reviews }, batches: [batch],
    meta: [removalsRecord(removals), { key: 'overrides', value: overrides }],
  }, 'reload');
  return batch;
}

/** Takes a merge back: the merged-away customer, its events, scores and records return; the kept one gets its profile back unless edited since (kept, and said). */
export async function undoMerge(o: OpenBook, batch: Batch): Promise<{ batch: Batch; keptEdited: number } | 'gone'> {
  const m = batch.change!.merge!;
  const keepId = m.kept.id, goneId = m.gone.id;
  const now = o.book.customer(keepId);
  if (!now || o.book.customer(goneId)) return 'gone';
  const work = new Map<number, ShardRecord>();
  moveEvents(o, work, keepId, goneId, m.events);
  const keptEdited = now.updatedAt === batch.change!.stamp ? 0 : 1;
  const keepNo = o.book.shardNo(keepId), goneNo = o.book.shardNo(goneId);
  const keepShard = work.get(keepNo) ?? o.book.shard(keepNo);
  work.set(keepNo, keptEdited ? keepShard : { ...shardWithCustomer(keepShard, m.kept), rev: keepShard.rev });
  const goneShard = work.get(goneNo) ?? o.book.shard(goneNo);
  work.set(goneNo, { ...shardWithCustomer(goneShard, m.gone as Customer), rev: goneShard.rev });
  const history = histories(o, [...new Set([goneNo, keepNo])], (byNo) => {
    const k = byNo.get(keepNo)!.get(keepId);
    const g = m.history.gone;
    if (!g) return;
    const goneDays = new Set(g.day), keptDays = new Set(m.history.keptDays);
    if (k) {
      const keep = k.day.map((d, e) => (!goneDays.has(d) || keptDays.has(d) ? e : -1)).filter((e) => e >= 0);
      byNo.get(keepNo)!.set(keepId, { ...k, day: keep.map((e) => k.day[e]), score: keep.map((e) => k.score[e]), grade: keep.map((e) => k.grade[e]), revision: keep.map((e) => k.revision[e]) });
    }
    byNo.get(goneNo)!.set(goneId, { id: goneId, ...g });
  });
  const back = new Set([...m.alerts, ...m.actions, ...m.reviews]);
  const alerts = (await o.db.alerts.bulkGet(m.alerts)).filter((a) => a && a.customerId === keepId).map((a) => ({ ...a!, customerId: goneId }));
  const actions = [...o.respond.actions.values()].filter((a) => back.has(a.id) && a.customerId === keepId).map((a) => ({ ...a, customerId: goneId }));
  const reviews = [...o.respond.reviews.values()].filter((r) => back.has(r.id) && r.customerId === keepId).map((r) => ({ ...r, customerId: goneId }));
  const removals = await readRemovals(o);
  if (removals.aliases[goneId]?.to === keepId) delete removals.aliases[goneId];
  const done = undone(batch);
  await applyChange(o, { shards: bumped(work), history, alerts, respond: { actions, reviews }, batches: [done], meta: [removalsRecord(removals)] }, 'reload');
  return { batch: done, keptEdited };
}
