// Shards in memory ↔ shards on disk (see StoredShard). Every table is stored as columns with
// its string dictionaries joined into one string, dictionary codes and whole numbers in the
// narrowest typed array that holds them, and the codes of a column of distinct values left
// out. Pure functions, so the layout is tested in Node.

import { ADDED_COLUMNS, emptyColumns, encodeCustomers, fieldsOf, type Column, type Columns, type StrColumn, type TableKind } from '../domain/columns';
import type { EventTables } from '../domain/figures';
import { EVENT_KINDS, type Customer } from '../domain/types';
import { PEOPLE_COLUMNS, type ShardRecord, type StoredColumn, type StoredColumns, type StoredHistory, type StoredProfiles, type StoredShard, type StoredShardV1 } from './schema';
import type { HistoryColumns } from '../domain/risk/snapshots';

// A separator no dictionary string contains: validation refuses control characters in ids,
// and other free text is cleaned of U+0000 before it is stored.
const SEP = '\u0000';

const isStr = (c: Column): c is StrColumn => !ArrayBuffer.isView(c);

/**
 * Free-text columns nothing reads on opening a book (only a customer's page shows them):
 * their hundreds of thousands of strings are split from the stored text on first use.
 */
const LAZY = new Set(['invoice.invoiceId', 'survey.comment', 'customer.notes', 'customer.phone', 'customer.email']);

function lazyColumn(text: string, empty: boolean, idx: Uint32Array): StrColumn {
  const col = { idx } as StrColumn;
  Object.defineProperty(col, 'dict', {
    enumerable: true,
    configurable: true,
    get() {
      const dict = empty ? [] : text.split(SEP);
      Object.defineProperty(col, 'dict', { value: dict, enumerable: true, writable: true });
      return dict;
    },
  });
  return col;
}

function identity(n: number): Uint32Array {
  const idx = new Uint32Array(n);
  for (let i = 0; i < n; i++) idx[i] = i;
  return idx;
}

function narrowCodes(idx: Uint32Array, size: number): Uint8Array | Uint16Array | Uint32Array | null {
  let identity = idx.length === size;
  for (let i = 0; identity && i < idx.length; i++) identity = idx[i] === i;
  if (identity) return null;
  return size <= 0x100 ? new Uint8Array(idx) : size <= 0x10000 ? new Uint16Array(idx) : idx;
}

function narrowNumbers(values: Float64Array): Float64Array | Int32Array {
  for (const v of values) if ((v | 0) !== v) return values;
  return new Int32Array(values);
}

function packColumns(columns: Columns): StoredColumns {
  const cols: Record<string, StoredColumn> = {};
  for (const [name, col] of Object.entries(columns.cols)) {
    if (isStr(col)) cols[name] = { text: col.dict.map((s) => s.replaceAll(SEP, '')).join(SEP), idx: narrowCodes(col.idx, col.dict.length) };
    else cols[name] = col instanceof Float64Array ? narrowNumbers(col) : col;
  }
  return { n: columns.n, cols };
}

function unpackColumns(kind: TableKind, stored: StoredColumns | undefined): Columns {
  if (!stored) return emptyColumns(kind);
  const cols: Record<string, Column> = {};
  for (const [name, type] of fieldsOf(kind)) {
    const col = stored.cols[name];
    if (col === undefined) {
      // A column added since the table was written (order numbers, custom values) reads as empty.
      if (!ADDED_COLUMNS.has(`${kind}.${name}`)) throw new Error(`stored ${kind} column ${name} missing`);
      cols[name] = { dict: [''], idx: new Uint32Array(stored.n) };
      continue;
    }
    if (ArrayBuffer.isView(col)) {
      cols[name] = type === 'day' ? (col as Int32Array) : col instanceof Float64Array ? col : new Float64Array(col);
    } else {
      const empty = !(col.idx?.length || col.text || (col.idx === null && stored.n));
      const idx = col.idx === null ? identity(stored.n) : col.idx instanceof Uint32Array ? col.idx : new Uint32Array(col.idx);
      cols[name] = LAZY.has(`${kind}.${name}`) ? lazyColumn(col.text, empty, idx) : { dict: empty ? [] : col.text.split(SEP), idx };
    }
  }
  return { n: stored.n, cols };
}

