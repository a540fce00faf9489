// The risk side of the open book: the indicator matrix, the scores under the live model with
// overrides on top, the score history and the alert watch, over the customer positions of the
// list table. Indicators depend on the data and the day only, so a model change re-scores from
// the matrix without touching an event; an edit recomputes one shard.

import type { ListTable } from '../../domain/query';
import type { Lifetime } from '../../domain/lifetime/book';
import { DIMENSIONS, INDICATORS, type IndicatorId } from '../../domain/risk/indicators';
import { DEFAULT_MODEL, GRADES, type Grade, type RiskModel } from '../../domain/risk/model';
import { emptyScores, scoreAt, scoreRange, type Scores } from '../../domain/risk/score';
import { explain, type Explanation } from '../../domain/risk/explain';
import { customColumn } from '../../domain/custom-fields';
import { activeOverride, type HistoryColumns, type Override } from '../../domain/risk/snapshots';
import { AlertWatch } from './alert-watch';
import { ScoreHistory } from './history';
import { Indicators } from './indicators';
import { grownTo } from './positions';
import type { StoredFacts } from '../../storage/schema';

export type { HistoryColumns, Lifetime };

/** What the workspace keeps about risk besides its data. */
export interface RiskRecords {
  /** The lifetime fit stored for a day (used when it is the assessment day's). */
  lifetime?: Lifetime;
  /** Stored facts by shard number, used where they match the shard and the day. */
  facts?: (StoredFacts | undefined)[];
  model?: RiskModel;
  overrides?: Override[];
  /** Score history by shard number. */
  history?: (HistoryColumns | undefined)[];
  /** The analysis date the user chose; absent: today. */
  asOf?: string;
}

/** A score's move since the trend's base (NaN without either). */
const trendOf = (score: number, base: number): number => (base !== base || score !== score ? NaN : score - base);

export class RiskState {
  readonly indicators = new Indicators();
  readonly scoreHistory = new ScoreHistory();
  readonly watch = new AlertWatch();
  scores: Scores = emptyScores(0);
  overrides = new Map<string, Override>();
  /** Per dimension 1 when the book holds the records it is measured from (set by the book before scoring). */
  present: Uint8Array = new Uint8Array(DIMENSIONS.length).fill(1);

  /** The published model while a draft is tried (see `tryModel`). */
  private trial: { live: RiskModel } | null = null;

  constructor(public model: RiskModel = DEFAULT_MODEL) {}

  get trying(): boolean {
    return this.trial !== null;
  }

  /** Makes `model` the live one (a draft being tried is dropped). */
  publish(model: RiskModel): void {
    this.trial = null;
    this.model = model;
  }

  /**
   * A trainer's what-if: the book is scored under `draft` (null: back to the published model)
   * until it is dropped; while it is tried nothing is kept — no snapshot, no alert, nothing written.
   */
  tryModel(draft: RiskModel | null): void {
    if (draft) {
      this.trial ??= { live: this.model };
      this.model = draft;
    } else if (this.trial) {
      this.model = this.trial.live;
      this.trial = null;
    }
  }

  /* What the session and the handlers read of the parts. */
  get values(): Float32Array[] {
    return this.indicators.values;
  }
  get nameKeys(): readonly number[] {
    return this.indicators.nameKeys;
  }
  get lifetime(): Lifetime | null {
    return this.indicators.lifetime;
  }
  set lifetime(fit: Lifetime | null) {
    this.indicators.lifetime = fit;
  }
  get lifetimeDirty(): boolean {
    return this.indicators.lifetimeDirty;
  }
  set lifetimeDirty(dirty: boolean) {
    this.indicators.lifetimeDirty = dirty;
  }
  get history(): HistoryColumns[] {
    return this.scoreHistory.history;
  }
  get historyDirty(): Set<number> {
    return this.scoreHistory.historyDirty;
  }
  get firings() {
    return this.watch.firings;
  }
  set firings(f) {
    this.watch.firings = f;
  }

