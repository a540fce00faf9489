// Reads and writes of a workspace's records. Every write that touches several records is
// one transaction, so that a crash or a full disk leaves the workspace as it was. Every write
// of what a user entered is also guarded: it carries the writer's belief of the workspace's
// write sequence, is refused (StaleBook, nothing written) when another tab wrote since, and
// moves the sequence on in the same transaction.

import Dexie from 'dexie';
import type { Batch } from '../domain/types';
import type { WorkspaceDB } from './databases';
import type { RiskModel } from '../domain/risk/model';
import type { Lifetime } from '../domain/lifetime/book';
import { LIVE, type Alert } from '../domain/risk/alerts';
import type { HistoryColumns, Override } from '../domain/risk/snapshots';
import { joinStores, packHistory, packSplit, unpackHistory, unpackShard } from './packing';
import type { MetaRecord, ShardRecord, StoredFacts } from './schema';
import type { Action } from '../domain/respond/actions';
import type { Review } from '../domain/respond/reviews';
import type { Audit } from '../domain/audit/document';

/** A book's responses: actions and reviews (records), playbooks and the review cadence (meta, absent while the defaults hold). */
export interface RespondRecords {
  actions: Action[];
  reviews: Review[];
  playbooks?: unknown;
  cadence?: unknown;
}

/** Actions, reviews and audits to put, and ids to delete (a merge's undo). */
export interface RespondWrite {
  actions?: Action[];
  reviews?: Review[];
  audits?: Audit[];
  deleteActions?: string[];
  deleteReviews?: string[];
  deleteAudits?: string[];
}

/** What a writer believes is stored: the workspace's write sequence when it last read or wrote it (moved on by each guarded write). */
export interface Belief {
  seq: number;
}

/** Another tab wrote to the workspace since this writer read it: nothing was written. */
export class StaleBook extends Error {
  constructor() {
    super('stale_book');
  }
}

const SEQ = 'writeSeq';

/** The workspace's write sequence (0 before the first guarded write). */
export async function readSeq(db: WorkspaceDB): Promise<number> {
  return ((await db.meta.get(SEQ))?.value as number | undefined) ?? 0;
}

/** Inside a transaction over `meta`: refuses a stale belief, and moves the sequence on. */
async function check(db: WorkspaceDB, belief: Belief | undefined): Promise<void> {
  if (!belief) return;
  if ((await readSeq(db)) !== belief.seq) throw new StaleBook();
  await db.meta.put({ key: SEQ, value: belief.seq + 1 });
}

/** Runs a guarded write transaction over meta and `tables`; the belief moves on once it has committed. */
export async function guarded(db: WorkspaceDB, belief: Belief | undefined, tables: Parameters<WorkspaceDB['transaction']>[1][], work: () => Promise<void>): Promise<void> {
  await db.transaction('rw', [db.meta, ...(tables as never[])], async () => {
    await check(db, belief);
    await work();
  });
  if (belief) belief.seq++;
}

/**
 * What is on disk as it is (read, or written): a shard's event tables and its customer columns.
 * A shard whose events are one of these is written without them; likewise its profile and
 * people columns (see packSplit).
 */
const onDisk = new WeakSet<object>();
const isOnDisk = (x: object) => onDisk.has(x);

/** Notes a shard as on disk: its events and every customer column. */
function noteOnDisk(s: ShardRecord): void {
  onDisk.add(s.events);
  for (const col of Object.values(s.customers.cols)) onDisk.add(col);
}

/**
 * Inside a transaction over shards, profiles and people: puts what of each shard is not on disk
 * as it is, and notes it as on disk once the transaction has committed (never before: an
 * aborted write leaves nothing on disk).
 */
export async function putShards(db: WorkspaceDB, shards: readonly ShardRecord[]): Promise<void> {
  const split = shards.map((s) => packSplit(s, isOnDisk));
  const of = <K extends 'shard' | 'profiles' | 'people'>(k: K) => split.flatMap((x) => (x[k] ? [x[k]!] : []));
  const [events, profiles, people] = [of('shard'), of('profiles'), of('people')];
  if (events.length) await db.shards.bulkPut(events);
  if (profiles.length) await db.profiles.bulkPut(profiles);
  if (people.length) await db.people.bulkPut(people);
  Dexie.currentTransaction.on('complete', () => shards.forEach(noteOnDisk));
}

export interface BookMeta {
  shardCount: number;
  /** The next free event id. */
  nextEventId: number;
}

