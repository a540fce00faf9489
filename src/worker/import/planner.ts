// One pass over an import file's rows (see import.ts): mapped, converted and checked
// against the book, building the plan a commit writes and the preview a user reads.

import Papa from 'papaparse';
import { eventAt, type StrColumn } from '../../domain/columns';
import type { Encoding } from '../../domain/import/encoding';
import { RowConverter, type ConvertOptions } from '../../domain/import/records';
import type { DateOrder } from '../../domain/import/values';
import { NO_DAY } from '../../domain/dates';
import type { BookEvent, Customer, EventKind, Issue, OrderEvent } from '../../domain/types';
import type { ConvertedChunk, DateEvidence } from './chunks';
import type { Plan } from './plan';
import type { ImportOptions } from '../contract';
import { sameCustomer, shardOf, storedCustomers, withDue } from './book-index';
import { erasedKey } from '../../domain/removals';
import { FileProblem, IMPORT_LIMITS, isBlank, parseCsv, sniff, type JsonRows, type RowSink } from './file';
import { convertInParts } from './parts';
import { LineItems } from './lines';
import { EventPlacer } from './place';
import { startPlan, type ImportPlanDelimiter } from './header';
import type { Job } from '../session/jobs';
import type { OpenBook } from '../session/open-book';

/** Rows read for the mapping's guesses (whether values fit a field, a custom field's type, a header or a record). */
const SAMPLE_ROWS = 50;

/** One pass over a file's rows, building the plan. */
export class Planner {
  private plan: Plan | null = null;
  private converter: RowConverter | null = null;
  private readonly problems: Issue[] = [];
  private rowNo = 0;
  private readonly seen = new Map<string, number>();
  private customers: ReturnType<typeof storedCustomers>;
  /** Where events go: a stored event met, a new one added (see place.ts). */
  private events: EventPlacer | null = null;
  /** Line items being grouped into orders (when the file maps an order number). */
  private lines: LineItems | null = null;
  /** Whether the file's first row is a header. */
  private hasHeader = true;

  constructor(
    private readonly o: OpenBook, private readonly file: File, private readonly options: ImportOptions,
    private readonly encoding: Encoding, private readonly detected: Encoding, private readonly dateOrder: DateOrder | null,
    private readonly delimiter: ImportPlanDelimiter = ',',
  ) {
    this.customers = storedCustomers(o.book);
  }

  /** What the cells said, when the rows were converted in parts (else the converter knows). */
  private evidence: DateEvidence | null = null;
  private convertOptions: ConvertOptions | null = null;

  private get stats(): DateEvidence | null {
    return this.evidence ?? this.converter?.stats() ?? null;
  }
  get ambiguousDates(): number {
    return this.stats?.ambiguous ?? 0;
  }
  get slashedDates(): number {
    return this.stats?.slashed ?? 0;
  }
  dateEvidence(): DateOrder | null | 'conflict' {
    return this.stats?.order ?? null;
  }

  /** Rows refused before conversion (a JSON value that is an object or a list), by row number. */
  private rowProblems: Map<number, Issue[]> | null = null;

  async run(text: string, json: JsonRows | null, job: Job): Promise<void> {
    const sink: RowSink = (rows) => this.rows(rows);
    if (json) {
      const rows = json.rows;
      this.rowProblems = json.problems.size ? json.problems : null;
      await this.header(rows[0] ?? [], rows.slice(1, 1 + SAMPLE_ROWS), true);
      for (let at = 1; at < rows.length; at += 10_000) {
        await job.checkpoint('check', at, rows.length);
        this.body(rows.slice(at, at + 10_000));
      }
    } else if (!(await this.inParts(text, job))) {
      await parseCsv(text, job, sink);
    }
    if (!this.plan) throw new FileProblem('empty_file');
    this.placeOrders();
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
    const head = Papa.parse<string[]>(text.slice(0, 256 * 1024), { delimiter, newline, preview: SAMPLE_ROWS + 1 }).data;
    await this.header(head[0] ?? [], head.slice(1), false);
    if (!this.converter) {
      this.plan = null;
      return false;
    }
    const body = !this.hasHeader ? text : end < 0 ? '' : text.slice(end + newline.length);
    const plan = this.plan!;
    const base = { delimiter, newline, kind: this.options.kind as EventKind, mapping: plan.preview.mapping, headers: plan.preview.headers, options: this.convertOptions!, keep: IMPORT_LIMITS.problemsShown };
    this.evidence = await convertInParts(body, base, job, (chunk) => this.place(chunk), this.hasHeader ? 2 : 1);
    return true;
  }

