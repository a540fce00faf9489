// Events of one kind held as typed-array columns. This is how events are stored (one
// record per shard, DESIGN §8: columnar chunks read 1M events in ~40 ms where one row per
// event takes ~6.5 s) and how the worker keeps them in memory for scoring.

import { dayFromIso, isoFromDay, NO_DAY } from './dates';
import type { BookEvent, Customer, EventKind } from './types';
import { packCustom, unpackCustom } from './custom-fields';

/**
 * How a field is held: `day` a day number (NO_DAY when empty), `num` a number, `opt` a number
 * or null (NaN), `bool` 0/1, `str` a dictionary code, `list` a string[] as one dictionary code,
 * `json` an object (a customer's custom values) as one dictionary code of its JSON text.
 */
export type FieldType = 'day' | 'num' | 'opt' | 'str' | 'bool' | 'list' | 'json';

/** Every event field and how it is stored; `id`, `customerId` and `batch` are common to all. */
export const EVENT_FIELDS = {
  // `orderId` (issue 15): the order number of a shop's export; '' for orders entered without one.
  order: { date: 'day', amount: 'num', currency: 'str', category: 'str', orderId: 'str' },
  invoice: {
    invoiceId: 'str', issued: 'day', due: 'day', amount: 'num', currency: 'str', paid: 'day', paidAmount: 'num',
  },
  complaint: {
    opened: 'num', firstResponse: 'opt', resolved: 'opt', severity: 'str', category: 'str', channel: 'str',
    reopened: 'bool',
  },
  survey: { date: 'day', csat: 'opt', nps: 'opt', comment: 'str' },
  interaction: { date: 'day', channel: 'str', sentiment: 'num' },
} as const satisfies Record<EventKind, Record<string, FieldType>>;

const COMMON = { id: 'num', customerId: 'str', batch: 'str' } as const satisfies Record<string, FieldType>;

/**
 * Customers are held as columns too: 100,000 profiles as objects cost a JSON text four times
 * the size and most of a cold open; as columns the repeated values (industry, region, owner …)
 * are stored once per shard and a profile is built only when it is asked for.
 */
export const CUSTOMER_FIELDS = {
  id: 'str', name: 'str', industry: 'str', size: 'str', region: 'str', owner: 'str', tier: 'str', since: 'day',
  creditLimit: 'opt', currency: 'str', paymentTermsDays: 'opt', contractEnd: 'day', tags: 'list', notes: 'str',
  contact: 'str', phone: 'str', email: 'str', batch: 'str', updatedAt: 'num', custom: 'json',
} as const satisfies Record<keyof Customer, FieldType>;

/** Columns added after a table's first schema: a stored table without one reads it as empty (see packing.ts). */
export const ADDED_COLUMNS: ReadonlySet<string> = new Set(['customer.custom', 'order.orderId']);

/** A table of columns: one kind of event, or the customers. */
export type TableKind = EventKind | 'customer';

/** Joins the items of a `list` field inside its one dictionary string. */
export const LIST_SEP = '\u001f';

/** A dictionary-encoded string column: value i is `dict[idx[i]]`. */
export interface StrColumn {
  dict: string[];
  idx: Uint32Array;
}
export type Column = Int32Array | Float64Array | StrColumn;

/** The events of one kind in one shard, column by column. */
export interface Columns {
  n: number;
  cols: Record<string, Column>;
}

export type EventOf<K extends EventKind> = Extract<BookEvent, { kind: K }>;

const FIELDS = new Map<TableKind, [string, FieldType][]>([
  ['customer', Object.entries(CUSTOMER_FIELDS)],
  ...(Object.keys(EVENT_FIELDS) as EventKind[]).map((k): [TableKind, [string, FieldType][]] => [k, [...Object.entries(COMMON), ...Object.entries(EVENT_FIELDS[k])]]),
]);

/** The fields of a table, in stored order. */
export function fieldsOf(kind: TableKind): readonly [string, FieldType][] {
  return FIELDS.get(kind)!;
}

type RecordOf<K extends TableKind> = K extends EventKind ? EventOf<K> : Customer;

/** One column while it is being built: its values, and for text its dictionary. */
interface BuildingColumn {
  name: string;
  type: FieldType;
  values: number[];
  /** Code per text (str and list columns). */
  dict: Map<string, number> | null;
  /** Text per code, in code order. */
  list: string[];
  /** The last text written and its code. */
  last: string | null;
  lastCode: number;
}

/** Appends records one by one and produces compact columns at the end. */
export class ColumnsBuilder<K extends TableKind> {
  private readonly columns: BuildingColumn[];
  n = 0;

  constructor(readonly kind: K) {
    this.columns = fieldsOf(kind).map(([name, type]) => ({ name, type, values: [], dict: type === 'str' || type === 'list' || type === 'json' ? new Map() : null, list: [], last: null, lastCode: 0 }));
  }

  /** A builder holding `columns` already, to append to or overwrite rows of without decoding them. */
  static from<K extends TableKind>(kind: K, columns: Columns): ColumnsBuilder<K> {
    const b = new ColumnsBuilder(kind);
    for (const c of b.columns) {
      const col = columns.cols[c.name];
      if (c.dict) {
        const { dict, idx } = col as StrColumn;
        // The codes stay as they are; a repeated entry keeps its first code for new values.
        c.list = dict.slice();
        for (let i = 0; i < dict.length; i++) if (!c.dict.has(dict[i])) c.dict.set(dict[i], i);
        c.values = Array.from(idx);
      } else {
        c.values = Array.from(col as Int32Array | Float64Array);
      }
    }
    b.n = columns.n;
    return b;
  }

  push(event: RecordOf<K>): void {
    this.set(this.n++, event);
  }