/** The book's shards and counters, with the write sequence they are as of. */
export async function readBook(db: WorkspaceDB): Promise<{ shards: ShardRecord[]; meta: BookMeta | null; seq: number }> {
  return db.transaction('r', db.shards, db.profiles, db.people, db.meta, async () => {
    const [stored, profiles, people, shardCount, nextEventId, seq] = await Promise.all([
      db.shards.toArray(),
      db.profiles.toArray(),
      db.people.toArray(),
      db.meta.get('shardCount'),
      db.meta.get('nextEventId'),
      readSeq(db),
    ]);
    const meta = shardCount ? { shardCount: shardCount.value as number, nextEventId: (nextEventId?.value as number) ?? 1 } : null;
    const shards = joinStores(stored, profiles, people).map((s, k) => {
      const shard = unpackShard(s);
      // A shard record still holding its customers (written before schema 8) is written again at its next change, without them.
      if (!stored[k].tables.customer) noteOnDisk(shard);
      return shard;
    });
    return { shards, meta, seq };
  });
}

/**
 * Replaces the whole book at once (a new demo, a reset): every store of the schema cleared —
 * a store added later is cleared too — and the new book written, all or nothing.
 */
export async function replaceBook(db: WorkspaceDB, shards: ShardRecord[], meta: BookMeta, batches: Batch[], belief?: Belief, respond: RespondWrite = {}): Promise<void> {
  await db.transaction('rw', db.tables, async () => {
    await check(db, belief);
    await Promise.all(db.tables.map((t) => t.clear()));
    await putShards(db, shards);
    await db.batches.bulkPut(batches);
    await putRespond(db, respond);
    await db.meta.bulkPut([
      { key: 'shardCount', value: meta.shardCount },
      { key: 'nextEventId', value: meta.nextEventId },
      { key: SEQ, value: (belief?.seq ?? -1) + 1 },
    ]);
  });
  if (belief) belief.seq++;
}

/** Writes one changed shard with the counters it used, in one transaction. */
export async function writeShard(db: WorkspaceDB, shard: ShardRecord, meta: BookMeta, batch?: Batch, belief?: Belief): Promise<void> {
  await guarded(db, belief, [db.shards, db.profiles, db.people, db.batches], async () => {
    await putShards(db, [shard]);
    await db.meta.put({ key: 'nextEventId', value: meta.nextEventId });
    if (batch) await db.batches.put(batch);
  });
}

/**
 * Writes the shards an import (or its undo) changed, the counters, the batch record and any
 * meta records that go with them (the column mapping remembered), in one transaction: a closed
 * tab, a crash or a full disk leaves all of it or none.
 */
export async function writeShards(db: WorkspaceDB, shards: readonly ShardRecord[], meta: BookMeta, batch: Batch, belief?: Belief, extra: MetaRecord[] = [], respond: RespondWrite = {}): Promise<void> {
  await guarded(db, belief, [db.shards, db.profiles, db.people, db.batches, db.actions, db.reviews, db.audits], async () => {
    await putShards(db, shards);
    await db.meta.bulkPut([{ key: 'nextEventId', value: meta.nextEventId }, ...extra]);
    await db.batches.put(batch);
    await putRespond(db, respond);
  });
}

/** Inside a transaction over actions, reviews and audits. */
export async function putRespond(db: WorkspaceDB, r: RespondWrite): Promise<void> {
  if (r.actions?.length) await db.actions.bulkPut(r.actions);
  if (r.reviews?.length) await db.reviews.bulkPut(r.reviews);
  if (r.audits?.length) await db.audits.bulkPut(r.audits);
  if (r.deleteActions?.length) await db.actions.bulkDelete(r.deleteActions);
  if (r.deleteReviews?.length) await db.reviews.bulkDelete(r.deleteReviews);
  if (r.deleteAudits?.length) await db.audits.bulkDelete(r.deleteAudits);
}

export async function readRespond(db: WorkspaceDB): Promise<RespondRecords> {
  return db.transaction('r', db.actions, db.reviews, db.meta, async () => {
    const [actions, reviews, playbooks, cadence] = await Promise.all([db.actions.toArray(), db.reviews.toArray(), db.meta.get('playbooks'), db.meta.get('reviewCadence')]);
    return { actions, reviews, playbooks: playbooks?.value, cadence: cadence?.value };
  });
}

/** A user's actions and reviews (and the playbooks or cadence they edited), guarded as every user write. */
export async function writeRespond(db: WorkspaceDB, r: RespondWrite & { playbooks?: unknown; cadence?: unknown }, belief?: Belief): Promise<void> {
  await guarded(db, belief, [db.actions, db.reviews, db.audits], async () => {
    await putRespond(db, r);
    if (r.playbooks !== undefined) await (r.playbooks === null ? db.meta.delete('playbooks') : db.meta.put({ key: 'playbooks', value: r.playbooks }));
    if (r.cadence !== undefined) await (r.cadence === null ? db.meta.delete('reviewCadence') : db.meta.put({ key: 'reviewCadence', value: r.cadence }));
  });
}

export async function readBatches(db: WorkspaceDB): Promise<Batch[]> {
  return db.batches.orderBy('createdAt').reverse().toArray();
}

