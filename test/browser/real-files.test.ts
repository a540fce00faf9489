// Real files from real systems (issue 15), end to end in Chromium: a shop's line items with row
// rules and returns, a telecom's customers-only export kept as custom fields with blanks counted,
// a header-less whitespace file, and headers whose values do not fit the field they name. Each
// with the counts the preview shows and what lands.
import { afterAll, describe, expect, test } from 'vitest';
import { engine } from '../../src/worker/client';
import { DEFAULT_QUERY } from '../../src/domain/query';
import retailUrl from '../fixtures/import/online-retail.csv?url';
import telcoUrl from '../fixtures/import/telco-customers.csv?url';
import accountsUrl from '../fixtures/import/accounts.txt?url';
import creditUrl from '../fixtures/import/credit-headers.csv?url';
import { got } from '../support/result';
import type { ImportOptions } from '../../src/worker/api';

const api = engine();
const created: string[] = [];
afterAll(async () => {
  for (const id of created) await api.deleteWorkspace({ id });
});

const fixture = async (url: string, name: string) => new File([await (await fetch(url)).arrayBuffer()], name);
async function book(name: string, currency?: string) {
  const w = got(await api.createWorkspace({ name, locale: 'en', currency }));
  created.push(w.id);
  return w;
}
const preview = async (file: File, options: ImportOptions) => got(await api.previewImport({ file, options }));
const retailMapping = ['orderId', null, null, 'quantity', 'date', 'unitPrice', 'customerId', null];

