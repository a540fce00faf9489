// The Today screen (the first screen on a phone): the customers that need attention now with
// the money at stake and the reason in words, then open and overdue actions, due reviews and
// overdue invoices — over the whole book, in the worker, cut to what a screen shows.

import { dayFromIso, isoFromDay, NO_DAY } from '../../domain/dates';
import { overdueInvoices, type OverdueInvoice } from '../../domain/respond/overdue';
import { DUE_AHEAD_DAYS, nextReviewDay, reviewState } from '../../domain/respond/reviews';
import { indicatorIndex } from '../../domain/risk/indicators';
import type { Tier } from '../../domain/types';
import type { Book } from '../book/book';
import type { TodayCustomer, TodayView } from '../contract';
import { firstSeenDay, leadingReason, proposalsFor } from './customer';
import type { Responses } from './responses';
import { revenueAtRisk } from './stake';

const RANK: Record<string, number> = { critical: 3, high: 2 };
const TIER_RANK: Record<string, number> = { key: 0, general: 1, potential: 2 };

export interface TodayOptions {
  /** Only this owner's customers and actions ("mine"). */
  owner?: string;
  limit?: number;
}

export function today(book: Book, r: Responses, liveAlerts: Iterable<{ customerId: string; status: string }>, { owner, limit = 10 }: TodayOptions = {}): Omit<TodayView, 'alertsPending'> {
  const t = book.list;
  const mine = (i: number) => !owner || t.owner[i] === owner;
  const atRisk = revenueAtRisk(book);
  const alertsBy = new Map<string, number>();
  for (const a of liveAlerts) alertsBy.set(a.customerId, (alertsBy.get(a.customerId) ?? 0) + 1);
  const openBy = new Map<string, number>();
  for (const a of r.actions.values()) if (a.status === 'open') openBy.set(a.customerId, (openBy.get(a.customerId) ?? 0) + 1);

  // Who needs attention: graded high or critical; the worst grade first, then the most money at stake.
  const urgent: number[] = [];
  for (let i = 0; i < t.n; i++) if (RANK[t.grade[i]] && mine(i)) urgent.push(i);
  const stake = (i: number) => t.overdueBalance[i] + atRisk[i];
  urgent.sort((a, b) => RANK[t.grade[b]] - RANK[t.grade[a]] || stake(b) - stake(a) || t.score[b] - t.score[a]);
  const attention: TodayCustomer[] = urgent.slice(0, limit).map((i) => {
    const reason = leadingReason(book, i);
    const id = t.id[i];
    return {
      id, name: t.name[i], grade: t.grade[i] as TodayCustomer['grade'], score: t.score[i] === t.score[i] ? Math.round(t.score[i]) : null, tier: t.tier[i], owner: t.owner[i],
      overdue: t.overdueBalance[i], atRisk: Math.round(atRisk[i]), currency: t.currency[i], reason,
      value: reason?.indicator ? book.risk.values[indicatorIndex(reason.indicator)][i] : NaN,
      next: proposalsFor(r, reason, book.locale)[0] ?? null, openActions: openBy.get(id) ?? 0, alerts: alertsBy.get(id) ?? 0,
    };
  });

  const open = [...r.actions.values()].filter((a) => a.status === 'open' && (!owner || a.owner === owner));
  open.sort((a, b) => a.due.localeCompare(b.due));
  const asOf = book.asOf;
  const nameOf = (id: string) => book.rowOfCustomer(id)?.name ?? id;
  const actions = open.slice(0, limit * 2).map((a) => ({ ...a, name: nameOf(a.customerId) }));

  // Reviews due: every customer's next review against its tier's cadence, counted over the
  // whole book in day numbers; only the first few (key accounts first, the longest due first) become lines.
  const last = r.lastReviews();
  const asOfDay = book.asOfDayNumber;
  const due = new TopK<{ id: string; i: number; day: number; last: string | null }>(limit, (a, b) => TIER_RANK[t.tier[a.i]] - TIER_RANK[t.tier[b.i]] || a.day - b.day);
  let reviewsDue = 0;
  for (let no = 0; no < book.shardCount; no++) {
    const cols = book.shard(no).customers;
    if (!cols.n) continue;
    const since = cols.cols.since as Int32Array;
    const { ids, at } = book.positions.of(no);
    for (let k = 0; k < cols.n; k++) {
      const id = ids[k], i = at[k];
      if (i === undefined || i < 0 || !mine(i)) continue;
      const lastIso = last.get(id) ?? null;
      const next = nextReviewDay(lastIso ? dayFromIso(lastIso) : NO_DAY, firstSeenDay(book, i, since[k]), t.tier[i] as Tier, r.cadence);
      const day = next === NO_DAY ? asOfDay : next;
      if (day - asOfDay > DUE_AHEAD_DAYS) continue;
      reviewsDue++;
      due.offer({ id, i, day, last: lastIso });
    }
  }
  const reviews: TodayView['reviews'] = due.sorted().map((v) => {
    const when = isoFromDay(v.day);
    return { id: v.id, name: t.name[v.i], tier: t.tier[v.i], due: when, state: reviewState(when, asOf), last: v.last };
  });

  // Overdue invoices, longest overdue first.
  const invoices: OverdueInvoice[] = [];
  for (let no = 0; no < book.shardCount; no++) {
    for (const inv of overdueInvoices(book.shard(no).events.invoice, book.asOfDayNumber)) {
      const i = book.positionOf(inv.customerId);
      if (i !== undefined && mine(i)) invoices.push(inv);
    }
  }
  invoices.sort((a, b) => b.days - a.days || b.amount - a.amount);

  return {
    asOf, attention, attentionTotal: urgent.length,
    actions, actionsOpen: open.length, actionsOverdue: open.filter((a) => a.due < asOf).length,
    reviews, reviewsDue,
    invoices: invoices.slice(0, limit).map((v) => ({ ...v, name: nameOf(v.customerId) })), invoicesOverdue: invoices.length,
  };
}

/** The first `k` of a stream by `order`, kept without sorting the stream. */
class TopK<T> {
  private readonly items: T[] = [];
  constructor(private readonly k: number, private readonly order: (a: T, b: T) => number) {}
  offer(x: T): void {
    const items = this.items;
    if (this.k <= 0) return;
    if (items.length === this.k && this.order(x, items[items.length - 1]) >= 0) return;
    let at = items.length;
    while (at > 0 && this.order(x, items[at - 1]) < 0) at--;
    items.splice(at, 0, x);
    if (items.length > this.k) items.pop();
  }
  sorted(): T[] {
    return this.items;
  }
}
