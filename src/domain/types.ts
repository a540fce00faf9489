// The entities of a Custos workspace (DESIGN §1). Money is integer minor units with a
import type { CustomValues } from './custom-fields';
// currency code, calendar dates are `YYYY-MM-DD`, instants are epoch milliseconds.

export type Brand<T, B extends string> = T & { readonly __brand: B };

/** The user's own customer id, stable across imports. */
export type CustomerId = Brand<string, 'CustomerId'>;
/** An event's id inside its workspace; numeric because events live in typed-array columns. */
export type EventId = Brand<number, 'EventId'>;
/** The import batch (demo, manual entry, file import) that created a record. */
export type BatchId = Brand<string, 'BatchId'>;
/** A calendar date `YYYY-MM-DD`, or '' when unknown. */
export type IsoDate = string;

export const SIZES = ['large', 'medium', 'small'] as const;
export type Size = (typeof SIZES)[number];
export const TIERS = ['key', 'general', 'potential'] as const;
export type Tier = (typeof TIERS)[number];

export interface Customer {
  id: CustomerId;
  name: string;
  industry: string;
  size: Size | '';
  region: string;
  owner: string;
  tier: Tier;
  /** Customer since. */
  since: IsoDate;
  /** Minor units in `currency`; null when no limit was agreed. */
  creditLimit: number | null;
  currency: string;
  paymentTermsDays: number | null;
  contractEnd: IsoDate;
  tags: string[];
  notes: string;
  /** Personal data: contact person, phone and e-mail (pseudonymised by anonymised export). */
  contact: string;
  phone: string;
  email: string;
  batch: BatchId;
  /** Epoch ms of the last change; merge resolves conflicts by it. */
  updatedAt: number;
  /** The user's own fields (see custom-fields.ts); absent when the customer has none. */
  custom?: CustomValues;
}

/** The fields of a customer's profile a user edits, in the order the profile shows them (not the id, nor the bookkeeping). */
export const PROFILE_FIELDS = ['name', 'industry', 'size', 'region', 'owner', 'tier', 'since', 'creditLimit', 'currency', 'paymentTermsDays', 'contractEnd', 'tags', 'notes', 'contact', 'phone', 'email'] as const satisfies readonly (keyof Customer)[];

export const PERSONAL_FIELDS = ['contact', 'phone', 'email'] as const;

export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];
export const CHANNELS = ['visit', 'call', 'email', 'chat', 'social'] as const;
export type Channel = (typeof CHANNELS)[number];

interface EventBase {
  id: EventId;
  customerId: CustomerId;
  batch: BatchId;
}

export interface OrderEvent extends EventBase {
  kind: 'order';
  date: IsoDate;
  amount: number;
  currency: string;
  category: string;
  /** The order number (lines of a shop's export with one number are one order); '' without one. */
  orderId?: string;
}

export interface InvoiceEvent extends EventBase {
  kind: 'invoice';
  invoiceId: string;
  issued: IsoDate;
  due: IsoDate;
  amount: number;
  currency: string;
  /** Date of (last) payment, '' while unpaid. */
  paid: IsoDate;
  paidAmount: number;
}

export interface ComplaintEvent extends EventBase {
  kind: 'complaint';
  /** Instants (epoch ms); null while not yet responded or resolved. */
  opened: number;
  firstResponse: number | null;
  resolved: number | null;
  severity: Severity;
  category: string;
  channel: Channel;
  reopened: boolean;
}

export interface SurveyEvent extends EventBase {
  kind: 'survey';
  date: IsoDate;
  /** 1–5, or null when only NPS was asked. */
  csat: number | null;
  /** 0–10, or null when only CSAT was asked. */
  nps: number | null;
  comment: string;
}

export interface InteractionEvent extends EventBase {
  kind: 'interaction';
  date: IsoDate;
  channel: Channel;
  /** −1 negative, 0 neutral, +1 positive. */
  sentiment: -1 | 0 | 1;
}

export type BookEvent = OrderEvent | InvoiceEvent | ComplaintEvent | SurveyEvent | InteractionEvent;
export type EventKind = BookEvent['kind'];
export const EVENT_KINDS: readonly EventKind[] = ['order', 'invoice', 'complaint', 'survey', 'interaction'];

