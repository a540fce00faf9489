// Rows of an import file to customers and events (DESIGN §6): each mapped cell parsed by its
// field's type, then the record checked by the same validation as manual entry. A row with
// any problem is rejected whole, with the row number, the file's column and a stable code.

import { minorDigits } from '../money';
import { validateCustomer, validateEvent } from '../validate';
import { CHANNELS, SEVERITIES, SIZES, TIERS, type BatchId, type BookEvent, type Customer, type CustomerId, type EventKind, type Issue, type NewEvent } from '../types';
import { FIELDS, type FieldDef, type ImportKind } from './fields';
import { halfWidth, parseAmount, parseBoolean, parseChoice, parseDate, parseInstant, parseInteger, plainAmount, yearLastParts, type DateOrder, type Parsed } from './values';
import { isValidIso } from '../dates';
import { unneutralise } from '../export/csv';

export interface ConvertOptions {
  /** For slashed dates with the year last that the data cannot settle. */
  dateOrder: DateOrder | null;
  /** Currency of amounts in a file without a currency column. */
  currency: string;
  batch: BatchId;
}

const SYNONYMS: Record<string, Record<string, string>> = {
  size: { 大: 'large', 大型: 'large', l: 'large', 中: 'medium', 中型: 'medium', m: 'medium', 小: 'small', 小型: 'small', s: 'small' },
  tier: { 重点: 'key', 重點: 'key', 关键: 'key', 關鍵: 'key', vip: 'key', 大客户: 'key', 大客戶: 'key', 一般: 'general', 普通: 'general', 潜在: 'potential', 潛在: 'potential', prospect: 'potential' },
  severity: { 低: 'low', 中: 'medium', 一般: 'medium', 高: 'high', 严重: 'critical', 嚴重: 'critical', 紧急: 'critical', 緊急: 'critical' },
  channel: {
    拜访: 'visit', 拜訪: 'visit', 上门: 'visit', 上門: 'visit', 电话: 'call', 電話: 'call', phone: 'call', 邮件: 'email', 郵件: 'email', 'e-mail': 'email',
    电子邮件: 'email', 電子郵件: 'email', 在线: 'chat', 線上: 'chat', 聊天: 'chat', 微信: 'chat', im: 'chat', 社交: 'social', 社媒: 'social',
  },
  sentiment: { 正面: '1', 积极: '1', 積極: '1', positive: '1', '+1': '1', 中性: '0', neutral: '0', 负面: '-1', 負面: '-1', 消极: '-1', 消極: '-1', negative: '-1' },
};
const CHOICES: Record<string, readonly string[]> = { size: SIZES, tier: TIERS, severity: SEVERITIES, channel: CHANNELS, sentiment: ['1', '0', '-1'] };

const digitsCache = new Map<string, number>();

/** A cell parsed by its field's type. Amounts need the row's currency (for its decimals). */
function parseCell(def: FieldDef, cell: string, o: ConvertOptions, digits: number): Parsed<unknown> {
  switch (def.type) {
    case 'text':
      return { ok: true, value: halfWidthId(def.field, unneutralise(cell)) };
    case 'date':
      return parseDate(cell, o.dateOrder);
    case 'instant':
      return parseInstant(cell, o.dateOrder);
    case 'amount':
      return parseAmount(cell, digits);
    case 'integer':
      return parseInteger(cell);
    case 'boolean':
      return parseBoolean(cell);
    case 'choice':
      return parseChoice(cell, CHOICES[def.field], SYNONYMS[def.field]);
    case 'tags':
      return { ok: true, value: unneutralise(cell).split(/[,;，；、|]/).map((t) => t.trim()).filter(Boolean) };
  }
}

const SLOW = Symbol('slow');

/** Whether a text cell is as it will be stored: no outer space, no apostrophe of an export, no full-width form. */
/** Whether `trim` would take this character off (ASCII and Unicode spaces, the byte-order mark). */
const trimmed = (c: number) => c <= 32 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;

