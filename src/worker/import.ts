// Import of a CSV or JSON file into the open book (DESIGN §6), in two steps. `previewImport`
// reads, parses (PapaParse, in this worker, yielding between chunks so that a cancel gets
// in), maps and checks every row against the book and writes nothing: it returns the counts
// of new, updated, unchanged and rejected records and every problem with its row and column.
// `commitImport` then writes all changed shards and the batch in one transaction, so that the
// workspace is either as before or fully imported; `undoImport` takes a batch back.

import Papa from 'papaparse';
import { ColumnsBuilder, customerAt, decodeCustomers, decodeEvents, encodeCustomers, encodeEvents, eventAt, type Columns, type StrColumn } from '../domain/columns';
import { convertText, type ConvertedChunk, type ConvertRequest, type DateEvidence } from './convert-chunk';
import { autoMapping, layoutKey, missingRequired, type ImportKind } from '../domain/import/fields';
import { bomLength, detectEncoding, type Encoding } from '../domain/import/encoding';
import { eventKey, sameEvent, EMPTY_CUSTOMER, RowConverter, type ConvertOptions } from '../domain/import/records';
import type { DateOrder } from '../domain/import/values';
import type { Batch, BatchId, BookEvent, Customer, CustomerId, EventKind, ImportCounts, ImportRecord, Issue } from '../domain/types';
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

/** What a preview would write to one shard: customers to put, and the events of the kind as they would stand. */
export interface ShardChange {
  customers: Map<string, Customer>;
  /** Per kind, the stored columns with rows replaced and new rows appended (absent while untouched). */
  events: Partial<Record<EventKind, ColumnsBuilder<EventKind>>>;
}

/** The records a preview would write, kept until it is committed or replaced. */
export interface Plan {
  token: string;
  book: Book;
  changes: number;
  preview: ImportPreview;
  layout: string;
  shards: Map<number, ShardChange>;
  previousCustomers: Customer[];
  createdCustomers: string[];
  previousEvents: BookEvent[];
  /** The ids new events get, numbered in file order: `firstId` up to `nextId - 1`. */
  firstId: number;
  nextId: number;
  stamp: number;
  batch: BatchId;
  /** For a merge: how the batch is marked, and what is written after it (the sync point). */
  onCommit?: (batch: Batch) => void;
  afterCommit?: () => Promise<void>;
}

let pending: Plan | null = null;

/** Makes `plan` the one a commit writes (a merge builds its plan itself). */
export function setPending(plan: Plan): void {
  pending = plan;
}

/** The file's text in its encoding, read in slices (the job yields and can be cancelled between them). */
async function readText(file: Blob, encoding: Encoding, job: Job): Promise<string> {
  if (file.size > IMPORT_LIMITS.bytes) throw new FileProblem('too_large', { max: IMPORT_LIMITS.bytes / 1024 / 1024 });
  const decoder = new TextDecoder(encoding);
  const SLICE = 8 * 1024 * 1024;
  let text = '';
  for (let at = 0; at < file.size; at += SLICE) {
    await job.checkpoint('read', at, file.size);
    text += decoder.decode(new Uint8Array(await file.slice(at, at + SLICE).arrayBuffer()), { stream: true });
  }
  return text + decoder.decode();
}

/**
 * The delimiter (comma, semicolon, tab or bar) and line break of a CSV text, guessed by
 * PapaParse from its first rows. Blank lines are left out of the guess (a trailing one would
 * make a two-column file look like one column), not out of the file: rows keep their numbers.
 */
export function sniff(text: string): { delimiter: string; newline: '\r\n' | '\n' | '\r' } {
  const head = Papa.parse<string[]>(text.slice(0, 256 * 1024), { delimitersToGuess: [',', ';', '\t', '|'], skipEmptyLines: 'greedy', preview: 20 });
  return { delimiter: head.meta.delimiter || ',', newline: (head.meta.linebreak || '\n') as '\r\n' | '\n' | '\r' };
}

/** Takes the rows of a file as they are parsed, a chunk at a time (the header row first). */
type RowSink = (rows: string[][]) => void | Promise<void>;

