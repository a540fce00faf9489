// The risk model: read it, try a draft on the list, preview who a draft would regrade,
// publish a new revision, and read or write a model file.

import { parseModel, type ModelProblem, type RiskModel } from '../../domain/risk/model';
import { GRADE_LABELS } from '../../domain/risk/overview';
import type { GradeLabel } from '../../domain/query';
import { writeModel } from '../../storage/workspace-repo';
import type { ModelPreview, Result } from '../contract';
import type { OpenBook } from '../session/open-book';
import { fail, free, ok, read, write } from './wrap';

function labelOf(overall: number, insufficient: number, grade: number): GradeLabel {
  return Number.isNaN(overall) || insufficient ? 'insufficient' : GRADE_LABELS[grade];
}

/** A model problem as a failure: its code, and what it names (an indicator, a version). */
function refused(problem: ModelProblem): Result<never> {
  return fail('invalid', { detail: problem.code, issues: [{ code: problem.code, params: { detail: 'detail' in problem ? problem.detail : '' } }] });
}

const published = (o: OpenBook) => o.models[o.models.length - 1] ?? o.book.risk.model;

export const model = {
  getModel: read(async (o, _: Record<string, never> = {}) => {
    const live = published(o);
    return ok({ model: o.book.trying ? live : o.book.risk.model, published: o.models.map((m) => ({ revision: m.revision, name: m.name })), trying: o.book.trying });
  }),

  /** Scores the book under a draft without keeping anything (null: the published model again). */
  tryModel: read(async (o, { draft }: { draft: RiskModel | null }) => {
    if (draft) {
      const checked = parseModel(draft);
      if (!checked.ok) return refused(checked.problem);
      o.book.tryModel(checked.model);
    } else o.book.tryModel(null);
    return ok({ trying: o.book.trying });
  }),

  /** Who would change grade under `draft`, against the published model; nothing changes. */
  previewModel: read(async (o, { draft }: { draft: RiskModel }) => {
    const checked = parseModel(draft);
    if (!checked.ok) return refused(checked.problem);
    const { book } = o;
    const n = book.customerCount;
    // Against the published model, also while a draft is being tried on the list.
    const live = book.trying ? book.risk.scoresUnder(published(o), n) : book.risk.scores;
    const next = book.risk.scoresUnder(checked.model, n);
    const matrix = GRADE_LABELS.map(() => GRADE_LABELS.map(() => 0));
    const moved: { i: number; from: GradeLabel; to: GradeLabel; delta: number }[] = [];
    for (let i = 0; i < n; i++) {
      const from = labelOf(live.overall[i], live.insufficient[i], live.grade[i]);
      const to = labelOf(next.overall[i], next.insufficient[i], next.grade[i]);
      matrix[GRADE_LABELS.indexOf(from)][GRADE_LABELS.indexOf(to)]++;
      if (from !== to) moved.push({ i, from, to, delta: Math.abs((next.overall[i] || 0) - (live.overall[i] || 0)) });
    }
    moved.sort((a, b) => b.delta - a.delta);
    const t = book.list;
    const num = (x: number) => (Number.isNaN(x) ? null : Math.round(x * 10) / 10);
    const value: ModelPreview = {
      moved: moved.slice(0, 200).map(({ i, from, to }) => ({ id: t.id[i], name: t.name[i], from, to, before: num(live.overall[i]), after: num(next.overall[i]) })),
      movedTotal: moved.length,
      matrix,
    };
    return ok(value);
  }),

  /** Makes `draft` the live model as a new revision, and rescores the book. */
  publishModel: write(async (o, { draft }: { draft: RiskModel }) => {
    const checked = parseModel(draft);
    if (!checked.ok) return refused(checked.problem);
    const next = { ...checked.model, revision: Math.max(...o.models.map((m) => m.revision)) + 1 };
    const models = [...o.models, next];
    await writeModel(o.db, next, models, o.belief);
    o.models = models;
    const snapshots = o.book.setModel(next);
    return ok({ revision: next.revision, snapshots });
  }, { settle: 'after' }),

  /** A model file's text → a draft, or the reason it is refused. */
  readModelFile: free(async ({ text }: { text: string }) => {
    const parsed = parseModel(text);
    return parsed.ok ? ok(parsed.model) : refused(parsed.problem);
  }),

  /** The live model as a file's text. */
  exportModel: read(async (o, _: Record<string, never> = {}) => ok(JSON.stringify(o.book.risk.model, null, 2))),
};
