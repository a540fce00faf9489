// Two records of one customer made one (a merge of duplicates): per profile field, the value
// of the newer record unless it is empty and the older one's is not; the user may pick the
// other side for any field. Tags and custom values are joined.

import { PROFILE_FIELDS, type Customer } from './types';

export type MergeField = (typeof PROFILE_FIELDS)[number];
export type MergeSide = 'kept' | 'gone';

const empty = (v: unknown) => v === '' || v === null || v === undefined || (Array.isArray(v) && v.length === 0);
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The side each differing field is taken from unless the user says otherwise. */
export function mergeDefaults(kept: Customer, gone: Customer): Partial<Record<MergeField, MergeSide>> {
  const newer: MergeSide = gone.updatedAt > kept.updatedAt ? 'gone' : 'kept';
  const out: Partial<Record<MergeField, MergeSide>> = {};
  for (const f of PROFILE_FIELDS) {
    if (f === 'tags' || same(kept[f], gone[f])) continue;
    const from = newer === 'gone' ? gone : kept, other = newer === 'gone' ? kept : gone;
    out[f] = empty(from[f]) && !empty(other[f]) ? (newer === 'gone' ? 'kept' : 'gone') : newer;
  }
  return out;
}

/** The fields on which the two records differ (tags aside: they are joined). */
export const mergeDiffers = (kept: Customer, gone: Customer): MergeField[] => PROFILE_FIELDS.filter((f) => f !== 'tags' && !same(kept[f], gone[f]));

/** The one customer the two become: the kept id, each field from its side, tags and custom values joined. */
export function mergedProfile(kept: Customer, gone: Customer, choices: Partial<Record<MergeField, MergeSide>>, stamp: number): Customer {
  const picks = { ...mergeDefaults(kept, gone), ...choices };
  const out: Customer = { ...kept, updatedAt: stamp };
  for (const f of mergeDiffers(kept, gone)) if (picks[f] === 'gone') (out as unknown as Record<string, unknown>)[f] = gone[f];
  out.tags = [...new Set([...kept.tags, ...gone.tags])].slice(0, 20);
  const custom = { ...(gone.custom ?? {}), ...(kept.custom ?? {}) };
  if (Object.keys(custom).length) out.custom = custom;
  return out;
}
