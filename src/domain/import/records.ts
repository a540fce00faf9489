// Rows of an import file to customers and events (DESIGN §6): each mapped cell parsed by its
// field's type (cells.ts), then the record checked by the same validation as manual entry. A
// row with any problem is rejected whole, with the row number, the file's column and a stable
// code. Rows a rule skips are counted, blank cells of number and date columns counted per
// column (and the row rejected where the user chose so), line items priced.

import { minorDigits } from '../money';
import { validateCustomer, validateEvent } from '../validate';
import type { BookEvent, Customer, CustomerId, EventKind, Issue, NewEvent } from '../types';
import type { CustomType, CustomValues } from '../custom-fields';
import { CUSTOM, FIELDS, type FieldDef, type ImportKind } from './fields';
import { halfWidth, hasTwoDigitYear, yearLastParts, type DateOrder, type Parsed } from './values';
import { parseCell, parseCustom, quickCell, SLOW } from './cells';
import { RowRules } from './rules';
import type { ConvertOptions, ConvertStats } from './convert';
import { BLANK_EVENT, EMPTY_CUSTOMER, EVENT_DEFAULTS } from './blank';

export type { ConvertOptions, ConvertStats } from './convert';

export interface RowResult<T> {
  /** The record; null when the row was rejected. */
  record: T | null;
  issues: Issue[];
}

export { EMPTY_CUSTOMER } from './blank';

/** Field types whose blank cells the preview counts (a blank there is a missing figure, not an empty text). */
const BLANK_COUNTED = new Set(['date', 'instant', 'amount', 'integer', 'number']);

/** One mapped column: its index in the row, its field and the header problems name. */
interface MappedColumn {
  at: number;
  def: FieldDef;
  header: string;
  /** Whether an empty cell keeps the record's default (events) rather than setting ''. */
  keepsDefault: boolean;
  /** A date or instant column (whose cells tell the order of day and month). */
  dated: boolean;
  currency: boolean;
  /** Whether its blanks are counted, and whether one rejects the row. */
  countsBlanks: boolean;
  rejectsBlank: boolean;
  /** A custom field's key and type. */
  custom: { key: string; type: CustomType } | null;
  /** A date column's last cell, what it parsed to and what it told of dates (bits: 1 slashed, 2 two-digit year, 4 ambiguous): lines of one order repeat it. */
  last: { cell: string; parsed: Parsed<unknown>; noted: number } | null;
}

/**
 * Turns the rows of one file into records. Built once per file (DESIGN §8: an import reads a
 * million rows), it settles per column what each cell is, so that a row costs only its cells.
 * Problems name the file's column (its header) and the row number as the user sees it in
 * Excel (the header is row 1).
 */
export class RowConverter {
  /** How many columns the header has: a row with more non-empty cells is refused. */
  private readonly width: number;
  private readonly columns: MappedColumn[];
  private readonly currencyAt: number;
  private readonly columnOf: Record<string, string> = {};
  private readonly defaults: Record<string, unknown>;
  private readonly digits = new Map<string, number>();
  private readonly rules: RowRules;
  /** The file column of the customer id, for problems about it. */
  readonly customerColumn: string;
  /** Whether an order's amount is its quantity × unit price. */
  private readonly priced: boolean;
  /** Date cells with the year last (D/M/YYYY or M/D/YYYY) met, and those no part of which decided. */
  slashedDates = 0;
  ambiguousDates = 0;
  twoDigitYears = 0;
  readonly blanks: number[];
  private dayFirst = false;
  private monthFirst = false;
  /** A row's quantity and unit price (not fields of the record). */
  private readonly parts: Record<string, unknown> = { quantity: null, unitPrice: null };

  constructor(readonly kind: ImportKind, readonly mapping: readonly (string | null)[], headers: readonly string[], private readonly o: ConvertOptions) {
    const defs = FIELDS[kind];
    this.width = headers.length;
    this.defaults = kind === 'customer' ? {} : EVENT_DEFAULTS[kind];
    this.columns = [];
    this.blanks = headers.map(() => 0);
    const reject = new Set(o.rejectBlank ?? []);
    mapping.forEach((field, at) => {
      const header = headers[at] ?? `#${at + 1}`;
      const custom = field === CUSTOM && kind === 'customer' ? (o.custom?.find((c) => c.at === at) ?? null) : null;
      const def = custom ? ({ field: `custom:${custom.key}`, type: 'custom', headers: [] } as FieldDef) : field ? defs.find((d) => d.field === field) : undefined;
      if (!def) return;
      this.columnOf[def.field] = header;
      const countsBlanks = BLANK_COUNTED.has(def.type) || (custom !== null && (custom.type === 'number' || custom.type === 'date'));
      this.columns.push({
        at, def, header, keepsDefault: def.field in this.defaults, dated: def.type === 'date' || def.type === 'instant' || custom?.type === 'date', currency: def.field === 'currency',
        countsBlanks, rejectsBlank: countsBlanks && reject.has(at), custom: custom && { key: custom.key, type: custom.type }, last: null,
      });
    });
    this.currencyAt = mapping.indexOf('currency');
    this.customerColumn = this.columnOf.customerId ?? 'customerId';
    this.priced = kind === 'order' && !mapping.includes('amount') && mapping.includes('quantity') && mapping.includes('unitPrice');
    this.rules = new RowRules(o.rules ?? []);
  }

