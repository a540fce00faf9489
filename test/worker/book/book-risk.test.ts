// The worker's Book with its risk state, in Node: overrides lapse by the day, snapshots are
// kept by the rules of DESIGN §4, an edit rescores its shard.
import { describe, expect, test } from 'vitest';
import { Book } from '../../../src/worker/book/book';
import { FACTS_FINGERPRINT } from '../../../src/worker/book/facts-cache';
import { FACTS_FORMAT } from '../../../src/storage/schema';
import { buildDemoShards } from '../../../src/worker/book/demo';
import { Job } from '../../../src/worker/session/jobs';
import { bgnbdLogLikelihood } from '../../../src/domain/lifetime/bgnbd';
import { dayFromIso, NO_DAY } from '../../../src/domain/dates';
import { DEFAULT_QUERY } from '../../../src/domain/query';
import { activeOverride, needsSnapshot } from '../../../src/domain/risk/snapshots';
import type { CustomerId } from '../../../src/domain/types';

const asOf = '2026-06-30';
const built = await buildDemoShards({ book: 'workshop', seed: 4, locale: 'en', asOf }, 8, new Job(undefined), dayFromIso(asOf) * 86_400_000);

describe('overrides and snapshots', () => {
  test('an override is in force up to and including its expiry day', () => {
    const o = { customerId: 'A', grade: 'high' as const, reason: 'r', expires: '2026-07-01', createdAt: 0 };
    expect(activeOverride(o, '2026-07-01')).toBe(o);
    expect(activeOverride(o, '2026-07-02')).toBeUndefined();
  });
  test('a snapshot on a grade change, a move of 5 points, or after 30 days; never twice a day', () => {
    const last = [100, 40, 1] as const;
    expect(needsSnapshot(NO_DAY, NaN, 0, 100, 40, 1)).toBe(true);
    expect(needsSnapshot(...last, 101, 44.9, 1)).toBe(false);
    expect(needsSnapshot(...last, 101, 45, 1)).toBe(true);
    expect(needsSnapshot(...last, 101, 41, 2)).toBe(true);
    expect(needsSnapshot(...last, 130, 40, 1)).toBe(true);
    expect(needsSnapshot(...last, 100, 90, 3)).toBe(false);
    expect(needsSnapshot(...last, 101, NaN, 0)).toBe(false);
  });
  test('the book shows an override until the day after its expiry, then the computed grade again', () => {
    const id = built.shards.flatMap((s) => (s.customers.cols.id as { dict: string[] }).dict)[0] as CustomerId;
    const book = new Book(built.shards, 8, built.nextEventId, dayFromIso(asOf), 'en', {
      overrides: [{ customerId: id, grade: 'critical', reason: 'judgement', expires: '2026-07-01', createdAt: 0 }],
    });
    const computed = book.rowOfCustomer(id)!.computedGrade;
    expect(book.rowOfCustomer(id)!.grade).toBe('critical');
    book.setAsOf('2026-07-01');
    expect(book.rowOfCustomer(id)!.grade).toBe('critical');
    book.setAsOf('2026-07-02');
    expect(book.rowOfCustomer(id)!.grade).not.toBe('critical');
    expect(computed).not.toBe('critical');
  });
  test('opening keeps one snapshot per scored customer, and reopening with that history keeps no second one the same day', () => {
    const book = new Book(built.shards, 8, built.nextEventId, dayFromIso(asOf), 'en');
    const scored = book.page({ ...DEFAULT_QUERY, filters: {} }, 0, 500).rows.filter((r) => r.score !== null).length;
    expect(book.risk.historyDirty.size).toBeGreaterThan(0);
    const history = book.risk.history;
    expect(history.reduce((n, h) => n + (h?.cust.length ?? 0), 0)).toBe(scored);
    const again = new Book(built.shards, 8, built.nextEventId, dayFromIso(asOf), 'en', { history });
    expect(again.risk.history.reduce((n, h) => n + (h?.cust.length ?? 0), 0)).toBe(scored);
    // The trend compares with the last snapshot before today: none yet.
    expect(again.page(DEFAULT_QUERY, 0, 500).rows.every((r) => r.trend === null)).toBe(true);
  });
  test('a book moved to later days keeps the trend a book reopened on the last day reads from the same history', () => {
    const book = new Book(built.shards, 8, built.nextEventId, dayFromIso('2026-05-01'), 'en');
    // A snapshot day, then a day when few customers need one: the trend's base is the last kept before today.
    for (const day of ['2026-06-01', '2026-06-28', '2026-06-30']) book.setAsOf(day);
    const trends = (b: Book) => b.page({ ...DEFAULT_QUERY, sort: 'id', dir: 'asc', filters: {} }, 0, 500).rows.map((r) => [r.id, r.trend]);
    const reopened = new Book(built.shards, 8, built.nextEventId, dayFromIso('2026-06-30'), 'en', { history: book.risk.history });
    expect(trends(reopened)).toEqual(trends(book));
    expect(trends(book).some(([, t]) => t !== null && t !== 0)).toBe(true);
  });
  test('an edit rescores its customer alone, to exactly what a fresh book computes', () => {
    const book = new Book(built.shards, 8, built.nextEventId, dayFromIso(asOf), 'en');
    const row = book.page(DEFAULT_QUERY, 0, 1).rows[0];
    const shard = book.withEvent(row.id, 'invoice', {
      put: { kind: 'invoice', id: 999_999, customerId: row.id, batch: 'manual', invoiceId: 'X', issued: '2026-01-01', due: '2026-02-01', amount: 5_000_000, currency: row.currency, paid: '', paidAmount: 0 } as never,
    });
    book.commit(shard, [row.id]);
    const shards = built.shards.map((s) => (s.no === shard.no ? shard : s));
    const fresh = new Book(shards, 8, built.nextEventId, dayFromIso(asOf), 'en');
    const edited = book.rowOfCustomer(row.id)!;
    expect(edited.overdueBalance).toBe(row.overdueBalance + 5_000_000);
    const { trend: _a, ...a } = edited;
    const { trend: _b, ...b } = fresh.rowOfCustomer(row.id)!;
    expect(a).toEqual(b);
    expect(book.risk.explain(book.positionOf(row.id)!).values).toEqual(fresh.risk.explain(fresh.positionOf(row.id)!).values);
  });
  test('a book opened from stored facts is the book computed from the events; stale facts are ignored', () => {
    const book = new Book(built.shards, 8, built.nextEventId, dayFromIso(asOf), 'en');
    expect(book.factsDirty.size).toBe(8);
    const facts = built.shards.map((s) => book.factsOf(s.no));
    const fromFacts = new Book(built.shards, 8, built.nextEventId, dayFromIso(asOf), 'en', { facts });
    expect(fromFacts.factsDirty.size).toBe(0);
    // A full rescore the same day changes nothing that is stored.
    fromFacts.recomputeAll();
    expect(fromFacts.factsDirty.size).toBe(0);
    const rows = (b: Book) => b.page(DEFAULT_QUERY, 0, 500).rows;
    expect(rows(fromFacts)).toEqual(rows(book));
    const id = rows(book)[3].id;
    expect(fromFacts.risk.explain(fromFacts.positionOf(id)!)).toEqual(book.risk.explain(book.positionOf(id)!));
    // Another day, or another revision of a shard: recomputed.
    expect(new Book(built.shards, 8, built.nextEventId, dayFromIso(asOf) + 1, 'en', { facts }).factsDirty.size).toBe(8);
    const edited = built.shards.map((s, i) => (i === 2 ? { ...s, rev: 1 } : s));
    expect([...new Book(edited, 8, built.nextEventId, dayFromIso(asOf), 'en', { facts }).factsDirty]).toEqual([2]);
  });
  test('stored facts are used only for the exact indicators and figures they were computed for (their fingerprint)', () => {
    const book = new Book(built.shards, 8, built.nextEventId, dayFromIso(asOf), 'en');
    const facts = built.shards.map((s) => book.factsOf(s.no));
    expect(facts.every((f) => f.format === FACTS_FINGERPRINT)).toBe(true);
    // Facts of an older build (the hand-bumped format number, or an indicator list one shorter) are recomputed, not misread.
    const older = facts.map((f) => ({ ...f, format: FACTS_FORMAT }));
    expect(new Book(built.shards, 8, built.nextEventId, dayFromIso(asOf), 'en', { facts: older }).factsDirty.size).toBe(8);
    const shorter = facts.map((f) => ({ ...f, values: f.values.slice(1) }));
    const fromShorter = new Book(built.shards, 8, built.nextEventId, dayFromIso(asOf), 'en', { facts: shorter });
    expect(fromShorter.factsDirty.size).toBe(8);
    const id = book.page(DEFAULT_QUERY, 0, 1).rows[0].id;
    expect(fromShorter.risk.explain(fromShorter.positionOf(id)!)).toEqual(book.risk.explain(book.positionOf(id)!));
  });

  test("a customer's events come newest first, the later entered first on the same day", () => {
    const book = new Book(built.shards, 8, built.nextEventId, dayFromIso(asOf), 'en');
    const id = book.page(DEFAULT_QUERY, 0, 1).rows[0].id;
    const events = book.eventsOf(id);
    const time = (e: (typeof events)[number]) => (e.kind === 'complaint' ? e.opened : dayFromIso(e.kind === 'invoice' ? e.issued : e.date) * 86_400_000);
    for (let i = 1; i < events.length; i++) {
      const a = events[i - 1], b = events[i];
      expect(time(a) > time(b) || (time(a) === time(b) && a.id > b.id), `${a.id} before ${b.id}`).toBe(true);
    }
    expect(events.length).toBeGreaterThan(10);
  });
  test('the lifetime fit is made once a day and reused from storage the same day', () => {
    const book = new Book(built.shards, 8, built.nextEventId, dayFromIso(asOf), 'en');
    expect(book.risk.lifetimeDirty).toBe(true);
    const lifetime = book.risk.lifetime!;
    expect(lifetime.day).toBe(dayFromIso(asOf));
    const again = new Book(built.shards, 8, built.nextEventId, dayFromIso(asOf), 'en', { lifetime });
    expect(again.risk.lifetimeDirty).toBe(false);
    again.recomputeAll();
    expect(again.risk.lifetimeDirty).toBe(false);
    const id = book.page(DEFAULT_QUERY, 0, 1).rows[0].id;
    expect(again.risk.explain(again.positionOf(id)!).values['churn.probability_alive']).toBe(book.risk.explain(book.positionOf(id)!).values['churn.probability_alive']);
    again.setAsOf('2026-07-01');
    expect(again.risk.lifetimeDirty).toBe(true);
  });
});


