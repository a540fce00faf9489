// Import of a CSV or JSON file into the open book (DESIGN §6), in two steps. `previewImport`
// reads, parses (PapaParse, in this worker, yielding between chunks so that a cancel gets
// in), maps and checks every row against the book and writes nothing: it returns the counts
// of new, updated, unchanged and rejected records and every problem with its row and column.
// `commitImport` then writes all changed shards and the batch in one transaction, so that the
// workspace is either as before or fully imported; `undoImport` takes a batch back.

import Papa from 'papaparse';
import { decodeCustomers, decodeEvents, encodeCustomers, encodeEvents } from '../domain/columns';
import { autoMapping, FIELDS, layoutKey, missingRequired, type ImportKind } from '../domain/import/fields';
import { bomLength, detectEncoding, type Encoding } from '../domain/import/encoding';
import { customerFromRow, eventFromRow, eventKey, sameEvent, EMPTY_CUSTOMER, type ConvertOptions } from '../domain/import/records';
import { dateOrderOf, type DateOrder } from '../domain/import/values';
import type { Batch, BatchId, BookEvent, Customer, CustomerId, EventKind, ImportCounts, ImportRecord, Issue, NewEvent } from '../domain/types';
import type { ShardRecord } from '../storage/schema';
import { readMeta, writeMeta, writeShards } from '../storage/workspace-repo';
import { mostCommonCurrency } from '../domain/query';
import type { Book } from './book';
import { Job } from './jobs';
import { load } from './load';
import type { Open } from './session';

/** Stated limits: a file beyond them is refused with a message, not a crash. */
export const IMPORT_LIMITS = { bytes: 512 * 1024 * 1024, rows: 2_000_000, columns: 200, problemsShown: 1000 } as const;

export interface ImportOptions {
  kind: ImportKind;
  /** Overrides the detected encoding. */
  encoding?: Encoding;
  /** Field per column; automatic (or remembered for this layout) when absent. */
  mapping?: (string | null)[];
  dateOrder?: DateOrder | null;
  /** Events of customers not in the book: rejected, or the customer is created. */
  unknownCustomers?: 'reject' | 'create';
}

export interface ImportPreview {
  token: string;
  fileName: string;
  kind: ImportKind;
  encoding: Encoding;
  detectedEncoding: Encoding;
  headers: string[];
  /** The first rows as read, for the mapping screen. */
  sample: string[][];
  mapping: (string | null)[];
  /** Required fields no column is mapped to (the import cannot go ahead). */
  missing: string[];
  /** Whether slashed dates need the user to say day-first or month-first. */
  dateOrderNeeded: boolean;
  dateOrder: DateOrder | null;
  counts: ImportCounts;
  /** The first problems (row, column, code); `problemsTotal` counts them all. */
  problems: Issue[];
  problemsTotal: number;
  /** Whether the mapping came from an earlier import of this layout. */
  remembered: boolean;
}

export type ImportFailure = 'too_large' | 'too_many_rows' | 'too_many_columns' | 'empty_file' | 'bad_json' | 'newer_version' | 'not_records';

class FileProblem extends Error {
  constructor(readonly code: ImportFailure, readonly params: Record<string, number> = {}) {
    super(code);
  }
}
export const isFileProblem = (e: unknown): e is FileProblem => e instanceof FileProblem;

/** The records a preview would write, kept until it is committed or replaced. */
interface Plan {
  token: string;
  book: Book;
  changes: number;
  preview: ImportPreview;
  layout: string;
  /** Per shard: customers to put (new or changed) and events to add or replace. */
  shards: Map<number, { customers: Map<string, Customer>; added: NewEvent[]; replaced: BookEvent[] }>;
  previousCustomers: Customer[];
  createdCustomers: string[];
  previousEvents: BookEvent[];
  stamp: number;
  batch: BatchId;
}

let pending: Plan | null = null;

/** The file's text in its encoding, read in slices (the job yields and can be cancelled between them). */
async function readText(file: Blob, encoding: Encoding, job: Job): Promise<string> {
  const decoder = new TextDecoder(encoding);
  const SLICE = 8 * 1024 * 1024;
  let text = '';
  for (let at = 0; at < file.size; at += SLICE) {
    await job.checkpoint('read', at, file.size);
    text += decoder.decode(new Uint8Array(await file.slice(at, at + SLICE).arrayBuffer()), { stream: true });
  }
  return text + decoder.decode();
}