describe('real files', () => {
  test('line items: quantity × unit price grouped by invoice number; cancellations skipped by rule and counted; re-import unchanged', async () => {
    await book('Retail', 'GBP');
    const file = await fixture(retailUrl, 'Online Retail.csv');
    const rules = [{ column: 0, op: 'starts' as const, value: 'C' }, { column: 6, op: 'empty' as const, value: '' }];
    const p = await preview(file, { kind: 'order', unknownCustomers: 'create', rules });
    expect(p.delimiter).toBe(',');
    expect(p.mapping).toEqual(retailMapping);
    expect(p.currency).toBe('GBP');
    expect(p.dateOrder).toBe('mdy');
    // Dates of the rows read (not the skipped ones) with a two-digit year.
    expect(p.twoDigitYears).toBe(10);
    expect(p.skippedByRule).toEqual([2, 1]);
    expect(p.counts).toMatchObject({ rows: 13, skipped: 3, new: 6, rejected: 0, newCustomers: 5, returns: 0 });
    expect(p.grouped).toEqual({ lines: 10, orders: 6 });
    got(await api.commitImport({ token: p.token }));
    const c = got(await api.getCustomer({ id: '17850' }));
    const orders = c.events.filter((e) => e.kind === 'order').map((e) => e.kind === 'order' && [e.orderId, e.date, e.amount, e.currency]);
    expect(orders.sort()).toEqual([['536365', '2010-12-01', 5764, 'GBP'], ['536366', '2010-12-01', 1110, 'GBP']]);
    // The rules and the mapping are remembered with the layout: the same file again changes nothing.
    const again = await preview(file, { kind: 'order', unknownCustomers: 'create' });
    expect(again.remembered).toBe(true);
    expect(again.rules).toEqual(rules);
    expect(again.counts).toMatchObject({ new: 0, unchanged: 6, skipped: 3 });
  });

  test('without the rules, cancellations are returns: revenue, not purchase days; a line without a customer is rejected by row and column', async () => {
    await book('Retail returns', 'GBP');
    const p = await preview(await fixture(retailUrl, 'retail.csv'), { kind: 'order', unknownCustomers: 'create' });
    expect(p.counts).toMatchObject({ rows: 13, skipped: 0, new: 8, rejected: 1, returns: 2 });
    expect(p.problems).toEqual([{ row: 11, column: 'CustomerID', code: 'required' }]);
    got(await api.commitImport({ token: p.token }));
    got(await api.setAsOf({ asOf: '2010-12-31' }));
    const list = got(await api.queryCustomers({ query: { ...DEFAULT_QUERY, search: '15311' } }));
    // 3 × 6.45 bought, 1 × 4.65 returned the same day.
    expect(list.rows[0]).toMatchObject({ id: '15311', revenue12m: 1935 - 465 });
    // 14527 only returned: it has no purchase, so no last order.
    const refund = got(await api.queryCustomers({ query: { ...DEFAULT_QUERY, search: '14527' } })).rows[0];
    expect(refund.lastOrder).toBe('');
  });

  test('a telecom’s customers-only export: named by id, its columns kept as typed custom fields, blank charges counted and optionally rejected', async () => {
    await book('Telco', 'USD');
    const file = await fixture(telcoUrl, 'telco.csv');
    const first = await preview(file, { kind: 'customer' });
    expect(first.mapping).toEqual(['id', null, null, null, null, null, null, null, null, null]);
    expect(first.suggested[5]).toBe('phone');
    expect(first.missing).toEqual([]);
    const mapping = ['id', 'custom', 'custom', null, 'custom', 'custom', 'custom', 'custom', 'custom', 'custom'];
    const strict = await preview(file, { kind: 'customer', mapping, rejectBlank: [8] });
    expect(strict.counts).toMatchObject({ new: 5, rejected: 2 });
    expect(strict.problems.map((x) => [x.row, x.column, x.code])).toEqual([[7, 'TotalCharges', 'blank_rejected'], [8, 'TotalCharges', 'blank_rejected']]);
    const p = await preview(file, { kind: 'customer', mapping });
    expect(p.custom.map((c) => [c.key, c.type])).toEqual([
      ['gender', 'text'], ['seniorcitizen', 'boolean'], ['tenure', 'number'], ['phoneservice', 'boolean'], ['contract', 'text'], ['monthlycharges', 'number'], ['totalcharges', 'number'], ['churn', 'boolean'],
    ]);
    expect(p.blanks[8]).toBe(2);
    expect(p.counts).toMatchObject({ rows: 7, new: 7, rejected: 0 });
    got(await api.commitImport({ token: p.token }));
    const c = got(await api.getCustomer({ id: '7590-VHVEG' })).customer;
    expect(c.name).toBe('7590-VHVEG');
    expect(c.currency).toBe('USD');
    expect(c.custom).toEqual({ gender: 'Female', seniorcitizen: false, tenure: 1, phoneservice: false, contract: 'Month-to-month', monthlycharges: 29.85, totalcharges: 29.85, churn: false });
    expect(got(await api.getCustomer({ id: '4472-LVYGI' })).customer.custom).not.toHaveProperty('totalcharges');
    expect(got(await api.getCustomFields({})).map((f) => f.key)).toContain('tenure');
  });

  test('a header-less whitespace file: found, its first row read as a record, columns numbered', async () => {
    await book('Accounts');
    const file = await fixture(accountsUrl, 'accounts.txt');
    const p = await preview(file, { kind: 'customer' });
    expect(p.delimiter).toBe('whitespace');
    expect([p.header, p.headerGuessed]).toEqual([false, true]);
    expect(p.headers).toEqual(['#1', '#2', '#3', '#4', '#5']);
    expect(p.sample[0]).toEqual(['1001', 'North', '12', 'yes', '2024-03-01']);
    const mapped = await preview(file, { kind: 'customer', mapping: ['id', 'region', 'custom', 'custom', 'custom'] });
    expect(mapped.counts).toMatchObject({ rows: 3, new: 3, rejected: 0 });
    expect(mapped.custom.map((c) => c.type)).toEqual(['number', 'boolean', 'date']);
    expect(mapped.blanks[4]).toBe(1);
    got(await api.commitImport({ token: mapped.token }));
    expect(got(await api.getCustomer({ id: '1001' })).customer).toMatchObject({ name: '1001', region: 'North', custom: { '3': 12, '4': true, '5': '2024-03-01' } });
    // Said to be a header, the first row names the columns instead.
    const asHeader = await preview(file, { kind: 'customer', header: true });
    expect([asHeader.header, asHeader.headers[0], asHeader.counts.rows]).toEqual([true, '1001', 2]);
  });

  test('headers whose values do not fit their field stay unmapped, with the field suggested', async () => {
    await book('Credit');
    const p = await preview(await fixture(creditUrl, 'credit.csv'), { kind: 'customer' });
    expect(p.mapping).toEqual(['id', null, null, null]);
    expect(p.suggested).toEqual([null, 'since', 'phone', null]);
    expect(p.counts).toMatchObject({ rows: 3, new: 3, rejected: 0 });
  });
});

