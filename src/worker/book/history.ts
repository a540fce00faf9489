// The score history of the open book: per shard, the kept snapshots as columns (see
// `HistoryColumns`); per position, the last kept score and the one kept before the
// assessment day (the base of the trend). A snapshot is kept when DESIGN §4 says one is due.

import { isoFromDay, NO_DAY } from '../../domain/dates';
import type { ListTable } from '../../domain/query';
import { GRADES, type Grade } from '../../domain/risk/model';
import type { Scores } from '../../domain/risk/score';
import { emptyHistory, needsSnapshot, type HistoryColumns } from '../../domain/risk/snapshots';
import { grownTo } from './positions';

/**
 * The position of each of a shard's history ids (−1 for one no longer in the book). History
 * ids were first kept in the shard's own order, so usually a match without a map.
 */
export function historyPositions(h: HistoryColumns, ids: readonly string[], at: Int32Array): Int32Array {
  let map: Map<string, number> | null = null;
  const out = new Int32Array(h.ids.length);
  for (let code = 0; code < out.length; code++) {
    const id = h.ids[code];
    if (ids[code] === id) out[code] = at[code];
    else out[code] = (map ??= new Map(ids.map((x, i) => [x, at[i]]))).get(id) ?? -1;
  }
  return out;
}

export class ScoreHistory {
  history: HistoryColumns[] = [];
  /** Shards whose history gained entries since the last save. */
  readonly historyDirty = new Set<number>();
  /** Per position: the last kept snapshot. */
  private last = { day: new Int32Array(0), score: new Float32Array(0), grade: new Uint8Array(0) };
  /** Per position: the last snapshot kept before the assessment day (NaN / −1 without one). */
  base = new Float32Array(0);
  baseGrade = new Int8Array(0);
  private readonly codes = new Map<number, Map<string, number>>();

  grow(size: number): void {
    this.last = {
      day: grownTo(this.last.day, size, (n) => new Int32Array(n), NO_DAY),
      score: grownTo(this.last.score, size, (n) => new Float32Array(n), NaN),
      grade: grownTo(this.last.grade, size, (n) => new Uint8Array(n)),
    };
    this.base = grownTo(this.base, size, (n) => new Float32Array(n), NaN);
    this.baseGrade = grownTo(this.baseGrade, size, (n) => new Int8Array(n), -1);
  }

  /**
   * Loads one shard's history: the last kept score per customer and the base of its trend
   * (the last one kept before `today`). `positions[code]` is the position of the shard's
   * history id `code` (−1 when not in the book). Returns the alert-condition bits by position.
   */
  load(no: number, h: HistoryColumns, positions: Int32Array, today: number): void {
    this.history[no] = h;
    this.codes.delete(no);
    // Entries are oldest first: the last one is the last kept score, the last before today the trend's base.
    for (let e = 0; e < h.cust.length; e++) {
      const p = positions[h.cust[e]];
      if (p < 0) continue;
      if (h.day[e] < today) {
        this.base[p] = h.score[e];
        this.baseGrade[p] = h.grade[e];
      }
      this.last.day[p] = h.day[e];
      this.last.score[p] = h.score[e];
      this.last.grade[p] = h.grade[e];
    }
  }

  /** Keeps a snapshot of every position in `positions` (null: all) that needs one (DESIGN §4); returns how many. */
  snapshot(table: ListTable, shardOf: (i: number) => number, today: number, positions: ArrayLike<number> | null, scores: Scores, revision: number): number {
    let kept = 0;
    const { overall, grade } = scores;
    const last = this.last;
    const count = positions ? positions.length : table.n;
    for (let j = 0; j < count; j++) {
      const i = positions ? positions[j] : j;
      const score = overall[i];
      // The trend's base is the last snapshot kept before the assessment day, as a reopened book reads it.
      if (last.day[i] !== NO_DAY && last.day[i] < today) {
        this.base[i] = last.score[i];
        this.baseGrade[i] = last.grade[i];
      }
      if (!needsSnapshot(last.day[i], last.score[i], last.grade[i], today, score, grade[i])) continue;
      const { h, code } = this.entry(shardOf(i), table.id[i]);
      h.cust.push(code);
      h.day.push(today);
      // Kept to a tenth of a point; the trend's base in memory is what a reopened book reads back.
      const tenth = Math.round(score * 10) / 10;
      h.score.push(tenth);
      h.grade.push(grade[i]);
      h.revision.push(revision);
      last.day[i] = today;
      last.score[i] = tenth;
      last.grade[i] = grade[i];
      this.historyDirty.add(shardOf(i));
      kept++;
    }
    return kept;
  }

  /** Keeps a customer's alert-condition bits with its shard's history. */
  noteCondition(no: number, id: string, mask: number): void {
    const { h, code } = this.entry(no, id);
    h.cond[code] = mask;
    this.historyDirty.add(no);
  }

  /** A customer's code in its shard's history (added when new). */
  private entry(no: number, id: string): { h: HistoryColumns; code: number } {
    const h = (this.history[no] ??= emptyHistory());
    let codes = this.codes.get(no);
    if (!codes) this.codes.set(no, (codes = new Map(h.ids.map((x, c) => [x, c]))));
    let code = codes.get(id);
    if (code === undefined) codes.set(id, (code = h.ids.push(id) - 1));
    return { h, code };
  }

  /** The grade (its index in GRADES) of each customer of shard `no` on day `day`: its last snapshot kept on or before it. */
  gradesOn(no: number, day: number): Map<string, number> {
    const h = this.history[no], out = new Map<string, number>();
    // Entries are oldest first: a later one on or before the day replaces an earlier.
    if (h) for (let e = 0; e < h.cust.length; e++) if (h.day[e] <= day) out.set(h.ids[h.cust[e]], h.grade[e]);
    return out;
  }

  /** The kept scores of one customer, oldest first. */
  of(no: number, id: string): { date: string; score: number; grade: Grade; revision: number }[] {
    const h = this.history[no];
    const code = h?.ids.indexOf(id) ?? -1;
    if (code < 0) return [];
    const out = [];
    for (let e = 0; e < h.cust.length; e++) {
      if (h.cust[e] === code) out.push({ date: isoFromDay(h.day[e]), score: h.score[e], grade: GRADES[h.grade[e]], revision: h.revision[e] });
    }
    return out;
  }
}
