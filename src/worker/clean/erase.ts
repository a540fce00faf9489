// Erasure on a personal-data request (PIPL, GDPR): the customer goes as a delete takes it (its
// profile, events, kept scores, alerts, actions, reviews, override), and then every other
// place of the book that kept something of it is cleaned in the same transaction — imports
// and merges kept for undo, remembered import layouts, audits' frozen customer lists (the
// entry reads "erased customer"), and free text of the book's records that names it. The
// erasure is logged with its date and count only; the id is remembered by a hash, so that a
// colleague's file does not bring the customer back. Nothing of it can be undone.

import type { Audit, CustomerList } from '../../domain/audit/document';
import { erasedKey } from '../../domain/removals';
import { packEdit, unpackEdit } from '../../domain/bulk';
import type { Batch, BookEvent, Customer } from '../../domain/types';
import type { Action } from '../../domain/respond/actions';
import type { Review } from '../../domain/respond/reviews';
import type { Alert } from '../../domain/risk/alerts';
import { readBatches, readMeta } from '../../storage/workspace-repo';
import { readAudits } from '../../storage/audit-repo';
import type { MetaRecord } from '../../storage/schema';
import { MAPPINGS, discardImport } from '../import/plan';
import type { OpenBook } from '../session/open-book';
import { applyChange } from './change';
import { deleteUndo, readRemovals, removalsRecord } from './removals';
import { takeCustomers } from './take';

/** Free text shorter than this is not searched for (a two-letter id would match everywhere). */
const SHORTEST = 4;
export const ERASED = '';

/** The texts of a customer that are personal: its id, name, contact, phone, e-mail, notes, text custom values, survey comments. */
export function personalTexts(c: Customer, events: readonly BookEvent[]): string[] {
  const texts = [c.id, c.name, c.contact, c.phone, c.email, c.notes, ...Object.values(c.custom ?? {}).filter((v): v is string => typeof v === 'string')];
  for (const e of events) if (e.kind === 'survey' && e.comment) texts.push(e.comment);
  return [...new Set(texts.map((t) => t.trim()).filter((t) => t.length >= SHORTEST))];
}

