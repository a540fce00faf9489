// The types of keeping the book clean that cross the worker boundary (re-exported by the
// worker's contract.ts): a selection of the list, the pairs of suspected duplicates, a
// merge's preview, what a delete takes, and the change history.

import type { ListQuery, GradeLabel } from './query';
import type { Batch, Customer } from './types';
import type { MergeField, MergeSide } from './merge-profiles';

export type { BulkSet } from './bulk';
export type { MergeField, MergeSide } from './merge-profiles';

/** Customers chosen in the list: these ids, or every row of a query (a filter, a segment) but `except`. */
export type Selection = { ids: string[] } | { query: ListQuery; except?: string[] };

/** One side of a suspected pair, as the pairs list shows it. */
export interface PairSide {
  id: string;
  name: string;
  owner: string;
  region: string;
  phone: string;
  email: string;
  updatedAt: number;
  revenue12m: number;
  grade: GradeLabel | null;
}

export interface DuplicatePair {
  a: PairSide;
  b: PairSide;
  /** What the two share: a name key, phone digits, an e-mail address. */
  reasons: ('name' | 'phone' | 'email')[];
}

/** What a merge of two customers will do: both profiles, the differing fields with the side each is taken from, and what moves. */
export interface CustomerMergePreview {
  kept: Customer;
  gone: Customer;
  fields: { field: MergeField; choice: MergeSide }[];
  moves: { events: number; alerts: number; actions: number; reviews: number };
}

/** What a delete takes with the customers, for its confirmation. */
export interface DeletePreview {
  customers: number;
  events: number;
  alerts: number;
  actions: number;
  reviews: number;
  snapshots: number;
}

/** A change of many customers in the book's history, and whether it can still be undone here. */
export interface ChangeEntry {
  batch: Batch;
  undoable: boolean;
}

/** The book's record of erasures: when, and how many customers (nothing else is kept). */
export type ErasureLog = { at: number; count: number }[];
