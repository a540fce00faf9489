// Suspected duplicates over a book's customer positions (the `data.duplicate_suspected`
// indicator): a customer is flagged when another has the same name key. The flags of a whole
// book are counted at once (by sorting); after an edit only the positions whose key gained or
// lost a twin are looked at again.

import { duplicateFlags, nameHash } from './names';

export class DuplicateIndex {
  /** Per position: the name its key was made from, and the key (see `nameHash`). */
  private names: string[] = [];
  readonly keys: number[] = [];
  /** How many positions share each key, counted when the first edit needs it; keys whose count changed since the last `flag`. */
  private keyCount: Map<number, number> | null = null;
  private readonly changed = new Set<number>();
  /** Until the first `flag`: the whole book is being put, and is counted at once. */
  private bulk = true;

  /** Notes the names at positions `at` (with their keys when known, else hashed here). */
  put(at: ArrayLike<number>, names: readonly string[], hashes?: ArrayLike<number>): void {
    for (let i = 0; i < at.length; i++) {
      const p = at[i];
      if (this.names[p] === names[i]) continue;
      this.names[p] = names[i];
      const before = this.keys[p];
      const key = hashes ? hashes[i] : nameHash(names[i]);
      if (before === key) continue;
      // The counts are taken before the key changes (else the new key would be counted twice).
      if (!this.bulk) this.counts();
      this.keys[p] = key;
      if (this.bulk) continue;
      if (before) this.count(before, -1);
      if (key) this.count(key, 1);
    }
  }

  /**
   * Brings the flags of positions 0…n−1 up to date in `flags` (1: a twin, 0: none); returns the
   * positions outside `except` whose flag turned (they need scoring again).
   */
  flag(n: number, flags: Float32Array, except: ArrayLike<number> | null): number[] {
    const turned: number[] = [];
    if (this.bulk) {
      duplicateFlags(this.keys, n, flags);
      this.bulk = false;
      return turned;
    }
    if (!this.changed.size) return turned;
    const skip = new Set(except ? Array.from(except) : []);
    for (let i = 0; i < n; i++) {
      const key = this.keys[i];
      if (!key || !this.changed.has(key)) {
        if (Number.isNaN(flags[i])) flags[i] = 0;
        continue;
      }
      // A key that changed: its count says whether the customer has a twin now.
      const flag = this.keyCount!.get(key)! > 1 ? 1 : 0;
      if (flags[i] !== flag && !Number.isNaN(flags[i]) && !skip.has(i)) turned.push(i);
      flags[i] = flag;
    }
    this.changed.clear();
    return turned;
  }

  private counts(): Map<number, number> {
    if (!this.keyCount) {
      this.keyCount = new Map();
      for (const k of this.keys) if (k) this.keyCount.set(k, (this.keyCount.get(k) ?? 0) + 1);
    }
    return this.keyCount;
  }

  private count(key: number, by: number): void {
    const counts = this.counts();
    counts.set(key, (counts.get(key) ?? 0) + by);
    this.changed.add(key);
  }
}