/**
 * CSV rows to `sink`, chunk by chunk, the delimiter detected by PapaParse (comma, semicolon or
 * tab). Each chunk is checked before the next is parsed, so that a million rows never stand
 * in memory as arrays and a cancel gets in between chunks.
 */
function parseCsv(text: string, job: Job, sink: RowSink): Promise<void> {
  const { delimiter, newline } = sniff(text);
  return new Promise((resolve, reject) => {
    let failed = false;
    Papa.parse<string[]>(text, {
      chunkSize: 1 << 20, skipEmptyLines: false, delimiter, newline,
      chunk(result: Papa.ParseResult<string[]>, parser: Papa.Parser) {
        parser.pause();
        Promise.resolve()
          .then(() => sink(result.data))
          .then(() => job.checkpoint('check', result.meta.cursor, text.length))
          .then(() => parser.resume(), (err) => ((failed = true), parser.abort(), reject(err)));
      },
      complete: () => failed || resolve(),
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

const isJson = (file: File, text: string) => /\.json$/i.test(file.name) || /^\s*[[{]/.test(text.slice(0, 100));

/** A row with nothing in it (Excel's trailing ",,,," lines); skipped, but it keeps its row number. */
const isBlank = (cells: readonly string[]) => !cells[0]?.trim() && cells.every((c) => !c.trim());

const MAPPINGS = 'importMappings';

/** Reads, maps and checks a file against the open book; writes nothing. */
export async function previewImport(o: Open, file: File, options: ImportOptions, job: Job): Promise<ImportPreview> {
  const head = new Uint8Array(await file.slice(0, 64 * 1024).arrayBuffer());
  const detected = detectEncoding(head);
  const encoding = options.encoding ?? detected;
  void bomLength; // TextDecoder drops the byte-order mark itself.
  const text = await readText(file, encoding, job);
  const json = isJson(file, text) ? parseJson(text) : null;
  let planner = new Planner(o, file, options, encoding, detected, options.dateOrder ?? null);
  await planner.run(text, json, job);
  // Day or month first: settled by the data where a cell decides (checked again with it
  // when some cells could not be read without it), else asked.
  const order = planner.dateEvidence();
  if (options.dateOrder == null && (order === 'dmy' || order === 'mdy') && planner.ambiguousDates) {
    planner = new Planner(o, file, options, encoding, detected, order);
    await planner.run(text, json, job);
  }
  const settled = options.dateOrder ?? (order === 'dmy' || order === 'mdy' ? order : null);
  const plan = planner.finish(settled, options.dateOrder == null && order === null && planner.slashedDates > 0);
  pending = plan;
  return plan.preview;
}

/** One pass over a file's rows, building the plan. */
class Planner {
  private plan: Plan | null = null;
  private converter: RowConverter | null = null;
  private readonly problems: Issue[] = [];
  private rowNo = 0;
  private readonly seen = new Map<string, number>();
  private customers: ReturnType<typeof storedCustomers>;
  /** Per shard, the stored events of the kind by key; null for a shard without any (every row there is new). */
  private readonly stored = new Map<number, Map<string, BookEvent[]> | null>();
  private readonly used = new Map<string, number>();

  constructor(
    private readonly o: Open, private readonly file: File, private readonly options: ImportOptions,
    private readonly encoding: Encoding, private readonly detected: Encoding, private readonly dateOrder: DateOrder | null,
  ) {
    this.customers = storedCustomers(o.book);
  }

  /** What the date cells said, when the rows were converted in parts (else the converter knows). */
  private evidence: DateEvidence | null = null;
  private convertOptions: ConvertOptions | null = null;

  get ambiguousDates(): number {
    return this.evidence?.ambiguous ?? this.converter?.ambiguousDates ?? 0;
  }
  get slashedDates(): number {
    return this.evidence?.slashed ?? this.converter?.slashedDates ?? 0;
  }
  dateEvidence(): DateOrder | null | 'conflict' {
    return this.evidence ? this.evidence.order : (this.converter?.dateEvidence() ?? null);
  }

  async run(text: string, json: string[][] | null, job: Job): Promise<void> {
    const sink: RowSink = (rows) => this.rows(rows);
    if (json) {
      await this.header(json[0] ?? []);
      for (let at = 1; at < json.length; at += 10_000) {
        await job.checkpoint('check', at, json.length);
        this.body(json.slice(at, at + 10_000));
      }
    } else if (!(await this.inParts(text, job))) {
      await parseCsv(text, job, sink);
    }
    if (!this.plan) throw new FileProblem('empty_file');
  }

  /**
   * Events from CSV: the rows parsed and checked in one or two helper workers (two halves of
   * a big file without quotes, on two cores), the records placed here as their columns come.
   * False when the file is not for this path (a quoted header, a required column missing):
   * it then takes the row-by-row path.
   */
  private async inParts(text: string, job: Job): Promise<boolean> {
    if (this.options.kind === 'customer') return false;
    const { delimiter, newline } = sniff(text);
    const end = text.indexOf(newline);
    const headerText = end < 0 ? text : text.slice(0, end);
    if (headerText.includes('"')) return false;
    await this.header(Papa.parse<string[]>(headerText, { delimiter }).data[0] ?? []);
    if (!this.converter) {
      this.plan = null;
      return false;
    }
    const body = end < 0 ? '' : text.slice(end + newline.length);
    const plan = this.plan!;
    const base = { delimiter, newline, kind: this.options.kind as EventKind, mapping: plan.preview.mapping, headers: plan.preview.headers, options: this.convertOptions!, keep: IMPORT_LIMITS.problemsShown };
    const parts: ConvertRequest[] = [];
    const mid = body.length > PART_MIN && !body.includes('"') ? body.indexOf(newline, body.length >> 1) : -1;
    if (mid > 0) {
      const first = body.slice(0, mid);
      let lines = 1;
      for (let at = first.indexOf(newline); at >= 0; at = first.indexOf(newline, at + newline.length)) lines++;
      parts.push({ ...base, text: first, firstRow: 2 }, { ...base, text: body.slice(mid + newline.length), firstRow: 2 + lines });
    } else parts.push({ ...base, text: body, firstRow: 2 });
    const streams = parts.map(startPart);
    const evidence: DateEvidence[] = [];
    try {
      // In file order: the second half's chunks wait for the first half's.
      let before = 0;
      for (const [k, stream] of streams.entries()) {
        for (;;) {
          const m = await stream.next();
          await job.checkpoint('check', before + (m.type === 'chunk' ? m.chunk.end : parts[k].text.length), body.length);
          if (m.type === 'chunk') this.place(m.chunk);
          else {
            evidence.push(m.evidence);
            break;
          }
        }
        before += parts[k].text.length;
      }
    } finally {
      for (const s of streams) s.stop();
    }
    this.evidence = {
      slashed: evidence.reduce((n, e) => n + e.slashed, 0),
      ambiguous: evidence.reduce((n, e) => n + e.ambiguous, 0),
      order: combineOrders(evidence.map((e) => e.order)),
    };
    return true;
  }

  /** The records of a converted chunk placed in the book: new, unchanged, or replacing a stored one. */
  private place(chunk: ConvertedChunk): void {
    const plan = this.plan!;
    const convert = this.converter!;
    const kind = this.options.kind as EventKind;
    const counts = plan.preview.counts;
    const book = plan.book;
    counts.rows += chunk.counted;
    if (counts.rows > IMPORT_LIMITS.rows) throw new FileProblem('too_many_rows', { max: IMPORT_LIMITS.rows });
    for (const cells of chunk.sample) if (plan.preview.sample.length < 5) plan.preview.sample.push(cells);
    counts.rejected += chunk.rejected;
    plan.preview.problemsTotal += chunk.problemsTotal;
    const found: Issue[] = [];
    const cols = chunk.records;
    const ids = cols.cols.customerId as StrColumn;
    // Customers are placed once per distinct id of the chunk.
    const places = new Float64Array(ids.dict.length).fill(NaN);
    for (let i = 0; i < cols.n; i++) {
      const code = ids.idx[i];
      const id = ids.dict[code];
      let place = places[code];
      if (Number.isNaN(place)) place = places[code] = this.customers.place(id);
      const no = place < 0 ? -1 - place : place;
      const target = shardOf(plan, no);
      if (place < 0 && !target.customers.has(id)) {
        if (this.options.unknownCustomers !== 'create') {
          counts.rejected++;
          plan.preview.problemsTotal++;
          found.push({ row: chunk.rows[i], column: convert.customerColumn, code: 'unknown_customer', params: { id } });
          continue;
        }
        target.customers.set(id, { ...EMPTY_CUSTOMER, id: id as CustomerId, name: id, currency: convert.currency, batch: plan.batch, updatedAt: plan.stamp });
        plan.createdCustomers.push(id);
        counts.newCustomers++;
      }
      const events = (target.events[kind] ??= ColumnsBuilder.from(kind, book.shard(no).events[kind]));
      const inShard = this.storedOf(no, kind);
      if (!inShard) {
        events.pushFrom(cols, i, plan.nextId++);
        counts.new++;
        continue;
      }
      // The k-th row with a key meets the k-th stored event with it: a file imported twice adds nothing.
      const record = eventAt(kind, cols, i) as BookEvent;
      const key = eventKey(record);
      const k = this.used.get(key) ?? 0;
      this.used.set(key, k + 1);
      const match = inShard.get(key)?.[k];
      if (!match) {
        record.id = plan.nextId++ as BookEvent['id'];
        events.push(record as never);
        counts.new++;
      } else if (sameEvent(match, record)) {
        counts.unchanged++;
      } else {
        record.id = match.id;
        record.batch = match.batch;
        events.set(rowOfEvent(book.shard(no).events[kind], match.id), record as never);
        plan.previousEvents.push(match);
        counts.updated++;
      }
    }
    // Problems in row order, as the row-by-row path gives them.
    const merged = found.length ? [...chunk.problems, ...found].sort((a, b) => (a.row ?? 0) - (b.row ?? 0)) : chunk.problems;
    for (const x of merged) if (this.problems.length < IMPORT_LIMITS.problemsShown) this.problems.push(x);
  }

  private async rows(rows: string[][]): Promise<void> {
    if (!this.plan) {
      if (!rows.length) return;
      await this.header(rows[0]);
      rows = rows.slice(1);
    }
    this.body(rows);
  }

  private async header(cells: string[]): Promise<void> {
    const { o, options, file } = this;
    if (cells.every((h) => !h.trim())) throw new FileProblem('empty_file');
    if (cells.length > IMPORT_LIMITS.columns) throw new FileProblem('too_many_columns', { max: IMPORT_LIMITS.columns });
    const headers = cells.map((h) => h.trim());
    const layout = layoutKey(options.kind, headers);
    const remembered = (await readMeta<Record<string, (string | null)[]>>(o.db, MAPPINGS))?.[layout];
    const mapping = options.mapping ?? remembered ?? autoMapping(options.kind, headers);
    const missing = missingRequired(options.kind, mapping);
    const book = o.book;
    const stamp = Date.now();
    const batch = `import-${stamp.toString(36)}-${Math.random().toString(36).slice(2, 8)}` as BatchId;
    const convert: ConvertOptions = { dateOrder: this.dateOrder, currency: mostCommonCurrency(book.list) || 'CNY', batch };
    this.rowNo = 1;
    this.plan = {
      token: batch, book, changes: book.changes, layout, shards: new Map(), previousCustomers: [], createdCustomers: [], previousEvents: [],
      firstId: book.nextEventId, nextId: book.nextEventId, stamp, batch,
      preview: {
        token: batch, fileName: file.name, kind: options.kind, encoding: this.encoding, detectedEncoding: this.detected, headers, sample: [], mapping, missing,
        dateOrderNeeded: false, dateOrder: this.dateOrder, counts: { rows: 0, new: 0, updated: 0, unchanged: 0, rejected: 0, newCustomers: 0 }, problems: [], problemsTotal: 0,
        remembered: !options.mapping && !!remembered,
      },
    };
    this.convertOptions = convert;
    if (!missing.length) this.converter = new RowConverter(options.kind, mapping, headers, convert);
  }

  private body(rows: string[][]): void {
    const plan = this.plan!;
    const { counts, sample } = plan.preview;
    for (const cells of rows) {
      const row = ++this.rowNo;
      if (isBlank(cells)) continue;
      if (++counts.rows > IMPORT_LIMITS.rows) throw new FileProblem('too_many_rows', { max: IMPORT_LIMITS.rows });
      if (sample.length < 5) sample.push(cells);
      if (!this.converter) continue;
      if (this.options.kind === 'customer') this.customer(cells, row);
      else this.event(cells, row);
    }
  }

  private reject(issues: Issue[]): void {
    const plan = this.plan!;
    plan.preview.counts.rejected++;
    for (const x of issues) if (this.problems.length < IMPORT_LIMITS.problemsShown) this.problems.push(x);
    plan.preview.problemsTotal += issues.length;
  }

  private customer(cells: string[], row: number): void {
    const plan = this.plan!;
    const counts = plan.preview.counts;
    const { record, issues, existing } = this.converter!.customer(cells, row, this.customers.get);
    if (!record) return this.reject(issues);
    const first = this.seen.get(record.id);
    if (first !== undefined) {
      return this.reject([{ row, column: plan.preview.headers[plan.preview.mapping.indexOf('id')], code: 'duplicate_in_file', params: { first } }]);
    }
    this.seen.set(record.id, row);
    if (existing && sameCustomer(existing, record)) {
      counts.unchanged++;
      return;
    }
    const put: Customer = { ...record, batch: existing?.batch ?? plan.batch, updatedAt: plan.stamp };
    shardOf(plan, plan.book.shardNo(put.id)).customers.set(put.id, put);
    if (existing) counts.updated++, plan.previousCustomers.push(existing);
    else counts.new++, plan.createdCustomers.push(put.id);
  }

  private storedOf(no: number, kind: EventKind): Map<string, BookEvent[]> | null {
    let m = this.stored.get(no);
    if (m === undefined) {
      const columns = this.plan!.book.shard(no).events[kind];
      m = columns.n ? new Map() : null;
      if (m) {
        for (const e of decodeEvents(kind, columns) as BookEvent[]) {
          const k = eventKey(e);
          const list = m.get(k);
          if (list) list.push(e);
          else m.set(k, [e]);
        }
      }
      this.stored.set(no, m);
    }
    return m;
  }

  private event(cells: string[], row: number): void {
    const plan = this.plan!;
    const convert = this.converter!;
    const kind = this.options.kind as EventKind;
    const counts = plan.preview.counts;
    const { record, issues } = convert.event(cells, row);
    if (!record) return this.reject(issues);
    const id = record.customerId;
    const book = plan.book;
    const place = this.customers.place(id);
    const no = place < 0 ? -1 - place : place;
    const target = shardOf(plan, no);
    if (place < 0 && !target.customers.has(id)) {
      if (this.options.unknownCustomers !== 'create') return this.reject([{ row, column: convert.customerColumn, code: 'unknown_customer', params: { id } }]);
      target.customers.set(id, { ...EMPTY_CUSTOMER, id: id as CustomerId, name: id, currency: convert.currency, batch: plan.batch, updatedAt: plan.stamp });
      plan.createdCustomers.push(id);
      counts.newCustomers++;
    }
    const events = (target.events[kind] ??= ColumnsBuilder.from(kind, book.shard(no).events[kind]));
    // The k-th row with a key meets the k-th stored event with it: a file imported twice adds nothing.
    const inShard = this.storedOf(no, kind);
    const key = inShard ? eventKey(record) : '';
    let match: BookEvent | undefined;
    if (inShard) {
      const k = this.used.get(key) ?? 0;
      this.used.set(key, k + 1);
      match = inShard.get(key)?.[k];
    }
    if (!match) {
      (record as BookEvent).id = plan.nextId++ as BookEvent['id'];
      events.push(record as never);
      counts.new++;
    } else if (sameEvent(match, record)) {
      counts.unchanged++;
    } else {
      (record as BookEvent).id = match.id;
      (record as BookEvent).batch = match.batch;
      events.set(rowOfEvent(book.shard(no).events[kind], match.id), record as never);
      plan.previousEvents.push(match);
      counts.updated++;
    }
  }

  finish(dateOrder: DateOrder | null, dateOrderNeeded: boolean): Plan {
    const plan = this.plan!;
    plan.preview.dateOrder = dateOrder;
    plan.preview.problems = this.problems;
    plan.preview.dateOrderNeeded = dateOrderNeeded;
    return plan;
  }
}

/** Below this much text a file is converted in one part (two workers cost more than they save). */
const PART_MIN = 2 * 1024 * 1024;

type PartMessage = { type: 'chunk'; chunk: ConvertedChunk } | { type: 'done'; evidence: DateEvidence };

/**
 * One part of a file being converted: in a helper worker where workers can be made (the
 * browser), else here (Node tests). Messages come out in order through `next`.
 */
function startPart(req: ConvertRequest): { next: () => Promise<PartMessage>; stop: () => void } {
  const queue: PartMessage[] = [];
  let waiting: { resolve: (m: PartMessage) => void; reject: (e: unknown) => void } | null = null;
  let failure: unknown = null;
  const put = (m: PartMessage) => {
    if (waiting) waiting.resolve(m), (waiting = null);
    else queue.push(m);
  };
  const fail = (e: unknown) => {
    failure = e;
    if (waiting) waiting.reject(e), (waiting = null);
  };
  let helper: Worker | null = null;
  if (typeof Worker !== 'undefined') {
    helper = new Worker(new URL('./import-helper.ts', import.meta.url), { type: 'module', name: 'custos-import' });
    helper.onmessage = (e: MessageEvent<PartMessage | { type: 'error'; message: string }>) => (e.data.type === 'error' ? fail(new Error(e.data.message)) : put(e.data));
    helper.onerror = (e) => fail(new Error(e.message || 'import helper failed'));
    helper.postMessage(req);
  } else {
    // Each chunk waits until the engine has taken it, as the parser waits for a worker's reader.
    let taken: (() => void) | null = null;
    convertText(req, (chunk) => new Promise<void>((resolve) => ((taken = resolve), put({ type: 'chunk', chunk })))).then((evidence) => put({ type: 'done', evidence }), fail);
    const next = () => {
      taken?.();
      taken = null;
      return pull();
    };
    const pull = () => (queue.length ? Promise.resolve(queue.shift()!) : failure ? Promise.reject(failure) : new Promise<PartMessage>((resolve, reject) => (waiting = { resolve, reject })));
    return { next, stop: () => undefined };
  }
  return {
    next: () => (queue.length ? Promise.resolve(queue.shift()!) : failure ? Promise.reject(failure) : new Promise<PartMessage>((resolve, reject) => (waiting = { resolve, reject }))),
    stop: () => helper?.terminate(),
  };
}

function combineOrders(orders: (DateOrder | null | 'conflict')[]): DateOrder | null | 'conflict' {
  const dmy = orders.some((o) => o === 'dmy' || o === 'conflict');
  const mdy = orders.some((o) => o === 'mdy' || o === 'conflict');
  return dmy && mdy ? 'conflict' : dmy ? 'dmy' : mdy ? 'mdy' : null;
}

/** The row of the event with id `id` in stored columns (an index per columns object, built once). */
const eventRows = new WeakMap<object, Map<number, number>>();
function rowOfEvent(columns: Columns, id: number): number {
  let rows = eventRows.get(columns);
  if (!rows) {
    rows = new Map();
    const ids = columns.cols.id as Float64Array;
    for (let i = 0; i < columns.n; i++) rows.set(ids[i], i);
    eventRows.set(columns, rows);
  }
  return rows.get(id)!;
}

/** The stored customers of the book by id, per shard, built when a shard is first met (a lookup, not a scan, per row). */
export function storedCustomers(book: Book) {
  const byShard = new Map<number, Map<string, number>>();
  const indexOf = (no: number) => {
    let m = byShard.get(no);
    if (!m) {
      const { customers } = book.shard(no);
      const ids = customers.cols.id as StrColumn;
      m = new Map();
      for (let i = 0; i < customers.n; i++) m.set(ids.dict[ids.idx[i]], i);
      byShard.set(no, m);
    }
    return m;
  };
  // Rows mostly repeat customers: their shard and whether they are stored, once per id.
  const known = new Map<string, number>();
  return {
    /** The shard of a customer's id, negative (-1 - shard) when it is not in the book. */
    place(id: string): number {
      let p = known.get(id);
      if (p === undefined) {
        const no = book.shardNo(id);
        p = indexOf(no).has(id) ? no : -1 - no;
        known.set(id, p);
      }
      return p;
    },
    get: (id: string): Customer | undefined => {
      const no = book.shardNo(id);
      const i = indexOf(no).get(id);
      return i === undefined ? undefined : customerAt(book.shard(no).customers, i);
    },
  };
}

export const shardOf = (plan: Plan, no: number): ShardChange => {
  let s = plan.shards.get(no);
  if (!s) plan.shards.set(no, (s = { customers: new Map(), events: {} }));
  return s;
};

export const sameCustomer = (a: Customer, b: Customer): boolean => {
  const { batch: _a, updatedAt: _b, ...x } = a;
  const { batch: _c, updatedAt: _d, ...y } = b;
  return JSON.stringify(x) === JSON.stringify(Object.fromEntries(Object.keys(x).map((k) => [k, (y as Record<string, unknown>)[k]])));
};

/** The shard with customers put and the kind's events as the plan built them. */
function applyToShard(shard: ShardRecord, change: ShardChange): ShardRecord {
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
  const events = { ...shard.events };
  for (const [kind, builder] of Object.entries(change.events) as [EventKind, ColumnsBuilder<EventKind>][]) events[kind] = builder.finish();
  return { ...shard, rev: (shard.rev ?? 0) + 1, customers, events };
}

/**
 * Writes the pending preview's changes: every changed shard, the counters and the batch in one
 * transaction, then makes them current. 'stale' when the book changed since the preview.
 */
export async function commitImport(o: Open, token: string): Promise<{ ok: true; batch: Batch } | { ok: false; code: 'stale' | 'not_found' | 'invalid' }> {
  const plan = pending;
  if (!plan || plan.token !== token) return { ok: false, code: 'not_found' };
  if (plan.book !== o.book || plan.changes !== o.book.changes || plan.firstId !== o.book.nextEventId) return { ok: false, code: 'stale' };
  if (plan.preview.missing.length || plan.preview.dateOrderNeeded) return { ok: false, code: 'invalid' };
  const book = o.book;
  const kind = plan.preview.kind;
  const shards = [...plan.shards.entries()].map(([no, change]) => applyToShard(book.shard(no), change));
  const kinds = [...new Set([...plan.shards.values()].flatMap((c) => Object.keys(c.events) as EventKind[]))];
  const record: ImportRecord = {
    kind, kinds, counts: plan.preview.counts, stamp: plan.stamp, createdCustomers: plan.createdCustomers, previousCustomers: plan.previousCustomers,
    addedEvents: { from: plan.firstId, to: plan.nextId - 1 }, previousEvents: plan.previousEvents,
  };
  const batch: Batch = { id: plan.batch, kind: 'import', label: plan.preview.fileName, createdAt: plan.stamp, import: record };
  plan.onCommit?.(batch);
  await writeShards(o.db, shards, { shardCount: book.shardCount, nextEventId: plan.nextId }, batch);
  if (plan.afterCommit) await plan.afterCommit();
  book.nextEventId = plan.nextId;
  book.commitMany(shards);
  if (plan.layout) {
    const mappings = (await readMeta<Record<string, (string | null)[]>>(o.db, MAPPINGS)) ?? {};
    await writeMeta(o.db, MAPPINGS, { ...mappings, [plan.layout]: plan.preview.mapping });
  }
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
  // A merge adds events of several kinds; an import, of its one kind.
  const kinds = rec.kinds ?? (rec.kind === 'customer' ? [] : [rec.kind]);
  // Events added or replaced may sit in any shard: every shard with events of the batch's range.
  if (kinds.length) for (let no = 0; no < book.shardCount; no++) touched.add(no);
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
        const mine = c.updatedAt === (rec.stamps?.[c.id] ?? rec.stamp);
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
    for (const kind of kinds) {
      const list = decodeEvents(kind, shard.events[kind]) as BookEvent[];
      const next = list.filter((e) => !(e.id >= rec.addedEvents.from && e.id <= rec.addedEvents.to)).map((e) => previousEvents.get(e.id) ?? e);
      if (next.length !== list.length || list.some((e) => previousEvents.has(e.id))) {
        events = { ...events, [kind]: encodeEvents(kind, next as never) };
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