export async function readMeta<T>(db: WorkspaceDB, key: string): Promise<T | undefined> {
  return (await db.meta.get(key))?.value as T | undefined;
}

export async function writeMeta(db: WorkspaceDB, key: string, value: unknown): Promise<void> {
  await db.meta.put({ key, value });
}

/** What a workspace keeps about risk: the live model and its published versions, overrides, score history. */
export interface RiskRecordsStored {
  model?: RiskModel;
  models?: RiskModel[];
  overrides?: Override[];
  history: (HistoryColumns | undefined)[];
  facts: (StoredFacts | undefined)[];
  /** The lifetime models' last fit (see domain/lifetime/book.ts), kept as plain data. */
  lifetime?: Lifetime;
  /** The analysis date the user chose (`YYYY-MM-DD`); absent: today. */
  asOf?: string;
}

/** Sets the book's analysis date (null: today again). */
export async function writeAsOf(db: WorkspaceDB, asOf: string | null, belief?: Belief): Promise<void> {
  await guarded(db, belief, [], () => (asOf ? db.meta.put({ key: 'asOf', value: asOf }).then(() => undefined) : db.meta.delete('asOf')));
}

export async function writeLifetime(db: WorkspaceDB, lifetime: Lifetime): Promise<void> {
  await db.meta.put({ key: 'lifetime', value: lifetime });
}

export async function readRisk(db: WorkspaceDB): Promise<RiskRecordsStored> {
  return db.transaction('r', db.meta, db.history, db.facts, async () => {
    const [model, models, overrides, history, facts, lifetime, asOf] = await Promise.all([
      db.meta.get('model'), db.meta.get('models'), db.meta.get('overrides'), db.history.toArray(), db.facts.toArray(), db.meta.get('lifetime'), db.meta.get('asOf'),
    ]);
    const byShard: (HistoryColumns | undefined)[] = [];
    for (const h of history) byShard[h.no] = unpackHistory(h);
    const factsByShard: (StoredFacts | undefined)[] = [];
    for (const f of facts) factsByShard[f.no] = f;
    return {
      model: model?.value as RiskModel | undefined, models: models?.value as RiskModel[] | undefined, overrides: overrides?.value as Override[] | undefined,
      history: byShard, facts: factsByShard, lifetime: lifetime?.value as Lifetime | undefined,
      ...(typeof asOf?.value === 'string' ? { asOf: asOf.value } : {}),
    };
  });
}

export async function writeFacts(db: WorkspaceDB, facts: StoredFacts[]): Promise<void> {
  if (facts.length) await db.facts.bulkPut(facts);
}

/** Saves the history of the given shards in one transaction. */
export async function writeHistory(db: WorkspaceDB, shards: Iterable<number>, history: readonly (HistoryColumns | undefined)[]): Promise<void> {
  const records = [...shards].flatMap((no) => (history[no] ? [packHistory(no, history[no])] : []));
  if (records.length) await db.history.bulkPut(records);
}

/** Publishes a model: the live one and the list of every published version, together. */
export async function writeModel(db: WorkspaceDB, model: RiskModel, models: RiskModel[], belief?: Belief): Promise<void> {
  await guarded(db, belief, [], () => db.meta.bulkPut([{ key: 'model', value: model }, { key: 'models', value: models }]).then(() => undefined));
}

export async function writeOverrides(db: WorkspaceDB, overrides: Override[], belief?: Belief): Promise<void> {
  await guarded(db, belief, [], () => db.meta.put({ key: 'overrides', value: overrides }).then(() => undefined));
}

/** The alerts still live (open or acknowledged): the only ones a new firing can update. */
export async function readLiveAlerts(db: WorkspaceDB): Promise<Alert[]> {
  return db.alerts.where('status').anyOf([...LIVE]).toArray();
}

/** Saves alerts: raised by a rescore (derived, unguarded) or answered by a user (guarded by `belief`). */
export async function writeAlerts(db: WorkspaceDB, alerts: Alert[], belief?: Belief): Promise<void> {
  if (!alerts.length) return;
  if (!belief) await db.alerts.bulkPut(alerts);
  else await guarded(db, belief, [db.alerts], () => db.alerts.bulkPut(alerts).then(() => undefined));
}

/** The segment settings and rule segments as stored (unchecked: the caller merges and checks). */
export async function readSegmentSetup(db: WorkspaceDB): Promise<{ settings: unknown; rules: unknown }> {
  const [settings, rules] = await Promise.all([db.meta.get('segmentSettings'), db.meta.get('ruleSegments')]);
  return { settings: settings?.value, rules: rules?.value };
}

export async function writeSegmentSetup(db: WorkspaceDB, settings: unknown, rules: unknown, belief?: Belief): Promise<void> {
  await guarded(db, belief, [], () => db.meta.bulkPut([{ key: 'segmentSettings', value: settings }, { key: 'ruleSegments', value: rules }]).then(() => undefined));
}