describe('the lifetime models on the whole book', () => {
  test('a 10,000-customer book is fitted on every customer who ordered, to the full-data maximum likelihood', async () => {
    const team = await buildDemoShards({ book: 'team', seed: 3, locale: 'en', asOf }, 8, new Job(undefined), dayFromIso(asOf) * 86_400_000);
    const book = new Book(team.shards, 8, team.nextEventId, dayFromIso(asOf), 'en');
    const t = book.list;
    let buyers = 0;
    for (let i = 0; i < t.n; i++) if (t.weeksSinceFirst[i] > 0) buyers++;
    const fit = book.risk.lifetime!;
    expect(buyers).toBeGreaterThan(9_000);
    expect(fit.customers).toBe(buyers);
    expect(fit.bgnbd.converged).toBe(true);
    // Every small step away from the answer lowers the likelihood of the whole book.
    const keep = Array.from({ length: t.n }, (_, i) => i).filter((i) => t.weeksSinceFirst[i] > 0);
    const pick = (col: Float64Array) => Float64Array.from(keep, (i) => col[i]);
    const s = { n: keep.length, x: pick(t.repeatPurchases), tx: pick(t.weeksFirstToLast), T: pick(t.weeksSinceFirst), spend: pick(t.repeatSpend) };
    for (const k of ['r', 'alpha', 'a', 'b'] as const) {
      for (const f of [0.99, 1.01]) expect(bgnbdLogLikelihood({ ...fit.bgnbd.params, [k]: fit.bgnbd.params[k] * f }, s)).toBeLessThan(fit.bgnbd.logLikelihood);
    }
  });
});
