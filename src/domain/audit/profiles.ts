// What the audit reads of a shard's profiles, worked out once per version of its customer columns
// (an edit replaces them, so a version is never stale): per row whether each completeness field
// is filled, whether its e-mail or phone number is invalid, and the keys by which it may be a
// duplicate — its name key, phone digits and e-mail — as 52-bit hashes, which a book-wide map
// compares far faster than strings.

import { NO_DAY } from '../dates';
import type { Columns, StrColumn } from '../columns';
import { nameKey } from '../risk/names';
import { COMPLETENESS_FIELDS } from './document';

export interface ProfileDigest {
  filled: Uint8Array[];
  invalid: Uint8Array;
  /** 0: nothing to compare (no name key, fewer than seven digits, no e-mail). */
  name: Float64Array;
  phone: Float64Array;
  email: Float64Array;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^[+()\d\s\-.]*$/;
const MIN_DIGITS = 7;

/** A 52-bit FNV-1a hash of a text (two 32-bit halves), never 0. */
export function hash52(s: string): number {
  let a = 0x811c9dc5, b = 0x6c62272e;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
  }
  return ((b >>> 12) * 2 ** 32 + (a >>> 0)) || 1;
}

/** Per row, the value of a per-entry table of a dictionary column. */
function perRow<T extends Uint8Array | Float64Array>(col: StrColumn, table: T, make: (n: number) => T): T {
  const out = make(col.idx.length);
  for (let r = 0; r < out.length; r++) out[r] = table[col.idx[r]];
  return out;
}

const cache = new WeakMap<Columns, ProfileDigest>();

/** The digest of customer columns `c`; `names`: the book's name-key hashes by row, when it has them (else made here). */
export function profileDigest(c: Columns, names?: ArrayLike<number>): ProfileDigest {
  const hit = cache.get(c);
  if (hit) return hit;
  const email = c.cols.email as StrColumn, phone = c.cols.phone as StrColumn, name = c.cols.name as StrColumn;
  const bad = Uint8Array.from(email.dict, (v) => (v && !EMAIL.test(v) ? 1 : 0));
  const badPhone = Uint8Array.from(phone.dict, (v) => (PHONE.test(v) ? 0 : 1));
  const invalid = perRow(email, bad, (n) => new Uint8Array(n));
  for (let r = 0; r < invalid.length; r++) invalid[r] |= badPhone[phone.idx[r]];
  const digits = Float64Array.from(phone.dict, (v) => {
    const d = v.replace(/\D/g, '');
    return d.length >= MIN_DIGITS ? hash52(d) : 0;
  });
  const mails = Float64Array.from(email.dict, (v) => (v.trim() ? hash52(v.trim().toLowerCase()) : 0));
  const filled = COMPLETENESS_FIELDS.map((f) => {
    const col = c.cols[f];
    if ('dict' in col) return perRow(col, Uint8Array.from(col.dict, (v) => (v.trim() ? 1 : 0)), (n) => new Uint8Array(n));
    return Uint8Array.from(col as ArrayLike<number>, (v) => (Number.isNaN(v) || v === NO_DAY ? 0 : 1));
  });
  const digest: ProfileDigest = {
    filled, invalid,
    name: names ? Float64Array.from(names) : perRow(name, Float64Array.from(name.dict, (v) => (nameKey(v) ? hash52(nameKey(v)) : 0)), (n) => new Float64Array(n)),
    phone: perRow(phone, digits, (n) => new Float64Array(n)),
    email: perRow(email, mails, (n) => new Float64Array(n)),
  };
  cache.set(c, digest);
  return digest;
}
