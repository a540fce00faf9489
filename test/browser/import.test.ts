// Import in real Chromium: the fixture files (GBK, Big5, UTF-8 with BOM and CRLF, quoted
// newlines, mixed dates, full-width digits, broken rows) previewed, committed, imported again
// without change, and undone.
import { afterAll, describe, expect, test } from 'vitest';
import { engine, proxy } from '../../src/worker/client';
import { DEFAULT_QUERY } from '../../src/domain/query';
import gbkUrl from '../fixtures/import/customers-gbk.csv?url';
import big5Url from '../fixtures/import/customers-big5.csv?url';
import ordersUrl from '../fixtures/import/orders-utf8-bom.csv?url';
import utf16Url from '../fixtures/import/orders-utf16.tsv?url';
import newerUrl from '../fixtures/import/newer-version.json?url';
import { got } from '../support/result';

const api = engine();
const created: string[] = [];
afterAll(async () => {
  for (const id of created) await api.deleteWorkspace({ id });
});

async function fixture(url: string, name: string): Promise<File> {
  return new File([await (await fetch(url)).arrayBuffer()], name);
}

async function emptyBook(name: string) {
  const r = await api.createWorkspace({ name, locale: 'en' });
  if (!r.ok) throw new Error(r.code);
  created.push(r.value.id);
  await api.openWorkspace({ id: r.value.id, locale: 'en' });
}

async function preview(file: File, options: Parameters<typeof api.previewImport>[0]['options']) {
  const r = await api.previewImport({ file, options });
  if (!r.ok) throw new Error(`${r.code} ${r.detail}`);
  return r.value;
}

async function commit(token: string) {
  const r = await api.commitImport({ token });
  if (!r.ok) throw new Error(r.code);
  return r.value;
}

