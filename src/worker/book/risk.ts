// The risk side of the open book: the indicator matrix (one column per indicator, one entry
// per customer position of the list table), the scores under the live model, overrides and
// the score history. Indicators depend on the data and the day only, so a model change
// re-scores from the matrix without touching an event; an edit recomputes one shard.

import { isoFromDay, NO_DAY } from '../../domain/dates';
import type { ListTable } from '../../domain/query';
import { DIMENSIONS, indicatorIndex, INDICATOR_COUNT, INDICATORS, type IndicatorId } from '../../domain/risk/indicators';
import { duplicateFlags, nameHash, revenueShares } from '../../domain/risk/names';
import { DEFAULT_MODEL, GRADES, type Grade, type RiskModel } from '../../domain/risk/model';
import { emptyScores, explain, scoreAt, scoreRange, type Explanation, type Scores } from '../../domain/risk/score';
import { activeOverride, emptyHistory, needsSnapshot, type HistoryColumns, type Override } from '../../domain/risk/snapshots';
import { DEFAULT_RULES, inCondition, type AlertRule, type RuleInput } from '../../domain/risk/alerts';
import type { Tier } from '../../domain/types';
import { fitLifetime, probabilityAliveInto, type Lifetime } from '../../domain/lifetime/book';

export type { HistoryColumns, Lifetime };

const SHARE = indicatorIndex('dependency.revenue_share');
const DUPLICATE = indicatorIndex('data.duplicate_suspected');
const ALIVE = indicatorIndex('churn.probability_alive');


export class RiskState {
  /** Indicator k of position i at values[k][i], in single precision as computed (see `shardFacts`). */
  values: Float32Array[] = [];
  /** Per position: the name its key was made from, and the key (see `nameKey`). */
  private names: string[] = [];
  nameKeys: number[] = [];
  /** How many positions share each name key; keys whose count changed since the last `bookWide`. */
  private keyCount: Map<number, number> | null = null;
  private readonly changedKeys = new Set<number>();
  /** Set while a whole book is being put (opening): duplicates are then counted at once, by sorting. */
  private bulk = true;
  scores: Scores = emptyScores(0);
  /** Last kept snapshot per position, and the one kept before today (the trend's base). */
  private last = { day: new Int32Array(0), score: new Float32Array(0), grade: new Uint8Array(0) };
  private base = new Float32Array(0);
  private baseGrade = new Int8Array(0);
  /** Per position: the alert rules whose condition the customer was in at the last evaluation (one bit per slot). */
  private cond = new Uint8Array(0);
  /** Alert firings (a customer entering a rule's condition) not yet taken by the engine. */
  firings: { customerId: string; ruleId: string; score: number }[] = [];
  rules: AlertRule[] = DEFAULT_RULES;
  overrides = new Map<string, Override>();
  history: HistoryColumns[] = [];
  /** Shards whose history gained entries since the last save. */
  readonly historyDirty = new Set<number>();

  constructor(public model: RiskModel = DEFAULT_MODEL) {}

