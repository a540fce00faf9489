// The open book's responses in memory: its actions and reviews (a few thousand records at most,
// read whole at open), the playbooks and the review cadence, with the lookups the screens need.

import { addDays } from '../../domain/dates';
import { EFFECT_LATER_DAYS, type Action, type EffectPoint } from '../../domain/respond/actions';
import { DEFAULT_PLAYBOOKS, parsePlaybooks, playbooksDoc, type Playbook } from '../../domain/respond/playbooks';
import { cadenceIssues, DEFAULT_CADENCE, type Cadence, type Review } from '../../domain/respond/reviews';
import type { RespondRecords } from '../../storage/workspace-repo';
import type { Book } from '../book/book';

export class Responses {
  readonly actions = new Map<string, Action>();
  readonly reviews = new Map<string, Review>();
  playbooks: Playbook[] = DEFAULT_PLAYBOOKS;
  /** True while the book keeps the shipped playbooks (nothing stored). */
  shipped = true;
  cadence: Cadence = DEFAULT_CADENCE;

  static from(records: RespondRecords): Responses {
    const r = new Responses();
    for (const a of records.actions) r.actions.set(a.id, a);
    for (const v of records.reviews) r.reviews.set(v.id, v);
    const stored = records.playbooks === undefined ? null : parsePlaybooks(records.playbooks);
    if (stored?.ok) (r.playbooks = stored.playbooks), (r.shipped = false);
    const c = records.cadence as Record<string, unknown> | undefined;
    if (c && typeof c === 'object' && !cadenceIssues(c).length) r.cadence = c as Cadence;
    return r;
  }

  /** The playbooks as the book stores them (null: the shipped ones). */
  storedPlaybooks(): unknown {
    return this.shipped ? null : playbooksDoc(this.playbooks);
  }

  playbook(id: string | undefined): Playbook | undefined {
    return id ? this.playbooks.find((p) => p.id === id) : undefined;
  }

  /** A customer's actions: open ones by due date first, then the closed ones, latest first. */
  actionsOf(customerId: string): Action[] {
    const list = [...this.actions.values()].filter((a) => a.customerId === customerId);
    return list.sort((a, b) => (a.status === 'open') !== (b.status === 'open') ? (a.status === 'open' ? -1 : 1) : a.status === 'open' ? a.due.localeCompare(b.due) : (b.closed ?? '').localeCompare(a.closed ?? ''));
  }

  reviewsOf(customerId: string): Review[] {
    return [...this.reviews.values()].filter((r) => r.customerId === customerId).sort((a, b) => b.date.localeCompare(a.date) || b.createdAt - a.createdAt);
  }

  /** Each customer's latest review date. */
  lastReviews(): Map<string, string> {
    const last = new Map<string, string>();
    for (const r of this.reviews.values()) if ((last.get(r.customerId) ?? '') < r.date) last.set(r.customerId, r.date);
    return last;
  }
}

/** A customer's score and grade as the model computed them today (overrides aside: an action's effect is judged on the model's grade). */
export function pointOf(book: Book, customerId: string): EffectPoint | null {
  const row = book.rowOfCustomer(customerId);
  if (!row) return null;
  return { day: book.asOf, score: row.score === null ? null : Math.round(row.score * 10) / 10, grade: row.computedGrade };
}

/**
 * The effect thirty days after an action closed, read from the customer's kept scores: the last
 * snapshot up to that day (after the close), else the first one after it, else — once the book's
 * day has reached it — the score now. Null until then.
 */
export function laterPoint(book: Book, a: Action): EffectPoint | null {
  if (a.status === 'open' || !a.closed) return null;
  const target = addDays(a.closed, EFFECT_LATER_DAYS);
  if (book.asOf < target) return null;
  const history = book.risk.historyOf(book.shardNo(a.customerId), a.customerId);
  let found: (typeof history)[number] | undefined;
  for (const h of history) if (h.date > a.closed && h.date <= target) found = h;
  found ??= history.find((h) => h.date > target);
  if (found) return { day: found.date, score: Math.round(found.score * 10) / 10, grade: found.grade };
  return pointOf(book, a.customerId);
}

/** The actions with their later effect filled in where it is due. */
export function withLater(book: Book, actions: Action[]): Action[] {
  return actions.map((a) => (a.later || a.status === 'open' ? a : { ...a, later: laterPoint(book, a) }));
}
