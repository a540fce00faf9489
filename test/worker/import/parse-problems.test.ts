// Rows a user would lose without knowing are named instead: a quote never closed or a stray
// one refuses the file at the row where it began (nothing after it is joined or dropped); a
// JSON value that is an object or a list refuses its row with the column; control characters
// are removed before anything is compared, so the same file imported twice is unchanged; text
// the encoding could not read is counted, so that the preview can say so.
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, expect, test } from 'vitest';
import { parseAmount } from '../../../src/domain/import/values';
import { en } from '../../../src/i18n/en';
import { engine } from '../../../src/worker/engine';
import { got } from '../../support/result';

const file = (text: string | Uint8Array, name = 'customers.csv') => new File([text as BlobPart], name);

beforeAll(async () => {
  got(await engine.createWorkspace({ name: 'Parse problems', locale: 'en' }));
});

test('a quote never closed refuses the file at the row where it began; the rows after it are not swallowed into a name', async () => {
  const r = await engine.previewImport({ file: file('customer id,name\nQ0,Zero\nQ1,"Acme\nQ2,Beta\nQ3,Gamma\n'), options: { kind: 'customer' } });
  expect(r).toMatchObject({ ok: false, code: 'bad_file', detail: 'unclosed_quote', issues: [{ code: 'file.unclosed_quote', params: { row: 3 } }] });
  expect(got(await engine.getSummary()).customers).toBe(0);
});

test('a stray quote after a closing one refuses the file at its row', async () => {
  const r = await engine.previewImport({ file: file('customer id,name\nQ1,Acme\nQ2,"Be"ta"\nQ3,Gamma\n'), options: { kind: 'customer' } });
  expect(r).toMatchObject({ ok: false, code: 'bad_file', detail: 'stray_quote', issues: [{ params: { row: 3 } }] });
});

test('a quote that opens and closes inside a value, and a quoted line break, are read as they are', async () => {
  const p = got(await engine.previewImport({ file: file('customer id,name,notes\nQ1,"Acme, Ltd","two\nlines"\nQ2,Beta,"say ""hi"""\n'), options: { kind: 'customer' } }));
  expect(p.counts).toMatchObject({ rows: 2, new: 2, rejected: 0 });
  got(await engine.discardImport());
});

test('a JSON value that is an object or a list refuses its row, naming the column; the other rows import', async () => {
  const records = [{ 'customer id': 'J1', name: 'One' }, { 'customer id': 'J2', name: { first: 'Two' } }, { 'customer id': 'J3', name: 'Three', tags: ['a', 'b'] }];
  const p = got(await engine.previewImport({ file: file(JSON.stringify(records), 'c.json'), options: { kind: 'customer' } }));
  expect(p.counts).toMatchObject({ rows: 3, new: 1, rejected: 2 });
  expect(p.problems).toEqual([{ row: 3, column: 'name', code: 'not_a_value' }, { row: 4, column: 'tags', code: 'not_a_value' }]);
  got(await engine.discardImport());
});

test('control characters are removed before comparing: the same file imported twice is unchanged the second time', async () => {
  const text = 'customer id,name,notes\nN1,Nul\u0000 Trading,bell\u0007 and tab\there\nN2,Plain,ok\n';
  const first = got(await engine.previewImport({ file: file(text), options: { kind: 'customer' } }));
  expect(first.counts).toMatchObject({ new: 2, rejected: 0 });
  got(await engine.commitImport({ token: first.token }));
  const stored = got(await engine.getCustomer({ id: 'N1' })).customer;
  expect(stored.name).toBe('Nul Trading');
  expect(stored.notes).toBe('bell and tab\there');
  const again = got(await engine.previewImport({ file: file(text), options: { kind: 'customer' } }));
  expect(again.counts).toMatchObject({ new: 0, updated: 0, unchanged: 2 });
  got(await engine.discardImport());
});

test('a file read in the wrong encoding counts the characters it could not read', async () => {
  const gbk = readFileSync(resolve(__dirname, '../../fixtures/import/customers-gbk.csv'));
  const right = got(await engine.previewImport({ file: file(new Uint8Array(gbk)), options: { kind: 'customer' } }));
  expect(right.unreadable).toBe(0);
  const wrong = got(await engine.previewImport({ file: file(new Uint8Array(gbk)), options: { kind: 'customer', encoding: 'utf-8' } }));
  expect(wrong.unreadable).toBeGreaterThan(0);
  got(await engine.discardImport());
});

test('an amount too large says so, in words without placeholders', () => {
  const r = parseAmount('99999999999999999', 2);
  expect(r).toMatchObject({ ok: false, code: 'amount_too_large' });
  expect(en['issue.amount_too_large']).not.toMatch(/[{}]/);
});

test('a row with more cells than the header is refused with the counts, not cut to fit; trailing empty cells are fine', async () => {
  const p = got(await engine.previewImport({ file: file('customer id,name\nF1,Acme, Ltd\nF2,Beta,\nF3,Gamma\n'), options: { kind: 'customer' } }));
  expect(p.counts).toMatchObject({ rows: 3, new: 2, rejected: 1 });
  expect(p.problems).toEqual([{ row: 2, code: 'too_many_fields', params: { count: 3, expected: 2 } }]);
  got(await engine.discardImport());
});

test('a Windows-1252 file read as UTF-8 is flagged, and reads clean in the encoding offered', async () => {
  const bytes = new Uint8Array([...new TextEncoder().encode('customer id,name\nW1,Caf'), 0xe9, ...new TextEncoder().encode(' M\u00fcller\n').map((b) => b)]);
  // "Caf\xe9" is not UTF-8: the decoder puts a replacement character in its place.
  const wrong = got(await engine.previewImport({ file: file(bytes), options: { kind: 'customer', encoding: 'utf-8' } }));
  expect(wrong.unreadable).toBeGreaterThan(0);
  const right = got(await engine.previewImport({ file: file(new Uint8Array([...new TextEncoder().encode('customer id,name\nW1,Caf'), 0xe9, 0x0a])), options: { kind: 'customer', encoding: 'windows-1252' } }));
  expect(right.unreadable).toBe(0);
  expect(right.sample[0]).toEqual(['W1', 'Café']);
  got(await engine.discardImport());
});
