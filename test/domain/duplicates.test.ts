// Suspected duplicates kept up to date as names change: a whole book flagged at once, then
// only the customers whose name gained or lost a twin turn, and those are the ones reported.
import { expect, test } from 'vitest';
import { DuplicateIndex } from '../../src/domain/risk/duplicates';

test('a book is flagged at once, then edits turn exactly the customers who gained or lost a twin', () => {
  const index = new DuplicateIndex();
  const flags = new Float32Array(5).fill(NaN);
  index.put([0, 1, 2, 3], ['Acme Ltd', 'ACME Ltd.', 'Beta', 'Gamma']);
  expect(index.flag(4, flags, null)).toEqual([]);
  expect(Array.from(flags.slice(0, 4))).toEqual([1, 1, 0, 0]);

  // Gamma is renamed Beta: Beta (position 2) gains a twin and is reported; the edited one is not (it is scored anyway).
  index.put([3], ['Beta']);
  expect(index.flag(4, flags, [3])).toEqual([2]);
  expect(Array.from(flags.slice(0, 4))).toEqual([1, 1, 1, 1]);

  // A new customer at position 4 with a name of its own: no one turns, and it is not flagged.
  index.put([4], ['Delta']);
  expect(index.flag(5, flags, [4])).toEqual([]);
  expect(flags[4]).toBe(0);

  // Acme's twin is renamed away: both lose the flag; the other Acme is reported.
  index.put([1], ['Omega']);
  expect(index.flag(5, flags, [1])).toEqual([0]);
  expect(Array.from(flags)).toEqual([0, 0, 1, 1, 0]);

  // Nothing changed since: nothing to look at.
  expect(index.flag(5, flags, null)).toEqual([]);
});

test('a name put again unchanged counts once', () => {
  const index = new DuplicateIndex();
  const flags = new Float32Array(2);
  index.put([0, 1], ['Acme', 'Beta']);
  index.flag(2, flags, null);
  index.put([0], ['Acme']);
  index.put([0], ['Acme']);
  expect(index.flag(2, flags, null)).toEqual([]);
  index.put([1], ['Acme']);
  expect(index.flag(2, flags, [1])).toEqual([0]);
  expect(Array.from(flags)).toEqual([1, 1]);
});
