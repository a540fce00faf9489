// The open book as an import (or a merge) reads it: stored customers and events found by id
// without a scan, and what a plan would change in one shard.

import { customerAt, decodeEvents, type Columns, type StrColumn } from '../../domain/columns';
import { eventKey } from '../../domain/import/matching';
import { packCustom } from '../../domain/custom-fields';
import type { BookEvent, Customer, EventKind, Issue } from '../../domain/types';
import { dueFromTerms } from '../../domain/audit/receivables';
import { dayFromIso, isoFromDay, NO_DAY } from '../../domain/dates';
import type { Book } from '../book/book';
import type { Plan, ShardChange } from './plan';

/** A shard's stored events of one kind grouped by match key (see `eventKey`), in stored order. */
export function eventsByKey(kind: EventKind, columns: Columns): Map<string, BookEvent[]> {
  const m = new Map<string, BookEvent[]>();
  for (const e of decodeEvents(kind, columns) as BookEvent[]) {
    const k = eventKey(e);
    const list = m.get(k);
    if (list) list.push(e);
    else m.set(k, [e]);
  }
  return m;
}

/** The row of the event with id `id` in stored columns (an index per columns object, built once). */
const eventRows = new WeakMap<object, Map<number, number>>();
export function rowOfEvent(columns: Columns, id: number): number {
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
  const x = a as unknown as Record<string, unknown>, y = b as unknown as Record<string, unknown>;
  // Every field either has (custom values are absent when there are none), bookkeeping aside.
  for (const k of new Set([...Object.keys(x), ...Object.keys(y)])) {
    if (k === 'batch' || k === 'updatedAt') continue;
    // Custom values compare as stored (keys sorted): the order a file brought them in is no change.
    if (k === 'custom' ? packCustom(a.custom) !== packCustom(b.custom) : JSON.stringify(x[k]) !== JSON.stringify(y[k])) return false;
  }
  return true;
};

/**
 * An invoice the file gave no due date: due its issue date plus its customer's payment terms (the
 * file's customer or the book's), from which its receivable ages; a customer without terms leaves
 * the row rejected, named by its row and the due column (`column`, when the file has one).
 */
export function withDue(plan: Plan, no: number, e: BookEvent, row: number, column: string | undefined): BookEvent | Issue {
  if (e.kind !== 'invoice' || e.due) return e;
  const terms = (shardOf(plan, no).customers.get(e.customerId) ?? plan.book.customer(e.customerId))?.paymentTermsDays ?? null;
  const due = dueFromTerms(dayFromIso(e.issued), terms);
  return due === NO_DAY ? { row, column: column ?? 'due', code: 'due_from_terms' } : { ...e, due: isoFromDay(due) };
}
