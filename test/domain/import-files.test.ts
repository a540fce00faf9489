// Real files from real systems (issue 15): two-digit years and month names, the mapping's
// guesses checked against the values, custom fields typed from their values, row rules,
// header-less and whitespace-separated files.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import Papa from 'papaparse';
import { hasTwoDigitYear, parseDate, parseInstant } from '../../src/domain/import/values';
import { mappingGuess, missingRequired } from '../../src/domain/import/fields';
import { customTypeOf, fits } from '../../src/domain/import/cells';
import { compileRule, RowRules } from '../../src/domain/import/rules';
import { customColumns, firstRowLooksLikeData } from '../../src/domain/import/layout';
import { RowConverter } from '../../src/domain/import/records';
import { sniff, spacesToTabs } from '../../src/worker/import/file';
import type { BatchId } from '../../src/domain/types';

const text = (name: string) => readFileSync(new URL(`../fixtures/import/${name}`, import.meta.url), 'utf8');
const rowsOf = (name: string) => Papa.parse<string[]>(text(name), { skipEmptyLines: true }).data;
const value = <T>(p: { ok: boolean; value?: T; code?: string }) => (p.ok ? p.value : `!${p.code}`);

describe('dates from real exports', () => {
  test('two-digit years as Excel reads them: 00–29 are 2000s, 30–99 1900s; with a time', () => {
    expect(value(parseDate('12/1/10 8:26', 'mdy'))).toBe('2010-12-01');
    expect(value(parseDate('13/1/10 9:56'))).toBe('2010-01-13');
    expect(value(parseDate('1/2/29', 'dmy'))).toBe('2029-02-01');
    expect(value(parseDate('1/2/30', 'dmy'))).toBe('1930-02-01');
    expect(value(parseDate('3/4/99', 'mdy'))).toBe('1999-03-04');
    expect(value(parseInstant('12/1/10 8:26', 'mdy'))).toBe(new Date(2010, 11, 1, 8, 26).getTime());
    expect(hasTwoDigitYear('12/1/10 8:26')).toBe(true);
    expect(hasTwoDigitYear('12/1/2010')).toBe(false);
  });
  test('month names, English, short or long, either order', () => {
    expect(value(parseDate('1-Dec-2010'))).toBe('2010-12-01');
    expect(value(parseDate('01 Dec 10'))).toBe('2010-12-01');
    expect(value(parseDate('Dec 1, 2010'))).toBe('2010-12-01');
    expect(value(parseDate('December 1 2010 08:26'))).toBe('2010-12-01');
    expect(value(parseDate('Sept 3rd, 2024'))).toBe('2024-09-03');
    expect(value(parseDate('1-Foo-2010'))).toBe('!date_format');
    expect(value(parseDate('30-Feb-2010'))).toBe('!invalid_date');
  });
  test('a cell no format matches is "date_format" (the message lists the formats); an impossible one "invalid_date"', () => {
    expect(value(parseDate('yesterday'))).toBe('!date_format');
    expect(value(parseDate('2024-3'))).toBe('!date_format');
    expect(value(parseDate('2024-02-30'))).toBe('!invalid_date');
  });
});

