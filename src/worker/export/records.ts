// Export of records as CSV (Excel-safe, see domain/export/csv.ts) or as our JSON records
// format, per kind of record or of the customers of a filtered list, optionally anonymised
// (DESIGN §6). Built in the worker, which holds the columns; the page only saves the Blob.

import type { ExportFile, ExportOptions } from '../contract';
import { decodeCustomers, decodeEvents } from '../../domain/columns';
import { deviceToday } from '../session/clock';
import { CSV_BOM, csvLine, exportColumns, EXPORT_HEADERS } from '../../domain/export/csv';
import type { CustomField, CustomValues } from '../../domain/custom-fields';
import { readCustomFields } from '../book/book-fields';
import { Pseudonyms } from '../../domain/export/anonymise';
import { DEFAULT_QUERY } from '../../domain/query';
import type { Customer, EventKind, Locale } from '../../domain/types';
import type { ImportKind } from '../../domain/import/fields';
import { readMeta, writeMeta } from '../../storage/workspace-repo';
import type { Job } from '../session/jobs';
import type { OpenBook } from '../session/open-book';
import { RECORDS_VERSION } from '../import/file';
import { listMask } from '../handlers/segments';
import { exportActions } from './actions';

/** The workspace's secret for pseudonyms, made on first use; it never leaves the device. */
async function pseudonymSalt(o: OpenBook): Promise<string> {
  const stored = await readMeta<string>(o.db, 'pseudonymSalt');
  if (stored) return stored;
  const salt = Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
  await writeMeta(o.db, 'pseudonymSalt', salt);
  return salt;
}

type Row = Record<string, unknown>;

/** The records to export, as the domain holds them (amounts in minor units). */
async function recordsOf(o: OpenBook, options: ExportOptions & { kind: ImportKind }, job: Job): Promise<{ rows: Row[]; scores: Map<string, { score: number | null; grade: string }> | null }> {
  const book = o.book;
  if (options.kind === 'customer') {
    const all = new Map<string, Customer>();
    for (let no = 0; no < book.shardCount; no++) {
      await job.checkpoint('export', no, book.shardCount);
      for (const c of decodeCustomers(book.shard(no).customers)) all.set(c.id, c);
    }
    const query = options.query;
    const list = book.page(query ?? { ...DEFAULT_QUERY, sort: 'id', dir: 'asc' }, 0, Number.MAX_SAFE_INTEGER, await listMask(o, query?.segment));
    const chosen = options.ids ? new Set(options.ids) : null;
    const rows = chosen ? list.rows.filter((r) => chosen.has(r.id)) : list.rows;
    const scores = new Map(rows.map((r) => [r.id as string, { score: r.score, grade: r.grade as string }]));
    return { rows: rows.map((r) => all.get(r.id) as unknown as Row), scores };
  }
  const kind = options.kind as EventKind;
  const rows: Row[] = [];
  for (let no = 0; no < book.shardCount; no++) {
    await job.checkpoint('export', no, book.shardCount);
    for (const e of decodeEvents(kind, book.shard(no).events[kind])) rows.push(e as unknown as Row);
  }
  rows.sort((a, b) => (a.id as number) - (b.id as number));
  return { rows, scores: null };
}

/** A file of the records of one kind (or of a list's customers), in the user's language. */
export async function exportRecords(o: OpenBook, options: ExportOptions, job: Job): Promise<ExportFile> {
  const { kind } = options;
  if (kind === 'action') return exportActions(o, options, () => pseudonymSalt(o));
  const locale = (o.book.locale as Locale) ?? 'en';
  const { rows, scores } = await recordsOf(o, { ...options, kind }, job);
  const names = options.anonymise ? new Pseudonyms(await pseudonymSalt(o), locale) : null;
  // A customer file carries the book's custom fields, one column each under its header (an anonymised one leaves out their text: it may name a person).
  const columns = [...exportColumns(kind, locale), ...(kind === 'customer' ? customExportColumns(await readCustomFields(o.db), locale, !!names) : [])];
  const risk = scores ? [EXPORT_HEADERS.riskScore[locale], EXPORT_HEADERS.riskGrade[locale]] : [];
  const stamp = deviceToday();
  const base = `custos-${options.kind}${options.query || options.ids ? '-list' : ''}${names ? '-anonymised' : ''}-${stamp}`;
  const prepared = (r: Row): Row => (names ? (options.kind === 'customer' ? (names.customer(r as never) as unknown as Row) : names.event(r as { customerId: string })) : r);
  const riskCells = (r: Row): (number | string | null)[] => {
    if (!scores) return [];
    const s = scores.get(r.id as string);
    // Scores are whole points, as the app shows them.
    return [s?.score === null || s?.score === undefined ? null : Math.round(s.score), s?.grade ?? ''];
  };

  if (options.format === 'json') {
    const records = [];
    for (let i = 0; i < rows.length; i++) {
      if ((i & 8191) === 0) await job.checkpoint('export', i, rows.length);
      const r = prepared(rows[i]);
      const out: Record<string, unknown> = {};
      for (const c of columns) out[c.field] = c.cell(r);
      if (scores) [out.riskScore, out.riskGrade] = riskCells(rows[i]);
      records.push(out);
    }
    const text = JSON.stringify({ format: 'custos-records', version: RECORDS_VERSION, kind: options.kind, exportedAt: new Date().toISOString(), anonymised: !!names, records });
    return { blob: new Blob([text], { type: 'application/json' }), name: `${base}.json`, rows: rows.length };
  }

  const parts: string[] = [CSV_BOM + csvLine([...columns.map((c) => c.header), ...risk])];
  let chunk = '';
  for (let i = 0; i < rows.length; i++) {
    if ((i & 8191) === 0) {
      await job.checkpoint('export', i, rows.length);
      parts.push(chunk);
      chunk = '';
    }
    const r = prepared(rows[i]);
    chunk += csvLine([...columns.map((c) => c.cell(r)), ...riskCells(rows[i])]);
  }
  parts.push(chunk);
  return { blob: new Blob(parts, { type: 'text/csv;charset=utf-8' }), name: `${base}.csv`, rows: rows.length };
}

/** A column per custom field: numbers and dates as they are, yes/no in the user's words (what the import reads back). */
function customExportColumns(fields: readonly CustomField[], locale: Locale, anonymised: boolean): { field: string; header: string; cell: (r: Row) => string | number | null }[] {
  const yesNo = { en: ['no', 'yes'], 'zh-CN': ['否', '是'], 'zh-TW': ['否', '是'] }[locale];
  return fields
    .filter((f) => !(anonymised && f.type === 'text'))
    .map((f) => ({
      field: `custom:${f.key}`, header: f.label,
      cell: (r: Row) => {
        const v = (r.custom as CustomValues | undefined)?.[f.key];
        return v === undefined ? null : typeof v === 'boolean' ? yesNo[v ? 1 : 0] : v;
      },
    }));
}