export function packShard(shard: ShardRecord): StoredShard {
  const tables: StoredShard['tables'] = { customer: packColumns(shard.customers) };
  for (const kind of EVENT_KINDS) tables[kind] = packColumns(shard.events[kind]);
  return { no: shard.no, rev: shard.rev ?? 0, tables };
}

/** Columns of a table: those of `names` (or all the others, with `keep` false). */
function columnsWhere(c: Columns, keep: boolean): Columns {
  return { n: c.n, cols: Object.fromEntries(Object.entries(c.cols).filter(([k]) => PEOPLE_COLUMNS.has(k) === keep)) };
}

/**
 * A shard's stored records since schema 8: its events, its customers' profile columns and their
 * people columns (names, contacts, notes) — each null when `onDisk` says what it holds is on
 * disk as it is (a change of many profiles writes only the columns it set), so that neither
 * packing nor writing it is paid again.
 */
export function packSplit(shard: ShardRecord, onDisk: (x: object) => boolean): { shard: StoredShard | null; profiles: StoredProfiles | null; people: StoredProfiles | null } {
  const rev = shard.rev ?? 0;
  const part = (keep: boolean): StoredProfiles | null => {
    const c = columnsWhere(shard.customers, keep);
    return Object.values(c.cols).every(onDisk) ? null : { no: shard.no, rev, customer: packColumns(c) };
  };
  let stored: StoredShard | null = null;
  if (!onDisk(shard.events)) {
    const tables: StoredShard['tables'] = {};
    for (const kind of EVENT_KINDS) tables[kind] = packColumns(shard.events[kind]);
    stored = { no: shard.no, rev, tables };
  }
  return { shard: stored, profiles: part(false), people: part(true) };
}

/** A stored shard with its customers from its profiles and people records where it has them (schema 8), else its own customer table. */
export function joinStored(shard: StoredShard, profiles: StoredProfiles | undefined, people: StoredProfiles | undefined): StoredShard {
  if (!profiles || !people) return shard;
  const customer = { n: profiles.customer.n, cols: { ...profiles.customer.cols, ...people.customer.cols } };
  return { ...shard, rev: Math.max(shard.rev ?? 0, profiles.rev, people.rev), tables: { ...shard.tables, customer } };
}

/** The shards of a backup's stores (or a database's records), each joined with its profiles and people records. */
export function joinStores(shards: readonly StoredShard[], profiles: readonly StoredProfiles[] = [], people: readonly StoredProfiles[] = []): StoredShard[] {
  const byNo = new Map(profiles.map((p) => [p.no, p])), peopleByNo = new Map(people.map((p) => [p.no, p]));
  return shards.map((s) => joinStored(s, byNo.get(s.no), peopleByNo.get(s.no)));
}

export function unpackShard(stored: StoredShard): ShardRecord {
  const events = Object.fromEntries(EVENT_KINDS.map((k) => [k, unpackColumns(k, stored.tables[k])])) as EventTables;
  return { no: stored.no, rev: stored.rev ?? 0, customers: unpackColumns('customer', stored.tables.customer), events };
}

/** Schema 1 → 2: customers from one JSON text into columns; event columns as they were. */
export function shardV1toV2(old: StoredShardV1): StoredShard {
  const tables: StoredShard['tables'] = { customer: packColumns(encodeCustomers(JSON.parse(old.customersJson) as Customer[])) };
  for (const [kind, t] of Object.entries(old.events)) tables[kind as TableKind] = t;
  return { no: old.no, tables };
}

export function packHistory(no: number, h: HistoryColumns): StoredHistory {
  return {
    no, ids: h.ids.map((s) => s.replaceAll(SEP, '')).join(SEP), cust: new Uint32Array(h.cust), day: new Int32Array(h.day),
    score: new Float32Array(h.score), grade: new Uint8Array(h.grade), revision: new Uint32Array(h.revision), cond: new Uint16Array(h.cond),
  };
}

export function unpackHistory(s: StoredHistory): HistoryColumns {
  return {
    ids: s.ids ? s.ids.split(SEP) : [], cust: Array.from(s.cust), day: Array.from(s.day), score: Array.from(s.score),
    grade: Array.from(s.grade), revision: Array.from(s.revision), cond: s.cond ? Array.from(s.cond) : [],
  };
}
