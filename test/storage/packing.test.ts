import { describe, expect, test } from 'vitest';
import { packShard, unpackShard } from '../../src/storage/packing';
import { buildDemoShards } from '../../src/worker/book/demo';
import { Job } from '../../src/worker/session/jobs';
import { emptyTables } from '../../src/worker/book/book';
import { decodeCustomers, emptyColumns, encodeCustomers, encodeEvents } from '../../src/domain/columns';
import type { BatchId, CustomerId, EventId } from '../../src/domain/types';

describe('stored shard layout', () => {
  test('pack → unpack is identity for demo shards', async () => {
    const { shards } = await buildDemoShards({ book: 'workshop', seed: 5, locale: 'zh-TW', asOf: '2026-01-01' }, 8, new Job(undefined), 1);
    for (const s of shards) expect(unpackShard(packShard(s))).toEqual(s);
  });
  test('empty strings and empty columns survive; a stray U+0000 in free text is dropped, not a shifted column', () => {
    const base = { customerId: 'C1' as CustomerId, batch: '' as BatchId, kind: 'survey' as const, date: '2026-01-01', csat: 3, nps: null };
    const events = encodeEvents('survey', [
      { ...base, id: 1 as EventId, comment: '' },
      { ...base, id: 2 as EventId, comment: 'a\u0000b' },
      { ...base, id: 3 as EventId, comment: '好' },
    ]);
    const shard = { no: 0, customers: emptyColumns('customer'), events: { ...emptyTables(), survey: events } } as never;
    const back = unpackShard(packShard(shard)) as unknown as { events: { survey: { cols: { comment: { dict: string[] } } }; order: { cols: { currency: { dict: string[] } } } } };
    expect(back.events.survey.cols.comment.dict).toEqual(['', 'ab', '好']);
    expect(back.events.order.cols.currency.dict).toEqual([]);
  });
  test('stored columns are narrow: small dictionaries as bytes, whole amounts as Int32, distinct values without codes', async () => {
    const { shards } = await buildDemoShards({ book: 'workshop', seed: 5, locale: 'en', asOf: '2026-01-01' }, 2, new Job(undefined), 1);
    const stored = packShard(shards[0]);
    const customer = stored.tables.customer!.cols as Record<string, { idx: unknown }>;
    expect(customer.id.idx).toBeNull();
    expect(customer.industry.idx).toBeInstanceOf(Uint8Array);
    expect(stored.tables.order!.cols.id).toBeInstanceOf(Int32Array);
    const back = unpackShard(stored);
    expect(back.events.order.cols.id).toBeInstanceOf(Float64Array);
    expect(decodeCustomers(back.customers)).toEqual(decodeCustomers(shards[0].customers));
  });
  test('tags, null limits and empty dates of a customer survive the columns', () => {
    const c = { id: 'C1', name: '甲', industry: '', size: '', region: '', owner: '', tier: 'general', since: '', creditLimit: null, currency: 'CNY', paymentTermsDays: 30, contractEnd: '2027-02-28', tags: ['a', 'b c'], notes: 'x', contact: '', phone: '', email: '', batch: 'm', updatedAt: 5 };
    const d = { ...c, id: 'C2', tags: [], creditLimit: 1234.5, paymentTermsDays: null };
    const shard = { no: 0, customers: encodeCustomers([c, d] as never), events: emptyTables() } as never;
    expect(decodeCustomers(unpackShard(packShard(shard)).customers)).toEqual([c, d]);
  });
});
