// Whether a response worked (DESIGN §4: "an action's effect is judged by the score before and
// after"): a run of a playbook — the actions started together — is judged by the customer's
// grade when it started against the grade when its last action closed, and thirty days later.

import type { GradeLabel } from '../query';
import type { Action, EffectPoint } from './actions';

const RANK: Record<string, number> = { low: 0, medium: 1, high: 2, critical: 3 };

export type Verdict = 'better' | 'same' | 'worse';

/** Better when the grade fell (or, at the same grade, the score fell by 5 points or more); unknown when either is not graded. */
export function verdict(before: EffectPoint | null | undefined, after: EffectPoint | null | undefined): Verdict | null {
  if (!before || !after) return null;
  const a = RANK[before.grade as GradeLabel], b = RANK[after.grade as GradeLabel];
  if (a === undefined || b === undefined) return null;
  if (b !== a) return b < a ? 'better' : 'worse';
  if (before.score !== null && after.score !== null && Math.abs(after.score - before.score) >= 5) return after.score < before.score ? 'better' : 'worse';
  return 'same';
}

/** One start of a playbook (or one action on its own), with what it did. */
export interface RunEffect {
  run: string;
  customerId: string;
  playbookId: string | null;
  actions: number;
  open: number;
  before: EffectPoint | null;
  /** When its last action closed, and thirty days after (null until then). */
  atClose: EffectPoint | null;
  later: EffectPoint | null;
  verdictAtClose: Verdict | null;
  verdictLater: Verdict | null;
}

/** The actions grouped by run, each with its effect. */
export function runsOf(actions: readonly Action[]): RunEffect[] {
  const byRun = new Map<string, Action[]>();
  for (const a of actions) {
    const key = a.run ?? a.id;
    const list = byRun.get(key);
    if (list) list.push(a);
    else byRun.set(key, [a]);
  }
  return [...byRun.entries()].map(([run, list]) => {
    const first = list.reduce((x, y) => (y.createdAt < x.createdAt ? y : x));
    const open = list.filter((a) => a.status === 'open').length;
    const last = open ? null : list.reduce((x, y) => ((y.closed ?? '') > (x.closed ?? '') ? y : x));
    const atClose = last?.after ?? null;
    const later = last?.later ?? null;
    return {
      run, customerId: first.customerId, playbookId: first.playbookId ?? null, actions: list.length, open, before: first.before, atClose, later,
      verdictAtClose: verdict(first.before, atClose), verdictLater: verdict(first.before, later),
    };
  });
}

/** A playbook's record: how many times it was started, finished, and followed by a better grade (thirty days after it finished, else at its finish). */
export interface PlaybookRecord {
  started: number;
  finished: number;
  judged: number;
  better: number;
  same: number;
  worse: number;
}

export function playbookRecord(runs: readonly RunEffect[]): PlaybookRecord {
  const r: PlaybookRecord = { started: runs.length, finished: 0, judged: 0, better: 0, same: 0, worse: 0 };
  for (const run of runs) {
    if (run.open) continue;
    r.finished++;
    const v = run.verdictLater ?? run.verdictAtClose;
    if (!v) continue;
    r.judged++;
    r[v]++;
  }
  return r;
}
