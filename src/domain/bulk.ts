// What a change of many customers' profiles sets, checked as a profile edit is: an owner, a
// region, a tier, tags added or taken away. Tags travel inside a list column as one text (its
// items joined by LIST_SEP); `tagsAfter` works on that text.

import { LIST_SEP } from './columns';
import { LIMITS } from './validate';
import { TIERS, type BulkField, type Issue, type Tier } from './types';

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
