// Row rules of an import (issue 15): rows a user's file holds that are not records for this
// book (a shop's cancellation lines, test accounts, subtotals) are skipped by a rule on a
// column: empty, starts with, equals, at most or at least a value. Each skip is counted per
// rule in the preview; the rules are remembered with the file's mapping.

import { parseNumber } from './cells';
import { halfWidth, parseDate } from './values';

export const RULE_OPS = ['empty', 'starts', 'equals', 'le', 'ge'] as const;
export type RuleOp = (typeof RULE_OPS)[number];

export interface RowRule {
  /** The file column (index). */
  column: number;
  op: RuleOp;
  /** The value compared with (unused by 'empty'). */
  value: string;
}

/** A value compared by ≤ and ≥: a number, else a date (as its ISO day), else the text. */
function comparable(s: string): number | string {
  const n = parseNumber(s);
  if (n.ok && n.value !== null) return n.value;
  const d = parseDate(s, 'dmy');
  return d.ok && d.value ? d.value : s;
}

/** A test of a row's cells per rule, compiled once per file. */
export type RuleTest = (cells: readonly string[]) => boolean;

export function compileRule(rule: RowRule): RuleTest {
  const at = rule.column;
  const value = halfWidth(rule.value);
  switch (rule.op) {
    case 'empty':
      return (cells) => !(cells[at] ?? '').trim();
    case 'starts': {
      const v = value.toLowerCase();
      return (cells) => !!v && halfWidth(cells[at] ?? '').toLowerCase().startsWith(v);
    }
    case 'equals': {
      const v = value.toLowerCase();
      return (cells) => halfWidth(cells[at] ?? '').toLowerCase() === v;
    }
    case 'le':
    case 'ge': {
      const limit = comparable(value);
      const le = rule.op === 'le';
      return (cells) => {
        const s = halfWidth(cells[at] ?? '');
        if (!s || !value) return false;
        const c = comparable(s);
        // A number is compared with a number, a date with a date: a mixed pair skips nothing.
        if (typeof c !== typeof limit) return false;
        return le ? c <= limit : c >= limit;
      };
    }
  }
}

/** The rules of a file, and how many rows each skipped (a row counts for the first rule it meets). */
export class RowRules {
  private readonly tests: RuleTest[];
  readonly skipped: number[];

  constructor(rules: readonly RowRule[]) {
    this.tests = rules.map(compileRule);
    this.skipped = rules.map(() => 0);
  }

  /** Whether a row is skipped (counted under the first rule that matches it). */
  skips(cells: readonly string[]): boolean {
    for (let k = 0; k < this.tests.length; k++) {
      if (this.tests[k](cells)) {
        this.skipped[k]++;
        return true;
      }
    }
    return false;
  }
}

/** Whether a rule is well formed for a file of `width` columns (a remembered or hand-made one may not be). */
export function validRule(r: unknown, width: number): r is RowRule {
  const x = r as RowRule;
  return !!x && Number.isInteger(x.column) && x.column >= 0 && x.column < width && (RULE_OPS as readonly string[]).includes(x.op) && typeof x.value === 'string' && x.value.length <= 200;
}
