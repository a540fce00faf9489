import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { amountText, parseAmount } from '../../src/domain/money';

describe('amounts typed by people', () => {
  test.each([
    ['1,234.50', 2, 123450], ['1234', 2, 123400], ['¥1 234.5', 2, 123450], ['￥１２３４', 2, 123400],
    ['(500)', 2, -50000], ['-0.01', 2, -1], ['NT$1,000', 0, 1000], ['HK$ 12.30', 2, 1230], ['12元', 2, 1200],
  ])('%s → %i minor units', (text, digits, minor) => {
    expect(parseAmount(text as string, digits as number)).toBe(minor);
  });
  test.each(['', 'abc', '1.2.3', '1.234', '12,34.5.6', '--5'])('%s is not an amount', (text) => {
    expect(parseAmount(text, 2)).toBeNull();
  });
  test('amountText and parseAmount are inverse', () => {
    fc.assert(fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.constantFrom(0, 2, 3), (minor, digits) => parseAmount(amountText(minor, digits), digits) === minor));
  });
});
