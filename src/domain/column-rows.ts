// Rows of a table of columns taken out, put back and rewritten without making a record of each:
// a delete of 100,000 customers or a new owner for all of them works on typed arrays. Text
// columns come out with their dictionaries compacted, so that a value no row holds any more
// (an erased name) is not left in the dictionary that is stored.

import type { Column, Columns, StrColumn } from './columns';

const isText = (c: Column): c is StrColumn => !ArrayBuffer.isView(c);

/** A text column of the rows `rows`, its dictionary holding only the values they use, in first-use order. */
function textRows(col: StrColumn, rows: ArrayLike<number>): StrColumn {
  const remap = new Int32Array(col.dict.length).fill(-1);
  const dict: string[] = [];
  const idx = new Uint32Array(rows.length);
  for (let j = 0; j < rows.length; j++) {
    const code = col.idx[rows[j]];
    if (remap[code] < 0) remap[code] = dict.push(col.dict[code]) - 1;
    idx[j] = remap[code];
  }
  return { dict, idx };
}

/** The rows `rows` of `columns`, in that order. */
export function rowsOf(columns: Columns, rows: ArrayLike<number>): Columns {
  const cols: Record<string, Column> = {};
  for (const [name, col] of Object.entries(columns.cols)) {
    if (isText(col)) cols[name] = textRows(col, rows);
    else {
      const out = new (col.constructor as Int32ArrayConstructor | Float64ArrayConstructor)(rows.length);
      for (let j = 0; j < rows.length; j++) out[j] = col[rows[j]];
      cols[name] = out;
    }
  }
  return { n: rows.length, cols };
}

/** A test of the rows of `columns` whose text column `field` holds one of `values` (a dictionary holding a value twice is read right). */
export function rowsHolding(columns: Columns, field: string, values: ReadonlySet<string>): (row: number) => boolean {
  const col = columns.cols[field] as StrColumn;
  const hit = Uint8Array.from(col.dict, (s) => (values.has(s) ? 1 : 0));
  return (row) => hit[col.idx[row]] === 1;
}

/** `columns` split by `take(row)`: the rows kept and the rows taken, each in stored order (null when none is taken). */
export function splitRows(columns: Columns, take: (row: number) => boolean): { kept: Columns; taken: Columns } | null {
  const kept: number[] = [], taken: number[] = [];
  for (let i = 0; i < columns.n; i++) (take(i) ? taken : kept).push(i);
  if (!taken.length) return null;
  return { kept: rowsOf(columns, kept), taken: rowsOf(columns, taken) };
}

/** The rows of `a` followed by those of `b` (two tables of one kind). */
export function appendRows(a: Columns, b: Columns): Columns {
  if (!b.n) return a;
  if (!a.n) return b;
  const cols: Record<string, Column> = {};
  for (const [name, col] of Object.entries(a.cols)) {
    const more = b.cols[name];
    if (isText(col)) {
      const other = more as StrColumn;
      const dict = col.dict.slice();
      const codes = new Map(dict.map((s, i) => [s, i]));
      const remap = Uint32Array.from(other.dict, (s) => {
        let code = codes.get(s);
        if (code === undefined) codes.set(s, (code = dict.push(s) - 1));
        return code;
      });
      const idx = new Uint32Array(a.n + b.n);
      idx.set(col.idx.subarray(0, a.n));
      for (let j = 0; j < b.n; j++) idx[a.n + j] = remap[other.idx[j]];
      cols[name] = { dict, idx };
    } else {
      const out = new (col.constructor as Int32ArrayConstructor | Float64ArrayConstructor)(a.n + b.n);
      out.set(col.subarray(0, a.n));
      out.set((more as Int32Array | Float64Array).subarray(0, b.n), a.n);
      cols[name] = out;
    }
  }
  return { n: a.n + b.n, cols };
}

/** A text column with `value` at the rows `rows` (other rows as they were), its dictionary compacted. */
export function withText(col: StrColumn, rows: ArrayLike<number>, value: string): StrColumn {
  const idx = col.idx.slice();
  let code = col.dict.indexOf(value);
  const dict = code < 0 ? [...col.dict, value] : col.dict;
  if (code < 0) code = dict.length - 1;
  for (let j = 0; j < rows.length; j++) idx[rows[j]] = code;
  return compactText({ dict, idx });
}

/** A text column with `value(old)` at the rows `rows` (a list field's items changed, say), its dictionary compacted. */
export function mapText(col: StrColumn, rows: ArrayLike<number>, value: (old: string) => string): StrColumn {
  const idx = col.idx.slice();
  const dict = col.dict.slice();
  const codes = new Map(dict.map((s, i) => [s, i]));
  const mapped = new Map<number, number>();
  for (let j = 0; j < rows.length; j++) {
    const old = idx[rows[j]];
    let code = mapped.get(old);
    if (code === undefined) {
      const s = value(dict[old]);
      code = codes.get(s);
      if (code === undefined) codes.set(s, (code = dict.push(s) - 1));
      mapped.set(old, code);
    }
    idx[rows[j]] = code;
  }
  return compactText({ dict, idx });
}

/** A text column whose dictionary holds only values some row uses. */
export function compactText(col: StrColumn): StrColumn {
  const used = new Uint8Array(col.dict.length);
  for (let i = 0; i < col.idx.length; i++) used[col.idx[i]] = 1;
  if (used.every((u) => u === 1)) return col;
  const all = new Uint32Array(col.idx.length);
  for (let i = 0; i < all.length; i++) all[i] = i;
  return textRows(col, all);
}