  /** The records of a converted chunk placed in the book: new, unchanged, or replacing a stored one. */
  private place(chunk: ConvertedChunk): void {
    const plan = this.plan!;
    const kind = this.options.kind as EventKind;
    const counts = plan.preview.counts;
    counts.rows += chunk.counted;
    counts.skipped! += chunk.skipped;
    if (counts.rows > IMPORT_LIMITS.rows) throw new FileProblem('too_many_rows', { max: IMPORT_LIMITS.rows });
    for (const cells of chunk.sample) if (plan.preview.sample.length < 5) plan.preview.sample.push(cells);
    counts.rejected += chunk.rejected;
    plan.preview.problemsTotal += chunk.problemsTotal;
    const found: Issue[] = [];
    const cols = chunk.records;
    const ids = cols.cols.customerId as StrColumn;
    const aliases = plan.aliases;
    // Events of a merged-away customer go to the customer kept.
    const remapped = aliases?.size ? new Uint8Array(ids.dict.length) : null;
    if (remapped) for (let k = 0; k < ids.dict.length; k++) {
      const to = aliases!.get(ids.dict[k]);
      if (to !== undefined) (ids.dict[k] = to), (remapped[k] = 1);
    }
    // Rows of a customer erased on request are left out: a file that still names the person does not bring it back.
    const erased = plan.erased ? Uint8Array.from(ids.dict, (id) => (plan.erased![erasedKey(id)] !== undefined ? 1 : 0)) : null;
    const orderIds = this.lines ? (cols.cols.orderId as StrColumn) : null;
    // Customers are placed once per distinct id of the chunk.
    const places = new Float64Array(ids.dict.length).fill(NaN);
    for (let i = 0; i < cols.n; i++) {
      const code = ids.idx[i];
      const id = ids.dict[code];
      if (remapped?.[code]) counts.merged = (counts.merged ?? 0) + 1;
      if (erased?.[code]) {
        (counts.rejected++, plan.preview.problemsTotal++, found.push(this.erased(chunk.rows[i], this.converter!.customerColumn)));
        continue;
      }
      let place = places[code];
      if (Number.isNaN(place)) place = places[code] = this.customers.place(id);
      const at = this.events!.shardFor(id, place);
      if (!at) {
        counts.rejected++;
        plan.preview.problemsTotal++;
        found.push(this.unknown(chunk.rows[i], id));
        continue;
      }
      // A line with an order number waits for its order's other lines; one without is an order of its own.
      if (this.lines && orderIds!.dict[orderIds!.idx[i]]) {
        this.lines.addFrom(at.no, cols, i);
        continue;
      }
      // An invoice without a due date takes its customer's terms (see `withDue`).
      const dated = kind === 'invoice' && (cols.cols.due as Int32Array)[i] === NO_DAY ? withDue(plan, at.no, eventAt(kind, cols, i) as BookEvent, chunk.rows[i], this.converter?.headerOf('due')) : null;
      if (dated && 'code' in dated) (counts.rejected++, plan.preview.problemsTotal++, found.push(dated));
      else if (this.events!.storedOf(at.no, kind)) this.events!.meet(at.no, at.events, dated ?? (eventAt(kind, cols, i) as BookEvent));
      // Nothing stored to meet: the row goes in as it is, without becoming an object.
      else {
        if (kind === 'order' && (cols.cols.amount as Float64Array)[i] < 0) counts.returns!++;
        (dated ? at.events.push({ ...dated, id: plan.nextId++ } as never) : at.events.pushFrom(cols, i, plan.nextId++), counts.new++);
      }
    }
    // Problems in row order, as the row-by-row path gives them.
    const merged = found.length ? [...chunk.problems, ...found].sort((a, b) => (a.row ?? 0) - (b.row ?? 0)) : chunk.problems;
    for (const x of merged) if (this.problems.length < IMPORT_LIMITS.problemsShown) this.problems.push(x);
  }

