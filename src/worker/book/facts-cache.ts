// The facts cache: what each shard's events come to on one day (its figures and indicators),
// stored so that opening a book the same day reads them instead of recomputing them from a
// million events. Stored facts are used only for the very revision of the shard, the same day
// and the exact list of indicators and figures they were computed for (a fingerprint of their
// ids and the facts format, checked on read): adding an indicator needs no hand-bumped number.

import { FIGURE_KEYS, type FigureColumns } from '../../domain/figures';
import { INDICATORS } from '../../domain/risk/indicators';
import { hashString } from '../../domain/random';
import type { ListTable } from '../../domain/query';
import { FACTS_FORMAT, type StoredFacts } from '../../storage/schema';

/** The fingerprint of the facts as this build computes them: the format, the indicator ids and the figure keys, in order. */
export const FACTS_FINGERPRINT = hashString(`${FACTS_FORMAT}|${INDICATORS.map((d) => d.id).join(',')}|${FIGURE_KEYS.join(',')}`);

const stamp = (rev: number | undefined, day: number) => `${rev ?? 0}:${day}`;

export class FactsCache {
  /** The shards whose stored facts are missing or stale (the session's settle stores them). */
  readonly dirty = new Set<number>();
  /** Per shard: the revision and day of the facts on disk. */
  private readonly stamps: string[] = [];
  private readonly saved: (StoredFacts | undefined)[];

  constructor(saved: readonly (StoredFacts | undefined)[] = []) {
    this.saved = [...saved];
  }

  /**
   * The stored facts of a shard when they are valid for revision `rev`, day `day` and `n`
   * customers (used once: they are then in memory); null when they must be computed.
   */
  take(no: number, rev: number | undefined, day: number, n: number): StoredFacts | null {
    const stored = this.saved[no];
    this.saved[no] = undefined;
    const valid = !!stored && stored.rev === (rev ?? 0) && stored.day === day && stored.format === FACTS_FINGERPRINT && stored.nameHash.length === n && stored.values.length === INDICATORS.length;
    if (valid) this.stamps[no] = stamp(rev, day);
    else this.dirty.add(no);
    return valid ? stored : null;
  }

  /** A shard's facts were computed afresh for revision `rev` on `day`: stored again unless the disk has them. */
  computed(no: number, rev: number | undefined, day: number): void {
    if (this.stamps[no] !== stamp(rev, day)) this.dirty.add(no);
  }

  /** Notes that `facts` were stored. */
  stored(facts: StoredFacts): void {
    this.stamps[facts.no] = stamp(facts.rev, facts.day);
  }
}

/** A shard's facts as they stand in memory (at positions `at`), to be stored for the next open. */
export function gatherFacts(no: number, rev: number, day: number, at: Int32Array, values: readonly Float32Array[], table: ListTable, nameKeys: readonly number[]): StoredFacts {
  const gather = <T extends Float32Array | Float64Array>(from: ArrayLike<number>, make: (n: number) => T): T => {
    const out = make(at.length);
    for (let i = 0; i < at.length; i++) out[i] = from[at[i]];
    return out;
  };
  const f64 = (from: ArrayLike<number>) => gather(from, (n) => new Float64Array(n));
  return {
    no, rev, day, format: FACTS_FINGERPRINT,
    values: values.map((v) => gather(v, (n) => new Float32Array(n))),
    figures: Object.fromEntries(FIGURE_KEYS.map((k) => [k, f64(table[k])])) as unknown as FigureColumns,
    nameHash: f64(nameKeys),
  };
}
