import { describe, expect, test } from 'vitest';
import { packShard, unpackShard } from '../../src/storage/packing';
import { buildDemoShards } from '../../src/worker/demo';
import { Job } from '../../src/worker/jobs';
import { encodeEvents } from '../../src/domain/columns';
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
    const shard = { no: 0, customers: [], events: { survey: events, order: encodeEvents('order', []) } } as never;
    const back = unpackShard(packShard(shard)) as unknown as { events: { survey: { cols: { comment: { dict: string[] } } }; order: { cols: { currency: { dict: string[] } } } } };
    expect(back.events.survey.cols.comment.dict).toEqual(['', 'ab', '好']);
    expect(back.events.order.cols.currency.dict).toEqual([]);
  });
});