/** CSV rows (the header first), the delimiter detected by PapaParse: comma, semicolon or tab. */
function parseCsv(text: string, job: Job): Promise<string[][]> {
  const rows: string[][] = [];
  return new Promise((resolve, reject) => {
    Papa.parse<string[]>(text, {
      chunkSize: 1 << 20, skipEmptyLines: 'greedy', delimitersToGuess: [',', ';', '\t', '|'],
      chunk(result: Papa.ParseResult<string[]>, parser: Papa.Parser) {
        for (const r of result.data) rows.push(r);
        if (rows.length > IMPORT_LIMITS.rows + 1) {
          parser.abort();
          reject(new FileProblem('too_many_rows', { max: IMPORT_LIMITS.rows }));
          return;
        }
        parser.pause();
        job.checkpoint('parse', result.meta.cursor, text.length).then(() => parser.resume(), (err) => (parser.abort(), reject(err)));
      },
      complete: () => resolve(rows),
      error: (err: Error) => reject(err),
    });
  });
}

/** JSON rows: a plain array of objects, or our own `{ format: 'custos-records', version, records }`. */
function parseJson(text: string): string[][] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new FileProblem('bad_json');
  }
  if (data && typeof data === 'object' && !Array.isArray(data)) {
    const d = data as { format?: string; version?: number; records?: unknown };
    if (typeof d.version === 'number' && d.version > RECORDS_VERSION) throw new FileProblem('newer_version', { version: d.version });
    data = d.records;
  }
  if (!Array.isArray(data) || !data.every((x) => x && typeof x === 'object' && !Array.isArray(x))) throw new FileProblem('not_records');
  const headers: string[] = [];
  const seen = new Set<string>();
  for (const r of data as Record<string, unknown>[]) for (const k of Object.keys(r)) if (!seen.has(k)) seen.add(k), headers.push(k);
  const cell = (v: unknown) => (v === null || v === undefined ? '' : Array.isArray(v) ? v.join(', ') : String(v));
  return [headers, ...(data as Record<string, unknown>[]).map((r) => headers.map((h) => cell(r[h])))];
}

/** The version of our JSON records format (`custos-records`). */
export const RECORDS_VERSION = 1;

