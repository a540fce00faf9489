// A new customer's generated id continues the book's own pattern and never takes one in use.
import { describe, expect, test } from 'vitest';
import { nextCustomerId } from '../../src/domain/customer-id';

const none = () => false;

describe('the next customer id', () => {
  test('continues the most common prefix and width', () => {
    expect(nextCustomerId(['C000001', 'C000200', 'C000017'], none)).toBe('C000201');
    expect(nextCustomerId(['K-1', 'K-12', 'K-3', 'VIP'], none)).toBe('K-13');
    // The book's usual pattern wins over a stray one with a larger number.
    expect(nextCustomerId(['C0009', 'C0010', 'X99999'], none)).toBe('C0011');
    // Digits past the width: the number grows, the zeros stay in front.
    expect(nextCustomerId(['A99'], none)).toBe('A100');
  });

  test('an empty book, or ids without numbers, start at C and six digits', () => {
    expect(nextCustomerId([], none)).toBe('C000001');
    expect(nextCustomerId(['acme', 'globex'], none)).toBe('C000003');
  });

  test('skips ids that are taken (in the book, or erased on request)', () => {
    const taken = new Set(['C000201', 'C000202']);
    expect(nextCustomerId(['C000200'], (id) => taken.has(id))).toBe('C000203');
  });
});
