// What a book remembers of the customers it no longer holds, so that they do not come back by
// the side door: ids deleted (and when), ids merged into another (an alias: an import or a
// colleague's file that meets one maps it to the id kept), and customers erased on a personal-
// data request (by a hash of the id only, with a log of when and how many — nothing else).
// Kept in the book's meta as one record, so that backups carry it and merges combine it.

import { hash52 } from './audit/profiles';

export interface Removals {
  /** Deleted ids → epoch ms of the delete. */
  deleted: Record<string, number>;
  /** Merged-away ids → the id kept, and when. */
  aliases: Record<string, { to: string; at: number }>;
  /** `erasedKey(id)` → epoch ms of the erasure. */
  erased: Record<string, number>;
  /** The erasure log: when, how many customers (no names, no ids). */
  erasures: { at: number; count: number }[];
}

export const REMOVALS = 'removals';

export const noRemovals = (): Removals => ({ deleted: {}, aliases: {}, erased: {}, erasures: [] });

/** A stored record read as removals (anything unreadable is left out, never thrown). */
export function parseRemovals(raw: unknown): Removals {
  const r = noRemovals();
  if (!raw || typeof raw !== 'object') return r;
  const o = raw as Record<string, unknown>;
  const obj = (x: unknown) => (x && typeof x === 'object' && !Array.isArray(x) ? (x as Record<string, unknown>) : {});
  for (const [id, at] of Object.entries(obj(o.deleted))) if (typeof at === 'number') r.deleted[id] = at;
  for (const [id, a] of Object.entries(obj(o.aliases))) {
    const v = obj(a);
    if (typeof v.to === 'string' && v.to && typeof v.at === 'number') r.aliases[id] = { to: v.to, at: v.at };
  }
  for (const [k, at] of Object.entries(obj(o.erased))) if (typeof at === 'number') r.erased[k] = at;
  if (Array.isArray(o.erasures)) for (const e of o.erasures) if (typeof e?.at === 'number' && typeof e?.count === 'number') r.erasures.push({ at: e.at, count: e.count });
  return r;
}

/** The key an erased id is remembered by: a 52-bit hash, so that the id itself is not kept. */
export const erasedKey = (id: string): string => hash52(`custos-erased\u0000${id}`).toString(36);

/** The id a merged-away id now goes by (followed through merges of merges); the id itself otherwise. */
export function aliasOf(r: Removals, id: string): string {
  let at = id;
  for (let hops = 0; hops < 16 && r.aliases[at]; hops++) at = r.aliases[at].to;
  return at;
}

/** Every merged-away id and the id it now goes by. */
export function aliasMap(r: Removals): Map<string, string> {
  return new Map(Object.keys(r.aliases).map((id) => [id, aliasOf(r, id)]));
}

/**
 * What a colleague's copy of customer `id`, last changed at `updatedAt`, becomes in this book:
 * an erased customer never comes back; a merged-away id joins the id kept; a deleted one stays
 * deleted unless the colleague changed it after the delete (their later work is kept); null:
 * nothing removed it here.
 */
export function fateOf(r: Removals, id: string, updatedAt: number): { fate: 'erased' | 'deleted' } | { fate: 'alias'; to: string } | null {
  if (r.erased[erasedKey(id)] !== undefined) return { fate: 'erased' };
  if (r.aliases[id]) return { fate: 'alias', to: aliasOf(r, id) };
  const at = r.deleted[id];
  if (at !== undefined && updatedAt <= at) return { fate: 'deleted' };
  return null;
}

/** Both books' removals together: a removal known to either is known after a merge (the later time where both know one). */
export function combineRemovals(a: Removals, b: Removals): Removals {
  const out = noRemovals();
  for (const side of [a, b]) {
    for (const [id, at] of Object.entries(side.deleted)) out.deleted[id] = Math.max(out.deleted[id] ?? 0, at);
    for (const [id, v] of Object.entries(side.aliases)) if (!out.aliases[id] || out.aliases[id].at < v.at) out.aliases[id] = v;
    for (const [k, at] of Object.entries(side.erased)) out.erased[k] = Math.max(out.erased[k] ?? 0, at);
  }
  const log = new Map<string, { at: number; count: number }>();
  for (const e of [...a.erasures, ...b.erasures]) log.set(`${e.at}:${e.count}`, e);
  out.erasures = [...log.values()].sort((x, y) => x.at - y.at);
  return out;
}
