// One customer's responses as its page shows them, and the playbooks proposed for its top reason.

import { runsOf } from '../../domain/respond/effect';
import { proposed, textIn, type Playbook } from '../../domain/respond/playbooks';
import { nextReviewDay, reviewState } from '../../domain/respond/reviews';
import { dayFromIso, isoFromDay, NO_DAY } from '../../domain/dates';
import type { Reason } from '../../domain/risk/explain';
import type { Tier } from '../../domain/types';
import type { Book } from '../book/book';
import type { CustomerResponses, Proposal, ReviewStatus } from '../contract';
import { withLater, type Responses } from './responses';

export const proposal = (p: Playbook, locale: string): Proposal => ({ id: p.id, name: textIn(p.name, locale), strategy: p.strategy, steps: p.steps.length });

/** The reason that leads a customer's grade, when a dimension does (none for a low, unscored or insufficient customer). */
export function leadingReason(book: Book, i: number): Reason | null {
  const row = book.rowAt(i);
  if (row.score === null || row.computedGrade === 'insufficient' || row.computedGrade === '') return null;
  const reason = book.risk.explain(i).reason;
  return reason.dimension ? reason : null;
}

/** The playbooks for a reason, best first. */
export function proposalsFor(r: Responses, reason: Reason | null, locale: string): Proposal[] {
  return reason?.dimension ? proposed(r.playbooks, reason.dimension, reason.indicator ?? undefined).map((p) => proposal(p, locale)) : [];
}

/** The day a customer counts from for its first review: its `since` (a day number, NO_DAY when none), else its first order. */
export function firstSeenDay(book: Book, i: number, sinceDay: number): number {
  if (sinceDay !== NO_DAY) return sinceDay;
  const weeks = book.list.weeksSinceFirst[i];
  return weeks > 0 ? book.asOfDayNumber - Math.round(weeks * 7) : NO_DAY;
}

export function reviewStatus(r: Responses, book: Book, id: string): ReviewStatus {
  const i = book.positionOf(id);
  const customer = book.customer(id);
  const last = r.reviewsOf(id)[0] ?? null;
  if (i === undefined || !customer) return { last, due: null, state: null };
  const day = nextReviewDay(last ? dayFromIso(last.date) : NO_DAY, firstSeenDay(book, i, customer.since ? dayFromIso(customer.since) : NO_DAY), customer.tier as Tier, r.cadence);
  const due = day === NO_DAY ? book.asOf : isoFromDay(day);
  return { last, due, state: reviewState(due, book.asOf) };
}

export function customerResponses(r: Responses, book: Book, id: string): CustomerResponses | null {
  const i = book.positionOf(id);
  if (i === undefined) return null;
  const actions = withLater(book, r.actionsOf(id));
  const reason = leadingReason(book, i);
  return { actions, runs: runsOf(actions), reviews: r.reviewsOf(id).slice(0, 20), review: reviewStatus(r, book, id), proposals: proposalsFor(r, reason, book.locale), reason };
}
