import { describe, expect, test } from 'vitest';
import { agingAt, DEFAULT_QUERY, facetsOf, rowOf, selectRows, tableOf, type CustomerRow } from '../../src/domain/query';
import type { CustomerId } from '../../src/domain/types';

const row = (id: string, name: string, extra: Partial<CustomerRow> = {}): CustomerRow => ({
  id: id as CustomerId, name, industry: '', size: '', region: '', owner: '', tier: 'general', tags: [], currency: 'CNY',
  revenue12m: 0, lastOrder: '', openBalance: 0, overdueBalance: 0, daysPastDue: 0, events: 0, score: null, grade: '', computedGrade: '', trend: null, ...extra,
});
const list = [
  row('C3', '北京华通', { revenue12m: 500, industry: '制造', tags: ['出口'], lastOrder: '2026-01-01' }),
  row('C1', 'Acme', { revenue12m: 900, industry: '零售', tier: 'key' }),
  row('C2', 'acme west', { revenue12m: 500, industry: '制造', lastOrder: '2026-03-01' }),
  row('C10', '', { revenue12m: 0 }),
];
const rows = tableOf(list);
const cmp = new Intl.Collator('en').compare;
const ids = (q: Partial<typeof DEFAULT_QUERY>) => [...selectRows(rows, { ...DEFAULT_QUERY, ...q }, cmp)].map((i) => rows.id[i]);

describe('customer list query', () => {
  test('default: revenue descending, ties in book order', () => {
    expect(ids({})).toEqual(['C1', 'C3', 'C2', 'C10']);
  });
  test('search matches name or id, case-insensitively', () => {
    expect(ids({ search: 'ACME' })).toEqual(['C1', 'C2']);
    expect(ids({ search: 'c3' })).toEqual(['C3']);
    expect(ids({ search: '华通' })).toEqual(['C3']);
  });
  test('filters combine, tags match any tag', () => {
    expect(ids({ filters: { industry: '制造' } })).toEqual(['C3', 'C2']);
    expect(ids({ filters: { industry: '制造', tag: '出口' } })).toEqual(['C3']);
    expect(ids({ filters: { tier: 'key' } })).toEqual(['C1']);
  });
  test('text sorts put empty values last in both directions', () => {
    expect(ids({ sort: 'name', dir: 'asc' }).at(-1)).toBe('C10');
    expect(ids({ sort: 'name', dir: 'desc' }).at(-1)).toBe('C10');
    expect(ids({ sort: 'lastOrder', dir: 'desc' }).slice(0, 2)).toEqual(['C2', 'C3']);
  });
  test('numeric sorts read the figures; a customer without orders sorts last both ways', () => {
    expect(ids({ sort: 'revenue12m', dir: 'asc' })).toEqual(['C10', 'C3', 'C2', 'C1']);
    expect(ids({ sort: 'lastOrder', dir: 'asc' })).toEqual(['C3', 'C2', 'C1', 'C10']);
  });
  test('a row read back from the table is the row put in', () => {
    list.forEach((r, i) => expect(rowOf(rows, i)).toEqual(r));
  });
  test('facets count values, most frequent first', () => {
    expect(facetsOf(rows).industry).toEqual([['制造', 2], ['零售', 1]]);
    expect(facetsOf(rows).tag).toEqual([['出口', 1]]);
  });
});

describe('receivables in the list', () => {
  // tableOf leaves the aging buckets empty: set them as the figures would.
  const t = tableOf([row('A', 'a', { openBalance: 500 }), row('B', 'b', { openBalance: 900, overdueBalance: 400 }), row('C', 'c', { openBalance: 700, overdueBalance: 700 }), row('D', 'd')]);
  t.overdue30[1] = 400;
  t.overdue60[2] = 200;
  t.overdueOver90[2] = 500;
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  test('each customer in the bucket of its oldest open money; nothing owed is in none', () => {
    expect([0, 1, 2, 3].map((i) => agingAt(t, i))).toEqual(['current', 'd30', 'over90', '']);
    expect(facetsOf(t).aging).toEqual([['current', 1], ['d30', 1], ['over90', 1]]);
  });
  test('the aging filter lists exactly a bucket', () => {
    const ids = (aging: string) => [...selectRows(t, { ...DEFAULT_QUERY, sort: 'id', dir: 'asc', filters: { aging } }, cmp)].map((i) => t.id[i]);
    expect([ids('current'), ids('d30'), ids('d60'), ids('over90')]).toEqual([['A'], ['B'], [], ['C']]);
  });
});
