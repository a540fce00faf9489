// A backup's stores checked before anything of them is written: each record must be what the
// store holds, and the shards must make a book — the same reading that opening the book does
// (the book is built in memory and dropped). A backup that fails is refused as damaged, so
// that a restore never creates a book that cannot be opened.

import { dayFromIso } from '../../domain/dates';
import { BackupProblem } from '../../storage/backup';
import { joinStores, unpackHistory, unpackShard } from '../../storage/packing';
import { SHARD_COUNT, type MetaRecord, type ShardRecord, type StoredHistory, type StoredProfiles, type StoredShard } from '../../storage/schema';
import { Book } from './book';
import { isActionRecord } from '../../domain/respond/actions';
import { isReviewRecord } from '../../domain/respond/reviews';
import { isAuditRecord } from '../../domain/audit/document';

const damaged = (store: string): BackupProblem => new BackupProblem('damaged', { store });
const isString = (x: unknown): x is string => typeof x === 'string' && x.length > 0;
const isCount = (x: unknown, max: number): x is number => Number.isInteger(x) && (x as number) >= 0 && (x as number) <= max;

function every(store: string, records: unknown[] | undefined, ok: (r: Record<string, unknown>) => boolean): void {
  if (records !== undefined && !Array.isArray(records)) throw damaged(store);
  for (const r of records ?? []) if (!r || typeof r !== 'object' || !ok(r as Record<string, unknown>)) throw damaged(store);
}

/** Throws BackupProblem('damaged', { store }) for the first store whose records cannot be read as a book; `asOf` is `YYYY-MM-DD`. */
export function checkStores(stores: Record<string, unknown[]>, locale: string, asOf: string): void {
  every('meta', stores.meta, (r) => isString(r.key));
  const meta = new Map(((stores.meta ?? []) as MetaRecord[]).map((r) => [r.key, r.value]));
  const shardCount = meta.get('shardCount') ?? SHARD_COUNT;
  const nextEventId = meta.get('nextEventId') ?? 1;
  if (!isCount(shardCount, 65_535) || shardCount === 0 || !isCount(nextEventId, Number.MAX_SAFE_INTEGER) || nextEventId === 0) throw damaged('meta');
  every('batches', stores.batches, (r) => isString(r.id) && typeof r.createdAt === 'number');
  every('alerts', stores.alerts, (r) => isString(r.id) && isString(r.customerId) && isString(r.ruleId) && isString(r.status));
  every('actions', stores.actions, isActionRecord);
  every('reviews', stores.reviews, isReviewRecord);
  every('audits', stores.audits, isAuditRecord);
  const seen = new Set<number>();
  every('shards', stores.shards, (r) => isCount(r.no, shardCount - 1) && !seen.has(r.no) && !!seen.add(r.no) && !!r.tables && typeof r.tables === 'object' && !Array.isArray(r.tables));
  every('history', stores.history, (r) => isCount(r.no, shardCount - 1));
  for (const store of ['profiles', 'people']) {
    const met = new Set<number>();
    every(store, stores[store], (r) => isCount(r.no, shardCount - 1) && !met.has(r.no) && !!met.add(r.no) && !!r.customer && typeof r.customer === 'object');
  }
  let shards: ShardRecord[];
  let history: ReturnType<typeof unpackHistory>[];
  try {
    shards = joinStores((stores.shards ?? []) as StoredShard[], (stores.profiles ?? []) as StoredProfiles[], (stores.people ?? []) as StoredProfiles[]).map(unpackShard);
  } catch {
    throw damaged('shards');
  }
  try {
    history = [];
    for (const h of (stores.history ?? []) as StoredHistory[]) history[h.no] = unpackHistory(h);
  } catch {
    throw damaged('history');
  }
  try {
    new Book(shards, shardCount, nextEventId, dayFromIso(asOf), locale, { history });
  } catch {
    throw damaged('shards');
  }
}
