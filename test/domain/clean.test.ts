// The pure parts of keeping the book clean: rows of columns taken out and put back (with their
// dictionaries compacted, so an erased value is not left in one), removals and what a
// colleague's copy becomes against them, a bulk edit's checks and tags, a merge's field
// choices, and score histories split and joined.
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { decodeCustomers, decodeEvents, encodeCustomers, encodeEvents, type StrColumn } from '../../src/domain/columns';
import { appendRows, compactText, mapText, splitRows, withText } from '../../src/domain/column-rows';
import { aliasMap, aliasOf, combineRemovals, erasedKey, fateOf, noRemovals, parseRemovals } from '../../src/domain/removals';
import { checkBulkSet, packEdit, tagsAfter, unpackEdit } from '../../src/domain/bulk';
import { mergeDefaults, mergedProfile } from '../../src/domain/merge-profiles';
import { historyByCustomer, historyOf, historyWith, historyWithout, joinHistory } from '../../src/domain/risk/history-rows';
import { LIST_SEP } from '../../src/domain/columns';
import type { BatchId, Customer, CustomerId, EventId, OrderEvent } from '../../src/domain/types';

const person = (id: string, more: Partial<Customer> = {}): Customer => ({
  id: id as CustomerId, name: id, industry: '', size: '', region: '', owner: '', tier: 'general', since: '', creditLimit: null, currency: 'CNY',
  paymentTermsDays: null, contractEnd: '', tags: [], notes: '', contact: '', phone: '', email: '', batch: 'manual' as BatchId, updatedAt: 1, ...more,
});
const order = (id: number, customerId: string, amount: number): OrderEvent => ({ id: id as EventId, kind: 'order', customerId: customerId as CustomerId, batch: 'demo' as BatchId, date: '2026-01-01', amount, currency: 'CNY', category: 'Parts', orderId: '' });

describe('rows of columns', () => {
  test('split and appended back, any rows of any customers come back as they were, and no dictionary keeps a value no row uses (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom('a', 'b', 'c', 'd'), fc.integer({ min: -5000, max: 5000 })), { maxLength: 40 }), fc.subarray(['a', 'b', 'c', 'd']), (rows, gone) => {
        const orders = rows.map(([c, amount], i) => order(i + 1, c, amount));
        const cols = encodeEvents('order', orders);
        const taken = new Set(gone);
        const ids = cols.cols.customerId as StrColumn;
        const split = splitRows(cols, (r) => taken.has(ids.dict[ids.idx[r]]));
        if (!orders.some((o) => taken.has(o.customerId))) {
          expect(split).toBeNull();
          return;
        }
        const kept = decodeEvents('order', split!.kept), out = decodeEvents('order', split!.taken);
        expect(kept).toEqual(orders.filter((o) => !taken.has(o.customerId)));
        expect(out).toEqual(orders.filter((o) => taken.has(o.customerId)));
        expect((split!.kept.cols.customerId as StrColumn).dict.some((c) => taken.has(c))).toBe(false);
        const back = decodeEvents('order', appendRows(split!.kept, split!.taken));
        expect([...back].sort((x, y) => x.id - y.id)).toEqual(orders);
      }),
    );
  });

  test('a text column set at some rows, or mapped, holds only the values its rows use', () => {
    const customers = encodeCustomers([person('A', { owner: 'Li' }), person('B', { owner: 'Wang' }), person('C', { owner: 'Li', tags: ['x', 'y'] })]);
    const owner = withText(customers.cols.owner as StrColumn, [1], 'Zhou');
    expect([owner.dict[owner.idx[0]], owner.dict[owner.idx[1]], owner.dict[owner.idx[2]]]).toEqual(['Li', 'Zhou', 'Li']);
    expect(owner.dict.sort()).toEqual(['Li', 'Zhou']);
    const tags = mapText(customers.cols.tags as StrColumn, [0, 2], (old) => tagsAfter(old, { add: ['key'], remove: ['x'] }));
    const decoded = decodeCustomers({ ...customers, cols: { ...customers.cols, tags } });
    expect(decoded.map((c) => c.tags)).toEqual([['key'], [], ['y', 'key']]);
    expect(compactText({ dict: ['a', 'b', 'c'], idx: Uint32Array.of(2, 2) })).toEqual({ dict: ['c'], idx: Uint32Array.of(0, 0) });
  });
});

describe('removals', () => {
  test('an erased customer never comes back; a merged-away id goes to the kept one; a deleted one only with a change made after the delete', () => {
    const r = noRemovals();
    r.deleted.D = 1000;
    r.aliases.M = { to: 'K', at: 900 };
    r.aliases.K = { to: 'K2', at: 950 };
    r.erased[erasedKey('E')] = 800;
    expect(fateOf(r, 'E', 10_000)).toEqual({ fate: 'erased' });
    expect(fateOf(r, 'M', 10_000)).toEqual({ fate: 'alias', to: 'K2' });
    expect(fateOf(r, 'D', 999)).toEqual({ fate: 'deleted' });
    expect(fateOf(r, 'D', 1000)).toEqual({ fate: 'deleted' });
    expect(fateOf(r, 'D', 1001)).toBeNull();
    expect(fateOf(r, 'X', 1)).toBeNull();
    expect(aliasMap(r)).toEqual(new Map([['M', 'K2'], ['K', 'K2']]));
    // A circle of aliases (a damaged file) ends.
    expect(aliasOf({ ...noRemovals(), aliases: { a: { to: 'b', at: 1 }, b: { to: 'a', at: 1 } } }, 'a')).toMatch(/^[ab]$/);
  });

  test('the erased are kept by a hash, not by id; two books’ removals combine, the later time winning; junk is left out', () => {
    const key = erasedKey('C-1042');
    expect(key).not.toContain('1042');
    expect(erasedKey('C-1042')).toBe(key);
    expect(erasedKey('C-1043')).not.toBe(key);
    const a = { ...noRemovals(), deleted: { X: 5 }, erasures: [{ at: 1, count: 1 }] };
    const b = { ...noRemovals(), deleted: { X: 9, Y: 2 }, aliases: { M: { to: 'K', at: 3 } }, erasures: [{ at: 1, count: 1 }, { at: 4, count: 1 }] };
    expect(combineRemovals(a, b)).toEqual({ deleted: { X: 9, Y: 2 }, aliases: { M: { to: 'K', at: 3 } }, erased: {}, erasures: [{ at: 1, count: 1 }, { at: 4, count: 1 }] });
    expect(parseRemovals({ deleted: { A: 'x', B: 3 }, aliases: { C: { to: '' } }, erasures: [null, { at: 1, count: 2 }] })).toEqual({ deleted: { B: 3 }, aliases: {}, erased: {}, erasures: [{ at: 1, count: 2 }] });
    expect(parseRemovals(null)).toEqual(noRemovals());
  });
});

