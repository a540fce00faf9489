// One pass over an import file's rows (see import.ts): mapped, converted and checked
// against the book, building the plan a commit writes and the preview a user reads.

import Papa from 'papaparse';
import { ColumnsBuilder, eventAt, type StrColumn } from '../../domain/columns';
import type { Encoding } from '../../domain/import/encoding';
import { autoMapping, layoutKey, missingRequired } from '../../domain/import/fields';
import { eventKey, sameEvent } from '../../domain/import/matching';
import { EMPTY_CUSTOMER, RowConverter, type ConvertOptions } from '../../domain/import/records';
import type { DateOrder } from '../../domain/import/values';
import { mostCommonCurrency } from '../../domain/query';
import { NO_DAY } from '../../domain/dates';
import type { BatchId, BookEvent, Customer, CustomerId, EventKind, Issue } from '../../domain/types';
import { readMeta } from '../../storage/workspace-repo';
import type { ConvertedChunk, DateEvidence } from './chunks';
import { MAPPINGS, type Plan } from './plan';
import type { ImportOptions } from '../contract';
import { eventsByKey, rowOfEvent, sameCustomer, shardOf, storedCustomers, withDue } from './book-index';
import { FileProblem, IMPORT_LIMITS, isBlank, parseCsv, sniff, type JsonRows, type RowSink } from './file';
import { convertInParts } from './parts';
import type { Job } from '../session/jobs';
import type { OpenBook } from '../session/open-book';


/** One pass over a file's rows, building the plan. */
export class Planner {
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
    private readonly o: OpenBook, private readonly file: File, private readonly options: ImportOptions,
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

  /** Rows refused before conversion (a JSON value that is an object or a list), by row number. */
  private rowProblems: Map<number, Issue[]> | null = null;

  async run(text: string, json: JsonRows | null, job: Job): Promise<void> {
    const sink: RowSink = (rows) => this.rows(rows);
    if (json) {
      const rows = json.rows;
      this.rowProblems = json.problems.size ? json.problems : null;
      await this.header(rows[0] ?? []);
      for (let at = 1; at < rows.length; at += 10_000) {
        await job.checkpoint('check', at, rows.length);
        this.body(rows.slice(at, at + 10_000));
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
    this.evidence = await convertInParts(body, base, job, (chunk) => this.place(chunk));
    return true;
  }

  /** The records of a converted chunk placed in the book: new, unchanged, or replacing a stored one. */
  private place(chunk: ConvertedChunk): void {
    const plan = this.plan!;
    const kind = this.options.kind as EventKind;
    const counts = plan.preview.counts;
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
      const at = this.shardFor(id, place);
      if (!at) {
        counts.rejected++;
        plan.preview.problemsTotal++;
        found.push(this.unknown(chunk.rows[i], id));
        continue;
      }
      // An invoice without a due date takes its customer's terms (see `withDue`).
      const dated = kind === 'invoice' && (cols.cols.due as Int32Array)[i] === NO_DAY ? withDue(plan, at.no, eventAt(kind, cols, i) as BookEvent, chunk.rows[i], this.converter?.headerOf('due')) : null;
      if (dated && 'code' in dated) (counts.rejected++, plan.preview.problemsTotal++, found.push(dated));
      else if (this.storedOf(at.no, kind)) this.meet(at.no, at.events, dated ?? (eventAt(kind, cols, i) as BookEvent));
      // Nothing stored to meet: the row goes in as it is, without becoming an object.
      else (dated ? at.events.push({ ...dated, id: plan.nextId++ } as never) : at.events.pushFrom(cols, i, plan.nextId++), counts.new++);
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
        remembered: !options.mapping && !!remembered, unreadable: 0,
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
      const refused = this.rowProblems?.get(row);
      if (refused) {
        this.reject(refused);
        continue;
      }
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
      this.stored.set(no, (m = columns.n ? eventsByKey(kind, columns) : null));
    }
    return m;
  }

  private event(cells: string[], row: number): void {
    const { record, issues } = this.converter!.event(cells, row);
    if (!record) return this.reject(issues);
    const id = record.customerId;
    const at = this.shardFor(id, this.customers.place(id));
    if (!at) return this.reject([this.unknown(row, id)]);
    const e = withDue(this.plan!, at.no, record as BookEvent, row, this.converter!.headerOf('due'));
    return 'code' in e ? this.reject([e]) : this.meet(at.no, at.events, e);
  }

  private unknown(row: number, id: string): Issue {
    return { row, column: this.converter!.customerColumn, code: 'unknown_customer', params: { id } };
  }

  /**
   * The shard of an event's customer (`place` as the customer index gives it: negative for a
   * customer not in the book) and the shard's columns of the kind, with the customer created
   * if the user chose so; null for an unknown customer to reject.
   */
  private shardFor(id: string, place: number): { no: number; events: ColumnsBuilder<EventKind> } | null {
    const plan = this.plan!;
    const kind = this.options.kind as EventKind;
    const no = place < 0 ? -1 - place : place;
    const target = shardOf(plan, no);
    if (place < 0 && !target.customers.has(id)) {
      if (this.options.unknownCustomers !== 'create') return null;
      target.customers.set(id, { ...EMPTY_CUSTOMER, id: id as CustomerId, name: id, currency: this.converter!.currency, batch: plan.batch, updatedAt: plan.stamp });
      plan.createdCustomers.push(id);
      plan.preview.counts.newCustomers++;
    }
    return { no, events: (target.events[kind] ??= ColumnsBuilder.from(kind, plan.book.shard(no).events[kind])) };
  }

  /** An event of the file met with the stored ones: new, unchanged, or replacing the one it matches. */
  private meet(no: number, events: ColumnsBuilder<EventKind>, record: BookEvent): void {
    const plan = this.plan!;
    const kind = this.options.kind as EventKind;
    const counts = plan.preview.counts;
    // The k-th row with a key meets the k-th stored event with it: a file imported twice adds nothing.
    const inShard = this.storedOf(no, kind);
    let match: BookEvent | undefined;
    if (inShard) {
      const key = eventKey(record);
      const k = this.used.get(key) ?? 0;
      this.used.set(key, k + 1);
      match = inShard.get(key)?.[k];
    }
    if (!match) {
      record.id = plan.nextId++ as BookEvent['id'];
      events.push(record as never);
      counts.new++;
    } else if (sameEvent(match, record)) {
      counts.unchanged++;
    } else {
      record.id = match.id;
      record.batch = match.batch;
      events.set(rowOfEvent(plan.book.shard(no).events[kind], match.id), record as never);
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