  /** Grows every per-position column of the risk side to `size` (called by `Positions.reserve`). */
  grow(size: number): void {
    this.indicators.grow(size);
    const s = this.scores;
    this.scores = {
      n: size,
      overall: grownTo(s.overall, size, (n) => new Float32Array(n), NaN),
      dims: grownTo(s.dims, size * DIMENSIONS.length, (n) => new Float32Array(n), NaN),
      grade: grownTo(s.grade, size, (n) => new Uint8Array(n)),
      insufficient: grownTo(s.insufficient, size, (n) => new Uint8Array(n)),
    };
    this.scoreHistory.grow(size);
    this.watch.grow(size);
  }

  /** Scores every position (or those given) under the live model; writes score, grade and trend into the table. */
  score(table: ListTable, todayIso: string, positions?: ArrayLike<number>): void {
    this.table = table;
    const values = this.valuesUnder(this.model);
    if (positions) scoreAt(values, this.model, this.scores, positions, this.present);
    else scoreRange(values, this.model, this.scores, 0, table.n, this.present);
    const { overall, insufficient, grade } = this.scores;
    const base = this.scoreHistory.base;
    const overridden = this.overrides.size > 0;
    const write = (i: number) => {
      const s = overall[i];
      table.score[i] = s;
      const computed = s !== s || insufficient[i] ? 'insufficient' : GRADES[grade[i]];
      table.computedGrade[i] = computed;
      table.grade[i] = (overridden && activeOverride(this.overrides.get(table.id[i]), todayIso)?.grade) || computed;
      table.trend[i] = trendOf(s, base[i]);
    };
    if (positions) for (let j = 0; j < positions.length; j++) write(positions[j]);
    else for (let i = 0; i < table.n; i++) write(i);
  }

  /** After scoring: the snapshots due and the alert rules' firings for every position (or those given); returns how many snapshots were kept. */
  keep(table: ListTable, shardOf: (i: number) => number, day: number, positions: ArrayLike<number> | null): number {
    const kept = this.scoreHistory.snapshot(table, shardOf, day, positions, this.scores, this.model.revision);
    // A new assessment day moves the trend's base to the last snapshot before it: the trend follows.
    const { overall } = this.scores, base = this.scoreHistory.base;
    const count = positions ? positions.length : table.n;
    for (let j = 0; j < count; j++) {
      const i = positions ? positions[j] : j;
      table.trend[i] = trendOf(overall[i], base[i]);
    }
    this.watch.evaluate(table, shardOf, positions, this.scores, this.indicators.values, this.scoreHistory, (this.trial?.live ?? this.model).alerts);
    return kept;
  }

  /** The kept scores of one customer, oldest first. */
  historyOf(no: number, id: string): { date: string; score: number; grade: Grade; revision: number }[] {
    return this.scoreHistory.of(no, id);
  }

  /** One customer's score with its reasons under `model` (the live one unless a draft is given). */
  explain(i: number, model: RiskModel = this.model): Explanation & { values: Record<IndicatorId, number> } {
    const values = [...INDICATORS.map((_, k) => this.indicators.values[k][i]), ...(model.custom ?? []).map((c) => customColumn([this.table?.custom[i] ?? ''], 1, c.field)[0])];
    return { ...explain(values, model, this.present), values: Object.fromEntries(INDICATORS.map((d, k) => [d.id, values[k]])) as Record<IndicatorId, number> };
  }

  /** Scores of every position under another model (a draft), without changing anything. */
  scoresUnder(model: RiskModel, n: number): Scores {
    const out = emptyScores(n);
    scoreRange(this.valuesUnder(model), model, out, 0, n, this.present);
    return out;
  }

  /** The list table last scored (its custom values feed the model's custom indicators). */
  private table: ListTable | null = null;

  /** The indicator columns a model scores: the built-in ones, then a column per custom indicator (from the customers' own fields). */
  valuesUnder(model: RiskModel): Float32Array[] {
    const custom = model.custom;
    if (!custom?.length || !this.table) return this.indicators.values;
    const t = this.table;
    return [...this.indicators.values, ...custom.map((c) => customColumn(t.custom, t.n, c.field))];
  }
}