describe('the mapping guesses only what the values bear out', () => {
  test('a yes/no column whose header has "Phone" is not the phone; "employment since" is not "customer since"', () => {
    const rows = rowsOf('credit-headers.csv');
    const g = mappingGuess('customer', rows[0], rows.slice(1), fits);
    expect(g.mapping).toEqual(['id', null, null, null]);
    expect(g.suggested).toEqual([null, 'since', 'phone', null]);
    // No name column: the name is not required (a new customer is named by its id).
    expect(missingRequired('customer', g.mapping)).toEqual([]);
  });
  test('the telco export: the id maps; PhoneService stays unmapped with phone suggested', () => {
    const rows = rowsOf('telco-customers.csv');
    const g = mappingGuess('customer', rows[0], rows.slice(1), fits);
    expect(g.mapping[0]).toBe('id');
    expect(g.mapping[rows[0].indexOf('PhoneService')]).toBeNull();
    expect(g.suggested[rows[0].indexOf('PhoneService')]).toBe('phone');
    expect(g.mapping.filter(Boolean)).toEqual(['id']);
  });
  test('line items: invoice number, quantity and unit price; the amount is their product', () => {
    const rows = rowsOf('online-retail.csv');
    const g = mappingGuess('order', rows[0], rows.slice(1), fits);
    expect(g.mapping).toEqual(['orderId', null, null, 'quantity', 'date', 'unitPrice', 'customerId', null]);
    expect(missingRequired('order', g.mapping)).toEqual([]);
    expect(missingRequired('order', ['orderId', null, null, 'quantity', 'date', null, 'customerId', null])).toEqual(['amount']);
    const c = new RowConverter('order', g.mapping, rows[0], { dateOrder: 'mdy', currency: 'GBP', batch: 'b' as BatchId });
    const e = c.event(rows[1], 2);
    expect(e.record).toMatchObject({ customerId: '17850', orderId: '536365', date: '2010-12-01', amount: 1530, currency: 'GBP' });
    expect(e.record).not.toHaveProperty('quantity');
    expect(c.event(rows[7], 8).record).toMatchObject({ orderId: 'C536379', amount: -2750 });
  });
  test('a required field named exactly is mapped whatever its values (each bad cell is then named)', () => {
    expect(mappingGuess('order', ['customer id', 'date', 'amount'], [['C1', 'soon', 'lots']], fits).mapping).toEqual(['customerId', 'date', 'amount']);
  });
});

describe('custom fields', () => {
  test('typed from their values: yes/no (or 0/1), numbers, dates, else text; blanks say nothing', () => {
    expect(customTypeOf(['Yes', 'No', ''])).toBe('boolean');
    expect(customTypeOf(['0', '1', '1'])).toBe('boolean');
    expect(customTypeOf(['1', '34', '2'])).toBe('number');
    expect(customTypeOf(['29.85', '1,889.5', ' '])).toBe('number');
    expect(customTypeOf(['2024-03-01', '15/11/2023'])).toBe('date');
    expect(customTypeOf(['Month-to-month', 'One year'])).toBe('text');
    expect(customTypeOf(['', ''])).toBe('text');
  });
  test('columns kept as custom fields get keys from their headers, unique, and a type', () => {
    const cols = customColumns(['id', 'Contract', 'tenure', 'Contract'], [null, 'custom', 'custom', 'custom'], [['1', 'One year', '3', 'x'], ['2', 'Two year', '5', 'y']]);
    expect(cols).toEqual([
      { at: 1, key: 'contract', label: 'Contract', type: 'text' },
      { at: 2, key: 'tenure', label: 'tenure', type: 'number' },
      { at: 3, key: 'contract_2', label: 'Contract', type: 'text' },
    ]);
  });
  test('the converter reads them into the customer, a blank number counted per column, or rejecting its row when chosen', () => {
    const headers = ['customerID', 'tenure', 'TotalCharges', 'Churn'];
    const custom = [{ at: 1, key: 'tenure', type: 'number' as const }, { at: 2, key: 'totalcharges', type: 'number' as const }, { at: 3, key: 'churn', type: 'boolean' as const }];
    const mapping = ['id', 'custom', 'custom', 'custom'];
    const base = { dateOrder: null, currency: 'USD', batch: 'b' as BatchId, custom };
    const c = new RowConverter('customer', mapping, headers, base);
    expect(c.customer(['7590-VHVEG', '1', '29.85', 'No'], 2, () => undefined).record).toMatchObject({ id: '7590-VHVEG', name: '7590-VHVEG', custom: { tenure: 1, totalcharges: 29.85, churn: false } });
    const blank = c.customer(['4472-LVYGI', '0', ' ', 'No'], 3, () => undefined).record!;
    expect(blank.custom).toEqual({ tenure: 0, churn: false });
    expect(c.blanks).toEqual([0, 0, 1, 0]);
    const strict = new RowConverter('customer', mapping, headers, { ...base, rejectBlank: [2] });
    expect(strict.customer(['4472-LVYGI', '0', ' ', 'No'], 3, () => undefined).issues).toEqual([{ row: 3, column: 'TotalCharges', code: 'blank_rejected' }]);
    expect(c.customer(['X', 'many', '1', 'No'], 4, () => undefined).issues).toEqual([{ row: 4, column: 'tenure', code: 'not_number', params: { value: 'many' } }]);
  });
});

