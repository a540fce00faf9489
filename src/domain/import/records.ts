// Rows of an import file to customers and events (DESIGN §6): each mapped cell parsed by its
// field's type, then the record checked by the same validation as manual entry. A row with
// any problem is rejected whole, with the row number, the file's column and a stable code.

import { minorDigits } from '../money';
import { validateCustomer, validateEvent } from '../validate';
import { CHANNELS, SEVERITIES, SIZES, TIERS, type BatchId, type BookEvent, type Customer, type CustomerId, type EventKind, type Issue, type NewEvent } from '../types';
import { FIELDS, type FieldDef, type ImportKind } from './fields';
import { halfWidth, parseAmount, parseBoolean, parseChoice, parseDate, parseInstant, parseInteger, type DateOrder, type Parsed } from './values';
import { LIST_SEP } from '../columns';

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
      return { ok: true, value: halfWidthId(def.field, cell) };
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
      return { ok: true, value: cell.split(/[,;，；、|]/).map((t) => t.trim()).filter(Boolean) };
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

/**
 * The fields a row sets: field → value, only for mapped columns whose cell parsed. Problems
 * name the file's column (its header) and the row number as the user sees it in Excel
 * (the header is row 1).
 */
function readRow(kind: ImportKind, cells: readonly string[], mapping: readonly (string | null)[], headers: readonly string[], row: number, o: ConvertOptions) {
  const defs = FIELDS[kind];
  const values: Record<string, unknown> = {};
  const issues: Issue[] = [];
  const columnOf: Record<string, string> = {};
  // The currency first: the amounts' decimals depend on it.
  const ccyAt = mapping.indexOf('currency');
  const currency = (ccyAt >= 0 ? halfWidth(cells[ccyAt] ?? '').toUpperCase() : '') || o.currency;
  const digits = digitsCache.get(currency) ?? digitsCache.set(currency, minorDigits(currency)).get(currency)!;
  mapping.forEach((field, i) => {
    if (!field) return;
    const def = defs.find((d) => d.field === field)!;
    columnOf[field] = headers[i] ?? `#${i + 1}`;
    const cell = cells[i] ?? '';
    if (cell.length > 4000) {
      issues.push({ row, column: columnOf[field], code: 'too_long', params: { max: 4000 } });
      return;
    }
    const parsed = parseCell(def, cell, o, digits);
    if (!parsed.ok) issues.push({ row, column: columnOf[field], code: parsed.code });
    else values[field] = parsed.value;
  });
  values.currency = currency;
  for (const def of defs) {
    const v = values[def.field];
    if (def.required && mapping.includes(def.field) && (v === '' || v === null || v === undefined) && !issues.some((x) => x.column === columnOf[def.field])) {
      issues.push({ row, column: columnOf[def.field], code: 'required' });
    }
  }
  return { values, issues, columnOf };
}

const named = (issues: Issue[], row: number, columnOf: Record<string, string>) => issues.map((x) => ({ ...x, row, column: x.column ? (columnOf[x.column] ?? x.column) : undefined }));

export const EMPTY_CUSTOMER: Omit<Customer, 'id' | 'name' | 'batch' | 'updatedAt' | 'currency'> = {
  industry: '', size: '', region: '', owner: '', tier: 'general', since: '', creditLimit: null, paymentTermsDays: null, contractEnd: '', tags: [], notes: '', contact: '', phone: '', email: '',
};

/**
 * A customer from a row: the mapped fields over `existing` (so that a file with fewer columns
 * updates only those), or over the defaults for a new customer.
 */