describe('custom fields in use', () => {
  test('a telecom scores its customers-only book on its own fields; lists, segments and exports them', async () => {
    await book('Telco scored', 'USD');
    const file = await fixture(telcoUrl, 'telco.csv');
    const mapping = ['id', 'custom', 'custom', null, 'custom', 'custom', 'custom', 'custom', 'custom', 'custom'];
    got(await api.commitImport({ token: (await preview(file, { kind: 'customer', mapping })).token }));
    // Nothing but profiles: only the data dimension is measured, churn is not.
    expect(got(await api.getCustomerRisk({ id: '3668-QPYBK' })).explanation.unscored).toContain('churn');
    const model = got(await api.getModel({})).model;
    const draft = {
      ...model,
      custom: [
        { field: 'tenure', label: 'tenure', dimension: 'churn' as const, setting: { enabled: true, weight: 1, curve: { type: 'linear' as const, good: 24, bad: 0 }, decisive: false } },
        { field: 'churn', label: 'Churn', dimension: 'churn' as const, setting: { enabled: true, weight: 2, curve: { type: 'linear' as const, good: 0, bad: 1 }, decisive: false } },
      ],
    };
    got(await api.publishModel({ draft }));
    // 3668-QPYBK: tenure 2 → 91.7 points, churned (yes) → 100; churn = (91.7 + 2 × 100) / 3 = 97.2.
    const churnOf = (r: { explanation: { dimensions: { dimension: string; score: number }[] } }) => r.explanation.dimensions.find((d) => d.dimension === 'churn')!.score;
    const lost = got(await api.getCustomerRisk({ id: '3668-QPYBK' }));
    expect(churnOf(lost)).toBeCloseTo((200 + (22 / 24) * 100) / 3, 3);
    expect(lost.explanation.unscored).not.toContain('churn');
    expect(lost.explanation.contributions[0]).toMatchObject({ id: 'custom:churn', label: 'Churn', points: 100 });
    // 5575-GNVDE: 34 months, stayed: no churn risk; graded better than the lost one.
    const stayed = got(await api.getCustomerRisk({ id: '5575-GNVDE' }));
    expect(churnOf(stayed)).toBe(0);
    expect(stayed.row.score!).toBeLessThan(lost.row.score! - 40);
    expect(lost.row.grade).toBe('critical');
    // The model document carries them.
    expect(JSON.parse(got(await api.exportModel({}))).custom.map((c: { field: string }) => c.field)).toEqual(['tenure', 'churn']);

    // The list filters by a custom field; a rule segment keeps the condition.
    const monthly = got(await api.queryCustomers({ query: { ...DEFAULT_QUERY, sort: 'id', dir: 'asc', custom: { key: 'contract', op: 'eq', value: 'Month-to-month' } } }));
    expect(monthly.rows.map((r) => r.id)).toEqual(['3668-QPYBK', '7590-VHVEG', '9237-HQITU']);
    const short = got(await api.queryCustomers({ query: { ...DEFAULT_QUERY, custom: { key: 'tenure', op: 'lte', value: '2' } } }));
    expect(short.total).toBe(5);
    const rule = got(await api.saveRuleSegment({ rule: { id: '', name: 'New and monthly', filters: {}, custom: { key: 'contract', op: 'eq', value: 'month-to-month' } } }));
    expect(got(await api.queryCustomers({ query: { ...DEFAULT_QUERY, segment: `rule:${rule.id}` } })).total).toBe(3);

    // The customers' export has a column per custom field, which the import maps back.
    const out = got(await api.exportRecords({ options: { kind: 'customer', format: 'csv', anonymise: false } }));
    const text = await out.blob.text();
    expect(text.split('\r\n')[0]).toContain('Contract');
    const back = await preview(new File([text], 'custos-customer.csv'), { kind: 'customer' });
    expect(back.custom.map((c) => c.key)).toEqual(expect.arrayContaining(['tenure', 'contract', 'churn']));
    expect(back.counts).toMatchObject({ rows: 7, unchanged: 7, rejected: 0 });
  });
});