describe('a bulk edit', () => {
  test('is checked as a profile edit and trimmed; tags are added once and at most twenty are kept', () => {
    expect(checkBulkSet({ owner: '  Zhou ' })).toEqual({ set: { owner: 'Zhou' }, fields: ['owner'] });
    expect(checkBulkSet({ tier: 'gold' as never })).toEqual({ issues: [{ column: 'tier', code: 'invalid_choice' }] });
    expect(checkBulkSet({ region: 'x'.repeat(201) })).toMatchObject({ issues: [{ column: 'region', code: 'too_long' }] });
    expect(checkBulkSet({ owner: 'a\u0007b' })).toMatchObject({ issues: [{ column: 'owner', code: 'invalid_chars' }] });
    expect(checkBulkSet({ tags: { add: [' '], remove: [] } })).toEqual({ issues: [{ code: 'nothing_to_set' }] });
    expect(checkBulkSet({ owner: '', tags: { add: ['vip', 'vip'] } })).toEqual({ set: { owner: '', tags: { add: ['vip'], remove: [] } }, fields: ['owner', 'tags'] });
    expect(tagsAfter(['a', 'b'].join(LIST_SEP), { add: ['b', 'c'], remove: ['a'] })).toBe(['b', 'c'].join(LIST_SEP));
    const undo = { fields: ['owner', 'tags'] as const, ids: ['A', 'B', 'C'], before: { owner: ['Li', '', 'Li'], tags: ['x', 'x', ''] }, updatedAt: [1, 2, 3] };
    const packed = packEdit({ ...undo, fields: [...undo.fields] });
    expect(packed.before.owner!.dict).toEqual(['Li', '']);
    expect(unpackEdit(packed)).toEqual({ ...undo, fields: [...undo.fields] });
    expect(unpackEdit(packEdit({ fields: ['owner'], ids: [], before: { owner: [] }, updatedAt: [] })).ids).toEqual([]);
    const full = Array.from({ length: 20 }, (_, i) => `t${i}`).join(LIST_SEP);
    expect(tagsAfter(full, { add: ['one-more'] })).toBe(full);
  });
});

describe('a merge of two records', () => {
  test('takes each field from the newer record unless it is empty there; the user’s picks win; tags and custom values are joined', () => {
    const kept = person('K', { name: 'Harbour Trading Co.', owner: 'Li', email: '', updatedAt: 100, tags: ['a'], custom: { code: 'K1' } });
    const gone = person('G', { name: 'HARBOUR TRADING', owner: '', email: 'buy@h.example', updatedAt: 200, tags: ['b'], custom: { code: 'G1', extra: 3 } });
    expect(mergeDefaults(kept, gone)).toEqual({ name: 'gone', owner: 'kept', email: 'gone' });
    const merged = mergedProfile(kept, gone, { name: 'kept' }, 300);
    expect(merged).toMatchObject({ id: 'K', name: 'Harbour Trading Co.', owner: 'Li', email: 'buy@h.example', updatedAt: 300, tags: ['a', 'b'], custom: { code: 'K1', extra: 3 } });
  });
});

describe('score histories', () => {
  const h = historyOf([
    { id: 'A', day: [1, 5], score: [10, 20], grade: [0, 1], revision: [1, 1], cond: 2 },
    { id: 'B', day: [2], score: [30], grade: [2], revision: [1], cond: 0 },
  ]);
  test('a customer’s entries taken out leave no trace of its id, and put back come back the same', () => {
    const out = historyWithout(h, new Set(['A']))!;
    expect(out.kept.ids).toEqual(['B']);
    expect(out.taken).toEqual([{ id: 'A', day: [1, 5], score: [10, 20], grade: [0, 1], revision: [1, 1], cond: 2 }]);
    expect(historyByCustomer(historyWith(out.kept, out.taken))).toEqual(historyByCustomer(h));
    expect(historyWithout(h, new Set(['Z']))).toBeNull();
  });
  test('joined in a merge, the kept customer’s entry stands on a day both have one, and entries stay oldest first', () => {
    const joined = joinHistory({ id: 'A', day: [1, 5], score: [10, 20], grade: [0, 1], revision: [1, 1], cond: 0 }, { id: 'B', day: [2, 5], score: [30, 99], grade: [2, 3], revision: [1, 1], cond: 0 }, 'A');
    expect(joined).toEqual({ id: 'A', cond: 0, day: [1, 2, 5], score: [10, 30, 20], grade: [0, 2, 1], revision: [1, 1, 1] });
  });
});