function plainText(cell: string, scan: boolean): boolean {
  const n = cell.length;
  if (n === 0 || trimmed(cell.charCodeAt(0)) || trimmed(cell.charCodeAt(n - 1)) || cell.charCodeAt(0) === 39) return false;
  if (!scan) return true;
  for (let i = 0; i < n; i++) {
    const c = cell.charCodeAt(i);
    if ((c >= 0xff01 && c <= 0xff5e) || c === 0x3000) return false;
  }
  return true;
}

/** The value of a plain cell (an ISO date, a plain number, plain text) without parsing objects; SLOW for any other. */
function quickCell(c: MappedColumn, cell: string, digits: number): unknown {
  switch (c.def.type) {
    case 'text':
      if (c.def.field === 'currency') return SLOW;
      return plainText(cell, c.def.field === 'id' || c.def.field === 'customerId' || c.def.field === 'invoiceId') ? cell : SLOW;
    case 'date':
      return cell.length === 10 && cell.charCodeAt(4) === 45 && isValidIso(cell) ? cell : SLOW;
    case 'amount': {
      const v = plainAmount(cell, digits);
      return v === undefined ? SLOW : v;
    }
    default:
      return SLOW;
  }
}

/** Ids and codes lose stray spaces and full-width forms ("Ｃ００１ " is C001); other text only its outer spaces. */
function halfWidthId(field: string, cell: string): string {
  if (field === 'currency') return halfWidth(cell).toUpperCase();
  return field === 'id' || field === 'customerId' || field === 'invoiceId' ? halfWidth(cell) : cell.trim();
}

export interface RowResult<T> {
  /** The record; null when the row was rejected. */
  record: T | null;
  issues: Issue[];
}

export const EMPTY_CUSTOMER: Omit<Customer, 'id' | 'name' | 'batch' | 'updatedAt' | 'currency'> = {
  industry: '', size: '', region: '', owner: '', tier: 'general', since: '', creditLimit: null, paymentTermsDays: null, contractEnd: '', tags: [], notes: '', contact: '', phone: '', email: '',
};

const EVENT_DEFAULTS: Record<EventKind, Record<string, unknown>> = {
  order: { category: '' },
  invoice: { paid: '', paidAmount: 0 },
  complaint: { firstResponse: null, resolved: null, severity: 'medium', category: '', channel: 'call', reopened: false },
  survey: { csat: null, nps: null, comment: '' },
  interaction: { channel: 'call', sentiment: 0 },
};