  private async rows(rows: string[][]): Promise<void> {
    if (!this.plan) {
      if (!rows.length) return;
      await this.header(rows[0], rows.slice(1, 1 + SAMPLE_ROWS), false);
      if (this.hasHeader) rows = rows.slice(1);
    }
    this.body(rows);
  }

  /** The file's header (or first record): the plan, its converter and whether line items are grouped (see header.ts). */
  private async header(first: string[], samples: string[][], json: boolean): Promise<void> {
    const start = await startPlan({ o: this.o, file: this.file, options: this.options, encoding: this.encoding, detected: this.detected, dateOrder: this.dateOrder, delimiter: this.delimiter }, first, samples, json);
    this.plan = start.plan;
    this.convertOptions = start.convert;
    this.hasHeader = start.plan.preview.header;
    this.rowNo = this.hasHeader ? 1 : 0;
    if (!start.plan.preview.missing.length) this.converter = new RowConverter(this.options.kind, start.plan.preview.mapping, start.plan.preview.headers, start.convert);
    if (this.options.kind === 'order' && start.plan.preview.mapping.includes('orderId')) this.lines = new LineItems();
    if (this.options.kind !== 'customer') this.events = new EventPlacer(start.plan, this.options.kind, this.options.unknownCustomers, start.convert.currency);
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
      if (this.converter.skips(cells)) {
        counts.skipped!++;
        continue;
      }
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
    // A profile row of a customer merged into another since: the merge chose its fields; the row is left out.
    if (plan.aliases?.has(record.id)) return void (counts.merged = (counts.merged ?? 0) + 1);
    if (plan.erased?.[erasedKey(record.id)] !== undefined) return this.reject([this.erased(row, plan.preview.headers[plan.preview.mapping.indexOf('id')])]);
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

  private event(cells: string[], row: number): void {
    const { record, issues } = this.converter!.event(cells, row);
    if (!record) return this.reject(issues);
    const to = this.plan!.aliases?.get(record.customerId);
    if (to !== undefined) (record.customerId = to as never), (this.plan!.preview.counts.merged = (this.plan!.preview.counts.merged ?? 0) + 1);
    const id = record.customerId;
    if (this.plan!.erased?.[erasedKey(id)] !== undefined) return this.reject([this.erased(row, this.converter!.customerColumn)]);
    const at = this.events!.shardFor(id, this.customers.place(id));
    if (!at) return this.reject([this.unknown(row, id)]);
    if (this.lines && (record as OrderEvent).orderId) return void this.lines.add(at.no, record as OrderEvent);
    const e = withDue(this.plan!, at.no, record as BookEvent, row, this.converter!.headerOf('due'));
    return 'code' in e ? this.reject([e]) : this.events!.meet(at.no, at.events, e);
  }

  /** The orders the lines made, placed once every line is in (an order's lines may be far apart, or in both halves). */
  private placeOrders(): void {
    if (!this.lines) return;
    const plan = this.plan!;
    for (const { no, order } of this.lines.each()) this.events!.meet(no, shardOf(plan, no).events.order!, order);
    if (this.lines.lines) plan.preview.grouped = { lines: this.lines.lines, orders: this.lines.orders };
  }

  private erased(row: number, column: string | undefined): Issue {
    return { row, ...(column ? { column } : {}), code: 'erased_customer' };
  }

  private unknown(row: number, id: string): Issue {
    return { row, column: this.converter!.customerColumn, code: 'unknown_customer', params: { id } };
  }

  /** The order of day and month the rows were read with (the caller's, or the layout's remembered one). */
  get readWith(): DateOrder | null {
    return this.plan?.preview.dateOrder ?? null;
  }

  finish(dateOrder: DateOrder | null, dateOrderNeeded: boolean): Plan {
    const plan = this.plan!;
    const p = plan.preview;
    if (plan.remember && dateOrder) plan.remember.dateOrder = dateOrder;
    p.dateOrder = dateOrder;
    p.problems = this.problems;
    p.dateOrderNeeded = dateOrderNeeded;
    const stats = this.stats;
    if (stats) {
      p.blanks = p.headers.map((_, k) => stats.blanks[k] ?? 0);
      p.skippedByRule = p.rules.map((_, k) => stats.skipped[k] ?? 0);
      p.twoDigitYears = stats.twoDigitYears;
    }
    return plan;
  }
}