  /** The file column a field was read from (undefined when it was not mapped). */
  headerOf = (field: string): string | undefined => this.columnOf[field];

  /** The currency of amounts in a file without a currency column. */
  get currency(): string {
    return this.o.currency;
  }

  /** Whether a row is skipped by a rule (counted per rule). */
  skips(cells: readonly string[]): boolean {
    return this.rules.skips(cells);
  }

  stats(): ConvertStats {
    return { slashed: this.slashedDates, ambiguous: this.ambiguousDates, order: this.dateEvidence(), twoDigitYears: this.twoDigitYears, blanks: this.blanks, skipped: this.rules.skipped };
  }

  private lastCurrency: [string, string] = ['', ''];
  /** A currency cell as a code (the file's default when empty); the last one is remembered, as rows mostly repeat it. */
  private currencyOf(cell: string): string {
    if (cell !== this.lastCurrency[0]) this.lastCurrency = [cell, halfWidth(cell).toUpperCase() || this.o.currency];
    return this.lastCurrency[1];
  }

  private digitsOf(currency: string): number {
    let d = this.digits.get(currency);
    if (d === undefined) this.digits.set(currency, (d = minorDigits(currency)));
    return d;
  }

  /**
   * The order of day and month the date cells met so far show: 'dmy' when a first part was
   * over 12, 'mdy' when a second part was, null when none decided, 'conflict' when both.
   */
  dateEvidence(): DateOrder | null | 'conflict' {
    return this.dayFirst && this.monthFirst ? 'conflict' : this.dayFirst ? 'dmy' : this.monthFirst ? 'mdy' : null;
  }

  /** Notes what a date cell tells (see `MappedColumn.last`); returns the bits it counted. */
  private noteDate(cell: string): number {
    let noted = 0;
    if (hasTwoDigitYear(cell)) this.twoDigitYears++, (noted |= 2);
    const parts = yearLastParts(cell);
    if (!parts) return noted;
    this.slashedDates++;
    if (parts[0] > 12) this.dayFirst = true;
    if (parts[1] > 12) this.monthFirst = true;
    return noted | 1;
  }

  /** A date cell parsed and noted, or its column's last one again (the counts go on; nothing is parsed twice). */
  private dated(c: MappedColumn, cell: string, digits: number): Parsed<unknown> {
    const last = c.last;
    if (last && last.cell === cell) {
      if (last.noted & 1) this.slashedDates++;
      if (last.noted & 2) this.twoDigitYears++;
      if (last.noted & 4) this.ambiguousDates++;
      return last.parsed;
    }
    const parsed = this.parse(c, cell, digits);
    let noted = 0;
    if (cell && !(cell.length === 10 && cell.charCodeAt(4) === 45 && parsed.ok)) {
      noted = this.noteDate(cell);
      if (!parsed.ok && parsed.code === 'ambiguous_date') this.ambiguousDates++, (noted |= 4);
    }
    c.last = { cell, parsed, noted };
    return parsed;
  }

  private parse(c: MappedColumn, cell: string, digits: number): Parsed<unknown> {
    if (cell.length > 4000) return { ok: false, code: 'too_long' };
    return c.custom ? parseCustom(c.custom.type, cell, this.o.dateOrder) : parseCell(c.def, cell, this.o, digits);
  }

