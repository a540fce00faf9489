// The indicator matrix of the open book: one column per indicator, one entry per customer
// position. Most indicators come from a customer's own events (see `shardFacts`); the
// book-wide ones are brought up to date here — revenue share, suspected duplicates (see
// domain/risk/duplicates.ts) and probability alive (from the lifetime models, fitted once per
// assessment day).

import type { ListTable } from '../../domain/query';
import { fitLifetime, probabilityAliveInto, type Lifetime } from '../../domain/lifetime/book';
import { indicatorIndex, INDICATOR_COUNT, INDICATORS } from '../../domain/risk/indicators';
import { DuplicateIndex } from '../../domain/risk/duplicates';
import { revenueShares } from '../../domain/risk/names';
import { grownTo } from './positions';

const SHARE = indicatorIndex('dependency.revenue_share');
const DUPLICATE = indicatorIndex('data.duplicate_suspected');
const ALIVE = indicatorIndex('churn.probability_alive');

export class Indicators {
  /** Indicator k of position i at values[k][i], in single precision as computed (see `shardFacts`). */
  values: Float32Array[] = INDICATORS.map(() => new Float32Array(0));
  /** The name keys behind the duplicate flags. */
  private readonly duplicates = new DuplicateIndex();
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
    if (names) this.duplicates.put(at, names, hashes);
  }

  /** Puts only the indicators `ks` (columns of `values`, in `ks` order) at positions `at`. */
  putSome(ks: readonly number[], values: Float32Array[], at: Int32Array): void {
    for (const k of ks) {
      const from = values[k], to = this.values[k];
      for (let i = 0; i < at.length; i++) to[at[i]] = from[i];
    }
  }

  /** Notes the names at positions `at` (the duplicate flags follow at the next `bookWide`). */
  putNames(at: Int32Array, names: readonly string[]): void {
    this.duplicates.put(at, names);
  }

  /** Per position: its name key (stored with the facts). */
  get nameKeys(): readonly number[] {
    return this.duplicates.keys;
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
    const turned = this.duplicates.flag(n, this.values[DUPLICATE], except);
    // The lifetime fit is made once per assessment day and kept.
    if (!this.lifetime || this.lifetime.day !== day) {
      this.lifetime = fitLifetime(table, day);
      this.lifetimeDirty = this.lifetime !== null;
    }
    probabilityAliveInto(this.values[ALIVE], table, this.lifetime, except);
    return turned;
  }
}
