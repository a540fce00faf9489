// The alert rules watched over the open book (DESIGN §4): per position, the rules whose
// condition the customer was in at the last evaluation; a customer entering a condition is a
// firing, which the session turns into an alert.

import type { ListTable } from '../../domain/query';
import { inCondition, ON_INDICATOR, thresholdFor, type AlertRule, type RuleInput } from '../../domain/risk/alerts';
import { indicatorIndex } from '../../domain/risk/indicators';
import type { Scores } from '../../domain/risk/score';
import type { Tier } from '../../domain/types';
import type { ScoreHistory } from './history';
import { grownTo } from './positions';

export interface Firing {
  customerId: string;
  ruleId: string;
  score: number;
  /** What fired: the indicator's value (or the score, or its jump) against the customer's threshold. */
  value: number;
  threshold: number;
}

export class AlertWatch {
  /** Per position: the rules' condition bits at the last evaluation (one bit per slot). */
  private cond = new Uint16Array(0);
  /** Firings not yet taken by the session. */
  firings: Firing[] = [];

  grow(size: number): void {
    this.cond = grownTo(this.cond, size, (n) => new Uint16Array(n));
  }

  /** Forgets every condition and firing: the next evaluation fires for every customer in a condition. */
  reset(): void {
    this.cond.fill(0);
    this.firings = [];
  }

  /** The condition bits stored with a shard's history, by the positions of its history ids. */
  load(cond: ArrayLike<number>, positions: Int32Array): void {
    for (let code = 0; code < positions.length; code++) if (positions[code] >= 0) this.cond[positions[code]] = cond[code] ?? 0;
  }

  /** Evaluates the rules for every position (or those given); changed condition bits are kept with the history. */
  evaluate(table: ListTable, shardOf: (i: number) => number, positions: ArrayLike<number> | null, scores: Scores, values: Float32Array[], history: ScoreHistory, all: readonly AlertRule[]): void {
    const rules = all.filter((r) => r.enabled);
    const { overall, grade, insufficient } = scores;
    let i = 0;
    const input: RuleInput = { tier: 'general', score: NaN, grade: -1, baseScore: NaN, baseGrade: -1, indicator: (id) => values[indicatorIndex(id)][i] };
    const count = positions ? positions.length : table.n;
    for (let j = 0; j < count; j++) {
      i = positions ? positions[j] : j;
      const scored = overall[i] === overall[i] && !insufficient[i];
      input.tier = table.tier[i] as Tier;
      input.score = scored ? overall[i] : NaN;
      input.grade = scored ? grade[i] : -1;
      input.baseScore = history.base[i];
      input.baseGrade = history.baseGrade[i];
      let mask = 0;
      for (const rule of rules) if (inCondition(rule, input)) mask |= 1 << rule.slot;
      const before = this.cond[i];
      if (mask === before) continue;
      const entered = mask & ~before;
      for (const rule of rules) {
        if (!(entered & (1 << rule.slot))) continue;
        const value = ON_INDICATOR.has(rule.kind) ? input.indicator(rule.indicator!) : rule.kind === 'jump' ? input.score - input.baseScore : rule.kind === 'worsened' ? input.grade : input.score;
        const threshold = rule.kind === 'worsened' ? input.baseGrade : thresholdFor(rule, input.tier) ?? NaN;
        this.firings.push({ customerId: table.id[i], ruleId: rule.id, score: round1(overall[i]), value: round(value), threshold });
      }
      this.cond[i] = mask;
      history.noteCondition(shardOf(i), table.id[i], mask);
    }
  }
}

const round1 = (x: number) => Math.round(x * 10) / 10;
/** Four significant digits: what a message shows. */
const round = (x: number) => (Number.isFinite(x) ? Number(x.toPrecision(4)) : x);
