// The importer against anything a user might pick: arbitrary bytes, broken CSV (stray quotes,
// ragged rows, odd delimiters, control characters, huge cells) and broken JSON. It never
// throws, never answers with anything but a preview or a stated file problem, and a commit is
// all of the preview or nothing. The engine runs here on fake-indexeddb (logic, not speed).
import 'fake-indexeddb/auto';
import { beforeAll, describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { engine } from '../../src/worker/engine';
import { IMPORT_KINDS } from '../../src/domain/import/fields';

const headers = ['customer id', '客户编号', 'date', '日期', 'amount', '金额', 'name', 'invoice no', 'due date', 'csat', 'channel', 'opened', '', '"', 'x'];
const cells = ['C1', 'C2', 'C404', '2024-01-05', '5/6/2024', '31/12/2024', '2024年3月1日', '45383', '１２３', '¥1,234.50', '(5)', '-', '=1+1', '', ' ', '"', '""', 'a"b', '\u0000', '\r', '\n', '年', 'x'.repeat(5000), 'yes', 'high'];

const csvText = fc
  .tuple(
    fc.array(fc.constantFrom(...headers), { minLength: 0, maxLength: 6 }),
    fc.array(fc.array(fc.oneof(fc.constantFrom(...cells), fc.string({ maxLength: 8 })), { maxLength: 8 }), { maxLength: 12 }),
    fc.constantFrom(',', ';', '\t', '|', ' '),
    fc.constantFrom('\r\n', '\n', '\r'),
    fc.boolean(),
  )
  .map(([head, rows, sep, eol, quoteSome]) => [head, ...rows].map((r) => r.map((c, i) => (quoteSome && i % 2 ? `"${c}"` : c)).join(sep)).join(eol));

const jsonText = fc.oneof(
  fc.json(),
  fc.array(fc.dictionary(fc.constantFrom(...headers), fc.oneof(fc.constantFrom(...cells), fc.integer(), fc.constant(null), fc.array(fc.string(), { maxLength: 2 }))), { maxLength: 8 }).map((a) => JSON.stringify(a)),
  fc.record({ format: fc.constant('custos-records'), version: fc.integer({ min: -1, max: 3 }), records: fc.anything() }).map((o) => JSON.stringify(o)),
  fc.string().map((s) => `[${s}`),
);

const file = fc.oneof(
  fc.uint8Array({ maxLength: 300 }).map((b) => new File([b], 'bytes.csv')),
  csvText.map((t) => new File([t], 'broken.csv')),
  csvText.map((t) => new File([new Uint8Array([0xff, 0xfe]), t], 'bom16.csv')),
  jsonText.map((t) => new File([t], 'broken.json')),
);

/** Files with the right columns for their kind and a mix of good and broken cells: many commit. */
const TEMPLATES = {
  customer: { header: 'customer id,name,credit limit', cells: [['C1', 'C3', 'C4', 'N5', '', '"C6"'], ['甲', 'B', '', '=x', '"a,b"'], ['100', '', '¥1,000', 'x', '(5)']] },
  order: { header: 'customer id,date,amount', cells: [['C1', 'C2', 'C77', ''], ['2024-01-05', '5/6/2024', '13/6/2024', 'bad', ''], ['12.5', '(3)', 'x', '', '１２']] },
  survey: { header: 'customer id,date,csat,nps', cells: [['C1', 'C2', 'C9'], ['2024-02-01', '2024/2/30', ''], ['5', '9', '', 'x'], ['10', '', '11']] },
} as const;
const validish = fc.constantFrom(...(Object.keys(TEMPLATES) as (keyof typeof TEMPLATES)[])).chain((kind) =>
  fc
    .array(fc.tuple(...TEMPLATES[kind].cells.map((c) => fc.constantFrom(...c))), { minLength: 1, maxLength: 10 })
    .map((rows) => ({ kind, text: [TEMPLATES[kind].header, ...rows.map((r) => r.join(','))].join('\r\n') })),
);

beforeAll(async () => {
  const w = await engine.createWorkspace({ name: 'Fuzz', locale: 'en' });
  if (!w.ok) throw new Error(w.code);
  const p = await engine.previewImport({ file: new File(['customer id,name\nC1,One\nC2,Two\n'], 'c.csv'), options: { kind: 'customer' } });
  if (!p.ok) throw new Error(p.code);
  await engine.commitImport({ token: p.value.token });
});

const stored = async () => (await engine.bookSummary())!;

describe('import fuzz', () => {
  test('10,000 arbitrary or broken files: a preview or a stated file problem, never a crash, never a write', async () => {
    const before = await stored();
    await fc.assert(
      fc.asyncProperty(file, fc.constantFrom(...IMPORT_KINDS), async (f, kind) => {
        const r = await engine.previewImport({ file: f, options: { kind, unknownCustomers: 'create' } });
        if (!r.ok) {
          expect(r.code).toBe('bad_file');
          expect(r.issues?.[0].code).toMatch(/^file\./);
          return;
        }
        const { counts } = r.value;
        // Every row is accounted for (unless a required column is missing: then nothing is checked, and nothing can be imported).
        if (!r.value.missing.length) expect(counts.new + counts.updated + counts.unchanged + counts.rejected).toBe(counts.rows);
        else expect((await engine.commitImport({ token: r.value.token })).ok).toBe(false);
        for (const x of r.value.problems) expect(x.row).toBeGreaterThanOrEqual(2);
      }),
      { numRuns: 10_000 },
    );
    await engine.discardImport();
    // Previews write nothing.
    expect(await stored()).toEqual(before);
  }, 300_000);

  test('a commit adds all the preview said, or nothing; its undo takes all of it back', async () => {
    let committed = 0;
    await fc.assert(
      fc.asyncProperty(fc.oneof(validish, fc.tuple(csvText, fc.constantFrom(...IMPORT_KINDS)).map(([text, kind]) => ({ text, kind }))), async ({ text, kind }) => {
        const before = await stored();
        const r = await engine.previewImport({ file: new File([text], 'x.csv'), options: { kind, unknownCustomers: 'create' } });
        if (!r.ok) return;
        const c = await engine.commitImport({ token: r.value.token });
        const after = await stored();
        if (!c.ok) {
          expect(after).toEqual(before);
          return;
        }
        const { counts } = r.value;
        if (kind === 'customer') expect(after.customers).toBe(before.customers + counts.new);
        else expect([after.customers, after.events]).toEqual([before.customers + counts.newCustomers, before.events + counts.new]);
        expect((await engine.undoImport({ id: c.value.id })).ok).toBe(true);
        expect(await stored()).toEqual(before);
        if (counts.new) committed++;
      }),
      { numRuns: 300 },
    );
    // The property was exercised by real commits, not only by refusals.
    expect(committed).toBeGreaterThan(10);
  }, 300_000);
});
