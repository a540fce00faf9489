// Storage logic on fake-indexeddb (Node): a book written is the book read back, and a
// failing write leaves the previous state whole.
import 'fake-indexeddb/auto';
import { describe, expect, test } from 'vitest';
import { generateBook } from '../../src/domain/demo/book';
import { WorkspaceDB } from '../../src/storage/databases';
import { readBook, readSeq, replaceBook, StaleBook, writeOverrides, writeShard } from '../../src/storage/workspace-repo';
import { buildDemoShards } from '../../src/worker/book/demo';
import { Job } from '../../src/worker/session/jobs';
import type { BatchId } from '../../src/domain/types';
import Dexie from 'dexie';
import { decodeCustomers, emptyColumns } from '../../src/domain/columns';
import { WORKSPACE_SCHEMA } from '../../src/storage/schema';
import { shardAsV1 } from '../support/old-schema';

const spec = { book: 'workshop' as const, seed: 3, locale: 'en' as const, asOf: '2026-06-30' };

describe('workspace storage', () => {
  test('a demo book written in shards reads back identical', async () => {
    const db = new WorkspaceDB('t-roundtrip');
    const built = await buildDemoShards(spec, 16, new Job(undefined), 1);
    await replaceBook(db, built.shards, { shardCount: 16, nextEventId: built.nextEventId }, [{ id: 'demo' as BatchId, kind: 'demo', label: '', createdAt: 1 }]);
    const back = await readBook(db);
    expect(back.meta).toEqual({ shardCount: 16, nextEventId: built.nextEventId });
    expect(back.shards).toEqual(built.shards);
    const customers = back.shards.reduce((n, s) => n + s.customers.n, 0);
    expect(customers).toBe([...generateBook(spec)].length);
    await db.delete();
  });

  test('replacing the book clears every store of the schema, one added after replaceBook was written included', async () => {
    // A later schema with a store replaceBook has never heard of.
    class Later extends WorkspaceDB {
      constructor(name: string) {
        super(name);
        const last = WORKSPACE_SCHEMA[WORKSPACE_SCHEMA.length - 1];
        this.version(last.version + 1).stores({ ...last.stores, reviews: 'id' });
      }
    }
    const db = new Later('t-replace-all');
    const built = await buildDemoShards(spec, 4, new Job(undefined), 1);
    await replaceBook(db, built.shards, { shardCount: 4, nextEventId: built.nextEventId }, []);
    for (const t of db.tables) if (t.name !== 'shards' && t.name !== 'meta') await t.put(t.schema.primKey.keyPath === 'no' ? { no: 1 } : t.schema.primKey.keyPath === 'key' ? { key: 'x' } : { id: 'left', createdAt: 1, customerId: 'c', status: 'open' });
    await replaceBook(db, [], { shardCount: 4, nextEventId: 1 }, []);
    const left = Object.fromEntries(await Promise.all(db.tables.map(async (t) => [t.name, await t.count()])));
    expect(left).toEqual(Object.fromEntries(db.tables.map((t) => [t.name, t.name === 'meta' ? 3 : 0])));
    expect(db.tables.map((t) => t.name)).toContain('reviews');
    await db.delete();
  });

  test('a guarded write on a stale belief is refused and writes nothing; a fresh one moves the sequence on', async () => {
    const db = new WorkspaceDB('t-guard');
    const built = await buildDemoShards(spec, 4, new Job(undefined), 1);
    await replaceBook(db, built.shards, { shardCount: 4, nextEventId: 10 }, []);
    const mine = { seq: await readSeq(db) }, theirs = { seq: mine.seq };
    const changed = { ...built.shards[1], rev: 5, customers: emptyColumns('customer') };
    await writeShard(db, changed, { shardCount: 4, nextEventId: 11 }, undefined, theirs);
    expect(theirs.seq).toBe(mine.seq + 1);
    expect(await readSeq(db)).toBe(theirs.seq);
    // This tab read before the other wrote: its write of another shard is refused whole.
    await expect(writeShard(db, { ...built.shards[2], rev: 9 }, { shardCount: 4, nextEventId: 11 }, undefined, mine)).rejects.toBeInstanceOf(StaleBook);
    await expect(writeOverrides(db, [], mine)).rejects.toBeInstanceOf(StaleBook);
    const back = await readBook(db);
    expect(back.shards[2]).toEqual(built.shards[2]);
    expect(back.shards[1].rev).toBe(5);
    expect(back.seq).toBe(theirs.seq);
    expect(mine.seq).toBe(theirs.seq - 1);
    await db.delete();
  });

  test('a write that fails midway leaves the shard and the counters as they were', async () => {
    const db = new WorkspaceDB('t-atomic');
    const built = await buildDemoShards(spec, 4, new Job(undefined), 1);
    await replaceBook(db, built.shards, { shardCount: 4, nextEventId: 10 }, []);
    // The shard is written first, then the counter fails to store: the whole write must roll back.
    const changed = { ...built.shards[0], customers: emptyColumns('customer') };
    await expect(writeShard(db, changed, { shardCount: 4, nextEventId: (() => 99) as never })).rejects.toThrow();
    const back = await readBook(db);
    expect(back.meta?.nextEventId).toBe(10);
    expect(back.shards[0]).toEqual(built.shards[0]);
    await db.delete();
  });

  test('a schema-1 workspace (customers as JSON) opens as the latest schema with the same customers and events', async () => {
    const built = await buildDemoShards(spec, 4, new Job(undefined), 1);
    const old = new Dexie('t-upgrade');
    old.version(1).stores(WORKSPACE_SCHEMA[0].stores);
    await old.open();
    await old.table('shards').bulkPut(
      built.shards.map(shardAsV1),
    );
    await old.table('meta').bulkPut([{ key: 'shardCount', value: 4 }, { key: 'nextEventId', value: built.nextEventId }]);
    old.close();

    const db = new WorkspaceDB('t-upgrade');
    const back = await readBook(db);
    expect(db.verno).toBe(WORKSPACE_SCHEMA.at(-1)!.version);
    expect(back.shards.map((s) => decodeCustomers(s.customers))).toEqual(built.shards.map((s) => decodeCustomers(s.customers)));
    expect(back.shards.map((s) => s.events)).toEqual(built.shards.map((s) => s.events));
    await db.delete();
  });
});
