// Excel-safe CSV: formulas neutralised (numbers stay numbers), headers the importer maps back
// in every language, and every record of every kind exported and imported back unchanged.
import { runs } from '../support/runs';
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import Papa from 'papaparse';
import { CSV_BOM, csvField, csvLine, exportColumns, neutralise, unneutralise } from '../../src/domain/export/csv';
import { Pseudonyms } from '../../src/domain/export/anonymise';
import { autoMapping, IMPORT_KINDS, type ImportKind } from '../../src/domain/import/fields';
import { RowConverter } from '../../src/domain/import/records';
import { isoFromDay } from '../../src/domain/dates';
import { CHANNELS, LOCALES, SEVERITIES, SIZES, TIERS, type BatchId, type Customer, type Locale } from '../../src/domain/types';

describe('formula injection', () => {
  test('cells beginning with = + - @ tab or CR are neutralised; numbers stay numbers', () => {
    expect(csvField('=HYPERLINK("http://x","click")')).toBe(`"'=HYPERLINK(""http://x"",""click"")"`);
    for (const s of ['+1+1', '-2+3', '@SUM(A1)', '\tx', '\r=1']) expect(neutralise(s)).toBe(`'${s}`);
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('\r=1')).toBe(`"'\r=1"`);
    expect(csvField(-42.5)).toBe('-42.5');
    expect(csvField('plain, text')).toBe('"plain, text"');
    expect(csvField("'=1")).toBe("''=1");
    expect(csvLine(['a', 1, null])).toBe('a,1,\r\n');
  });

  test('any text survives CSV and the neutraliser unchanged', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary', maxLength: 30 }), { minLength: 1, maxLength: 5 }), (cells) => {
        const text = csvLine(cells);
        const parsed = Papa.parse<string[]>(text, { delimiter: ',', newline: '\r\n' }).data[0];
        expect(parsed.map(unneutralise)).toEqual(cells);
        // No cell of the file can start a formula.
        for (const cell of parsed) expect(/^[=+\-@\t\r]/.test(cell)).toBe(false);
      }),
      { numRuns: runs(2000) },
    );
  });
});

describe('headers', () => {
  test('every export header maps back to its field, in every language', () => {
    for (const kind of IMPORT_KINDS) {
      for (const locale of LOCALES) {
        const columns = exportColumns(kind, locale);
        expect(autoMapping(kind, columns.map((c) => c.header)), `${kind} ${locale}`).toEqual(columns.map((c) => c.field));
      }
    }
  });
});

// Records as the app holds them, valid by its own rules.
const text = (max: number) => fc.string({ maxLength: max }).filter((s) => s === s.trim() && !/[\u3000\uff01-\uff5e]/.test(s));
const day = fc.integer({ min: -20_000, max: 40_000 }).map(isoFromDay);
const optDay = fc.option(day, { nil: '' as const });
const currency = fc.constantFrom('CNY', 'USD', 'JPY', 'EUR', 'HKD', 'TWD');
const minor = fc.integer({ min: -1e12, max: 1e12 });
const id = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_\-. ]{0,15}[A-Za-z0-9]$/);
const tags = fc.uniqueArray(fc.stringMatching(/^[^,;，；、|\s\u3000\uff01-\uff5e][^,;，；、|\u3000\uff01-\uff5e]{0,20}[^,;，；、|\s\u3000\uff01-\uff5e]$/), { maxLength: 4 });
const instant = fc.integer({ min: 0, max: 4_102_444_800_000 });

const arbitrary: Record<ImportKind, fc.Arbitrary<Record<string, unknown>>> = {
  customer: fc.record({
    id, name: text(60).filter(Boolean), industry: text(30), size: fc.constantFrom('', ...SIZES), region: text(30), owner: text(30), tier: fc.constantFrom(...TIERS),
    since: optDay, creditLimit: fc.option(fc.integer({ min: 0, max: 1e12 }), { nil: null }), currency, paymentTermsDays: fc.option(fc.integer({ min: 0, max: 365 }), { nil: null }),
    contractEnd: optDay, tags, notes: text(200), contact: text(30), phone: fc.stringMatching(/^(\+?\d[\d\s\-.()]{0,14}\d)?$/), email: fc.constantFrom('', 'a@b.cn', 'li.wei@example.com'),
  }),
  order: fc.record({ kind: fc.constant('order'), customerId: id, date: day, amount: minor, currency, category: text(40), orderId: text(20) }),
  invoice: fc
    .record({ customerId: id, invoiceId: id, issued: fc.integer({ min: 0, max: 30_000 }), dueIn: fc.nat(200), paidIn: fc.option(fc.nat(300), { nil: null }), amount: minor, currency, paidAmount: fc.integer({ min: 0, max: 1e12 }) })
    .map(({ issued, dueIn, paidIn, ...r }) => ({
      kind: 'invoice', ...r, issued: isoFromDay(issued), due: isoFromDay(issued + dueIn), paid: paidIn === null ? '' : isoFromDay(issued + paidIn),
    })),
  complaint: fc
    .record({ customerId: id, opened: instant, first: fc.option(fc.nat(1e9), { nil: null }), done: fc.option(fc.nat(1e10), { nil: null }), severity: fc.constantFrom(...SEVERITIES), category: text(40), channel: fc.constantFrom(...CHANNELS), reopened: fc.boolean() })
    .map(({ first, done, ...r }) => ({ kind: 'complaint', ...r, firstResponse: first === null ? null : r.opened + first, resolved: done === null ? null : r.opened + done })),
  survey: fc
    .record({ customerId: id, date: day, csat: fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }), nps: fc.option(fc.integer({ min: 0, max: 10 }), { nil: null }), comment: text(200) })
    .filter((r) => r.csat !== null || r.nps !== null)
    .map((r) => ({ kind: 'survey', ...r })),
  interaction: fc.record({ kind: fc.constant('interaction'), customerId: id, date: day, channel: fc.constantFrom(...CHANNELS), sentiment: fc.constantFrom(-1, 0, 1) }),
};

