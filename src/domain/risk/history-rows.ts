// A shard's kept scores (see HistoryColumns) with some customers' entries taken out, put back,
// or given to another id (a merge), each with its ids compacted, so that an id no entry uses
// is not left in the stored list.

import { emptyHistory, type HistoryColumns } from './snapshots';

/** One customer's entries, oldest first, and its alert-condition bits. */
export interface CustomerHistory {
  id: string;
  day: number[];
  score: number[];
  grade: number[];
  revision: number[];
  cond: number;
}

/** The entries of `h` per customer id, each oldest first. */
export function historyByCustomer(h: HistoryColumns): Map<string, CustomerHistory> {
  const out = new Map<string, CustomerHistory>();
  const of = (code: number) => {
    const id = h.ids[code];
    let c = out.get(id);
    if (!c) out.set(id, (c = { id, day: [], score: [], grade: [], revision: [], cond: h.cond[code] ?? 0 }));
    return c;
  };
  for (let code = 0; code < h.ids.length; code++) if (h.cond[code]) of(code);
  for (let e = 0; e < h.cust.length; e++) {
    const c = of(h.cust[e]);
    c.day.push(h.day[e]);
    c.score.push(h.score[e]);
    c.grade.push(h.grade[e]);
    c.revision.push(h.revision[e]);
  }
  return out;
}

/** History columns of customers' entries, in day order (a customer's entries oldest first). */
export function historyOf(customers: Iterable<CustomerHistory>): HistoryColumns {
  const h = emptyHistory();
  const entries: { code: number; e: number; c: CustomerHistory }[] = [];
  for (const c of customers) {
    const code = h.ids.push(c.id) - 1;
    h.cond[code] = c.cond;
    for (let e = 0; e < c.day.length; e++) entries.push({ code, e, c });
  }
  entries.sort((a, b) => a.c.day[a.e] - b.c.day[b.e]);
  for (const { code, e, c } of entries) {
    h.cust.push(code);
    h.day.push(c.day[e]);
    h.score.push(c.score[e]);
    h.grade.push(c.grade[e]);
    h.revision.push(c.revision[e]);
  }
  return h;
}

/** `h` without the entries of `ids`, and those entries (null when none of them has any). */
export function historyWithout(h: HistoryColumns, ids: ReadonlySet<string>): { kept: HistoryColumns; taken: CustomerHistory[] } | null {
  if (!h.ids.some((id) => ids.has(id))) return null;
  const all = historyByCustomer(h);
  const taken = [...all.values()].filter((c) => ids.has(c.id));
  return { kept: historyOf([...all.values()].filter((c) => !ids.has(c.id))), taken };
}

/** `h` with `more` customers' entries added (an undone delete); a customer already there keeps its own. */
export function historyWith(h: HistoryColumns | undefined, more: readonly CustomerHistory[]): HistoryColumns {
  const all = h ? historyByCustomer(h) : new Map<string, CustomerHistory>();
  for (const c of more) if (!all.has(c.id)) all.set(c.id, c);
  return historyOf(all.values());
}

/** One customer's entries with another's joined in (a merge): on a day both have one, the kept customer's stands. */
export function joinHistory(kept: CustomerHistory | undefined, gone: CustomerHistory, id: string): CustomerHistory {
  const out: CustomerHistory = kept ? { ...kept, day: [...kept.day], score: [...kept.score], grade: [...kept.grade], revision: [...kept.revision] } : { id, day: [], score: [], grade: [], revision: [], cond: 0 };
  const days = new Set(out.day);
  const idx = out.day.map((_, e) => e);
  const rows = idx.map((e) => ({ day: out.day[e], score: out.score[e], grade: out.grade[e], revision: out.revision[e] }));
  for (let e = 0; e < gone.day.length; e++) if (!days.has(gone.day[e])) rows.push({ day: gone.day[e], score: gone.score[e], grade: gone.grade[e], revision: gone.revision[e] });
  rows.sort((a, b) => a.day - b.day);
  return { id, cond: out.cond, day: rows.map((r) => r.day), score: rows.map((r) => r.score), grade: rows.map((r) => r.grade), revision: rows.map((r) => r.revision) };
}
