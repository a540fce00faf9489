// The indicator matrix of the open book: one column per indicator, one entry per customer
// position. Most indicators come from a customer's own events (see `shardFacts`); the
// book-wide ones are brought up to date here — revenue share, suspected duplicates (by name
// key, counted incrementally after an edit) and probability alive (from the lifetime models,
// fitted once per assessment day).

import type { ListTable } from '../../domain/query';
import { fitLifetime, probabilityAliveInto, type Lifetime } from '../../domain/lifetime/book';
import { indicatorIndex, INDICATOR_COUNT, INDICATORS } from '../../domain/risk/indicators';
import { duplicateFlags, nameHash, revenueShares } from '../../domain/risk/names';
import { grownTo } from './positions';

const SHARE = indicatorIndex('dependency.revenue_share');
const DUPLICATE = indicatorIndex('data.duplicate_suspected');
const ALIVE = indicatorIndex('churn.probability_alive');

export class Indicators {
  /** Indicator k of position i at values[k][i], in single precision as computed (see `shardFacts`). */
  values: Float32Array[] = INDICATORS.map(() => new Float32Array(0));
  /** Per position: the name its key was made from, and the key (see `nameHash`). */
  private names: string[] = [];
  nameKeys: number[] = [];
  /** How many positions share each name key; keys whose count changed since the last `bookWide`. */
  private keyCount: Map<number, number> | null = null;
  private readonly changedKeys = new Set<number>();
  /** Set while a whole book is being put (opening): duplicates are then counted at once, by sorting. */
  private bulk = true;
  /** BG/NBD and Gamma-Gamma fitted on this book (null: not fitted yet, or nothing to fit). */
  lifetime: Lifetime | null = null;
  /** Set when `lifetime` was fitted afresh and should be stored (see the session's settle). */
  lifetimeDirty = false;

  grow(size: number): void {
    this.values = this.values.map((v) => grownTo(v, size, (n) => new Float32Array(n), NaN));
  }

  /** Writes a shard's indicators (from `shardFacts`) at positions `at`, with its names when they may have changed. */
  put(values: Float32Array[], at: Int32Array, names: readonly string[] | null, hashes?: ArrayLike<number>): void {
    for (let k = 0; k < INDICATOR_COUNT; k++) {
      // The book-wide ones are kept: `bookWide` brings them up to date.
      if (k === SHARE || k === DUPLICATE || k === ALIVE) continue;
      const from = values[k];
      const to = this.values[k];
      for (let i = 0; i < at.length; i++) to[at[i]] = from[i];
    }
    if (!names) return;
    for (let i = 0; i < at.length; i++) {
      const p = at[i];
      if (this.names[p] === names[i]) continue;
      this.names[p] = names[i];
      const before = this.nameKeys[p];
      const key = hashes ? hashes[i] : nameHash(names[i]);
      if (before === key) continue;
      // The counts are taken before the key changes (else the new key would be counted twice).
      if (!this.bulk) this.counts();
      this.nameKeys[p] = key;
      if (this.bulk) continue;
      if (before) this.count(before, -1);
      if (key) this.count(key, 1);
    }
  }

  /** How many positions share each name key, counted once when the first edit needs it. */
  private counts(): Map<number, number> {
    if (!this.keyCount) {
      this.keyCount = new Map();
      for (const k of this.nameKeys) if (k) this.keyCount.set(k, (this.keyCount.get(k) ?? 0) + 1);
    }
    return this.keyCount;
  }

  private count(key: number, by: number): void {
    const counts = this.counts();
    counts.set(key, (counts.get(key) ?? 0) + by);
    this.changedKeys.add(key);
  }

  /**
   * Fills the book-wide indicators (revenue share, duplicates, probability alive) of every
   * position, as of day number `day`; returns the positions outside `except` whose duplicate
   * flag changed.
   */
  bookWide(table: ListTable, except: ArrayLike<number> | null, day: number): number[] {
    const n = table.n;
    // After an edit only the edited shard's shares are brought up to date (`except`); the
    // others move by a rounding error and follow at the next full rescore.
    revenueShares(table.revenue12m, n, this.values[SHARE], except);
    // Duplicates: only the positions whose name key gained or lost a twin can change.
    const duplicate = this.values[DUPLICATE];
    const turned: number[] = [];
    if (this.bulk) {
      duplicateFlags(this.nameKeys, n, duplicate);
      this.bulk = false;
    } else if (this.changedKeys.size) {
      const skip = new Set(except ? Array.from(except) : []);
      for (let i = 0; i < n; i++) {
        const key = this.nameKeys[i];
        if (!key || !this.changedKeys.has(key)) {
          if (Number.isNaN(duplicate[i])) duplicate[i] = 0;
          continue;
        }
        // A key that changed: its count says whether the customer has a twin now.
        const flag = this.keyCount!.get(key)! > 1 ? 1 : 0;
        if (duplicate[i] !== flag && !Number.isNaN(duplicate[i]) && !skip.has(i)) turned.push(i);
        duplicate[i] = flag;
      }
      this.changedKeys.clear();
    }
    // The lifetime fit is made once per assessment day and kept.
    if (!this.lifetime || this.lifetime.day !== day) {
      this.lifetime = fitLifetime(table, day);
      this.lifetimeDirty = this.lifetime !== null;
    }
    probabilityAliveInto(this.values[ALIVE], table, this.lifetime, except);
    return turned;
  }
}