describe('import', () => {
  test('a GBK customer file from Excel: detected, mapped from Chinese headers, committed, and a second time changes nothing', async () => {
    await emptyBook('Import GBK');
    const p = await preview(await fixture(gbkUrl, '客户.csv'), { kind: 'customer' });
    expect(p.encoding).toBe('gb18030');
    expect(p.mapping).toEqual(['id', 'name', 'industry', 'region', 'tier', 'creditLimit']);
    expect(p.counts).toMatchObject({ rows: 3, new: 3, updated: 0, unchanged: 0, rejected: 0 });
    // A preview writes nothing.
    expect((got(await api.queryCustomers({ query: DEFAULT_QUERY }))).total).toBe(0);
    const batch = await commit(p.token);
    expect(batch.label).toBe('客户.csv');
    const list = got(await api.queryCustomers({ query: { ...DEFAULT_QUERY, sort: 'id', dir: 'asc' } }));
    expect(list.rows.map((r) => [r.id, r.name, r.tier])).toEqual([
      ['C001', '上海华东贸易有限公司', 'key'], ['C002', '北京远景科技有限公司', 'general'], ['C003', '广州南方物流', 'potential'],
    ]);
    const c1 = await api.getCustomer({ id: 'C001' });
    if (!c1.ok) throw new Error(c1.code);
    expect(c1.value.customer.creditLimit).toBe(120_000_000);
    const c2 = await api.getCustomer({ id: 'C002' });
    expect(c2.ok && c2.value.customer.creditLimit).toBe(5_000_000);

    const again = await preview(await fixture(gbkUrl, '客户.csv'), { kind: 'customer' });
    expect(again.counts).toMatchObject({ new: 0, updated: 0, unchanged: 3, rejected: 0 });
    // The mapping is remembered for this layout.
    expect(again.remembered).toBe(true);
  });

  test('orders with mixed dates and amounts: bad rows named by row and column; re-import adds nothing; undo takes it all back', async () => {
    await emptyBook('Import orders');
    await commit((await preview(await fixture(gbkUrl, 'c.csv'), { kind: 'customer' })).token);
    const p = await preview(await fixture(ordersUrl, 'orders.csv'), { kind: 'order' });
    expect(p.encoding).toBe('utf-8');
    expect(p.headers).toEqual(['客户编号', '日期', '金额', '币种', '品类']);
    expect(p.dateOrderNeeded).toBe(false);
    expect(p.dateOrder).toBe('dmy');
    expect(p.counts).toMatchObject({ rows: 8, new: 5, rejected: 3 });
    expect(p.problems).toEqual([
      { row: 7, column: '客户编号', code: 'unknown_customer', params: { id: 'C009' } },
      { row: 8, column: '日期', code: 'date_format', params: { value: 'not a date' } },
      { row: 9, column: '金额', code: 'invalid_amount' },
    ]);
    await commit(p.token);
    const c1 = await api.getCustomer({ id: 'C001' });
    if (!c1.ok) throw new Error(c1.code);
    const orders = c1.value.events.filter((e) => e.kind === 'order');
    expect(orders.map((e) => [e.kind === 'order' && e.date, e.kind === 'order' && e.amount, e.kind === 'order' && e.category])).toEqual([
      ['2024-03-18', 234560, '配件'], ['2024-03-05', 123450, '机床\r\n配件'],
    ]);
    const c2 = await api.getCustomer({ id: 'C002' });
    expect(c2.ok && c2.value.events.map((e) => e.kind === 'order' && [e.date, e.amount])).toEqual([['2024-04-01', 80000], ['2024-04-01', -10000]]);

    const again = await preview(await fixture(ordersUrl, 'orders.csv'), { kind: 'order' });
    expect(again.counts).toMatchObject({ new: 0, unchanged: 5, rejected: 3 });

    // Creating unknown customers instead of rejecting their rows.
    const create = await preview(await fixture(ordersUrl, 'orders.csv'), { kind: 'order', unknownCustomers: 'create' });
    expect(create.counts).toMatchObject({ new: 1, unchanged: 5, newCustomers: 1, rejected: 2 });
    const batch = await commit(create.token);
    expect((got(await api.queryCustomers({ query: DEFAULT_QUERY }))).total).toBe(4);

    const history = got(await api.listImports());
    expect(history.map((b) => b.label)).toEqual(['orders.csv', 'orders.csv', 'c.csv']);
    const undone = await api.undoImport({ id: batch.id });
    expect(undone.ok).toBe(true);
    expect((got(await api.queryCustomers({ query: DEFAULT_QUERY }))).total).toBe(3);
    expect((await api.undoImport({ id: batch.id })).ok).toBe(false);
    const first = history[1];
    await api.undoImport({ id: first.id });
    const after = await api.getCustomer({ id: 'C001' });
    expect(after.ok && after.value.events).toEqual([]);
    expect((got(await api.listImports())).filter((b) => b.import?.undoneAt).length).toBe(2);
  });

  test('day-first dates settled by a cell further down; blank lines skipped but counted in row numbers; undecidable dates asked', async () => {
    await emptyBook('Import dates');
    await commit((await preview(await fixture(gbkUrl, 'c.csv'), { kind: 'customer' })).token);
    const csv = 'customer id,date,amount\r\nC001,3/4/2024,1\r\n,,\r\n\r\nC001,15/4/2024,2\r\nC001,31/2/2024,3\r\n';
    const p = await preview(new File([csv], 'd.csv'), { kind: 'order' });
    expect(p.dateOrder).toBe('dmy');
    expect(p.dateOrderNeeded).toBe(false);
    expect(p.counts).toMatchObject({ rows: 3, new: 2, rejected: 1 });
    expect(p.problems).toEqual([{ row: 6, column: 'date', code: 'invalid_date' }]);
    await commit(p.token);
    const c1 = await api.getCustomer({ id: 'C001' });
    expect(c1.ok && c1.value.events.map((e) => e.kind === 'order' && [e.date, e.amount])).toEqual([['2024-04-15', 200], ['2024-04-03', 100]]);

    // The same layout again: its order of day and month is remembered from the last import.
    const same = await preview(new File(['customer id,date,amount\n C002,3/4/2024,1\n'], 'a.csv'), { kind: 'order' });
    expect([same.dateOrder, same.dateOrderNeeded, same.counts.new]).toEqual(['dmy', false, 1]);
    // Nothing in a new layout decides: the user is asked, and the import waits for the answer.
    const ask = await preview(new File(['customer id,order date,amount\n C002,3/4/2024,1\n'], 'a.csv'), { kind: 'order' });
    expect(ask.dateOrderNeeded).toBe(true);
    expect(ask.counts).toMatchObject({ rows: 1, rejected: 1 });
    expect((await api.commitImport({ token: ask.token })).ok).toBe(false);
    const answered = await preview(new File(['customer id,order date,amount\n C002,3/4/2024,1\n'], 'a.csv'), { kind: 'order', dateOrder: 'mdy' });
    expect(answered.counts).toMatchObject({ new: 1, rejected: 0 });
    await commit(answered.token);
    const c2 = await api.getCustomer({ id: 'C002' });
    expect(c2.ok && c2.value.events.map((e) => e.kind === 'order' && e.date)).toEqual(['2024-03-04']);
  });

  test('two-column files with semicolons or tabs are split on them, whatever blank lines they end with', async () => {
    await emptyBook('Import delimiters');
    for (const [name, text] of [['semi.csv', 'customer id;name\nS1;Semi\nS2;Colon\n\n'], ['tab.tsv', 'customer id\tname\r\nT1\tTab\r\n']] as const) {
      const p = await preview(new File([text], name), { kind: 'customer' });
      expect(p.headers, name).toEqual(['customer id', 'name']);
      expect(p.counts, name).toMatchObject({ new: text.startsWith('customer id;') ? 2 : 1, rejected: 0 });
    }
  });

  test('a big file (checked in two halves on two workers): rows numbered through, problems in order, dates settled across halves, re-import unchanged', async () => {
    await emptyBook('Import halves');
    const customers = ['customer id,name', ...Array.from({ length: 300 }, (_, i) => `K${i},K ${i}`)].join('\n');
    await commit((await preview(new File([customers], 'k.csv'), { kind: 'customer' })).token);
    const N = 120_000;
    const lines = ['customer id,date,amount,category'];
    const bad: { row: number; column: string; code: string }[] = [];
    for (let i = 0; i < N; i++) {
      const row = i + 2;
      let date = `2024-0${1 + (i % 9)}-1${i % 10}`;
      let amount = `${(i % 1000) + 0.5}`;
      let id = `K${i % 300}`;
      // An ambiguous date early, the deciding one late: the second half settles the first.
      if (i === 10) date = '3/4/2024';
      if (i === N - 10) date = '25/12/2024';
      if (i % 25_000 === 7) (amount = 'n/a'), bad.push({ row, column: 'amount', code: 'invalid_amount' });
      if (i % 33_333 === 5) (id = 'NOPE'), bad.push({ row, column: 'customer id', code: 'unknown_customer' });
      lines.push(`${id},${date},${amount},Parts`);
    }
    const file = new File([lines.join('\n') + '\n'], 'big.csv');
    expect(file.size).toBeGreaterThan(2.5 * 1024 * 1024);
    const p = await preview(file, { kind: 'order' });
    expect(p.dateOrder).toBe('dmy');
    expect(p.counts).toMatchObject({ rows: N, new: N - bad.length, rejected: bad.length });
    expect(p.problems.map(({ row, column, code }) => ({ row, column, code }))).toEqual(bad.sort((a, b) => a.row - b.row));
    await commit(p.token);
    const k10 = await api.getCustomer({ id: 'K10' });
    expect(k10.ok && k10.value.events.some((e) => e.kind === 'order' && e.date === '2024-04-03')).toBe(true);
    const again = await preview(file, { kind: 'order' });
    expect(again.counts).toMatchObject({ new: 0, unchanged: N - bad.length, rejected: bad.length });
  });

  test('a big import reports its progress through the file and can be cancelled, writing nothing', async () => {
    await emptyBook('Import cancel');
    await commit((await preview(new File(['customer id,name\nK1,One\n'], 'k.csv'), { kind: 'customer' })).token);
    const lines = ['customer id,date,amount'];
    for (let i = 0; i < 400_000; i++) lines.push(`K1,2024-01-0${1 + (i % 9)},${i}`);
    const file = new File([lines.join('\n')], 'many.csv');
    const progress: { phase: string; done: number; total: number }[] = [];
    const pending = api.previewImport({ file, options: { kind: 'order' }, job: 'import-cancel' }, proxy((p: { phase: string; done: number; total: number }) => void progress.push(p)));
    await expect.poll(() => progress.some((p) => p.phase === 'check' && p.done > 0), { timeout: 20_000 }).toBe(true);
    await api.cancelJob({ job: 'import-cancel' });
    const r = await pending;
    expect(r.ok ? 'finished' : r.code).toBe('cancelled');
    for (const p of progress) expect(p.done).toBeLessThanOrEqual(p.total);
    expect((got(await api.getSummary()))?.events).toBe(0);
  });

  test('Big5 and UTF-16 files; a file from a newer version is refused with the reason', async () => {
    await emptyBook('Import Big5');
    const p = await preview(await fixture(big5Url, 'tw.csv'), { kind: 'customer' });
    expect(p.encoding).toBe('big5');
    expect(p.counts).toMatchObject({ new: 2, rejected: 0 });
    await commit(p.token);
    const t1 = await api.getCustomer({ id: 'T001' });
    expect(t1.ok && [t1.value.customer.name, t1.value.customer.creditLimit]).toEqual(['台北新創股份有限公司', 30_000_000]);

    const u = await preview(await fixture(utf16Url, 'o.tsv'), { kind: 'order' });
    expect(u.encoding).toBe('utf-16le');
    expect(u.headers).toEqual(['customer id', 'date', 'amount']);
    expect(u.counts).toMatchObject({ rows: 1, rejected: 1 });

    const newer = await api.previewImport({ file: await fixture(newerUrl, 'x.json'), options: { kind: 'customer' } });
    expect(newer.ok ? null : [newer.code, newer.detail]).toEqual(['bad_file', 'newer_version']);
  });
});