describe('row rules', () => {
  test('empty, starts with, equals, at most, at least; numbers and dates compared as such', () => {
    const row = ['C536379', '', '-1', '2010-12-01', 'Test'];
    expect(compileRule({ column: 0, op: 'starts', value: 'c' })(row)).toBe(true);
    expect(compileRule({ column: 0, op: 'starts', value: '5' })(row)).toBe(false);
    expect(compileRule({ column: 1, op: 'empty', value: '' })(row)).toBe(true);
    expect(compileRule({ column: 4, op: 'equals', value: 'test' })(row)).toBe(true);
    expect(compileRule({ column: 2, op: 'le', value: '0' })(row)).toBe(true);
    expect(compileRule({ column: 2, op: 'ge', value: '0' })(row)).toBe(false);
    expect(compileRule({ column: 3, op: 'le', value: '2010-12-31' })(row)).toBe(true);
    expect(compileRule({ column: 3, op: 'ge', value: '2011-01-01' })(row)).toBe(false);
    // A number is not compared with a date, nor a text with a number.
    expect(compileRule({ column: 4, op: 'ge', value: '0' })(row)).toBe(false);
  });
  test('each skipped row counts for the first rule it meets', () => {
    const rules = new RowRules([{ column: 0, op: 'starts', value: 'C' }, { column: 6, op: 'empty', value: '' }]);
    const rows = rowsOf('online-retail.csv').slice(1);
    expect(rows.filter((r) => !rules.skips(r)).length).toBe(10);
    expect(rules.skipped).toEqual([2, 1]);
  });
});

describe('layout', () => {
  test('a whitespace-separated file (runs of spaces, leading spaces) is found and read as tabs', () => {
    const raw = text('german-credit.data');
    expect(sniff(raw).whitespace).toBe(true);
    const rows = Papa.parse<string[]>(spacesToTabs(raw), { delimiter: '\t', skipEmptyLines: true }).data;
    expect(rows.map((r) => r.length)).toEqual([21, 21, 21, 21, 21]);
    expect(rows[3].slice(0, 3)).toEqual(['A11', '42', 'A32']);
    expect(sniff('a,b\n1,2\n').whitespace).toBe(false);
    expect(sniff('name\nAcme\n').whitespace).toBe(false);
  });
  test('a first row of values is taken for a record; a row of words for a header', () => {
    expect(firstRowLooksLikeData('customer', ['1001', 'North', '12', 'yes'])).toBe(true);
    expect(firstRowLooksLikeData('customer', ['A11', '6', 'A34'])).toBe(true);
    expect(firstRowLooksLikeData('customer', ['Age', 'Workclass', 'fnlwgt'])).toBe(false);
    // A header that names a field is a header, whatever else it holds.
    expect(firstRowLooksLikeData('order', ['customer id', '2024', 'amount'])).toBe(false);
  });
});

test('a column of month-first dates fits the date field (either order of day and month fits)', () => {
  const g = mappingGuess('order', ['InvoiceNo', 'Quantity', 'InvoiceDate', 'UnitPrice', 'CustomerID'], [['1', '2', '12/13/22 9:00', '1.00', 'C1'], ['2', '1', '12/14/22 9:00', '2.00', 'C1']], fits);
  expect(g.mapping).toEqual(['orderId', 'quantity', 'date', 'unitPrice', 'customerId']);
});
