// The book-wide indicators: names reduced to what two records of the same company share (the
// duplicate flag), and each customer's share of the book's revenue.

const ASCII = /^[\x20-\x7e]*$/;
const LEGAL_FORMS = new Set(['inc', 'ltd', 'llc', 'co', 'corp', 'gmbh', 'plc', 'limited', 'company']);

/** `nameKey` of a plain-ASCII name without regular expressions: words of letters and digits, legal forms left out. */
function asciiNameKey(name: string): string {
  const lower = name.toLowerCase();
  let key = '';
  let word = '';
  for (let i = 0; i <= lower.length; i++) {
    const c = i < lower.length ? lower.charCodeAt(i) : 32;
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) word += lower[i];
    else if (word) {
      if (!LEGAL_FORMS.has(word)) key += word;
      word = '';
    }
  }
  return key;
}

/**
 * A name key as a number (0 for an empty key): two 32-bit FNV-1a hashes folded into 53 bits,
 * so that counting 100,000 keys needs no string hashing; a false match is ~10⁻⁶ likely.
 */
export function nameHash(name: string): number {
  const key = nameKey(name);
  if (!key) return 0;
  let a = 0x811c9dc5, b = 0x6c62272e;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
  }
  return (a >>> 0) * 0x200000 + ((b >>> 0) & 0x1fffff) || 1;
}

/** A name reduced to what two records of the same company share (case, spaces, punctuation, legal forms). */
export function nameKey(name: string): string {
  if (ASCII.test(name)) return asciiNameKey(name);
  // NFKC (full-width letters and digits) only where there is something beyond ASCII.
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/(有限责任公司|有限責任公司|股份有限公司|有限公司|公司|集团|集團|\b(inc|ltd|llc|co|corp|gmbh|plc|limited|company)\b\.?)/g, '')
    .replace(/[\s\p{P}\p{S}]+/gu, '');
}

/**
 * Revenue share (of the book's 12-month revenue) into `out`, for every customer 0…n−1 or only
 * those at `positions`; the total is always the whole book's. NaN when the book has none.
 */
export function revenueShares(revenue12m: ArrayLike<number>, n: number, out: Float32Array | Float64Array, positions: ArrayLike<number> | null = null): void {
  let total = 0;
  for (let i = 0; i < n; i++) if (revenue12m[i] > 0) total += revenue12m[i];
  const count = positions ? positions.length : n;
  for (let j = 0; j < count; j++) {
    const i = positions ? positions[j] : j;
    out[i] = total > 0 ? Math.max(0, revenue12m[i]) / total : NaN;
  }
}

/** The suspected-duplicate flag (1: another customer has the same name hash, 0: none) of customers 0…n−1, into `out`. */
export function duplicateFlags(hashes: ArrayLike<number>, n: number, out: Float32Array | Float64Array): void {
  // Sorted hashes give the ones held more than once, without a map of 100,000 keys.
  const sorted = new Float64Array(n);
  for (let i = 0; i < n; i++) sorted[i] = hashes[i] || 0;
  sorted.sort();
  const twice = new Set<number>();
  for (let i = 1; i < n; i++) if (sorted[i] && sorted[i] === sorted[i - 1]) twice.add(sorted[i]);
  for (let i = 0; i < n; i++) out[i] = twice.has(hashes[i]) ? 1 : 0;
}
