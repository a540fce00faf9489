// Names reduced to what two records of the same company share: the duplicate indicator.

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
 * The book-wide indicators, for customers at positions 0..n−1 of the book: revenue share
 * (of the 12-month revenue of the whole book) and a suspected duplicate (another customer
 * with the same name key).
 */
export function bookIndicators(revenue12m: ArrayLike<number>, nameKeys: readonly string[], n: number): { share: Float64Array; duplicate: Float64Array } {
  let total = 0;
  for (let i = 0; i < n; i++) total += Math.max(0, revenue12m[i]);
  const seen = new Map<string, number>();
  for (let i = 0; i < n; i++) if (nameKeys[i]) seen.set(nameKeys[i], (seen.get(nameKeys[i]) ?? 0) + 1);
  const share = new Float64Array(n);
  const duplicate = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    share[i] = total > 0 ? Math.max(0, revenue12m[i]) / total : NaN;
    duplicate[i] = nameKeys[i] && seen.get(nameKeys[i])! > 1 ? 1 : 0;
  }
  return { share, duplicate };
}