export type BatchKind = 'demo' | 'manual' | 'import' | 'change';
export interface Batch {
  id: BatchId;
  kind: BatchKind;
  /** The file name for an import. */
  label: string;
  createdAt: number;
  /** What an import did, and what its undo needs. */
  import?: ImportRecord;
  /** What a change of many customers at once did (kind 'change'), and what its undo needs. */
  change?: ChangeRecord;
}

/**
 * A bulk edit's undo as stored: the ids in one text (joined by U+0000, which no id holds), each
 * field's earlier values as a dictionary and codes, the earlier stamps as one array — 100,000
 * customers in a few values, not 300,000 (a batch record is written in the edit's transaction).
 */
export interface PackedEdit {
  fields: BulkField[];
  ids: string;
  before: Partial<Record<BulkField, { dict: string[]; idx: Uint32Array }>>;
  updatedAt: Float64Array;
}

/** The profile fields a change of many customers can set. */
export const BULK_FIELDS = ['owner', 'tier', 'region', 'tags'] as const;
export type BulkField = (typeof BULK_FIELDS)[number];

/**
 * A change of many customers as one batch: a delete, a bulk edit, a merge of duplicates, or a
 * playbook started for each. A delete keeps nothing of the customers on disk (its undo lives
 * in the open app only); the others keep what their undo needs.
 */
export interface ChangeRecord {
  op: 'delete' | 'edit' | 'merge' | 'playbook';
  /** Customers changed (deleted, edited, merged away, given a playbook). */
  customers: number;
  /** Events deleted or moved. */
  events: number;
  /** The instant stamped on every customer it wrote (`updatedAt`): a later edit is kept by the undo. */
  stamp: number;
  undoneAt?: number;
  /** Its undo is no longer possible (a delete after the app was closed; a merge whose customer was erased). */
  final?: boolean;
  /** A bulk edit: the fields set, the ids changed, per field their earlier values and their earlier stamps, in `ids` order (packed: see bulk.ts). */
  edit?: PackedEdit;
  /** A merge: the customer kept (as it was) and the one merged into it, the events moved (by kind, their ids), and the records moved (their ids). */
  merge?: {
    kept: Customer; gone: Customer; events: Partial<Record<EventKind, number[]>>; alerts: string[]; actions: string[]; reviews: string[];
    /** The merged-away customer's kept scores (numbers and its id: see risk/history-rows.ts), and the days the kept one had. */
    history: { gone: { day: number[]; score: number[]; grade: number[]; revision: number[]; cond: number } | null; keptDays: number[] };
  };
  /** A playbook for each: the actions it created. */
  actions?: string[];
}

export interface ImportCounts {
  rows: number;
  new: number;
  updated: number;
  unchanged: number;
  rejected: number;
  /** Customers created for events of unknown customers (when the user chose so). */
  newCustomers: number;
  /** Rows a row rule skipped (not counted in `rows`' records, nor rejected). */
  skipped?: number;
  /** Orders with a negative amount (returns: revenue, not purchase days). */
  returns?: number;
  /** Rows of customers merged into another since: their events go to the customer kept, their profile rows are left out. */
  merged?: number;
}

export interface ImportRecord {
  kind: 'customer' | EventKind;
  /** The kinds of events it added or changed (a merge brings several). */
  kinds?: EventKind[];
  /** Set for a merge of a colleague's backup: whose. */
  merge?: { source: string; name: string; conflicts: number };
  /** The `updatedAt` of customers it wrote, where not `stamp` (a merge keeps the colleague's). */
  stamps?: Record<string, number>;
  counts: ImportCounts;
  /** When it was undone; absent while it stands. */
  undoneAt?: number;
  /** The instant stamped on every customer it wrote (`updatedAt`): a later edit is kept by the undo. */
  stamp: number;
  createdCustomers: string[];
  previousCustomers: Customer[];
  /** The ids it gave new events: one range, as they are numbered in order. */
  addedEvents: { from: number; to: number };
  previousEvents: BookEvent[];
  /** A merge's actions and reviews: the ids it added, and the versions it replaced (by id). */
  records?: { added: { actions: string[]; reviews: string[]; audits?: string[] }; previous: { actions: unknown[]; reviews: unknown[]; audits?: unknown[] } };
}

/** A validation finding with a stable code the interface translates. */
export interface Issue {
  row?: number;
  column?: string;
  code: string;
  params?: Record<string, string | number>;
}

export const LOCALES = ['zh-CN', 'zh-TW', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/** An event before storage has given it an id. */
export type NewEvent = BookEvent extends infer E ? (E extends BookEvent ? Omit<E, 'id'> : never) : never;