/** An event of each kind with its defaults, as an object literal (one shape per kind; a spread per row costs). */
const BLANK_EVENT: Record<EventKind, (batch: string) => Record<string, unknown>> = {
  order: (batch) => ({ id: 0, kind: 'order', customerId: '', date: '', amount: 0, currency: '', category: '', batch }),
  invoice: (batch) => ({ id: 0, kind: 'invoice', customerId: '', invoiceId: '', issued: '', due: '', amount: 0, currency: '', paid: '', paidAmount: 0, batch }),
  complaint: (batch) => ({
    id: 0, kind: 'complaint', customerId: '', opened: 0, firstResponse: null, resolved: null, severity: 'medium', category: '', channel: 'call', reopened: false, currency: '', batch,
  }),
  survey: (batch) => ({ id: 0, kind: 'survey', customerId: '', date: '', csat: null, nps: null, comment: '', currency: '', batch }),
  interaction: (batch) => ({ id: 0, kind: 'interaction', customerId: '', date: '', channel: 'call', sentiment: 0, currency: '', batch }),
};

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
  /** The file column of the customer id, for problems about it. */
  readonly customerColumn: string;
  /** Date cells with the year last (D/M/YYYY or M/D/YYYY) met, and those no part of which decided. */
  slashedDates = 0;
  ambiguousDates = 0;
  private dayFirst = false;
  private monthFirst = false;

  constructor(readonly kind: ImportKind, readonly mapping: readonly (string | null)[], headers: readonly string[], private readonly o: ConvertOptions) {
    const defs = FIELDS[kind];
    this.width = headers.length;
    this.defaults = kind === 'customer' ? {} : EVENT_DEFAULTS[kind];
    this.columns = [];
    mapping.forEach((field, at) => {
      const def = field ? defs.find((d) => d.field === field) : undefined;
      if (!def) return;
      const header = headers[at] ?? `#${at + 1}`;
      this.columnOf[def.field] = header;
      this.columns.push({ at, def, header, keepsDefault: def.field in this.defaults, dated: def.type === 'date' || def.type === 'instant', currency: def.field === 'currency' });
    });
    this.currencyAt = mapping.indexOf('currency');
    this.customerColumn = this.columnOf.customerId ?? 'customerId';
  }

  /** The file column a field was read from (undefined when it was not mapped). */
  headerOf = (field: string): string | undefined => this.columnOf[field];

  /** The currency of amounts in a file without a currency column. */
  get currency(): string {
    return this.o.currency;
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

  private noteDate(cell: string): void {
    const parts = yearLastParts(cell);
    if (!parts) return;
    this.slashedDates++;
    if (parts[0] > 12) this.dayFirst = true;
    if (parts[1] > 12) this.monthFirst = true;
  }

  /** The mapped fields of a row, set on `target`; the problems, or null when there are none. */
  private read(cells: readonly string[], row: number, target: Record<string, unknown>, skipEmptyDefaults: boolean): Issue[] | null {
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
      const quick = cell.length <= 4000 ? quickCell(c, cell, digits) : SLOW;
      if (quick !== SLOW) {
        if (c.def.field !== 'currency') target[c.def.field] = quick;
        continue;
      }
      let parsed: Parsed<unknown>;
      if (cell.length > 4000) parsed = { ok: false, code: 'too_long' };
      else parsed = parseCell(c.def, cell, this.o, digits);
      if (c.dated && cell && !(cell.length === 10 && cell.charCodeAt(4) === 45 && parsed.ok)) {
        this.noteDate(cell);
        if (!parsed.ok && parsed.code === 'ambiguous_date') this.ambiguousDates++;
      }
      if (!parsed.ok) {
        (issues ??= []).push(parsed.code === 'too_long' ? { row, column: c.header, code: 'too_long', params: { max: 4000 } } : { row, column: c.header, code: parsed.code });
        continue;
      }
      const v = parsed.value;
      if (c.def.required && (v === '' || v === null)) {
        (issues ??= []).push({ row, column: c.header, code: 'required' });
        continue;
      }
      if (c.def.field === 'currency') continue;
      if (skipEmptyDefaults && v === '' && c.keepsDefault) continue;
      target[c.def.field] = v;
    }
    target.currency = currency;
    return issues;
  }

  private named(issues: Issue[], row: number): Issue[] {
    return issues.map((x) => ({ ...x, row, column: x.column ? (this.columnOf[x.column] ?? x.column) : undefined }));
  }

  /**
   * A customer from a row: the mapped fields over the stored one (so that a file with fewer
   * columns updates only those), or over the defaults for a new customer.
   */
  customer(cells: readonly string[], row: number, existingOf: (id: string) => Customer | undefined): RowResult<Customer> & { existing: Customer | undefined } {
    const values: Record<string, unknown> = {};
    const issues = this.read(cells, row, values, false);
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
    }
    // An invoice without a due date is checked as if due on issue; the planner gives it the customer's terms.
    const problems = validateEvent((kind === 'invoice' && !e.due ? { ...e, due: e.issued } : e) as unknown as BookEvent);
    return problems.length ? { record: null, issues: this.named(problems, row) } : { record: e as unknown as NewEvent, issues: [] };
  }
}