  /** The mapped fields of a row, set on `target` (custom values on `custom`); the problems, or null when there are none. */
  private read(cells: readonly string[], row: number, target: Record<string, unknown>, skipEmptyDefaults: boolean, custom?: CustomValues): Issue[] | null {
    // More cells than the header has columns (a comma inside an unquoted value, say): the row is not guessed at.
    if (cells.length > this.width) {
      for (let k = this.width; k < cells.length; k++) if (cells[k].trim()) return [{ row, code: 'too_many_fields', params: { count: cells.length, expected: this.width } }];
    }
    let issues: Issue[] | null = null;
    // The currency first: the amounts' decimals depend on it.
    const currency = this.currencyAt >= 0 ? this.currencyOf(cells[this.currencyAt] ?? '') : this.o.currency;
    const digits = this.digitsOf(currency);
    for (const c of this.columns) {
      // The currency was read first (and cannot be wrong: an unknown code is kept as it is).
      if (c.currency) continue;
      const cell = cells[c.at] ?? '';
      // Most cells of a file a program wrote need no more than a glance (no object per cell).
      const quick = cell.length <= 4000 && !c.custom ? quickCell(c.def, cell, digits) : SLOW;
      if (quick !== SLOW) {
        (c.def.part ? this.parts : target)[c.def.field] = quick;
        continue;
      }
      const parsed = c.dated ? this.dated(c, cell, digits) : this.parse(c, cell, digits);
      if (!parsed.ok) {
        const code = parsed.code;
        (issues ??= []).push(code === 'too_long' ? { row, column: c.header, code, params: { max: 4000 } } : code === 'date_format' || code === 'not_number' ? { row, column: c.header, code, params: { value: cell.trim().slice(0, 40) } } : { row, column: c.header, code });
        continue;
      }
      const v = parsed.value;
      if (c.def.required && (v === '' || v === null)) {
        (issues ??= []).push({ row, column: c.header, code: 'required' });
        continue;
      }
      if ((v === '' || v === null) && c.countsBlanks) {
        this.blanks[c.at]++;
        if (c.rejectsBlank) (issues ??= []).push({ row, column: c.header, code: 'blank_rejected' });
      }
      if (c.custom) {
        if (v !== null && custom) custom[c.custom.key] = v as string | number | boolean;
        continue;
      }
      if (skipEmptyDefaults && v === '' && c.keepsDefault) continue;
      (c.def.part ? this.parts : target)[c.def.field] = v;
    }
    target.currency = currency;
    return issues;
  }

  private named(issues: Issue[], row: number): Issue[] {
    return issues.map((x) => ({ ...x, row, column: x.column ? (this.columnOf[x.column] ?? x.column) : undefined }));
  }

  /**
   * A customer from a row: the mapped fields over the stored one (so that a file with fewer
   * columns updates only those), or over the defaults for a new customer (named by its id
   * when the file has no name).
   */
  customer(cells: readonly string[], row: number, existingOf: (id: string) => Customer | undefined): RowResult<Customer> & { existing: Customer | undefined } {
    const values: Record<string, unknown> = {};
    const custom: CustomValues | undefined = this.o.custom?.length ? {} : undefined;
    const issues = this.read(cells, row, values, false, custom);
    if (issues) return { record: null, issues, existing: undefined };
    const id = String(values.id ?? '');
    const existing = existingOf(id);
    const base: Customer = existing ?? ({ ...EMPTY_CUSTOMER, id: id as CustomerId, name: '', currency: this.o.currency, batch: this.o.batch, updatedAt: 0 } as Customer);
    const next = { ...base } as unknown as Record<string, unknown>;
    for (const field in values) {
      const v = values[field];
      if (field === 'currency' && this.currencyAt < 0) continue;
      if (field === 'tier' && v === '') continue;
      next[field] = v;
    }
    if (!next.name && !existing) next.name = id;
    if (custom) {
      // The file's custom columns replace those keys (a blank cell empties one); others stay.
      const merged: CustomValues = { ...(existing?.custom ?? {}) };
      for (const c of this.o.custom!) delete merged[c.key];
      Object.assign(merged, custom);
      if (Object.keys(merged).length) next.custom = merged;
      else delete next.custom;
    }
    const customer = next as unknown as Customer;
    const problems = validateCustomer(customer);
    return problems.length ? { record: null, issues: this.named(problems, row), existing } : { record: customer, issues: [], existing };
  }

  /** An event (without its id) from a row; its customer is checked by the caller. */
  event(cells: readonly string[], row: number): RowResult<NewEvent> {
    const kind = this.kind as EventKind;
    // `id` from the start (numbered by the plan), so that every record keeps one shape.
    const e = BLANK_EVENT[kind](this.o.batch);
    const issues = this.read(cells, row, e, true);
    if (issues) return { record: null, issues };
    if (kind === 'interaction') e.sentiment = Number(e.sentiment ?? 0);
    else if (kind === 'invoice') {
      if (e.paid && !this.mapping.includes('paidAmount')) e.paidAmount = e.amount;
      if (e.paidAmount === null) e.paidAmount = e.paid ? e.amount : 0;
    } else if (this.priced) {
      // A line item's amount: its quantity × unit price, in minor units, rounded.
      const q = this.parts.quantity as number | null, p = this.parts.unitPrice as number | null;
      if (q === null || p === null) return { record: null, issues: [{ row, column: q === null ? this.columnOf.quantity : this.columnOf.unitPrice, code: 'required' }] };
      e.amount = Math.round(q * p);
    }
    // An invoice without a due date is checked as if due on issue; the planner gives it the customer's terms.
    const problems = validateEvent((kind === 'invoice' && !e.due ? { ...e, due: e.issued } : e) as unknown as BookEvent);
    return problems.length ? { record: null, issues: this.named(problems, row) } : { record: e as unknown as NewEvent, issues: [] };
  }
}