/** The records through an export file and back through the importer's converter. */
function roundTrip(kind: ImportKind, locale: Locale, records: Record<string, unknown>[]): Record<string, unknown>[] {
  const columns = exportColumns(kind, locale);
  const file = CSV_BOM + csvLine(columns.map((c) => c.header)) + records.map((r) => csvLine(columns.map((c) => c.cell(r)))).join('');
  const rows = Papa.parse<string[]>(file.slice(1), { skipEmptyLines: true }).data;
  const mapping = autoMapping(kind, rows[0]);
  const convert = new RowConverter(kind, mapping, rows[0], { dateOrder: null, currency: 'CNY', batch: 'b' as BatchId });
  return rows.slice(1).map((cells, i) => {
    const r = kind === 'customer' ? convert.customer(cells, i + 2, () => undefined) : convert.event(cells, i + 2);
    expect(r.issues).toEqual([]);
    const { batch: _b, updatedAt: _u, id: eventId, ...rest } = r.record as unknown as Record<string, unknown>;
    return kind === 'customer' ? { id: eventId, ...rest } : rest;
  });
}

describe('export → import', () => {
  for (const kind of IMPORT_KINDS) {
    test(`${kind}: every value comes back as it was`, () => {
      fc.assert(
        fc.property(fc.array(arbitrary[kind], { minLength: 1, maxLength: 8 }), fc.constantFrom(...LOCALES), (records, locale) => {
          const back = roundTrip(kind, locale, records);
          const expected = records.map((r) => {
            const e = kind === 'customer' || kind === 'order' || kind === 'invoice' ? r : { ...r, currency: 'CNY' };
            return e;
          });
          expect(back.map((b) => ({ ...b }))).toEqual(expected.map((e) => ({ ...e })));
        }),
        { numRuns: runs(300) },
      );
    });
  }
});

describe('anonymised', () => {
  const c: Customer = {
    id: 'C001' as Customer['id'], name: '上海华东贸易有限公司', industry: '制造业', size: 'large', region: '华东', owner: '王芳', tier: 'key', since: '2020-01-01',
    creditLimit: 100, currency: 'CNY', paymentTermsDays: 30, contractEnd: '', tags: ['vip'], notes: '老板姓张，手机 13800000000', contact: '张伟', phone: '13800000000',
    email: 'zhang@hd.cn', batch: 'b' as BatchId, updatedAt: 1,
  };
  test('names, contacts and free text replaced; the same customer gets the same pseudonym; figures kept', () => {
    const p = new Pseudonyms('salt-1', 'zh-CN');
    const a = p.customer(c);
    expect(a.id).not.toBe(c.id);
    expect(a.name).toMatch(/^客户 [0-9A-Z]{6}$/);
    expect([a.phone, a.notes]).toEqual(['', '']);
    expect(a.email).toMatch(/@example\.invalid$/);
    expect(JSON.stringify(a)).not.toMatch(/张|王芳|13800000000|华东贸易/);
    expect([a.creditLimit, a.industry, a.region, a.tier, a.since, a.tags]).toEqual([100, '制造业', '华东', 'key', '2020-01-01', ['vip']]);
    expect(p.customer(c)).toEqual(a);
    expect(p.event({ kind: 'order', customerId: 'C001', amount: 5 }).customerId).toBe(a.id);
    // Another salt (another workspace) gives other pseudonyms.
    expect(new Pseudonyms('salt-2', 'zh-CN').customer(c).id).not.toBe(a.id);
  });
  test('100,000 ids get 100,000 different pseudonyms', () => {
    const p = new Pseudonyms('s', 'en');
    const seen = new Set<string>();
    for (let i = 0; i < 100_000; i++) seen.add(p.id(`C${i}`));
    expect(seen.size).toBe(100_000);
  });
});