const pattern = (t: string) => new RegExp(t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi');

/** `text` with every personal text in it (in any case) replaced by '…'; null when none is in it. */
function scrubbed(text: string, texts: readonly string[]): string | null {
  let out = text;
  for (const t of texts) out = out.replace(pattern(t), '…');
  return out === text ? null : out;
}

/** Whether a record holds any of the texts, in any case (a remembered layout keeps its headers lower-cased). */
const mentions = (x: unknown, texts: readonly string[]) => {
  const s = JSON.stringify(x).toLowerCase();
  return texts.some((t) => s.includes(t.toLowerCase()) || s.includes(JSON.stringify(t).slice(1, -1).toLowerCase()));
};

function cleanList(l: CustomerList, gone: (id: string) => boolean): CustomerList {
  return l.ids.some(gone) ? { ...l, ids: l.ids.map((x) => (gone(x) ? ERASED : x)) } : l;
}

/** An audit with the entries of erased customers in its lists made "erased customer" (and their texts out of its title and goals); null when it holds none. */
export function cleanAudit(a: Audit, gone: (id: string) => boolean, texts: readonly string[] = []): Audit | null {
  const m = a.measures;
  const inLists = Object.values(m.lists).some((l) => l.ids.some(gone)) || a.findings.some((f) => f.customers.ids.some(gone)) || [...m.credit.top, ...m.portfolio.top].some((t) => gone(t.id));
  if (!inLists && !mentions([a.title, a.goals], texts)) return null;
  const lists = Object.fromEntries(Object.entries(m.lists).map(([k, l]) => [k, cleanList(l, gone)]));
  const top = <T extends { id: string; name: string }>(list: T[]) => list.map((t) => (gone(t.id) ? { ...t, id: ERASED, name: ERASED } : t));
  const measures = { ...m, lists, credit: { ...m.credit, top: top(m.credit.top) }, portfolio: { ...m.portfolio, top: top(m.portfolio.top) } };
  const findings = a.findings.map((f) => ({ ...f, customers: cleanList(f.customers, gone) }));
  return { ...a, title: scrubbed(a.title, texts) ?? a.title, goals: scrubbed(a.goals, texts) ?? a.goals, measures, findings, updatedAt: Math.max(Date.now(), a.updatedAt + 1) };
}

/** A batch with nothing of the customer left in what its undo keeps; null when it held nothing of it. */
function cleanBatch(b: Batch, id: string, all: readonly string[], texts: readonly string[]): Batch | null {
  if (!mentions(b, all)) return null;
  const out: Batch = { ...b, label: scrubbed(b.label, texts) ?? b.label };
  if (b.import) {
    const r = b.import;
    const stamps = { ...(r.stamps ?? {}) };
    delete stamps[id];
    const others = <T extends { customerId?: string }>(l: T[] | undefined) => (l ?? []).filter((x) => x.customerId !== id);
    out.import = {
      ...r, stamps, createdCustomers: r.createdCustomers.filter((x) => x !== id), previousCustomers: r.previousCustomers.filter((c) => c.id !== id),
      previousEvents: r.previousEvents.filter((e) => e.customerId !== id),
      ...(r.records ? { records: { ...r.records, previous: { actions: others(r.records.previous.actions as Action[]), reviews: others(r.records.previous.reviews as Review[]), audits: r.records.previous.audits } } } : {}),
    };
  }
  if (b.change?.edit) {
    const e = unpackEdit(b.change.edit), keep = e.ids.map((x, k) => (x === id ? -1 : k)).filter((k) => k >= 0);
    const before = Object.fromEntries(Object.entries(e.before).map(([f, v]) => [f, keep.map((k) => v![k])]));
    out.change = { ...b.change, edit: packEdit({ ...e, ids: keep.map((k) => e.ids[k]), updatedAt: keep.map((k) => e.updatedAt[k]), before }) };
  }
  if (b.change?.merge && (b.change.merge.kept.id === id || b.change.merge.gone.id === id)) {
    const { merge: _m, ...rest } = b.change;
    out.change = { ...rest, final: true };
  }
  return out;
}

export async function eraseCustomer(o: OpenBook, id: string): Promise<{ at: number } | null> {
  const c = o.book.customer(id);
  if (!c) return null;
  const texts = personalTexts(c, o.book.eventsOf(id));
  const { write } = await takeCustomers(o, new Set([id]));
  const now = Date.now();
  const removals = await readRemovals(o);
  // Ids merged into this customer earlier are its own too.
  const former = Object.entries(removals.aliases).filter(([from, a]) => from === id || a.to === id).map(([from]) => from);
  for (const x of [id, ...former]) {
    removals.erased[erasedKey(x)] = now;
    delete removals.deleted[x];
    delete removals.aliases[x];
  }
  removals.erasures.push({ at: now, count: 1 });
  const all = [id, ...former, ...texts];
  // Substrings are searched for only where they are long enough to name this customer alone.
  const free = all.filter((t) => t.length >= SHORTEST);
  const batches = (await readBatches(o.db)).flatMap((b) => cleanBatch(b, id, all, free) ?? []);
  const audits = (await readAudits(o.db)).flatMap((a) => cleanAudit(a, (x) => x === id || former.includes(x), free) ?? []);
  const meta: MetaRecord[] = [...(write.meta ?? []), removalsRecord(removals)];
  const layouts = await readMeta<Record<string, unknown>>(o.db, MAPPINGS);
  if (layouts && mentions(layouts, free)) meta.push({ key: MAPPINGS, value: Object.fromEntries(Object.entries(layouts).filter(([k, v]) => !mentions([k, v], free))) });
  // Other records' free text that names the customer (an action's outcome, a review's note).
  const text = <T>(r: T, fields: (keyof T)[]): T | null => {
    let out: T | null = null;
    for (const f of fields) {
      const s = scrubbed(String(r[f] ?? ''), free);
      if (s !== null) out = { ...(out ?? r), [f]: s };
    }
    // Newer than any copy a colleague has, so that a merge does not bring the old text back.
    const at = (r as { updatedAt?: number }).updatedAt;
    return out && at !== undefined ? { ...out, updatedAt: Math.max(now, at + 1) } : out;
  };
  const actions = [...o.respond.actions.values()].filter((a) => a.customerId !== id).flatMap((a) => text<Action>(a, ['title', 'outcome']) ?? []);
  const reviews = [...o.respond.reviews.values()].filter((r) => r.customerId !== id).flatMap((r) => text<Review>(r, ['note']) ?? []);
  const alerts = (await o.db.alerts.toArray()).filter((a) => a.customerId !== id).flatMap((a) => text<Alert>(a, ['note']) ?? []);
  const respond = { ...write.respond, actions, reviews, audits };
  deleteUndo.forget(o.info.dbName, new Set([id]));
  discardImport();
  await applyChange(o, { ...write, respond, alerts, batches, meta }, 'reload');
  return { at: now };
}