  /** Makes room for `capacity` positions, keeping what is there. */
  reserve(capacity: number): void {
    if (capacity <= this.scores.n && this.values.length) return;
    const size = Math.max(capacity, this.scores.n * 2, 16);
    const grow = <T extends Float64Array | Float32Array | Uint8Array | Int32Array | Int8Array>(a: T, make: (n: number) => T, fill?: number): T => {
      const b = make(size);
      if (fill !== undefined) b.fill(fill);
      b.set(a);
      return b;
    };
    this.values = INDICATORS.map((_, k) => grow(this.values[k] ?? new Float32Array(0), (n) => new Float32Array(n), NaN));
    const s = this.scores;
    this.scores = {
      n: size,
      overall: grow(s.overall, (n) => new Float32Array(n), NaN),
      dims: grow(s.dims, (n) => new Float32Array(n * DIMENSIONS.length), NaN),
      grade: grow(s.grade, (n) => new Uint8Array(n)),
      insufficient: grow(s.insufficient, (n) => new Uint8Array(n)),
    };
    this.last = {
      day: grow(this.last.day, (n) => new Int32Array(n), NO_DAY),
      score: grow(this.last.score, (n) => new Float32Array(n), NaN),
      grade: grow(this.last.grade, (n) => new Uint8Array(n)),
    };
    this.base = grow(this.base, (n) => new Float32Array(n), NaN);
    this.baseGrade = grow(this.baseGrade, (n) => new Int8Array(n), -1);
    this.cond = grow(this.cond, (n) => new Uint8Array(n));
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
   * Fills the book-wide indicators (revenue share, duplicates) of every position; returns the
   * positions outside `except` whose duplicate flag changed.
   */
  bookWide(table: ListTable, except: ArrayLike<number> | null = null): number[] {
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
    this.alive(table, except);
    return turned;
  }

  /** BG/NBD and Gamma-Gamma fitted on this book (null: not fitted yet, or nothing to fit). */
  lifetime: Lifetime | null = null;
  /** Set when `lifetime` was fitted afresh and should be stored (see the engine's settle). */
  lifetimeDirty = false;
  /** The day the book is assessed on: the lifetime fit is made once per day and kept. */
  day = 0;

  /** Probability alive for every position (or those given), fitting the lifetime models first if today has no fit. */
  private alive(table: ListTable, positions: ArrayLike<number> | null): void {
    if (!this.lifetime || this.lifetime.day !== this.day) {
      this.lifetime = fitLifetime(table, this.day);
      this.lifetimeDirty = this.lifetime !== null;
    }
    probabilityAliveInto(this.values[ALIVE], table, this.lifetime, positions);
  }

  /** Scores every position (or those given) under the live model; writes score, grade and trend into the table. */
  score(table: ListTable, todayIso: string, positions?: ArrayLike<number>): void {
    if (positions) scoreAt(this.values, this.model, this.scores, positions);
    else scoreRange(this.values, this.model, this.scores, 0, table.n);
    const { overall, insufficient, grade } = this.scores;
    const base = this.base;
    const overridden = this.overrides.size > 0;
    const write = (i: number) => {
      const s = overall[i];
      table.score[i] = s;
      const computed = s !== s || insufficient[i] ? 'insufficient' : GRADES[grade[i]];
      table.computedGrade[i] = computed;
      table.grade[i] = (overridden && activeOverride(this.overrides.get(table.id[i]), todayIso)?.grade) || computed;
      table.trend[i] = base[i] !== base[i] || s !== s ? NaN : s - base[i];
    };
    if (positions) for (let j = 0; j < positions.length; j++) write(positions[j]);
    else for (let i = 0; i < table.n; i++) write(i);
  }

  /**
   * Loads one shard's history: the last kept score per customer and the base of its trend
   * (the last one kept before `today`). `positionOf` maps ids of the shard to positions.
   */
  loadHistory(no: number, h: HistoryColumns, positionOf: (id: string, code: number) => number | undefined, today: number): void {
    this.history[no] = h;
    this.codes.delete(no);
    const pos = h.ids.map((id, code) => positionOf(id, code) ?? -1);
    for (let code = 0; code < pos.length; code++) if (pos[code] >= 0) this.cond[pos[code]] = h.cond[code] ?? 0;
    // Entries are oldest first: the last one is the last kept score, the last before today the trend's base.
    for (let e = 0; e < h.cust.length; e++) {
      const p = pos[h.cust[e]];
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

  /** Keeps a snapshot of every position in `positions` that needs one (DESIGN §4); returns how many. */
  snapshot(table: ListTable, shardOf: (i: number) => number, today: number, positions: ArrayLike<number> | null): number {
    let kept = 0;
    const { overall, grade } = this.scores;
    const last = this.last;
    const count = positions ? positions.length : table.n;
    for (let j = 0; j < count; j++) {
      const i = positions ? positions[j] : j;
      const score = overall[i];
      if (!needsSnapshot(last.day[i], last.score[i], last.grade[i], today, score, grade[i])) continue;
      const no = shardOf(i);
      const h = (this.history[no] ??= emptyHistory());
      const codes = this.codesOf(no);
      let code = codes.get(table.id[i]);
      if (code === undefined) codes.set(table.id[i], (code = h.ids.push(table.id[i]) - 1));
      h.cust.push(code);
      h.day.push(today);
      h.score.push(Math.round(score * 10) / 10);
      h.grade.push(grade[i]);
      h.revision.push(this.model.revision);
      if (last.day[i] !== NO_DAY && last.day[i] < today) {
        this.base[i] = last.score[i];
        this.baseGrade[i] = last.grade[i];
      }
      last.day[i] = today;
      last.score[i] = score;
      last.grade[i] = grade[i];
      this.historyDirty.add(no);
      kept++;
    }
    return kept;
  }

  private readonly codes = new Map<number, Map<string, number>>();

  /** Customer id → code in a shard's history, built once per shard. */
  private codesOf(no: number): Map<string, number> {
    let m = this.codes.get(no);
    if (!m) this.codes.set(no, (m = new Map(this.history[no].ids.map((id, c) => [id, c]))));
    return m;
  }

  /**
   * Evaluates the alert rules for every position (or those given): a customer entering a
   * rule's condition is a firing (DESIGN §4); the condition bits are kept with the history.
   */
  evaluate(table: ListTable, shardOf: (i: number) => number, positions: ArrayLike<number> | null): void {
    const rules = this.rules.filter((r) => r.enabled);
    const { overall, grade, insufficient } = this.scores;
    let i = 0;
    const input: RuleInput = { tier: 'general', score: NaN, grade: -1, baseScore: NaN, baseGrade: -1, indicator: (id) => this.values[indicatorIndex(id)][i] };
    const count = positions ? positions.length : table.n;
    for (let j = 0; j < count; j++) {
      i = positions ? positions[j] : j;
      const scored = overall[i] === overall[i] && !insufficient[i];
      input.tier = table.tier[i] as Tier;
      input.score = scored ? overall[i] : NaN;
      input.grade = scored ? grade[i] : -1;
      input.baseScore = this.base[i];
      input.baseGrade = this.baseGrade[i];
      let mask = 0;
      for (const rule of rules) if (inCondition(rule, input)) mask |= 1 << rule.slot;
      const before = this.cond[i];
      if (mask === before) continue;
      const entered = mask & ~before;
      for (const rule of rules) if (entered & (1 << rule.slot)) this.firings.push({ customerId: table.id[i], ruleId: rule.id, score: Math.round(overall[i] * 10) / 10 });
      this.cond[i] = mask;
      const no = shardOf(i);
      const h = (this.history[no] ??= emptyHistory());
      const codes = this.codesOf(no);
      let code = codes.get(table.id[i]);
      if (code === undefined) codes.set(table.id[i], (code = h.ids.push(table.id[i]) - 1));
      h.cond[code] = mask;
      this.historyDirty.add(no);
    }
  }

  /** The kept scores of one customer, oldest first. */
  historyOf(no: number, id: string): { date: string; score: number; grade: Grade; revision: number }[] {
    const h = this.history[no];
    const code = h?.ids.indexOf(id) ?? -1;
    if (code < 0) return [];
    const out = [];
    for (let e = 0; e < h.cust.length; e++) {
      if (h.cust[e] === code) out.push({ date: isoFromDay(h.day[e]), score: h.score[e], grade: GRADES[h.grade[e]], revision: h.revision[e] });
    }
    return out;
  }

  /** One customer's score with its reasons under `model` (the live one unless a draft is given). */
  explain(i: number, model: RiskModel = this.model): Explanation & { values: Record<IndicatorId, number> } {
    const values = INDICATORS.map((_, k) => this.values[k][i]);
    return { ...explain(values, model), values: Object.fromEntries(INDICATORS.map((d, k) => [d.id, values[k]])) as Record<IndicatorId, number> };
  }

  /** Scores of every position under another model (a draft), without changing anything. */
  scoresUnder(model: RiskModel, n: number): Scores {
    const out = emptyScores(n);
    scoreRange(this.values, model, out, 0, n);
    return out;
  }
}
