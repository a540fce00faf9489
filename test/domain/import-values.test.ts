// Cell values as Excel users type them, header mapping in three languages, and the encoding
// of the fixture files (GBK, Big5, UTF-8 with BOM, UTF-16).
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { dateOrderOf, halfWidth, parseAmount, parseBoolean, parseDate, parseInstant, parseInteger } from '../../src/domain/import/values';
import { autoMapping, layoutKey, missingRequired } from '../../src/domain/import/fields';
import { detectEncoding } from '../../src/domain/import/encoding';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../fixtures/import/${name}`, import.meta.url)));
const value = <T>(p: { ok: boolean; value?: T; code?: string }) => (p.ok ? p.value : `!${p.code}`);

describe('dates', () => {
  test('ISO, slashes, Chinese, compact, with times, and Excel serials', () => {
    expect(value(parseDate('2024-03-05'))).toBe('2024-03-05');
    expect(value(parseDate('2024/3/5'))).toBe('2024-03-05');
    expect(value(parseDate('2024.3.5'))).toBe('2024-03-05');
    expect(value(parseDate('2024年3月5日'))).toBe('2024-03-05');
    expect(value(parseDate('2024 年 3 月 5 号'))).toBe('2024-03-05');
    expect(value(parseDate('２０２４－０３－０５'))).toBe('2024-03-05');
    expect(value(parseDate('2024-03-05 14:30'))).toBe('2024-03-05');
    expect(value(parseDate('2024-03-05T14:30:00Z'))).toBe('2024-03-05');
    expect(value(parseDate('20240305'))).toBe('2024-03-05');
    // Excel: 1 is 1900-01-01, 60 its phantom 29 February, 61 is 1 March 1900; 45383 is 2024-04-01.
    expect(value(parseDate('1'))).toBe('1899-12-31');
    expect(value(parseDate('61'))).toBe('1900-03-01');
    expect(value(parseDate('45383'))).toBe('2024-04-01');
    expect(value(parseDate('45383.75'))).toBe('2024-04-01');
    expect(value(parseDate(''))).toBe('');
    expect(value(parseDate('  '))).toBe('');
  });
  test('day and month: decided by the data, asked when it cannot decide', () => {
    expect(value(parseDate('15/4/2024'))).toBe('2024-04-15');
    expect(value(parseDate('4/15/2024'))).toBe('2024-04-15');
    expect(value(parseDate('3/4/2024'))).toBe('!ambiguous_date');
    expect(value(parseDate('3/4/2024', 'dmy'))).toBe('2024-04-03');
    expect(value(parseDate('3/4/2024', 'mdy'))).toBe('2024-03-04');
    expect(value(parseDate('4/4/2024'))).toBe('2024-04-04');
    expect(dateOrderOf(['3/4/2024', '15/4/2024'])).toBe('dmy');
    expect(dateOrderOf(['3/4/2024', '4/15/2024'])).toBe('mdy');
    expect(dateOrderOf(['3/4/2024', '2024-01-01'])).toBeNull();
    expect(dateOrderOf(['13/4/2024', '4/13/2024'])).toBe('conflict');
  });
  test('impossible dates are refused, never rolled over', () => {
    for (const bad of ['2024-02-30', '2023-02-29', '2024-13-01', '31/31/2024', 'yesterday', '0', '2958466', '2024-3']) expect(value(parseDate(bad)), bad).toMatch(/^!/);
    expect(value(parseDate('2024-02-29'))).toBe('2024-02-29');
  });
  test('instants keep the time of day', () => {
    expect(value(parseInstant('2024-03-05 14:30'))).toBe(new Date(2024, 2, 5, 14, 30).getTime());
    expect(value(parseInstant('2024/3/5 2:30 PM'))).toBe(new Date(2024, 2, 5, 14, 30).getTime());
    expect(value(parseInstant('45383.5'))).toBe(new Date(2024, 3, 1, 12, 0).getTime());
    expect(value(parseInstant(''))).toBeNull();
    expect(value(parseInstant('2024-03-05 25:00'))).toBe('!invalid_date');
  });
});

describe('amounts', () => {
  test('separators, symbols, full-width digits, parentheses', () => {
    expect(value(parseAmount('1,234.50'))).toBe(123450);
    expect(value(parseAmount('¥1,234.5'))).toBe(123450);
    expect(value(parseAmount('￥２３４５．６'))).toBe(234560);
    expect(value(parseAmount('HK$ 1 234'))).toBe(123400);
    expect(value(parseAmount('NT$300,000'))).toBe(30000000);
    expect(value(parseAmount('1234 元'))).toBe(123400);
    expect(value(parseAmount('(100.00)'))).toBe(-10000);
    expect(value(parseAmount('-1,234.50'))).toBe(-123450);
    expect(value(parseAmount('€ 1.234,50'))).toBe(123450);
    expect(value(parseAmount('12,5'))).toBe(1250);
    expect(value(parseAmount('1,500'))).toBe(150000);
    expect(value(parseAmount('1234', 0))).toBe(1234);
    expect(value(parseAmount(''))).toBeNull();
    for (const bad of ['abc', '1.2.3', '12,34,5', '$', '--5', '1e5']) expect(value(parseAmount(bad)), bad).toMatch(/^!/);
  });
  test('any number written with separators reads back as itself', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (minor) => {
        const text = (minor / 100).toLocaleString('en-US', { minimumFractionDigits: 2 });
        expect(value(parseAmount(text))).toBe(minor);
      }),
    );
  });
  test('integers and yes/no', () => {
    expect(value(parseInteger('３０'))).toBe(30);
    expect(value(parseInteger('30.0'))).toBe(30);
    expect(value(parseInteger('3.5'))).toBe('!not_integer');
    expect(value(parseBoolean('是'))).toBe(true);
    expect(value(parseBoolean('否'))).toBe(false);
    expect(value(parseBoolean('maybe'))).toBe('!invalid_choice');
    expect(halfWidth('　ＡＢＣ１２３　')).toBe('ABC123');
  });
});

describe('headers', () => {
  test('English, simplified and traditional headers map to the same fields', () => {
    expect(autoMapping('order', ['客户编号', '日期', '金额', '币种', '品类'])).toEqual(['customerId', 'date', 'amount', 'currency', 'category']);
    expect(autoMapping('customer', ['客戶編號', '客戶名稱', '行業', '地區', '客戶等級', '信用額度'])).toEqual(['id', 'name', 'industry', 'region', 'tier', 'creditLimit']);
    expect(autoMapping('invoice', ['Customer ID', 'Invoice No.', 'Invoice date', 'Due date', 'Amount (CNY)', 'Paid on', 'Paid amount'])).toEqual([
      'customerId', 'invoiceId', 'issued', 'due', 'amount', 'paid', 'paidAmount',
    ]);
    expect(autoMapping('order', ['Customer', 'Whatever', 'Date', 'Amount'])).toEqual(['customerId', null, 'date', 'amount']);
    // Our own export's headers are the field names.
    expect(autoMapping('invoice', ['customerId', 'invoiceId', 'issued', 'due', 'amount', 'currency', 'paid', 'paidAmount'])).toEqual([
      'customerId', 'invoiceId', 'issued', 'due', 'amount', 'currency', 'paid', 'paidAmount',
    ]);
    expect(missingRequired('order', ['customerId', null, 'date'])).toEqual(['amount']);
    expect(layoutKey('order', ['客户编号 ', 'Date'])).toBe(layoutKey('order', ['客户编号', 'date']));
  });
});

describe('encodings', () => {
  test('the fixture files are recognised', () => {
    expect(detectEncoding(fixture('customers-gbk.csv'))).toBe('gb18030');
    expect(detectEncoding(fixture('customers-big5.csv'))).toBe('big5');
    expect(detectEncoding(fixture('orders-utf8-bom.csv'))).toBe('utf-8');
    expect(detectEncoding(fixture('orders-utf16.tsv'))).toBe('utf-16le');
    expect(detectEncoding(new TextEncoder().encode('id,name\nA,Ann\n'))).toBe('utf-8');
  });
});