  /** Writes a record at row `i` (an existing row, or `n` while pushing). */
  set(i: number, event: RecordOf<K>): void {
    const record = event as unknown as Record<string, unknown>;
    const columns = this.columns;
    for (let f = 0; f < columns.length; f++) {
      const c = columns[f];
      const value = record[c.name];
      if (!c.dict) c.values[i] = encodeValue(c.type as 'day', value);
      else c.values[i] = codeOf(c, c.type === 'list' ? (Array.isArray(value) ? value.join(LIST_SEP) : '') : c.type === 'json' ? packCustom(value as never) : typeof value === 'string' ? value : '');
    }
  }

  /** Appends row `i` of columns of the same table as they are (no record in between), with the id `id`. */
  pushFrom(src: Columns, i: number, id: number): void {
    const row = this.n++;
    const columns = this.columns;
    for (let f = 0; f < columns.length; f++) {
      const c = columns[f];
      if (c.name === 'id') c.values[row] = id;
      else if (!c.dict) c.values[row] = (src.cols[c.name] as Int32Array | Float64Array)[i];
      else {
        const col = src.cols[c.name] as StrColumn;
        c.values[row] = codeOf(c, col.dict[col.idx[i]]);
      }
    }
  }

  finish(): Columns {
    const cols: Record<string, Column> = {};
    for (const { name, type, values, list } of this.columns) {
      // Typed-array constructors, not `.from`: several times faster on a million values.
      if (type === 'day') cols[name] = new Int32Array(values);
      else if (type === 'str' || type === 'list' || type === 'json') cols[name] = { dict: list, idx: new Uint32Array(values) };
      else cols[name] = new Float64Array(values);
    }
    return { n: this.n, cols };
  }
}

/** The code of a text in a column being built (added to its dictionary when new). */
function codeOf(c: BuildingColumn, s: string): number {
  // Rows mostly repeat the value before (a batch, a currency): no lookup then.
  if (s === c.last) return c.lastCode;
  let code = c.dict!.get(s);
  if (code === undefined) {
    code = c.list.length;
    c.dict!.set(s, code);
    c.list.push(s);
  }
  c.last = s;
  c.lastCode = code;
  return code;
}

function encodeValue(type: 'day' | 'num' | 'opt' | 'bool', value: unknown): number {
  switch (type) {
    case 'day':
      return dayFromIso(typeof value === 'string' ? value : '');
    case 'num':
      return Number(value);
    case 'opt':
      return value === null || value === undefined ? NaN : Number(value);
    case 'bool':
      return value ? 1 : 0;
  }
}

/** Columns of one table from a list of records. */
export function encodeEvents<K extends TableKind>(kind: K, records: readonly RecordOf<K>[]): Columns {
  const builder = new ColumnsBuilder(kind);
  for (const e of records) builder.push(e);
  return builder.finish();
}

function readRow(kind: TableKind, columns: Columns, i: number, out: Record<string, unknown>): void {
  for (const [name, type] of fieldsOf(kind)) {
    const col = columns.cols[name];
    if (type === 'json') {
      const s = col as StrColumn;
      const text = s.dict[s.idx[i]];
      // No custom values: no property (a book without custom fields reads as before).
      if (text) out[name] = unpackCustom(text);
    } else if (type === 'str' || type === 'list') {
      const s = col as StrColumn;
      const text = s.dict[s.idx[i]];
      out[name] = type === 'str' ? text : text ? text.split(LIST_SEP) : [];
    } else {
      const v = (col as Int32Array | Float64Array)[i];
      out[name] = type === 'day' ? (v === NO_DAY ? '' : isoFromDay(v)) : type === 'opt' ? (Number.isNaN(v) ? null : v) : type === 'bool' ? v === 1 : v;
    }
  }
}

/** The event at row i of the columns. */
export function eventAt<K extends EventKind>(kind: K, columns: Columns, i: number): EventOf<K> {
  const out: Record<string, unknown> = { kind };
  readRow(kind, columns, i, out);
  return out as unknown as EventOf<K>;
}

/** The customer at row i of customer columns. */
export function customerAt(columns: Columns, i: number): Customer {
  const out: Record<string, unknown> = {};
  readRow('customer', columns, i, out);
  return out as unknown as Customer;
}

/** Every customer of the columns, in stored order. */
export function decodeCustomers(columns: Columns): Customer[] {
  const out: Customer[] = new Array(columns.n);
  for (let i = 0; i < columns.n; i++) out[i] = customerAt(columns, i);
  return out;
}

/** Customer columns from a list of customers. */
export const encodeCustomers = (customers: readonly Customer[]): Columns => encodeEvents('customer', customers);


/** Every event of the columns, in stored order. */
export function decodeEvents<K extends EventKind>(kind: K, columns: Columns): EventOf<K>[] {
  const out: EventOf<K>[] = new Array(columns.n);
  for (let i = 0; i < columns.n; i++) out[i] = eventAt(kind, columns, i);
  return out;
}

/** The values of a string column, in row order. */
export function stringsOf(col: StrColumn): string[] {
  const out = new Array<string>(col.idx.length);
  for (let i = 0; i < out.length; i++) out[i] = col.dict[col.idx[i]];
  return out;
}

export function emptyColumns(kind: TableKind): Columns {
  return new ColumnsBuilder(kind).finish();
}

/** Row indices whose `customerId` is `id` (the dictionary code is looked up once). */
export function rowsOfCustomer(columns: Columns, id: string): number[] {
  const col = columns.cols.customerId as StrColumn;
  const code = col.dict.indexOf(id);
  const rows: number[] = [];
  if (code < 0) return rows;
  for (let i = 0; i < columns.n; i++) if (col.idx[i] === code) rows.push(i);
  return rows;
}
