// Export in real Chromium: every kind of a workshop book exported (CSV and JSON) and imported
// into an empty book gives the same records; an anonymised export shows no name, contact or
// note of the book, keeps the figures, and joins customers to their orders.
import { afterAll, describe, expect, test } from 'vitest';
import { engine } from '../../src/worker/client';
import { IMPORT_KINDS } from '../../src/domain/import/fields';
import type { BookEvent } from '../../src/domain/types';
import { got } from '../support/result';

const api = engine();
const created: string[] = [];
afterAll(async () => {
  for (const id of created) await api.deleteWorkspace({ id });
});

async function exported(kind: (typeof IMPORT_KINDS)[number], format: 'csv' | 'json', anonymise = false) {
  const r = await api.exportRecords({ options: { kind, format, anonymise } });
  if (!r.ok) throw new Error(r.code);
  return r.value;
}

/** Every record of the open book, without ids and batches (which an import gives anew). */
async function records() {
  const list = (got(await api.queryCustomers({ query: { search: '', filters: {}, sort: 'id', dir: 'asc' }, limit: 500 }))).rows;
  const out: unknown[] = [];
  for (const row of list) {
    const c = await api.getCustomer({ id: row.id });
    if (!c.ok) throw new Error(c.code);
    const { batch: _b, updatedAt: _u, ...profile } = c.value.customer;
    out.push(profile, ...c.value.events.map(({ id: _i, batch: _x, ...e }: BookEvent) => e).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))));
  }
  return out;
}

describe('export', () => {
  for (const format of ['csv', 'json'] as const) {
    test(`${format}: a workshop book exported kind by kind and imported into an empty book is the same book`, async () => {
      const w = await api.createWorkspace({ name: `Export ${format}`, demo: { book: 'workshop', seed: 3, locale: 'zh-CN' }, locale: 'zh-CN' });
      if (!w.ok) throw new Error(w.code);
      created.push(w.value.id);
      const files = [];
      for (const kind of IMPORT_KINDS) files.push([kind, await exported(kind, format)] as const);
      const original = await records();

      const e = await api.createWorkspace({ name: `Imported ${format}`, locale: 'zh-CN' });
      if (!e.ok) throw new Error(e.code);
      created.push(e.value.id);
      for (const [kind, file] of files) {
        const p = await api.previewImport({ file: new File([file.blob], file.name), options: { kind } });
        if (!p.ok) throw new Error(`${kind}: ${p.code} ${p.detail}`);
        expect(p.value.missing, kind).toEqual([]);
        expect(p.value.counts, kind).toMatchObject({ rows: file.rows, new: file.rows, rejected: 0 });
        const c = await api.commitImport({ token: p.value.token });
        expect(c.ok, kind).toBe(true);
      }
      expect(await records()).toEqual(original);
    });
  }

  test('anonymised, CSV and JSON, every kind: no name, contact, phone, e-mail, note or survey comment of the book in the files; figures kept; customers and orders still join', async () => {
    const w = await api.createWorkspace({ name: 'Anon', demo: { book: 'workshop', seed: 4, locale: 'zh-CN' }, locale: 'zh-CN' });
    if (!w.ok) throw new Error(w.code);
    created.push(w.value.id);
    const first = (got(await api.queryCustomers({ query: { search: '', filters: {}, sort: 'id', dir: 'asc' }, limit: 500 }))).rows;
    // Free text a user typed: a note on a profile and a comment on a survey.
    const one = await api.getCustomer({ id: first[0].id });
    if (!one.ok) throw new Error(one.code);
    const noted = await api.saveCustomer({ customer: { ...one.value.customer, notes: '老板姓诸葛，私人号码另记' }, create: false });
    expect(noted.ok).toBe(true);
    const said = await api.saveEvent({ event: { kind: 'survey', customerId: first[0].id, batch: 'manual' as never, date: '2026-01-05', csat: 2, nps: 3, comment: '交货太慢，经理欧阳答应赔偿' } });
    expect(said.ok).toBe(true);
    const profiles = await Promise.all(first.map(async (r) => ((await api.getCustomer({ id: r.id })) as { value: { customer: { name: string; contact: string; phone: string; email: string; notes: string } } }).value.customer));
    const secrets = [...profiles.flatMap((p) => [p.name, p.contact, p.phone, p.email, p.notes]), '诸葛', '欧阳'].filter((x) => x && x.length >= 2);
    expect(secrets.length).toBeGreaterThan(first.length * 3);
    for (const format of ['csv', 'json'] as const) {
      for (const kind of IMPORT_KINDS) {
        const text = await (await exported(kind, format, true)).blob.text();
        const leaked = secrets.filter((x) => text.includes(x));
        expect(leaked, `${format} ${kind}`).toEqual([]);
      }
    }
    // The anonymised survey still carries its figures, without the comment.
    const surveys = JSON.parse(await (await exported('survey', 'json', true)).blob.text()) as { records: { csat: number | null; nps: number | null; comment: string; date: string }[] };
    expect(surveys.records.some((r) => r.date === '2026-01-05' && r.csat === 2 && r.nps === 3 && r.comment === '')).toBe(true);
    const customers = await (await exported('customer', 'json', true)).blob.text();
    const orders = await (await exported('order', 'json', true)).blob.text();
    const c = JSON.parse(customers) as { anonymised: boolean; records: { id: string; creditLimit: number | null }[] };
    const o = JSON.parse(orders) as { records: { customerId: string; amount: number }[] };
    expect(c.anonymised).toBe(true);
    const ids = new Set(c.records.map((r) => r.id));
    expect(ids.size).toBe(first.length);
    expect(o.records.every((r) => ids.has(r.customerId))).toBe(true);
    // The same pseudonyms in the next export of this book.
    expect(JSON.parse(await (await exported('customer', 'json', true)).blob.text()).records.map((r: { id: string }) => r.id)).toEqual(c.records.map((r) => r.id));
  });
});
