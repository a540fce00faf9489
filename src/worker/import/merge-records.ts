// A colleague's actions, reviews and audits in a merge: matched by id, the newer `updatedAt`
// wins (an action closed on one side and left open on the other is the newer edit, whichever it
// is); actions and reviews of theirs for customers the merged book will not hold are left out. What the merge added and the
// versions it replaced are kept with its batch, so that its undo takes them back.

import { isActionRecord, type Action } from '../../domain/respond/actions';
import { isReviewRecord, type Review } from '../../domain/respond/reviews';
import type { ImportRecord } from '../../domain/types';
import { isAuditRecord, type Audit } from '../../domain/audit/document';
import type { RespondWrite } from '../../storage/workspace-repo';
import type { Responses } from '../respond/responses';

type Keyed = { id: string; customerId?: string; updatedAt: number };

function take<T extends Keyed>(theirs: unknown[] | undefined, mine: ReadonlyMap<string, T>, ok: (r: Record<string, unknown>) => boolean, known: (customerId: string) => boolean) {
  const put: T[] = [], added: string[] = [], previous: T[] = [];
  for (const r of theirs ?? []) {
    if (!r || typeof r !== 'object' || !ok(r as Record<string, unknown>)) continue;
    const t = r as T;
    if (t.customerId !== undefined && !known(t.customerId)) continue;
    const m = mine.get(t.id);
    if (!m) (put.push(t), added.push(t.id));
    else if (t.updatedAt > m.updatedAt) (put.push(t), previous.push(m));
  }
  return { put, added, previous };
}

export interface MergedRecords {
  write: RespondWrite;
  record: NonNullable<ImportRecord['records']>;
  counts: { actions: number; reviews: number; audits: number };
}

/** `audits`: the book's own audits by id (they are not kept in memory). */
export function mergeRecords(stores: Record<string, unknown[]>, mine: Responses, known: (customerId: string) => boolean, audits: ReadonlyMap<string, Audit>): MergedRecords {
  const a = take<Action>(stores.actions, mine.actions, isActionRecord, known);
  const r = take<Review>(stores.reviews, mine.reviews, isReviewRecord, known);
  const d = take<Audit>(stores.audits, audits, isAuditRecord, known);
  return {
    write: { actions: a.put, reviews: r.put, audits: d.put },
    record: { added: { actions: a.added, reviews: r.added, audits: d.added }, previous: { actions: a.previous, reviews: r.previous, audits: d.previous } },
    counts: { actions: a.put.length, reviews: r.put.length, audits: d.put.length },
  };
}

/** What undoing a merge writes: its added records deleted, the ones it replaced put back. */
export function undoRecords(rec: ImportRecord['records']): RespondWrite {
  if (!rec) return {};
  return {
    deleteActions: rec.added.actions, deleteReviews: rec.added.reviews, deleteAudits: rec.added.audits ?? [],
    actions: rec.previous.actions as Action[], reviews: rec.previous.reviews as Review[], audits: (rec.previous.audits ?? []) as Audit[],
  };
}

/** Takes a write into the open book's responses. */
export function applyRecords(mine: Responses, w: RespondWrite): void {
  for (const id of w.deleteActions ?? []) mine.actions.delete(id);
  for (const id of w.deleteReviews ?? []) mine.reviews.delete(id);
  for (const x of w.actions ?? []) mine.actions.set(x.id, x);
  for (const x of w.reviews ?? []) mine.reviews.set(x.id, x);
}
