// A new customer's id when the person adding it gives none: the book's own pattern continued
// (a prefix and zero-padded digits: "C000201" after "C000200", "K-13" after "K-12"), else
// "C" and six digits; never an id the book has, or one refused for another reason (an erased
// person's).

const PATTERN = /^(.*?)(\d+)$/;

export function nextCustomerId(ids: readonly string[], taken: (id: string) => boolean): string {
  // The most common prefix-and-width among the ids, and the largest number it has.
  const seen = new Map<string, { prefix: string; width: number; count: number; max: number }>();
  for (const id of ids) {
    const m = PATTERN.exec(id);
    if (!m) continue;
    // Zero-padded digits keep their width; others ("K-12") have none.
    const width = m[2].length > 1 && m[2][0] === '0' ? m[2].length : 0;
    const key = `${m[1]}\u0000${width}`;
    const n = Number(m[2]);
    const s = seen.get(key);
    if (s) (s.count++, (s.max = Math.max(s.max, n)));
    else seen.set(key, { prefix: m[1], width, count: 1, max: n });
  }
  let best = { prefix: 'C', width: 6, count: 0, max: ids.length };
  for (const s of seen.values()) if (s.count > best.count) best = s;
  for (let n = best.max + 1; ; n++) {
    const id = best.prefix + String(n).padStart(best.width, '0');
    if (!taken(id)) return id;
  }
}