export function customerFromRow(
  cells: readonly string[], mapping: readonly (string | null)[], headers: readonly string[], row: number, o: ConvertOptions, existingOf: (id: string) => Customer | undefined,
): RowResult<Customer> & { existing: Customer | undefined } {
  const { values, issues, columnOf } = readRow('customer', cells, mapping, headers, row, o);
  if (issues.length) return { record: null, issues, existing: undefined };
  const id = String(values.id ?? '');
  const existing = existingOf(id);
  const base: Customer = existing ?? ({ ...EMPTY_CUSTOMER, id: id as CustomerId, name: '', currency: o.currency, batch: o.batch, updatedAt: 0 } as Customer);
  const next = { ...base } as unknown as Record<string, unknown>;
  for (const [field, v] of Object.entries(values)) {
    if (field === 'currency' && mapping.indexOf('currency') < 0) continue;
    if (field === 'tier' && v === '') continue;
    next[field] = v;
  }
  const customer = next as unknown as Customer;
  const problems = validateCustomer(customer);
  return problems.length ? { record: null, issues: named(problems, row, columnOf), existing } : { record: customer, issues: [], existing };
}

const EVENT_DEFAULTS: Record<EventKind, Record<string, unknown>> = {
  order: { category: '' },
  invoice: { paid: '', paidAmount: 0 },
  complaint: { firstResponse: null, resolved: null, severity: 'medium', category: '', channel: 'call', reopened: false },
  survey: { csat: null, nps: null, comment: '' },
  interaction: { channel: 'call', sentiment: 0 },
};

/** An event (without its id) from a row; its customer is checked by the caller. */
export function eventFromRow(
  kind: EventKind, cells: readonly string[], mapping: readonly (string | null)[], headers: readonly string[], row: number, o: ConvertOptions,
): RowResult<NewEvent> & { customerColumn: string } {
  const { values, issues, columnOf } = readRow(kind, cells, mapping, headers, row, o);
  const customerColumn = columnOf.customerId ?? 'customerId';
  if (issues.length) return { record: null, issues, customerColumn };
  const e: Record<string, unknown> = { ...EVENT_DEFAULTS[kind], kind, batch: o.batch };
  for (const [field, v] of Object.entries(values)) if (v !== '' || !(field in EVENT_DEFAULTS[kind])) e[field] = v;
  if (kind === 'interaction') e.sentiment = Number(e.sentiment ?? 0);
  if (kind === 'invoice' && e.paid && values.paidAmount == null) e.paidAmount = e.amount;
  if (kind === 'invoice' && e.paidAmount === null) e.paidAmount = 0;
  if (kind === 'complaint' && e.reopened === undefined) e.reopened = false;
  const problems = validateEvent({ ...e, id: 0 } as unknown as BookEvent);
  return problems.length ? { record: null, issues: named(problems, row, columnOf), customerColumn } : { record: e as unknown as NewEvent, issues: [], customerColumn };
}

/**
 * What makes two events the same record, so that importing a file twice changes nothing:
 * an invoice is its number; other events are their content (with a count, so that two equal
 * orders on one day stay two).
 */
export function eventKey(e: NewEvent): string {
  switch (e.kind) {
    case 'invoice':
      return `${e.customerId}${LIST_SEP}${e.invoiceId || `${e.issued}|${e.amount}`}`;
    case 'order':
      return `${e.customerId}${LIST_SEP}${e.date}|${e.amount}|${e.currency}|${e.category}`;
    case 'complaint':
      return `${e.customerId}${LIST_SEP}${e.opened}|${e.category}`;
    case 'survey':
      return `${e.customerId}${LIST_SEP}${e.date}`;
    case 'interaction':
      return `${e.customerId}${LIST_SEP}${e.date}|${e.channel}`;
  }
}

/** Whether an imported event changes a stored one with the same key (ids and batches aside). */
export function sameEvent(a: NewEvent, b: NewEvent): boolean {
  const strip = ({ batch: _b, id: _i, ...rest }: Record<string, unknown>) => rest;
  return JSON.stringify(strip(a as never), Object.keys(strip(a as never)).sort()) === JSON.stringify(strip(b as never), Object.keys(strip(b as never)).sort());
}