async function readRows(file: File, encoding: Encoding, job: Job): Promise<string[][]> {
  if (file.size > IMPORT_LIMITS.bytes) throw new FileProblem('too_large', { max: IMPORT_LIMITS.bytes / 1024 / 1024 });
  const text = await readText(file, encoding, job);
  const json = /\.json$/i.test(file.name) || /^\s*[[{]/.test(text.slice(0, 100));
  const rows = json ? parseJson(text) : await parseCsv(text, job);
  if (rows.length < 1 || rows[0].every((h) => !h.trim())) throw new FileProblem('empty_file');
  if (rows[0].length > IMPORT_LIMITS.columns) throw new FileProblem('too_many_columns', { max: IMPORT_LIMITS.columns });
  if (rows.length > IMPORT_LIMITS.rows + 1) throw new FileProblem('too_many_rows', { max: IMPORT_LIMITS.rows });
  return rows;
}

const MAPPINGS = 'importMappings';

/** Reads, maps and checks a file against the open book; writes nothing. */
export async function previewImport(o: Open, file: File, options: ImportOptions, job: Job): Promise<ImportPreview> {
  const head = new Uint8Array(await file.slice(0, 64 * 1024).arrayBuffer());
  const detected = detectEncoding(head);
  const encoding = options.encoding ?? detected;
  void bomLength; // TextDecoder drops the byte-order mark itself.
  const rows = await readRows(file, encoding, job);
  const headers = rows[0].map((h) => h.trim());
  const body = rows.slice(1);
  const layout = layoutKey(options.kind, headers);
  const remembered = (await readMeta<Record<string, (string | null)[]>>(o.db, MAPPINGS))?.[layout];
  const mapping = options.mapping ?? remembered ?? autoMapping(options.kind, headers);
  const missing = missingRequired(options.kind, mapping);

  // Day or month first: settled by the data where a cell decides, else asked.
  const dateColumns = mapping.flatMap((f, i) => (f && FIELDS[options.kind].find((d) => d.field === f && (d.type === 'date' || d.type === 'instant')) ? [i] : []));
  const order = dateOrderOf((function* () {
    for (const r of body) for (const c of dateColumns) yield r[c] ?? '';
  })());
  const dateOrder = options.dateOrder ?? (order === 'dmy' || order === 'mdy' ? order : null);
  const dateOrderNeeded = options.dateOrder == null && order === null && body.some((r) => dateColumns.some((c) => /^\s*\d{1,2}[-/.]\d{1,2}[-/.]\d{4}/.test(r[c] ?? '')));

  const book = o.book;
  const stamp = Date.now();
  const batch = `import-${stamp.toString(36)}-${Math.random().toString(36).slice(2, 8)}` as BatchId;
  const convert: ConvertOptions = { dateOrder, currency: mostCommonCurrency(book.list) || 'CNY', batch };
  const plan: Plan = {
    token: batch, book, changes: book.changes, layout, shards: new Map(), previousCustomers: [], createdCustomers: [], previousEvents: [], stamp, batch,
    preview: {
      token: batch, fileName: file.name, kind: options.kind, encoding, detectedEncoding: detected, headers, sample: body.slice(0, 5), mapping, missing,
      dateOrderNeeded, dateOrder, counts: { rows: body.length, new: 0, updated: 0, unchanged: 0, rejected: 0, newCustomers: 0 }, problems: [], problemsTotal: 0,
      remembered: !options.mapping && !!remembered,
    },
  };
  const problems: Issue[] = [];
  const reject = (issues: Issue[]) => {
    plan.preview.counts.rejected++;
    for (const x of issues) if (problems.length < IMPORT_LIMITS.problemsShown) problems.push(x);
    plan.preview.problemsTotal += issues.length;
  };
  if (!missing.length) {
    if (options.kind === 'customer') await planCustomers(plan, body, headers, mapping, convert, reject, job);
    else await planEvents(plan, options.kind, body, headers, mapping, convert, options.unknownCustomers ?? 'reject', reject, job);
  }
  plan.preview.problems = problems;
  pending = plan;
  return plan.preview;
}

const shardOf = (plan: Plan, no: number) => {
  let s = plan.shards.get(no);
  if (!s) plan.shards.set(no, (s = { customers: new Map(), added: [], replaced: [] }));
  return s;
};

const sameCustomer = (a: Customer, b: Customer) => {
  const { batch: _a, updatedAt: _b, ...x } = a;
  const { batch: _c, updatedAt: _d, ...y } = b;
  return JSON.stringify(x) === JSON.stringify(Object.fromEntries(Object.keys(x).map((k) => [k, (y as Record<string, unknown>)[k]])));
};

async function planCustomers(plan: Plan, body: string[][], headers: string[], mapping: (string | null)[], o: ConvertOptions, reject: (i: Issue[]) => void, job: Job) {
  const book = plan.book;
  const counts = plan.preview.counts;
  const seen = new Map<string, number>();
  const idColumn = headers[mapping.indexOf('id')];
  for (let r = 0; r < body.length; r++) {
    if ((r & 1023) === 0) await job.checkpoint('check', r, body.length);
    const row = r + 2;
    const { record, issues, existing } = customerFromRow(body[r], mapping, headers, row, o, (id) => book.customer(id));
    if (!record) {
      reject(issues);
      continue;
    }
    const first = seen.get(record.id);
    if (first !== undefined) {
      reject([{ row, column: idColumn, code: 'duplicate_in_file', params: { first } }]);
      continue;
    }
    seen.set(record.id, row);
    if (existing && sameCustomer(existing, record)) {
      counts.unchanged++;
      continue;
    }
    const put: Customer = { ...record, batch: existing?.batch ?? o.batch, updatedAt: plan.stamp };
    shardOf(plan, book.shardNo(put.id)).customers.set(put.id, put);
    if (existing) counts.updated++, plan.previousCustomers.push(existing);
    else counts.new++, plan.createdCustomers.push(put.id);
  }
}

async function planEvents(
  plan: Plan, kind: EventKind, body: string[][], headers: string[], mapping: (string | null)[], o: ConvertOptions, unknown: 'reject' | 'create', reject: (i: Issue[]) => void, job: Job,
) {
  const book = plan.book;
  const counts = plan.preview.counts;
  // Per shard, the stored events of this kind by key (decoded once, when the shard is first met).
  const stored = new Map<number, Map<string, BookEvent[]>>();
  const used = new Map<string, number>();
  const storedOf = (no: number) => {
    let m = stored.get(no);
    if (!m) {
      m = new Map();
      for (const e of decodeEvents(kind, book.shard(no).events[kind]) as BookEvent[]) {
        const k = eventKey(e);
        const list = m.get(k);
        if (list) list.push(e);
        else m.set(k, [e]);
      }
      stored.set(no, m);
    }
    return m;
  };
  for (let r = 0; r < body.length; r++) {
    if ((r & 1023) === 0) await job.checkpoint('check', r, body.length);
    const row = r + 2;
    const { record, issues, customerColumn } = eventFromRow(kind, body[r], mapping, headers, row, o);
    if (!record) {
      reject(issues);
      continue;
    }
    const id = record.customerId;
    const no = book.shardNo(id);
    const target = shardOf(plan, no);
    if (book.positionOf(id) === undefined && !target.customers.has(id)) {
      if (unknown === 'reject') {
        reject([{ row, column: customerColumn, code: 'unknown_customer', params: { id } }]);
        continue;
      }
      target.customers.set(id, { ...EMPTY_CUSTOMER, id: id as CustomerId, name: id, currency: o.currency, batch: o.batch, updatedAt: plan.stamp });
      plan.createdCustomers.push(id);
      counts.newCustomers++;
    }
    // The k-th row with a key meets the k-th stored event with it: a file imported twice adds nothing.
    const key = eventKey(record);
    const k = used.get(key) ?? 0;
    used.set(key, k + 1);
    const match = storedOf(no).get(key)?.[k];
    if (!match) {
      target.added.push(record);
      counts.new++;
    } else if (sameEvent(match, record)) {
      counts.unchanged++;
    } else {
      target.replaced.push({ ...record, id: match.id, batch: match.batch } as BookEvent);
      plan.previousEvents.push(match);
      counts.updated++;
    }
  }
}

/** The shard with customers put and events added or replaced (new events numbered from `nextId`). */
function applyToShard(shard: ShardRecord, kind: ImportKind, change: Plan['shards'] extends Map<number, infer C> ? C : never, nextId: { value: number }): ShardRecord {
  let customers = shard.customers;
  if (change.customers.size) {
    const list = decodeCustomers(shard.customers);
    const at = new Map(list.map((c, i) => [c.id as string, i]));
    for (const c of change.customers.values()) {
      const i = at.get(c.id);
      if (i === undefined) list.push(c);
      else list[i] = c;
    }
    customers = encodeCustomers(list);
  }
  let events = shard.events;
  if (kind !== 'customer' && (change.added.length || change.replaced.length)) {
    const replaced = new Map(change.replaced.map((e) => [e.id as number, e]));
    const list = (decodeEvents(kind, shard.events[kind]) as BookEvent[]).map((e) => replaced.get(e.id) ?? e);
    for (const e of change.added) list.push({ ...e, id: nextId.value++ } as BookEvent);
    events = { ...shard.events, [kind]: encodeEvents(kind, list as never) };
  }
  return { ...shard, rev: (shard.rev ?? 0) + 1, customers, events };
}

/**
 * Writes the pending preview's changes: every changed shard, the counters and the batch in one
 * transaction, then makes them current. 'stale' when the book changed since the preview.
 */
export async function commitImport(o: Open, token: string): Promise<{ ok: true; batch: Batch } | { ok: false; code: 'stale' | 'not_found' | 'invalid' }> {
  const plan = pending;
  if (!plan || plan.token !== token) return { ok: false, code: 'not_found' };
  if (plan.book !== o.book || plan.changes !== o.book.changes) return { ok: false, code: 'stale' };
  if (plan.preview.missing.length || plan.preview.dateOrderNeeded) return { ok: false, code: 'invalid' };
  const book = o.book;
  const kind = plan.preview.kind;
  const nextId = { value: book.nextEventId };
  const from = nextId.value;
  const shards = [...plan.shards.entries()].map(([no, change]) => applyToShard(book.shard(no), kind, change, nextId));
  const record: ImportRecord = {
    kind, counts: plan.preview.counts, stamp: plan.stamp, createdCustomers: plan.createdCustomers, previousCustomers: plan.previousCustomers,
    addedEvents: { from, to: nextId.value - 1 }, previousEvents: plan.previousEvents,
  };
  const batch: Batch = { id: plan.batch, kind: 'import', label: plan.preview.fileName, createdAt: plan.stamp, import: record };
  await writeShards(o.db, shards, { shardCount: book.shardCount, nextEventId: nextId.value }, batch);
  book.nextEventId = nextId.value;
  book.commitMany(shards);
  const mappings = (await readMeta<Record<string, (string | null)[]>>(o.db, MAPPINGS)) ?? {};
  await writeMeta(o.db, MAPPINGS, { ...mappings, [plan.layout]: plan.preview.mapping });
  pending = null;
  return { ok: true, batch };
}

/**
 * Takes an import back: its new customers and events go, the customers and events it changed
 * get their earlier versions back — except customers edited since (kept, and counted).
 */
export async function undoImport(o: Open, batch: Batch): Promise<{ shards: ShardRecord[]; keptEdited: number; batch: Batch }> {
  const rec = batch.import!;
  const book = o.book;
  const created = new Set(rec.createdCustomers);
  const previous = new Map(rec.previousCustomers.map((c) => [c.id as string, c]));
  const previousEvents = new Map(rec.previousEvents.map((e) => [e.id as number, e]));
  const touched = new Set<number>([...created, ...previous.keys()].map((id) => book.shardNo(id)));
  const kind = rec.kind;
  // Events added or replaced may sit in any shard: every shard with events of the batch's range.
  if (kind !== 'customer') for (let no = 0; no < book.shardCount; no++) touched.add(no);
  let keptEdited = 0;
  const shards: ShardRecord[] = [];
  for (const no of touched) {
    const shard = book.shard(no);
    let changed = false;
    let customers = shard.customers;
    if (created.size || previous.size) {
      const list = decodeCustomers(shard.customers);
      const next: Customer[] = [];
      for (const c of list) {
        const mine = c.updatedAt === rec.stamp;
        if (created.has(c.id) || previous.has(c.id)) {
          if (!mine) {
            keptEdited++;
            next.push(c);
            continue;
          }
          changed = true;
          if (previous.has(c.id)) next.push(previous.get(c.id)!);
          continue;
        }
        next.push(c);
      }
      if (changed) customers = encodeCustomers(next);
    }
    let events = shard.events;
    if (kind !== 'customer') {
      const list = decodeEvents(kind, shard.events[kind]) as BookEvent[];
      const next = list.filter((e) => !(e.id >= rec.addedEvents.from && e.id <= rec.addedEvents.to)).map((e) => previousEvents.get(e.id) ?? e);
      if (next.length !== list.length || list.some((e) => previousEvents.has(e.id))) {
        events = { ...shard.events, [kind]: encodeEvents(kind, next as never) };
        changed = true;
      }
    }
    if (changed) shards.push({ ...shard, rev: (shard.rev ?? 0) + 1, customers, events });
  }
  const undone: Batch = { ...batch, import: { ...rec, undoneAt: Date.now() } };
  await writeShards(o.db, shards, { shardCount: book.shardCount, nextEventId: book.nextEventId }, undone);
  // The list keeps a customer's place for good, so customers removed mean a book read afresh.
  const removed = shards.some((s) => s.customers.n < book.shard(s.no).customers.n);
  if (removed) Object.assign(o, await load(o.db, book.locale));
  else book.commitMany(shards);
  return { shards, keptEdited, batch: undone };
}

/** Drops a preview that will not be committed. */
export function discardImport(): void {
  pending = null;
}
