// What a change of many customers' profiles sets, checked as a profile edit is: an owner, a
// region, a tier, tags added or taken away. Tags travel inside a list column as one text (its
// items joined by LIST_SEP); `tagsAfter` works on that text.

import { LIST_SEP } from './columns';
import { LIMITS } from './validate';
import { TIERS, type BulkField, type Issue, type PackedEdit, type Tier } from './types';

export interface BulkSet {
  owner?: string;
  region?: string;
  tier?: Tier;
  tags?: { add?: string[]; remove?: string[] };
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

/** The set cleaned (trimmed, empty tag lists left out), or the problems that refuse it. */
export function checkBulkSet(set: BulkSet): { set: BulkSet; fields: BulkField[] } | { issues: Issue[] } {
  const issues: Issue[] = [];
  const out: BulkSet = {};
  for (const f of ['owner', 'region'] as const) {
    if (set[f] === undefined) continue;
    const v = String(set[f]).trim();
    if (v.length > LIMITS.text) issues.push({ column: f, code: 'too_long', params: { max: LIMITS.text } });
    else if (CONTROL.test(v)) issues.push({ column: f, code: 'invalid_chars' });
    else out[f] = v;
  }
  if (set.tier !== undefined) {
    if ((TIERS as readonly string[]).includes(set.tier)) out.tier = set.tier;
    else issues.push({ column: 'tier', code: 'invalid_choice' });
  }
  if (set.tags) {
    const clean = (l: string[] | undefined) => [...new Set((l ?? []).map((t) => String(t).trim()).filter(Boolean))];
    const add = clean(set.tags.add), remove = clean(set.tags.remove);
    if ([...add, ...remove].some((t) => t.length > LIMITS.tag)) issues.push({ column: 'tags', code: 'too_long', params: { max: LIMITS.tag } });
    else if ([...add, ...remove].some((t) => CONTROL.test(t))) issues.push({ column: 'tags', code: 'invalid_chars' });
    else if (add.length || remove.length) out.tags = { add, remove };
  }
  if (issues.length) return { issues };
  const fields = (['owner', 'region', 'tier', 'tags'] as const).filter((f) => out[f] !== undefined);
  if (!fields.length) return { issues: [{ code: 'nothing_to_set' }] };
  return { set: out, fields };
}

/** A customer's tags (as their stored text) after the set's tags were added and taken away; at most LIMITS.tags are kept. */
export function tagsAfter(text: string, tags: NonNullable<BulkSet['tags']>): string {
  const list = text ? text.split(LIST_SEP) : [];
  const gone = new Set(tags.remove ?? []);
  const next = list.filter((t) => !gone.has(t));
  for (const t of tags.add ?? []) if (!next.includes(t) && next.length < LIMITS.tags) next.push(t);
  return next.join(LIST_SEP);
}

/** A bulk edit's undo, unpacked: per customer changed, its id, its earlier value of each field and its earlier stamp. */
export interface EditUndo {
  fields: BulkField[];
  ids: string[];
  before: Partial<Record<BulkField, string[]>>;
  updatedAt: number[];
}

export function packEdit(e: EditUndo): PackedEdit {
  const before: PackedEdit['before'] = {};
  for (const f of e.fields) {
    const codes = new Map<string, number>(), dict: string[] = [];
    const values = e.before[f] ?? [];
    const idx = Uint32Array.from(values, (v) => {
      let c = codes.get(v);
      if (c === undefined) codes.set(v, (c = dict.push(v) - 1));
      return c;
    });
    before[f] = { dict, idx };
  }
  return { fields: e.fields, ids: e.ids.join('\u0000'), before, updatedAt: Float64Array.from(e.updatedAt) };
}

export function unpackEdit(p: PackedEdit): EditUndo {
  const ids = p.ids ? p.ids.split('\u0000') : [];
  const before: EditUndo['before'] = {};
  for (const f of p.fields) {
    const b = p.before[f]!;
    before[f] = Array.from(b.idx, (c) => b.dict[c]);
  }
  return { fields: p.fields, ids, before, updatedAt: Array.from(p.updatedAt) };
}
